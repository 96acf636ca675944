//! OpenAPI 3.1 paths of every simulated Bland endpoint (merged into `GET /_sim/openapi.json`).
//! Schemas are inline (the admin document owns `components`). They describe what the simulator
//! answers, including its errors, so schemathesis can check every response against them.

use serde_json::{Value, json};

fn s(t: &str) -> Value {
    json!({"type": t})
}
fn opt(t: &str) -> Value {
    json!({"type": [t, "null"]})
}

fn auth() -> Value {
    json!({"name": "authorization", "in": "header", "required": true,
           "description": "The raw API key (no `Bearer`). Simulator default: sk-sim-bland-0001.",
           "schema": {"type": "string", "examples": ["sk-sim-bland-0001"]}})
}

fn path_param(name: &str, example: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "schema": {"type": "string", "examples": [example]}})
}

fn query(name: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "schema": schema})
}

/// Optional properties of request bodies also accept `null` (the core reads `null` as absent), so
/// say so: otherwise a schema-checker sending `null` would expect a refusal.
fn nullable_optionals(mut schema: Value) -> Value {
    fn walk(v: &mut Value) {
        let required: Vec<String> = v
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(Value::Object(props)) = v.get_mut("properties") {
            for (name, p) in props.iter_mut() {
                walk(p);
                if required.contains(name) {
                    continue;
                }
                if let Some(t) = p.get_mut("type") {
                    match t {
                        Value::String(one) => *t = json!([one.clone(), "null"]),
                        Value::Array(many) if !many.contains(&json!("null")) => {
                            many.push(json!("null"))
                        }
                        _ => {}
                    }
                } else if let Some(Value::Array(e)) = p.get_mut("enum")
                    && !e.contains(&Value::Null)
                {
                    e.push(Value::Null);
                }
            }
        }
        if let Some(items) = v.get_mut("items") {
            walk(items);
        }
    }
    walk(&mut schema);
    schema
}

fn content(schema: Value) -> Value {
    json!({"application/json": {"schema": schema}})
}

fn resp(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": content(schema)})
}

fn status_error() -> Value {
    json!({"type": "object", "required": ["status", "message"],
           "properties": {"status": {"const": "error"}, "message": s("string"),
                          "errors": {"type": "array", "items": s("string")}}})
}

fn data_error() -> Value {
    json!({"type": "object", "required": ["data", "errors"],
           "properties": {"data": s("null"), "errors": {"type": "array", "minItems": 1, "items": {
               "type": "object", "required": ["error", "message"],
               "properties": {"error": s("string"), "message": s("string")}}}}})
}

/// The standard error responses of a v1 (`status`) or v2 (`data`) endpoint.
fn errors(v2: bool, codes: &[u16]) -> Vec<(String, Value)> {
    let e = if v2 { data_error() } else { status_error() };
    let mut out = vec![(
        "401".to_owned(),
        resp("missing or unknown API key", data_error()),
    )];
    for c in codes {
        let what = match c {
            400 => "invalid parameters (the core's messages)",
            404 => "not found",
            429 => "refused: same number within 10 s, concurrency cap, blacklisted number",
            _ => "error",
        };
        out.push((c.to_string(), resp(what, e.clone())));
    }
    out
}

fn op(
    id: &str,
    summary: &str,
    params: Vec<Value>,
    body: Option<Value>,
    ok: Value,
    v2: bool,
    codes: &[u16],
) -> Value {
    let mut parameters = vec![auth()];
    parameters.extend(params);
    let mut responses = serde_json::Map::new();
    responses.insert("200".into(), resp("success", ok));
    for (k, v) in errors(v2, codes) {
        responses.insert(k, v);
    }
    let mut o = json!({"operationId": id, "summary": summary, "tags": ["bland"],
                       "parameters": parameters, "responses": responses});
    if let Some(b) = body {
        // An inbound update with no body changes nothing and is accepted (with a warning).
        let required = id != "blandUpdateInbound";
        o["requestBody"] = json!({"required": required, "content": content(nullable_optionals(b))});
    }
    o
}

/// The shared call options (docs.bland.ai/api-v1/post/calls), as accepted by the core.
fn call_options() -> serde_json::Map<String, Value> {
    let obj = json!({"type": "object"});
    let props = json!({
        "task": s("string"), "pathway_id": s("string"), "pathway_version": {"type": "integer", "minimum": 0, "maximum": 4_294_967_295u64},
        "start_node_id": s("string"), "voice": s("string"), "first_sentence": s("string"),
        "persona_id": s("string"), "model": {"enum": ["base", "turbo", "enhanced"]},
        "language": s("string"), "wait_for_greeting": s("boolean"),
        "temperature": {"type": "number", "minimum": 0, "maximum": 1},
        "interruption_threshold": {"type": "integer", "minimum": 0, "maximum": 4_294_967_295u64},
        "from": s("string"), "timezone": s("string"), "start_time": s("string"),
        "transfer_phone_number": s("string"),
        "transfer_list": {"type": "object", "additionalProperties": s("string")},
        "max_duration": {"type": "integer", "minimum": 1, "maximum": 720},
        "tools": {"type": "array"}, "background_track": s("string"),
        "noise_cancellation": s("boolean"), "block_interruptions": s("boolean"), "record": s("boolean"),
        "voicemail": obj, "citation_schema_ids": {"type": "array", "items": s("string")},
        "summary_prompt": s("string"), "retry": obj,
        "dispositions": {"type": "array", "items": s("string")},
        "request_data": obj, "metadata": obj,
        "webhook": {"type": "string", "format": "uri", "examples": ["https://127.0.0.1:9/hook"]},
        "webhook_events": {"type": "array", "items": s("string")},
        "keywords": {"type": "array", "items": s("string"), "maxItems": 20},
        "ignore_button_press": s("boolean"), "precall_dtmf_sequence": s("string"),
        "analysis_schema": {"type": "object", "additionalProperties": s("string"),
                            "examples": [{"email": "email", "agreed": "boolean", "when": "YYYY-MM-DD HH:MM:SS"}]},
        "amd": s("boolean"), "answered_by_enabled": s("boolean")
    });
    match props {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

fn phone() -> Value {
    json!({"type": "string", "description": "E.164; `+` optional, US without a country code",
           "examples": ["+12015550100", "+12015550105", "+12015550107"]})
}

fn send_call_body() -> Value {
    let mut p = call_options();
    p.insert("phone_number".into(), phone());
    json!({"type": "object", "required": ["phone_number"], "properties": p, "additionalProperties": false,
           "examples": [{"phone_number": "+12015550100", "task": "Say hello to {{name}}.", "request_data": {"name": "Ada"}}]})
}

fn call_object() -> Value {
    json!({"type": "object", "required": ["call_id", "c_id", "to", "from", "completed", "created_at", "queue_status"],
    "properties": {
        "call_id": s("string"), "c_id": s("string"), "call_length": s("number"),
        "corrected_duration": s("string"), "batch_id": opt("string"), "to": s("string"), "from": s("string"),
        "completed": s("boolean"), "inbound": s("boolean"), "created_at": s("string"),
        "started_at": opt("string"), "end_at": opt("string"),
        "queue_status": {"enum": ["new", "queued", "allocated", "started", "complete", "pre_queue_error", "queue_error", "call_error", "complete_error"]},
        "status": {"enum": ["completed", "failed", "busy", "no-answer", "canceled", null]},
        "answered_by": {"enum": ["human", "voicemail", "unknown", "no-answer", null]},
        "error_message": opt("string"), "price": opt("number"),
        "request_data": {}, "metadata": {}, "variables": s("object"), "summary": opt("string"),
        "analysis": {"type": ["object", "null"]}, "analysis_schema": {"type": ["object", "null"]},
        "concatenated_transcript": s("string"),
        "transcripts": {"type": "array", "items": {"type": "object", "required": ["id", "user", "text", "created_at"],
            "properties": {"id": s("integer"), "user": {"enum": ["user", "assistant", "robot", "agent-action"]},
                           "text": s("string"), "created_at": s("string"), "c_id": s("string")}}},
        "call_ended_by": {"enum": ["ASSISTANT", "USER", null]}, "recording_url": opt("string"),
        "disposition_tag": opt("string"), "record": s("boolean")
    }})
}

fn analyze_body() -> Value {
    json!({"type": "object", "required": ["questions"], "additionalProperties": false,
           "properties": {"goal": s("string"), "questions": {"type": "array", "minItems": 1, "items": {
               "type": "array", "prefixItems": [s("string"), s("string")], "minItems": 2, "maxItems": 2}}},
           "examples": [{"goal": "Renewals", "questions": [["Did they agree?", "boolean"]]}]})
}

fn batch_body() -> Value {
    let mut p = call_options();
    p.remove("task");
    for (k, v) in [
        ("base_prompt", s("string")),
        (
            "call_data",
            json!({"type": "array", "minItems": 1, "items": {"type": "object", "required": ["phone_number"],
            "properties": {"phone_number": phone()}}}),
        ),
        ("label", s("string")),
        ("campaign_id", s("string")),
        ("test_mode", s("boolean")),
        ("batch_id", s("string")),
        ("voice_id", { json!({"type": "integer", "minimum": 0}) }),
        ("reduce_latency", s("boolean")),
        ("batch_webhook", s("string")),
    ] {
        p.insert(k.into(), v);
    }
    json!({"type": "object", "required": ["call_data"], "properties": p, "additionalProperties": false,
           "examples": [{"base_prompt": "Hi {{name}}", "call_data": [{"phone_number": "+12015550100", "name": "Ada"}]}]})
}

fn batch_v2_body() -> Value {
    let mut g = call_options();
    g.remove("pathway_version");
    let mut o = call_options();
    o.insert("phone_number".into(), phone());
    o.insert("b_cid".into(), s("string"));
    json!({"type": "object", "required": ["global", "call_objects"], "additionalProperties": false,
        "properties": {
            "global": {"type": "object", "properties": g, "additionalProperties": false},
            "call_objects": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["phone_number"], "properties": o, "additionalProperties": false}},
            "description": {"type": "string", "maxLength": 60},
            "status_webhook": {"type": "string", "examples": ["https://127.0.0.1:9/status"]}},
        "examples": [{"global": {"task": "Remind {{name}}"}, "call_objects": [{"phone_number": "+12015550100", "request_data": {"name": "Ada"}}]}]})
}

fn inbound_body() -> Value {
    json!({"type": "object", "additionalProperties": false, "properties": {
        "prompt": s("string"), "pathway_id": opt("string"), "voice": s("string"), "background_track": opt("string"),
        "first_sentence": s("string"), "wait_for_greeting": s("boolean"), "interruption_threshold": {"type": "integer", "minimum": 0, "maximum": 4_294_967_295u64},
        "model": {"enum": ["base", "turbo", "enhanced"]}, "tools": {"type": "array", "items": {"type": ["object", "string"]}},
        "language": {"type": "string", "description": "Documented: ENG, ESP, FRE, POL, GER, ITA, PBR, POR; others are accepted (Bland adds languages without notice)"}, "timezone": s("string"),
        "transfer_phone_number": opt("string"), "transfer_list": {"type": "object", "additionalProperties": s("string")},
        "dynamic_data": {"type": ["object", "array", "string"], "description": "an object, or null / \"\" to clear"}, "keywords": {"type": "array", "items": s("string"), "maxItems": 20}, "max_duration": {"type": "integer", "minimum": 1, "maximum": 720},
        "webhook": s("string"), "analysis_schema": s("object"), "metadata": s("object"), "record": s("boolean")},
        "examples": [{"prompt": "You answer for Acme.", "webhook": "https://127.0.0.1:9/hook"}]})
}

fn success(extra: Value) -> Value {
    let mut base = json!({"type": "object", "required": ["status"], "properties": {"status": {"const": "success"}, "message": s("string")}});
    if let (Some(p), Value::Object(e)) = (base["properties"].as_object_mut(), extra) {
        p.extend(e);
    }
    base
}

fn data_ok(data: Value) -> Value {
    json!({"type": "object", "required": ["data", "errors"], "properties": {"data": data, "errors": s("null")}})
}

fn batch_v2() -> Value {
    json!({"type": "object", "required": ["id", "created_at", "base_prompt"], "properties": {
        "id": s("string"), "user_id": s("string"), "base_prompt": s("string"), "created_at": s("string"),
        "call_objects": s("array"), "description": opt("string")}})
}

/// OpenAPI 3.1 paths of the simulated Bland endpoints.
pub fn openapi_paths() -> Value {
    let id = |n: &str| path_param(n, "00000000-0000-4000-8000-000000000000");
    let int = json!({"type": "integer", "minimum": 0, "maximum": u64::MAX});
    let take = json!({"type": "integer", "minimum": 1, "maximum": u32::MAX});
    let boolean = json!({"type": "boolean"});
    let legacy_params = json!({"type": "object", "properties": {"id": s("string"), "batch_id": s("string"),
        "campaign_id": opt("string"), "label": opt("string"), "base_prompt": opt("string"),
        "endpoint_code": s("string"), "call_params": s("object"), "created_at": s("string")}});
    json!({
        "/v1/calls": {
            "post": op("blandSendCall", "Send a call", vec![], Some(send_call_body()),
                success(json!({"call_id": s("string"), "batch_id": s("null")})), false, &[400, 429]),
            "get": op("blandListCalls", "List calls", vec![
                    query("from", int.clone()), query("to", int.clone()), query("limit", take.clone()),
                    query("ascending", boolean.clone()), query("batch_id", s("string")),
                    query("to_number", s("string")), query("from_number", s("string")),
                    query("completed", boolean.clone()), query("created_at", s("string")),
                    query("start_date", s("string")), query("end_date", s("string"))],
                None,
                json!({"type": "object", "required": ["total_count", "count", "calls"], "properties": {
                    "total_count": s("integer"), "count": s("integer"), "calls": {"type": "array", "items": call_object()}}}),
                false, &[400])
        },
        "/v1/calls/{call_id}": {"get": op("blandGetCall", "Call details", vec![id("call_id")], None, call_object(), false, &[404])},
        "/v1/calls/{call_id}/stop": {"post": op("blandStopCall", "Stop a call", vec![id("call_id")], None, success(json!({})), false, &[400, 404])},
        "/v1/calls/{call_id}/analyze": {"post": op("blandAnalyzeCall", "Analyze a call", vec![id("call_id")], Some(analyze_body()),
            success(json!({"answers": s("array")})), false, &[400, 404])},
        "/v1/batches": {
            "post": op("blandCreateBatch", "Create a legacy batch", vec![], Some(batch_body()),
                json!({"type": "object", "required": ["message", "batch_id"], "properties": {"message": {"const": "success"}, "batch_id": s("string")}}),
                false, &[400]),
            "get": op("blandListBatches", "List legacy batches", vec![
                    query("campaign_id", s("string")), query("from", int.clone()), query("to", int.clone()),
                    query("limit", take.clone()), query("ascending", boolean.clone())], None,
                success(json!({"batches": {"type": "array", "items": legacy_params.clone()}})), false, &[400])
        },
        "/v1/batches/{batch_id}": {"get": op("blandGetBatch", "Legacy batch details", vec![id("batch_id"),
                query("include_calls", boolean.clone()), query("include_transcripts", boolean.clone()), query("include_analysis", boolean.clone())],
            None,
            json!({"type": "object", "required": ["status", "batch_params"], "properties": {
                "status": {"enum": ["in-progress", "completed"]}, "batch_params": legacy_params,
                "analysis": {"type": "object", "required": ["total_calls", "queue_statuses", "call_lengths"], "properties": {
                    "total_calls": s("integer"), "completed_calls": s("integer"), "in_progress_calls": s("integer"),
                    "queue_statuses": {"type": "object", "additionalProperties": s("integer")},
                    "call_lengths": s("object"), "call_ids": s("array"), "error_messages": s("array")}},
                "call_data": {"type": "array", "items": call_object()}}}),
            false, &[400, 404])},
        "/v1/batches/{batch_id}/stop": {"post": op("blandStopBatch", "Stop a legacy batch", vec![id("batch_id")], None,
            success(json!({"num_calls": s("integer"), "batch_id": s("string")})), false, &[404])},
        "/v1/batches/{batch_id}/analyze": {"post": op("blandAnalyzeBatch", "Analyze a legacy batch", vec![id("batch_id")], Some(analyze_body()),
            success(json!({"answers": s("object"), "credits_used": s("number")})), false, &[400, 404])},
        "/v1/batches/{batch_id}/analysis": {"get": op("blandGetBatchAnalysis", "Stored analyses of a legacy batch", vec![id("batch_id")], None,
            success(json!({"analysis": {"type": "array", "items": {"type": "object", "properties": {
                "call_id": s("string"), "batch_id": s("string"), "goal": opt("string"), "answers": s("array"), "questions": s("array")}}}})),
            false, &[404])},
        "/v2/batches/create": {"post": op("blandCreateBatchV2", "Create a batch", vec![], Some(batch_v2_body()),
            data_ok(json!({"type": "object", "required": ["batch_id"], "properties": {"batch_id": s("string")}})), true, &[400])},
        "/v2/batches/list": {"get": op("blandListBatchesV2", "List batches", vec![query("take", take.clone()), query("skip", int.clone())], None,
            data_ok(json!({"type": "array", "items": batch_v2()})), true, &[400])},
        "/v2/batches/{batch_id}": {"get": op("blandGetBatchV2", "Batch", vec![id("batch_id")], None, data_ok(batch_v2()), true, &[404])},
        "/v2/batches/{batch_id}/logs": {"get": op("blandBatchV2Logs", "Batch logs", vec![id("batch_id"),
                query("take", take), query("skip", int), query("direction", json!({"enum": ["asc", "desc"]}))], None,
            data_ok(json!({"type": "array", "items": {"type": "object", "required": ["id", "batch_id", "event_type", "timestamp", "payload"],
                "properties": {"id": s("integer"), "batch_id": s("string"), "org_id": s("string"),
                    "event_type": {"enum": ["lifecycle", "complete"]}, "timestamp": s("string"), "payload": s("object")}}})),
            true, &[400, 404])},
        "/v2/batches/{batch_id}/stop": {"post": op("blandStopBatchV2", "Stop a batch", vec![id("batch_id")], None, data_ok(s("null")), true, &[404])},
        "/v1/inbound": {"get": op("blandListInbound", "List inbound numbers", vec![], None,
            json!({"type": "object", "required": ["inbound_numbers"], "properties": {"inbound_numbers": {"type": "array", "items": s("object")}}}),
            false, &[])},
        "/v1/inbound/{phone_number}": {
            "post": op("blandUpdateInbound", "Update an inbound number", vec![path_param("phone_number", "%2B13334445555")],
                Some(inbound_body()), success(json!({"updates": s("object"), "failed_updates": s("object")})), false, &[400]),
            "get": op("blandGetInbound", "Inbound number settings", vec![path_param("phone_number", "+13334445555")], None,
                json!({"type": "object", "required": ["phone_number"], "properties": {"phone_number": s("string"), "created_at": s("string")}}),
                false, &[400, 404])
        }
    })
}

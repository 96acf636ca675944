//! `GET /_sim/openapi.json`: an OpenAPI 3.1 description of the admin endpoints and the Bland REST
//! endpoints, so tools like schemathesis can exercise the server.

use serde_json::{Value, json};

fn error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}
    })
}

fn admin_paths() -> Value {
    let err = json!({"description": "invalid input", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AdminError"}}}});
    json!({
        "/_sim/health": {"get": {"operationId": "health", "responses": {"200": {"description": "alive",
            "content": {"application/json": {"schema": {"type": "object", "required": ["status", "now_ms", "speed", "seed", "calls"],
                "properties": {"status": {"const": "ok"}, "now_ms": {"type": "integer"}, "real_now_ms": {"type": "integer"},
                    "speed": {"type": "number"}, "seed": {"type": "integer"}, "calls": {"type": "integer"},
                    "compaction_pending": {"type": "integer", "minimum": 0}}}}}}}}},
        "/_sim/calls": {"get": {"operationId": "listCalls",
            "parameters": [
                {"name": "vendor", "in": "query", "schema": {"enum": ["bland", "aliyun", "tencent"]}},
                {"name": "status", "in": "query", "schema": {"$ref": "#/components/schemas/Status"}},
                {"name": "to", "in": "query", "schema": {"type": "string"}},
                {"name": "batch_id", "in": "query", "schema": {"type": "string"}},
                {"name": "terminal", "in": "query", "schema": {"enum": ["true", "false"]}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}
            ],
            "responses": {"200": {"description": "calls", "content": {"application/json": {"schema": {"type": "object",
                "required": ["total", "now_ms", "calls"],
                "properties": {"total": {"type": "integer"}, "now_ms": {"type": "integer"},
                    "calls": {"type": "array", "items": {"$ref": "#/components/schemas/CallView"}}}}}}},
                "400": err.clone()}}},
        "/_sim/webhooks": {"get": {"operationId": "listWebhooks", "responses": {"200": {"description": "every delivery",
            "content": {"application/json": {"schema": {"type": "object", "required": ["deliveries"],
                "properties": {"deliveries": {"type": "array", "items": {"type": "object"}}}}}}}}}},
        "/_sim/reset": {"post": {"operationId": "reset", "responses": {"200": {"description": "state cleared"}}}},
        "/_sim/clock": {"get": {"operationId": "clock", "responses": {"200": {"description": "simulated time"}}}},
        "/_sim/clock/advance": {"post": {"operationId": "advanceClock",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["seconds"],
                "properties": {"seconds": {"type": "number", "minimum": 0}}}}}},
            "responses": {"200": {"description": "new time"}, "400": err.clone()}}},
        "/_sim/clock/speed": {"post": {"operationId": "setSpeed",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["speed"],
                "properties": {"speed": {"type": "number", "minimum": 0}}}}}},
            "responses": {"200": {"description": "new speed"}, "400": err.clone()}}},
        "/_sim/faults": {
            "get": {"operationId": "getFaults", "responses": {"200": {"description": "fault rules"}}},
            "put": {"operationId": "putFaults",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FaultConfig"}}}},
                "responses": {"200": {"description": "rules in force"}, "400": err.clone()}},
            "delete": {"operationId": "clearFaults", "responses": {"200": {"description": "no rules"}}}},
        "/_sim/openapi.json": {"get": {"operationId": "openapi", "responses": {"200": {"description": "this document"}}}}
    })
}

fn components() -> Value {
    json!({
        "schemas": {
            "AdminError": error_schema(),
            "Status": {"enum": ["queued", "ringing", "in_progress", "completed", "no_answer", "busy", "failed", "voicemail", "canceled"]},
            "CallView": {"type": "object",
                "required": ["vendor", "id", "to", "status", "created_at", "duration_seconds"],
                "properties": {"vendor": {"enum": ["bland", "aliyun", "tencent"]}, "id": {"type": "string"},
                    "batch_id": {"type": ["string", "null"]}, "to": {"type": "string"}, "from": {"type": ["string", "null"]},
                    "status": {"$ref": "#/components/schemas/Status"}, "created_at": {"type": "integer"},
                    "answered_at": {"type": ["integer", "null"]}, "ended_at": {"type": ["integer", "null"]},
                    "duration_seconds": {"type": "number"}, "plan": {"type": "object"}}},
            "FaultConfig": {"type": "object", "properties": {"rules": {"type": "array", "items": {"type": "object",
                "required": ["vendor"],
                "properties": {"vendor": {"enum": ["bland", "aliyun", "tencent"]}, "operation": {"type": "string"},
                    "error_rate": {"type": "number", "minimum": 0, "maximum": 1}, "error": {"type": "string"},
                    "error_status": {"type": "integer"}, "error_message": {"type": "string"},
                    "latency_ms": {"type": "integer", "minimum": 0},
                    "commit_then_timeout_rate": {"type": "number", "minimum": 0, "maximum": 1},
                    "hang_ms": {"type": "integer", "minimum": 0}},
                "additionalProperties": false}}}, "additionalProperties": false}
        }
    })
}

pub fn document() -> Value {
    let mut paths = admin_paths();
    if let (Some(p), Value::Object(b)) =
        (paths.as_object_mut(), crate::vendors::bland_openapi_paths())
    {
        p.extend(b);
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "callplane-sim", "version": env!("CARGO_PKG_VERSION"),
            "description": "Admin API of callplane-sim and the Bland.ai REST endpoints it simulates. Alibaba (RPC) and Tencent (API 3.0) are single-path signed protocols, not described here."},
        "paths": paths,
        "components": components()
    })
}

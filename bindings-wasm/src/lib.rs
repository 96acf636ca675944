//! `@callplane/wasm`: callplane's pure API for browsers and Node, over wasm-bindgen.
//!
//! Every export is a few lines over [`callplane_core::js`], which the Node addon wraps the same
//! way: JS values in, JS values out, errors as real JS `Error`s (see [`into_error`]). This crate
//! only moves values across the boundary and supplies the platform's clock and randomness
//! ([`Platform`]).
//!
//! Values cross as JSON text (`JSON.stringify` → `serde_json`, `serde_json` → `JSON.parse`): one
//! boundary crossing per argument instead of one per property, which is what makes a 100k-row
//! preflight fast (see BENCHMARKS.md § wasm), and `JSON.stringify` escapes lone surrogates so that
//! `serde_json` refuses them with a typed `invalid_json` error instead of silently replacing them.
//! The JSON data model applies: `undefined` properties are dropped, `NaN` becomes `null`, `Date`s
//! become strings; a `BigInt` or a cycle is an `invalid_json` error.

use callplane_core::Error;
use callplane_core::js::{self, Host};
use serde_json::Value;
use wasm_bindgen::prelude::*;

mod types;

#[wasm_bindgen]
extern "C" {
    /// `crypto.getRandomValues` (browsers, workers, Node ≥ 19).
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;
}

/// The platform's clock and randomness, used when the caller's options leave them out.
struct Platform;

impl Host for Platform {
    fn now_ms(&self) -> i64 {
        // Date.now() is an integral number of milliseconds well inside i64.
        js_sys::Date::now() as i64
    }

    /// A UUID v4 from `crypto.getRandomValues`; where there is none, `Math.random` (a nonce needs
    /// to be unique, not secret: Alibaba uses it to refuse replays).
    fn nonce(&self) -> String {
        let mut b = [0u8; 16];
        if get_random_values(&mut b).is_err() {
            for x in &mut b {
                *x = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }
}

/// The JS argument called `name` as JSON. `undefined` (an omitted argument) is `null`.
fn from_js(value: &JsValue, name: &str) -> Result<Value, JsValue> {
    let text = text_of(value, name)?;
    js::arg_from_json_text(name, text.as_deref()).map_err(into_error)
}

/// The optional `options` argument; absent, it reads as `undefined` (the defaults).
fn options_of(options: Option<JsValue>) -> Result<Value, JsValue> {
    from_js(&options.unwrap_or(JsValue::UNDEFINED), "options")
}

/// The JS argument called `name` as JSON text (`JSON.stringify`'s output): `undefined` and `null`
/// are `"null"`, a function or a symbol `None` (which the core reports as [`from_js`] does).
fn text_of(value: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Some("null".into()));
    }
    let text = js_sys::JSON::stringify(value).map_err(|e| {
        let why = e
            .dyn_into::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        into_error(js::arg_not_json(name, &why))
    })?;
    // `stringify` gives `undefined` for functions and symbols.
    Ok(text.dyn_ref::<js_sys::JsString>().and_then(utf8_of))
}

/// A JSON result as a JS value.
fn to_js(value: &Value) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        into_error(Error::Json {
            message: format!("the result could not be written: {e}"),
        })
    })?;
    js_sys::JSON::parse(&text)
}

/// A callplane error as a real JS `Error` (`name` "CallplaneError") carrying the properties of
/// [`js::error_to_js`]: `code`, `issues`, `vendor`, `vendorCode`, `httpStatus`, `requestId`,
/// `retryClass`…
pub fn into_error(e: Error) -> JsValue {
    let shape = js::error_to_js(&e);
    let message = shape["message"].as_str().unwrap_or("callplane error");
    let err = js_sys::Error::new(message);
    err.set_name("CallplaneError");
    if let Value::Object(fields) = &shape {
        for (k, v) in fields {
            if k == "message" {
                continue;
            }
            let v = to_js(v).unwrap_or(JsValue::NULL);
            // Setting a property on a fresh Error cannot fail.
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
        }
    }
    err.into()
}

/// Run a core function and convert its result.
fn run(f: impl FnOnce() -> callplane_core::Result<Value>) -> Result<JsValue, JsValue> {
    match f() {
        Ok(v) => to_js(&v),
        Err(e) => Err(into_error(e)),
    }
}

/// Every operation: `[{name, vendor, createsCalls}]`.
#[wasm_bindgen(unchecked_return_type = "OperationInfo[]")]
pub fn operations() -> Result<JsValue, JsValue> {
    to_js(&js::operations())
}

/// Check `input` for `operation` without building anything: every problem at once.
///
/// Typed in `types.rs` (generic over the operation: `input` is its generated input interface),
/// which wasm-bindgen's own signatures cannot express.
#[wasm_bindgen(skip_typescript)]
pub fn validate(
    operation: JsValue,
    input: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (op, input, options) = (
        from_js(&operation, "operation")?,
        from_js(&input, "input")?,
        options_of(options)?,
    );
    run(|| js::validate(&op, input, options, &Platform))
}

/// Validate, map and sign the request for `operation`; send it with `fetch`. Typed in
/// `types.rs`, like [`validate`].
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request(
    operation: JsValue,
    credentials: JsValue,
    input: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (op, creds, input, options) = (
        from_js(&operation, "operation")?,
        from_js(&credentials, "credentials")?,
        from_js(&input, "input")?,
        options_of(options)?,
    );
    run(|| js::build_request(&op, creds, input, options, &Platform))
}

/// Read the vendor's answer to `operation`; vendor errors throw. Typed in `types.rs` (`data` is
/// the operation's generated output type), like [`validate`].
#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(operation: JsValue, response: JsValue) -> Result<JsValue, JsValue> {
    let (op, response) = (
        from_js(&operation, "operation")?,
        from_js(&response, "response")?,
    );
    run(|| js::parse_response(&op, response))
}

#[wasm_bindgen(module = "/js/preflight-rows.js")]
extern "C" {
    /// Builds the documented result from the columns (see the file).
    /// `text` as UTF-8 bytes, decoded in JS (see `preflightRowsUtf8`).
    #[wasm_bindgen(js_name = preflightRowsUtf8)]
    fn preflight_rows(head: &str, text: &[u8], ends: &[u32]) -> JsValue;
    /// `TextEncoder.encodeInto(text, buf).written`, or `u32::MAX` when `buf` was too small for
    /// all of `text`.
    #[wasm_bindgen(js_name = utf8Into)]
    fn utf8_into(text: &js_sys::JsString, buf: &mut [u8]) -> u32;
    /// `TextEncoder.encodeInto(text)` into `memory` at byte `at` with `room` bytes free: the bytes
    /// written, or `u32::MAX` when `room` was too small.
    #[wasm_bindgen(js_name = utf8At)]
    fn utf8_at(text: &js_sys::JsString, memory: &JsValue, at: u32, room: u32) -> u32;
}

/// A JS string as UTF-8, written into the module's memory by `TextEncoder.encodeInto` (a copy
/// in native code). wasm-bindgen's own string passing copies ASCII one character at a time in a
/// JS loop: 31 ms for the 11.6 MB of a 100k-row batch in Node, against 2 ms (BENCHMARKS.md §
/// wasm). Only for text from `JSON.stringify`, which escapes lone surrogates, so nothing is lost.
fn utf8_of(text: &js_sys::JsString) -> Option<String> {
    let units = text.length() as usize;
    // JSON text is mostly ASCII (one byte per UTF-16 unit): try a buffer a little larger than
    // that first. A 3× buffer every time cost a 35 MB memset (dlmalloc's calloc reuses memory)
    // per 100k-row batch.
    let first = units.checked_add(units / 16 + 64)?;
    let mut buf = vec![0u8; first];
    let written = utf8_into(text, &mut buf);
    if written != u32::MAX {
        buf.truncate(written as usize);
        return String::from_utf8(buf).ok();
    }
    // Each UTF-16 unit is at most three UTF-8 bytes.
    let mut buf = vec![0u8; units.checked_mul(3)?];
    let written = utf8_into(text, &mut buf);
    buf.truncate(usize::try_from(written).ok().filter(|&n| n <= buf.len())?);
    String::from_utf8(buf).ok()
}

#[wasm_bindgen(module = "/js/batch-text.js")]
extern "C" {
    /// The state the pieces of `batch`'s JSON text are read from, or `null` for a batch that must
    /// be stringified whole (see the file).
    #[wasm_bindgen(js_name = batchTextStart)]
    fn batch_text_start(batch: &JsValue) -> JsValue;
    /// The next piece: a string, `undefined` after the last, `null` to give up.
    #[wasm_bindgen(js_name = batchTextNext)]
    fn batch_text_next(state: &JsValue) -> JsValue;
}

/// `batch`'s JSON text (`JSON.stringify(batch)`) with `callData` stringified 1,000 rows at a time
/// by `js/batch-text.js` and each piece encoded straight into this buffer: no 11.6 MB JS string
/// for a 100k-row batch (BENCHMARKS.md § wasm). `None` when the snippet declines (an unusual
/// batch, or a stringify that throws): the caller then stringifies the batch whole.
#[doc(hidden)]
pub fn batch_text(batch: &JsValue) -> Option<String> {
    let state = batch_text_start(batch);
    if state.is_null() {
        return None;
    }
    let memory = wasm_bindgen::memory();
    let mut buf: Vec<u8> = Vec::new();
    loop {
        let piece = batch_text_next(&state);
        if piece.is_undefined() {
            break;
        }
        let piece = piece.dyn_into::<js_sys::JsString>().ok()?;
        // Each UTF-16 unit is at most three UTF-8 bytes.
        let most = (piece.length() as usize).checked_mul(3)?;
        buf.reserve(most);
        let room = u32::try_from(buf.capacity() - buf.len()).ok()?;
        // The address of the spare capacity: wasm32 addresses are u32.
        let at = u32::try_from(buf.as_mut_ptr() as usize + buf.len()).ok()?;
        let written = utf8_at(&piece, &memory, at, room);
        if written > room {
            return None;
        }
        // SAFETY: `encodeInto` wrote `written` (≤ `room`) bytes into the spare capacity at `at`,
        // which `reserve` allocated and nothing else uses while `buf` is borrowed here.
        unsafe { buf.set_len(buf.len() + written as usize) };
    }
    // `encodeInto` writes UTF-8 (and the pieces end between characters); checked, not assumed.
    String::from_utf8(buf).ok()
}

/// Check and preview a Bland `POST /v1/batches` body, row by row.
#[wasm_bindgen(js_name = preflightBlandBatch, unchecked_return_type = "PreflightResult")]
pub fn preflight_bland_batch(
    #[wasm_bindgen(unchecked_param_type = "BlandBatch")] batch: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PreflightOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let batch = match batch_text(&batch) {
        Some(text) => Some(text),
        None => text_of(&batch, "batch")?,
    };
    let options = options_of(options)?;
    // The batch's text is read row by row into the checks (no `Value` per row); the result comes
    // back in columns and `preflight-rows.js` builds the row objects with `slice`: see
    // BENCHMARKS.md § wasm for the alternatives measured.
    match js::preflight_bland_batch_text_columns(batch.as_deref(), options, &Platform) {
        Ok(c) => Ok(preflight_rows(&c.head, c.text.as_bytes(), &c.ends)),
        Err(e) => Err(into_error(e)),
    }
}

#[wasm_bindgen(module = "/js/preflight-rows.js")]
extern "C" {
    /// `preflightRowsUtf8` with each row's CSV line (`lines[index]`) added.
    #[wasm_bindgen(js_name = preflightCsvRowsUtf8)]
    fn preflight_csv_rows(head: &str, text: &[u8], ends: &[u32], lines: &[u32]) -> JsValue;
}

/// `csvText` as UTF-8, written by `TextEncoder.encodeInto` into spare capacity (one native copy;
/// [`utf8_of`]'s zeroed buffer was a memset of the whole text per call). `encodeInto` writes a
/// lone surrogate as U+FFFD: where that character appears (never in ASCII text), the string is
/// checked, and a lone surrogate is refused rather than silently replaced.
fn csv_text_of(value: &JsValue) -> Result<String, JsValue> {
    let refuse = |p| into_error(js::csv_text_error(p));
    // A file's bytes (`await file.arrayBuffer()`): one copy, checked as UTF-8.
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return String::from_utf8(bytes.to_vec())
            .map_err(|e| refuse(js::CsvTextProblem::NotUtf8(e.utf8_error().valid_up_to())));
    }
    let s = value
        .dyn_ref::<js_sys::JsString>()
        .ok_or_else(|| refuse(js::CsvTextProblem::NotAString))?;
    let text = utf8_unzeroed(s).ok_or_else(|| refuse(js::CsvTextProblem::LoneSurrogate))?;
    if !text.is_ascii() && text.contains('\u{fffd}') && !s.is_valid_utf16() {
        return Err(refuse(js::CsvTextProblem::LoneSurrogate));
    }
    Ok(text)
}

/// A JS string as UTF-8, encoded straight into a fresh buffer's spare capacity: first a little
/// more than one byte per UTF-16 unit (ASCII), else three (the most a unit takes).
fn utf8_unzeroed(text: &js_sys::JsString) -> Option<String> {
    let units = text.length() as usize;
    let memory = wasm_bindgen::memory();
    for room in [units.checked_add(units / 16 + 64)?, units.checked_mul(3)?] {
        let mut buf: Vec<u8> = Vec::with_capacity(room);
        let room = u32::try_from(buf.capacity()).ok()?;
        // The address of the buffer: wasm32 addresses are u32.
        let at = u32::try_from(buf.as_mut_ptr() as usize).ok()?;
        let written = utf8_at(text, &memory, at, room);
        if written <= room {
            // SAFETY: `encodeInto` wrote `written` (≤ `room`, the capacity) bytes at the start
            // of `buf`'s allocation, which nothing else uses while `buf` lives here.
            unsafe { buf.set_len(written as usize) };
            // `encodeInto` writes UTF-8; checked, not assumed.
            return String::from_utf8(buf).ok();
        }
    }
    None
}

/// Check and preview a Bland batch whose rows are a CSV file's text (a string, or its UTF-8
/// bytes as a `Uint8Array`, which crosses faster): the header names the
/// variables, one column is the phone number (`options.phoneColumn`, else `phone_number`,
/// `phoneNumber` or `phone`). The result is `preflightBlandBatch`'s on those rows, each with its
/// CSV `line`, the CSV's problems first in `issues` (with their `line`).
#[wasm_bindgen(js_name = preflightBlandCsv, unchecked_return_type = "PreflightCsvResult")]
pub fn preflight_bland_csv(
    #[wasm_bindgen(unchecked_param_type = "BlandCsvBatch")] batch: JsValue,
    #[wasm_bindgen(js_name = csvText, unchecked_param_type = "string | Uint8Array")]
    csv_text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PreflightCsvOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let batch = from_js(&batch, "batch")?;
    let text = csv_text_of(&csv_text)?;
    let options = options_of(options)?;
    // The CSV is read record by record into the checks in the module (no JS object, no JSON per
    // row); the result comes back in columns like `preflightBlandBatch`'s (BENCHMARKS.md § wasm).
    match js::preflight_bland_csv_columns(batch, &text, options, &Platform) {
        Ok(c) => Ok(preflight_csv_rows(
            &c.columns.head,
            c.columns.text.as_bytes(),
            &c.columns.ends,
            &c.lines,
        )),
        Err(e) => Err(into_error(e)),
    }
}

/// The variables of a `{{template}}`, in order of first appearance.
#[wasm_bindgen(js_name = templateVariables, unchecked_return_type = "string[]")]
pub fn template_variables(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
) -> Result<JsValue, JsValue> {
    let template = from_js(&template, "template")?;
    run(|| js::template_variables(&template))
}

/// Render a template for one row; throws when the row lacks variables.
#[wasm_bindgen(js_name = renderTemplate, unchecked_return_type = "string")]
pub fn render_template(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] row: JsValue,
) -> Result<JsValue, JsValue> {
    let (template, row) = (from_js(&template, "template")?, from_js(&row, "row")?);
    run(|| js::render_template(&template, row))
}

/// Render a template for every row; one result per row.
#[wasm_bindgen(js_name = renderBatch, unchecked_return_type = "RenderResult[]")]
pub fn render_batch(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    let (template, rows) = (from_js(&template, "template")?, from_js(&rows, "rows")?);
    run(|| js::render_batch(&template, rows))
}

/// Every syntax error of a template, with line and column.
#[wasm_bindgen(js_name = checkTemplate, unchecked_return_type = "TemplateCheck")]
pub fn check_template(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
) -> Result<JsValue, JsValue> {
    let template = from_js(&template, "template")?;
    run(|| js::check_template(&template))
}

/// A phone number in E.164 and in the vendor's wire format.
#[wasm_bindgen(js_name = normalizePhone, unchecked_return_type = "PhoneInfo")]
pub fn normalize_phone(
    #[wasm_bindgen(unchecked_param_type = "Vendor")] vendor: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let (vendor, input) = (from_js(&vendor, "vendor")?, from_js(&input, "input")?);
    run(|| js::normalize_phone(&vendor, &input))
}

/// The `X-Webhook-Signature` Bland sends with `body`.
#[wasm_bindgen(js_name = signBlandWebhook, unchecked_return_type = "string")]
pub fn sign_bland_webhook(
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let (secret, body) = (from_js(&secret, "secret")?, from_js(&body, "body")?);
    run(|| js::sign_bland_webhook(&secret, &body))
}

/// Whether `signature` is Bland's signature of the raw `body` text (constant time).
#[wasm_bindgen(js_name = verifyBlandWebhook, unchecked_return_type = "boolean")]
pub fn verify_bland_webhook(
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] signature: JsValue,
) -> Result<JsValue, JsValue> {
    let (secret, body, signature) = (
        from_js(&secret, "secret")?,
        from_js(&body, "body")?,
        from_js(&signature, "signature")?,
    );
    run(|| js::verify_bland_webhook(&secret, &body, &signature))
}

/// Sign a request you built (your own body and action) as callplane signs its own: TC3, ACS3 or
/// RPC v1, or Bland's `authorization` header.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "BuiltRequest")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "Credentials")] credentials: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BuildOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (creds, request, options) = (
        from_js(&credentials, "credentials")?,
        from_js(&request, "request")?,
        options_of(options)?,
    );
    run(|| js::sign_request(creds, request, options, &Platform))
}

/// Sign many requests in one call, each with a fresh nonce.
#[wasm_bindgen(js_name = signRequests, unchecked_return_type = "BuiltRequest[]")]
pub fn sign_requests(
    #[wasm_bindgen(unchecked_param_type = "Credentials")] credentials: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object[]")] requests: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (creds, requests, options) = (
        from_js(&credentials, "credentials")?,
        from_js(&requests, "requests")?,
        options_of(options)?,
    );
    run(|| js::sign_requests(creds, requests, options, &Platform))
}

/// Check a campaign for `vendor`: every problem of the campaign and of each contact.
#[wasm_bindgen(js_name = checkCampaign, unchecked_return_type = "CampaignCheck")]
pub fn check_campaign(
    #[wasm_bindgen(unchecked_param_type = "Campaign")] campaign: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Vendor")] vendor: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (campaign, vendor, options) = (
        from_js(&campaign, "campaign")?,
        from_js(&vendor, "vendor")?,
        options_of(options)?,
    );
    run(|| js::check_campaign(campaign, &vendor, options, &Platform))
}

/// The exact vendor requests that carry out a campaign on `vendor`; throws for campaign errors.
#[wasm_bindgen(js_name = planCampaign, unchecked_return_type = "CampaignPlan")]
pub fn plan_campaign(
    #[wasm_bindgen(unchecked_param_type = "Campaign")] campaign: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Vendor")] vendor: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (campaign, vendor, options) = (
        from_js(&campaign, "campaign")?,
        from_js(&vendor, "vendor")?,
        options_of(options)?,
    );
    run(|| js::plan_campaign(campaign, &vendor, options, &Platform))
}

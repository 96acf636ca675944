//! The pure functions, with the names and shapes of `@callplane/wasm`: each is a thin call into
//! [`callplane_core::js`], with arguments and results crossing as JSON text ([`json_text`]) and
//! errors in the shared shape (`js::error_to_js`). `tests/js/suite.mjs` runs against both
//! packages to prove they answer alike.

use crate::engine::{unix_ms, uuid_v4};
use crate::{errors, json_text};
use callplane_core::js::{self, Host};
use napi::bindgen_prelude::{BufferSlice, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;
use serde_json::Value;

/// The system clock and random UUID nonces, used when the caller's options leave them out.
struct Platform;

impl Host for Platform {
    fn now_ms(&self) -> i64 {
        unix_ms()
    }
    fn nonce(&self) -> String {
        uuid_v4()
    }
}

/// Read the arguments, run `f`, and hand its result back to JS; a panic is an `internal_error`.
fn run<'env, const N: usize>(
    env: &'env Env,
    args: [(Unknown<'_>, &str); N],
    f: impl FnOnce([Value; N]) -> callplane_core::Result<Value>,
) -> napi::Result<Unknown<'env>> {
    run_text(env, args, |values| result_text(&f(values)?))
}

/// A result as JSON text for `json_text::text_to_js` (which `JSON.parse`s it on the JS side).
fn result_text(out: &impl serde::Serialize) -> callplane_core::Result<String> {
    serde_json::to_string(out).map_err(|e| callplane_core::Error::Json {
        message: format!("the result could not be written: {e}"),
    })
}

/// [`run`] for a result the core writes as JSON text itself (`JSON.parse`d on the JS side).
fn run_text<'env, const N: usize>(
    env: &'env Env,
    args: [(Unknown<'_>, &str); N],
    f: impl FnOnce([Value; N]) -> callplane_core::Result<String>,
) -> napi::Result<Unknown<'env>> {
    errors::guard(|| {
        let mut values: [Value; N] = std::array::from_fn(|_| Value::Null);
        for (slot, (arg, name)) in values.iter_mut().zip(args) {
            // SAFETY: `env` and `arg` are the handles of the N-API call in progress.
            *slot = unsafe { json_text::from_js(env.raw(), arg.raw(), name) }?;
        }
        let text = f(values).map_err(errors::js)?;
        // SAFETY: as above; the result is a fresh value of this call.
        let raw = unsafe { json_text::text_to_js(env.raw(), &text) }?;
        Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) })
    })
}

/// Every operation: `[{name, vendor, createsCalls}]` (`bland.sendCall`, `tencent.createAICall`).
#[napi(
    ts_return_type = "Array<{ name: string; vendor: 'bland' | 'aliyun' | 'tencent'; createsCalls: boolean }>"
)]
pub fn operations(env: &Env) -> napi::Result<Unknown<'_>> {
    run(env, [], |[]| Ok(js::operations()))
}

/// Check `input` for `operation` without building anything: every problem at once, paths in JS
/// names (`callData[3].phoneNumber`). Throws only for a bad `operation` or `options`.
#[napi(
    ts_generic_types = "Op extends OperationName",
    ts_args_type = "operation: Op, input: OperationInput<Op>, options?: { nowMs?: number }",
    ts_return_type = "ValidationResult"
)]
pub fn validate<'env>(
    env: &'env Env,
    operation: Unknown<'_>,
    input: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [
        (operation, "operation"),
        (input, "input"),
        (options, "options"),
    ];
    run(env, args, |[op, input, options]| {
        js::validate(&op, input, options, &Platform)
    })
}

/// Validate, map to wire names and sign the request for `operation` (fresh timestamp and nonce
/// unless `options` gives them); send it with `fetch` or any HTTP client. `headers` is a list of
/// `[name, value]` pairs; `body` the text to send or `null`.
#[napi(
    js_name = "buildRequest",
    ts_generic_types = "Op extends OperationName",
    ts_args_type = "operation: Op, credentials: Record<string, unknown>, input: OperationInput<Op>, options?: { nowMs?: number; nonce?: string }",
    ts_return_type = "BuiltRequest"
)]
pub fn build_request<'env>(
    env: &'env Env,
    operation: Unknown<'_>,
    credentials: Unknown<'_>,
    input: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [
        (operation, "operation"),
        (credentials, "credentials"),
        (input, "input"),
        (options, "options"),
    ];
    run(env, args, |[op, creds, input, options]| {
        js::build_request(&op, creds, input, options, &Platform)
    })
}

/// Read the vendor's answer (`{status, headers, body}`) to `operation`: `{data, requestId,
/// httpStatus, raw}`, `data` in JS names. A vendor error (any envelope) throws.
#[napi(
    js_name = "parseResponse",
    ts_generic_types = "Op extends OperationName",
    ts_args_type = "operation: Op, response: { status: number; headers?: Record<string, string> | Array<[string, string]>; body?: string | null }",
    ts_return_type = "ParsedResponse<OperationOutput<Op>>"
)]
pub fn parse_response<'env>(
    env: &'env Env,
    operation: Unknown<'_>,
    response: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [(operation, "operation"), (response, "response")];
    run(env, args, |[op, response]| {
        js::parse_response(&op, response)
    })
}

/// Check and preview a Bland `POST /v1/batches` body row by row, in one call: each row's number
/// in E.164, rendered prompt, missing variables and issues, and a summary. `options.rows`:
/// `'all'` (default), `'problems'` (only rows with something to fix) or `'none'`.
#[napi(
    js_name = "preflightBlandBatch",
    ts_args_type = "batch: Record<string, unknown>, options?: { nowMs?: number; rows?: 'all' | 'problems' | 'none' }",
    ts_return_type = "PreflightResult"
)]
pub fn preflight_bland_batch<'env>(
    env: &'env Env,
    batch: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    // The batch crosses as JSON text that the core reads row by row into its checks (no `Value`
    // per row); the result is written straight to JSON text and `JSON.parse`d. The package entry
    // (`callplane.js`) uses `preflightBlandBatchColumns` instead, which returns the same result
    // faster; this export is what `index.js` alone offers.
    errors::guard(|| {
        // SAFETY: `env` and the arguments are the handles of the N-API call in progress.
        let (batch, options) = unsafe { preflight_args(env, batch, options) }?;
        let text = js::preflight_bland_batch_text_json(batch.as_deref(), options, &Platform)
            .map_err(errors::js)?;
        // SAFETY: as above; the result is a fresh value of this call.
        let raw = unsafe { json_text::text_to_js(env.raw(), &text) }?;
        Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) })
    })
}

/// [`preflight_bland_batch`] in columns, `[head, text, ends]` (see `callplane_core::js::
/// PreflightColumns`), for `preflight-rows.js`, which builds the documented result with `slice`.
/// Internal: the package's `preflightBlandBatch` is that wrapper.
#[napi(js_name = "preflightBlandBatchColumns", skip_typescript)]
pub fn preflight_bland_batch_columns<'env>(
    env: &'env Env,
    batch: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    errors::guard(|| {
        // SAFETY: `env` and the arguments are the handles of the N-API call in progress.
        let (batch, options) = unsafe { preflight_args(env, batch, options) }?;
        // SAFETY: as above.
        unsafe { columns_of(env, batch.as_deref(), options) }
    })
}

/// [`preflight_bland_batch_columns`] with the batch already as UTF-8 JSON text in `bytes` (all of
/// it), which `callplane.js` writes with `Buffer.write` into a buffer it reuses: the 11.6 MB text
/// of a 100k-row batch is then read where it lies, without V8 flattening one huge string and
/// `napi_get_value_string_utf8` transcoding it into a fresh copy (BENCHMARKS.md § npm package).
/// The text must be `JSON.stringify`'s, so the result is the same as passing the batch itself.
/// Internal.
#[napi(js_name = "preflightBlandBatchColumnsBytes", skip_typescript)]
pub fn preflight_bland_batch_columns_bytes<'env>(
    env: &'env Env,
    bytes: BufferSlice<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    errors::guard(|| {
        // `Buffer.write` of a JS string never writes invalid UTF-8 (a lone surrogate becomes
        // U+FFFD, and `JSON.stringify` escapes those anyway); checked, not assumed.
        let batch = std::str::from_utf8(&bytes)
            .map_err(|_| errors::coded("internal_error", "the batch text is not UTF-8"))?;
        // SAFETY: `env` and `options` are the handles of the N-API call in progress.
        let options = unsafe { json_text::from_js(env.raw(), options.raw(), "options") }?;
        // SAFETY: as above.
        unsafe { columns_of(env, Some(batch), options) }
    })
}

/// The preflight of the batch text in columns, as the JS array `[head, text, ends]`.
///
/// # Safety
/// `env` must be the environment of the N-API call in progress.
unsafe fn columns_of<'env>(
    env: &'env Env,
    batch: Option<&str>,
    options: Value,
) -> napi::Result<Unknown<'env>> {
    let columns =
        js::preflight_bland_batch_text_columns(batch, options, &Platform).map_err(errors::js)?;
    // SAFETY: per this function's contract; the array is a fresh value of this call.
    let raw = unsafe { crate::columns::to_js(env.raw(), columns) }?;
    Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) })
}

/// The batch as JSON text and the options as JSON, read in that order (as `run` reads arguments).
///
/// # Safety
/// `env` and the arguments must be the handles of the N-API call in progress.
unsafe fn preflight_args(
    env: &Env,
    batch: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<(Option<String>, Value)> {
    let batch = unsafe { json_text::text_of(env.raw(), batch.raw(), "batch") }?;
    let options = unsafe { json_text::from_js(env.raw(), options.raw(), "options") }?;
    Ok((batch, options))
}

/// Check and preview a Bland batch whose rows are a CSV file's text (a string, or its UTF-8
/// bytes: a `Buffer` from `fs.readFileSync`): the header names the variables, one column is the
/// phone number (`options.phoneColumn`, else `phone_number`, `phoneNumber` or `phone`). The
/// result is `preflightBlandBatch`'s on those rows, each with its CSV `line`; the CSV's problems
/// come first in `issues`, with their `line`.
#[napi(
    js_name = "preflightBlandCsv",
    ts_args_type = "batch: Record<string, unknown>, csvText: string | Uint8Array, options?: { nowMs?: number; rows?: 'all' | 'problems' | 'none'; phoneColumn?: string }",
    ts_return_type = "PreflightCsvResult"
)]
pub fn preflight_bland_csv<'env>(
    env: &'env Env,
    batch: Unknown<'_>,
    csv_text: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    // What `index.js` alone offers; the package entry (`callplane.js`) uses
    // `preflightBlandCsvColumns` (same result, rows built from columns).
    errors::guard(|| {
        // SAFETY: `env` and the arguments are the handles of the N-API call in progress.
        let (batch, text, options) = unsafe { csv_args(env, batch, csv_text, options) }?;
        let text = js::preflight_bland_csv(batch, &text, options, &Platform)
            .and_then(|out| result_text(&out))
            .map_err(errors::js)?;
        // SAFETY: as above; the result is a fresh value of this call.
        let raw = unsafe { json_text::text_to_js(env.raw(), &text) }?;
        Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) })
    })
}

/// [`preflight_bland_csv`] in columns, `[head, text, ends, lines]`, for `preflight-rows.js`
/// (`preflightRows`, then `withLines`). Internal: the package's `preflightBlandCsv` is that wrapper.
#[napi(js_name = "preflightBlandCsvColumns", skip_typescript)]
pub fn preflight_bland_csv_columns<'env>(
    env: &'env Env,
    batch: Unknown<'_>,
    csv_text: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    errors::guard(|| {
        // SAFETY: `env` and the arguments are the handles of the N-API call in progress.
        let (batch, text, options) = unsafe { csv_args(env, batch, csv_text, options) }?;
        let c = js::preflight_bland_csv_columns(batch, &text, options, &Platform)
            .map_err(errors::js)?;
        // SAFETY: as above; the array is a fresh value of this call.
        let raw = unsafe { crate::columns::to_js_with_lines(env.raw(), c) }?;
        Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) })
    })
}

/// The batch as JSON, `csvText` as UTF-8 and the options as JSON, read in that order.
///
/// # Safety
/// `env` and the arguments must be the handles of the N-API call in progress.
unsafe fn csv_args(
    env: &Env,
    batch: Unknown<'_>,
    csv_text: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<(Value, String, Value)> {
    let batch = unsafe { json_text::from_js(env.raw(), batch.raw(), "batch") }?;
    let text = unsafe { json_text::csv_text(env.raw(), csv_text.raw()) }?;
    let options = unsafe { json_text::from_js(env.raw(), options.raw(), "options") }?;
    Ok((batch, text, options))
}

/// The variables of a `{{template}}`, in order of first appearance.
#[napi(
    js_name = "templateVariables",
    ts_args_type = "template: string",
    ts_return_type = "string[]"
)]
pub fn template_variables<'env>(
    env: &'env Env,
    template: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    run(env, [(template, "template")], |[t]| {
        js::template_variables(&t)
    })
}

/// Render a template for one row; throws `validation_failed` listing every missing variable.
#[napi(
    js_name = "renderTemplate",
    ts_args_type = "template: string, row: Record<string, unknown>",
    ts_return_type = "string"
)]
pub fn render_template<'env>(
    env: &'env Env,
    template: Unknown<'_>,
    row: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [(template, "template"), (row, "row")];
    run(env, args, |[t, row]| js::render_template(&t, row))
}

/// Render a template for every row: `{ok: true, text}` or `{ok: false, issues}` per row.
#[napi(
    js_name = "renderBatch",
    ts_args_type = "template: string, rows: Array<Record<string, unknown>>",
    ts_return_type = "Array<{ ok: true; text: string } | { ok: false; issues: Issue[] }>"
)]
pub fn render_batch<'env>(
    env: &'env Env,
    template: Unknown<'_>,
    rows: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [(template, "template"), (rows, "rows")];
    run(env, args, |[t, rows]| js::render_batch(&t, rows))
}

/// Every syntax error of a template at once, with line and column.
#[napi(
    js_name = "checkTemplate",
    ts_args_type = "template: string",
    ts_return_type = "{ ok: boolean; variables?: string[]; errors: Array<{ kind: string; line: number; column: number; message: string }> }"
)]
pub fn check_template<'env>(env: &'env Env, template: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    run(env, [(template, "template")], |[t]| js::check_template(&t))
}

/// A phone number under the vendor's rules: E.164, the vendor's wire form, region and type.
#[napi(
    js_name = "normalizePhone",
    ts_args_type = "vendor: 'bland' | 'aliyun' | 'tencent', input: string",
    ts_return_type = "{ e164: string; wire: string; region: string | null; type: string; countryCode: number; nationalNumber: string }"
)]
pub fn normalize_phone<'env>(
    env: &'env Env,
    vendor: Unknown<'_>,
    input: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [(vendor, "vendor"), (input, "input")];
    run(env, args, |[v, input]| js::normalize_phone(&v, &input))
}

/// The `X-Webhook-Signature` Bland sends with `body` (hex HMAC-SHA256 of its UTF-8 bytes).
#[napi(
    js_name = "signBlandWebhook",
    ts_args_type = "secret: string, body: string",
    ts_return_type = "string"
)]
pub fn sign_bland_webhook<'env>(
    env: &'env Env,
    secret: Unknown<'_>,
    body: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [(secret, "secret"), (body, "body")];
    run(env, args, |[s, b]| js::sign_bland_webhook(&s, &b))
}

/// Whether `signature` is Bland's signature of the raw `body` text (constant-time comparison).
#[napi(
    js_name = "verifyBlandWebhook",
    ts_args_type = "secret: string, body: string, signature: string",
    ts_return_type = "boolean"
)]
pub fn verify_bland_webhook<'env>(
    env: &'env Env,
    secret: Unknown<'_>,
    body: Unknown<'_>,
    signature: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [(secret, "secret"), (body, "body"), (signature, "signature")];
    run(env, args, |[s, b, sig]| {
        js::verify_bland_webhook(&s, &b, &sig)
    })
}

/// Sign a request you built (your own body and action) as callplane signs its own: TC3 for
/// Tencent, ACS3 (V3) or RPC v1 for Alibaba (`credentials.signature`), Bland's `authorization`.
#[napi(
    js_name = "signRequest",
    ts_args_type = "credentials: Record<string, unknown>, request: { method: string; url: string; headers?: Record<string, string> | Array<[string, string]>; body?: string | null }, options?: { nowMs?: number; nonce?: string }",
    ts_return_type = "BuiltRequest"
)]
pub fn sign_request<'env>(
    env: &'env Env,
    credentials: Unknown<'_>,
    request: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [
        (credentials, "credentials"),
        (request, "request"),
        (options, "options"),
    ];
    run(env, args, |[creds, request, options]| {
        js::sign_request(creds, request, options, &Platform)
    })
}

/// Sign many requests in one call with one signer, each with a fresh nonce.
#[napi(
    js_name = "signRequests",
    ts_args_type = "credentials: Record<string, unknown>, requests: Array<{ method: string; url: string; headers?: Record<string, string> | Array<[string, string]>; body?: string | null }>, options?: { nowMs?: number }",
    ts_return_type = "BuiltRequest[]"
)]
pub fn sign_requests<'env>(
    env: &'env Env,
    credentials: Unknown<'_>,
    requests: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let args = [
        (credentials, "credentials"),
        (requests, "requests"),
        (options, "options"),
    ];
    run(env, args, |[creds, requests, options]| {
        js::sign_requests(creds, requests, options, &Platform)
    })
}

/// Check a campaign for `vendor`: every problem of the campaign and of each contact
/// (`core::js::check_campaign`). Reading problems are issues of the result (`ok: false`); throws
/// only for a bad `vendor` or `options`.
#[napi(
    js_name = "checkCampaign",
    ts_args_type = "campaign: Campaign, vendor: Vendor, options?: { nowMs?: number }",
    ts_return_type = "CampaignCheck"
)]
pub fn check_campaign<'env>(
    env: &'env Env,
    campaign: Unknown<'_>,
    vendor: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    campaign_call(env, [campaign, vendor, options], js::check_campaign)
}

/// The exact vendor requests that carry out a campaign on `vendor` (`core::js::plan_campaign`):
/// each with its JS `input` (for `buildRequest`) and `wireInput`. Throws `validation_failed` with
/// every campaign-level problem.
#[napi(
    js_name = "planCampaign",
    ts_args_type = "campaign: Campaign, vendor: Vendor, options?: { nowMs?: number }",
    ts_return_type = "CampaignPlan"
)]
pub fn plan_campaign<'env>(
    env: &'env Env,
    campaign: Unknown<'_>,
    vendor: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    campaign_call(env, [campaign, vendor, options], js::plan_campaign)
}

/// The core's signature of `check_campaign` and `plan_campaign`.
type CampaignFn = fn(Value, &Value, Value, &dyn Host) -> callplane_core::Result<Value>;

/// `(campaign, vendor, options)` read and handed to the core's campaign function `f`.
fn campaign_call<'env>(
    env: &'env Env,
    [campaign, vendor, options]: [Unknown<'_>; 3],
    f: CampaignFn,
) -> napi::Result<Unknown<'env>> {
    let args = [
        (campaign, "campaign"),
        (vendor, "vendor"),
        (options, "options"),
    ];
    run(env, args, |[c, v, options]| f(c, &v, options, &Platform))
}

// The result types of the pure functions, for the typings only (the values are built by the core
// as JSON). Another change generates per-operation types; these stay the envelope.

/// `validate`'s answer: `ok` when no issue is an error.
#[napi(object)]
pub struct ValidationResult {
    pub ok: bool,
    /// Every problem, paths in JS names.
    pub issues: Vec<crate::clients::Issue>,
}

/// A signed request, ready to send.
#[napi(object)]
pub struct BuiltRequest {
    pub method: String,
    pub url: String,
    /// `[name, value]` pairs in order (`new Headers(pairs)` takes them).
    #[napi(ts_type = "Array<[string, string]>")]
    pub headers: Vec<Vec<String>>,
    /// The body text, or `null` for a request without one.
    #[napi(ts_type = "string | null")]
    pub body: Option<String>,
    /// Warnings about the input (errors refuse the request).
    pub warnings: Vec<crate::clients::Issue>,
}

/// A vendor's answer, read. `T` is the operation's output type (`OperationOutput<Op>`); the
/// generic exists only in TypeScript, spelled in the name as for `CallResult`.
#[napi(object, js_name = "ParsedResponse<T = Record<string, unknown>>")]
pub struct ParsedResponse {
    /// The answer in JS names; free-form user data keeps its keys.
    #[napi(ts_type = "T")]
    pub data: Value,
    #[napi(ts_type = "string | null")]
    pub request_id: Option<String>,
    pub http_status: u32,
    /// The body as the vendor sent it.
    #[napi(ts_type = "unknown")]
    pub raw: Value,
}

/// Counts over a preflighted batch.
#[napi(object)]
pub struct PreflightSummary {
    pub rows: u32,
    /// Rows without errors.
    pub ready: u32,
    pub with_errors: u32,
    pub invalid_phone_numbers: u32,
    pub missing_variables: u32,
    pub duplicates: u32,
    pub errors: u32,
    pub warnings: u32,
}

/// One row of a preflighted batch.
#[napi(object)]
pub struct PreflightRow {
    pub index: u32,
    /// The number in E.164 (Bland's wire form), or `null` when it is not valid.
    #[napi(ts_type = "string | null")]
    pub phone_number: Option<String>,
    #[napi(ts_type = "{ code: string; message: string } | null")]
    pub phone_error: Option<Value>,
    /// The rendered prompt, or `null` when the row lacks variables.
    #[napi(ts_type = "string | null")]
    pub prompt: Option<String>,
    pub missing_variables: Vec<String>,
    pub issues: Vec<crate::clients::Issue>,
}

/// `preflightBlandBatch`'s answer.
#[napi(object)]
pub struct PreflightResult {
    pub ok: bool,
    pub summary: PreflightSummary,
    /// Problems of the batch itself and unused-variable warnings.
    pub issues: Vec<crate::clients::Issue>,
    pub rows: Vec<PreflightRow>,
}

/// One row of `preflightBlandCsv`: a [`PreflightRow`] and the CSV line its record starts on.
#[napi(object)]
pub struct PreflightCsvRow {
    pub index: u32,
    /// The number in E.164 (Bland's wire form), or `null` when it is not valid.
    #[napi(ts_type = "string | null")]
    pub phone_number: Option<String>,
    #[napi(ts_type = "{ code: string; message: string } | null")]
    pub phone_error: Option<Value>,
    /// The rendered prompt, or `null` when the row lacks variables.
    #[napi(ts_type = "string | null")]
    pub prompt: Option<String>,
    pub missing_variables: Vec<String>,
    pub issues: Vec<crate::clients::Issue>,
    /// The CSV line the row's record starts on (1-based, BOM not counted).
    pub line: u32,
}

/// An issue of `preflightBlandCsv`. The CSV's own problems (`csv_syntax`, `csv_field_count`,
/// `csv_header`, `csv_phone_column`) come first, each with its `line` and the path `callData[i]`
/// (the record is row `i`) or `callData`; the others are `preflightBlandBatch`'s.
#[napi(object)]
pub struct PreflightCsvIssue {
    #[napi(ts_type = "'error' | 'warning'")]
    pub severity: String,
    #[napi(ts_type = "IssueCode")]
    pub code: String,
    pub path: String,
    pub message: String,
    /// 1-based line in the CSV text (BOM not counted); only on the CSV's own problems.
    pub line: Option<u32>,
}

/// `preflightBlandCsv`'s answer.
#[napi(object)]
pub struct PreflightCsvResult {
    pub ok: bool,
    pub summary: PreflightSummary,
    /// The CSV's problems, then those of the batch itself and unused-variable warnings.
    pub issues: Vec<PreflightCsvIssue>,
    pub rows: Vec<PreflightCsvRow>,
}

//! Templates, phone numbers and Bland webhook signatures for JS.

use super::args::{self, invalid, string};
use super::error::issues_to_js;
use crate::issue::{IssueCode, Path, Report};
use crate::json::kind_name;
use crate::template::{RenderError, Template};
use crate::{Error, Secret, Vendor, phone, sign};
use serde_json::{Map, Value, json};

fn parse_template(template: &Value) -> crate::Result<Template> {
    Ok(Template::parse(string(template, "template")?)?)
}

/// `templateVariables(template)` → the variable names in order of first appearance (dotted names
/// as written). Throws `template_syntax` (with `line`, `column`) for a bad template.
pub fn template_variables(template: &Value) -> crate::Result<Value> {
    Ok(json!(parse_template(template)?.variables()))
}

fn render_problems(e: &RenderError) -> Report {
    Report {
        issues: e.to_issues(&Path::root()),
    }
}

/// `renderTemplate(template, row)` → the rendered text. Throws `template_syntax` for a bad
/// template and `validation_failed` listing every variable the row lacks (issue paths are the
/// variable names: `customer.first_name`).
pub fn render_template(template: &Value, row: Value) -> crate::Result<Value> {
    let t = parse_template(template)?;
    let row = args::object(row, "row", false)?;
    t.render(&row)
        .map(Value::String)
        .map_err(|e| Error::Validation(render_problems(&e)))
}

/// `renderBatch(template, rows)` → one result per row: `{ok: true, text}` or
/// `{ok: false, issues}` (paths relative to the row). Throws for a bad template or when `rows`
/// is not an array.
pub fn render_batch(template: &Value, rows: Value) -> crate::Result<Value> {
    let t = parse_template(template)?;
    let rows = match rows {
        Value::Array(rows) => rows,
        other => {
            return Err(invalid(
                IssueCode::InvalidType,
                "rows",
                format!("rows must be an array, got {}", kind_name(&other)),
            ));
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    let mut text = String::new();
    for row in &rows {
        let mut m = Map::with_capacity(2);
        let result = match row {
            Value::Object(row) => {
                text.clear();
                t.render_into(row, &mut text)
                    .map_err(|e| render_problems(&e))
            }
            other => {
                let mut r = Report::new();
                r.error(
                    IssueCode::InvalidType,
                    Path::root(),
                    format!("a row must be an object, got {}", kind_name(other)),
                );
                Err(r)
            }
        };
        match result {
            Ok(()) => {
                m.insert("ok".into(), Value::Bool(true));
                m.insert("text".into(), Value::String(text.clone()));
            }
            Err(r) => {
                m.insert("ok".into(), Value::Bool(false));
                m.insert("issues".into(), issues_to_js(&r));
            }
        }
        out.push(Value::Object(m));
    }
    Ok(Value::Array(out))
}

/// `checkTemplate(template)` → `{ok, variables, errors: [{kind, line, column, message}]}`: every
/// syntax error at once (a dashboard underlines all of them); `variables` when it parses.
pub fn check_template(template: &Value) -> crate::Result<Value> {
    let source = string(template, "template")?;
    let errors = Template::check(source);
    let variables = match Template::parse(source) {
        Ok(t) => json!(t.variables()),
        Err(_) => json!([]),
    };
    let errors: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "kind": e.kind.as_str(),
                "line": e.line,
                "column": e.column,
                "message": e.message,
            })
        })
        .collect();
    Ok(json!({ "ok": errors.is_empty(), "variables": variables, "errors": errors }))
}

/// The `vendor` argument.
pub(super) fn vendor(v: &Value) -> crate::Result<Vendor> {
    match string(v, "vendor")? {
        "bland" => Ok(Vendor::Bland),
        "aliyun" => Ok(Vendor::Aliyun),
        "tencent" => Ok(Vendor::Tencent),
        other => Err(invalid(
            IssueCode::InvalidEnum,
            "vendor",
            format!("unknown vendor `{other}`; one of bland, aliyun, tencent"),
        )),
    }
}

/// `normalizePhone(vendor, input)` → `{e164, wire, region, type, countryCode, nationalNumber}`
/// with the vendor's rules (Bland: US by default, `+`/`%2B` optional; Alibaba: mainland China
/// only; Tencent: China by default). Throws the phone error (`phone_too_short`, …).
pub fn normalize_phone(vendor_name: &Value, input: &Value) -> crate::Result<Value> {
    let v = vendor(vendor_name)?;
    let input = string(input, "input")?;
    let n = phone::parse_for(v, input)?;
    let wire = phone::to_wire(v, &n)?;
    Ok(json!({
        "e164": n.e164(),
        "wire": wire,
        "region": n.region(),
        "type": n.number_type().as_str(),
        "countryCode": n.country_code(),
        "nationalNumber": n.national_number(),
    }))
}

/// `signBlandWebhook(secret, body)` → the `X-Webhook-Signature` value (hex HMAC-SHA256 of the
/// body's UTF-8 bytes).
pub fn sign_bland_webhook(secret: &Value, body: &Value) -> crate::Result<Value> {
    let secret = Secret::new(string(secret, "secret")?);
    let body = string(body, "body")?;
    Ok(Value::String(sign::bland::sign_webhook(
        &secret,
        body.as_bytes(),
    )))
}

/// `verifyBlandWebhook(secret, body, signature)` → `true` when `signature` is the body's
/// signature (constant-time comparison), `false` otherwise, malformed signatures included.
pub fn verify_bland_webhook(
    secret: &Value,
    body: &Value,
    signature: &Value,
) -> crate::Result<Value> {
    let secret = Secret::new(string(secret, "secret")?);
    let body = string(body, "body")?;
    let signature = string(signature, "signature")?;
    Ok(Value::Bool(
        sign::bland::verify_webhook(&secret, body.as_bytes(), signature).is_ok(),
    ))
}

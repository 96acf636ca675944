//! `checkCampaign` and `planCampaign`: campaigns ([`crate::campaign`]) for JS. A campaign is
//! callplane's own camelCase format, so it is read as it is; only `vendors.*` holds vendor fields
//! (in JS names, mapped like every other JS input).

use super::args::Options;
use super::error::{issue_to_js, issues_to_js};
use super::text::vendor;
use super::{Host, operation_name, schema, shape};
use crate::campaign::{self, ContactCheck, Correlation, PlannedRequest, Summary};
use crate::issue::Report;
use crate::{Context, Error};
use serde_json::{Map, Value};

fn summary_js(s: &Summary) -> Value {
    let mut m = Map::new();
    m.insert("contacts".into(), Value::from(s.contacts));
    m.insert("ready".into(), Value::from(s.ready));
    m.insert("warning".into(), Value::from(s.warning));
    m.insert("excluded".into(), Value::from(s.excluded));
    let by: Map<String, Value> = s
        .by_code
        .iter()
        .map(|(k, v)| (k.clone(), Value::from(*v)))
        .collect();
    m.insert("byCode".into(), Value::Object(by));
    Value::Object(m)
}

fn contact_js(c: &ContactCheck) -> Value {
    let mut m = Map::with_capacity(7);
    m.insert("index".into(), Value::from(c.index));
    m.insert("key".into(), Value::from(c.key.as_str()));
    m.insert(
        "e164".into(),
        c.e164.as_deref().map_or(Value::Null, Value::from),
    );
    m.insert(
        "timeZones".into(),
        Value::Array(
            c.time_zones
                .iter()
                .map(|z| Value::from(z.as_str()))
                .collect(),
        ),
    );
    m.insert(
        "sendAfterMs".into(),
        c.send_after_ms.map_or(Value::Null, Value::from),
    );
    m.insert("status".into(), Value::from(c.status.as_str()));
    m.insert(
        "issues".into(),
        Value::Array(c.issues.iter().map(issue_to_js).collect()),
    );
    Value::Object(m)
}

/// `checkCampaign(campaign, vendor, {nowMs})` → `{ok, issues, contacts, summary}`:
/// - `issues`: problems of the campaign itself (reading it, script, schedule, calling hours,
///   caller ids, vendor options, suppression list, unused variables);
/// - `contacts[i]`: `{index, key, e164, timeZones, sendAfterMs, status, issues}`, `status` one of
///   `ready`, `warning`, `excluded` (an error excludes the contact from the plan);
/// - `summary`: `{contacts, ready, warning, excluded, byCode}`;
/// - `ok`: the campaign itself has no error, so it can be planned (contacts may be excluded).
///
/// Throws only for a bad `vendor` or `options`.
pub fn check_campaign(
    campaign_value: Value,
    vendor_name: &Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let v = vendor(vendor_name)?;
    let options = Options::read(options, false, host)?;
    let (parsed, mut issues) = campaign::parse_campaign(campaign_value);
    let mut out = Map::new();
    match parsed {
        Some(c) => {
            let pre = campaign::preflight(&c, v, &Context::at(options.now_ms));
            issues.issues.extend(pre.issues);
            out.insert("ok".into(), Value::from(issues.is_ok()));
            out.insert("issues".into(), issues_to_js(&issues));
            out.insert(
                "contacts".into(),
                Value::Array(pre.contacts.iter().map(contact_js).collect()),
            );
            let mut summary = pre.summary;
            // Reading problems count too.
            summary.by_code.clear();
            for i in issues
                .issues
                .iter()
                .chain(pre.contacts.iter().flat_map(|c| &c.issues))
            {
                *summary
                    .by_code
                    .entry(i.code.as_str().to_owned())
                    .or_insert(0) += 1;
            }
            out.insert("summary".into(), summary_js(&summary));
        }
        None => {
            out.insert("ok".into(), Value::from(false));
            out.insert("issues".into(), issues_to_js(&issues));
            out.insert("contacts".into(), Value::Array(Vec::new()));
            out.insert("summary".into(), summary_js(&Summary::default()));
        }
    }
    Ok(Value::Object(out))
}

fn correlation_js(c: &Correlation) -> Value {
    let mut m = Map::with_capacity(3);
    match c {
        Correlation::BlandBatchLabel { label } => {
            m.insert("kind".into(), Value::from("bland_batch_label"));
            m.insert("label".into(), Value::from(label.as_str()));
        }
        Correlation::BlandCall { to, marker } => {
            m.insert("kind".into(), Value::from("bland_call"));
            m.insert("to".into(), Value::from(to.as_str()));
            m.insert("marker".into(), Value::from(marker.as_str()));
        }
        Correlation::AliyunTask { task_name } => {
            m.insert("kind".into(), Value::from("aliyun_task"));
            m.insert("taskName".into(), Value::from(task_name.as_str()));
        }
        Correlation::TencentCallee { callee, sdk_app_id } => {
            m.insert("kind".into(), Value::from("tencent_callee"));
            m.insert("callee".into(), Value::from(callee.as_str()));
            m.insert("sdkAppId".into(), Value::from(*sdk_app_id));
        }
    }
    Value::Object(m)
}

fn request_js(r: PlannedRequest) -> Value {
    let mut m = Map::with_capacity(8);
    m.insert("key".into(), Value::from(r.key));
    m.insert("operation".into(), Value::from(operation_name(r.operation)));
    m.insert(
        "input".into(),
        shape::input_to_js(schema::input(r.operation), r.input.clone()),
    );
    m.insert("wireInput".into(), r.input);
    m.insert(
        "contacts".into(),
        Value::Array(r.contacts.into_iter().map(Value::from).collect()),
    );
    m.insert(
        "callees".into(),
        Value::Array(r.callees.into_iter().map(Value::from).collect()),
    );
    m.insert(
        "notBeforeMs".into(),
        r.not_before_ms.map_or(Value::Null, Value::from),
    );
    m.insert("correlation".into(), correlation_js(&r.correlation));
    Value::Object(m)
}

/// `planCampaign(campaign, vendor, {nowMs})` → `{vendor, requests, excluded, explanation}`.
///
/// Each request is `{key, operation, input, wireInput, contacts, callees, notBeforeMs,
/// correlation}`: `input` is in JS names, ready for `buildRequest(operation, credentials, input)`;
/// `wireInput` is the same request in the vendor's wire names (what the core's registry takes,
/// e.g. for a dispatcher that builds requests natively). Both carry the vendor options as given,
/// secrets included (Tencent `apiKey` travels in the request body). `correlation` is
/// `{kind: "bland_batch_label", label}`, `{kind: "aliyun_task", taskName}` or
/// `{kind: "tencent_callee", callee, sdkAppId}`.
///
/// Throws `validation_failed` with every campaign-level problem (contacts with errors are only
/// listed in `excluded`, see `checkCampaign`).
pub fn plan_campaign(
    campaign_value: Value,
    vendor_name: &Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let v = vendor(vendor_name)?;
    let options = Options::read(options, false, host)?;
    let (parsed, read) = campaign::parse_campaign(campaign_value);
    let c = match parsed {
        Some(c) if !read.has_errors() => c,
        _ => return Err(Error::Validation(read)),
    };
    let plan = campaign::plan(&c, v, &Context::at(options.now_ms)).map_err(|e| match e {
        Error::Validation(mut r) => {
            let mut all = Report::new();
            all.extend(read);
            all.issues.append(&mut r.issues);
            Error::Validation(all)
        }
        other => other,
    })?;
    let mut m = Map::new();
    m.insert("vendor".into(), Value::from(plan.vendor.as_str()));
    m.insert(
        "requests".into(),
        Value::Array(plan.requests.into_iter().map(request_js).collect()),
    );
    m.insert(
        "excluded".into(),
        Value::Array(plan.excluded.into_iter().map(Value::from).collect()),
    );
    m.insert(
        "explanation".into(),
        Value::Array(plan.explanation.into_iter().map(Value::from).collect()),
    );
    Ok(Value::Object(m))
}

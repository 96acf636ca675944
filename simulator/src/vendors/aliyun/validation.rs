//! The core's validation report in Alibaba's words.
//!
//! A required parameter that is absent is refused by the POP gateway before dyvms sees the request:
//! `Missing{Param}`, HTTP 400, "{Param} is mandatory for this action." (VENDORS.md §2.2). Every other
//! problem is dyvms' own: HTTP 200 with an `isv.*` code (§2.3), the message being the core's issues.

use super::Call;
use crate::http::Reply;
use callplane_core::aliyun::codes;
use callplane_core::issue::{Issue, IssueCode, Report};

/// Parameters the API metadata marks required, so the gateway checks them: the parameter tables
/// of the three pages (help.aliyun.com, VENDORS.md §2.4–2.6) and the SDK models' required flags
/// (`@Validation(required = true)` on TaskName in the Java SDK). `CorpName` is conditional
/// (IsSelfLine) and so a dyvms rule, not a gateway one.
pub const GATEWAY_REQUIRED: &[(&str, &[&str])] = &[
    (
        "BatchRobotSmartCall",
        &["CalledShowNumber", "CalledNumber", "DialogId", "TaskName"],
    ),
    (
        "QueryCallDetailByTaskId",
        &["TaskId", "QueryDate", "Callee"],
    ),
    (
        "QueryCallDetailByCallId",
        &["CallId", "ProdId", "QueryDate"],
    ),
];

/// The reply for a report with errors.
pub fn refuse(c: &Call, action: &str, report: &Report) -> Reply {
    let errors: Vec<&Issue> = report.errors().collect();
    let required = GATEWAY_REQUIRED
        .iter()
        .find(|(a, _)| *a == action)
        .map_or(&[][..], |(_, r)| *r);
    if let Some(missing) = errors
        .iter()
        .find(|i| i.code == IssueCode::Required && required.contains(&i.path.as_str()))
    {
        let param = missing.path.as_str();
        let code = codes::missing_param_code(param);
        let message = codes::lookup(&code)
            .map(|d| d.render_message(param))
            .unwrap_or_else(|| format!("{param} is mandatory for this action."));
        return c.gateway(400, &code, &message);
    }
    let message = errors
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    c.business(business_code(&errors), &message)
}

/// The `isv.*` code for the problems found: more than 1000 callees is its own code; otherwise the
/// first problem decides.
pub fn business_code(errors: &[&Issue]) -> &'static str {
    if errors
        .iter()
        .any(|i| i.code == IssueCode::TooMany && i.path.as_str() == "CalledNumber")
    {
        return "isv.VOICE_ROBOT_CALLEE_LIMIT";
    }
    let Some(first) = errors.first() else {
        return "isv.INVALID_PARAMETERS";
    };
    let path = first.path.as_str();
    let under = |field: &str| {
        path == field
            || path.starts_with(&format!("{field}["))
            || path.starts_with(&format!("{field}."))
    };
    let phone = matches!(
        first.code,
        IssueCode::PhoneInvalidCharacters
            | IssueCode::PhoneTooShort
            | IssueCode::PhoneTooLong
            | IssueCode::PhoneInvalidForRegion
            | IssueCode::PhoneNotSupportedByVendor
            | IssueCode::InvalidFormat
    );
    match first.code {
        _ if phone && under("CalledShowNumber") => "isv.DISPLAY_NUMBER_ILLEGAL",
        _ if phone && (under("CalledNumber") || under("Callee") || under("TtsParam")) => {
            "isv.MOBILE_NUMBER_ILLEGAL"
        }
        IssueCode::TooLong => "isv.PARAM_LENGTH_LIMIT",
        IssueCode::TtsParamMismatch => "isv.TEMPLATE_PARAMS_ILLEGAL",
        _ => "isv.INVALID_PARAMETERS",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callplane_core::issue::Severity;

    fn issue(code: IssueCode, path: &str) -> Issue {
        Issue {
            severity: Severity::Error,
            code,
            path: path.into(),
            message: "m".into(),
        }
    }

    #[test]
    fn problems_map_to_documented_isv_codes() {
        let cases = [
            (
                vec![issue(IssueCode::PhoneTooShort, "CalledNumber[2]")],
                "isv.MOBILE_NUMBER_ILLEGAL",
            ),
            (
                vec![issue(IssueCode::PhoneNotSupportedByVendor, "Callee")],
                "isv.MOBILE_NUMBER_ILLEGAL",
            ),
            (
                vec![issue(IssueCode::InvalidFormat, "CalledShowNumber[0]")],
                "isv.DISPLAY_NUMBER_ILLEGAL",
            ),
            (
                vec![issue(IssueCode::TooLong, "TaskName")],
                "isv.PARAM_LENGTH_LIMIT",
            ),
            (
                vec![issue(IssueCode::TtsParamMismatch, "TtsParam[0].params")],
                "isv.TEMPLATE_PARAMS_ILLEGAL",
            ),
            (
                vec![issue(IssueCode::InvalidType, "ScheduleCall")],
                "isv.INVALID_PARAMETERS",
            ),
            (
                vec![
                    issue(IssueCode::NotInFuture, "ScheduleTime"),
                    issue(IssueCode::TooMany, "CalledNumber"),
                ],
                "isv.VOICE_ROBOT_CALLEE_LIMIT",
            ),
        ];
        for (issues, want) in cases {
            let refs: Vec<&Issue> = issues.iter().collect();
            assert_eq!(business_code(&refs), want, "{issues:?}");
        }
    }
}

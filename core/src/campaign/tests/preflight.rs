//! Every preflight rule as a table: a valid campaign, one change, and the exact issues it causes
//! (path, code, severity), campaign-level and per contact.

use super::{HOUR, NOW, campaign, read};
use crate::campaign::{ContactStatus, parse_campaign, preflight};
use crate::issue::{IssueCode as C, Severity};
use crate::{Context, Vendor};
use serde_json::{Value, json};

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

struct Case {
    name: &'static str,
    vendor: Vendor,
    patch: fn(&mut Value),
    want: &'static [(&'static str, C, Severity)],
}

/// Set (or add) the value at a JSON pointer whose parent exists.
pub(super) fn set(v: &mut Value, pointer: &str, x: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let p = v.pointer_mut(parent).unwrap_or_else(|| panic!("{parent}"));
    match p {
        Value::Object(m) => {
            m.insert(key.to_owned(), x);
        }
        Value::Array(a) => a[key.parse::<usize>().expect("an index")] = x,
        _ => panic!("{parent} is not a container"),
    }
}

const CASES: &[Case] = &[
    Case {
        name: "clean bland",
        vendor: Vendor::Bland,
        patch: |_| {},
        want: &[],
    },
    Case {
        name: "clean aliyun",
        vendor: Vendor::Aliyun,
        patch: |_| {},
        want: &[],
    },
    Case {
        name: "clean tencent",
        vendor: Vendor::Tencent,
        patch: |_| {},
        want: &[],
    },
    Case {
        name: "invalid number",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/contacts/1/phone", json!("+1 212 201")),
        want: &[("contacts[1].phone", C::PhoneTooShort, E)],
    },
    Case {
        name: "letters in number",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/contacts/1/phone", json!("call me maybe")),
        want: &[("contacts[1].phone", C::PhoneInvalidCharacters, E)],
    },
    Case {
        name: "empty number",
        vendor: Vendor::Tencent,
        patch: |v| set(v, "/contacts/2/phone", json!(" ")),
        want: &[("contacts[2].phone", C::Required, E)],
    },
    Case {
        name: "duplicate after normalisation",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/contacts/2/phone", json!("(212) 201-0000")),
        want: &[("contacts[2].phone", C::Duplicate, E)],
    },
    Case {
        name: "duplicate in another spelling on aliyun",
        vendor: Vendor::Aliyun,
        patch: |v| set(v, "/contacts/1/phone", json!("+86 139-0000-0000")),
        want: &[("contacts[1].phone", C::Duplicate, E)],
    },
    Case {
        name: "aliyun dials mainland China only",
        vendor: Vendor::Aliyun,
        patch: |v| set(v, "/contacts/1/phone", json!("+852 9123 4567")),
        want: &[("contacts[1].phone", C::PhoneNotSupportedByVendor, E)],
    },
    Case {
        name: "tencent dials Hong Kong",
        vendor: Vendor::Tencent,
        patch: |v| set(v, "/contacts/1/phone", json!("+852 9123 4567")),
        want: &[],
    },
    Case {
        name: "missing, null and non-scalar variables",
        vendor: Vendor::Tencent,
        patch: |v| {
            set(v, "/contacts/0/variables", json!({}));
            set(v, "/contacts/1/variables/name", Value::Null);
            set(v, "/contacts/2/variables/name", json!({"first": "Ann"}));
        },
        want: &[
            ("contacts[0].variables.name", C::MissingVariable, E),
            ("contacts[1].variables.name", C::MissingVariable, E),
            ("contacts[2].variables.name", C::NonScalarVariable, E),
        ],
    },
    Case {
        name: "first sentence variables are required too",
        vendor: Vendor::Tencent,
        patch: |v| {
            set(
                v,
                "/script/prompt/firstSentence",
                json!("Hello {{name}}, this is {{agent}}."),
            );
            for i in 0..3 {
                set(v, &format!("/contacts/{i}/variables/agent"), json!("Bo"));
            }
            v["contacts"][1]["variables"]
                .as_object_mut()
                .unwrap()
                .remove("agent");
        },
        want: &[("contacts[1].variables.agent", C::MissingVariable, E)],
    },
    Case {
        name: "suppressed in another spelling",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/suppression", json!(["212-201-0001", "%2B12122010002"])),
        want: &[
            ("contacts[1].phone", C::Suppressed, E),
            ("contacts[2].phone", C::Suppressed, E),
        ],
    },
    Case {
        name: "unreadable suppression entry refuses the campaign",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/suppression", json!(["not a number"])),
        want: &[("suppression[0]", C::PhoneInvalidCharacters, E)],
    },
    Case {
        name: "duplicate and empty contact ids",
        vendor: Vendor::Bland,
        patch: |v| {
            set(v, "/contacts/0/id", json!("c-1"));
            set(v, "/contacts/1/id", json!("c-1"));
            set(v, "/contacts/2/id", json!(""));
        },
        want: &[
            ("contacts[1].id", C::Duplicate, E),
            ("contacts[2].id", C::Required, E),
        ],
    },
    Case {
        name: "an id equal to another contact's number",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/contacts/2/id", json!("+12122010001")),
        want: &[("contacts[2].id", C::Duplicate, E)],
    },
    Case {
        name: "phone_number is not a variable",
        vendor: Vendor::Bland,
        patch: |v| {
            set(
                v,
                "/contacts/0/variables/phone_number",
                json!("+12125550100"),
            )
        },
        want: &[("contacts[0].variables.phone_number", C::Conflict, E)],
    },
    Case {
        name: "unused variable, once per name",
        vendor: Vendor::Bland,
        patch: |v| {
            set(v, "/contacts/1/variables/tier", json!("gold"));
            set(v, "/contacts/2/variables/tier", json!("silver"));
        },
        want: &[("contacts[1].variables.tier", C::UnusedVariable, W)],
    },
    Case {
        name: "premium-rate number is a warning",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/contacts/0/phone", json!("+1 900 234 5678")),
        want: &[("contacts[0].phone", C::PhonePremiumRate, W)],
    },
    Case {
        name: "window opens later today: deferred",
        vendor: Vendor::Bland,
        patch: |v| {
            set(
                v,
                "/callingHours",
                json!({"start": "11:00", "end": "20:00"}),
            )
        },
        want: &[
            ("contacts[0].phone", C::OutsideCallingHours, W),
            ("contacts[1].phone", C::OutsideCallingHours, W),
            ("contacts[2].phone", C::OutsideCallingHours, W),
        ],
    },
    Case {
        name: "window open now: nothing to say",
        vendor: Vendor::Bland,
        patch: |v| {
            set(
                v,
                "/callingHours",
                json!({"start": "09:00", "end": "20:00", "days": ["mon"]}),
            )
        },
        want: &[],
    },
    Case {
        name: "campaign ends before the window opens",
        vendor: Vendor::Bland,
        patch: |v| {
            set(
                v,
                "/callingHours",
                json!({"start": "11:00", "end": "20:00"}),
            );
            v["schedule"] = json!({"endAt": "2026-11-23T15:30:00Z"});
        },
        want: &[
            ("contacts[0].phone", C::OutsideCallingHours, E),
            ("contacts[1].phone", C::OutsideCallingHours, E),
            ("contacts[2].phone", C::OutsideCallingHours, E),
        ],
    },
    Case {
        name: "unknown time zone with calling hours",
        vendor: Vendor::Tencent,
        patch: |v| {
            set(v, "/contacts/0/phone", json!("+800 1234 5678"));
            set(
                v,
                "/callingHours",
                json!({"start": "00:00", "end": "24:00"}),
            );
        },
        want: &[("contacts[0].phone", C::UnknownTimeZone, E)],
    },
    Case {
        name: "bad calling hours",
        vendor: Vendor::Bland,
        patch: |v| {
            set(
                v,
                "/callingHours",
                json!({"start": "9am", "end": "", "days": []}),
            )
        },
        want: &[
            ("callingHours.start", C::InvalidFormat, E),
            ("callingHours.end", C::Required, E),
            ("callingHours.days", C::TooFew, E),
        ],
    },
    Case {
        name: "window ending before it starts",
        vendor: Vendor::Bland,
        patch: |v| {
            set(
                v,
                "/callingHours",
                json!({"start": "20:00", "end": "08:00"}),
            )
        },
        want: &[("callingHours.end", C::OutOfRange, E)],
    },
    Case {
        name: "bad schedule",
        vendor: Vendor::Bland,
        patch: |v| v["schedule"] = json!({"startAt": "tomorrow", "endAt": "2026-11-23T14:00:00Z"}),
        want: &[
            ("schedule.startAt", C::InvalidFormat, E),
            ("schedule.endAt", C::NotInFuture, E),
        ],
    },
    Case {
        name: "campaign id and contacts required",
        vendor: Vendor::Tencent,
        patch: |v| {
            set(v, "/id", json!(""));
            set(v, "/contacts", json!([]));
        },
        want: &[("id", C::Required, E), ("contacts", C::TooFew, E)],
    },
    Case {
        name: "template syntax",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/script/prompt/template", json!("Hi {{name")),
        want: &[("script.prompt.template", C::TemplateSyntax, E)],
    },
    Case {
        name: "fields the campaign owns are refused in vendor options",
        vendor: Vendor::Bland,
        patch: |v| {
            set(v, "/vendors/bland/basePrompt", json!("x"));
            set(v, "/vendors/bland/from", json!("+14157234000"));
        },
        want: &[
            ("vendors.bland.basePrompt", C::Conflict, E),
            ("vendors.bland.from", C::Conflict, E),
        ],
    },
    Case {
        name: "vendor options are validated by the vendor model, in JS names",
        vendor: Vendor::Tencent,
        patch: |v| {
            set(v, "/vendors/tencent/llmType", json!("gpt"));
            v["vendors"]["tencent"]
                .as_object_mut()
                .unwrap()
                .remove("sdkAppId");
            set(v, "/vendors/tencent/colour", json!("red"));
        },
        want: &[
            ("vendors.tencent.llmType", C::InvalidEnum, E),
            ("vendors.tencent.sdkAppId", C::Required, E),
            ("vendors.tencent.colour", C::UnknownField, E),
        ],
    },
    Case {
        name: "bland caller ids are numbers",
        vendor: Vendor::Bland,
        patch: |v| set(v, "/callerIds", json!(["+1 415 723 4000", "nope"])),
        want: &[("callerIds[1]", C::PhoneInvalidCharacters, E)],
    },
    Case {
        name: "aliyun needs display numbers and a dialog",
        vendor: Vendor::Aliyun,
        patch: |v| {
            set(v, "/callerIds", json!([]));
            v["vendors"]["aliyun"]
                .as_object_mut()
                .unwrap()
                .remove("dialogId");
        },
        want: &[
            ("callerIds", C::Required, E),
            ("vendors.aliyun.dialogId", C::Required, E),
        ],
    },
    Case {
        name: "aliyun chunk size",
        vendor: Vendor::Aliyun,
        patch: |v| set(v, "/vendors/aliyun/chunkSize", json!(1001)),
        want: &[("vendors.aliyun.chunkSize", C::OutOfRange, E)],
    },
    Case {
        name: "aliyun chunk size above the summary's 100",
        vendor: Vendor::Aliyun,
        patch: |v| set(v, "/vendors/aliyun/chunkSize", json!(500)),
        want: &[("vendors.aliyun.chunkSize", C::TooMany, W)],
    },
    Case {
        name: "an Alibaba dialog is not a prompt",
        vendor: Vendor::Tencent,
        patch: |v| {
            set(
                v,
                "/script",
                json!({"aliyunDialog": {"dialogId": "1234567"}}),
            )
        },
        want: &[("script.aliyunDialog", C::Conflict, E)],
    },
    Case {
        name: "explicit TTS variables are required per contact",
        vendor: Vendor::Aliyun,
        patch: |v| {
            set(
                v,
                "/script",
                json!({"aliyunDialog": {"dialogId": "1234567", "ttsVariables": ["name", "city"]}}),
            );
            v["vendors"]["aliyun"]
                .as_object_mut()
                .unwrap()
                .remove("dialogId");
            for i in 0..3 {
                set(v, &format!("/contacts/{i}/variables/city"), json!("杭州"));
            }
            v["contacts"][2]["variables"]
                .as_object_mut()
                .unwrap()
                .remove("city");
        },
        want: &[("contacts[2].variables.city", C::MissingVariable, E)],
    },
    Case {
        name: "aliyun dialog without ttsVariables uses every contact variable",
        vendor: Vendor::Aliyun,
        patch: |v| {
            set(
                v,
                "/script",
                json!({"aliyunDialog": {"dialogId": "1234567"}}),
            );
            v["vendors"]["aliyun"]
                .as_object_mut()
                .unwrap()
                .remove("dialogId");
            set(v, "/contacts/0/variables/city", json!("杭州"));
        },
        want: &[
            ("contacts[1].variables.city", C::MissingVariable, E),
            ("contacts[2].variables.city", C::MissingVariable, E),
        ],
    },
];

#[test]
fn every_rule_reports_exactly_its_issues() {
    let mut failures = Vec::new();
    for case in CASES {
        let mut v = campaign(case.vendor, 3);
        (case.patch)(&mut v);
        let c = read(v);
        let pre = preflight(&c, case.vendor, &Context::at(NOW));
        let mut got: Vec<(String, C, Severity)> = pre
            .issues
            .iter()
            .chain(pre.contacts.iter().flat_map(|c| &c.issues))
            .map(|i| (i.path.to_string(), i.code, i.severity))
            .collect();
        got.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.as_str().cmp(b.1.as_str())));
        let mut want: Vec<(String, C, Severity)> = case
            .want
            .iter()
            .map(|(p, c, s)| (p.to_string(), *c, *s))
            .collect();
        want.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.as_str().cmp(b.1.as_str())));
        if got != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {got:?}", case.name));
        }
        // Status follows the contact's own issues.
        for cc in &pre.contacts {
            let want = if cc.issues.iter().any(|i| i.severity == E) {
                ContactStatus::Excluded
            } else if cc.issues.is_empty() {
                ContactStatus::Ready
            } else {
                ContactStatus::Warning
            };
            assert_eq!(cc.status, want, "{}: contacts[{}]", case.name, cc.index);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn summary_counts_statuses_and_codes() {
    let mut v = campaign(Vendor::Bland, 5);
    set(&mut v, "/contacts/1/phone", json!("(212) 201-0000"));
    set(&mut v, "/contacts/2/phone", json!("+1 900 234 5678"));
    set(&mut v, "/suppression", json!(["+1 212 201 0003"]));
    let pre = preflight(&read(v), Vendor::Bland, &Context::at(NOW));
    let s = &pre.summary;
    assert_eq!((s.contacts, s.ready, s.warning, s.excluded), (5, 2, 1, 2));
    assert_eq!(s.by_code.get("duplicate"), Some(&1));
    assert_eq!(s.by_code.get("suppressed"), Some(&1));
    assert_eq!(s.by_code.get("phone_premium_rate"), Some(&1));
    assert!(pre.campaign_ok());
}

#[test]
fn contact_keys_are_ids_else_numbers() {
    let mut v = campaign(Vendor::Tencent, 3);
    set(&mut v, "/contacts/0/id", json!("crm-17"));
    set(&mut v, "/contacts/2/phone", json!("nope"));
    let pre = preflight(&read(v), Vendor::Tencent, &Context::at(NOW));
    let keys: Vec<&str> = pre.contacts.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["crm-17", "+8613900000001", "#2"]);
    assert_eq!(pre.contacts[1].time_zones, ["Asia/Shanghai"]);
}

#[test]
fn reading_reports_every_shape_problem_at_its_input_index() {
    let (c, r) = parse_campaign(json!({
        "id": "x",
        "colour": "red",
        "contacts": [{"phone": "+12122010000"}, 7, {"phone": 5}, {"phone": "+12122010001", "vars": {}}],
        "callingHours": {"start": 9}
    }));
    let got: Vec<(String, C)> = r
        .issues
        .iter()
        .map(|i| (i.path.to_string(), i.code))
        .collect();
    for want in [
        ("colour", C::UnknownField),
        ("contacts[1]", C::InvalidType),
        ("contacts[2].phone", C::InvalidType),
        ("contacts[3].vars", C::UnknownField),
        ("callingHours.start", C::InvalidType),
    ] {
        assert!(
            got.contains(&(want.0.to_owned(), want.1)),
            "{want:?} not in {got:?}"
        );
    }
    // Indexes stay the input's: the unreadable contact is an empty one at its place.
    let c = c.expect("readable");
    assert_eq!(c.contacts.len(), 4);
    assert_eq!(c.contacts[3].phone, "+12122010001");
}

#[test]
fn deferred_contacts_know_when_their_window_opens() {
    let mut v = campaign(Vendor::Bland, 1);
    set(
        &mut v,
        "/callingHours",
        json!({"start": "11:00", "end": "20:00"}),
    );
    let pre = preflight(&read(v), Vendor::Bland, &Context::at(NOW));
    // New York 10:00 at NOW: the window opens in one hour.
    assert_eq!(pre.contacts[0].send_after_ms, Some(NOW + HOUR));
    assert_eq!(pre.contacts[0].status, ContactStatus::Warning);
}

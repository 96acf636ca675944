//! The campaign section of the typings: `Vendor` and `IssueCode` written from the core's lists,
//! then the types of `checkCampaign` / `planCampaign` ([`CAMPAIGN_TYPES`]). Both npm packages
//! export those two functions over `callplane_core::js` and include this one file, so their
//! campaign typings cannot differ.

use callplane_core::IssueCode;
use callplane_core::api::registry::Operation;
use std::fmt::Write as _;

/// The campaign declarations, hand-written once: the results are JSON built by
/// `core/src/js/campaign.rs`, not Rust models the generator could read. `tests/tests/typegen.rs`
/// checks their keys, kinds and statuses against the core.
pub const CAMPAIGN_TYPES: &str = include_str!("campaign.d.ts");

/// The vendors, in the order the operation list first names them.
fn vendors() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for op in Operation::ALL {
        let v = op.vendor().as_str();
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The section's text: `Vendor`, `IssueCode`, then [`CAMPAIGN_TYPES`] without its file comment.
pub fn section() -> String {
    let mut text = String::from("// ---- Vendors, issue codes, campaigns ----\n\n");
    let quoted = |names: Vec<&str>| -> String {
        names
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join("\n  | ")
    };
    let _ = writeln!(
        text,
        "/** The three vendors. */\nexport type Vendor =\n  | {};\n",
        quoted(vendors())
    );
    let codes: Vec<&str> = IssueCode::ALL.iter().map(|c| c.as_str()).collect();
    let _ = writeln!(
        text,
        "/** Stable validation codes (`Issue.code`). */\nexport type IssueCode =\n  | {};\n",
        quoted(codes)
    );
    let body = CAMPAIGN_TYPES
        .lines()
        .skip_while(|l| l.starts_with("//") || l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    text.push_str(&body);
    text.push('\n');
    text
}

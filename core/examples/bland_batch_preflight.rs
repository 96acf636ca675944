//! Preflight of the batch from Bland's own batch guide (the French guide's example, committed
//! verbatim as JSON in `data/bland_seed_batch.json`): read it as user JSON, validate it, normalise
//! every number, render every prompt, and print what would be sent — or why not.
//!
//! `cargo run -p callplane-core --example bland_batch_preflight`

use callplane_core::bland::{self, RowNumber, RowPrompt};
use callplane_core::template::VariableProblem;
use callplane_core::{Context, Severity};
use serde_json::Value;
use std::time::{SystemTime, UNIX_EPOCH};

const SEED: &str = include_str!("data/bland_seed_batch.json");

fn main() {
    let value: Value = match serde_json::from_str(SEED) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("data/bland_seed_batch.json is not JSON: {e}");
            std::process::exit(2);
        }
    };
    // The core never reads a clock; the caller passes "now" in.
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let ctx = Context::at(now_ms);

    println!("Bland batch from the vendor's batch guide (POST https://api.bland.ai/v1/batches)\n");
    let (batch, parse_report) = bland::parse_batch(value, &ctx);
    let Some(batch) = batch else {
        println!("The input could not be read as a batch:");
        for i in &parse_report.issues {
            println!("  {:<7} {:<26} {i}", severity(i.severity), i.code);
        }
        std::process::exit(1);
    };
    println!(
        "base_prompt: {}\n",
        batch.base_prompt.as_deref().unwrap_or("(none)")
    );

    let pre = bland::preflight_batch(&batch, &ctx);
    let given: Vec<String> = batch
        .call_data
        .iter()
        .map(|r| match r.phone_number() {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => "(none)".to_owned(),
        })
        .collect();
    let w_given = given
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);

    let table: Vec<(usize, String, String)> = pre
        .rows()
        .map(|row| {
            let number = match row.number {
                RowNumber::Valid(e164) => e164.to_string(),
                RowNumber::Invalid(e) => format!("✗ {} ({})", e.message, e.code()),
                RowNumber::Missing => "✗ phone_number is missing".to_owned(),
                RowNumber::NotAString => "✗ phone_number is not a string".to_owned(),
            };
            let prompt = match row.prompt {
                RowPrompt::Rendered(p) => p.to_owned(),
                RowPrompt::Missing(problems) => {
                    let names: Vec<String> = problems
                        .iter()
                        .map(|p| match p {
                            VariableProblem::Missing(n) => format!("`{n}` missing"),
                            VariableProblem::NonScalar(n) => format!("`{n}` is not text"),
                        })
                        .collect();
                    format!("✗ {}", names.join(", "))
                }
                RowPrompt::NotRendered => "(not rendered)".to_owned(),
            };
            (row.index, number, prompt)
        })
        .collect();
    let w_number = table
        .iter()
        .map(|(_, n, _)| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(15);

    println!(
        "{:<4} {:<w_given$}  {:<w_number$}  prompt (or missing variables)",
        "row", "number given", "E.164 / problem"
    );
    println!("{}", "-".repeat(4 + 1 + w_given + 2 + w_number + 2 + 40));
    for (index, number, prompt) in &table {
        let g = given.get(*index).map(String::as_str).unwrap_or("");
        println!("{index:<4} {g:<w_given$}  {number:<w_number$}  {prompt}");
    }

    let report = pre.report();
    println!(
        "\nEvery issue ({} error(s), {} warning(s)):",
        report.errors().count(),
        report.warnings().count()
    );
    if report.issues.is_empty() {
        println!("  none");
    }
    for i in &report.issues {
        println!("  {:<7} {:<26} {i}", severity(i.severity), i.code);
    }
    println!(
        "\n{} of {} row(s) ready to call; the batch {} be sent as is.",
        pre.ready_rows(),
        pre.len(),
        if pre.is_ok() { "can" } else { "cannot" }
    );
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

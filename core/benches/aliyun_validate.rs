//! Cost of checking a full Alibaba robot task before money is spent: reading and validating a
//! 1000-callee `BatchRobotSmartCall` (JSON in, every number normalised, TtsParam cross-checked),
//! and producing its wire parameters.
//!
//! Run: `cargo bench -p callplane-core --bench aliyun_validate`

use callplane_core::Context;
use callplane_core::aliyun::{BatchRobotSmartCall, parse_and_validate};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

fn batch(n: usize) -> Value {
    let numbers: Vec<String> = (0..n).map(|i| format!("139{i:08}")).collect();
    let tts: Vec<Value> = numbers
        .iter()
        .map(|n| json!({"number": n, "params": ["小王", "100"]}))
        .collect();
    json!({
        "CalledShowNumber": ["13700000000"],
        "CorpName": "阿里巴巴通信技术(北京)有限公司",
        "CalledNumber": numbers,
        "DialogId": "1234567",
        "TaskName": "批量外呼任务",
        "TtsParamHead": ["name", "amount"],
        "TtsParam": tts
    })
}

fn bench(c: &mut Criterion) {
    let ctx = Context::at(1_700_000_000_000);
    let input = batch(1000);
    c.bench_function("aliyun/parse_and_validate/1000_callees", |b| {
        b.iter(|| {
            let (m, r) = parse_and_validate::<BatchRobotSmartCall>(black_box(input.clone()), &ctx);
            black_box((m, r))
        })
    });
    let (model, _) = parse_and_validate::<BatchRobotSmartCall>(input, &ctx);
    if let Some(model) = model {
        c.bench_function("aliyun/to_params/1000_callees", |b| {
            b.iter(|| black_box(model.to_params()))
        });
        let params = model.to_params();
        c.bench_function("aliyun/from_params/1000_callees", |b| {
            b.iter(|| black_box(BatchRobotSmartCall::from_params(black_box(&params))))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);

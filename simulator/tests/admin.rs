//! The admin API over real HTTP.

mod common;
use callplane_sim::Simulator;
use common::*;
use serde_json::json;

#[tokio::test]
async fn health_clock_faults_and_errors() {
    let sim = Simulator::builder()
        .seed(9)
        .speed(0.0)
        .start()
        .await
        .unwrap();
    let base = sim.url().to_owned();

    // A malformed escape in a filter is the admin API's 400.
    let bad = get(&format!("{base}/_sim/calls?to=%zz")).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "invalid_filter");

    let h = get(&format!("{base}/_sim/health")).await;
    assert_eq!(h.status, 200);
    let hj = h.json();
    assert_eq!(hj["status"], "ok");
    assert_eq!(hj["seed"], 9);
    let t0 = hj["now_ms"].as_i64().unwrap();

    // The clock is frozen at speed 0 and moves only by advance.
    let a = post_json(
        &format!("{base}/_sim/clock/advance"),
        &json!({"seconds": 90}),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["now_ms"].as_i64().unwrap(), t0 + 90_000);
    assert_eq!(sim.now_ms(), t0 + 90_000);
    let bad = post_json(
        &format!("{base}/_sim/clock/advance"),
        &json!({"seconds": -1}),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "invalid_body");
    let not_json = send("POST", &format!("{base}/_sim/clock/advance"), &[], "nope").await;
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.json()["error"]["code"], "invalid_json");

    // Faults: valid rules are stored, invalid ones explained.
    let rules = json!({"rules": [{"vendor": "tencent", "operation": "CreateAICall", "error_rate": 0.1,
        "error": "InternalError", "commit_then_timeout_rate": 0.05}]});
    let put = send(
        "PUT",
        &format!("{base}/_sim/faults"),
        &[("content-type", "application/json")],
        serde_json::to_vec(&rules).unwrap(),
    )
    .await;
    assert_eq!(put.status, 200, "{}", String::from_utf8_lossy(&put.body));
    assert_eq!(
        get(&format!("{base}/_sim/faults")).await.json()["rules"][0]["error"],
        "InternalError"
    );
    let bad = send(
        "PUT",
        &format!("{base}/_sim/faults"),
        &[],
        serde_json::to_vec(&json!({"rules": [{"vendor": "aliyun", "error_rate": 2}]})).unwrap(),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("rules[0].error_rate")
    );
    let unknown = send(
        "PUT",
        &format!("{base}/_sim/faults"),
        &[],
        serde_json::to_vec(&json!({"rulez": []})).unwrap(),
    )
    .await;
    assert_eq!(unknown.status, 400);

    // Reset clears the rules.
    assert_eq!(
        post_json(&format!("{base}/_sim/reset"), &json!({}))
            .await
            .status,
        200
    );
    assert_eq!(
        get(&format!("{base}/_sim/faults")).await.json()["rules"],
        json!([])
    );

    // Filters are validated.
    let f = get(&format!("{base}/_sim/calls?status=sleeping")).await;
    assert_eq!(f.status, 400);
    let f = get(&format!("{base}/_sim/calls?vendor=tencent&terminal=false")).await;
    assert_eq!(f.status, 200);
    assert_eq!(f.json()["total"], 0);

    // Unknown admin paths and wrong methods.
    assert_eq!(get(&format!("{base}/_sim/nope")).await.status, 404);
    assert_eq!(get(&format!("{base}/_sim/reset")).await.status, 405);

    // The OpenAPI document is 3.1 and lists the admin paths.
    let doc = get(&format!("{base}/_sim/openapi.json")).await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/_sim/faults"]["put"].is_object());
}

#[tokio::test]
async fn cors_only_for_loopback_origins() {
    let sim = Simulator::builder().start().await.unwrap();
    let url = format!("{}/_sim/health", sim.url());
    let ok = send("GET", &url, &[("origin", "http://localhost:5173")], "").await;
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let pre = send(
        "OPTIONS",
        &url,
        &[
            ("origin", "http://127.0.0.1:8080"),
            ("access-control-request-method", "PUT"),
        ],
        "",
    )
    .await;
    assert_eq!(pre.status, 204);
    assert!(
        pre.header("access-control-allow-methods")
            .unwrap()
            .contains("PUT")
    );
    let evil = send("GET", &url, &[("origin", "http://evil.example")], "").await;
    assert_eq!(evil.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let sim = Simulator::builder().start().await.unwrap();
    let addr = sim.addr();
    drop(sim);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still listening after drop"
    );
}

#[tokio::test]
async fn unknown_routes_are_explained() {
    let sim = Simulator::builder().start().await.unwrap();
    let r = get(&format!("{}/nothing/here", sim.url())).await;
    assert_eq!(r.status, 404);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("X-TC-Action")
    );
}

//! `GET /_sim/openapi.json`: an OpenAPI 3.1 description of the admin endpoints (and, as they are
//! built, the Bland endpoints), so schemathesis can fuzz the server.

use serde_json::{Value, json};

pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "callplane-sim", "version": env!("CARGO_PKG_VERSION")},
        "paths": {}
    })
}

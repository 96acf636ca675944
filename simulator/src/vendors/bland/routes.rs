//! Path + method → operation. Unknown paths answer 404 and known paths with another method 405, in
//! the envelope of the API version the path belongs to.

use super::reply;
use crate::http::Reply;

/// Which of Bland's envelopes an endpoint answers errors in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    /// `{"status":"error","message":...}` (v1 endpoints).
    Status,
    /// `{"data":null,"errors":[{"error","message"}]}` (v2 endpoints).
    Data,
}

/// One Bland operation with its path parameters (decoded ids; the inbound number as spelled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    SendCall,
    ListCalls,
    GetCall(String),
    StopCall(String),
    AnalyzeCall(String),
    CreateBatch,
    ListBatches,
    GetBatch(String),
    StopBatch(String),
    AnalyzeBatch(String),
    GetBatchAnalysis(String),
    CreateBatchV2,
    ListBatchesV2,
    GetBatchV2(String),
    BatchV2Logs(String),
    StopBatchV2(String),
    UpdateInbound(String),
    GetInbound(String),
    ListInbound,
}

impl Op {
    /// The fault-rule operation name (`POST /v1/calls`, `GET /v1/calls/{id}`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Op::SendCall => "POST /v1/calls",
            Op::ListCalls => "GET /v1/calls",
            Op::GetCall(_) => "GET /v1/calls/{id}",
            Op::StopCall(_) => "POST /v1/calls/{id}/stop",
            Op::AnalyzeCall(_) => "POST /v1/calls/{id}/analyze",
            Op::CreateBatch => "POST /v1/batches",
            Op::ListBatches => "GET /v1/batches",
            Op::GetBatch(_) => "GET /v1/batches/{id}",
            Op::StopBatch(_) => "POST /v1/batches/{id}/stop",
            Op::AnalyzeBatch(_) => "POST /v1/batches/{id}/analyze",
            Op::GetBatchAnalysis(_) => "GET /v1/batches/{id}/analysis",
            Op::CreateBatchV2 => "POST /v2/batches/create",
            Op::ListBatchesV2 => "GET /v2/batches/list",
            Op::GetBatchV2(_) => "GET /v2/batches/{id}",
            Op::BatchV2Logs(_) => "GET /v2/batches/{id}/logs",
            Op::StopBatchV2(_) => "POST /v2/batches/{id}/stop",
            Op::UpdateInbound(_) => "POST /v1/inbound/{phone_number}",
            Op::GetInbound(_) => "GET /v1/inbound/{phone_number}",
            Op::ListInbound => "GET /v1/inbound",
        }
    }

    pub fn envelope(&self) -> Envelope {
        match self {
            Op::CreateBatchV2
            | Op::ListBatchesV2
            | Op::GetBatchV2(_)
            | Op::BatchV2Logs(_)
            | Op::StopBatchV2(_) => Envelope::Data,
            _ => Envelope::Status,
        }
    }
}

/// Percent-decode a path segment (no `+` → space: that is form encoding, not paths).
pub fn decode_segment(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |x: u8| (x as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The operation for `method path`, or the 404/405 to answer.
pub fn resolve(method: &str, path: &str) -> Result<Op, Reply> {
    let trimmed = path.trim_end_matches('/');
    let segs: Vec<&str> = trimmed.split('/').skip(1).collect();
    let env = if segs.first() == Some(&"v2") {
        Envelope::Data
    } else {
        Envelope::Status
    };
    let id = |s: &str| decode_segment(s);
    // (allowed methods, operation for the method) per path shape.
    let found: Option<(&[&str], Option<Op>)> = match segs.as_slice() {
        ["v1", "calls"] => Some((
            &["GET", "POST"],
            match method {
                "POST" => Some(Op::SendCall),
                "GET" => Some(Op::ListCalls),
                _ => None,
            },
        )),
        ["v1", "calls", c] => Some((&["GET"], (method == "GET").then(|| Op::GetCall(id(c))))),
        ["v1", "calls", c, "stop"] => {
            Some((&["POST"], (method == "POST").then(|| Op::StopCall(id(c)))))
        }
        ["v1", "calls", c, "analyze"] => Some((
            &["POST"],
            (method == "POST").then(|| Op::AnalyzeCall(id(c))),
        )),
        ["v1", "batches"] => Some((
            &["GET", "POST"],
            match method {
                "POST" => Some(Op::CreateBatch),
                "GET" => Some(Op::ListBatches),
                _ => None,
            },
        )),
        ["v1", "batches", b] => Some((&["GET"], (method == "GET").then(|| Op::GetBatch(id(b))))),
        ["v1", "batches", b, "stop"] => {
            Some((&["POST"], (method == "POST").then(|| Op::StopBatch(id(b)))))
        }
        ["v1", "batches", b, "analyze"] => Some((
            &["POST"],
            (method == "POST").then(|| Op::AnalyzeBatch(id(b))),
        )),
        ["v1", "batches", b, "analysis"] => Some((
            &["GET"],
            (method == "GET").then(|| Op::GetBatchAnalysis(id(b))),
        )),
        ["v2", "batches", "create"] => {
            Some((&["POST"], (method == "POST").then_some(Op::CreateBatchV2)))
        }
        ["v2", "batches", "list"] => {
            Some((&["GET"], (method == "GET").then_some(Op::ListBatchesV2)))
        }
        ["v2", "batches", b] => Some((&["GET"], (method == "GET").then(|| Op::GetBatchV2(id(b))))),
        ["v2", "batches", b, "logs"] => {
            Some((&["GET"], (method == "GET").then(|| Op::BatchV2Logs(id(b)))))
        }
        ["v2", "batches", b, "stop"] => Some((
            &["POST"],
            (method == "POST").then(|| Op::StopBatchV2(id(b))),
        )),
        ["v1", "inbound"] => Some((&["GET"], (method == "GET").then_some(Op::ListInbound))),
        // The number stays as spelled: Bland's path rules read `%2B` themselves.
        ["v1", "inbound", n] => Some((
            &["GET", "POST"],
            match method {
                "POST" => Some(Op::UpdateInbound((*n).to_owned())),
                "GET" => Some(Op::GetInbound((*n).to_owned())),
                _ => None,
            },
        )),
        _ => None,
    };
    match found {
        Some((_, Some(op))) => Ok(op),
        Some((allowed, None)) => Err(reply::method_not_allowed(env, method, path, allowed)),
        None => Err(reply::not_found(
            env,
            &format!("Route {method} {path} not found"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_refusals() {
        assert_eq!(resolve("POST", "/v1/calls").ok(), Some(Op::SendCall));
        assert_eq!(resolve("GET", "/v1/calls/").ok(), Some(Op::ListCalls));
        assert_eq!(
            resolve("GET", "/v1/calls/a%2Db").ok(),
            Some(Op::GetCall("a-b".into()))
        );
        assert_eq!(
            resolve("POST", "/v1/inbound/%2B13334445555").ok(),
            Some(Op::UpdateInbound("%2B13334445555".into()))
        );
        assert_eq!(
            resolve("POST", "/v2/batches/create").ok(),
            Some(Op::CreateBatchV2)
        );
        assert_eq!(
            resolve("GET", "/v2/batches/list").ok(),
            Some(Op::ListBatchesV2)
        );
        assert_eq!(
            resolve("DELETE", "/v1/calls").err().map(|r| r.status),
            Some(405)
        );
        assert_eq!(
            resolve("GET", "/v2/batches/create").err().map(|r| r.status),
            Some(405)
        );
        assert_eq!(
            resolve("GET", "/v1/nothing").err().map(|r| r.status),
            Some(404)
        );
        assert_eq!(decode_segment("%zz%41+"), "%zzA+");
    }
}

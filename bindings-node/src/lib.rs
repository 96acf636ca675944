//! Node.js binding (napi-rs) for callplane. Not built yet: the npm package arrives with its own issue.

//! Browser binding (wasm-bindgen) for callplane. Not built yet: the wasm package arrives with its own issue.

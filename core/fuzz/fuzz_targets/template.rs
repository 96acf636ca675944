#![no_main]
//! Any string: parsing returns a template or positioned errors and never panics; `parse` agrees with
//! `check`; every error points at a `{{` in the source; rendering a parsed template with every
//! variable bound to plain text succeeds and leaves no `{{` behind.
use callplane_core::template::Template;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

/// Byte offset of a 1-based (line, column) in characters; lines end at `\n`, `\r\n` or `\r`.
fn offset_of(src: &str, line: usize, column: usize) -> Option<usize> {
    let (mut l, mut c) = (1, 1);
    let mut chars = src.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if (l, c) == (line, column) {
            return Some(i);
        }
        match ch {
            '\r' | '\n' => {
                if ch == '\r' && chars.peek().map(|&(_, n)| n) == Some('\n') {
                    chars.next();
                }
                l += 1;
                c = 1;
            }
            _ => c += 1,
        }
    }
    None
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let all = Template::check(s);
    for e in &all {
        let at = offset_of(s, e.line, e.column).expect("error position inside the source");
        assert!(s[at..].starts_with("{{"), "{e} does not point at `{{{{`");
        assert!(!e.message.is_empty());
    }
    match Template::parse(s) {
        Ok(t) => {
            assert!(all.is_empty(), "parse succeeded but check found {all:?}");
            let mut row = Map::new();
            let mut conflict = false;
            for v in t.variables() {
                // Build nested objects for dotted names.
                let mut parts: Vec<&str> = v.split('.').collect();
                let leaf = parts.pop().unwrap();
                let mut cur = &mut row;
                for p in parts {
                    let entry = cur.entry(p.to_owned()).or_insert_with(|| Value::Object(Map::new()));
                    if !entry.is_object() {
                        // `{{a}} {{a.b}}`: `a` cannot be both text and an object.
                        conflict = true;
                        *entry = Value::Object(Map::new());
                    }
                    cur = entry.as_object_mut().unwrap();
                }
                if cur.get(leaf).is_some_and(Value::is_object) {
                    conflict = true;
                } else {
                    cur.insert(leaf.to_owned(), Value::String("x".into()));
                }
            }
            match t.render(&row) {
                Ok(out) => {
                    // Each tag is at least `{{x}}` and renders as `x`.
                    assert!(out.len() <= s.len());
                    assert!(!out.contains("{{"), "{s:?} rendered {out:?}");
                }
                Err(e) => assert!(conflict, "{s:?}: {e}"),
            }
        }
        Err(e) => {
            assert_eq!(Some(&e), all.first());
        }
    }
});

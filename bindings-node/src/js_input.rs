//! JS value → `serde_json::Value`, reporting every problem with its field path.
//!
//! napi's own `serde_json::Value` conversion is not used for inputs because it silently changes
//! data a vendor would then receive: a lone UTF-16 surrogate becomes U+FFFD, an integer above
//! 2^32 becomes a float (`ScheduleTime: 1.7e12` would no longer read as the Unix-ms integer the
//! core expects), and its errors name no field. This reader refuses what JSON cannot carry (NaN,
//! `undefined` in an array, functions, symbols, Dates, Maps, class instances, cycles) with an
//! [`Issue`] at the exact path, and reports all of them at once.

use callplane_core::issue::{IssueCode, Path, Report};
use napi::sys;
use serde_json::{Map, Number, Value};
use std::ptr;

/// Deeper than any vendor request (Bland's deepest is about 6); also stops cycles.
const MAX_DEPTH: u32 = 64;
/// Values read from one input; a 1,000-callee batch uses about 10,000.
const MAX_NODES: usize = 2_000_000;
/// Stop collecting after this many problems: the first ones are what a caller fixes.
const MAX_ISSUES: usize = 100;
/// Integers beyond ±2^53 are not exact in a JS number; they travel as floats and fail typed
/// integer fields with a clear message, rather than silently changing.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Read `value` as JSON: the value with every unreadable part left out (an object member is
/// omitted, an array element becomes `null`, so later indexes keep their meaning), and the
/// problems found. Callers refuse the input when the report has errors; the partial value lets
/// them run the core's validation too, so every problem is reported at once.
///
/// # Safety
/// `env` and `value` must be the live handles of the current N-API call (the caller's arguments).
pub(crate) unsafe fn read(env: sys::napi_env, value: sys::napi_value) -> (Value, Report) {
    let mut reader = Reader {
        env,
        object_prototype: unsafe { object_prototype(env) },
        report: Report::new(),
        nodes: 0,
    };
    let out = unsafe { reader.value(value, &Path::root(), 0) };
    if out.is_none() && !reader.report.has_errors() {
        reader
            .report
            .error(IssueCode::InvalidType, Path::root(), "unreadable input");
    }
    (out.unwrap_or(Value::Null), reader.report)
}

struct Reader {
    env: sys::napi_env,
    /// `Object.prototype` of this realm: what a plain object literal inherits from.
    object_prototype: Option<sys::napi_value>,
    report: Report,
    nodes: usize,
}

fn ok(status: sys::napi_status) -> bool {
    status == sys::Status::napi_ok
}

/// `globalThis.Object.prototype`, or `None` when it cannot be read.
unsafe fn object_prototype(env: sys::napi_env) -> Option<sys::napi_value> {
    let mut global = ptr::null_mut();
    let mut object = ptr::null_mut();
    let mut proto = ptr::null_mut();
    unsafe {
        if !ok(sys::napi_get_global(env, &mut global))
            || !ok(sys::napi_get_named_property(
                env,
                global,
                c"Object".as_ptr(),
                &mut object,
            ))
            || !ok(sys::napi_get_named_property(
                env,
                object,
                c"prototype".as_ptr(),
                &mut proto,
            ))
        {
            return None;
        }
    }
    Some(proto)
}

fn kind_of(t: sys::napi_valuetype) -> &'static str {
    use sys::ValueType as T;
    match t {
        T::napi_undefined => "undefined",
        T::napi_null => "null",
        T::napi_boolean => "a boolean",
        T::napi_number => "a number",
        T::napi_string => "a string",
        T::napi_symbol => "a symbol",
        T::napi_object => "an object",
        T::napi_function => "a function",
        T::napi_external => "an external value",
        T::napi_bigint => "a bigint",
        _ => "an unknown kind of value",
    }
}

impl Reader {
    fn problem(&mut self, code: IssueCode, path: &Path, message: impl Into<String>) {
        if self.report.issues.len() < MAX_ISSUES {
            self.report.error(code, path.clone(), message);
        }
    }

    fn full(&self) -> bool {
        self.report.issues.len() >= MAX_ISSUES
    }

    /// A JS exception is pending after a failed call (a throwing getter or Proxy trap): clear it,
    /// so it does not surface later as an unrelated error, and report it here instead.
    unsafe fn threw(&mut self, path: &Path, what: &str) {
        unsafe { self.clear_exception() };
        self.problem(
            IssueCode::InvalidType,
            path,
            format!("{what} could not be read (a getter or Proxy threw)"),
        );
    }

    unsafe fn value(&mut self, v: sys::napi_value, path: &Path, depth: u32) -> Option<Value> {
        if self.full() {
            return None;
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.problem(
                IssueCode::TooMany,
                path,
                format!("the input has more than {MAX_NODES} values"),
            );
            return None;
        }
        let mut t = 0;
        if !ok(unsafe { sys::napi_typeof(self.env, v, &mut t) }) {
            unsafe { self.threw(path, "this value") };
            return None;
        }
        use sys::ValueType as T;
        match t {
            T::napi_null => Some(Value::Null),
            T::napi_boolean => {
                let mut b = false;
                ok(unsafe { sys::napi_get_value_bool(self.env, v, &mut b) })
                    .then_some(Value::Bool(b))
            }
            T::napi_number => {
                let mut n = 0.0;
                if !ok(unsafe { sys::napi_get_value_double(self.env, v, &mut n) }) {
                    return None;
                }
                self.number(n, path)
            }
            T::napi_string => unsafe { self.string(v, path) }.map(Value::String),
            T::napi_bigint => unsafe { self.bigint(v, path) },
            T::napi_object => unsafe { self.object(v, path, depth) },
            other => {
                self.problem(
                    IssueCode::InvalidType,
                    path,
                    format!("{} is not a JSON value", kind_of(other)),
                );
                None
            }
        }
    }

    fn number(&mut self, n: f64, path: &Path) -> Option<Value> {
        if !n.is_finite() {
            self.problem(
                IssueCode::InvalidType,
                path,
                format!("{n} is not a finite number"),
            );
            return None;
        }
        if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
            // Exact: |n| ≤ 2^53 fits an i64 without rounding.
            return Some(Value::Number(Number::from(n as i64)));
        }
        Number::from_f64(n).map(Value::Number)
    }

    unsafe fn bigint(&mut self, v: sys::napi_value, path: &Path) -> Option<Value> {
        let (mut i, mut lossless) = (0i64, false);
        if ok(unsafe { sys::napi_get_value_bigint_int64(self.env, v, &mut i, &mut lossless) })
            && lossless
        {
            return Some(Value::Number(Number::from(i)));
        }
        let mut u = 0u64;
        if ok(unsafe { sys::napi_get_value_bigint_uint64(self.env, v, &mut u, &mut lossless) })
            && lossless
        {
            return Some(Value::Number(Number::from(u)));
        }
        self.problem(
            IssueCode::OutOfRange,
            path,
            "a bigint outside the 64-bit integer range",
        );
        None
    }

    /// The string as UTF-8, refusing lone surrogates (JS strings are UTF-16 and may hold them;
    /// UTF-8 cannot, and replacing them would silently change what the vendor receives).
    unsafe fn string(&mut self, v: sys::napi_value, path: &Path) -> Option<String> {
        let mut len = 0usize;
        if !ok(unsafe {
            sys::napi_get_value_string_utf16(self.env, v, ptr::null_mut(), 0, &mut len)
        }) {
            return None;
        }
        let mut buf = vec![0u16; len + 1];
        let mut written = 0usize;
        if !ok(unsafe {
            sys::napi_get_value_string_utf16(self.env, v, buf.as_mut_ptr(), len + 1, &mut written)
        }) {
            return None;
        }
        buf.truncate(written);
        let mut out = String::with_capacity(written);
        for (i, c) in char::decode_utf16(buf.iter().copied()).enumerate() {
            match c {
                Ok(c) => out.push(c),
                Err(e) => {
                    self.problem(
                        IssueCode::InvalidFormat,
                        path,
                        format!(
                            "contains a lone UTF-16 surrogate (U+{:04X}) at character {i}: not valid Unicode text",
                            e.unpaired_surrogate()
                        ),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    unsafe fn object(&mut self, v: sys::napi_value, path: &Path, depth: u32) -> Option<Value> {
        if depth >= MAX_DEPTH {
            self.problem(
                IssueCode::InvalidType,
                path,
                format!("nested deeper than {MAX_DEPTH} levels (is the object circular?)"),
            );
            return None;
        }
        let mut is_array = false;
        if ok(unsafe { sys::napi_is_array(self.env, v, &mut is_array) }) && is_array {
            return unsafe { self.array(v, path, depth) };
        }
        if let Some(what) = unsafe { self.not_plain(v) } {
            self.problem(
                IssueCode::InvalidType,
                path,
                format!("expected a plain object or array, got {what}"),
            );
            return None;
        }
        let mut keys = ptr::null_mut();
        if !ok(unsafe {
            sys::napi_get_all_property_names(
                self.env,
                v,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            )
        }) {
            unsafe { self.threw(path, "this object's keys") };
            return None;
        }
        let mut n = 0u32;
        if !ok(unsafe { sys::napi_get_array_length(self.env, keys, &mut n) }) {
            return None;
        }
        let mut map = Map::new();
        for i in 0..n {
            let mut key = ptr::null_mut();
            if !ok(unsafe { sys::napi_get_element(self.env, keys, i, &mut key) }) {
                return None;
            }
            let Some(name) = (unsafe { self.string(key, path) }) else {
                continue;
            };
            let at = path.field(&name);
            let mut member = ptr::null_mut();
            if !ok(unsafe { sys::napi_get_property(self.env, v, key, &mut member) }) {
                unsafe { self.threw(&at, "this property") };
                continue;
            }
            let mut t = 0;
            if ok(unsafe { sys::napi_typeof(self.env, member, &mut t) })
                && t == sys::ValueType::napi_undefined
            {
                // `{a: undefined}` means "a not given", as in JSON.stringify and TypeScript's
                // optional properties.
                continue;
            }
            if let Some(x) = unsafe { self.value(member, &at, depth + 1) } {
                map.insert(name, x);
            }
            if self.full() {
                break;
            }
        }
        Some(Value::Object(map))
    }

    unsafe fn array(&mut self, v: sys::napi_value, path: &Path, depth: u32) -> Option<Value> {
        let mut n = 0u32;
        if !ok(unsafe { sys::napi_get_array_length(self.env, v, &mut n) }) {
            return None;
        }
        let mut out = Vec::with_capacity((n as usize).min(1 << 16));
        for i in 0..n {
            let at = path.index(i as usize);
            let mut item = ptr::null_mut();
            if !ok(unsafe { sys::napi_get_element(self.env, v, i, &mut item) }) {
                unsafe { self.threw(&at, "this element") };
                out.push(Value::Null);
                continue;
            }
            let mut t = 0;
            if ok(unsafe { sys::napi_typeof(self.env, item, &mut t) })
                && t == sys::ValueType::napi_undefined
            {
                self.problem(
                    IssueCode::InvalidType,
                    &at,
                    "undefined (or a hole) in an array is not a JSON value",
                );
                out.push(Value::Null);
                continue;
            }
            out.push(unsafe { self.value(item, &at, depth + 1) }.unwrap_or(Value::Null));
            if self.full() {
                break;
            }
        }
        Some(Value::Array(out))
    }

    /// `None` for a plain object (`{}` or `Object.create(null)`); otherwise what it is, for the
    /// message (`a Date (pass Unix milliseconds)`, `a Map`, `an instance of Foo`).
    unsafe fn not_plain(&mut self, v: sys::napi_value) -> Option<String> {
        let mut is_date = false;
        if ok(unsafe { sys::napi_is_date(self.env, v, &mut is_date) }) && is_date {
            return Some("a Date (pass Unix milliseconds: date.getTime())".into());
        }
        let mut is_typed = false;
        if ok(unsafe { sys::napi_is_typedarray(self.env, v, &mut is_typed) }) && is_typed {
            return Some("a typed array or Buffer".into());
        }
        let mut proto = ptr::null_mut();
        if !ok(unsafe { sys::napi_get_prototype(self.env, v, &mut proto) }) {
            unsafe { self.clear_exception() };
            return Some("an object whose prototype cannot be read".into());
        }
        let mut t = 0;
        if ok(unsafe { sys::napi_typeof(self.env, proto, &mut t) })
            && t == sys::ValueType::napi_null
        {
            return None;
        }
        if let Some(object_proto) = self.object_prototype {
            let mut same = false;
            if ok(unsafe { sys::napi_strict_equals(self.env, proto, object_proto, &mut same) })
                && same
            {
                return None;
            }
        }
        let name = unsafe { self.constructor_name(v) };
        Some(match name.as_deref() {
            Some("Map") | Some("Set") => format!(
                "a {} (convert it to a plain object or array)",
                name.unwrap_or_default()
            ),
            Some(n) if !n.is_empty() => {
                format!("an instance of {n} (spread it into a plain object: {{...value}})")
            }
            _ => "an object that is not a plain object".into(),
        })
    }

    unsafe fn constructor_name(&mut self, v: sys::napi_value) -> Option<String> {
        let mut ctor = ptr::null_mut();
        let mut name = ptr::null_mut();
        let read = unsafe {
            ok(sys::napi_get_named_property(
                self.env,
                v,
                c"constructor".as_ptr(),
                &mut ctor,
            )) && ok(sys::napi_get_named_property(
                self.env,
                ctor,
                c"name".as_ptr(),
                &mut name,
            ))
        };
        if !read {
            unsafe { self.clear_exception() };
            return None;
        }
        let mut t = 0;
        if !ok(unsafe { sys::napi_typeof(self.env, name, &mut t) })
            || t != sys::ValueType::napi_string
        {
            return None;
        }
        let mut len = 0usize;
        let mut buf = [0u8; 64];
        ok(unsafe {
            sys::napi_get_value_string_utf8(
                self.env,
                name,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut len,
            )
        })
        .then(|| String::from_utf8_lossy(buf.get(..len).unwrap_or_default()).into_owned())
    }

    unsafe fn clear_exception(&mut self) {
        let mut pending = false;
        unsafe {
            if ok(sys::napi_is_exception_pending(self.env, &mut pending)) && pending {
                let mut ex = ptr::null_mut();
                sys::napi_get_and_clear_last_exception(self.env, &mut ex);
            }
        }
    }
}

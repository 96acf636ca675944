//! Values of the pure functions cross the boundary as JSON text, exactly as in `@callplane/wasm`:
//! `JSON.stringify` on the way in, `JSON.parse` on the way out. One crossing per argument instead
//! of one N-API call per property is what makes a 100k-row preflight fast, and reading the text
//! with [`js::arg_from_json_text`] gives both packages the same answers to bad input (a `BigInt`,
//! a cycle, a lone surrogate: `invalid_json`). The clients read their inputs with `js_input`
//! instead, which names the path of every bad part.

use crate::errors;
use callplane_core::js;
use napi::sys;
use serde_json::Value;
use std::ptr;

fn ok(status: sys::napi_status) -> bool {
    status == sys::Status::napi_ok
}

/// A function of the global `JSON` object (`stringify` or `parse`).
unsafe fn json_fn(env: sys::napi_env, name: &std::ffi::CStr) -> napi::Result<sys::napi_value> {
    let (mut global, mut json, mut f) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
    let found = unsafe {
        ok(sys::napi_get_global(env, &mut global))
            && ok(sys::napi_get_named_property(
                env,
                global,
                c"JSON".as_ptr(),
                &mut json,
            ))
            && ok(sys::napi_get_named_property(
                env,
                json,
                name.as_ptr(),
                &mut f,
            ))
    };
    if found {
        Ok(f)
    } else {
        Err(errors::coded(
            "internal_error",
            "the global JSON object is missing",
        ))
    }
}

/// Call `f(arg)` with `this` = undefined (`JSON.stringify` and `JSON.parse` do not use it).
/// `Err(message)` when it threw; the exception is cleared.
unsafe fn call(
    env: sys::napi_env,
    f: sys::napi_value,
    arg: sys::napi_value,
) -> Result<sys::napi_value, String> {
    let mut recv = ptr::null_mut();
    let mut out = ptr::null_mut();
    unsafe {
        sys::napi_get_undefined(env, &mut recv);
        if ok(sys::napi_call_function(env, recv, f, 1, &arg, &mut out)) {
            return Ok(out);
        }
        Err(take_exception_message(env))
    }
}

/// Clear the pending exception and return its `message` (or a generic text).
unsafe fn take_exception_message(env: sys::napi_env) -> String {
    let mut ex = ptr::null_mut();
    let mut pending = false;
    unsafe {
        if !ok(sys::napi_is_exception_pending(env, &mut pending)) || !pending {
            return "unknown error".into();
        }
        sys::napi_get_and_clear_last_exception(env, &mut ex);
        let mut msg = ptr::null_mut();
        if ok(sys::napi_get_named_property(
            env,
            ex,
            c"message".as_ptr(),
            &mut msg,
        )) && let Some(s) = string(env, msg)
        {
            return s;
        }
        // A thrown non-Error, or a getter that threw again.
        let mut again = false;
        if ok(sys::napi_is_exception_pending(env, &mut again)) && again {
            sys::napi_get_and_clear_last_exception(env, &mut ex);
        }
    }
    "an exception without a message".into()
}

/// A JS string as UTF-8 (lone surrogates become U+FFFD; only used for text `stringify` escaped).
unsafe fn string(env: sys::napi_env, v: sys::napi_value) -> Option<String> {
    let mut t = 0;
    if !ok(unsafe { sys::napi_typeof(env, v, &mut t) }) || t != sys::ValueType::napi_string {
        return None;
    }
    let mut len = 0usize;
    if !ok(unsafe { sys::napi_get_value_string_utf8(env, v, ptr::null_mut(), 0, &mut len) }) {
        return None;
    }
    let mut buf = vec![0u8; len + 1];
    let mut written = 0usize;
    if !ok(unsafe {
        sys::napi_get_value_string_utf8(env, v, buf.as_mut_ptr().cast(), len + 1, &mut written)
    }) {
        return None;
    }
    buf.truncate(written);
    // N-API writes UTF-8; a failure here would be an engine bug, reported as unreadable.
    String::from_utf8(buf).ok()
}

/// The `csvText` argument as UTF-8. N-API writes a lone surrogate as U+FFFD: where that character
/// appears, the string is read again as UTF-16 and a lone surrogate is refused rather than
/// silently replaced.
///
/// # Safety
/// `env` and `value` must be the live handles of the current N-API call.
pub(crate) unsafe fn csv_text(env: sys::napi_env, value: sys::napi_value) -> napi::Result<String> {
    let refuse = |p| errors::js(js::csv_text_error(p));
    // A file's bytes (`fs.readFileSync(path)`, a `Uint8Array`): checked as UTF-8.
    if let Some(bytes) = unsafe { uint8_array(env, value) } {
        return std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| refuse(js::CsvTextProblem::NotUtf8(e.valid_up_to())));
    }
    let text =
        unsafe { string(env, value) }.ok_or_else(|| refuse(js::CsvTextProblem::NotAString))?;
    if !text.is_ascii() && text.contains('\u{fffd}') && !unsafe { well_formed(env, value) } {
        return Err(refuse(js::CsvTextProblem::LoneSurrogate));
    }
    Ok(text)
}

/// The bytes of a `Uint8Array` (a `Buffer` is one), borrowed for the current call.
unsafe fn uint8_array<'a>(env: sys::napi_env, v: sys::napi_value) -> Option<&'a [u8]> {
    let mut is = false;
    if !ok(unsafe { sys::napi_is_typedarray(env, v, &mut is) }) || !is {
        return None;
    }
    let mut kind = 0;
    let mut len = 0usize;
    let mut data = ptr::null_mut();
    let mut buffer = ptr::null_mut();
    let mut offset = 0usize;
    let status = unsafe {
        sys::napi_get_typedarray_info(
            env,
            v,
            &mut kind,
            &mut len,
            &mut data,
            &mut buffer,
            &mut offset,
        )
    };
    if !ok(status) || kind != sys::TypedarrayType::uint8_array {
        return None;
    }
    if len == 0 || data.is_null() {
        return Some(&[]);
    }
    // SAFETY: N-API's `data` points at the array's first element (the byte offset applied) and
    // `len` elements of one byte follow; the array outlives this call, which is all the borrow
    // is used for.
    Some(unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) })
}

/// Whether a JS string (known to be one) has no lone surrogate, read as UTF-16.
unsafe fn well_formed(env: sys::napi_env, v: sys::napi_value) -> bool {
    let mut len = 0usize;
    if !ok(unsafe { sys::napi_get_value_string_utf16(env, v, ptr::null_mut(), 0, &mut len) }) {
        return false;
    }
    let mut buf = vec![0u16; len + 1];
    let mut written = 0usize;
    if !ok(unsafe {
        sys::napi_get_value_string_utf16(env, v, buf.as_mut_ptr(), len + 1, &mut written)
    }) {
        return false;
    }
    buf.truncate(written);
    char::decode_utf16(buf).all(|c| c.is_ok())
}

/// The JS argument called `name` as JSON. `undefined` and `null` are `null`.
///
/// # Safety
/// `env` and `value` must be the live handles of the current N-API call.
pub(crate) unsafe fn from_js(
    env: sys::napi_env,
    value: sys::napi_value,
    name: &str,
) -> napi::Result<Value> {
    let text = unsafe { text_of(env, value, name) }?;
    js::arg_from_json_text(name, text.as_deref()).map_err(errors::js)
}

/// The JS argument called `name` as JSON text (`JSON.stringify`'s output): `undefined` and `null`
/// are `"null"`, a function or a symbol `None` (the core reports it as [`from_js`] does).
///
/// # Safety
/// `env` and `value` must be the live handles of the current N-API call.
pub(crate) unsafe fn text_of(
    env: sys::napi_env,
    value: sys::napi_value,
    name: &str,
) -> napi::Result<Option<String>> {
    let mut t = 0;
    if !ok(unsafe { sys::napi_typeof(env, value, &mut t) }) {
        return Err(errors::coded(
            "internal_error",
            "an argument could not be read",
        ));
    }
    if t == sys::ValueType::napi_undefined || t == sys::ValueType::napi_null {
        return Ok(Some("null".into()));
    }
    let stringify = unsafe { json_fn(env, c"stringify") }?;
    let text = match unsafe { call(env, stringify, value) } {
        Ok(text) => text,
        Err(why) => return Err(errors::js(js::arg_not_json(name, &why))),
    };
    // `stringify` answers `undefined` for functions and symbols.
    Ok(unsafe { string(env, text) })
}

/// A result's JSON text as a JS value (`JSON.parse` of it).
///
/// # Safety
/// `env` must be the environment of the N-API call in progress.
pub(crate) unsafe fn text_to_js(env: sys::napi_env, text: &str) -> napi::Result<sys::napi_value> {
    let mut s = ptr::null_mut();
    if !ok(unsafe {
        sys::napi_create_string_utf8(env, text.as_ptr().cast(), text.len() as isize, &mut s)
    }) {
        return Err(errors::coded(
            "internal_error",
            "the result is too large for a JS string",
        ));
    }
    let parse = unsafe { json_fn(env, c"parse") }?;
    unsafe { call(env, parse, s) }.map_err(|why| {
        errors::coded(
            "internal_error",
            format!("the result could not be read back: {why}"),
        )
    })
}

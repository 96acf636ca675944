//! A preflight result in columns ([`js::PreflightColumns`]) as the JS array `[head, text, ends]`
//! that `preflight-rows.js` turns into the documented result: `head` and `text` strings, `ends` a
//! `Uint32Array`. Three values cross instead of 25 MB of JSON for `JSON.parse`.

use crate::errors;
use callplane_core::js;
use napi::sys;
use std::ptr;

fn ok(status: sys::napi_status) -> bool {
    status == sys::Status::napi_ok
}

fn failed(what: &str) -> napi::Error {
    errors::coded(
        "internal_error",
        format!("the preflight result could not be handed to JS ({what})"),
    )
}

/// A JS string of `s`: Latin-1 when it is ASCII (a plain copy into a one-byte string, which is
/// what V8 makes of ASCII anyway), else UTF-8.
unsafe fn string(env: sys::napi_env, s: &str) -> napi::Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    let len = isize::try_from(s.len()).map_err(|_| failed("string too long"))?;
    let status = if s.is_ascii() {
        unsafe { sys::napi_create_string_latin1(env, s.as_ptr().cast(), len, &mut out) }
    } else {
        unsafe { sys::napi_create_string_utf8(env, s.as_ptr().cast(), len, &mut out) }
    };
    if ok(status) {
        Ok(out)
    } else {
        Err(failed("string"))
    }
}

/// A `Uint32Array` holding a copy of `xs`.
unsafe fn uint32_array(env: sys::napi_env, xs: &[u32]) -> napi::Result<sys::napi_value> {
    let bytes = std::mem::size_of_val(xs);
    let mut data: *mut std::ffi::c_void = ptr::null_mut();
    let mut buffer = ptr::null_mut();
    let mut array = ptr::null_mut();
    unsafe {
        if !ok(sys::napi_create_arraybuffer(
            env,
            bytes,
            &mut data,
            &mut buffer,
        )) {
            return Err(failed("buffer"));
        }
        if bytes > 0 && !data.is_null() {
            ptr::copy_nonoverlapping(xs.as_ptr().cast::<u8>(), data.cast::<u8>(), bytes);
        }
        if !ok(sys::napi_create_typedarray(
            env,
            sys::TypedarrayType::uint32_array,
            xs.len(),
            buffer,
            0,
            &mut array,
        )) {
            return Err(failed("typed array"));
        }
    }
    Ok(array)
}

/// `[head, text, ends]`.
///
/// # Safety
/// `env` must be the environment of the N-API call in progress.
pub(crate) unsafe fn to_js(
    env: sys::napi_env,
    c: &js::PreflightColumns,
) -> napi::Result<sys::napi_value> {
    let parts = unsafe {
        [
            string(env, &c.head)?,
            string(env, &c.text)?,
            uint32_array(env, &c.ends)?,
        ]
    };
    let mut array = ptr::null_mut();
    if !ok(unsafe { sys::napi_create_array_with_length(env, parts.len(), &mut array) }) {
        return Err(failed("array"));
    }
    for (i, v) in (0u32..).zip(parts) {
        if !ok(unsafe { sys::napi_set_element(env, array, i, v) }) {
            return Err(failed("array"));
        }
    }
    Ok(array)
}

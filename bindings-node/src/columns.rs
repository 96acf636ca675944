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

/// The clean rows' text (15 MB for 100k rows) as an *external* JS string: V8 reads it where Rust
/// wrote it instead of copying it into fresh heap pages (≈ 10 ms of a 100k-row preflight,
/// BENCHMARKS.md § npm package). `node_api_create_external_string_latin1` is in Node ≥ 20.4 (stable
/// in N-API 10, experimental before; <https://nodejs.org/api/n-api.html#node_api_create_external_string_latin1>);
/// it is looked up at run time, so an engine without it, a non-ASCII text or another OS gets the
/// plain copy of [`string`].
mod external {
    use super::{failed, ok};
    use napi::sys;
    use std::ffi::{c_char, c_void};
    use std::ptr;
    use std::sync::OnceLock;

    type Finalize = unsafe extern "C" fn(env: sys::napi_env, data: *mut c_void, hint: *mut c_void);
    type CreateExternalLatin1 = unsafe extern "C" fn(
        env: sys::napi_env,
        text: *const c_char,
        length: isize,
        finalize: Finalize,
        hint: *mut c_void,
        result: *mut sys::napi_value,
        copied: *mut bool,
    ) -> sys::napi_status;

    /// The engine's `node_api_create_external_string_latin1`, if it exports one.
    #[cfg(target_os = "linux")]
    fn create() -> Option<CreateExternalLatin1> {
        unsafe extern "C" {
            fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
        }
        static CREATE: OnceLock<Option<CreateExternalLatin1>> = OnceLock::new();
        *CREATE.get_or_init(|| {
            // SAFETY: `RTLD_DEFAULT` (null on Linux) searches the process's global symbols, where
            // the node binary exports its N-API; the symbol, when present, has this signature
            // (js_native_api.h).
            let f = unsafe {
                dlsym(
                    ptr::null_mut(),
                    c"node_api_create_external_string_latin1".as_ptr(),
                )
            };
            if f.is_null() {
                None
            } else {
                Some(unsafe { std::mem::transmute::<*mut c_void, CreateExternalLatin1>(f) })
            }
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn create() -> Option<CreateExternalLatin1> {
        None
    }

    /// Frees the text once V8 no longer needs it.
    unsafe extern "C" fn drop_text(_env: sys::napi_env, _data: *mut c_void, hint: *mut c_void) {
        // SAFETY: `hint` is the `Box<String>` leaked by `string` for this string only.
        drop(unsafe { Box::from_raw(hint.cast::<String>()) });
    }

    /// Longest text made external: far below V8's string limit (2^29 − 24 on 64-bit), where
    /// `NewExternalOneByte` would abort the process instead of failing; longer texts take the
    /// copy, which reports a clean error.
    const MAX_EXTERNAL: usize = 1 << 28;

    /// `text` as a JS string, external when possible (see the module docs).
    pub(super) unsafe fn string(env: sys::napi_env, text: String) -> napi::Result<sys::napi_value> {
        let usable = text.is_ascii() && !text.is_empty() && text.len() <= MAX_EXTERNAL;
        let Some(create) = create().filter(|_| usable) else {
            return unsafe { super::string(env, &text) };
        };
        let len = isize::try_from(text.len()).map_err(|_| failed("string too long"))?;
        let text = Box::new(text);
        let data = text.as_ptr().cast::<c_char>();
        let hint = Box::into_raw(text);
        let mut out = ptr::null_mut();
        let mut copied = false;
        // SAFETY: `data` stays valid and unchanged until `drop_text` frees the box; the engine
        // calls it once, when the string dies, or right away when it copied the text instead
        // (`copied`, per the N-API docs). The arguments are valid, so the engine does not refuse
        // them; if it ever did, the box is left alone (a leak, never a double free).
        let status = unsafe {
            create(
                env,
                data,
                len,
                drop_text,
                hint.cast(),
                &mut out,
                &mut copied,
            )
        };
        if ok(status) {
            Ok(out)
        } else {
            Err(failed("string"))
        }
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
    c: js::PreflightColumns,
) -> napi::Result<sys::napi_value> {
    let parts = unsafe {
        [
            string(env, &c.head)?,
            external::string(env, c.text)?,
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

/// `[head, text, ends, lines]`: [`to_js`]'s array and each row's CSV line, a `Uint32Array`.
///
/// # Safety
/// `env` must be the environment of the N-API call in progress.
pub(crate) unsafe fn to_js_with_lines(
    env: sys::napi_env,
    c: js::PreflightCsvColumns,
) -> napi::Result<sys::napi_value> {
    let array = unsafe { to_js(env, c.columns) }?;
    let lines = unsafe { uint32_array(env, &c.lines) }?;
    if !ok(unsafe { sys::napi_set_element(env, array, 3, lines) }) {
        return Err(failed("array"));
    }
    Ok(array)
}

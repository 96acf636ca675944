//! Long string arrays crossed in one piece. Element by element, every string of a batch signer's
//! table costs two N-API calls (`napi_get_element`, then the read), ≈ 70 ns each on a seed ACS3
//! row; an answer costs two more (create, `napi_set_element`). Here a small JS helper, compiled
//! once per env, concatenates the table into one string (each element followed by a NUL) that is
//! read with one call and cut natively, and splits the answers, written as one string, on `\n`.
//! Whenever the one-piece form could differ from element by element — an element that is not a
//! string, a NUL inside one, a `\n` inside an answer, anything the helper refuses or N-API
//! fails — the caller takes the element-by-element path, which is exact and names a bad element.

use napi::sys;
use std::cell::Cell;
use std::ptr;

use super::ok;

/// Arrays shorter than this are read element by element: the helper's call costs about as much
/// as a dozen element reads.
pub(super) const JOINED_FROM: u32 = 24;

/// The separator after each element of a joined table: one UTF-8 byte that no multi-byte
/// sequence contains, and that a value of a signed request practically never holds.
pub(super) const TABLE_SEP: u8 = 0;

/// The separator between answers of one string: no signature, `Authorization` or base64 value
/// holds a line break.
pub(super) const ANSWER_SEP: u8 = b'\n';

/// `concat(a)`: every element of the array `a` followed by a NUL, read once each (a getter runs
/// once), or null if one is not a string or the string would be too long (`RangeError`).
/// `split(s)`: `s.split('\n')`.
const SOURCE: &str = r"(function () {
  'use strict';
  const split = String.prototype.split;
  return [
    function callplaneConcatStrings(a) {
      let s = '';
      try {
        for (let i = 0; i < a.length; i++) {
          const v = a[i];
          if (typeof v !== 'string') return null;
          s += v;
          s += '\u0000';
        }
      } catch (e) {
        return null;
      }
      return s;
    },
    function callplaneSplitLines(s) {
      return split.call(s, '\n');
    },
  ];
})()";

/// The helpers of one env: references to `concat` and `split`.
#[derive(Clone, Copy)]
struct Helpers {
    env: sys::napi_env,
    concat: sys::napi_ref,
    split: sys::napi_ref,
}

thread_local! {
    /// One env per thread in Node (the main thread, each worker); cleared when that env is torn
    /// down (`forget`), so a later env at the same address never sees stale references.
    static HELPERS: Cell<Option<Helpers>> = const { Cell::new(None) };
}

/// Env teardown: the references die with the env.
unsafe extern "C" fn forget(_arg: *mut std::ffi::c_void) {
    HELPERS.with(|h| h.set(None));
}

/// Clears an exception a failed call left pending, so that the caller's fallback path runs as
/// if nothing had been tried.
///
/// # Safety
/// `env` must be the handle of the N-API call in progress.
unsafe fn clear_exception(env: sys::napi_env) {
    // SAFETY: live env; the out-pointers are locals.
    unsafe {
        let mut pending = false;
        if ok(sys::napi_is_exception_pending(env, &mut pending)) && pending {
            let mut e = ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env, &mut e);
        }
    }
}

/// This env's helpers, compiled on first use; `None` if that failed (the callers then read
/// element by element).
///
/// # Safety
/// `env` must be the handle of the N-API call in progress.
unsafe fn helpers(env: sys::napi_env) -> Option<Helpers> {
    if let Some(h) = HELPERS.with(Cell::get).filter(|h| h.env == env) {
        return Some(h);
    }
    // SAFETY: live env; the out-pointers are locals; the source is a valid Latin-1 slice.
    unsafe {
        let mut source = ptr::null_mut();
        let mut pair = ptr::null_mut();
        let (mut concat, mut split) = (ptr::null_mut(), ptr::null_mut());
        let compiled = ok(sys::napi_create_string_latin1(
            env,
            SOURCE.as_ptr().cast(),
            SOURCE.len() as isize,
            &mut source,
        )) && ok(sys::napi_run_script(env, source, &mut pair))
            && ok(sys::napi_get_element(env, pair, 0, &mut concat))
            && ok(sys::napi_get_element(env, pair, 1, &mut split));
        if !compiled {
            clear_exception(env);
            return None;
        }
        let mut h = Helpers {
            env,
            concat: ptr::null_mut(),
            split: ptr::null_mut(),
        };
        if !ok(sys::napi_create_reference(env, concat, 1, &mut h.concat))
            || !ok(sys::napi_create_reference(env, split, 1, &mut h.split))
            || !ok(sys::napi_add_env_cleanup_hook(
                env,
                Some(forget),
                env.cast(),
            ))
        {
            return None;
        }
        HELPERS.with(|c| c.set(Some(h)));
        Some(h)
    }
}

/// Calls the helper `f` with `arg`; `None` (no exception left pending) if it failed.
///
/// # Safety
/// `env` and `arg` must be handles of the N-API call in progress; `f` a live reference of `env`.
unsafe fn call(
    env: sys::napi_env,
    f: sys::napi_ref,
    arg: sys::napi_value,
) -> Option<sys::napi_value> {
    // SAFETY: live handles; the out-pointers are locals.
    unsafe {
        let (mut func, mut recv, mut out) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        let called = ok(sys::napi_get_reference_value(env, f, &mut func))
            && !func.is_null()
            && ok(sys::napi_get_undefined(env, &mut recv))
            && ok(sys::napi_call_function(env, recv, func, 1, &arg, &mut out));
        if called {
            Some(out)
        } else {
            clear_exception(env);
            None
        }
    }
}

/// The UTF-8 of every element of the JS array `value` (of `len` elements), each followed by
/// [`TABLE_SEP`], read with one helper call and one string read, and where each element ends;
/// `None` when the one-piece form cannot be used (see the module's comment). The bytes are
/// UTF-8: N-API's encoder writes U+FFFD for a lone surrogate.
///
/// # Safety
/// `env` and `value` must be the handles of the N-API call in progress.
pub(super) unsafe fn table(
    env: sys::napi_env,
    value: sys::napi_value,
    len: u32,
) -> Option<(Vec<u8>, Vec<usize>)> {
    // SAFETY (whole body): live handles; every out-pointer is a local; the string is written
    // within `bytes`' capacity, which bounds its UTF-8 (≤ 3 bytes per UTF-16 unit).
    unsafe {
        let h = helpers(env)?;
        let joined = call(env, h.concat, value)?;
        let mut kind = 0;
        if !ok(sys::napi_typeof(env, joined, &mut kind)) || kind != sys::ValueType::napi_string {
            return None;
        }
        // The length in UTF-16 units (no encoding pass), which bounds the UTF-8.
        let mut units = 0usize;
        if !ok(sys::napi_get_value_string_utf16(
            env,
            joined,
            ptr::null_mut(),
            0,
            &mut units,
        )) {
            return None;
        }
        let capacity = units.checked_mul(3)?.checked_add(1)?;
        let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
        let mut written = 0usize;
        if !ok(sys::napi_get_value_string_utf8(
            env,
            joined,
            bytes.as_mut_ptr().cast(),
            capacity,
            &mut written,
        )) || written >= capacity
        {
            return None;
        }
        bytes.set_len(written);
        let mut ends = Vec::with_capacity(len as usize);
        ends.extend(memchr::memchr_iter(TABLE_SEP, &bytes));
        (ends.len() == len as usize).then_some((bytes, ends))
    }
}

/// `text` (answers each followed by [`ANSWER_SEP`], ASCII) as a JS array of `n` strings, made
/// as one one-byte string split by the helper; `None` when an answer holds the separator or the
/// helper failed.
///
/// # Safety
/// `env` must be the handle of the N-API call in progress.
pub(super) unsafe fn answers(env: sys::napi_env, text: &[u8], n: usize) -> Option<sys::napi_value> {
    let body = text.strip_suffix(&[ANSWER_SEP])?;
    if !text.is_ascii() || memchr::memchr_iter(ANSWER_SEP, text).count() != n {
        return None;
    }
    // SAFETY (whole body): live env; `body` is a live slice handed over with its length.
    unsafe {
        let h = helpers(env)?;
        let mut one = ptr::null_mut();
        let len = isize::try_from(body.len()).ok()?;
        if !ok(sys::napi_create_string_latin1(
            env,
            body.as_ptr().cast(),
            len,
            &mut one,
        )) {
            return None;
        }
        let array = call(env, h.split, one)?;
        let mut got = 0u32;
        (ok(sys::napi_get_array_length(env, array, &mut got)) && got as usize == n).then_some(array)
    }
}

//! Long string arrays crossed in few pieces. Element by element, every string of a batch
//! signer's table costs two N-API calls (`napi_get_element`, then the read), ≈ 70 ns each on a
//! seed ACS3 row; an answer costs two more (create, `napi_set_element`). Here a small JS helper,
//! compiled once per env, concatenates the table a chunk at a time (≤ 16 K UTF-16 units, each
//! element followed by a NUL; a value of 2 K units or more alone) into strings read with one call
//! each and cut natively, and splits
//! the answers, written as one string, on `\n`. Whenever a piece could differ from element by
//! element — an element that is not a string, a NUL inside one, a `\n` inside an answer,
//! anything the helper refuses or N-API fails — the caller takes the element-by-element path,
//! which is exact and names a bad element.

use napi::sys;
use std::cell::{Cell, RefCell};
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

/// A chunk of a table stops once its text reaches this many UTF-16 units (32 KB as a two-byte
/// string): V8 keeps it in the young generation, and the UTF-8 read buffer stays small.
const CHUNK_UNITS: u32 = 16 * 1024;

/// A value at least this long crosses alone, read where it lies as the element path reads it: a
/// chunk would copy it once more (flattening) for no call saved.
const ALONE_UNITS: u32 = 2048;

/// `concat(a, from)`: the elements of the array `a` from index `from` on, each followed by a NUL,
/// until the text reaches `CHUNK_UNITS` (each element read once: a getter runs once). A value of
/// `ALONE_UNITS` or more ends the chunk before it, or, first in a chunk, is answered alone
/// (`state[1] = 1`: no NUL after it). `state[0]` is the index after the last element taken.
/// Null if an element is not a string, or the text cannot be made (`RangeError`).
/// `split(s)`: `s.split('\n')`. `state`: the `Uint32Array(2)` both report through.
const SOURCE: &str = r"(function (CHUNK_UNITS, ALONE_UNITS) {
  'use strict';
  const split = String.prototype.split;
  const state = new Uint32Array(2);
  return [
    function callplaneConcatStrings(a, from) {
      let s = '';
      let i = from;
      state[1] = 0;
      try {
        for (; i < a.length; i++) {
          const v = a[i];
          if (typeof v !== 'string') return null;
          if (v.length >= ALONE_UNITS) {
            if (i === from) {
              state[0] = i + 1;
              state[1] = 1;
              return v;
            }
            break;
          }
          s += v;
          s += '\u0000';
          if (s.length >= CHUNK_UNITS) {
            i++;
            break;
          }
        }
      } catch (e) {
        return null;
      }
      state[0] = i;
      return s;
    },
    function callplaneSplitLines(s) {
      return split.call(s, '\n');
    },
    state,
  ];
})";

/// The helpers of one env: references to `concat` and `split`, and where `state` lies.
#[derive(Clone, Copy)]
struct Helpers {
    env: sys::napi_env,
    concat: sys::napi_ref,
    split: sys::napi_ref,
    /// `state`'s two `u32`s; its `ArrayBuffer` is fixed-length, never detached (the helpers'
    /// closure is its only holder) and kept alive by `state_ref`.
    state: *const u32,
}

thread_local! {
    /// One env per thread in Node (the main thread, each worker); cleared when that env is torn
    /// down (`forget`), so a later env at the same address never sees stale references.
    static HELPERS: Cell<Option<Helpers>> = const { Cell::new(None) };
    /// The envs of this thread whose teardown hook is registered: Node aborts on a second
    /// registration of the same hook and argument, which a thread alternating between two envs
    /// would otherwise make.
    static HOOKED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Env teardown: the references die with the env.
unsafe extern "C" fn forget(arg: *mut std::ffi::c_void) {
    let env = arg as usize;
    HELPERS.with(|h| {
        if h.get().is_some_and(|h| h.env as usize == env) {
            h.set(None);
        }
    });
    HOOKED.with(|hooked| hooked.borrow_mut().retain(|&e| e != env));
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
        let source = format!("{SOURCE}({CHUNK_UNITS}, {ALONE_UNITS})");
        let mut script = ptr::null_mut();
        let mut list = ptr::null_mut();
        let [mut concat, mut split, mut state] = [ptr::null_mut(); 3];
        let mut kind = 0;
        let mut units = 0usize;
        let mut data = ptr::null_mut();
        let compiled = ok(sys::napi_create_string_latin1(
            env,
            source.as_ptr().cast(),
            isize::try_from(source.len()).ok()?,
            &mut script,
        )) && ok(sys::napi_run_script(env, script, &mut list))
            && ok(sys::napi_get_element(env, list, 0, &mut concat))
            && ok(sys::napi_get_element(env, list, 1, &mut split))
            && ok(sys::napi_get_element(env, list, 2, &mut state))
            && ok(sys::napi_get_typedarray_info(
                env,
                state,
                &mut kind,
                &mut units,
                &mut data,
                ptr::null_mut(),
                ptr::null_mut(),
            ))
            && kind == sys::TypedarrayType::uint32_array
            && units == 2
            && !data.is_null();
        if !compiled {
            clear_exception(env);
            return None;
        }
        let mut h = Helpers {
            env,
            concat: ptr::null_mut(),
            split: ptr::null_mut(),
            state: data.cast_const().cast(),
        };
        let mut state_ref = ptr::null_mut();
        if !ok(sys::napi_create_reference(env, concat, 1, &mut h.concat))
            || !ok(sys::napi_create_reference(env, split, 1, &mut h.split))
            || !ok(sys::napi_create_reference(env, state, 1, &mut state_ref))
        {
            return None;
        }
        let hooked = HOOKED.with(|hooked| hooked.borrow().contains(&(env as usize)));
        if !hooked {
            if !ok(sys::napi_add_env_cleanup_hook(
                env,
                Some(forget),
                env.cast(),
            )) {
                return None;
            }
            HOOKED.with(|hooked| hooked.borrow_mut().push(env as usize));
        }
        HELPERS.with(|c| c.set(Some(h)));
        Some(h)
    }
}

/// Calls the helper `f` with `args`; `None` (no exception left pending) if it failed.
///
/// # Safety
/// `env` and `args` must be handles of the N-API call in progress; `f` a live reference of `env`.
unsafe fn call(
    env: sys::napi_env,
    f: sys::napi_ref,
    args: &[sys::napi_value],
) -> Option<sys::napi_value> {
    // SAFETY: live handles; the out-pointers are locals; `args` is read for its length.
    unsafe {
        let (mut func, mut recv, mut out) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        let called = ok(sys::napi_get_reference_value(env, f, &mut func))
            && !func.is_null()
            && ok(sys::napi_get_undefined(env, &mut recv))
            && ok(sys::napi_call_function(
                env,
                recv,
                func,
                args.len(),
                args.as_ptr(),
                &mut out,
            ));
        if called {
            Some(out)
        } else {
            clear_exception(env);
            None
        }
    }
}

/// The UTF-8 of every element of the JS array `value` (of `len` elements), each followed by
/// [`TABLE_SEP`], and where each element ends, read a chunk at a time (one helper call and one
/// string read each); `None` when the one-piece form cannot be used (see the module's comment).
/// The bytes are UTF-8: N-API's encoder writes U+FFFD for a lone surrogate, and no surrogate
/// pairs up across elements (a NUL or a chunk's end lies between).
///
/// # Safety
/// `env` and `value` must be the handles of the N-API call in progress.
pub(super) unsafe fn table(
    env: sys::napi_env,
    value: sys::napi_value,
    len: u32,
) -> Option<(Vec<u8>, Vec<usize>)> {
    // SAFETY (whole body): live handles; every out-pointer is a local; each string is written
    // within the capacity reserved for it, which bounds its UTF-8 (≤ 3 bytes per UTF-16 unit);
    // `h.state` points at the helpers' live `Uint32Array(2)`.
    unsafe {
        let h = helpers(env)?;
        let mut bytes: Vec<u8> = Vec::new();
        let mut ends = Vec::with_capacity(len as usize);
        let mut from = 0u32;
        while from < len {
            let mut at = ptr::null_mut();
            if !ok(sys::napi_create_uint32(env, from, &mut at)) {
                return None;
            }
            let chunk = call(env, h.concat, &[value, at])?;
            let (to, alone) = (*h.state, *h.state.add(1) == 1);
            let mut kind = 0;
            if to <= from
                || to > len
                || !ok(sys::napi_typeof(env, chunk, &mut kind))
                || kind != sys::ValueType::napi_string
            {
                return None;
            }
            // The length in UTF-16 units (no encoding pass), which bounds the UTF-8.
            let mut units = 0usize;
            if !ok(sys::napi_get_value_string_utf16(
                env,
                chunk,
                ptr::null_mut(),
                0,
                &mut units,
            )) {
                return None;
            }
            let start = bytes.len();
            let capacity = units.checked_mul(3)?.checked_add(2)?;
            bytes.reserve(capacity);
            let mut written = 0usize;
            if !ok(sys::napi_get_value_string_utf8(
                env,
                chunk,
                bytes.as_mut_ptr().add(start).cast(),
                capacity,
                &mut written,
            )) || written + 1 >= capacity
            {
                return None;
            }
            bytes.set_len(start + written);
            if alone {
                // One value, NULs and all: its end is known.
                ends.push(bytes.len());
                bytes.push(TABLE_SEP);
            } else {
                let before = ends.len();
                ends.extend(
                    memchr::memchr_iter(TABLE_SEP, bytes.get(start..).unwrap_or_default())
                        .map(|at| start + at),
                );
                if ends.len() - before != (to - from) as usize {
                    return None;
                }
            }
            from = to;
        }
        Some((bytes, ends))
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
        let array = call(env, h.split, &[one])?;
        let mut got = 0u32;
        (ok(sys::napi_get_array_length(env, array, &mut got)) && got as usize == n).then_some(array)
    }
}

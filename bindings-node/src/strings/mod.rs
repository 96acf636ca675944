//! A JS `string[]` read into one buffer: a long array in one piece (`joined`), a short one with
//! one N-API string call per element (napi-rs's `String` makes two, the first only to learn the
//! length), no allocation per element either way. The batch signers read thousands of short
//! strings per call, where those calls are most of the cost.

mod joined;

use crate::errors;
use callplane_core::issue::IssueCode;
use napi::sys;
use std::ptr;

fn ok(status: sys::napi_status) -> bool {
    status == sys::Status::napi_ok
}

/// The strings of one JS array, concatenated; `ends[i]` is where string `i` ends, and string
/// `i + 1` starts `gap` bytes later (1 when read in one piece: the separator stays in `text`).
#[derive(Debug, Default)]
pub(crate) struct Strings {
    text: String,
    ends: Vec<usize>,
    gap: usize,
}

impl Strings {
    /// How many strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The strings in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let gap = self.gap;
        let starts = std::iter::once(0).chain(self.ends.iter().map(move |&e| e + gap));
        starts
            .zip(self.ends.iter().copied())
            .map(|(a, b)| self.text.get(a..b).unwrap_or_default())
    }

    /// Reads `value`, which must be an array of strings (or, when `nullable`, null/undefined:
    /// no strings). `path` names the argument in the refusal.
    ///
    /// # Safety
    /// `env` and `value` must be the handles of the N-API call in progress.
    pub(crate) unsafe fn from_js(
        env: sys::napi_env,
        value: sys::napi_value,
        path: &str,
        nullable: bool,
    ) -> napi::Result<Self> {
        let refuse = |what: &str| {
            errors::invalid_arg(
                path,
                IssueCode::InvalidType,
                format!("{path} must be {what}"),
            )
        };
        let want = if nullable {
            "an array of strings or null"
        } else {
            "an array of strings"
        };
        // SAFETY (whole body): the caller guarantees live handles; every out-pointer is a local
        // and every write into `bytes` stays within its reserved capacity.
        unsafe {
            let mut kind = 0;
            if !ok(sys::napi_typeof(env, value, &mut kind)) {
                return Err(refuse(want));
            }
            if nullable
                && (kind == sys::ValueType::napi_null || kind == sys::ValueType::napi_undefined)
            {
                return Ok(Strings::default());
            }
            let mut is_array = false;
            let mut len = 0u32;
            if !ok(sys::napi_is_array(env, value, &mut is_array))
                || !is_array
                || !ok(sys::napi_get_array_length(env, value, &mut len))
            {
                return Err(refuse(want));
            }
            if len >= joined::JOINED_FROM
                && let Some((bytes, ends)) = joined::table(env, value, len)
            {
                debug_assert!(std::str::from_utf8(&bytes).is_ok());
                // SAFETY: UTF-8 by N-API's contract, as below.
                let text = String::from_utf8_unchecked(bytes);
                return Ok(Strings { text, ends, gap: 1 });
            }
            let mut bytes: Vec<u8> = Vec::with_capacity(4096);
            let mut ends = Vec::with_capacity(len as usize);
            for i in 0..len {
                let mut item = ptr::null_mut();
                let not_a_string = || {
                    errors::invalid_arg(
                        &format!("{path}[{i}]"),
                        IssueCode::InvalidType,
                        format!("{path}[{i}] must be a string"),
                    )
                };
                if !ok(sys::napi_get_element(env, value, i, &mut item)) {
                    return Err(not_a_string());
                }
                match read_string(env, item, &mut bytes) {
                    Some(true) => {}
                    Some(false) => return Err(not_a_string()),
                    None => return Err(refuse(want)),
                }
                ends.push(bytes.len());
            }
            // Not validated again (that pass was ~64 ns of a seed ACS3 row, a third of what
            // stood between acs3Authorizations and 10x the SDK): every byte came from
            // `napi_get_value_string_utf8`, which V8 encodes from a JS string with
            // REPLACE_INVALID_UTF8 (a lone surrogate becomes U+FFFD) and never cuts a character
            // short (`read_string` re-reads any string that came near the buffer's end), so the
            // bytes are UTF-8 whatever the caller passed. Debug builds check all the same.
            debug_assert!(std::str::from_utf8(&bytes).is_ok());
            // SAFETY: UTF-8 by N-API's contract, as above.
            let text = String::from_utf8_unchecked(bytes);
            Ok(Strings { text, ends, gap: 0 })
        }
    }
}

/// Appends the UTF-8 of the JS string `item` to `bytes`: `Some(false)` when `item` is not a
/// string, `None` when N-API fails.
///
/// # Safety
/// `env` and `item` must be handles of the N-API call in progress.
unsafe fn read_string(
    env: sys::napi_env,
    item: sys::napi_value,
    bytes: &mut Vec<u8>,
) -> Option<bool> {
    // SAFETY (whole body): live handles; every write into `bytes` stays within its reserved
    // capacity.
    unsafe {
        let start = bytes.len();
        if bytes.capacity() - start < 1024 {
            bytes.reserve(bytes.capacity().max(4096));
        }
        let mut written = 0usize;
        let spare = bytes.capacity() - start;
        let status = sys::napi_get_value_string_utf8(
            env,
            item,
            bytes.as_mut_ptr().add(start).cast(),
            spare,
            &mut written,
        );
        // Reading a non-string fails with `napi_string_expected` (no `typeof` call).
        if status == sys::Status::napi_string_expected {
            return Some(false);
        }
        // Node writes at most `spare - 1` bytes and never splits a character (≤ 4 bytes),
        // so a string that ends this close to the end may have been cut: ask its length.
        if ok(status) && written + 5 > spare {
            let mut exact = 0usize;
            if !ok(sys::napi_get_value_string_utf8(
                env,
                item,
                ptr::null_mut(),
                0,
                &mut exact,
            )) {
                return None;
            }
            bytes.reserve(exact + 1);
            let status = sys::napi_get_value_string_utf8(
                env,
                item,
                bytes.as_mut_ptr().add(start).cast(),
                exact + 1,
                &mut written,
            );
            if !ok(status) {
                return None;
            }
        } else if !ok(status) {
            return None;
        }
        bytes.set_len(start + written);
        Some(true)
    }
}

/// One body of `authorizations`: a string's UTF-8 (a range of [`Bodies`]' text) or bytes where
/// they lie in a JS buffer.
#[derive(Debug)]
enum Body {
    Text(usize, usize),
    Bytes(*const u8, usize),
}

/// The bodies of one `authorizations` call: each a string or an `ArrayBufferView` (`Buffer`,
/// `Uint8Array`), read with two N-API calls each (napi-rs's `Either` makes four), bytes not
/// copied. Valid for the N-API call in progress only (`'call`).
#[derive(Debug)]
pub(crate) struct Bodies<'call> {
    text: Vec<u8>,
    items: Vec<Body>,
    call: std::marker::PhantomData<&'call ()>,
}

impl<'call> Bodies<'call> {
    /// How many bodies.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// The bytes of each body, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.items.iter().map(|body| match *body {
            Body::Text(a, b) => self.text.get(a..b).unwrap_or_default(),
            // SAFETY: `ptr, len` came from `napi_get_buffer_info` during this call ('call), and
            // a buffer's backing store neither moves nor is freed while the call holds it.
            Body::Bytes(_, 0) => &[],
            Body::Bytes(ptr, len) => unsafe { std::slice::from_raw_parts(ptr, len) },
        })
    }

    /// Reads `value`, which must be an array of strings and byte views; `path` names it in the
    /// refusal. Strings are read as UTF-8 (a lone surrogate becomes U+FFFD).
    ///
    /// # Safety
    /// `env` and `value` must be the handles of the N-API call in progress, which outlives
    /// `'call`.
    pub(crate) unsafe fn from_js(
        env: sys::napi_env,
        value: sys::napi_value,
        path: &str,
    ) -> napi::Result<Self> {
        let refuse = || {
            errors::invalid_arg(
                path,
                IssueCode::InvalidType,
                format!("{path} must be an array of strings or Uint8Arrays"),
            )
        };
        // SAFETY (whole body): live handles; every out-pointer is a local.
        unsafe {
            let mut is_array = false;
            let mut len = 0u32;
            if !ok(sys::napi_is_array(env, value, &mut is_array))
                || !is_array
                || !ok(sys::napi_get_array_length(env, value, &mut len))
            {
                return Err(refuse());
            }
            let mut text = Vec::new();
            let mut items = Vec::with_capacity(len as usize);
            for i in 0..len {
                let wrong = || {
                    errors::invalid_arg(
                        &format!("{path}[{i}]"),
                        IssueCode::InvalidType,
                        format!("{path}[{i}] must be a string or a Uint8Array"),
                    )
                };
                let mut item = ptr::null_mut();
                if !ok(sys::napi_get_element(env, value, i, &mut item)) {
                    return Err(wrong());
                }
                // Bytes first (the cheaper crossing for large bodies); any ArrayBufferView, as
                // `napi_is_buffer` accepts.
                let mut data = ptr::null_mut();
                let mut size = 0usize;
                if ok(sys::napi_get_buffer_info(env, item, &mut data, &mut size)) {
                    items.push(Body::Bytes(data.cast_const().cast(), size));
                    continue;
                }
                let start = text.len();
                match read_string(env, item, &mut text) {
                    Some(true) => items.push(Body::Text(start, text.len())),
                    _ => return Err(wrong()),
                }
            }
            Ok(Bodies {
                text,
                items,
                call: std::marker::PhantomData,
            })
        }
    }
}

/// Texts written one after another into one `String`, each followed by a line break (`ends[i]`
/// is where text `i` ends), handed to JS as an array of strings: the batch signers' answers,
/// built without a `String` each.
#[derive(Debug, Default)]
pub(crate) struct Answers {
    pub(crate) text: String,
    ends: Vec<usize>,
}

impl Answers {
    /// Room for `n` answers of about `each` bytes.
    pub(crate) fn with_capacity(n: usize, each: usize) -> Self {
        Answers {
            text: String::with_capacity(n.saturating_mul(each)),
            ends: Vec::with_capacity(n),
        }
    }

    /// Ends the answer written since the last call.
    pub(crate) fn end(&mut self) {
        self.ends.push(self.text.len());
        self.text.push(char::from(joined::ANSWER_SEP));
    }

    /// The answers as a JS array; ASCII ones (every signature) as one-byte strings, copied
    /// without decoding.
    ///
    /// # Safety
    /// `env` must be the handle of the N-API call in progress.
    pub(crate) unsafe fn to_js(&self, env: sys::napi_env) -> napi::Result<sys::napi_value> {
        let failed = || errors::coded("internal_error", "the signatures could not be handed to JS");
        if self.ends.len() >= joined::JOINED_FROM as usize
            // SAFETY: `env` is the handle of the call in progress.
            && let Some(array) = unsafe { joined::answers(env, self.text.as_bytes(), self.ends.len()) }
        {
            return Ok(array);
        }
        let ascii = self.text.is_ascii();
        // SAFETY: `env` is live; every pointer handed over is a local or points into `self.text`
        // with its length.
        unsafe {
            let mut array = ptr::null_mut();
            if !ok(sys::napi_create_array_with_length(
                env,
                self.ends.len(),
                &mut array,
            )) {
                return Err(failed());
            }
            let mut start = 0;
            for (i, &end) in self.ends.iter().enumerate() {
                let s = self.text.get(start..end).ok_or_else(failed)?;
                let len = isize::try_from(s.len()).map_err(|_| failed())?;
                let mut value = ptr::null_mut();
                let status = if ascii {
                    sys::napi_create_string_latin1(env, s.as_ptr().cast(), len, &mut value)
                } else {
                    sys::napi_create_string_utf8(env, s.as_ptr().cast(), len, &mut value)
                };
                let index = u32::try_from(i).map_err(|_| failed())?;
                if !ok(status) || !ok(sys::napi_set_element(env, array, index, value)) {
                    return Err(failed());
                }
                start = end + 1;
            }
            Ok(array)
        }
    }
}

//! Numbers printed exactly as JavaScript prints them, so a preview rendered by this core (natively,
//! in Node or in the browser) matches what users see from `String(x)` in JS.

use serde_json::Number;
use std::fmt::Write;

/// Appends a JSON number: integers (`u64`/`i64`) in plain decimal, floats as JavaScript's
/// `Number.prototype.toString()`.
///
/// Integers above 2^53 print exactly (`12345678901234567890`); JS would already have lost digits
/// when reading such a value, so there is no JS output to match.
pub(super) fn push_json_number(out: &mut String, n: &Number) {
    if let Some(u) = n.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
    } else if let Some(f) = n.as_f64() {
        push_js_number(out, f);
    } else {
        // Only reachable with serde_json's `arbitrary_precision` and a number f64 cannot hold:
        // its own text is the most faithful form.
        let _ = write!(out, "{n}");
    }
}

/// Appends `x` as ECMA-262 `Number::toString(x, 10)` does
/// (<https://tc39.es/ecma262/#sec-numeric-types-number-tostring>).
pub fn push_js_number(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    // Covers -0: JS prints "0" for both zeros.
    if x == 0.0 {
        out.push('0');
        return;
    }
    if x.is_infinite() {
        out.push_str(if x < 0.0 { "-Infinity" } else { "Infinity" });
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    // Rust's `{:e}` without a precision prints the shortest digit string that reads back as the
    // same f64, choosing the closest such string: the `s`/`k` of the spec's step 5. Only the layout
    // differs, so we take the digits and the exponent and lay them out the JS way.
    let mut buf = StackBuf::default();
    if write!(buf, "{:e}", x.abs()).is_err() {
        // Cannot happen (the longest form, `2.2250738585072014e-308`, fits); never panic.
        let _ = write!(out, "{}", x.abs());
        return;
    }
    let Some((digits, k, exp)) = split_scientific(buf.as_bytes()) else {
        let _ = write!(out, "{}", x.abs());
        return;
    };
    let digits = digits.get(..k).unwrap_or(&[]);
    // The spec's n: x = 0.d1d2…dk × 10^n.
    let n = exp + 1;
    let k = k as i32;
    if k <= n && n <= 21 {
        push_digits(out, digits);
        push_zeros(out, n - k);
    } else if 0 < n && n <= 21 {
        // 0 < n < k here, so the split is inside the digits.
        let (int, frac) = digits.split_at_checked(n as usize).unwrap_or((digits, &[]));
        push_digits(out, int);
        out.push('.');
        push_digits(out, frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        push_zeros(out, -n);
        push_digits(out, digits);
    } else {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, &[]));
        push_digits(out, first);
        if !rest.is_empty() {
            out.push('.');
            push_digits(out, rest);
        }
        let e = n - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        let _ = write!(out, "{}", e.unsigned_abs());
    }
}

/// `1.2345e-7` → (`[1,2,3,4,5]` as ASCII, 5, -7). `None` if the text is not of that shape.
fn split_scientific(s: &[u8]) -> Option<([u8; 24], usize, i32)> {
    let e_at = s.iter().position(|&b| b == b'e')?;
    let (mantissa, exp) = s.split_at(e_at);
    let exp = std::str::from_utf8(exp.get(1..)?).ok()?.parse::<i32>().ok()?;
    let mut digits = [0u8; 24];
    let mut k = 0;
    for &b in mantissa.iter().filter(|b| b.is_ascii_digit()) {
        *digits.get_mut(k)? = b;
        k += 1;
    }
    // Shortest output never has trailing zeros except for the single digit of an exact power of
    // ten, but strip them anyway so `k` is minimal as the spec requires.
    while k > 1 && digits.get(k - 1) == Some(&b'0') {
        k -= 1;
    }
    (k > 0).then_some((digits, k, exp))
}

fn push_digits(out: &mut String, digits: &[u8]) {
    // Only ASCII digits reach here (filtered in `split_scientific`).
    out.extend(digits.iter().map(|&b| b as char));
}

fn push_zeros(out: &mut String, count: i32) {
    out.extend(std::iter::repeat_n('0', count.max(0) as usize));
}

/// A fixed-size `fmt::Write` sink, so formatting a float never allocates.
struct StackBuf {
    buf: [u8; 40],
    len: usize,
}

impl Default for StackBuf {
    fn default() -> Self {
        StackBuf {
            buf: [0; 40],
            len: 0,
        }
    }
}

impl StackBuf {
    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

impl Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(x: f64) -> String {
        let mut s = String::new();
        push_js_number(&mut s, x);
        s
    }

    // Values JSON cannot carry (so the data-driven JS table cannot either); JS prints these.
    #[test]
    fn non_finite_and_zeros() {
        assert_eq!(js(f64::NAN), "NaN");
        assert_eq!(js(f64::INFINITY), "Infinity");
        assert_eq!(js(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(js(0.0), "0");
        assert_eq!(js(-0.0), "0");
    }

    #[test]
    fn layout_boundaries() {
        // n = 21 is the last plain integer; n = 22 switches to exponent form.
        assert_eq!(js(1e20), "100000000000000000000");
        assert_eq!(js(1e21), "1e+21");
        assert_eq!(js(1.5e21), "1.5e+21");
        // n = -5 is the last "0.00000d"; n = -6 switches to exponent form.
        assert_eq!(js(1e-6), "0.000001");
        assert_eq!(js(1.5e-7), "1.5e-7");
        assert_eq!(js(1e-7), "1e-7");
        assert_eq!(js(-123.456), "-123.456");
        assert_eq!(js(f64::MAX), "1.7976931348623157e+308");
        assert_eq!(js(5e-324), "5e-324");
    }

    #[test]
    fn integers_and_floats_from_json() {
        let render = |v: serde_json::Value| {
            let mut s = String::new();
            if let serde_json::Value::Number(n) = v {
                push_json_number(&mut s, &n);
            }
            s
        };
        assert_eq!(render(serde_json::json!(u64::MAX)), "18446744073709551615");
        assert_eq!(render(serde_json::json!(i64::MIN)), "-9223372036854775808");
        assert_eq!(render(serde_json::json!(1.0)), "1");
        assert_eq!(render(serde_json::json!(0.1)), "0.1");
    }
}

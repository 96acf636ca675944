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
    // same f64 (the spec's `s`, `k`, step 5); only the layout differs, so we take the digits and
    // the exponent and lay them out the JS way. One difference: when x lies exactly halfway between
    // two shortest candidates, Rust rounds the last digit up while the spec picks the even one
    // (2^-25 is 2.98023223876953125e-8: Rust prints …313, JS …312), so ties are fixed below.
    let mut buf = StackBuf::default();
    if write!(buf, "{:e}", x.abs()).is_err() {
        // Cannot happen (the longest form, `2.2250738585072014e-308`, fits); never panic.
        let _ = write!(out, "{}", x.abs());
        return;
    }
    let Some(mut sci) = Scientific::parse(buf.as_bytes()) else {
        let _ = write!(out, "{}", x.abs());
        return;
    };
    sci.round_ties_to_even(x.abs());
    let k = sci.k;
    let digits = sci.digits.get(..k).unwrap_or(&[]);
    // The spec's n: x = 0.d1d2…dk × 10^n.
    let n = sci.exp + 1;
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

/// A shortest decimal form: `digits[..k]` (ASCII, no trailing zeros) × 10^(exp - k + 1), i.e. the
/// value is d1.d2…dk × 10^exp.
struct Scientific {
    digits: [u8; 24],
    k: usize,
    exp: i32,
}

impl Scientific {
    /// Read Rust's `{:e}` output (`1.2345e-7`). `None` if the text is not of that shape.
    fn parse(s: &[u8]) -> Option<Scientific> {
        let e_at = s.iter().position(|&b| b == b'e')?;
        let (mantissa, exp) = s.split_at(e_at);
        let exp = std::str::from_utf8(exp.get(1..)?)
            .ok()?
            .parse::<i32>()
            .ok()?;
        let mut sci = Scientific {
            digits: [0u8; 24],
            k: 0,
            exp,
        };
        for &b in mantissa.iter().filter(|b| b.is_ascii_digit()) {
            *sci.digits.get_mut(sci.k)? = b;
            sci.k += 1;
        }
        sci.strip_trailing_zeros();
        (sci.k > 0).then_some(sci)
    }

    /// The spec wants `k` minimal, so no trailing zeros (a lone `0` digit cannot occur: x ≠ 0).
    fn strip_trailing_zeros(&mut self) {
        while self.k > 1 && self.digits.get(self.k - 1) == Some(&b'0') {
            self.k -= 1;
        }
    }

    /// The digits as an integer D, so the value is D × 10^p with p = exp - k + 1.
    fn integer(&self) -> Option<(u64, i32)> {
        let digits = std::str::from_utf8(self.digits.get(..self.k)?).ok()?;
        Some((digits.parse().ok()?, self.exp - self.k as i32 + 1))
    }

    /// If `x` (positive, finite) is exactly halfway between D × 10^p and a neighbour (D ± 1) ×
    /// 10^p, and D is odd, switch to the even neighbour as ECMA-262 Number::toString step 5 says
    /// ("if there are two such possible values of s, choose the one that is even").
    fn round_ties_to_even(&mut self, x: f64) {
        let Some((d, p)) = self.integer() else {
            return;
        };
        if d.is_multiple_of(2) {
            return;
        }
        for neighbour in [d - 1, d + 1] {
            // The midpoint (D + neighbour) / 2 × 10^p = (D + neighbour) × 5^p × 2^(p - 1).
            if is_exactly(x, d + neighbour, p) && round_trips(neighbour, p, x) {
                self.set_integer(neighbour, p);
                return;
            }
        }
    }

    /// Replace the digits with those of `d` × 10^p.
    fn set_integer(&mut self, d: u64, p: i32) {
        let mut buf = StackBuf::default();
        if write!(buf, "{d}").is_err() || buf.len == 0 || buf.len > self.digits.len() {
            return;
        }
        self.digits = [0u8; 24];
        if let Some(dst) = self.digits.get_mut(..buf.len) {
            dst.copy_from_slice(buf.as_bytes());
        }
        self.k = buf.len;
        self.exp = p + self.k as i32 - 1;
        self.strip_trailing_zeros();
    }
}

/// Whether `x` (positive, finite) equals exactly c × 5^p × 2^(p - 1), for odd `c`. Exact integer
/// arithmetic: with x = m × 2^q (m odd), equal odd parts and equal powers of two.
fn is_exactly(x: f64, c: u64, p: i32) -> bool {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut m, mut q) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if m == 0 || c.is_multiple_of(2) {
        return false;
    }
    let t = m.trailing_zeros();
    m >>= t;
    q += t as i32;
    if q != p - 1 {
        return false;
    }
    // c < 2^58 and m < 2^53, so once 5^|p| overflows u128 (or the product does) there is no match.
    let Some(five) = 5u128.checked_pow(p.unsigned_abs()) else {
        return false;
    };
    if p >= 0 {
        five.checked_mul(u128::from(c)) == Some(u128::from(m))
    } else {
        five.checked_mul(u128::from(m)) == Some(u128::from(c))
    }
}

/// Whether `d` × 10^p reads back as `x`.
fn round_trips(d: u64, p: i32, x: f64) -> bool {
    let mut buf = StackBuf::default();
    write!(buf, "{d}e{p}").is_ok()
        && std::str::from_utf8(buf.as_bytes())
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            == Some(x)
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
    fn exact_ties_pick_the_even_digit() {
        // 2^-25 = 2.98023223876953125e-8 exactly: halfway between …312 and …313.
        assert_eq!(js(2f64.powi(-25)), "2.9802322387695312e-8");
        // Not a tie: the odd last digit stays.
        assert_eq!(js(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(js(1.0 / 3.0), "0.3333333333333333");
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

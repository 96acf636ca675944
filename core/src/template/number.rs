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
        out.push_str(itoa::Buffer::new().format(u));
    } else if let Some(i) = n.as_i64() {
        out.push_str(itoa::Buffer::new().format(i));
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
    let x = x.abs();
    // zmij (Schubfach, the printer serde_json uses) yields the shortest digit string that reads
    // back as the same f64, the spec's `s` and `k` (step 5); only its layout differs from JS, so
    // we read the digits and the decimal exponent back and lay them out the JS way.
    let mut printer = zmij::Buffer::new();
    let Some(mut dec) = Decimal::read(printer.format_finite(x).as_bytes()) else {
        // Unreachable for a finite x; never panic, print Rust's shortest form instead.
        let _ = write!(out, "{x}");
        return;
    };
    // Step 5 also says that of two equally close shortest candidates the even one wins. zmij does
    // so today (the JS table in core/tests proves it), but not every shortest printer does (Rust's
    // own `{:e}` prints 2^-25 as …313 where JS prints …312), so ties are settled here too: a
    // printer update cannot silently change previews. Cost: a quick reject for most values.
    dec.round_ties_to_even(x);
    let digits = dec.digits();
    let (k, n) = (dec.k as i32, dec.n);
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
        out.push_str(itoa::Buffer::new().format(e.unsigned_abs()));
    }
}

/// A positive decimal in the spec's terms: x = 0.d1d2…dk × 10^n, `digits[..k]` ASCII without
/// leading or trailing zeros.
#[derive(Debug, PartialEq)]
struct Decimal {
    digits: [u8; 24],
    k: usize,
    n: i32,
}

impl Decimal {
    /// Read any plain or scientific layout (`123.45`, `0.00123`, `1e21`, `1.5e-7`, `100.0`).
    /// `None` if the text is not a positive decimal with at most 24 significant digits.
    fn read(s: &[u8]) -> Option<Decimal> {
        let (mantissa, exp) = match s.iter().position(|&b| b == b'e' || b == b'E') {
            Some(at) => {
                let exp = std::str::from_utf8(s.get(at + 1..)?).ok()?;
                (s.get(..at)?, exp.parse::<i32>().ok()?)
            }
            None => (s, 0),
        };
        let mut dec = Decimal {
            digits: [0u8; 24],
            k: 0,
            n: 0,
        };
        // Digits before the point (after leading zeros) raise n; leading zeros after the point
        // lower it.
        let mut seen_point = false;
        for &b in mantissa {
            match b {
                b'.' if !seen_point => seen_point = true,
                b'0' if dec.k == 0 => {
                    if seen_point {
                        dec.n -= 1;
                    }
                }
                b'0'..=b'9' => {
                    *dec.digits.get_mut(dec.k)? = b;
                    dec.k += 1;
                    if !seen_point {
                        dec.n += 1;
                    }
                }
                _ => return None,
            }
        }
        dec.n = dec.n.checked_add(exp)?;
        dec.strip_trailing_zeros();
        (dec.k > 0).then_some(dec)
    }

    fn digits(&self) -> &[u8] {
        self.digits.get(..self.k).unwrap_or(&[])
    }

    /// The spec wants `k` minimal: drop trailing zeros (they do not change n).
    fn strip_trailing_zeros(&mut self) {
        while self.k > 1 && self.digits.get(self.k - 1) == Some(&b'0') {
            self.k -= 1;
        }
    }

    /// The digits as an integer D and the power p with x = D × 10^p.
    fn integer(&self) -> Option<(u64, i32)> {
        let d = std::str::from_utf8(self.digits()).ok()?.parse().ok()?;
        Some((d, self.n - self.k as i32))
    }

    /// If `x` (positive, finite) is exactly halfway between D × 10^p and a neighbour (D ± 1) ×
    /// 10^p, and D is odd, switch to the even neighbour ("if there are two such possible values
    /// of s, choose the one that is even").
    fn round_ties_to_even(&mut self, x: f64) {
        // Only a 16- or 17-digit D can tie: with fewer digits the decimal grid is coarser than
        // the f64 grid, so two neighbours cannot both read back as x.
        if self.k < 16 || self.digits.get(self.k - 1).is_some_and(|d| d % 2 == 0) {
            return;
        }
        let Some((d, p)) = self.integer() else {
            return;
        };
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
        let mut buf = itoa::Buffer::new();
        let text = buf.format(d).as_bytes();
        let Some(dst) = self.digits.get_mut(..text.len()) else {
            return;
        };
        dst.copy_from_slice(text);
        self.k = text.len();
        self.n = p + self.k as i32;
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
    // Only ASCII digits reach here (checked in `Decimal::read`).
    out.extend(digits.iter().map(|&b| b as char));
}

fn push_zeros(out: &mut String, count: i32) {
    out.extend(std::iter::repeat_n('0', count.max(0) as usize));
}

/// A fixed-size `fmt::Write` sink, so the rare tie check never allocates.
struct StackBuf {
    buf: [u8; 48],
    len: usize,
}

impl Default for StackBuf {
    fn default() -> Self {
        StackBuf {
            buf: [0; 48],
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
    fn ties_are_settled_even_when_the_printer_rounds_up() {
        // Rust's `{:e}` rounds this exact tie up; the guard must bring it back to JS's even digit.
        let x = 2f64.powi(-25);
        let mut dec = Decimal::read(format!("{x:e}").as_bytes()).unwrap();
        assert_eq!(dec.digits(), b"29802322387695313");
        dec.round_ties_to_even(x);
        assert_eq!(dec.digits(), b"29802322387695312");
        assert_eq!(dec.n, -7);
        // Not a tie: an odd 16-digit result is left alone.
        let y = 1.0 / 3.0;
        let mut dec = Decimal::read(b"0.3333333333333333").unwrap();
        dec.round_ties_to_even(y);
        assert_eq!(dec.digits(), b"3333333333333333");
    }

    #[test]
    fn decimal_reads_every_layout() {
        let read = |s: &str| {
            Decimal::read(s.as_bytes())
                .map(|d| (String::from_utf8_lossy(d.digits()).into_owned(), d.n))
        };
        assert_eq!(read("123.45"), Some(("12345".into(), 3)));
        assert_eq!(read("0.00123"), Some(("123".into(), -2)));
        assert_eq!(read("100.0"), Some(("1".into(), 3)));
        assert_eq!(read("1e21"), Some(("1".into(), 22)));
        assert_eq!(read("1.5e-7"), Some(("15".into(), -6)));
        assert_eq!(read("0.0e5"), None);
        assert_eq!(read("1.2.3"), None);
        assert_eq!(read("1e"), None);
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

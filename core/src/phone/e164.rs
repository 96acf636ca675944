//! [`E164`]: a number's E.164 text held inline, so a parsed number costs no heap allocation. A
//! 100k-row Bland preflight made one `String` per row for it (malloc, the copy, the free when the
//! result is dropped); now the row keeps these 24 bytes (BENCHMARKS.md § npm package).

use std::fmt;
use std::ops::Deref;

/// Bytes an [`E164`] holds: `+`, a calling code of at most 3 digits and a national significant
/// number of at most 17 (libphonenumber's `MAX_LENGTH_FOR_NSN`, which the parser enforces) make
/// 21; ITU E.164 itself stops at 15 digits, but libphonenumber's metadata accepts longer
/// national numbers (German ones reach 15 digits after `+49`).
const CAPACITY: usize = 23;

/// A valid number in E.164 (`+14155550132`), inline: a `Copy` value that reads as a `&str`
/// (through [`E164::as_str`], `Deref`, `AsRef<str>` or `Display`) and compares with strings.
///
/// ```
/// use callplane_core::phone;
/// let n = phone::parse("(415) 555-0132", "US").unwrap().wire_e164();
/// assert_eq!(n, "+14155550132");
/// assert_eq!(n.len(), 12);
/// assert_eq!(String::from(n), "+14155550132");
/// ```
#[derive(Clone, Copy)]
pub struct E164 {
    /// `len` bytes of ASCII (`+` and digits), then zeros.
    buf: [u8; CAPACITY],
    len: u8,
}

impl E164 {
    /// `+`, `cc`, `nsn` (ASCII digits), or `None` when they are longer than any E.164 number the
    /// parser accepts or not digits.
    pub(crate) fn from_parts(cc: &[u8], nsn: &[u8]) -> Option<E164> {
        let len = 1 + cc.len() + nsn.len();
        let mut buf = [0; CAPACITY];
        let (plus, rest) = buf.split_first_mut()?;
        *plus = b'+';
        rest.get_mut(..cc.len())?.copy_from_slice(cc);
        rest.get_mut(cc.len()..len - 1)?.copy_from_slice(nsn);
        // One pass over the written bytes (the parser only gives digits; checked, not assumed,
        // as `as_str` relies on ASCII).
        let digits = buf.get(1..len)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(E164 {
            buf,
            len: u8::try_from(len).ok()?,
        })
    }

    /// `text` when it has the shape of one: a `+` then 1 to 22 ASCII digits. Only the shape is
    /// checked, not that the number exists (that is [`super::parse`]'s job): for a custom
    /// normaliser given to `bland::preflight_batch_with`, or a number known to be valid.
    pub fn new(text: &str) -> Option<E164> {
        let digits = text.strip_prefix('+')?;
        if digits.is_empty() {
            return None;
        }
        E164::from_parts(&[], digits.as_bytes())
    }

    /// Length in bytes (= characters: ASCII), without the UTF-8 check of [`E164::as_str`].
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Never true for a parsed number (`+` and at least one digit); for `len`'s sake.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number's bytes (ASCII), without the UTF-8 check of [`E164::as_str`].
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// The number as text (`+14155550132`).
    pub fn as_str(&self) -> &str {
        // `from_parts` wrote only ASCII, so this never falls back.
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

impl Deref for E164 {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for E164 {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for E164 {
    fn eq(&self, other: &E164) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for E164 {}

impl std::hash::Hash for E164 {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for E164 {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for E164 {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for E164 {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<E164> for &str {
    fn eq(&self, other: &E164) -> bool {
        *self == other.as_str()
    }
}

impl From<E164> for String {
    fn from(n: E164) -> String {
        n.as_str().to_owned()
    }
}

impl serde::Serialize for E164 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::E164;

    #[test]
    fn holds_every_length_the_parser_accepts_and_refuses_longer() {
        // (calling code, national number, expected text or None)
        let cases: [(&str, &str, Option<&str>); 6] = [
            ("1", "4155550132", Some("+14155550132")),
            ("49", "30123456", Some("+4930123456")),
            ("979", "12345678", Some("+97912345678")),
            // The longest the parser lets through: 3-digit code + 17-digit NSN.
            ("888", "12345678901234567", Some("+88812345678901234567")),
            (
                "888",
                "1234567890123456789",
                Some("+8881234567890123456789"),
            ),
            ("888", "12345678901234567890", None),
        ];
        for (cc, nsn, want) in cases {
            let got = E164::from_parts(cc.as_bytes(), nsn.as_bytes());
            assert_eq!(got.as_ref().map(E164::as_str), want, "{cc} {nsn}");
        }
    }

    #[test]
    fn new_takes_the_shape_of_an_e164_text_only() {
        for (text, ok) in [
            ("+14155550132", true),
            ("+1", true),
            ("+1234567890123456789012", true),
            ("+12345678901234567890123", false),
            ("+", false),
            ("14155550132", false),
            ("+1 415", false),
            ("", false),
        ] {
            let got = E164::new(text);
            assert_eq!(got.is_some(), ok, "{text}");
            if let Some(n) = got {
                assert_eq!(n, text);
            }
        }
    }

    #[test]
    fn refuses_non_digits() {
        assert!(E164::from_parts(b"1", b"415555013x").is_none());
        assert!(E164::from_parts(b"+1", b"4155550132").is_none());
    }

    #[test]
    fn compares_hashes_and_prints_as_its_text() {
        use std::collections::HashSet;
        let a = E164::from_parts(b"1", b"4155550132");
        let b = E164::from_parts(b"1", b"4155550132");
        let c = E164::from_parts(b"1", b"4155550133");
        let (Some(a), Some(b), Some(c)) = (a, b, c) else {
            panic!("valid parts refused");
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, "+14155550132");
        assert_eq!("+14155550132", a);
        assert_eq!(a, String::from("+14155550132"));
        assert_eq!(format!("{a} {a:?}"), "+14155550132 \"+14155550132\"");
        assert_eq!(&*a, "+14155550132");
        assert_eq!(a.as_bytes(), b"+14155550132");
        let set: HashSet<E164> = [a, b, c].into_iter().collect();
        assert_eq!(set.len(), 2);
        assert_eq!(
            serde_json::to_string(&a).ok().as_deref(),
            Some("\"+14155550132\"")
        );
    }
}

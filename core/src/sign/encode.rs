//! Byte-level helpers shared by the signers: RFC 3986 percent-encoding, query decoding, hex into stack
//! buffers, and the two JavaScript string rules (`String.prototype.trim`, default `Array.prototype.sort`
//! order) that the official Node SDKs apply and that a byte-for-byte match must reproduce.

use std::cmp::Ordering;
use std::fmt;

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// RFC 3986 unreserved characters: `A-Z a-z 0-9 - _ . ~`.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Every byte's RFC 3986 encoding, padded to 3 bytes, and how many of them count: `(b, 1)` for
/// an unreserved byte, `(%XX, 3)` for any other. Encoding is then one table copy per byte, without
/// a branch (the signers encode tens of KB per Alibaba request).
static ENCODED: [([u8; 3], u8); 256] = {
    let mut t = [([0u8; 3], 0u8); 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        t[i] = if unreserved {
            ([b, 0, 0], 1)
        } else {
            ([b'%', HEX_UPPER[i >> 4], HEX_UPPER[i & 0x0f]], 3)
        };
        i += 1;
    }
    t
};

/// `encode(encode(b))` for every byte, padded to 5: an unreserved byte stays, any other becomes
/// `%25XX` (the `%` of its first encoding encoded again; the hex digits are unreserved). Alibaba
/// RPC v1 signs the encoding of an already encoded query.
static DOUBLE_ENCODED: [([u8; 5], u8); 256] = {
    let mut t = [([0u8; 5], 0u8); 256];
    let mut i = 0;
    while i < 256 {
        let (e, n) = ENCODED[i];
        t[i] = if n == 1 {
            ([e[0], 0, 0, 0, 0], 1)
        } else {
            ([b'%', b'2', b'5', e[1], e[2]], 5)
        };
        i += 1;
    }
    t
};

/// Appends the UTF-8 bytes `s` percent-encoded by RFC 3986 to `out` (building a batch signer's
/// static text).
pub(crate) fn encoded_into(out: &mut Vec<u8>, s: &[u8]) {
    let mut buf = Buf::default();
    buf.encoded(s);
    out.extend_from_slice(buf.bytes());
}

/// Appends `encode(encode(s))` to `out` (Alibaba RPC v1's string to sign).
pub(crate) fn double_encoded_into(out: &mut Vec<u8>, s: &[u8]) {
    let mut buf = Buf::default();
    buf.double_encoded(s);
    out.extend_from_slice(buf.bytes());
}

/// The batch signers' reused buffer: its storage only grows (zero-filled once, when it grows), so
/// writing and encoding into it writes each byte once per request. Bytes are encoded one by one,
/// so a string may be given in pieces cut anywhere.
#[derive(Debug, Default, Clone)]
pub(crate) struct Buf {
    bytes: Vec<u8>,
    len: usize,
}

impl Buf {
    /// Empties it (keeping the storage).
    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }

    /// Bytes written since the last [`Buf::clear`].
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The bytes written.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// Makes room for `n` more bytes.
    fn reserve(&mut self, n: usize) {
        let end = self.len + n;
        if self.bytes.len() < end {
            self.bytes.resize(end.max(self.bytes.len() * 2), 0);
        }
    }

    /// Appends `b` as it is.
    pub(crate) fn push(&mut self, b: &[u8]) {
        self.reserve(b.len());
        if let Some(dst) = self.bytes.get_mut(self.len..self.len + b.len()) {
            dst.copy_from_slice(b);
            self.len += b.len();
        }
    }

    /// Appends `s` percent-encoded by RFC 3986.
    pub(crate) fn encoded(&mut self, s: &[u8]) {
        self.table(s, &ENCODED);
    }

    /// Appends `encode(encode(s))`.
    pub(crate) fn double_encoded(&mut self, s: &[u8]) {
        self.table(s, &DOUBLE_ENCODED);
    }

    /// Each byte's table entry (room for `W` bytes per byte is made first).
    fn table<const W: usize>(&mut self, s: &[u8], table: &[([u8; W], u8); 256]) {
        self.reserve(s.len() * W);
        self.len = write_table(&mut self.bytes, self.len, s, table);
    }
}

/// Writes each byte of `s`'s table entry into `dst` from `len` on and returns the new length;
/// the caller has made room for `W` bytes per byte of `s`. The one encoding loop of [`Buf`] and
/// [`Feed`] (inlined: it is the signers' hot loop).
#[inline(always)]
fn write_table<const W: usize>(
    dst: &mut [u8],
    mut len: usize,
    s: &[u8],
    table: &[([u8; W], u8); 256],
) -> usize {
    for &b in s {
        let (enc, n) = &table[usize::from(b)];
        if let Some(out) = dst.get_mut(len..len + W) {
            out.copy_from_slice(enc);
        }
        len += usize::from(*n);
    }
    len
}

/// How much of a value the batch signers encode at a time, and how full their buffer may get
/// before it is hashed: a 16 KB TtsParam then goes through a few KB that stay in L1 instead of
/// an 80 KB buffer written, zero-filled and read back.
pub(crate) const ENCODE_CHUNK: usize = 1024;
/// See [`ENCODE_CHUNK`].
pub(crate) const HASH_AT: usize = 4096;

/// What a [`Feed`] writes into: a hash, a MAC, or a byte vector.
pub trait Absorb {
    /// Takes `bytes`.
    fn absorb(&mut self, bytes: &[u8]);
}

impl Absorb for sha2::Sha256 {
    fn absorb(&mut self, bytes: &[u8]) {
        sha2::Digest::update(self, bytes);
    }
}

impl Absorb for hmac::Hmac<sha2::Sha256> {
    fn absorb(&mut self, bytes: &[u8]) {
        hmac::Mac::update(self, bytes);
    }
}

impl Absorb for hmac::Hmac<sha1::Sha1> {
    fn absorb(&mut self, bytes: &[u8]) {
        hmac::Mac::update(self, bytes);
    }
}

impl Absorb for Vec<u8> {
    fn absorb(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Size of a [`Feed`]'s stack block: many hash blocks per hand-over, yet cheap to set up for
/// the short canonical texts of a typical request (it is zeroed each time).
const FEED_BLOCK: usize = 1024;

/// Canonical text on its way into a hash or MAC, gathered (and percent-encoded) in one stack
/// block and handed over 1 KiB at a time: no allocation per parameter, no intermediate string.
pub struct Feed<'a, A: Absorb> {
    sink: &'a mut A,
    buf: [u8; FEED_BLOCK],
    len: usize,
}

impl<'a, A: Absorb> Feed<'a, A> {
    /// A feed into `sink`; call [`Feed::finish`] to hand over the last bytes.
    pub fn new(sink: &'a mut A) -> Self {
        Feed {
            sink,
            buf: [0; FEED_BLOCK],
            len: 0,
        }
    }

    fn flush(&mut self) {
        self.sink
            .absorb(self.buf.get(..self.len).unwrap_or_default());
        self.len = 0;
    }

    /// Appends `bytes` as they are.
    pub fn raw(&mut self, bytes: &[u8]) {
        match self.buf.get_mut(self.len..self.len + bytes.len()) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            None => {
                self.flush();
                if bytes.len() > FEED_BLOCK / 2 {
                    self.sink.absorb(bytes);
                } else {
                    self.raw(bytes);
                }
            }
        }
    }

    /// Appends `s` percent-encoded by RFC 3986 ([`percent_encode_into`]).
    pub fn encoded(&mut self, s: &str) {
        self.table::<3>(s.as_bytes(), &ENCODED);
    }

    /// Appends `encode(encode(s))` (Alibaba RPC v1's string to sign).
    pub fn double_encoded(&mut self, s: &str) {
        self.table::<5>(s.as_bytes(), &DOUBLE_ENCODED);
    }

    /// Appends each byte's table entry, in chunks that always fit the block.
    fn table<const W: usize>(&mut self, mut bytes: &[u8], table: &[([u8; W], u8); 256]) {
        while !bytes.is_empty() {
            let mut room = (FEED_BLOCK - self.len) / W;
            if room == 0 {
                self.flush();
                room = FEED_BLOCK / W;
            }
            let (chunk, rest) = bytes.split_at(room.min(bytes.len()));
            // `room` leaves W bytes free for every byte of the chunk.
            self.len = write_table(&mut self.buf, self.len, chunk, table);
            bytes = rest;
        }
    }

    /// Hands over what is left in the block (dropping the feed does the same).
    pub fn finish(self) {}
}

impl<A: Absorb> Drop for Feed<'_, A> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Puts `name, value` pairs in the order JavaScript's SDKs sign an object's keys
/// (`Object.keys(o).sort()`: UTF-16 code-unit order) with one value per name, the last one given —
/// what `Object.fromEntries(pairs)` keeps when a name repeats.
pub fn js_object_order<K: AsRef<str>, V>(pairs: &mut Vec<(K, V)>) {
    // Stable: among equal names the given order stays, so the last of each run is the last given.
    pairs.sort_by(|a, b| cmp_utf16(a.0.as_ref(), b.0.as_ref()));
    pairs.dedup_by(|later, earlier| {
        if later.0.as_ref() == earlier.0.as_ref() {
            std::mem::swap(later, earlier);
            true
        } else {
            false
        }
    });
}

/// Appends `s` percent-encoded by RFC 3986: unreserved bytes stay, every other UTF-8 byte becomes
/// `%XX` (upper-case hex).
///
/// This is Alibaba's `percentEncode` (space → `%20`, `*` → `%2A`, `~` kept: VENDORS.md §2.1) and is
/// exactly what `@alicloud/openapi-util`'s `encode` produces: `encodeURIComponent` (which keeps
/// `A-Za-z0-9 -_.!~*'()`) followed by replacing `!'()*` with `%21 %27 %28 %29 %2A`.
pub fn percent_encode_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_unreserved(b) {
            continue;
        }
        if start < i {
            // A non-empty run holds only unreserved ASCII, so both ends are char boundaries.
            out.push_str(s.get(start..i).unwrap_or_default());
        }
        out.push('%');
        out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
        out.push(char::from(HEX_UPPER[usize::from(b & 0x0f)]));
        start = i + 1;
    }
    // Same reasoning: `start` is either 0, the end, or the start of an unreserved ASCII run.
    out.push_str(s.get(start..).unwrap_or_default());
}

/// [`percent_encode_into`] into a new string.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    percent_encode_into(s, &mut out);
    out
}

/// Why a query string or form body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// `%` not followed by two hex digits.
    BadEscape {
        /// Byte offset of the `%` in the input.
        at: usize,
    },
    /// The decoded bytes are not UTF-8.
    NotUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadEscape { at } => {
                write!(f, "'%' at byte {at} is not followed by two hex digits")
            }
            DecodeError::NotUtf8 => f.write_str("percent-decoded bytes are not valid UTF-8"),
        }
    }
}

impl std::error::Error for DecodeError {}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes one query or form component; `+` means space (HTML form encoding, which is also
/// how Alibaba's Java gateway reads queries: `URLDecoder`). Strict: a malformed escape or non-UTF-8
/// result is an error, never passed through.
pub fn percent_decode(s: &str) -> Result<String, DecodeError> {
    let bytes = s.as_bytes();
    if !bytes.iter().any(|&b| b == b'%' || b == b'+') {
        return Ok(s.to_owned());
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Copy the run up to the next escape or `+` in one go (most of a value is plain text).
        let run = bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(|&b| b == b'%' || b == b'+'))
            .map_or(bytes.len(), |p| i + p);
        out.extend_from_slice(bytes.get(i..run).unwrap_or_default());
        i = run;
        match bytes.get(i).copied().unwrap_or(0) {
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_val);
                let lo = bytes.get(i + 2).copied().and_then(hex_val);
                match (hi, lo) {
                    (Some(h), Some(l)) => out.push(h << 4 | l),
                    _ => return Err(DecodeError::BadEscape { at: i }),
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {}
        }
    }
    String::from_utf8(out).map_err(|_| DecodeError::NotUtf8)
}

/// Splits `a=1&b=&c` into decoded `(name, value)` pairs, in order (duplicates kept). Empty segments
/// (`a=1&&b=2`) are skipped; a segment without `=` has an empty value.
pub fn parse_query(query: &str) -> Result<Vec<(String, String)>, DecodeError> {
    let mut out = Vec::new();
    for seg in query.split('&') {
        if seg.is_empty() {
            continue;
        }
        let (k, v) = seg.split_once('=').unwrap_or((seg, ""));
        out.push((percent_decode(k)?, percent_decode(v)?));
    }
    Ok(out)
}

/// Serialises pairs as an RFC 3986 query (`a=1&b=%20`), in the given order.
pub fn encode_query(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode_into(k, &mut out);
        out.push('=');
        percent_encode_into(v, &mut out);
    }
    out
}

/// JavaScript's default sort order for strings: by UTF-16 code units. It differs from Rust's byte
/// (= code point) order only between supplementary-plane characters and U+E000..U+FFFF; the Node
/// SDKs sort parameter and header names with `Array.prototype.sort()`, so we do too.
pub fn cmp_utf16(a: &str, b: &str) -> Ordering {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let common = ab.iter().zip(bb).take_while(|(x, y)| x == y).count();
    if common == ab.len() || common == bb.len() || ab[common] < 0x80 || bb[common] < 0x80 {
        // Fast path: one is a prefix of the other, or the first difference involves an ASCII
        // character (below every non-ASCII code unit in both orders).
        return ab.cmp(bb);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// JavaScript's `String.prototype.trim()`: strips WhiteSpace and LineTerminator code points
/// (ECMA-262 §12.2–12.3). Unlike Rust's `str::trim` it strips U+FEFF and keeps U+0085; the
/// Alibaba Node SDK trims header values with it.
pub fn js_trim(s: &str) -> &str {
    fn is_js_space(c: char) -> bool {
        matches!(
            c,
            '\u{9}'
                | '\u{a}'
                | '\u{b}'
                | '\u{c}'
                | '\u{d}'
                | ' '
                | '\u{a0}'
                | '\u{1680}'
                | '\u{2000}'
                ..='\u{200a}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{202f}'
                    | '\u{205f}'
                    | '\u{3000}'
                    | '\u{feff}'
        )
    }
    s.trim_matches(is_js_space)
}

/// Every byte's two lower-case hex digits, so hex encoding is one table copy per byte.
static HEX_PAIRS: [[u8; 2]; 256] = {
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [HEX_LOWER[i >> 4], HEX_LOWER[i & 0x0f]];
        i += 1;
    }
    t
};

/// Lower-case hex of a 32-byte digest, on the stack.
pub fn hex32(bytes: &[u8]) -> [u8; 64] {
    let mut out = [b'0'; 64];
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&HEX_PAIRS[usize::from(b)]);
    }
    out
}

/// The hex buffer as `&str` (it is ASCII by construction).
pub fn hex_str(buf: &[u8; 64]) -> &str {
    // Only bytes from HEX_LOWER are ever written, so this cannot fail; fall back to "" to stay
    // panic-free.
    std::str::from_utf8(buf).unwrap_or_default()
}

/// Decodes 64 hex digits (either case) into 32 bytes.
pub fn unhex32(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = hex_val(b[2 * i])? << 4 | hex_val(b[2 * i + 1])?;
    }
    Some(out)
}

/// Where canonical text goes: a `String` (to show a step) or straight into a hash (to sign without
/// allocating). One writer per scheme feeds both, so the shown steps are the signed bytes.
pub trait Sink {
    /// Appends `s`.
    fn put(&mut self, s: &str);
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

impl Sink for sha2::Sha256 {
    fn put(&mut self, s: &str) {
        sha2::Digest::update(self, s.as_bytes());
    }
}

impl Sink for hmac::Hmac<sha2::Sha256> {
    fn put(&mut self, s: &str) {
        hmac::Mac::update(self, s.as_bytes());
    }
}

impl Sink for hmac::Hmac<sha1::Sha1> {
    fn put(&mut self, s: &str) {
        hmac::Mac::update(self, s.as_bytes());
    }
}

/// A fixed-capacity text buffer on the stack. Writing past the end marks it overflowed instead of
/// growing, so hot paths can assemble short canonical strings without allocating and fall back to
/// streaming when a string is unusually long.
pub struct StackBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
    overflow: bool,
}

impl<const N: usize> StackBuf<N> {
    /// An empty buffer.
    pub fn new() -> Self {
        StackBuf {
            buf: [0; N],
            len: 0,
            overflow: false,
        }
    }

    /// The bytes written, or `None` if they did not fit.
    pub fn bytes(&self) -> Option<&[u8]> {
        if self.overflow {
            None
        } else {
            self.buf.get(..self.len)
        }
    }
}

impl<const N: usize> Default for StackBuf<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Sink for StackBuf<N> {
    fn put(&mut self, s: &str) {
        if self.overflow {
            return;
        }
        let end = self.len + s.len();
        match self.buf.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(s.as_bytes());
                self.len = end;
            }
            None => self.overflow = true,
        }
    }
}

/// SHA-256 of the text `write` produces: assembled on the stack when it fits in 512 bytes (one
/// hash call), streamed into the hasher otherwise.
pub fn sha256_of(write: impl Fn(&mut dyn Sink)) -> [u8; 32] {
    use sha2::Digest;
    let mut buf = StackBuf::<512>::new();
    write(&mut buf);
    match buf.bytes() {
        Some(b) => sha2::Sha256::digest(b).into(),
        None => {
            let mut h = sha2::Sha256::new();
            write(&mut h);
            h.finalize().into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_follows_alibaba_rules() {
        // VENDORS.md §2.1: space → %20 (not +), * → %2A, ~ kept; all else UTF-8 %XX upper case.
        let cases = [
            ("AZaz09-_.~", "AZaz09-_.~"),
            ("a b", "a%20b"),
            ("*", "%2A"),
            ("!'()", "%21%27%28%29"),
            (
                "+,/:=&%#?[]@$;",
                "%2B%2C%2F%3A%3D%26%25%23%3F%5B%5D%40%24%3B",
            ),
            ("中", "%E4%B8%AD"),
            ("😀", "%F0%9F%98%80"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(percent_encode(input), want, "{input:?}");
        }
    }

    #[test]
    fn feed_encodes_like_the_string_encoder_across_block_edges() {
        let long = "中文 😀*~!'()&=%+/az".repeat(700);
        for (prefix, s) in [
            (0usize, ""),
            (1, "a b"),
            (1021, long.as_str()),
            (0, long.as_str()),
        ] {
            let mut once = Vec::new();
            let mut twice = Vec::new();
            {
                let (mut f1, mut f2) = (Feed::new(&mut once), Feed::new(&mut twice));
                f1.raw(&vec![b'x'; prefix]);
                f1.encoded(s);
                f2.raw(&vec![b'x'; prefix]);
                f2.double_encoded(s);
            }
            let enc = percent_encode(s);
            assert_eq!(once, format!("{}{enc}", "x".repeat(prefix)).into_bytes());
            // The batch signers' buffer encoder writes the same bytes.
            let (mut buf, mut buf2) = (vec![b'x'; prefix], vec![b'x'; prefix]);
            for piece in s.as_bytes().chunks(7) {
                encoded_into(&mut buf, piece);
                double_encoded_into(&mut buf2, piece);
            }
            assert_eq!(buf, once);
            assert_eq!(buf2, twice);
            let double = format!("{}{}", "x".repeat(prefix), percent_encode(&enc));
            assert_eq!(twice, double.into_bytes());
        }
    }

    #[test]
    fn js_object_order_sorts_by_utf16_and_keeps_the_last_value() {
        let mut pairs = vec![
            ("b", 1),
            ("\u{1f600}", 2),
            ("a", 3),
            ("b", 4),
            ("\u{ff01}", 5),
            ("a", 6),
        ];
        js_object_order(&mut pairs);
        assert_eq!(
            pairs,
            [("a", 6), ("b", 4), ("\u{1f600}", 2), ("\u{ff01}", 5)]
        );
    }

    #[test]
    fn decoding_is_strict_and_inverts_encoding() {
        assert_eq!(percent_decode("a%20b+c%2B").unwrap(), "a b c+");
        assert_eq!(percent_decode("%e4%b8%ad").unwrap(), "中");
        assert_eq!(percent_decode("50%"), Err(DecodeError::BadEscape { at: 2 }));
        assert_eq!(percent_decode("%zz"), Err(DecodeError::BadEscape { at: 0 }));
        assert_eq!(percent_decode("%FF"), Err(DecodeError::NotUtf8));
        for s in ["", "a b", "中😀*~!'()", "%25 +"] {
            assert_eq!(percent_decode(&percent_encode(s)).unwrap(), s);
        }
    }

    #[test]
    fn query_parsing_keeps_order_and_duplicates() {
        let q = parse_query("b=2&a=1&&a=&c").unwrap();
        let want: Vec<(String, String)> = [("b", "2"), ("a", "1"), ("a", ""), ("c", "")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(q, want);
        assert_eq!(encode_query(&want), "b=2&a=1&a=&c=");
    }

    #[test]
    fn utf16_order_differs_from_byte_order_only_above_the_bmp() {
        // U+FF01 (fullwidth !) vs U+1F600 (emoji): bytes say FF01 < 1F600, UTF-16 says the
        // surrogate D83D < FF01.
        assert_eq!("\u{ff01}".cmp("\u{1f600}"), Ordering::Less);
        assert_eq!(cmp_utf16("\u{ff01}", "\u{1f600}"), Ordering::Greater);
        assert_eq!(cmp_utf16("a", "b"), Ordering::Less);
        assert_eq!(cmp_utf16("ab", "a"), Ordering::Greater);
        assert_eq!(cmp_utf16("中", "中"), Ordering::Equal);
        assert_eq!(cmp_utf16("B", "a"), Ordering::Less);
    }

    #[test]
    fn js_trim_matches_ecmascript_not_rust() {
        assert_eq!(js_trim("\u{feff} a \u{3000}"), "a");
        assert_eq!(js_trim("\u{85}a\u{85}"), "\u{85}a\u{85}");
        assert_eq!(js_trim("\t\r\n x y \u{a0}"), "x y");
    }

    #[test]
    fn stack_buffer_hashes_like_streaming_and_falls_back_when_full() {
        use sha2::Digest;
        for n in [0usize, 1, 511, 512, 513, 4000] {
            let text = "x".repeat(n);
            let got = sha256_of(|s| {
                s.put("<");
                s.put(&text);
                s.put(">");
            });
            let want: [u8; 32] = sha2::Sha256::digest(format!("<{text}>").as_bytes()).into();
            assert_eq!(got, want, "{n}");
        }
        let mut b = StackBuf::<4>::new();
        b.put("abc");
        assert_eq!(b.bytes(), Some(&b"abc"[..]));
        b.put("de");
        assert_eq!(b.bytes(), None);
    }

    #[test]
    fn hex_round_trips() {
        let bytes: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(37)).collect();
        let h = hex32(&bytes);
        assert_eq!(hex_str(&h), hex::encode(&bytes));
        assert_eq!(
            unhex32(hex_str(&h)).map(|a| a.to_vec()),
            Some(bytes.clone())
        );
        assert_eq!(
            unhex32(&hex_str(&h).to_uppercase()).map(|a| a.to_vec()),
            Some(bytes)
        );
        assert_eq!(unhex32("zz"), None);
    }
}

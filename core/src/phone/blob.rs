//! The byte format of the precompiled phone tables (`tables.bin`): unsigned LEB128 integers and
//! length-prefixed byte strings. The reader never panics: a short or malformed table reads as
//! `None`. The writer is used by the generator only (`source`, feature `reference`).

/// Reads `tables.bin` front to back.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf }
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn u8(&mut self) -> Option<u8> {
        let (&b, rest) = self.buf.split_first()?;
        self.buf = rest;
        Some(b)
    }

    /// An unsigned LEB128 integer of at most 64 bits.
    pub fn uint(&mut self) -> Option<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    pub fn u16(&mut self) -> Option<u16> {
        u16::try_from(self.uint()?).ok()
    }

    pub fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    pub fn len(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }

    /// A length-prefixed byte string.
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        if n > self.buf.len() {
            return None;
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Some(head)
    }
}

/// Writes the format [`Reader`] reads.
#[cfg(all(test, feature = "reference"))]
#[derive(Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

#[cfg(all(test, feature = "reference"))]
impl Writer {
    pub fn u8(&mut self, b: u8) {
        self.buf.push(b);
    }

    pub fn uint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(low);
                return;
            }
            self.buf.push(low | 0x80);
        }
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.uint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }
}

#[cfg(all(test, feature = "reference"))]
mod tests {
    use super::*;

    #[test]
    fn integers_and_strings_round_trip() {
        let mut w = Writer::default();
        let values = [
            0u64,
            1,
            127,
            128,
            300,
            65_535,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        for v in values {
            w.uint(v);
        }
        w.bytes(b"9$1");
        w.u8(7);
        let mut r = Reader::new(&w.buf);
        for v in values {
            assert_eq!(r.uint(), Some(v));
        }
        assert_eq!(r.bytes(), Some(&b"9$1"[..]));
        assert_eq!(r.u8(), Some(7));
        assert!(r.is_empty());
        assert_eq!(r.u8(), None);
    }

    #[test]
    fn malformed_input_reads_as_none() {
        // A string longer than what is left, an unterminated integer, an integer over 64 bits.
        assert_eq!(Reader::new(&[5, b'a']).bytes(), None);
        assert_eq!(Reader::new(&[0x80, 0x80]).uint(), None);
        assert_eq!(Reader::new(&[0xff; 11]).uint(), None);
        assert_eq!(Reader::new(&[0x80, 0x80, 0x04]).u16(), None);
    }
}

//! Canonical text with holes, for signing many requests of one shape at a time.
//!
//! The Alibaba batch signers sign requests that share most of their parameters (a task's
//! `Action`, `CorpName`, `DialogId`, …) and differ in a few (the nonce, the time, the callee).
//! Everything that depends only on the *names* — the object's key order, which headers are
//! signed, the encoding of every shared value, the signed-headers list — is the same for every
//! request, so it is worked out once per batch into a [`Template`]: static bytes with holes where
//! each request's own values go. Signing a request is then copying the static runs and encoding
//! its own values into one reused buffer, and one hash over it.

use super::encode::{Buf, js_object_order};

/// Where a parameter's value comes from once shared and own names are merged into one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source<'a> {
    /// A shared value, the same for every request.
    Shared(&'a str),
    /// Column `j` of each request's row.
    Own(usize),
}

/// The keys of `{ ...shared, ...own }` in the order the SDKs sign them (`Object.keys(o).sort()`,
/// UTF-16 order), each with where its value comes from: a name given twice keeps its last value,
/// so an own name overrides a shared one, as an object spread does.
pub(crate) fn object_order<'a>(
    shared: &[(&'a str, &'a str)],
    own: &[&'a str],
) -> Vec<(&'a str, Source<'a>)> {
    let mut all: Vec<(&str, Source<'_>)> = shared
        .iter()
        .map(|&(k, v)| (k, Source::Shared(v)))
        .chain(own.iter().enumerate().map(|(j, &k)| (k, Source::Own(j))))
        .collect();
    js_object_order(&mut all);
    all
}

/// Static bytes with holes `H`: `lead`, then for each hole its fill followed by a static run.
/// `lead` (everything before the first hole) is the same for every request, which lets a signer
/// absorb it into a hash state once per batch.
#[derive(Debug, Clone)]
pub(crate) struct Template<H> {
    lead: Vec<u8>,
    text: Vec<u8>,
    /// Each hole and where its following static run starts in `text` (it ends where the next
    /// one starts, the last at `text.len()`).
    holes: Vec<(H, usize)>,
}

impl<H> Template<H> {
    pub(crate) fn new() -> Self {
        Template {
            lead: Vec::new(),
            text: Vec::new(),
            holes: Vec::new(),
        }
    }

    /// Where static bytes go now: the lead until the first hole, then the current run.
    pub(crate) fn static_text(&mut self) -> &mut Vec<u8> {
        if self.holes.is_empty() {
            &mut self.lead
        } else {
            &mut self.text
        }
    }

    /// Appends static bytes.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.static_text().extend_from_slice(bytes);
    }

    /// Appends a hole.
    pub(crate) fn hole(&mut self, hole: H) {
        let at = self.text.len();
        self.holes.push((hole, at));
    }

    /// The static bytes before the first hole.
    pub(crate) fn lead(&self) -> &[u8] {
        &self.lead
    }

    /// Everything after the lead, into `out`: `fill` writes each hole.
    pub(crate) fn render_after_lead(&self, out: &mut Buf, mut fill: impl FnMut(&H, &mut Buf)) {
        for (i, (hole, start)) in self.holes.iter().enumerate() {
            fill(hole, out);
            let end = self.holes.get(i + 1).map_or(self.text.len(), |next| next.1);
            out.push(self.text.get(*start..end).unwrap_or_default());
        }
    }
}

#[cfg(test)]
/// For tests: `{ ...shared, ...own }` as pairs (`own` names with `row` values), written the
/// obvious way: a name given twice keeps its last value.
pub(crate) fn spread<'a>(
    shared: &[(&'a str, &'a str)],
    names: &[&'a str],
    row: &[&'a str],
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for (k, v) in shared
        .iter()
        .copied()
        .chain(names.iter().copied().zip(row.iter().copied()))
    {
        out.retain(|(n, _)| *n != k);
        out.push((k, v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_lead_holes_and_runs_in_order() {
        let mut t = Template::new();
        t.push(b"a");
        t.push(b"b");
        t.hole(0usize);
        t.push(b"-");
        t.hole(1);
        t.hole(0);
        t.push(b"z");
        assert_eq!(t.lead(), b"ab");
        let mut out = Buf::default();
        out.push(b"ab");
        t.render_after_lead(&mut out, |h, o| o.push(["X", "YY"][*h].as_bytes()));
        assert_eq!(out.bytes(), b"abX-YYXz");
        // Reused: cleared, the storage kept, only the new bytes count.
        out.clear();
        t.render_after_lead(&mut out, |_, o| o.push(b"."));
        assert_eq!(out.bytes(), b".-..z");
        let empty: Template<usize> = Template::new();
        let mut out = Buf::default();
        empty.render_after_lead(&mut out, |_, _| {});
        assert!(out.bytes().is_empty() && empty.lead().is_empty());
    }

    #[test]
    fn own_names_override_shared_ones_and_the_last_own_wins() {
        let order = object_order(
            &[("b", "1"), ("a", "2"), ("b", "3"), ("c", "4")],
            &["c", "\u{1f600}", "c", "\u{ff01}"],
        );
        assert_eq!(
            order,
            [
                ("a", Source::Shared("2")),
                ("b", Source::Shared("3")),
                ("c", Source::Own(2)),
                // UTF-16 order: the surrogate pair of U+1F600 sorts before U+FF01.
                ("\u{1f600}", Source::Own(1)),
                ("\u{ff01}", Source::Own(3)),
            ]
        );
    }
}

//! The bytes under the XML parser: encoding detection, transcoding to UTF-8, line tracking and
//! the input limits that must hold before the parser buffers anything.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

/// How far ahead of the parser the input is scanned for newlines and markup.
const SCAN_WINDOW: usize = 256 * 1024;

/// The encodings the reader decodes. Every other encoding is read as UTF-8, which is exact for
/// files that keep to ASCII and gives an error naming the first byte that is not UTF-8 otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16 { big_endian: bool },
    Utf32 { big_endian: bool },
}

impl Encoding {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 { big_endian: false } => "UTF-16LE",
            Encoding::Utf16 { big_endian: true } => "UTF-16BE",
            Encoding::Utf32 { big_endian: false } => "UTF-32LE",
            Encoding::Utf32 { big_endian: true } => "UTF-32BE",
        }
    }

    /// Detects the encoding from a byte-order mark or, without one, from how `<?` is written
    /// (XML 1.0, appendix F). Returns the encoding and the length of the mark to skip.
    fn sniff(head: &[u8]) -> (Encoding, usize) {
        match head {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (Encoding::Utf32 { big_endian: true }, 4),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding::Utf32 { big_endian: false }, 4),
            [0xFE, 0xFF, ..] => (Encoding::Utf16 { big_endian: true }, 2),
            [0xFF, 0xFE, ..] => (Encoding::Utf16 { big_endian: false }, 2),
            [0x00, 0x00, 0x00, 0x3C, ..] => (Encoding::Utf32 { big_endian: true }, 0),
            [0x3C, 0x00, 0x00, 0x00, ..] => (Encoding::Utf32 { big_endian: false }, 0),
            [0x00, 0x3C, 0x00, 0x3F, ..] => (Encoding::Utf16 { big_endian: true }, 0),
            [0x3C, 0x00, 0x3F, 0x00, ..] => (Encoding::Utf16 { big_endian: false }, 0),
            _ => (Encoding::Utf8, 0),
        }
    }

    fn unit_len(self) -> usize {
        match self {
            Encoding::Utf8 => 1,
            Encoding::Utf16 { .. } => 2,
            Encoding::Utf32 { .. } => 4,
        }
    }
}

/// Why the input stopped: kept so that the reader can turn the `io::Error` the parser reports
/// back into a precise message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum InputFault {
    /// A run of more than `limit` bytes with no `<` in it, passing the limit at `offset`.
    TextTooLong { limit: usize, offset: u64 },
    /// The file is longer than the limit.
    FileTooLarge { limit: u64 },
    /// Bytes that are not valid in the detected encoding, at this decoded offset.
    Undecodable { encoding: Encoding, offset: u64 },
}

/// A `BufRead` of UTF-8 bytes over an input in any detected encoding, counting lines as the
/// parser consumes them.
pub(crate) struct Input<R> {
    inner: R,
    encoding: Encoding,
    /// Bytes read from `inner` while sniffing, served before `inner`.
    head: Vec<u8>,
    head_pos: usize,
    /// Decoded UTF-8 for the UTF-16/32 paths.
    decoded: Vec<u8>,
    decoded_pos: usize,
    /// Raw bytes of an incomplete code unit or surrogate pair carried to the next chunk.
    carry: Vec<u8>,
    /// Whether the decoded text has started, so that a second mark after the first is skipped.
    started: bool,
    tracker: Tracker,
    fault: Option<InputFault>,
    /// UTF-8 read straight from `inner`: the first bytes are served and no fault is met.
    direct: bool,
    /// Whether consumed whitespace is being kept in `skipped` (see [`Input::keep_skipped`]).
    keeping: bool,
    skipped: Vec<u8>,
}

/// What the parser has consumed and what the input has shown: where lines start, and how far
/// it has been since markup.
struct Tracker {
    /// Decoded bytes consumed by the parser.
    offset: u64,
    /// Decoded bytes scanned for newlines and markup: each byte is scanned once, a buffer at a
    /// time, ahead of the parser.
    scanned: u64,
    /// Offsets of the newlines scanned since the reader last pruned them.
    newlines: VecDeque<u64>,
    /// Lines before the first kept newline, and the offset where the line after the last
    /// pruned newline starts.
    base_line: u64,
    base_line_start: u64,
    /// Bytes since the last `<`, at `scanned`.
    since_markup: usize,
    max_text: usize,
    max_file: Option<u64>,
    /// A limit the scan passed, and the offset where: the parser is given the bytes before it,
    /// then the error.
    fault_ahead: Option<(InputFault, u64)>,
}

/// Appends the offset of every `\n` in `bytes` (which start at offset `start`). Lines are
/// short, so eight bytes are tested at a time with integer arithmetic rather than searched for
/// one by one.
fn push_newlines(newlines: &mut VecDeque<u64>, start: u64, bytes: &[u8]) {
    const NEWLINES: u64 = 0x0A0A_0A0A_0A0A_0A0A;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = start;
    for word in words.by_ref() {
        let mut word_bytes = [0u8; 8];
        word_bytes.copy_from_slice(word);
        let x = u64::from_le_bytes(word_bytes) ^ NEWLINES;
        // A high bit for each zero byte of `x`, that is each newline (exact: no false
        // positives once the bytes below a zero byte are masked as they are here).
        let mut found = !(((x & !HIGHS).wrapping_add(!HIGHS)) | x) & HIGHS;
        while found != 0 {
            let byte = u64::from(found.trailing_zeros() / 8);
            newlines.push_back(at.saturating_add(byte));
            found &= found.wrapping_sub(1);
        }
        at = at.saturating_add(8);
    }
    for (i, &byte) in (0u64..).zip(words.remainder()) {
        if byte == b'\n' {
            newlines.push_back(at.saturating_add(i));
        }
    }
}

/// Whether `b` is whitespace to XML: space, tab, line feed or carriage return.
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl Tracker {
    /// Scans the part of `buffer` (which starts at decoded offset `at`) not scanned before.
    fn scan(&mut self, at: u64, buffer: &[u8]) {
        let skip = usize::try_from(self.scanned.saturating_sub(at)).unwrap_or(usize::MAX);
        // At most a window ahead of the parser, so that the bytes are still in cache when it
        // reads them, however large the buffer (a whole file in memory); and only once half the
        // window is used, so that each scan covers many events.
        let end = buffer.len().min(SCAN_WINDOW);
        if skip >= end.min(SCAN_WINDOW / 2) {
            return;
        }
        let Some(fresh) = buffer.get(skip..end).filter(|fresh| !fresh.is_empty()) else {
            return;
        };
        let start = at.saturating_add(skip as u64);
        push_newlines(&mut self.newlines, start, fresh);
        // The longest run without `<` bounds every text, tag and attribute value. Runs inside
        // the fresh bytes are shorter than they are, so only a limit below that length needs
        // every `<` found; otherwise the first and the last will do.
        let passed = if self.max_text < fresh.len() {
            self.longest_runs(fresh)
        } else {
            let first = memchr::memchr(b'<', fresh).unwrap_or(fresh.len());
            let run = self.since_markup.saturating_add(first);
            let at = self.max_text.saturating_sub(self.since_markup);
            self.since_markup = match memchr::memrchr(b'<', fresh) {
                Some(last) => fresh.len().saturating_sub(last).saturating_sub(1),
                None => run,
            };
            (run > self.max_text).then_some(at)
        };
        self.scanned = start.saturating_add(fresh.len() as u64);
        if self.fault_ahead.is_some() {
            return;
        }
        if let Some(at) = passed {
            let offset = start.saturating_add(at as u64);
            self.fault_ahead = Some((
                InputFault::TextTooLong {
                    limit: self.max_text,
                    offset,
                },
                offset,
            ));
        } else if let Some(limit) = self.max_file.filter(|&limit| self.scanned > limit) {
            self.fault_ahead = Some((InputFault::FileTooLarge { limit }, limit));
        }
    }

    /// Checks every run without `<` in `fresh`; the offset in it where the first run passes the
    /// limit, if one does.
    fn longest_runs(&mut self, fresh: &[u8]) -> Option<usize> {
        let mut run_start = 0usize;
        let mut runs = memchr::memchr_iter(b'<', fresh).map(Some).chain([None]);
        runs.find_map(|markup| {
            let end = markup.unwrap_or(fresh.len());
            let run = self
                .since_markup
                .saturating_add(end.saturating_sub(run_start));
            let over = run > self.max_text;
            let at = run_start.saturating_add(self.max_text.saturating_sub(self.since_markup));
            if markup.is_some() {
                self.since_markup = 0;
                run_start = end.saturating_add(1);
            } else {
                self.since_markup = run;
            }
            over.then_some(at)
        })
    }

    /// What the parser may be given of `buffer` (at decoded offset `at`): all of it, or the
    /// part before a limit the scan passed.
    fn clip<'b>(&self, at: u64, buffer: &'b [u8]) -> &'b [u8] {
        let until = match &self.fault_ahead {
            Some((_, limit_at)) => (*limit_at).min(self.scanned),
            None => self.scanned,
        };
        let allowed = usize::try_from(until.saturating_sub(at)).unwrap_or(usize::MAX);
        buffer.get(..allowed).unwrap_or(buffer)
    }

    /// The limit the parser has reached, if any.
    fn reached(&mut self) -> Option<InputFault> {
        match &self.fault_ahead {
            Some((_, limit_at)) if *limit_at <= self.offset => {
                self.fault_ahead.take().map(|(fault, _)| fault)
            }
            _ => None,
        }
    }
}

impl<R: BufRead> Input<R> {
    pub(crate) fn new(mut inner: R, max_text: usize, max_file: Option<u64>) -> io::Result<Self> {
        let mut head = Vec::with_capacity(4);
        while head.len() < 4 {
            let available = inner.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let take = available.len().min(4usize.saturating_sub(head.len()));
            head.extend(available.iter().take(take));
            inner.consume(take);
        }
        let (encoding, mark) = Encoding::sniff(&head);
        let direct = encoding == Encoding::Utf8 && mark >= head.len();
        Ok(Input {
            inner,
            encoding,
            head,
            head_pos: mark,
            decoded: Vec::new(),
            decoded_pos: 0,
            carry: Vec::new(),
            keeping: false,
            skipped: Vec::new(),
            started: mark == 0 && encoding == Encoding::Utf8,
            tracker: Tracker {
                offset: 0,
                scanned: 0,
                newlines: VecDeque::new(),
                base_line: 1,
                base_line_start: 0,
                since_markup: 0,
                max_text,
                max_file,
                fault_ahead: None,
            },
            fault: None,
            direct,
        })
    }

    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub(crate) fn fault(&self) -> Option<&InputFault> {
        self.fault.as_ref()
    }

    /// Decoded bytes consumed by the parser so far.
    pub(crate) fn offset(&self) -> u64 {
        self.tracker.offset
    }

    /// From now on, keeps the whitespace the parser consumes until it consumes anything else:
    /// the whitespace a parser that trims text skipped, so that text it trimmed can be given its
    /// whitespace back. `false` stops keeping.
    pub(crate) fn keep_skipped(&mut self, on: bool) {
        self.keeping = on;
        self.skipped.clear();
    }

    /// The whitespace kept since [`Input::keep_skipped`], as the input has it.
    pub(crate) fn skipped(&self) -> &[u8] {
        &self.skipped
    }

    /// Keeps the next `amount` bytes, which the parser consumes, if they are whitespace. The
    /// parser consumes skipped whitespace in runs of nothing else, and what it consumes next
    /// starts with something else, so the first byte tells.
    #[inline(never)]
    fn keep(&mut self, amount: usize) {
        let Self {
            inner,
            direct,
            skipped,
            keeping,
            ..
        } = self;
        if *direct {
            match inner.fill_buf() {
                Ok(bytes) if bytes.first().is_some_and(|&b| is_xml_space(b)) => {
                    skipped.extend_from_slice(bytes.get(..amount).unwrap_or(bytes));
                }
                _ => *keeping = false,
            }
            return;
        }
        let mut kept = std::mem::take(&mut self.skipped);
        match self.fill_buf_checked() {
            Ok(bytes) if bytes.first().is_some_and(|&b| is_xml_space(b)) => {
                kept.extend_from_slice(bytes.get(..amount).unwrap_or(bytes));
            }
            _ => self.keeping = false,
        }
        self.skipped = kept;
    }

    /// Forgets the newlines before `offset`; positions before it can no longer be asked for.
    pub(crate) fn prune(&mut self, offset: u64) {
        let tracker = &mut self.tracker;
        while let Some(&first) = tracker.newlines.front() {
            if first >= offset {
                break;
            }
            tracker.newlines.pop_front();
            tracker.base_line = tracker.base_line.saturating_add(1);
            tracker.base_line_start = first.saturating_add(1);
        }
    }

    /// The 1-based line and column (in bytes of UTF-8) of a decoded offset at or after the last
    /// pruning point.
    pub(crate) fn line_column(&self, offset: u64) -> (u64, u64) {
        let tracker = &self.tracker;
        // The reader asks for the offset it pruned to, before any newline still kept.
        let before = match tracker.newlines.front() {
            Some(&first) if first < offset => tracker.newlines.partition_point(|&n| n < offset),
            _ => 0,
        };
        let line = tracker.base_line.saturating_add(before as u64);
        let line_start = match before.checked_sub(1).and_then(|i| tracker.newlines.get(i)) {
            Some(&newline) => newline.saturating_add(1),
            None => tracker.base_line_start,
        };
        (line, offset.saturating_sub(line_start).saturating_add(1))
    }

    /// The fault of bytes not valid in the encoding, `ahead` decoded bytes past what the parser
    /// has consumed.
    fn undecodable(&mut self, ahead: usize) -> io::Error {
        let offset = self.tracker.offset.saturating_add(ahead as u64);
        self.fail(InputFault::Undecodable {
            encoding: self.encoding,
            offset,
        })
    }

    fn fail(&mut self, fault: InputFault) -> io::Error {
        let message = match &fault {
            InputFault::TextTooLong { limit, .. } => {
                format!("more than {limit} bytes without markup")
            }
            InputFault::FileTooLarge { limit } => format!("more than {limit} bytes"),
            InputFault::Undecodable { encoding, .. } => format!("invalid {}", encoding.name()),
        };
        self.fault = Some(fault);
        self.direct = false;
        io::Error::new(io::ErrorKind::InvalidData, message)
    }

    /// Refills `decoded` from the UTF-16/32 input. Returns false at the end of the input.
    fn refill_decoded(&mut self) -> io::Result<bool> {
        self.decoded.clear();
        self.decoded_pos = 0;
        let unit = self.encoding.unit_len();
        loop {
            let mut raw = std::mem::take(&mut self.carry);
            if self.head_pos < self.head.len() {
                raw.extend(self.head.iter().skip(self.head_pos));
                self.head_pos = self.head.len();
            }
            let chunk = self.inner.fill_buf()?;
            let at_end = chunk.is_empty();
            raw.extend_from_slice(chunk);
            let taken = chunk.len();
            self.inner.consume(taken);
            let whole = raw
                .len()
                .saturating_sub(raw.len().checked_rem(unit).unwrap_or(0));
            let (body, rest) = raw.split_at(whole);
            let kept = self.decode_units(body)?;
            self.carry.extend_from_slice(kept);
            self.carry.extend_from_slice(rest);
            if at_end {
                if !self.carry.is_empty() {
                    return Err(self.undecodable(0));
                }
                return Ok(!self.decoded.is_empty());
            }
            if !self.decoded.is_empty() {
                return Ok(true);
            }
        }
    }

    /// Decodes whole code units into `decoded`, returning a trailing lone high surrogate that
    /// may pair with the next chunk.
    fn decode_units<'b>(&mut self, body: &'b [u8]) -> io::Result<&'b [u8]> {
        let mut utf8 = [0u8; 4];
        match self.encoding {
            Encoding::Utf8 => {}
            Encoding::Utf16 { big_endian } => {
                let units = body.chunks_exact(2).map(|pair| match pair {
                    [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
                    [a, b] => u16::from_le_bytes([*a, *b]),
                    _ => 0,
                });
                let mut consumed = 0usize;
                for decoded in char::decode_utf16(units) {
                    match decoded {
                        Ok(c) => {
                            consumed = consumed.saturating_add(c.len_utf16().saturating_mul(2));
                            self.push_char(c, &mut utf8);
                        }
                        Err(e)
                            if consumed.saturating_add(2) == body.len()
                                && (0xD800..0xDC00).contains(&e.unpaired_surrogate()) =>
                        {
                            return Ok(body.get(consumed..).unwrap_or_default());
                        }
                        Err(_) => {
                            return Err(self.undecodable(self.decoded.len()));
                        }
                    }
                }
            }
            Encoding::Utf32 { big_endian } => {
                for quad in body.chunks_exact(4) {
                    let bytes = [
                        quad.first().copied().unwrap_or(0),
                        quad.get(1).copied().unwrap_or(0),
                        quad.get(2).copied().unwrap_or(0),
                        quad.get(3).copied().unwrap_or(0),
                    ];
                    let value = if big_endian {
                        u32::from_be_bytes(bytes)
                    } else {
                        u32::from_le_bytes(bytes)
                    };
                    if let Some(c) = char::from_u32(value) {
                        self.push_char(c, &mut utf8);
                    } else {
                        return Err(self.undecodable(self.decoded.len()));
                    }
                }
            }
        }
        Ok(&[])
    }

    fn push_char(&mut self, c: char, utf8: &mut [u8; 4]) {
        // A byte-order mark repeated at the start is not text.
        if !self.started && c == '\u{FEFF}' {
            return;
        }
        self.started = true;
        self.decoded
            .extend_from_slice(c.encode_utf8(utf8).as_bytes());
    }
}

impl<R: BufRead> Read for Input<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        if let (Some(target), Some(source)) = (out.get_mut(..n), available.get(..n)) {
            target.copy_from_slice(source);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Input<R> {
    #[inline]
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        // The common case, asked for many times per event: UTF-8 from the inner buffer, within
        // every limit, already scanned.
        if self.direct && self.tracker.fault_ahead.is_none() {
            let at = self.tracker.offset;
            let len = self.inner.fill_buf()?.len().min(SCAN_WINDOW / 2) as u64;
            if at.saturating_add(len) > self.tracker.scanned {
                let buffer = self.inner.fill_buf()?;
                self.tracker.scan(at, buffer);
            }
            if self.tracker.fault_ahead.is_none() {
                let scanned =
                    usize::try_from(self.tracker.scanned.saturating_sub(at)).unwrap_or(usize::MAX);
                let buffer = self.inner.fill_buf()?;
                return Ok(buffer.get(..scanned).unwrap_or(buffer));
            }
        }
        self.fill_buf_checked()
    }

    #[inline]
    fn consume(&mut self, amount: usize) {
        if self.keeping {
            self.keep(amount);
        }
        self.tracker.offset = self.tracker.offset.saturating_add(amount as u64);
        if self.direct {
            self.inner.consume(amount);
        } else if self.encoding != Encoding::Utf8 {
            self.decoded_pos = self
                .decoded_pos
                .saturating_add(amount)
                .min(self.decoded.len());
        } else if self.head_pos < self.head.len() {
            self.head_pos = self.head_pos.saturating_add(amount).min(self.head.len());
            self.direct = self.head_pos >= self.head.len() && self.fault.is_none();
        } else {
            self.inner.consume(amount);
        }
    }
}

impl<R: BufRead> Input<R> {
    /// `fill_buf` for every case: the first bytes, decoded input, and limits passed ahead.
    fn fill_buf_checked(&mut self) -> io::Result<&[u8]> {
        if let Some(fault) = self.fault.clone() {
            return Err(self.fail(fault));
        }
        let at = self.tracker.offset;
        let utf8 = self.encoding == Encoding::Utf8;
        let from_head = utf8 && self.head_pos < self.head.len();
        if from_head {
            self.tracker
                .scan(at, self.head.get(self.head_pos..).unwrap_or_default());
        } else if utf8 {
            let buffer = self.inner.fill_buf()?;
            self.tracker.scan(at, buffer);
        } else {
            if self.decoded_pos >= self.decoded.len() && !self.refill_decoded()? {
                return Ok(&[]);
            }
            self.tracker
                .scan(at, self.decoded.get(self.decoded_pos..).unwrap_or_default());
        }
        if let Some(fault) = self.tracker.reached() {
            return Err(self.fail(fault));
        }
        // Filled already: these borrow the buffers scanned above.
        Ok(if from_head {
            self.tracker
                .clip(at, self.head.get(self.head_pos..).unwrap_or_default())
        } else if utf8 {
            self.tracker.clip(at, self.inner.fill_buf()?)
        } else {
            self.tracker
                .clip(at, self.decoded.get(self.decoded_pos..).unwrap_or_default())
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use proptest::prelude::*;

    use super::push_newlines;

    fn naive(start: u64, bytes: &[u8]) -> Vec<u64> {
        (start..)
            .zip(bytes)
            .filter(|(_, &b)| b == b'\n')
            .map(|(at, _)| at)
            .collect()
    }

    proptest! {
        #[test]
        fn every_newline_is_found_and_nothing_else(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'\n'), Just(0x8A_u8), Just(0x0B_u8), Just(0x09_u8), Just(0_u8), any::<u8>()],
                0..100,
            ),
            start in 0_u64..1_000,
        ) {
            let mut found = VecDeque::new();
            push_newlines(&mut found, start, &bytes);
            prop_assert_eq!(Vec::from(found), naive(start, &bytes));
        }
    }
}

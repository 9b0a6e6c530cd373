//! Reading IATI 2.03 XML (feature `iati`): bytes in any of the encodings real files use, XML
//! events, one record's element tree at a time, and its values decoded into the typed
//! [records](super::records), with an [`ImportReport`] of everything read leniently or left
//! unread.
//!
//! - `input`: bytes to UTF-8 (UTF-8, UTF-16 and UTF-32, with or without a byte-order mark),
//!   positions as line and column, and the bounds on text and file length;
//! - [`IatiReader`]: XML events to one record at a time, and the bounds on nesting and record
//!   size ([`Limits`]);
//! - `tree`: one record's elements, held while it is mapped;
//! - `decode`: values (codes, dates, numbers, amounts, narratives, organisations);
//! - `activity` and `organisation`: the elements of each kind of record;
//! - [`ImportReport`], [`Diagnostic`] and [`DiagnosticKind`]: what the reader met.
//!
//! # Example
//!
//! ```
//! use partnerships::formats::iati::read::{IatiReader, Record};
//!
//! let xml = r#"<iati-activities version="2.03"><iati-activity>
//!   <iati-identifier>XM-DAC-47066-DP.1</iati-identifier></iati-activity></iati-activities>"#;
//! let mut reader = IatiReader::new(xml.as_bytes())?;
//! let Some(Record::Activity(activity)) = reader.next_record()? else { panic!("an activity") };
//! assert_eq!(activity.identifier, "XM-DAC-47066-DP.1");
//! assert_eq!(reader.report().activities, 1);
//! # Ok::<(), partnerships::Error>(())
//! ```

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::XmlVersion;

use self::input::{Input, InputFault};
use self::tree::{NodeId, Tree};
use super::records::{Activity, IatiOrganisation};
use crate::error::{Error, Inner};

mod activity;
mod decode;
mod input;
mod organisation;
mod report;
mod tree;

pub use report::{Diagnostic, DiagnosticKind, FileOutcome, ImportReport};

/// The bounds a reader keeps to on hostile input. Every limit that is passed stops the file with
/// an error of kind [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded); the records
/// before it have been returned.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::{IatiReader, Limits};
/// use partnerships::ErrorKind;
///
/// let deep = format!("<iati-activities>{}", "<a>".repeat(100));
/// let limits = Limits { max_depth: 10, ..Limits::default() };
/// let mut reader = IatiReader::with_limits(deep.as_bytes(), limits)?;
/// let err = reader.next_record().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::LimitExceeded);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The deepest nesting of elements (default 64; IATI needs 8).
    pub max_depth: usize,
    /// The longest run of bytes without markup: a text, tag or attribute value (default 4 MiB).
    pub max_text_bytes: usize,
    /// The most text one record (activity or organisation) may hold in names, attribute values
    /// and text together (default 64 MiB). This bounds the reader's memory.
    pub max_record_bytes: usize,
    /// The longest file, in decoded bytes; `None` (the default) reads files of any length.
    pub max_file_bytes: Option<u64>,
    /// How many diagnostics the report keeps in full (default 10,000); all are counted.
    pub max_diagnostics: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_text_bytes: 4 << 20,
            max_record_bytes: 64 << 20,
            max_file_bytes: None,
            max_diagnostics: 10_000,
        }
    }
}

/// One record of an IATI file.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::{IatiReader, Record};
///
/// let xml = "<iati-activity><iati-identifier>AA-1</iati-identifier></iati-activity>";
/// let record = IatiReader::new(xml.as_bytes())?.next_record()?;
/// assert!(matches!(record, Some(Record::Activity(a)) if a.identifier == "AA-1"));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Record {
    /// An `iati-activity`.
    Activity(Box<Activity>),
    /// An `iati-organisation`.
    Organisation(Box<IatiOrganisation>),
}

/// Reads IATI 2.03 activity and organisation files one record at a time, from any
/// [`BufRead`], in memory that does not grow with the number of records.
///
/// It reads `iati-activities` and `iati-organisations` files, a bare `iati-activity` or
/// `iati-organisation` root, and records wrapped in other elements (legacy registry files).
/// UTF-8, UTF-16 and UTF-32 are decoded, with or without a byte-order mark.
///
/// Real files are messy, so the reader is lenient: version-1 codes, booleans, elements out of
/// order, missing optional parts and values it cannot read become [`Diagnostic`]s in the
/// [`report`](Self::report), with line and column. Only XML that is not well formed, or that
/// uses document type declarations (entities, external files), stops the file: the error names
/// line and column, and the records before it have been returned. Every element and attribute
/// the reader meets and does not read is counted by path in the report.
///
/// A reader is `Send` when its input is, but never `Sync`: it holds one stream's position and
/// buffers, and marks what it has read as it maps a record, so it belongs to one thread at a
/// time. Read several files at once with one reader per file.
///
/// ///
/// # Example
///
/// ```
/// use partnerships::formats::iati::{IatiReader, Record};
///
/// let xml = r#"<?xml version="1.0"?>
/// <iati-activities version="2.03">
///   <iati-activity default-currency="USD">
///     <iati-identifier>XM-DAC-47066-DP.2154</iati-identifier>
///     <participating-org role="FUNDING" ref="XI-IATI-EC_ECHO"/>
///   </iati-activity>
/// </iati-activities>"#;
/// let mut reader = IatiReader::new(xml.as_bytes())?;
/// let mut identifiers = Vec::new();
/// for record in &mut reader {
///     if let Record::Activity(activity) = record? {
///         identifiers.push(activity.identifier);
///     }
/// }
/// assert_eq!(identifiers, ["XM-DAC-47066-DP.2154"]);
/// let report = reader.report();
/// assert_eq!(report.version.as_deref(), Some("2.03"));
/// assert_eq!(report.diagnostics[0].to_string(),
///     "line 5, column 5, activity XM-DAC-47066-DP.2154, iati-activity/participating-org/@role: \
///      warning: version-one-code: version-1 code \"FUNDING\" read as \"1\"");
/// # Ok::<(), partnerships::Error>(())
/// ```
pub struct IatiReader<R: BufRead> {
    xml: quick_xml::Reader<Input<R>>,
    buf: Vec<u8>,
    tree: Tree,
    limits: Limits,
    report: ImportReport,
    /// Elements open outside any record, by name.
    outer: Vec<String>,
    declared_encoding: Option<String>,
    /// Namespace prefixes in scope whose namespace has a name the mapping knows, with it.
    prefixes: Vec<(String, &'static str)>,
    /// The first bytes of the prefixes in scope that [`IatiReader::canonical_name`] rewrites,
    /// one bit per ASCII byte (bit 127 for any other), so that most names need no look.
    rewritten_initials: u128,
    check_lists: bool,
    done: bool,
    /// The file's first element, with its line and column.
    root: Option<(String, (u64, u64))>,
    /// The line and column of the first text outside any element that is more than
    /// whitespace, when it comes before any element.
    stray_text: Option<(u64, u64)>,
    /// Records read so far.
    records: u64,
    /// Each record's identifier, trimmed, with the record's number (from 1) and line.
    identifiers: HashMap<String, Vec<(u64, u64)>>,
}

impl<R: BufRead> std::fmt::Debug for IatiReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IatiReader")
            .field("limits", &self.limits)
            .field("report", &self.report)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> IatiReader<R> {
    /// A reader with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// An error of kind [`Io`](crate::ErrorKind::Io) when the first bytes cannot be read.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::IatiReader;
    /// let reader = partnerships::formats::iati::IatiReader::new(&b"<iati-activities/>"[..])?;
    /// assert_eq!(reader.report().activities, 0);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn new(input: R) -> Result<Self, Error> {
        IatiReader::with_limits(input, Limits::default())
    }

    /// A reader that keeps to `limits`.
    ///
    /// # Errors
    ///
    /// An error of kind [`Io`](crate::ErrorKind::Io) when the first bytes cannot be read.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::{IatiReader, Limits};
    ///
    /// let limits = Limits { max_file_bytes: Some(1 << 30), ..Limits::default() };
    /// let reader = IatiReader::with_limits(&b"<iati-activities/>"[..], limits)?;
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn with_limits(input: R, limits: Limits) -> Result<Self, Error> {
        let input =
            Input::new(input, limits.max_text_bytes, limits.max_file_bytes).map_err(|e| {
                Error::new(Inner::Io {
                    source_name: "IATI input".to_owned(),
                    message: e.to_string(),
                })
            })?;
        let encoding = input.encoding().name().to_owned();
        let mut xml = quick_xml::Reader::from_reader(input);
        let config = xml.config_mut();
        config.check_end_names = true;
        config.trim_text(false);
        Ok(IatiReader {
            xml,
            buf: Vec::new(),
            tree: Tree::default(),
            limits,
            report: ImportReport {
                encoding,
                ..ImportReport::default()
            },
            outer: Vec::new(),
            declared_encoding: None,
            prefixes: Vec::new(),
            rewritten_initials: 0,
            check_lists: false,
            done: false,
            root: None,
            stray_text: None,
            records: 0,
            identifiers: HashMap::new(),
        })
    }

    /// Checks codes against the embedded 2.03 codelists as records are read (off by default):
    /// a code not in its list is a [`Codelist`](DiagnosticKind::Codelist) warning. See
    /// [`Codelist`](super::code::Codelist) for the fields checked.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::{DiagnosticKind, IatiReader};
    ///
    /// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier>
    ///   <activity-status code="9"/></iati-activity>"#;
    /// let mut reader = IatiReader::new(xml.as_bytes())?.with_codelist_checks(true);
    /// while reader.next_activity()?.is_some() {}
    /// assert_eq!(reader.report().diagnostics[0].kind, DiagnosticKind::Codelist);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn with_codelist_checks(mut self, on: bool) -> Self {
        self.check_lists = on;
        self
    }

    /// What the reader has met so far: counts, diagnostics and unread paths.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::IatiReader;
    /// let reader = partnerships::formats::iati::IatiReader::new(&b""[..])?;
    /// assert_eq!(reader.report().encoding, "UTF-8");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// The report, consuming the reader.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::IatiReader;
    /// let reader = partnerships::formats::iati::IatiReader::new(&b""[..])?;
    /// assert!(reader.into_report().diagnostics.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn into_report(self) -> ImportReport {
        self.report
    }

    /// Decoded bytes read so far, for progress reports.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::IatiReader;
    /// let mut reader = partnerships::formats::iati::IatiReader::new(&b"<iati-activities/>"[..])?;
    /// while reader.next_record()?.is_some() {}
    /// assert_eq!(reader.position(), 18);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    /// The next activity, skipping organisation records; `None` at the end of the file.
    ///
    /// # Errors
    ///
    /// As [`next_record`](Self::next_record).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::IatiReader;
    /// let xml = "<iati-activity><iati-identifier>AA-1</iati-identifier></iati-activity>";
    /// let mut reader = partnerships::formats::iati::IatiReader::new(xml.as_bytes())?;
    /// assert_eq!(reader.next_activity()?.map(|a| a.identifier), Some("AA-1".to_owned()));
    /// assert_eq!(reader.next_activity()?, None);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn next_activity(&mut self) -> Result<Option<Activity>, Error> {
        loop {
            match self.next_record()? {
                Some(Record::Activity(activity)) => return Ok(Some(*activity)),
                Some(Record::Organisation(_)) => {}
                None => return Ok(None),
            }
        }
    }

    /// The next record; `None` at the end of the file.
    ///
    /// # Errors
    ///
    /// An error of kind [`Xml`](crate::ErrorKind::Xml) when the XML is not well formed or
    /// declares a document type with entities or an external subset, or is in bytes that are
    /// not valid in its encoding; [`LimitExceeded`](crate::ErrorKind::LimitExceeded) when a
    /// [`Limits`] bound is passed; [`Io`](crate::ErrorKind::Io) when the input fails. The
    /// message names line and column ([`Error::line_column`]). After an error the reader
    /// returns `None`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::IatiReader;
    /// let xml = "<iati-activities>\n<iati-activity><iati-identifier>A</iati-identifier></iati-activity>\n<iati-activity>";
    /// let mut reader = partnerships::formats::iati::IatiReader::new(xml.as_bytes())?;
    /// assert!(reader.next_record()?.is_some());
    /// let err = reader.next_record().unwrap_err();
    /// assert_eq!(err.to_string(),
    ///     "cannot read XML at line 3, column 16: the file ends inside <iati-activity>");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn next_record(&mut self) -> Result<Option<Record>, Error> {
        if self.done {
            return Ok(None);
        }
        let result = self.read_record();
        if !matches!(result, Ok(Some(_))) {
            self.done = true;
        }
        result
    }

    fn read_record(&mut self) -> Result<Option<Record>, Error> {
        loop {
            let start = self.xml.buffer_position();
            self.xml.get_mut().prune(start);
            let step =
                self.with_next_event(start, |reader, event| reader.outer_event(event, start));
            match step? {
                Outer::Continue => {}
                Outer::Record(tag, empty) => return self.read_tree(&tag, start, empty).map(Some),
                Outer::End => return Ok(None),
            }
        }
    }

    /// Reads the next event into the reader's buffer and hands it to `handle`; a parse error
    /// becomes the crate's, placed at the event that starts at `start`.
    fn with_next_event<T>(
        &mut self,
        start: u64,
        handle: impl FnOnce(&mut Self, Event<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let step = match self.xml.read_event_into(&mut buf) {
            Ok(event) => handle(self, event),
            Err(e) => Err(self.xml_error(&e, start)),
        };
        self.buf = buf;
        step
    }

    /// Handles an event outside any record.
    fn outer_event(&mut self, event: Event<'_>, start: u64) -> Result<Outer, Error> {
        if let Event::Start(tag) | Event::Empty(tag) = &event {
            self.note_element(tag.name().as_ref(), start);
        }
        match event {
            Event::Start(tag) if is_record(&tag) => {
                return Ok(Outer::Record(tag.into_owned(), false))
            }
            Event::Empty(tag) if is_record(&tag) => {
                return Ok(Outer::Record(tag.into_owned(), true))
            }
            Event::Start(tag) => {
                let name = tag.name().as_ref().to_owned();
                self.outer_element(&tag, start)?;
                self.outer.push(name);
                if self.outer.len() > self.limits.max_depth {
                    return Err(
                        self.limit_error(start, "elements nest deeper than the depth limit")
                    );
                }
            }
            Event::Empty(tag) => self.outer_element(&tag, start)?,
            Event::End(_) => {
                self.outer.pop();
            }
            Event::GeneralRef(reference) => {
                resolve_reference(&reference)
                    .map_err(|message| self.positioned_error(start, &message))?;
            }
            Event::DocType(doctype) => self.check_doctype(&doctype, start)?,
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding() {
                    self.declared_encoding = Some(encoding.into_owned());
                }
            }
            Event::Eof => {
                if let Some(open) = self.outer.last() {
                    let message = format!("the file ends inside <{open}>");
                    return Err(self.positioned_error(self.xml.buffer_position(), &message));
                }
                self.finish_document();
                return Ok(Outer::End);
            }
            Event::Text(text) => {
                let stray = self.root.is_none()
                    && self.stray_text.is_none()
                    && text
                        .as_ref()
                        .chars()
                        .any(|c| !c.is_whitespace() && c != '\u{feff}');
                if stray {
                    self.stray_text = Some(self.xml.get_ref().line_column(start));
                }
            }
            Event::CData(_) | Event::Comment(_) | Event::PI(_) => {}
        }
        Ok(Outer::Continue)
    }

    /// Notes the file's first element, and an IATI root inside another.
    fn note_element(&mut self, name: &str, start: u64) {
        if self.root.is_none() {
            self.root = Some((name.to_owned(), self.xml.get_ref().line_column(start)));
        }
        let is_root = |n: &str| matches!(n, "iati-activities" | "iati-organisations");
        if is_root(name) {
            if let Some(outer) = self.outer.iter().find(|o| is_root(o)) {
                let message = format!(
                    "<{name}> inside <{outer}>: a root nested in another; its records are read as the file's"
                );
                let mut path = self.outer.join("/");
                path.push('/');
                path.push_str(name);
                let place = self.xml.get_ref().line_column(start);
                self.diagnose_file(DiagnosticKind::NestedRoot, place, None, path, message);
            }
        }
    }

    /// Records a diagnostic about the file as a whole, or about records together.
    fn diagnose_file(
        &mut self,
        kind: DiagnosticKind,
        (line, column): (u64, u64),
        record: Option<String>,
        path: String,
        message: String,
    ) {
        let diagnostic = Diagnostic {
            kind,
            line,
            column,
            record,
            path,
            message,
        };
        self.report.push(diagnostic, self.limits.max_diagnostics);
    }

    /// At the end of the file: says what it is when it gave nothing, and names every
    /// identifier given to more than one record.
    fn finish_document(&mut self) {
        let end = self.xml.get_ref().line_column(self.xml.buffer_position());
        match self.root.clone() {
            None => match self.stray_text {
                Some(place) => self.diagnose_file(
                    DiagnosticKind::NotXml,
                    place,
                    None,
                    String::new(),
                    "the file is text, not XML: it has no element".to_owned(),
                ),
                None => self.diagnose_file(
                    DiagnosticKind::NoRoot,
                    end,
                    None,
                    String::new(),
                    "the file has no root element: it is empty, or holds only whitespace or comments"
                        .to_owned(),
                ),
            },
            Some((name, place)) if self.records == 0 && !is_iati_root(&name) => {
                let message = format!(
                    "the root element is <{name}>, not <iati-activities> or <iati-organisations>, and no IATI record is in it"
                );
                self.diagnose_file(DiagnosticKind::NotIati, place, None, name, message);
            }
            Some(_) => {}
        }
        let mut repeated: Vec<(String, Vec<(u64, u64)>)> = std::mem::take(&mut self.identifiers)
            .into_iter()
            .filter(|(_, places)| places.len() > 1)
            .collect();
        repeated.sort_by_key(|(_, places)| places.first().copied());
        for (identifier, places) in repeated {
            let list: Vec<String> = places
                .iter()
                .map(|(number, line)| format!("record {number} (line {line})"))
                .collect();
            let first = places.first().map_or((0, 0), |(_, line)| (*line, 1));
            let message = format!("{identifier} identifies {}", list.join(", "));
            self.diagnose_file(
                DiagnosticKind::RepeatedIdentifier,
                first,
                Some(identifier),
                "iati-identifier".to_owned(),
                message,
            );
        }
    }

    /// An element outside any record: the file's root, or a wrapper.
    fn outer_element(&mut self, tag: &BytesStart<'_>, start: u64) -> Result<(), Error> {
        let name = tag.name();
        let is_root = self.outer.is_empty()
            && matches!(name.as_ref(), "iati-activities" | "iati-organisations");
        let mut path = self.outer.join("/");
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(name.as_ref());
        if !is_root {
            self.report.unread(&path);
        }
        self.declare_prefixes(tag, start)?;
        for attr in tag.attributes().with_checks(false) {
            let attr = attr.map_err(|e| self.positioned_error(start, &e.to_string()))?;
            let key = attr.key.as_ref();
            let slot = match key {
                "version" if is_root => &mut self.report.version,
                "generated-datetime" if is_root => &mut self.report.generated,
                "linked-data-default" if is_root => &mut self.report.linked_data_default,
                _ => {
                    if key != "xmlns" && !key.starts_with("xmlns:") {
                        self.report.unread(&format!("{path}/@{key}"));
                    }
                    continue;
                }
            };
            match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(value) => *slot = Some(value.into_owned()),
                Err(e) => return Err(self.positioned_error(start, &e.to_string())),
            }
        }
        Ok(())
    }

    fn check_doctype(&self, doctype: &str, start: u64) -> Result<(), Error> {
        if doctype.contains('[') || doctype.contains("SYSTEM") || doctype.contains("PUBLIC") {
            return Err(self.positioned_error(
                start,
                "document type declarations with entities or external subsets are not read",
            ));
        }
        Ok(())
    }

    /// Notes the element's namespace declarations of namespaces the mapping knows by name.
    fn declare_prefixes(&mut self, tag: &BytesStart<'_>, start: u64) -> Result<(), Error> {
        for attr in tag.attributes().with_checks(false) {
            let attr = attr.map_err(|e| self.positioned_error(start, &e.to_string()))?;
            if let Some(prefix) = attr.key.as_ref().strip_prefix("xmlns:") {
                if let Some(known) = known_namespace(&attr.value) {
                    self.prefixes.push((prefix.to_owned(), known));
                    self.rewritten_initials = rewritten_initials(&self.prefixes);
                }
            }
        }
        Ok(())
    }

    /// The attribute's name with a known namespace's prefix replaced by the namespace's usual
    /// one: d-portal's files write `xml:lang` as `ns2:lang`.
    fn canonical_name<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        if self.rewritten_initials & initial_bit(name) == 0 {
            return std::borrow::Cow::Borrowed(name);
        }
        if let Some((prefix, local)) = name.split_once(':') {
            if prefix != "xml" && prefix != "xmlns" {
                if let Some((_, known)) = self.prefixes.iter().rev().find(|(p, _)| p == prefix) {
                    if *known != prefix {
                        return std::borrow::Cow::Owned(format!("{known}:{local}"));
                    }
                }
            }
        }
        std::borrow::Cow::Borrowed(name)
    }

    /// Reads one record's elements into the tree and maps them.
    fn read_tree(
        &mut self,
        tag: &BytesStart<'_>,
        start: u64,
        empty: bool,
    ) -> Result<Record, Error> {
        let outer_prefixes = self.prefixes.len();
        let record = self.read_tree_in_scope(tag, start, empty);
        if self.prefixes.len() > outer_prefixes {
            self.prefixes.truncate(outer_prefixes);
            self.rewritten_initials = rewritten_initials(&self.prefixes);
        }
        record
    }

    fn read_tree_in_scope(
        &mut self,
        tag: &BytesStart<'_>,
        start: u64,
        empty: bool,
    ) -> Result<Record, Error> {
        self.tree.clear();
        let root = self.open_node(tag, start, empty)?;
        // The reader's event buffer, taken for the whole record: each event borrows only it
        // and is handled where it lies, by reference. (Handing events on by value, or through
        // `with_next_event`, costs a copy per event: 2 to 5 % of the whole read.)
        let mut buf = std::mem::take(&mut self.buf);
        let mut step = Ok(());
        let mut after_tag = true;
        while step.is_ok() && self.tree.depth() > 0 {
            // After a tag, the parser skips the whitespace before what follows, which is nearly
            // always layout: no event is made for it. The input keeps what was skipped, and the
            // event after it gets it back where it was content (see `restore_skipped`).
            self.xml.config_mut().trim_text_start = after_tag;
            self.xml.get_mut().keep_skipped(after_tag);
            let start = self.xml.buffer_position();
            buf.clear();
            step = match self.xml.read_event_into(&mut buf) {
                Ok(event) => {
                    after_tag = matches!(event, Event::Start(_) | Event::End(_) | Event::Empty(_));
                    self.inner_event(&event, start, tag)
                }
                Err(e) => Err(self.xml_error(&e, start)),
            };
        }
        self.xml.config_mut().trim_text_start = false;
        self.xml.get_mut().keep_skipped(false);
        self.buf = buf;
        step?;
        Ok(self.map(root))
    }

    /// Handles an event inside a record.
    fn inner_event(
        &mut self,
        event: &Event<'_>,
        start: u64,
        record: &BytesStart<'_>,
    ) -> Result<(), Error> {
        let skipped = self.xml.get_ref().skipped().len();
        if skipped > 0 && self.restore_skipped(event, start)? {
            return Ok(());
        }
        // Anything but text starts after the whitespace skipped before it.
        let start = start.saturating_add(skipped as u64);
        match event {
            Event::Start(tag) => {
                self.open_node(tag, start, false)?;
                if self.tree.depth().saturating_add(self.outer.len()) > self.limits.max_depth {
                    return Err(
                        self.limit_error(start, "elements nest deeper than the depth limit")
                    );
                }
            }
            Event::Empty(tag) => {
                self.open_node(tag, start, true)?;
            }
            Event::End(_) => {
                self.tree.close();
            }
            // Layout whitespace is dropped before its line ends are normalised.
            Event::Text(text) if self.tree.is_layout(text) => {}
            Event::Text(text) => self.push_text(&text.xml10_content(), start)?,
            Event::CData(data) => self.push_text(&data.xml10_content(), start)?,
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(reference)
                    .map_err(|message| self.positioned_error(start, &message))?;
                let mut utf8 = [0u8; 4];
                self.push_text(resolved.encode_utf8(&mut utf8), start)?;
            }
            Event::DocType(doctype) => self.check_doctype(doctype, start)?,
            Event::Eof => {
                let message = format!("the file ends inside <{}>", record.name().as_ref());
                return Err(self.positioned_error(self.xml.buffer_position(), &message));
            }
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
        }
        Ok(())
    }

    fn map(&mut self, root: NodeId) -> Record {
        let Self {
            xml,
            tree,
            report,
            limits,
            check_lists,
            ..
        } = self;
        let input = xml.get_ref();
        let organisation = tree.name(root) == "iati-organisation";
        if organisation {
            report.organisations = report.organisations.saturating_add(1);
        } else {
            report.activities = report.activities.saturating_add(1);
        }
        let context = decode::Context {
            report,
            keep: limits.max_diagnostics,
            check_lists: *check_lists,
            positions: &|offset| input.line_column(offset),
        };
        let record = if organisation {
            Record::Organisation(Box::new(organisation::organisation(tree, root, context)))
        } else {
            Record::Activity(Box::new(activity::activity(tree, root, context)))
        };
        tree.count_unread(root, report);
        let (line, _) = input.line_column(tree.offset(root));
        self.records = self.records.saturating_add(1);
        let identifier = match &record {
            Record::Activity(a) => &a.identifier,
            Record::Organisation(o) => &o.identifier,
        };
        if !identifier.is_empty() {
            let places = self.identifiers.entry(identifier.clone()).or_default();
            places.push((self.records, line));
        }
        record
    }

    fn open_node(
        &mut self,
        tag: &BytesStart<'_>,
        start: u64,
        empty: bool,
    ) -> Result<NodeId, Error> {
        let Ok(id) = self.tree.open(tag.name().as_ref(), start, empty) else {
            return Err(self.limit_error(start, RECORD_TOO_LARGE));
        };
        if !self.add_attributes(tag, id, start, true)? {
            // The element declares namespace prefixes: note them all, then name its attributes
            // anew, since one may use a prefix declared after it.
            self.declare_prefixes(tag, start)?;
            self.tree.forget_attributes(id);
            self.add_attributes(tag, id, start, false)?;
        }
        self.check_record_size(start)?;
        Ok(id)
    }

    /// Adds the tag's attributes to node `id`. With `stop_at_prefix`, stops at the first
    /// namespace prefix declaration and returns false.
    fn add_attributes(
        &mut self,
        tag: &BytesStart<'_>,
        id: NodeId,
        start: u64,
        stop_at_prefix: bool,
    ) -> Result<bool, Error> {
        for attr in tag.attributes().with_checks(false) {
            let attr = attr.map_err(|e| self.positioned_error(start, &e.to_string()))?;
            if stop_at_prefix && attr.key.as_ref().starts_with("xmlns:") {
                return Ok(false);
            }
            // Only references and line-end characters change under normalisation; most values
            // have none and are taken as they are.
            let value = if attr
                .value
                .bytes()
                .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
            {
                attr.normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|e| self.positioned_error(start, &e.to_string()))?
            } else {
                attr.value
            };
            let name = self.canonical_name(attr.key.as_ref());
            if self.tree.attribute(id, &name, &value).is_err() {
                return Err(self.limit_error(start, RECORD_TOO_LARGE));
            }
        }
        Ok(true)
    }

    /// Gives back the whitespace the parser skipped before `event`, as the text event it would
    /// otherwise have made before it. Before a tag, or where whitespace is layout, it would be
    /// dropped anyway. Before text, it is the start of that text: the two are pushed as one,
    /// and the return is true, the event handled.
    fn restore_skipped(&mut self, event: &Event<'_>, start: u64) -> Result<bool, Error> {
        let is_text = matches!(event, Event::Text(_));
        if matches!(event, Event::Start(_) | Event::Empty(_))
            || (!is_text && self.tree.drops_whitespace())
        {
            return Ok(false);
        }
        let skipped = self.xml.get_ref().skipped();
        let mut whole = String::with_capacity(skipped.len());
        whole.extend(skipped.iter().map(|&b| char::from(b)));
        if let Event::Text(text) = event {
            whole.push_str(text);
        }
        self.push_text(&BytesText::from_escaped(whole).xml10_content(), start)?;
        Ok(is_text)
    }

    fn push_text(&mut self, text: &str, start: u64) -> Result<(), Error> {
        self.tree
            .text(text)
            .map_err(|_| self.limit_error(start, RECORD_TOO_LARGE))?;
        self.check_record_size(start)
    }

    fn check_record_size(&self, start: u64) -> Result<(), Error> {
        if self.tree.text_len() > self.limits.max_record_bytes {
            return Err(self.limit_error(start, RECORD_TOO_LARGE));
        }
        Ok(())
    }

    /// Turns the parser's error into the crate's, with the line and column it happened at.
    #[cold]
    fn xml_error(&self, error: &quick_xml::Error, event_start: u64) -> Error {
        let xml = &self.xml;
        let declared = self.declared_encoding.as_deref();
        let input = xml.get_ref();
        let offset = match error {
            // The parser checks UTF-8 an event at a time: the bad byte is this far into the event.
            quick_xml::Error::Encoding(quick_xml::encoding::EncodingError::Utf8(e)) => {
                event_start.saturating_add(e.valid_up_to() as u64)
            }
            _ if xml.error_position() > 0 => xml.error_position(),
            _ => xml.buffer_position(),
        };
        match input.fault() {
            Some(InputFault::TextTooLong { limit, offset }) => {
                let (line, column) = input.line_column(*offset);
                Error::new(Inner::Limit {
                    message: format!(
                        "a text, tag or attribute value is longer than the limit of {limit} bytes"
                    ),
                    line,
                    column,
                })
            }
            Some(InputFault::FileTooLarge { limit }) => {
                let (line, column) = input.line_column(input.offset());
                Error::new(Inner::Limit {
                    message: format!("the file is longer than the limit of {limit} bytes"),
                    line,
                    column,
                })
            }
            Some(InputFault::Undecodable { encoding, offset }) => {
                let (line, column) = input.line_column(*offset);
                Error::new(Inner::Xml {
                    message: format!("bytes that are not valid {}", encoding.name()),
                    line,
                    column,
                })
            }
            None => {
                let (line, column) = input.line_column(offset);
                let message = match (error, declared) {
                    (quick_xml::Error::Encoding(_), Some(declared))
                        if !declared.eq_ignore_ascii_case("utf-8") =>
                    {
                        format!("bytes that are not UTF-8; the file declares {declared}, which this reader does not decode: convert it to UTF-8")
                    }
                    (quick_xml::Error::Encoding(_), _) => {
                        "bytes that are not UTF-8, and the file has no byte-order mark or declaration of another encoding".to_owned()
                    }
                    (quick_xml::Error::Io(e), _) => {
                        return Error::new(Inner::Io { source_name: "IATI input".to_owned(), message: e.to_string() });
                    }
                    (other, _) => other.to_string(),
                };
                Error::new(Inner::Xml {
                    message,
                    line,
                    column,
                })
            }
        }
    }

    #[cold]
    fn positioned_error(&self, offset: u64, message: &str) -> Error {
        let (line, column) = self.xml.get_ref().line_column(offset);
        Error::new(Inner::Xml {
            message: message.to_owned(),
            line,
            column,
        })
    }

    #[cold]
    fn limit_error(&self, offset: u64, message: &str) -> Error {
        let (line, column) = self.xml.get_ref().line_column(offset);
        Error::new(Inner::Limit {
            message: message.to_owned(),
            line,
            column,
        })
    }
}

impl<R: BufRead> Iterator for IatiReader<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}

impl<R: BufRead> std::iter::FusedIterator for IatiReader<R> {}

/// What an event outside any record leads to.
enum Outer {
    Continue,
    Record(BytesStart<'static>, bool),
    End,
}

/// The bit of a name's first byte in [`IatiReader::rewritten_initials`].
fn initial_bit(name: &str) -> u128 {
    let first = name.as_bytes().first().copied().unwrap_or(0);
    1u128 << first.min(127)
}

/// The initials of the prefixes that name a known namespace other than by its usual prefix.
fn rewritten_initials(prefixes: &[(String, &'static str)]) -> u128 {
    prefixes
        .iter()
        .filter(|(prefix, known)| prefix != known && prefix != "xml" && prefix != "xmlns")
        .fold(0, |bits, (prefix, _)| bits | initial_bit(prefix))
}

/// The error of a record past [`Limits::max_record_bytes`].
const RECORD_TOO_LARGE: &str = "a record is larger than the record limit";

/// The usual prefix of a namespace the mapping reads attributes from. The XML namespace is also
/// recognised when a serialiser wrote its URI as just `xml`.
fn known_namespace(uri: &str) -> Option<&'static str> {
    match uri {
        "http://www.w3.org/XML/1998/namespace" | "xml" => Some("xml"),
        "http://d-portal.org/xmlns/iati-activities" => Some("iati-activities"),
        "http://d-portal.org/xmlns/dstore" => Some("dstore"),
        _ => None,
    }
}

/// The identifiers given to records in more than one file, each with those files in the order
/// first met, from `(file, identifier)` pairs: the same activity published twice, or two
/// publishers' activities under one identifier. Within one file the reader reports repeats
/// itself ([`DiagnosticKind::RepeatedIdentifier`]).
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::read::repeated_identifiers;
///
/// let seen = [("a.xml", "XM-1"), ("a.xml", "XM-2"), ("b.xml", "XM-1"), ("b.xml", "XM-1")];
/// let repeated = repeated_identifiers(seen);
/// assert_eq!(repeated, [("XM-1".to_owned(), vec!["a.xml".to_owned(), "b.xml".to_owned()])]);
/// ```
pub fn repeated_identifiers<'a>(
    records: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, Vec<String>)> {
    let mut files: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for (file, identifier) in records {
        let seen = files.entry(identifier).or_insert_with(|| {
            order.push(identifier);
            Vec::new()
        });
        if !seen.contains(&file) {
            seen.push(file);
        }
    }
    order
        .into_iter()
        .filter_map(|id| {
            let in_files = files.get(id).filter(|f| f.len() > 1)?;
            Some((
                id.to_owned(),
                in_files.iter().map(|f| (*f).to_owned()).collect(),
            ))
        })
        .collect()
}

/// Whether `name` is an IATI root element.
fn is_iati_root(name: &str) -> bool {
    matches!(
        name,
        "iati-activities" | "iati-organisations" | "iati-activity" | "iati-organisation"
    )
}

fn is_record(tag: &BytesStart<'_>) -> bool {
    matches!(tag.name().as_ref(), "iati-activity" | "iati-organisation")
}

/// The character a reference stands for: the five predefined entities and character references.
/// Any other entity would need a document type declaration, which the reader does not read.
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Result<char, String> {
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(c)) => Ok(c),
            _ => Err(format!("invalid character reference &{};", &**reference)),
        };
    }
    match &**reference {
        "amp" => Ok('&'),
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        other => Err(format!("undefined entity &{other};")),
    }
}

//! What an IATI import met and could not take: diagnostics with their place in the file, and
//! every element and attribute it did not read, counted by path.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::validate::Severity;

/// What kind of thing a [`Diagnostic`] reports. Each kind has one severity.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::DiagnosticKind;
///
/// assert_eq!(DiagnosticKind::OutOfOrder.to_string(), "out-of-order");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A version-1 code (`FUNDING`, transaction type `D`, `START-ACTUAL`) mapped to its
    /// version-2 equivalent. A warning: the value was read.
    VersionOneCode,
    /// A boolean written neither `1`/`0` nor `true`/`false` but readable (`True`, `yes`).
    /// A warning: the value was read.
    LenientBoolean,
    /// A value written as an element's text where the standard puts it in an attribute
    /// (`<transaction-type>1</transaction-type>`, a date in the text of `transaction-date`).
    /// A warning: the value was read.
    MisplacedValue,
    /// A child element before one the schema puts ahead of it. A note: it was read.
    OutOfOrder,
    /// A `value` with no `@currency` and no `@default-currency` on its activity: the amount is
    /// kept as text, not as money. A warning: the schema allows it, but the amount cannot be
    /// counted.
    MissingCurrency,
    /// A currency code that is not ISO 4217 (nor IATI's `XBT`). An error.
    UnknownCurrency,
    /// A number (amount, percentage, rate) that is not one. An error.
    InvalidNumber,
    /// A date that is not `YYYY-MM-DD`. An error.
    InvalidDate,
    /// A boolean that is not one. An error.
    InvalidBoolean,
    /// A required element or attribute that is missing or empty, such as `iati-identifier`.
    /// A warning: the record is read without it (the schema's own passing tests have empty
    /// identifiers, and so do real files).
    MissingRequired,
    /// A code not in its 2.03 codelist (with
    /// [`IatiReader::with_codelist_checks`](super::IatiReader::with_codelist_checks)).
    /// A warning.
    Codelist,
    /// The input is not XML at all: text, with no element (a text file, or a page of text,
    /// named `.xml`). An error: nothing was read.
    NotXml,
    /// The input has no root element at all: empty, or only whitespace, a byte-order mark or
    /// comments. An error: nothing was read.
    NoRoot,
    /// The root element is not an IATI one (`iati-activities`, `iati-organisations`,
    /// `iati-activity`, `iati-organisation`) and holds no IATI record: an HTML page, another
    /// format's XML. An error: nothing was read.
    NotIati,
    /// An `iati-activities` or `iati-organisations` root inside another one. An error: what it
    /// holds was not read as records of the file.
    NestedRoot,
    /// An `iati-identifier` (or `organisation-identifier`) that is missing, empty or only
    /// whitespace: the record cannot be told from others. An error; the record is read.
    BlankIdentifier,
    /// An identifier given to more than one record of the file, each position named. An error;
    /// every record is read.
    RepeatedIdentifier,
    /// An identifier with spaces or line breaks around it: read and compared trimmed. A
    /// warning.
    IdentifierWhitespace,
}

impl DiagnosticKind {
    /// How serious the kind is.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::DiagnosticKind;
    /// use partnerships::validate::Severity;
    ///
    /// assert_eq!(DiagnosticKind::VersionOneCode.severity(), Severity::Warning);
    /// assert_eq!(DiagnosticKind::InvalidNumber.severity(), Severity::Error);
    /// ```
    #[must_use]
    pub fn severity(self) -> Severity {
        match self {
            DiagnosticKind::OutOfOrder => Severity::Note,
            DiagnosticKind::VersionOneCode
            | DiagnosticKind::LenientBoolean
            | DiagnosticKind::MisplacedValue
            | DiagnosticKind::MissingRequired
            | DiagnosticKind::MissingCurrency
            | DiagnosticKind::Codelist
            | DiagnosticKind::IdentifierWhitespace => Severity::Warning,
            DiagnosticKind::UnknownCurrency
            | DiagnosticKind::InvalidNumber
            | DiagnosticKind::InvalidDate
            | DiagnosticKind::InvalidBoolean
            | DiagnosticKind::NotXml
            | DiagnosticKind::NoRoot
            | DiagnosticKind::NotIati
            | DiagnosticKind::NestedRoot
            | DiagnosticKind::BlankIdentifier
            | DiagnosticKind::RepeatedIdentifier => Severity::Error,
        }
    }

    /// The kind's stable name, as in `version-one-code`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::DiagnosticKind;
    ///
    /// assert_eq!(DiagnosticKind::MissingCurrency.name(), "missing-currency");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            DiagnosticKind::VersionOneCode => "version-one-code",
            DiagnosticKind::LenientBoolean => "lenient-boolean",
            DiagnosticKind::MisplacedValue => "misplaced-value",
            DiagnosticKind::OutOfOrder => "out-of-order",
            DiagnosticKind::MissingCurrency => "missing-currency",
            DiagnosticKind::UnknownCurrency => "unknown-currency",
            DiagnosticKind::InvalidNumber => "invalid-number",
            DiagnosticKind::InvalidDate => "invalid-date",
            DiagnosticKind::InvalidBoolean => "invalid-boolean",
            DiagnosticKind::MissingRequired => "missing-required",
            DiagnosticKind::Codelist => "codelist",
            DiagnosticKind::NotXml => "not-xml",
            DiagnosticKind::NoRoot => "no-root",
            DiagnosticKind::NotIati => "not-iati",
            DiagnosticKind::NestedRoot => "nested-root",
            DiagnosticKind::BlankIdentifier => "blank-identifier",
            DiagnosticKind::RepeatedIdentifier => "repeated-identifier",
            DiagnosticKind::IdentifierWhitespace => "identifier-whitespace",
        }
    }
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a file turned out to be, once read.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::read::FileOutcome;
///
/// let mut reader = IatiReader::new(&b"This is not XML"[..])?;
/// assert!(reader.next_record()?.is_none());
/// assert_eq!(reader.report().outcome(), FileOutcome::NotXml);
/// assert_eq!(FileOutcome::NotXml.to_string(), "not XML");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FileOutcome {
    /// IATI records were read.
    Read,
    /// An IATI root with no records in it.
    Empty,
    /// XML whose root is not IATI's.
    NotIati,
    /// Not XML: text with no element.
    NotXml,
    /// No root element at all.
    NoRoot,
}

impl FileOutcome {
    /// The outcome's stable name, as JSON writes it: `read`, `empty`, `not-iati`, `not-xml`,
    /// `no-root`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::read::FileOutcome;
    ///
    /// assert_eq!(FileOutcome::NotIati.name(), "not-iati");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            FileOutcome::Read => "read",
            FileOutcome::Empty => "empty",
            FileOutcome::NotIati => "not-iati",
            FileOutcome::NotXml => "not-xml",
            FileOutcome::NoRoot => "no-root",
        }
    }
}

impl fmt::Display for FileOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileOutcome::Read => "read",
            FileOutcome::Empty => "no activities",
            FileOutcome::NotIati => "not IATI",
            FileOutcome::NotXml => "not XML",
            FileOutcome::NoRoot => "no root element",
        })
    }
}

/// One thing the reader met and read leniently or could not read, with where it was.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::{DiagnosticKind, IatiReader};
///
/// let xml = "<iati-activities version=\"2.03\"><iati-activity>\n\
///   <iati-identifier>AA-1</iati-identifier>\n  <budget><value>5</value></budget>\n\
///   </iati-activity></iati-activities>";
/// let mut reader = IatiReader::new(xml.as_bytes())?;
/// while reader.next_activity()?.is_some() {}
/// let diagnostic = &reader.report().diagnostics[0];
/// assert_eq!(diagnostic.kind, DiagnosticKind::MissingCurrency);
/// assert_eq!((diagnostic.line, diagnostic.column), (3, 11));
/// assert_eq!(diagnostic.to_string(),
///     "line 3, column 11, activity AA-1, iati-activity/budget/value: warning: \
///      missing-currency: no @currency and no @default-currency for \"5\"");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What it is.
    pub kind: DiagnosticKind,
    /// The 1-based line of the element's start tag, in the decoded text.
    pub line: u64,
    /// The 1-based column, in bytes of UTF-8, of the element's `<`.
    pub column: u64,
    /// The identifier of the activity or organisation it is in, when known.
    pub record: Option<String>,
    /// The element path, with `@name` for an attribute.
    pub path: String,
    /// What was wrong and what the reader did.
    pub message: String,
}

impl Diagnostic {
    /// How serious it is: the severity of its kind.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::formats::iati::{Diagnostic, DiagnosticKind};
    /// let d = Diagnostic { kind: DiagnosticKind::OutOfOrder, line: 1, column: 1, record: None,
    ///                      path: "iati-activity/title".into(), message: String::new() };
    /// assert_eq!(d.severity(), partnerships::validate::Severity::Note);
    /// ```
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}, ", self.line, self.column)?;
        if let Some(record) = &self.record {
            write!(f, "activity {record}, ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}: {}: {}", self.severity(), self.kind, self.message)
    }
}

/// The import report: how much was read, every diagnostic (the first
/// [`Limits::max_diagnostics`](super::Limits) in full, all of them counted by kind) and every
/// element and attribute met but not read, counted by path.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier>
///   <my:extension xmlns:my="http://example.org">kept out</my:extension></iati-activity>"#;
/// let mut reader = IatiReader::new(xml.as_bytes())?;
/// while reader.next_activity()?.is_some() {}
/// let report = reader.report();
/// assert_eq!(report.activities, 1);
/// assert_eq!(report.unread.get("iati-activity/my:extension"), Some(&1));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImportReport {
    /// The encoding the file was decoded from.
    pub encoding: String,
    /// The file's IATI version (`@version` of its root), when it gives one.
    pub version: Option<String>,
    /// When the file was generated (`@generated-datetime` of its root), as written.
    pub generated: Option<String>,
    /// The default base of linked-data URIs (`@linked-data-default` of its root).
    pub linked_data_default: Option<String>,
    /// Activities read.
    pub activities: u64,
    /// Organisation records read.
    pub organisations: u64,
    /// Diagnostics, in file order, up to the limit.
    pub diagnostics: Vec<Diagnostic>,
    /// Every diagnostic counted by kind, including those past the limit.
    pub diagnostic_counts: BTreeMap<DiagnosticKind, u64>,
    /// Elements (`a/b`) and attributes (`a/b/@c`) met and not read, by path, with counts.
    pub unread: BTreeMap<String, u64>,
}

impl ImportReport {
    /// What the file turned out to be: read, empty, not IATI, not XML or without a root.
    ///
    /// # Example
    ///
    /// See [`FileOutcome`].
    #[must_use]
    pub fn outcome(&self) -> FileOutcome {
        let has = |kind| self.diagnostic_counts.contains_key(&kind);
        if has(DiagnosticKind::NotXml) {
            FileOutcome::NotXml
        } else if has(DiagnosticKind::NoRoot) {
            FileOutcome::NoRoot
        } else if has(DiagnosticKind::NotIati) {
            FileOutcome::NotIati
        } else if self.activities > 0 || self.organisations > 0 {
            FileOutcome::Read
        } else {
            FileOutcome::Empty
        }
    }

    /// All diagnostics, including those past the limit.
    ///
    /// # Example
    ///
    /// ```
    /// let report = partnerships::formats::iati::ImportReport::default();
    /// assert_eq!(report.diagnostic_count(), 0);
    /// ```
    #[must_use]
    pub fn diagnostic_count(&self) -> u64 {
        self.diagnostic_counts
            .values()
            .fold(0, |sum, n| sum.saturating_add(*n))
    }

    /// Diagnostics of error severity, including those past the limit.
    ///
    /// # Example
    ///
    /// ```
    /// let report = partnerships::formats::iati::ImportReport::default();
    /// assert_eq!(report.error_count(), 0);
    /// ```
    #[must_use]
    pub fn error_count(&self) -> u64 {
        self.diagnostic_counts
            .iter()
            .filter(|(kind, _)| kind.severity() == Severity::Error)
            .fold(0, |sum, (_, n)| sum.saturating_add(*n))
    }

    /// Adds the report of another file: counts of records, diagnostics and unread paths add
    /// up, and the other file's diagnostics follow this one's. The encoding, version and dates
    /// stay this report's (they are a file's, not a sum's), unless it has none.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::IatiReader;
    ///
    /// let read = |xml: &str| -> Result<_, partnerships::Error> {
    ///     let mut reader = IatiReader::new(xml.as_bytes())?;
    ///     while reader.next_activity()?.is_some() {}
    ///     Ok(reader.into_report())
    /// };
    /// let mut all = read("<iati-activity><iati-identifier>A</iati-identifier><extra/></iati-activity>")?;
    /// all.merge(&read("<iati-activity><iati-identifier>B</iati-identifier><extra/></iati-activity>")?);
    /// assert_eq!(all.activities, 2);
    /// assert_eq!(all.unread.get("iati-activity/extra"), Some(&2));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn merge(&mut self, other: &ImportReport) {
        self.activities = self.activities.saturating_add(other.activities);
        self.organisations = self.organisations.saturating_add(other.organisations);
        self.diagnostics.extend(other.diagnostics.iter().cloned());
        for (kind, count) in &other.diagnostic_counts {
            let total = self.diagnostic_counts.entry(*kind).or_insert(0);
            *total = total.saturating_add(*count);
        }
        for (path, count) in &other.unread {
            let total = self.unread.entry(path.clone()).or_insert(0);
            *total = total.saturating_add(*count);
        }
        if self.encoding.is_empty() {
            self.encoding.clone_from(&other.encoding);
        }
        for (mine, theirs) in [
            (&mut self.version, &other.version),
            (&mut self.generated, &other.generated),
            (&mut self.linked_data_default, &other.linked_data_default),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic, keep: usize) {
        let count = self.diagnostic_counts.entry(diagnostic.kind).or_insert(0);
        *count = count.saturating_add(1);
        if self.diagnostics.len() < keep {
            self.diagnostics.push(diagnostic);
        }
    }

    pub(crate) fn unread(&mut self, path: &str) {
        match self.unread.get_mut(path) {
            Some(count) => *count = count.saturating_add(1),
            None => {
                self.unread.insert(path.to_owned(), 1);
            }
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} activities, {} organisations ({}, IATI {})",
            self.activities,
            self.organisations,
            self.encoding,
            self.version.as_deref().unwrap_or("version not given")
        )?;
        writeln!(f, "diagnostics: {}", self.diagnostic_count())?;
        for (kind, count) in &self.diagnostic_counts {
            writeln!(f, "  {count:>8}  {kind} ({})", kind.severity())?;
        }
        writeln!(f, "unread: {} paths", self.unread.len())?;
        for (path, count) in &self.unread {
            writeln!(f, "  {count:>8}  {path}")?;
        }
        Ok(())
    }
}

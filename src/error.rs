//! The crate's error type.
//!
//! Every fallible function of the crate returns [`Error`]. It is opaque: its message says what went
//! wrong and where, and [`Error::kind`] tells a program which kind of problem it was without matching
//! on message text.

use std::fmt;

/// The error of every fallible operation in this crate.
///
/// The message (its `Display`) is lowercase, has no trailing period, and names the offending value.
/// Use [`Error::kind`] to branch on the kind of problem.
///
/// # Example
///
/// ```
/// use partnerships::{Currency, ErrorKind};
///
/// let err = Currency::from_code("eur").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnknownCurrency);
/// assert_eq!(err.to_string(), r#"unknown currency code "eur" (codes are upper case: did you mean "EUR"?)"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<Inner>,
}

/// What kind of problem an [`Error`] reports.
///
/// New kinds may be added in minor releases.
///
/// # Example
///
/// ```
/// use partnerships::{Currency, ErrorKind, Money};
///
/// let eur: Money = "EUR 1.00".parse()?;
/// let usd: Money = "USD 1.00".parse()?;
/// assert_eq!(eur.checked_add(usd).unwrap_err().kind(), ErrorKind::CurrencyMismatch);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A currency code or numeric code that is not in the currency table.
    UnknownCurrency,
    /// An operation over two amounts in different currencies.
    CurrencyMismatch,
    /// A result too large for a decimal (about 7.9 × 10^28).
    Overflow,
    /// A result that would need more than 28 decimal places and would have to be rounded; round
    /// explicitly instead.
    PrecisionLoss,
    /// Text that is not a valid amount, money value, date or rate.
    Parse,
    /// An amount that is not a whole number of its currency's minor units, or a currency that has none.
    MinorUnits,
    /// Allocation weights that cannot split an amount (none, all zero, or too large).
    Allocation,
    /// An exchange rate that cannot exist (not positive, or from a currency to itself), or one
    /// applied to an amount in another currency.
    InvalidRate,
    /// A rate table that holds no rate for the pair and date asked for.
    RateNotFound,
    /// An argument outside its documented range, such as a rounding scale above 28, or a value
    /// whose parts contradict each other.
    InvalidInput,
    /// A record whose identifier the dataset already holds.
    DuplicateId,
    /// A dataset file of a format or format version this library does not read.
    UnsupportedFormat,
    /// A data file (such as a rate table CSV) that could not be read.
    Io,
    /// XML that is not well formed, is not valid in its encoding, or declares a document type
    /// with entities or an external subset.
    Xml,
    /// Input that passes one of a reader's limits (nesting depth, text length, record or file
    /// size), or a record that would take a dataset past its capacity.
    LimitExceeded,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Inner {
    #[error("unknown currency code {code:?}{}", suggestion(.code))]
    UnknownCurrency { code: String },
    #[error("no currency held numeric code {numeric:03} on {date}")]
    UnknownNumericCurrency {
        numeric: u16,
        date: chrono::NaiveDate,
    },
    #[error("cannot {action}: the currencies differ")]
    CurrencyMismatch { action: String },
    #[error("overflow: {what} does not fit in a decimal")]
    Overflow { what: String },
    #[error("precision loss: {what} needs more than 28 decimal places; round explicitly")]
    PrecisionLoss { what: String },
    #[error("invalid {what} {text:?}: {expected}")]
    Parse {
        what: &'static str,
        text: String,
        expected: String,
    },
    #[error("{money} is not a whole number of minor units ({currency} has {minor_units})")]
    NotMinorUnits {
        money: String,
        currency: String,
        minor_units: u8,
    },
    #[error("{currency} has no minor units")]
    NoMinorUnits { currency: String },
    #[error("cannot allocate {money}: {reason}")]
    Allocation { money: String, reason: String },
    #[error("invalid exchange rate {pair}: {reason}")]
    InvalidRate { pair: String, reason: String },
    #[error("no {pair} rate {policy} {date}{routes}")]
    RateNotFound {
        pair: String,
        policy: String,
        date: chrono::NaiveDate,
        routes: String,
    },
    // The variants for data files are used by the readers behind features.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    #[error("{source_name} line {line}: {inner}")]
    AtLine {
        source_name: String,
        line: u64,
        inner: Box<Inner>,
    },
    #[error("{message}")]
    InvalidInput { message: String },
    #[error("{path}: {message} (line {line}, column {column})")]
    Json {
        path: String,
        message: String,
        line: usize,
        column: usize,
    },
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    JsonSyntax {
        message: String,
        line: usize,
        column: usize,
    },
    #[error("{message}")]
    UnsupportedFormat { message: String },
    #[error("the dataset already holds {kind} {id:?}")]
    DuplicateId { kind: &'static str, id: String },
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    #[error("{message}")]
    Malformed { message: String },
    #[cfg_attr(not(feature = "iati"), allow(dead_code))]
    #[error("cannot read XML at line {line}, column {column}: {message}")]
    Xml {
        message: String,
        line: u64,
        column: u64,
    },
    #[error("a dataset holds at most 4294967293 records of each kind: cannot add another {kind}")]
    Capacity { kind: &'static str },
    #[cfg_attr(not(feature = "iati"), allow(dead_code))]
    #[error("limit exceeded at line {line}, column {column}: {message}")]
    Limit {
        message: String,
        line: u64,
        column: u64,
    },
    #[cfg_attr(not(any(feature = "csv", feature = "iati")), allow(dead_code))]
    #[error("cannot read {source_name}: {message}")]
    Io {
        source_name: String,
        message: String,
    },
}

fn suggestion(code: &str) -> String {
    let upper = code.to_ascii_uppercase();
    if upper != code && crate::money::Currency::from_code(&upper).is_ok() {
        format!(" (codes are upper case: did you mean {upper:?}?)")
    } else {
        String::new()
    }
}

impl Error {
    /// The kind of problem this error reports.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{ErrorKind, Money};
    ///
    /// let err = "EUR 1,00".parse::<Money>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Parse);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind()
    }
}

impl Inner {
    fn kind(&self) -> ErrorKind {
        match self {
            Inner::UnknownCurrency { .. } | Inner::UnknownNumericCurrency { .. } => {
                ErrorKind::UnknownCurrency
            }
            Inner::CurrencyMismatch { .. } => ErrorKind::CurrencyMismatch,
            Inner::Overflow { .. } => ErrorKind::Overflow,
            Inner::PrecisionLoss { .. } => ErrorKind::PrecisionLoss,
            Inner::Parse { .. } | Inner::Json { .. } | Inner::JsonSyntax { .. } => ErrorKind::Parse,
            Inner::NotMinorUnits { .. } | Inner::NoMinorUnits { .. } => ErrorKind::MinorUnits,
            Inner::Allocation { .. } => ErrorKind::Allocation,
            Inner::InvalidRate { .. } => ErrorKind::InvalidRate,
            Inner::RateNotFound { .. } => ErrorKind::RateNotFound,
            Inner::InvalidInput { .. } => ErrorKind::InvalidInput,
            Inner::DuplicateId { .. } => ErrorKind::DuplicateId,
            Inner::UnsupportedFormat { .. } => ErrorKind::UnsupportedFormat,
            Inner::Io { .. } | Inner::Malformed { .. } => ErrorKind::Io,
            Inner::Xml { .. } => ErrorKind::Xml,
            Inner::Limit { .. } | Inner::Capacity { .. } => ErrorKind::LimitExceeded,
            Inner::AtLine { inner, .. } => inner.kind(),
        }
    }
}

impl Error {
    #[cold]
    pub(crate) fn new(inner: Inner) -> Error {
        Error {
            inner: Box::new(inner),
        }
    }

    #[cold]
    pub(crate) fn parse(what: &'static str, text: &str, expected: impl Into<String>) -> Error {
        // Echo at most a line's worth of hostile input back in a message.
        let text: String = text.chars().take(80).collect();
        Error::new(Inner::Parse {
            what,
            text,
            expected: expected.into(),
        })
    }

    #[cold]
    pub(crate) fn overflow(what: impl fmt::Display) -> Error {
        Error::new(Inner::Overflow {
            what: what.to_string(),
        })
    }

    #[cold]
    pub(crate) fn precision_loss(what: impl fmt::Display) -> Error {
        Error::new(Inner::PrecisionLoss {
            what: what.to_string(),
        })
    }

    #[cold]
    pub(crate) fn mismatch(action: impl fmt::Display) -> Error {
        Error::new(Inner::CurrencyMismatch {
            action: action.to_string(),
        })
    }

    #[cold]
    pub(crate) fn invalid_input(message: impl fmt::Display) -> Error {
        Error::new(Inner::InvalidInput {
            message: message.to_string(),
        })
    }

    /// The line and column of a JSON error, where the error has them.
    ///
    /// # Example
    ///
    /// ```
    /// let err = partnerships::formats::from_json("{\n  \"format\": }").unwrap_err();
    /// assert_eq!(err.line_column(), Some((2, 13)));
    /// ```
    #[must_use]
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match &*self.inner {
            Inner::Json { line, column, .. } | Inner::JsonSyntax { line, column, .. } => {
                Some((*line, *column))
            }
            Inner::Xml { line, column, .. } | Inner::Limit { line, column, .. } => Some((
                usize::try_from(*line).unwrap_or(usize::MAX),
                usize::try_from(*column).unwrap_or(usize::MAX),
            )),
            _ => None,
        }
    }

    /// Prefixes the message with the data source and line it came from.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    #[cold]
    pub(crate) fn at_line(self, source_name: &str, line: u64) -> Error {
        Error::new(Inner::AtLine {
            source_name: source_name.to_owned(),
            line,
            inner: self.inner,
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl std::error::Error for Error {}

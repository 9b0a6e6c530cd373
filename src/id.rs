//! Typed identifiers, and organisation identifiers in named schemes.
//!
//! Every record of a dataset has an identifier of its own kind: an [`OrganisationId`] cannot be
//! passed where a [`PostId`] is expected. All kinds share one syntax:
//!
//! - 1 to 128 characters;
//! - ASCII letters, digits and the marks `-`, `_`, `.`, `:` and `/`;
//! - starting with a letter or a digit.
//!
//! So `eu`, `iom`, `dg-echo`, `eeas/dsg-economic` and `meeting:7` are identifiers; `""`, `-x`
//! and `DG ECHO` are not. Identifiers are case-sensitive.
//!
//! An organisation's identifiers in outside schemes (its IATI organisation identifier such as
//! `XM-DAC-47066`) are [`OrganisationIdentifier`]s.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

const MAX_LEN: usize = 128;

fn check_id(kind: &'static str, text: &str) -> Result<(), Error> {
    let mut bytes = text.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || b"-_.:/".contains(&b));
    if first_ok && rest_ok && text.len() <= MAX_LEN {
        Ok(())
    } else {
        Err(Error::parse(
            kind,
            text,
            "expected 1 to 128 ASCII letters, digits, '-', '_', '.', ':' or '/', starting with a letter or digit",
        ))
    }
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $example:literal) => {
        $(#[$doc])*
        ///
        /// The syntax is the one shared by every identifier (see the [module docs](crate::id)).
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use partnerships::id::", stringify!($name), ";")]
        ///
        #[doc = concat!("let id: ", stringify!($name), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert!(\"not an id\".parse::<", stringify!($name), ">().is_err());")]
        /// # Ok::<(), partnerships::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                crate::schema::identifier($kind)
            }
        }

        impl $name {
            /// Checks the syntax and makes the identifier.
            ///
            /// # Errors
            ///
            /// When `text` breaks the identifier syntax.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use partnerships::id::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert!(", stringify!($name), "::new(\"", $example, "\").is_ok());")]
            #[doc = concat!("assert!(", stringify!($name), "::new(\"\").is_err());")]
            /// ```
            pub fn new(text: impl Into<String>) -> Result<$name, Error> {
                let text = text.into();
                check_id($kind, &text)?;
                Ok($name(text))
            }

            /// The identifier's text.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use partnerships::id::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(\"", $example, "\")?.as_str(), \"", $example, "\");")]
            /// # Ok::<(), partnerships::Error>(())
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// Hashes and compares as its text, so that maps keyed by identifiers can be searched
        /// with a `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(text: &str) -> Result<$name, Error> {
                $name::new(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;

            fn try_from(text: String) -> Result<$name, Error> {
                $name::new(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;

            fn try_from(text: &str) -> Result<$name, Error> {
                $name::new(text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

identifier!(
    /// Identifies an [`Organisation`](crate::Organisation) in a dataset.
    OrganisationId, "organisation identifier", "dg-echo"
);
identifier!(
    /// Identifies a [`Fund`](crate::model::Fund) in a dataset.
    FundId, "fund identifier", "eutf-africa"
);
identifier!(
    /// Identifies an [`Official`](crate::Official) in a dataset.
    OfficialId, "official identifier", "antonio-vitorino"
);
identifier!(
    /// Identifies a [`Post`](crate::Post) in a dataset.
    PostId, "post identifier", "iom-director-general"
);
identifier!(
    /// Identifies an [`Appointment`](crate::Appointment) in a dataset.
    AppointmentId, "appointment identifier", "vitorino-iom-dg"
);
identifier!(
    /// Identifies a [`Framework`](crate::Framework) in a dataset.
    FrameworkId, "framework identifier", "eu-iom-scf"
);
identifier!(
    /// Identifies a [`Meeting`](crate::Meeting) in a dataset.
    MeetingId, "meeting identifier", "eu-iom-7"
);
identifier!(
    /// Identifies a [`Programme`](crate::Programme) in a dataset.
    ProgrammeId, "programme identifier", "eu-iom-joint-initiative"
);
identifier!(
    /// Identifies an [`OutcomeMetric`](crate::model::OutcomeMetric) in a dataset.
    OutcomeId, "outcome identifier", "ji-returns"
);
identifier!(
    /// Identifies a [`Portfolio`](crate::model::Portfolio) in a dataset.
    PortfolioId, "portfolio identifier", "ec-iom-2015-2019"
);
identifier!(
    /// Identifies a [`Figure`](crate::Figure) in a dataset.
    FigureId, "figure identifier", "ji-migrants-returned"
);
identifier!(
    /// Identifies a [`Source`](crate::Source) in a dataset.
    SourceId, "source identifier", "intpa-2020-10-13"
);

/// An organisation's identifier in an outside scheme.
///
/// The IATI scheme is checked for shape: an IATI organisation identifier is a registration
/// agency prefix and the identifier the agency gave, joined by `-`: `XM-DAC-47066` (IOM),
/// `XI-IATI-EC_ECHO` (DG ECHO), `NL-KVK-41198677`, or the older two-part form such as `DE-1`.
/// It starts with two upper-case letters and a `-`, and holds no spaces nor any of `/ & | ?`
/// (the IATI Standard's rule). Other schemes (a national register, Wikidata, ...) are named by
/// the caller and their values only need to be non-empty and free of control characters.
///
/// # Example
///
/// ```
/// use partnerships::id::OrganisationIdentifier;
///
/// let iom = OrganisationIdentifier::iati("XM-DAC-47066")?;
/// assert_eq!(iom.to_string(), "iati:XM-DAC-47066");
/// assert!(OrganisationIdentifier::iati("IOM").is_err());
/// let wikidata = OrganisationIdentifier::new("wikidata", "Q206202")?;
/// assert_eq!(wikidata.scheme(), "wikidata");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "IdentifierRepr", into = "IdentifierRepr")]
pub struct OrganisationIdentifier {
    scheme: String,
    value: String,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename = "OrganisationIdentifier")]
struct IdentifierRepr {
    scheme: String,
    value: String,
}

impl TryFrom<IdentifierRepr> for OrganisationIdentifier {
    type Error = Error;

    fn try_from(repr: IdentifierRepr) -> Result<OrganisationIdentifier, Error> {
        OrganisationIdentifier::new(repr.scheme, repr.value)
    }
}

impl From<OrganisationIdentifier> for IdentifierRepr {
    fn from(id: OrganisationIdentifier) -> IdentifierRepr {
        IdentifierRepr {
            scheme: id.scheme,
            value: id.value,
        }
    }
}

/// The scheme name of IATI organisation identifiers.
///
/// # Example
///
/// ```
/// use partnerships::id::OrganisationIdentifier;
/// use partnerships::id::IATI_SCHEME;
///
/// assert_eq!(OrganisationIdentifier::iati("XM-DAC-47066")?.scheme(), IATI_SCHEME);
/// # Ok::<(), partnerships::Error>(())
/// ```
pub const IATI_SCHEME: &str = "iati";

impl OrganisationIdentifier {
    /// An identifier in the scheme named `scheme` (`"iati"` is checked for the IATI shape).
    ///
    /// # Errors
    ///
    /// When the scheme name breaks the identifier syntax, the value is empty or has control
    /// characters, or an IATI value has not the IATI shape.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationIdentifier;
    ///
    /// let err = OrganisationIdentifier::new("iati", "XM DAC 47066").unwrap_err();
    /// assert_eq!(err.to_string(), r#"invalid IATI organisation identifier "XM DAC 47066": expected a registration agency prefix and an identifier joined by '-', such as "XM-DAC-47066", without spaces or any of / & | ?"#);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn new(
        scheme: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<OrganisationIdentifier, Error> {
        let (scheme, value) = (scheme.into(), value.into());
        check_id("identifier scheme", &scheme)?;
        if scheme == IATI_SCHEME {
            check_iati(&value)?;
        } else if value.is_empty() || value.chars().any(char::is_control) {
            return Err(Error::parse(
                "organisation identifier",
                &value,
                "expected a non-empty value without control characters",
            ));
        }
        Ok(OrganisationIdentifier { scheme, value })
    }

    /// An IATI organisation identifier such as `XM-DAC-47066`.
    ///
    /// # Errors
    ///
    /// When `value` has not the IATI shape.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationIdentifier;
    ///
    /// assert!(OrganisationIdentifier::iati("XI-IATI-EC_ECHO").is_ok());
    /// assert!(OrganisationIdentifier::iati("DE-1").is_ok());
    /// assert!(OrganisationIdentifier::iati("xm-dac-47066").is_err());
    /// ```
    pub fn iati(value: impl Into<String>) -> Result<OrganisationIdentifier, Error> {
        OrganisationIdentifier::new(IATI_SCHEME, value)
    }

    /// The scheme's name, such as `"iati"`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationIdentifier;
    ///
    /// assert_eq!(OrganisationIdentifier::iati("XM-DAC-47066")?.scheme(), "iati");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The identifier within its scheme, such as `"XM-DAC-47066"`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationIdentifier;
    ///
    /// assert_eq!(OrganisationIdentifier::iati("XM-DAC-47066")?.value(), "XM-DAC-47066");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether this is an IATI organisation identifier.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationIdentifier;
    ///
    /// assert!(OrganisationIdentifier::iati("XM-DAC-47066")?.is_iati());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn is_iati(&self) -> bool {
        self.scheme == IATI_SCHEME
    }
}

/// Whether `value` has the shape of an IATI organisation identifier (see
/// [`OrganisationIdentifier::iati`]), without making one.
#[cfg_attr(not(feature = "iati"), allow(dead_code))]
pub(crate) fn is_iati_shaped(value: &str) -> bool {
    check_iati(value).is_ok()
}

fn check_iati(value: &str) -> Result<(), Error> {
    let bytes = value.as_bytes();
    let prefix_ok =
        matches!(bytes, [a, b, b'-', _, ..] if a.is_ascii_uppercase() && b.is_ascii_uppercase());
    let chars_ok = value
        .chars()
        .all(|c| !c.is_whitespace() && !c.is_control() && !"/&|?".contains(c));
    if prefix_ok && chars_ok && value.len() <= 256 {
        Ok(())
    } else {
        Err(Error::parse(
            "IATI organisation identifier",
            value,
            "expected a registration agency prefix and an identifier joined by '-', such as \"XM-DAC-47066\", without spaces or any of / & | ?",
        ))
    }
}

impl fmt::Display for OrganisationIdentifier {
    /// `scheme:value`, such as `iati:XM-DAC-47066`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.scheme, self.value)
    }
}

impl FromStr for OrganisationIdentifier {
    type Err = Error;

    /// Parses `scheme:value`, the [`Display`](fmt::Display) form.
    fn from_str(text: &str) -> Result<OrganisationIdentifier, Error> {
        let (scheme, value) = text.split_once(':').ok_or_else(|| {
            Error::parse(
                "organisation identifier",
                text,
                "expected scheme:value, such as \"iati:XM-DAC-47066\"",
            )
        })?;
        OrganisationIdentifier::new(scheme, value)
    }
}

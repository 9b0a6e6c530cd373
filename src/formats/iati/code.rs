//! IATI codes: what a file writes for an organisation role, a transaction type, a language or
//! a sector, and the 2.03 codelists they come from, embedded from the standard's own files by
//! `scripts/generate-tables.py`.
//!
//! The codes that queries ask about are types of their own, with the standard's codes as
//! associated constants, in the manner of `http::Method::GET`: [`TransactionType::DISBURSEMENT`],
//! [`OrganisationRole::FUNDING`], [`BudgetType::REVISED`]. A code a file writes that its list
//! does not have is kept as written, never dropped or guessed: a reader of the data decides what
//! it means. Every other code (a language, a sector, a country, a vocabulary of a publisher's
//! own) is a [`Code`].
//!
//! Codes order as numbers where they are numbers: transaction type `2` comes before `11`.
//!
//! # Example
//!
//! ```
//! use partnerships::formats::iati::code::{Codelist, TransactionType};
//!
//! let disbursement = TransactionType::new("3");
//! assert_eq!(disbursement, TransactionType::DISBURSEMENT);
//! assert_eq!(disbursement.name(), Some("Disbursement"));
//! assert!(TransactionType::new("2") < TransactionType::new("11"));
//!
//! // A code the list does not have is kept as written.
//! let unknown = TransactionType::new("99");
//! assert!(!unknown.is_listed());
//! assert_eq!(unknown.as_str(), "99");
//!
//! assert_eq!(Codelist::OrganisationRole.codes(), ["1", "2", "3", "4"]);
//! ```

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

// Generated: its layout is the generator's, so that `--check` compares it byte for byte.
#[rustfmt::skip]
#[path = "code/table.rs"]
mod table;

pub(crate) use table::*;

/// A code as a file writes it: a language, a sector, a country, a vocabulary, or any other
/// code without a type of its own.
///
/// A code that is in an embedded codelist, or a number below 100, shares a static copy instead
/// of allocating its own, which is most codes of real files. It reads as a `&str`.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::code::Code;
///
/// let sector = Code::new("15190");
/// assert_eq!(sector.as_str(), "15190");
/// assert_eq!(&*sector, "15190");
/// assert!(Code::new("9") < Code::new("10"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Code(Cow<'static, str>);

impl Code {
    /// The code `text`, as written.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::Code;
    ///
    /// assert_eq!(Code::new("A01").as_str(), "A01");
    /// ```
    #[must_use]
    pub fn new(text: &str) -> Code {
        unlisted(text)
    }

    /// A code of an embedded list, as the list's own static text.
    pub(crate) const fn listed(code: &'static str) -> Code {
        Code(Cow::Borrowed(code))
    }

    /// The code's static text, when it shares one.
    #[cfg(feature = "iati")]
    pub(crate) fn as_static(&self) -> Option<&'static str> {
        match self.0 {
            Cow::Borrowed(text) => Some(text),
            Cow::Owned(_) => None,
        }
    }

    /// The code as text.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::Code;
    ///
    /// assert_eq!(Code::new("en").as_str(), "en");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Code {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<&str> for Code {
    fn from(text: &str) -> Code {
        Code::new(text)
    }
}

impl From<String> for Code {
    fn from(text: String) -> Code {
        Code(Cow::Owned(text))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Ord for Code {
    /// Numbers first, by value (`2` before `11`), then other codes by their text.
    fn cmp(&self, other: &Code) -> Ordering {
        order_key(self).cmp(&order_key(other))
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// How a code orders: a number (all ASCII digits) by its value, that is its digits' count once
/// leading zeros are dropped and then those digits; any other code after every number. Ties
/// (`002` and `2`) go by the text as written, so that only equal codes order equal.
fn order_key(code: &Code) -> (bool, usize, &str, &str) {
    let text = code.as_str();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let significant = text.trim_start_matches('0');
        (false, significant.len(), significant, text)
    } else {
        (true, 0, text, text)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        Ok(Code::new(&text))
    }
}

/// One embedded codelist: its name and its codes, sorted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct List {
    pub(crate) name: &'static str,
    pub(crate) codes: &'static [&'static str],
    /// Each code's first eight bytes as a big-endian integer, zero-padded: sorted as the codes
    /// are, so that a short code is found by comparing integers.
    pub(crate) keys: &'static [u64],
    /// For a list with lower-case codes, each code in upper case, in the same order; otherwise
    /// empty.
    pub(crate) upper: &'static [&'static str],
    /// Each code's English name, in the same order.
    pub(crate) names: &'static [&'static str],
    /// The codes the list marks withdrawn.
    pub(crate) withdrawn: &'static [&'static str],
}

/// A code of at most eight bytes as a big-endian integer, zero-padded.
fn key(code: &str) -> Option<u64> {
    key_with(code, |byte| byte)
}

/// The key of `code` with each byte passed through `map` first.
fn key_with(code: &str, map: impl Fn(u8) -> u8) -> Option<u64> {
    let bytes = code.as_bytes();
    if bytes.len() > 8 {
        return None;
    }
    let mut key = [0u8; 8];
    key.iter_mut()
        .zip(bytes)
        .for_each(|(slot, byte)| *slot = map(*byte));
    Some(u64::from_be_bytes(key))
}

impl List {
    /// The position of `code` in the list, if the list has it.
    fn index(self, code: &str) -> Option<usize> {
        let index = match key(code) {
            Some(key) => self.keys.binary_search(&key).ok(),
            None => self.codes.binary_search(&code).ok(),
        };
        // A key holds a code of up to eight bytes whole, so a code of equal length is equal;
        // only a longer code needs its text compared.
        index.filter(|&i| {
            self.codes.get(i).is_some_and(|found| {
                found.len() == code.len() && (code.len() <= 8 || *found == code)
            })
        })
    }

    /// The list's own static copy of `code`, if the list has it.
    fn find(self, code: &str) -> Option<&'static str> {
        self.index(code).and_then(|i| self.codes.get(i)).copied()
    }

    /// Whether the list has `code`.
    pub(crate) fn contains(self, code: &str) -> bool {
        self.index(code).is_some()
    }

    /// The list's own static text of `code`, when the list has it.
    pub(crate) fn shared(self, code: &str) -> Option<&'static str> {
        self.index(code).and_then(|i| self.codes.get(i)).copied()
    }

    /// The English name the list gives `code`.
    pub(crate) fn english_name(self, code: &str) -> Option<&'static str> {
        self.index(code)
            .and_then(|i| self.names.get(i))
            .copied()
            .filter(|name| !name.is_empty())
    }

    /// The list's static upper-case form of one of its codes, when `code` is that form.
    fn find_upper(self, code: &str) -> Option<&'static str> {
        if self.upper.is_empty() {
            return None;
        }
        let index = key_with(code, |byte| byte.to_ascii_lowercase())
            .and_then(|key| self.keys.binary_search(&key).ok())?;
        self.upper
            .get(index)
            .copied()
            .filter(|upper| *upper == code)
    }

    /// The code, as the list's own static string when the list has it (or, for a list of
    /// lower-case codes, its upper-case form).
    pub(crate) fn intern(self, code: &str) -> Code {
        match self.find(code).or_else(|| self.find_upper(code)) {
            Some(code) => Code::listed(code),
            None => unlisted(code),
        }
    }
}

/// The numbers 0 to 9 and 10 to 99, written out, for [`unlisted`] to share.
const ONE_DIGIT: &str = "0123456789";
const TWO_DIGITS: &str = "101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// A code no embedded list has, as a [`Code`]: a number below 100 (most such codes: types,
/// levels, vocabularies) shares static text; any other code is copied.
pub(crate) fn unlisted(code: &str) -> Code {
    let digit = |byte: u8| char::from(byte).to_digit(10).map(|d| d as usize);
    let shared = match *code.as_bytes() {
        [units] => digit(units).and_then(|d| ONE_DIGIT.get(d..=d)),
        [tens @ b'1'..=b'9', units] => digit(tens)
            .zip(digit(units))
            .and_then(|(t, u)| t.checked_mul(10)?.checked_add(u)?.checked_sub(10))
            .and_then(|i| TWO_DIGITS.get(i.checked_mul(2)?..i.checked_mul(2)?.checked_add(2)?)),
        _ => None,
    };
    match shared {
        Some(text) => Code::listed(text),
        None => Code(Cow::Owned(code.to_owned())),
    }
}

macro_rules! codelists {
    ($($variant:ident => $list:ident,)*) => {
        /// An IATI 2.03 codelist the crate embeds.
        ///
        /// The reader checks codes against these when asked to
        /// ([`IatiReader::with_codelist_checks`](super::read::IatiReader::with_codelist_checks)),
        /// following the standard's `mapping.xml` for which field takes which list:
        /// organisation roles and types, activity status, scope and date types, recipient
        /// countries and regions (region vocabulary 1), sectors (sector vocabulary 1), aid,
        /// flow, finance and tied-status types, budget and transaction types, description,
        /// document, language, policy-marker, humanitarian-scope, related-activity, result,
        /// indicator-measure and indicator/result vocabulary codes.
        ///
        /// # Example
        ///
        /// ```
        /// use partnerships::formats::iati::code::{Code, Codelist};
        ///
        /// assert_eq!(Codelist::BudgetType.codes(), ["1", "2"]);
        /// assert_eq!(Codelist::Sector.name_of(&Code::new("15190")), Some("Facilitation of orderly, safe, regular and responsible migration and mobility"));
        /// assert!(!Codelist::Country.contains(&Code::new("XX")));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Codelist {
            $(
                #[doc = concat!("The `", stringify!($variant), "` codelist.")]
                $variant,
            )*
        }

        impl Codelist {
            pub(crate) const fn list(self) -> List {
                match self {
                    $(Codelist::$variant => $list,)*
                }
            }

            /// Every embedded codelist, by name.
            ///
            /// # Example
            ///
            /// ```
            /// use partnerships::formats::iati::code::Codelist;
            ///
            /// assert_eq!(Codelist::all().len(), 29);
            /// ```
            #[must_use]
            pub fn all() -> &'static [Codelist] {
                &[$(Codelist::$variant,)*]
            }
        }
    };
}

codelists! {
    ActivityDateType => ACTIVITY_DATE_TYPE,
    ActivityScope => ACTIVITY_SCOPE,
    ActivityStatus => ACTIVITY_STATUS,
    AidType => AID_TYPE,
    BudgetStatus => BUDGET_STATUS,
    BudgetType => BUDGET_TYPE,
    CollaborationType => COLLABORATION_TYPE,
    Country => COUNTRY,
    DescriptionType => DESCRIPTION_TYPE,
    DocumentCategory => DOCUMENT_CATEGORY,
    FinanceType => FINANCE_TYPE,
    FlowType => FLOW_TYPE,
    HumanitarianScopeType => HUMANITARIAN_SCOPE_TYPE,
    IndicatorMeasure => INDICATOR_MEASURE,
    IndicatorVocabulary => INDICATOR_VOCABULARY,
    Language => LANGUAGE,
    OrganisationRole => ORGANISATION_ROLE,
    OrganisationType => ORGANISATION_TYPE,
    PolicyMarker => POLICY_MARKER,
    PolicySignificance => POLICY_SIGNIFICANCE,
    Region => REGION,
    RegionVocabulary => REGION_VOCABULARY,
    RelatedActivityType => RELATED_ACTIVITY_TYPE,
    ResultType => RESULT_TYPE,
    ResultVocabulary => RESULT_VOCABULARY,
    Sector => SECTOR,
    SectorVocabulary => SECTOR_VOCABULARY,
    TiedStatus => TIED_STATUS,
    TransactionType => TRANSACTION_TYPE,
}

impl Codelist {
    /// The list's name in the standard, such as `"TransactionType"`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::Codelist;
    ///
    /// assert_eq!(Codelist::OrganisationRole.name(), "OrganisationRole");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        self.list().name
    }

    /// The list's codes, sorted, withdrawn codes included.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::Codelist;
    ///
    /// assert!(Codelist::TransactionType.codes().contains(&"13"));
    /// ```
    #[must_use]
    pub fn codes(self) -> &'static [&'static str] {
        self.list().codes
    }

    /// Whether the list has `code`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::{Code, Codelist};
    ///
    /// assert!(Codelist::Language.contains(&Code::new("fr")));
    /// assert!(!Codelist::Language.contains(&Code::new("FR")));
    /// ```
    #[must_use]
    pub fn contains(self, code: &Code) -> bool {
        self.list().contains(code)
    }

    /// `code` as the list's own static text, so that copies of it cost nothing, when the list
    /// has it.
    pub(crate) fn shared(self, code: &Code) -> Option<Code> {
        self.list().shared(code).map(Code::listed)
    }

    /// The English name the list gives `code`, when it has the code and names it.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::{Code, Codelist};
    ///
    /// assert_eq!(Codelist::Country.name_of(&Code::new("NE")), Some("Niger (the)"));
    /// ```
    #[must_use]
    pub fn name_of(self, code: &Code) -> Option<&'static str> {
        self.list().english_name(code)
    }

    /// Whether the list marks `code` withdrawn: it was once valid and publishers still write it.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::{Code, Codelist};
    ///
    /// assert!(Codelist::FlowType.is_withdrawn(&Code::new("20")));
    /// assert!(!Codelist::FlowType.is_withdrawn(&Code::new("10")));
    /// ```
    #[must_use]
    pub fn is_withdrawn(self, code: &Code) -> bool {
        self.list().withdrawn.contains(&code.as_str())
    }
}

impl fmt::Display for Codelist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! typed_codes {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident in $list:ident, example $code:literal => $constant:ident;
    )*) => {$(
        $(#[doc = $doc])*
        ///
        /// A code of the list shares the list's static text; a code the list does not have is
        /// kept as written. Codes order as numbers where they are numbers.
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use partnerships::formats::iati::code::", stringify!($name), ";")]
        ///
        #[doc = concat!("let code = ", stringify!($name), "::new(\"", $code, "\");")]
        #[doc = concat!("assert_eq!(code, ", stringify!($name), "::", stringify!($constant), ");")]
        #[doc = concat!("assert_eq!(code.as_str(), \"", $code, "\");")]
        /// assert!(code.is_listed());
        #[doc = concat!("assert!(!", stringify!($name), "::new(\"not a code\").is_listed());")]
        /// ```
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(Code);

        impl $name {
            /// The codelist these codes come from.
            pub const LIST: Codelist = Codelist::$name;

            /// The code `text`, as written, whether or not the list has it.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use partnerships::formats::iati::code::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(\"", $code, "\").as_str(), \"", $code, "\");")]
            /// ```
            #[must_use]
            pub fn new(text: &str) -> $name {
                $name($list.intern(text))
            }

            /// The code as text.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use partnerships::formats::iati::code::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($constant), ".as_str(), \"", $code, "\");")]
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The code as a [`Code`].
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use partnerships::formats::iati::code::{Code, ", stringify!($name), "};")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($constant), ".as_code(), &Code::new(\"", $code, "\"));")]
            /// ```
            #[must_use]
            pub fn as_code(&self) -> &Code {
                &self.0
            }

            /// Whether the codelist has the code.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use partnerships::formats::iati::code::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert!(", stringify!($name), "::", stringify!($constant), ".is_listed());")]
            /// ```
            #[must_use]
            pub fn is_listed(&self) -> bool {
                $list.contains(&self.0)
            }

            /// The English name the codelist gives the code, when it has it.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use partnerships::formats::iati::code::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert!(", stringify!($name), "::", stringify!($constant), ".name().is_some());")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(\"no such code\").name(), None);")]
            /// ```
            #[must_use]
            pub fn name(&self) -> Option<&'static str> {
                $list.english_name(&self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.as_str())
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &$name) -> Ordering {
                self.0.cmp(&other.0)
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &$name) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(text: &str) -> Result<$name, std::convert::Infallible> {
                Ok($name::new(text))
            }
        }

        impl From<Code> for $name {
            /// A code as one of this list, as written.
            fn from(code: Code) -> $name {
                $name(code)
            }
        }

        impl PartialEq<Code> for $name {
            fn eq(&self, other: &Code) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for Code {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = Cow::<str>::deserialize(deserializer)?;
                Ok($name::new(&text))
            }
        }
    )*};
}

typed_codes! {
    /// The type of an activity date (`ActivityDateType`): planned or actual, start or end.
    ActivityDateType in ACTIVITY_DATE_TYPE, example "2" => ACTUAL_START;
    /// The geographical scope of an activity (`ActivityScope`).
    ActivityScope in ACTIVITY_SCOPE, example "4" => NATIONAL;
    /// The stage an activity is at (`ActivityStatus`).
    ActivityStatus in ACTIVITY_STATUS, example "2" => IMPLEMENTATION;
    /// The type of aid (`AidType`, the OECD DAC's classification; vocabulary 1).
    AidType in AID_TYPE, example "C01" => PROJECT_TYPE_INTERVENTIONS;
    /// Whether a budget is indicative or committed (`BudgetStatus`).
    BudgetStatus in BUDGET_STATUS, example "2" => COMMITTED;
    /// Whether a budget is the original or a revised one (`BudgetType`); also the type of a
    /// planned disbursement.
    BudgetType in BUDGET_TYPE, example "2" => REVISED;
    /// The way an activity's money flows (`CollaborationType`): bilateral, multilateral, ...
    CollaborationType in COLLABORATION_TYPE, example "1" => BILATERAL;
    /// The type of a description (`DescriptionType`).
    DescriptionType in DESCRIPTION_TYPE, example "1" => GENERAL;
    /// The financing instrument (`FinanceType`): a grant, a loan, ...
    FinanceType in FINANCE_TYPE, example "110" => STANDARD_GRANT;
    /// The classification of a flow (`FlowType`): ODA, other official flows, ...
    FlowType in FLOW_TYPE, example "10" => ODA;
    /// Whether a humanitarian scope is an emergency or an appeal (`HumanitarianScopeType`).
    HumanitarianScopeType in HUMANITARIAN_SCOPE_TYPE, example "1" => EMERGENCY;
    /// How an indicator is measured (`IndicatorMeasure`).
    IndicatorMeasure in INDICATOR_MEASURE, example "1" => UNIT;
    /// The role an organisation plays in an activity (`OrganisationRole`): funding, accountable,
    /// extending or implementing.
    OrganisationRole in ORGANISATION_ROLE, example "1" => FUNDING;
    /// The type of an organisation (`OrganisationType`): government, NGO, multilateral, ...
    OrganisationType in ORGANISATION_TYPE, example "40" => MULTILATERAL;
    /// How significant a policy marker is for an activity (`PolicySignificance`).
    PolicySignificance in POLICY_SIGNIFICANCE, example "1" => SIGNIFICANT_OBJECTIVE;
    /// The vocabulary of a recipient region (`RegionVocabulary`).
    RegionVocabulary in REGION_VOCABULARY, example "1" => OECD_DAC;
    /// How another activity is related to this one (`RelatedActivityType`).
    RelatedActivityType in RELATED_ACTIVITY_TYPE, example "1" => PARENT;
    /// The level of a result (`ResultType`): output, outcome, impact or other.
    ResultType in RESULT_TYPE, example "2" => OUTCOME;
    /// The vocabulary of a sector (`SectorVocabulary`).
    SectorVocabulary in SECTOR_VOCABULARY, example "1" => OECD_DAC_5;
    /// Whether aid is tied to purchases from the provider (`TiedStatus`).
    TiedStatus in TIED_STATUS, example "5" => UNTIED;
    /// The type of a transaction (`TransactionType`): a commitment, a disbursement, incoming
    /// funds, ...
    TransactionType in TRANSACTION_TYPE, example "11" => INCOMING_COMMITMENT;
}

impl TransactionType {
    /// Whether the transaction brings money to the reporting organisation: incoming funds,
    /// commitments and pledges (`1`, `11`, `13`).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::TransactionType;
    ///
    /// assert!(TransactionType::INCOMING_COMMITMENT.is_incoming());
    /// assert!(!TransactionType::DISBURSEMENT.is_incoming());
    /// ```
    #[must_use]
    pub fn is_incoming(&self) -> bool {
        [
            TransactionType::INCOMING_FUNDS,
            TransactionType::INCOMING_COMMITMENT,
            TransactionType::INCOMING_PLEDGE,
        ]
        .contains(self)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use std::borrow::Cow;

    use super::{key, Code, Codelist, List, TransactionType};

    fn all() -> Vec<List> {
        Codelist::all().iter().map(|c| c.list()).collect()
    }

    #[test]
    fn every_code_is_found_through_its_key_and_nothing_else_is() {
        for list in &all() {
            assert_eq!(list.codes.len(), list.keys.len(), "{}", list.name);
            assert_eq!(list.codes.len(), list.names.len(), "{}", list.name);
            for (code, stored) in list.codes.iter().zip(list.keys) {
                assert_eq!(
                    key(code).unwrap_or(*stored),
                    *stored,
                    "{} {code}",
                    list.name
                );
                assert!(list.contains(code), "{} {code}", list.name);
                assert!(matches!(list.intern(code).0, Cow::Borrowed(_)));
                assert!(!list.contains(&format!("{code}x")), "{} {code}x", list.name);
            }
            assert!(list.keys.windows(2).all(|w| w[0] <= w[1]), "{}", list.name);
        }
    }

    #[test]
    fn every_list_is_reachable_by_its_variant() {
        for variant in Codelist::all() {
            assert_eq!(variant.name(), format!("{variant:?}"));
        }
    }

    #[test]
    fn numbers_below_a_hundred_are_shared_and_other_codes_copied() {
        for n in 0..100 {
            let text = n.to_string();
            let code = super::unlisted(&text);
            assert!(matches!(code.0, Cow::Borrowed(_)), "{n}");
            assert_eq!(code.as_str(), text);
        }
        for text in ["100", "01", "007", "a", "1a", "", "-1", "x9"] {
            let code = super::unlisted(text);
            assert!(matches!(code.0, Cow::Owned(_)), "{text}");
            assert_eq!(code.as_str(), text);
        }
    }

    #[test]
    fn upper_case_languages_are_shared_as_written() {
        let languages = super::LANGUAGE;
        assert_eq!(languages.upper.len(), languages.codes.len());
        assert!(matches!(languages.intern("EN").0, Cow::Borrowed("EN")));
        assert!(matches!(languages.intern("en").0, Cow::Borrowed("en")));
        assert!(matches!(languages.intern("En").0, Cow::Owned(ref c) if c == "En"));
        assert!(matches!(languages.intern("ENG").0, Cow::Owned(ref c) if c == "ENG"));
        assert!(
            !languages.contains("EN"),
            "checks still want the code as listed"
        );
    }

    #[test]
    fn a_code_padded_with_zero_bytes_is_not_the_shorter_code() {
        let roles = super::ORGANISATION_ROLE;
        assert!(roles.contains("1"));
        assert!(!roles.contains("1\0"));
        assert!(matches!(roles.intern("1\0").0, Cow::Owned(_)));
    }

    #[test]
    fn codes_order_as_numbers_then_text() {
        let mut codes: Vec<Code> = ["11", "2", "A01", "002", "10", "", "B", "1"]
            .iter()
            .map(|c| Code::new(c))
            .collect();
        codes.sort();
        let sorted: Vec<&str> = codes.iter().map(Code::as_str).collect();
        assert_eq!(sorted, ["1", "002", "2", "10", "11", "", "A01", "B"]);
        assert!(TransactionType::INCOMING_FUNDS < TransactionType::INCOMING_COMMITMENT);
    }

    #[test]
    fn typed_codes_round_trip_through_serde_as_text() {
        let json = serde_json::to_string(&TransactionType::DISBURSEMENT).unwrap();
        assert_eq!(json, "\"3\"");
        let back: TransactionType = serde_json::from_str("\"99\"").unwrap();
        assert_eq!(back.as_str(), "99");
        assert!(!back.is_listed());
    }
}

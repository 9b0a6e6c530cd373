//! The IATI 2.03 codelists the reader can check codes against, embedded from the standard's
//! own files by `scripts/generate-tables.py`.

use std::borrow::Cow;

use super::activity::Code;

// Generated: its layout is the generator's, so that `--check` compares it byte for byte.
#[rustfmt::skip]
#[path = "codelist_table.rs"]
mod table;

pub(super) use table::*;

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
    /// The list's own static copy of `code`, if the list has it.
    fn find(self, code: &str) -> Option<&'static str> {
        let index = match key(code) {
            Some(key) => self.keys.binary_search(&key).ok(),
            None => self.codes.binary_search(&code).ok(),
        };
        // A key holds a code of up to eight bytes whole, so a code of equal length is equal;
        // only a longer code needs its text compared.
        index
            .and_then(|i| self.codes.get(i))
            .copied()
            .filter(|found| found.len() == code.len() && (code.len() <= 8 || *found == code))
    }

    /// Whether the list has `code`.
    pub(super) fn contains(self, code: &str) -> bool {
        self.find(code).is_some()
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
    pub(super) fn intern(self, code: &str) -> Code {
        match self.find(code).or_else(|| self.find_upper(code)) {
            Some(code) => Cow::Borrowed(code),
            None => unlisted(code),
        }
    }
}

/// The numbers 0 to 9 and 10 to 99, written out, for [`unlisted`] to share.
const ONE_DIGIT: &str = "0123456789";
const TWO_DIGITS: &str = "101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// A code no embedded list has, as a [`Code`]: a number below 100 (most such codes: types,
/// levels, vocabularies) shares static text; any other code is copied.
pub(super) fn unlisted(code: &str) -> Code {
    let digit = |byte: u8| char::from(byte).to_digit(10).map(|d| d as usize);
    let shared = match *code.as_bytes() {
        [units] => digit(units).and_then(|d| ONE_DIGIT.get(d..=d)),
        [tens @ b'1'..=b'9', units] => digit(tens)
            .zip(digit(units))
            .and_then(|(t, u)| t.checked_mul(10)?.checked_add(u)?.checked_sub(10))
            .and_then(|i| TWO_DIGITS.get(i.checked_mul(2)?..i.checked_mul(2)?.checked_add(2)?)),
        _ => None,
    };
    shared.map_or_else(|| Cow::Owned(code.to_owned()), Cow::Borrowed)
}

/// The codes of an embedded IATI 2.03 codelist, sorted, withdrawn codes included; `None` for a
/// list the crate does not embed.
///
/// The reader checks codes against these when asked to
/// ([`IatiReader::with_codelist_checks`](super::IatiReader::with_codelist_checks)), following
/// the standard's `mapping.xml` for which field takes which list: organisation roles and types,
/// activity status, scope and date types, recipient countries and regions (region vocabulary 1),
/// sectors (sector vocabulary 1), aid, flow, finance and tied-status types, budget and transaction
/// types, description, document, language, policy-marker, humanitarian-scope, related-activity,
/// result, indicator-measure and indicator/result vocabulary codes.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::codelist;
///
/// let roles = codelist("OrganisationRole").unwrap_or_default();
/// assert_eq!(roles, ["1", "2", "3", "4"]);
/// assert!(codelist("TransactionType").is_some_and(|codes| codes.contains(&"13")));
/// assert_eq!(codelist("NoSuchList"), None);
/// ```
#[must_use]
pub fn codelist(name: &str) -> Option<&'static [&'static str]> {
    ALL.iter()
        .find(|list| list.name == name)
        .map(|list| list.codes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::{key, ALL};

    #[test]
    fn every_code_is_found_through_its_key_and_nothing_else_is() {
        for list in &ALL {
            assert_eq!(list.codes.len(), list.keys.len(), "{}", list.name);
            for (code, stored) in list.codes.iter().zip(list.keys) {
                assert_eq!(
                    key(code).unwrap_or(*stored),
                    *stored,
                    "{} {code}",
                    list.name
                );
                assert!(list.contains(code), "{} {code}", list.name);
                assert!(matches!(list.intern(code), std::borrow::Cow::Borrowed(_)));
                assert!(!list.contains(&format!("{code}x")), "{} {code}x", list.name);
            }
            assert!(list.keys.windows(2).all(|w| w[0] <= w[1]), "{}", list.name);
        }
    }

    #[test]
    fn numbers_below_a_hundred_are_shared_and_other_codes_copied() {
        use std::borrow::Cow;
        for n in 0..100 {
            let text = n.to_string();
            let code = super::unlisted(&text);
            assert!(matches!(code, Cow::Borrowed(_)), "{n}");
            assert_eq!(code, text);
        }
        for text in ["100", "01", "007", "a", "1a", "", "-1", "x9"] {
            let code = super::unlisted(text);
            assert!(matches!(code, Cow::Owned(_)), "{text}");
            assert_eq!(code, text);
        }
    }

    #[test]
    fn upper_case_languages_are_shared_as_written() {
        use std::borrow::Cow;
        let languages = super::LANGUAGE;
        assert_eq!(languages.upper.len(), languages.codes.len());
        assert!(matches!(languages.intern("EN"), Cow::Borrowed("EN")));
        assert!(matches!(languages.intern("en"), Cow::Borrowed("en")));
        assert!(matches!(languages.intern("En"), Cow::Owned(ref c) if c == "En"));
        assert!(matches!(languages.intern("ENG"), Cow::Owned(ref c) if c == "ENG"));
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
        assert!(matches!(roles.intern("1\0"), std::borrow::Cow::Owned(_)));
    }
}

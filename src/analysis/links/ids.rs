//! Activity identifiers as publishers cite them, and the index that finds the activity a cited
//! identifier means: exactly, after normalisation, with the publisher's prefix added or dropped,
//! or as a code that ends the other's identifier.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// How a cited identifier was found to be an activity's.
///
/// A code ends another when it is the other's last three parts or more (`ICSP/2020/418-048`
/// for FPI's `2020/418-048`), or when the other's whole code, in two parts or more, ends it
/// (`ARIES NUMBER 300619-104` for FCDO's `300619-104`); a cited code of two parts never finds
/// the codes it ends, since a year and a serial number are shared by many grants.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::IdMatch;
///
/// assert_eq!(IdMatch::Suffix.to_string(), "one ends the other");
/// assert!(IdMatch::Exact < IdMatch::Suffix);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IdMatch {
    /// As written.
    Exact,
    /// After case, spaces, line breaks and separators (`/ - _ . :`) are made alike.
    Normalised,
    /// With the publisher's prefix added or dropped: `2020/418-048` for
    /// `XI-IATI-EC_FPI-2020/418-048`.
    Prefix,
    /// One code ends the other at a separator: `ICSP/2020/418-048` for
    /// `XI-IATI-EC_FPI-2020/418-048`.
    Suffix,
}

impl std::fmt::Display for IdMatch {
    /// How the match reads: `as written`, `normalised`, `with the prefix added or dropped`,
    /// `one ends the other`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IdMatch::Exact => "as written",
            IdMatch::Normalised => "normalised",
            IdMatch::Prefix => "with the prefix added or dropped",
            IdMatch::Suffix => "one ends the other",
        })
    }
}

/// The fewest parts a cited code must have to be matched as the end of another's code: two parts
/// are often a year and a serial number, which different grants of one publisher share.
const SUFFIX_PARTS: usize = 3;

/// The fewest parts of the end of a cited code matched as another's whole code: the cited code
/// adds words to a code of its own (`ARIES NUMBER 300619-104` for `300619-104`).
const ENDING_PARTS: usize = 2;

/// An identifier made comparable: lower case, every run of whitespace and separators one `-`,
/// none at either end.
pub(crate) fn canonical(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut separator = false;
    for c in id.chars() {
        if c.is_whitespace() || matches!(c, '/' | '-' | '_' | '.' | ':' | '\\') {
            separator = true;
        } else {
            if separator && !out.is_empty() {
                out.push('-');
            }
            separator = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// An identifier with its letters and digits only, lower case: organisation identifiers are
/// written with and without inner hyphens (`CH-FDJP-CHE-106823242`, `CH-FDJP-CHE106823242`).
pub(crate) fn squashed(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a code starts as an IATI identifier does, with a two-letter agency prefix
/// (`XM-`, `GB-`), and so names its publisher.
pub(crate) fn looks_prefixed(id: &str) -> bool {
    matches!(id.trim().as_bytes(), [a, b, b'-', c, ..] if a.is_ascii_uppercase() && b.is_ascii_uppercase() && c.is_ascii_alphanumeric())
}

/// The code after `prefix` (both canonical), when `id` starts with it at a separator.
fn after_prefix<'a>(id: &'a str, prefix: &str) -> Option<&'a str> {
    id.strip_prefix(prefix)?
        .strip_prefix('-')
        .filter(|rest| !rest.is_empty())
}

/// The proper endings of a canonical code with at least `least` parts, longest first.
fn endings(code: &str, least: usize) -> impl Iterator<Item = &str> {
    let parts = code.split('-').count();
    code.match_indices('-')
        .map(move |(at, _)| code.get(at.saturating_add(1)..).unwrap_or_default())
        .zip((1..parts).rev())
        .filter(move |(_, left)| *left >= least)
        .map(|(ending, _)| ending)
}

/// What a cited identifier was found to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// One activity.
    One(usize, IdMatch),
    /// Several activities, equally well.
    Many(Vec<usize>, IdMatch),
    /// None.
    Nothing,
}

/// Activities by identifier, in every form a citation is matched in.
#[derive(Debug, Default)]
pub(crate) struct IdIndex {
    exact: HashMap<String, Vec<usize>>,
    canonical: HashMap<String, Vec<usize>>,
    /// By the code after the reporter's prefix.
    local: HashMap<String, Vec<usize>>,
    /// By each proper ending of that code.
    endings: HashMap<String, Vec<usize>>,
    /// The canonical prefixes of the publishers.
    prefixes: HashSet<String>,
}

impl IdIndex {
    /// Indexes the activity `index` with its identifier and its reporter's identifier.
    pub(crate) fn insert(&mut self, index: usize, identifier: &str, reporter: Option<&str>) {
        let trimmed = identifier.trim();
        if trimmed.is_empty() {
            return;
        }
        self.exact
            .entry(trimmed.to_owned())
            .or_default()
            .push(index);
        let full = canonical(trimmed);
        let prefix = reporter.map(canonical).filter(|p| !p.is_empty());
        let local = prefix
            .as_deref()
            .and_then(|p| after_prefix(&full, p))
            .unwrap_or(&full)
            .to_owned();
        for ending in endings(&local, SUFFIX_PARTS) {
            self.endings
                .entry(ending.to_owned())
                .or_default()
                .push(index);
        }
        self.local.entry(local).or_default().push(index);
        self.canonical.entry(full).or_default().push(index);
        if let Some(prefix) = prefix {
            self.prefixes.insert(prefix);
        }
    }

    /// The code after the longest publisher's prefix that starts `full` (canonical), or all of
    /// it: one lookup per separator, however many publishers there are.
    fn local<'a>(&self, full: &'a str) -> &'a str {
        let separators: Vec<usize> = full.match_indices('-').map(|(at, _)| at).collect();
        separators
            .into_iter()
            .rev()
            .find_map(|at| {
                let prefix = full.get(..at)?;
                if self.prefixes.contains(prefix) {
                    after_prefix(full, prefix)
                } else {
                    None
                }
            })
            .unwrap_or(full)
    }

    /// The activity `cited` means. `owner` is the organisation the citation names, when it
    /// names one: a match found by prefix or ending must be one of its activities (as `owned`
    /// says), since a bare code is only unique within its publisher. `identifier` gives an
    /// activity's identifier, so that one identifier published twice counts once.
    pub(crate) fn find<'a>(
        &self,
        cited: &str,
        owned: impl Fn(usize) -> bool,
        identifier: impl Fn(usize) -> &'a str,
    ) -> Found {
        let decide = |hits: Vec<usize>, how: IdMatch| -> Option<Found> {
            let mut hits = hits;
            hits.sort_unstable();
            hits.dedup();
            let first = *hits.first()?;
            if hits.iter().all(|&h| identifier(h) == identifier(first)) {
                Some(Found::One(first, how))
            } else {
                Some(Found::Many(hits, how))
            }
        };
        let trimmed = cited.trim();
        if let Some(found) = self
            .exact
            .get(trimmed)
            .and_then(|hits| decide(hits.clone(), IdMatch::Exact))
        {
            return found;
        }
        let full = canonical(trimmed);
        if full.is_empty() {
            return Found::Nothing;
        }
        if let Some(found) = self
            .canonical
            .get(&full)
            .and_then(|hits| decide(hits.clone(), IdMatch::Normalised))
        {
            return found;
        }
        let local = self.local(&full);
        let owned_hits = |hits: Option<&Vec<usize>>| -> Vec<usize> {
            hits.into_iter()
                .flatten()
                .copied()
                .filter(|&h| owned(h))
                .collect()
        };
        if let Some(found) = decide(owned_hits(self.local.get(local)), IdMatch::Prefix) {
            return found;
        }
        let mut hits = Vec::new();
        if local.split('-').count() >= SUFFIX_PARTS {
            hits.extend(owned_hits(self.endings.get(local)));
        }
        for ending in endings(local, ENDING_PARTS) {
            hits.extend(owned_hits(self.local.get(ending)));
        }
        decide(hits, IdMatch::Suffix).unwrap_or(Found::Nothing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_makes_case_spaces_and_separators_alike() {
        assert_eq!(
            canonical(" XM-DAC-41121-ICSP 2020\n418-329 "),
            "xm-dac-41121-icsp-2020-418-329"
        );
        assert_eq!(
            canonical("XI-IATI-EC_FPI-2020/418-048"),
            "xi-iati-ec-fpi-2020-418-048"
        );
        assert_eq!(canonical("--/"), "");
    }

    #[test]
    fn endings_keep_three_parts_or_more() {
        let found: Vec<&str> = endings("icsp-2020-418-048", 3).collect();
        assert_eq!(found, ["2020-418-048"]);
        assert_eq!(endings("2019-91019", 3).count(), 0);
    }

    fn index(ids: &[(&str, &str)]) -> IdIndex {
        let mut index = IdIndex::default();
        for (i, (id, reporter)) in ids.iter().enumerate() {
            index.insert(i, id, Some(reporter));
        }
        index
    }

    #[test]
    fn a_code_ending_the_cited_one_is_found_but_not_a_serial_number() {
        let ids = [
            ("XI-IATI-EC_FPI-2020/418-048", "XI-IATI-EC_FPI"),
            ("XI-IATI-EC_ECHO-ECHO/-WF/BUD/2019/91048", "XI-IATI-EC_ECHO"),
        ];
        let index = index(&ids);
        let id = |i: usize| ids.get(i).map_or("", |p| p.0);
        assert_eq!(
            index.find("XI-IATI-EC_FPI-ICSP/2020/418-048", |_| true, id),
            Found::One(0, IdMatch::Suffix)
        );
        assert_eq!(
            index.find("2020/418-048", |_| true, id),
            Found::One(0, IdMatch::Prefix)
        );
        assert_eq!(
            index.find("XI-IATI-EC_ECHO-ECHO/-AF/BUD/2019/91048", |_| true, id),
            Found::Nothing
        );
        assert_eq!(
            index.find("xi-iati-ec_fpi-2020/418-048", |_| true, id),
            Found::One(0, IdMatch::Normalised)
        );
        assert_eq!(index.find("2020/418-048", |i| i != 0, id), Found::Nothing);
    }

    #[test]
    fn a_code_two_publishers_share_is_ambiguous() {
        let ids = [("AA-1-X/2020/7", "AA-1"), ("BB-2-Y/2020/7", "BB-2")];
        let index = index(&ids);
        let id = |i: usize| ids.get(i).map_or("", |p| p.0);
        assert_eq!(
            index.find("Z/X/2020/7", |_| true, id),
            Found::One(0, IdMatch::Suffix)
        );
        assert_eq!(index.find("2020/7", |_| true, id), Found::Nothing);
        assert_eq!(index.find("X/2020/7/Z", |_| true, id), Found::Nothing);
        let index = self::index(&[("AA-1-X/2020/7", "AA-1"), ("BB-2-X/2020/7", "BB-2")]);
        assert_eq!(
            index.find("X/2020/7", |_| true, |i| if i == 0 { "a" } else { "b" }),
            Found::Many(vec![0, 1], IdMatch::Prefix)
        );
    }
}

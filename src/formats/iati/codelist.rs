//! The IATI 2.03 codelists the reader can check codes against, embedded from the standard's
//! own files by `scripts/generate-tables.py`.

#[path = "codelist_table.rs"]
mod table;

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
    table::CODELISTS
        .iter()
        .find(|(list, _)| *list == name)
        .map(|(_, codes)| *codes)
}

/// Whether `code` is in the list; `None` when the list is not embedded.
pub(super) fn contains(list: &str, code: &str) -> Option<bool> {
    codelist(list).map(|codes| codes.binary_search(&code).is_ok())
}

//! Who funds whom: organisations matched by identifier or by name, and the evidence that one
//! organisation funds an activity another implements.

use std::collections::HashMap;

use crate::dataset::Dataset;
use crate::formats::iati::code::{OrganisationRole, TransactionType};
use crate::formats::iati::records::{Activity, OrgRef, Transaction};
use crate::id::{is_iati_shaped, OrganisationId, OrganisationIdentifier};
use crate::model::{Funder, Programme};

/// Organisations the crate knows by name: IATI organisation identifier, then names and acronyms
/// publishers write for it in place of the identifier. Names are compared normalised (see
/// [`normalise_name`]).
const ALIASES: &[(&str, &[&str])] = &[
    (
        "XM-DAC-47066",
        &[
            "International Organization for Migration",
            "International Organisation for Migration",
            "Organisation internationale pour les migrations",
            "Organización Internacional para las Migraciones",
            "IOM",
            "OIM",
            "UN Migration",
        ],
    ),
    (
        "XI-IATI-EC_ECHO",
        &[
            "DG ECHO",
            "ECHO",
            "European Commission - DG ECHO",
            "European Commission - Humanitarian Aid & Civil Protection",
            "European Civil Protection and Humanitarian Aid Operations",
            "Directorate-General for European Civil Protection and Humanitarian Aid Operations",
            "European Commission Humanitarian Aid Office",
        ],
    ),
    (
        "XI-IATI-EC_NEAR",
        &[
            "DG NEAR",
            "Directorate-General for Neighbourhood and Enlargement Negotiations",
            "European Commission - DG Neighbourhood and Enlargement Negotiations",
        ],
    ),
    (
        "XI-IATI-EC_INTPA",
        &[
            "DG INTPA",
            "Directorate-General for International Partnerships",
        ],
    ),
    (
        "XI-IATI-EC_DEVCO",
        &[
            "DG DEVCO",
            "Directorate-General for International Cooperation and Development",
        ],
    ),
    (
        "XI-IATI-EC_FPI",
        &["FPI", "Service for Foreign Policy Instruments"],
    ),
    (
        "XI-IATI-EC_HOME",
        &[
            "DG HOME",
            "Directorate-General for Migration and Home Affairs",
        ],
    ),
    ("XI-IATI-EC", &["European Commission", "EC"]),
];

/// The Commission's directorates-general and services are part of the Commission: a question
/// about `XI-IATI-EC` finds them too.
const PARENTS: &[(&str, &str)] = &[
    ("XI-IATI-EC_ECHO", "XI-IATI-EC"),
    ("XI-IATI-EC_NEAR", "XI-IATI-EC"),
    ("XI-IATI-EC_INTPA", "XI-IATI-EC"),
    ("XI-IATI-EC_DEVCO", "XI-IATI-EC"),
    ("XI-IATI-EC_FPI", "XI-IATI-EC"),
    ("XI-IATI-EC_HOME", "XI-IATI-EC"),
];

/// A name as compared: lower case, `&` as `and`, text in parentheses left out, every run of
/// other characters than letters and digits one space.
///
/// # Example
///
/// ```
/// use partnerships::analysis::partners::normalise_name;
///
/// assert_eq!(normalise_name("INTERNATIONAL ORGANIZATION FOR MIGRATION (INT)"),
///            "international organization for migration");
/// assert_eq!(normalise_name("European Commission - Humanitarian Aid & Civil Protection"),
///            "european commission humanitarian aid and civil protection");
/// ```
#[must_use]
pub fn normalise_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    let mut space = false;
    for c in name.chars() {
        match c {
            '(' => depth = depth.saturating_add(1),
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '&' => {
                out.push_str(if out.is_empty() { "and" } else { " and" });
                space = true;
            }
            c if c.is_alphanumeric() => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
            }
            _ => space = true,
        }
    }
    out
}

/// How an organisation in a file was recognised.
///
/// # Example
///
/// ```
/// use partnerships::analysis::partners::MatchedBy;
///
/// // The better match sorts first.
/// assert!(MatchedBy::Identifier < MatchedBy::Name);
/// assert_eq!(MatchedBy::Parent.to_string(), "as part of it");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MatchedBy {
    /// Its `@ref` is the identifier asked for.
    Identifier,
    /// Its `@ref` is a part of the organisation asked for (a directorate-general of the
    /// Commission).
    Parent,
    /// It has no usable `@ref` and its name is one the crate or the files know for the
    /// organisation.
    Name,
    /// It is the activity's reporting organisation, taken as the provider of a transaction that
    /// names none.
    Reporter,
    /// It manages the fund that funds a programme.
    Fund,
}

impl std::fmt::Display for MatchedBy {
    /// How the match reads in a sentence: `by identifier`, `as part of it`, `by name`, `as the
    /// reporter`, `through a fund it manages`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            MatchedBy::Identifier => "by identifier",
            MatchedBy::Parent => "as part of it",
            MatchedBy::Name => "by name",
            MatchedBy::Reporter => "as the reporter",
            MatchedBy::Fund => "through a fund it manages",
        })
    }
}

/// One piece of evidence that an organisation funds an activity another implements.
///
/// # Example
///
/// ```
/// use partnerships::analysis::partners::{Evidence, MatchedBy};
///
/// let evidence = Evidence::Roles { first: MatchedBy::Identifier, second: MatchedBy::Name };
/// assert!(matches!(evidence, Evidence::Roles { second: MatchedBy::Name, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Evidence {
    /// The activity's participating organisations give both their roles.
    Roles {
        /// How the first organisation was recognised.
        first: MatchedBy,
        /// How the second was.
        second: MatchedBy,
    },
    /// The second organisation reports the activity and names the first in its role (an
    /// activity IOM reports, naming DG ECHO as funder).
    Reported {
        /// How the first organisation was recognised.
        first: MatchedBy,
        /// How the reporter was recognised as the second.
        reporter: MatchedBy,
    },
    /// A transaction from the first organisation to the second.
    Transaction {
        /// Its position among the activity's transactions.
        index: usize,
        /// How the provider was recognised.
        provider: MatchedBy,
        /// How the receiver was.
        receiver: MatchedBy,
    },
}

/// Recognises organisations in IATI files by identifier, by a documented alias table and by
/// names the files themselves pair with identifiers, and finds the activities where one
/// organisation funds (or has any role) and another implements (or has any other role).
///
/// Names are compared after [`normalise_name`]. A name that [`learn`](Self::learn) has seen
/// beside an identifier in the files is known from then on; the built-in table knows IOM
/// (`XM-DAC-47066`) and the Commission's services (`XI-IATI-EC_ECHO`, `_NEAR`, `_INTPA`,
/// `_DEVCO`, `_FPI`, `_HOME`), which are also known as parts of the Commission (`XI-IATI-EC`).
/// A name nobody knows stays unmatched and is listed by [`unmatched`](Self::unmatched).
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::partners::{Evidence, MatchedBy, Partners};
/// use partnerships::formats::iati::code::OrganisationRole;
/// use partnerships::formats::iati::IatiReader;
///
/// // The Commission's DG ECHO reports a payment to IOM, naming it without an identifier.
/// let xml = r#"<iati-activity><iati-identifier>XI-IATI-EC_ECHO-1</iati-identifier>
///   <reporting-org ref="XI-IATI-EC_ECHO"/>
///   <transaction><transaction-type code="3"/>
///     <receiver-org><narrative>INTERNATIONAL ORGANIZATION FOR MIGRATION (INT)</narrative></receiver-org>
///   </transaction></iati-activity>"#;
/// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity");
/// let partners = Partners::new();
/// let evidence = partners.evidence(&activity, "XI-IATI-EC_ECHO", &OrganisationRole::FUNDING, "XM-DAC-47066", &OrganisationRole::IMPLEMENTING);
/// assert_eq!(evidence, [Evidence::Transaction { index: 0, provider: MatchedBy::Reporter, receiver: MatchedBy::Name }]);
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Partners {
    /// Normalised name → identifier.
    names: HashMap<String, String>,
    /// Names seen without an identifier that matched nothing, with how often.
    unmatched: HashMap<String, u64>,
    /// Parent links, built in and learnt from a dataset: child identifier → parent identifiers.
    parents: HashMap<String, Vec<String>>,
}

impl Partners {
    /// A matcher that knows the built-in alias table.
    ///
    /// # Example
    ///
    /// ```
    /// let partners = partnerships::analysis::partners::Partners::new();
    /// assert_eq!(partners.identify_name("Int'l Organization for Migration"), None);
    /// assert_eq!(partners.identify_name("International Organization For Migration"), Some("XM-DAC-47066"));
    /// ```
    #[must_use]
    pub fn new() -> Partners {
        let mut names = HashMap::new();
        for (identifier, aliases) in ALIASES {
            for alias in *aliases {
                names.insert(normalise_name(alias), (*identifier).to_owned());
            }
        }
        let mut parents: HashMap<String, Vec<String>> = HashMap::new();
        for (child, parent) in PARENTS {
            parents
                .entry((*child).to_owned())
                .or_default()
                .push((*parent).to_owned());
        }
        Partners {
            names,
            unmatched: HashMap::new(),
            parents,
        }
    }

    /// Learns the names the activity's organisations carry beside an IATI organisation
    /// identifier (`XM-DAC-47066`, not a placeholder such as `N/A`). A name the table or the
    /// files already pair with another identifier keeps its first one.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "iati")] {
    /// use partnerships::analysis::partners::Partners;
    /// use partnerships::formats::iati::IatiReader;
    ///
    /// let xml = r#"<iati-activity><iati-identifier>A</iati-identifier>
    ///   <participating-org role="1" ref="GB-GOV-1"><narrative>UK - Foreign, Commonwealth and Development Office</narrative></participating-org>
    /// </iati-activity>"#;
    /// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity");
    /// let mut partners = Partners::new();
    /// partners.learn(&activity);
    /// assert_eq!(partners.identify_name("UK - Foreign, Commonwealth & Development Office"), Some("GB-GOV-1"));
    /// # }
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn learn(&mut self, activity: &Activity) {
        let orgs = activity
            .participating_orgs
            .iter()
            .map(|p| &p.org)
            .chain(activity.reporting_org.iter().map(|r| &r.org))
            .chain(
                activity
                    .transactions
                    .iter()
                    .flat_map(|t| t.provider.iter().chain(t.receiver.iter())),
            );
        for org in orgs {
            let Some(identifier) = org.reference.as_deref().filter(|r| is_iati_shaped(r)) else {
                continue;
            };
            for name in &org.names {
                let key = normalise_name(&name.text);
                if !key.is_empty() {
                    self.names
                        .entry(key)
                        .or_insert_with(|| identifier.to_owned());
                }
            }
        }
    }

    /// Learns the organisation hierarchy of a dataset: an organisation with an IATI identifier
    /// whose parent has one is known as part of it (at any date), so that a question about the
    /// parent finds the part. The names of its organisations are learnt too.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::partners::Partners;
    /// use partnerships::id::{OrganisationId, OrganisationIdentifier};
    /// use partnerships::model::{OrganisationKind, ParentLink};
    /// use partnerships::{Dataset, Organisation};
    ///
    /// let mut iom = Organisation::new(OrganisationId::new("iom")?, OrganisationKind::IntergovernmentalOrganisation, "IOM");
    /// iom.identifiers.push(OrganisationIdentifier::iati("XM-DAC-47066")?);
    /// let mut office = Organisation::new(OrganisationId::new("iom-brussels")?, OrganisationKind::Other, "IOM Regional Office Brussels");
    /// office.identifiers.push(OrganisationIdentifier::iati("XM-DAC-47066-BRU")?);
    /// office.parents.push(ParentLink::new(OrganisationId::new("iom")?));
    /// let mut data = Dataset::new();
    /// data.insert_organisation(iom)?;
    /// data.insert_organisation(office)?;
    ///
    /// let mut partners = Partners::new();
    /// partners.learn_hierarchy(&data);
    /// assert_eq!(partners.identify_name("IOM Regional Office Brussels"), Some("XM-DAC-47066-BRU"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn learn_hierarchy(&mut self, dataset: &Dataset) {
        let iati = |id: &OrganisationId| iati_identifier(dataset, id).map(str::to_owned);
        for organisation in dataset.organisations() {
            let Some(child) = iati(&organisation.id) else {
                continue;
            };
            let names = std::iter::once(&organisation.name)
                .chain(&organisation.other_names)
                .chain(organisation.acronym.iter());
            for name in names {
                let key = normalise_name(name);
                if !key.is_empty() {
                    self.names.entry(key).or_insert_with(|| child.clone());
                }
            }
            for link in &organisation.parents {
                if let Some(parent) = iati(&link.parent) {
                    let parents = self.parents.entry(child.clone()).or_default();
                    if !parents.contains(&parent) {
                        parents.push(parent);
                    }
                }
            }
        }
    }

    /// The organisations `part` belongs to, through parents at any depth, nearest first.
    pub(crate) fn ancestors<'a>(&'a self, part: &'a str) -> Vec<&'a str> {
        let mut seen: Vec<&str> = vec![part];
        let mut next = 0;
        while let Some(current) = seen.get(next).copied() {
            next = next.saturating_add(1);
            for parent in self.parents.get(current).into_iter().flatten() {
                if !seen.contains(&parent.as_str()) {
                    seen.push(parent);
                }
            }
        }
        seen.into_iter().skip(1).collect()
    }

    /// Whether the organisation `part` belongs to `whole`, through parents at any depth.
    pub(crate) fn is_part_of(&self, part: &str, whole: &str) -> bool {
        let mut seen: Vec<&str> = vec![part];
        let mut next = 0;
        while let Some(current) = seen.get(next).copied() {
            next = next.saturating_add(1);
            for parent in self.parents.get(current).into_iter().flatten() {
                if parent == whole {
                    return true;
                }
                if !seen.contains(&parent.as_str()) {
                    seen.push(parent);
                }
            }
        }
        false
    }

    /// The identifier a name is known by, if any.
    ///
    /// # Example
    ///
    /// ```
    /// let partners = partnerships::analysis::partners::Partners::new();
    /// assert_eq!(partners.identify_name("DG ECHO"), Some("XI-IATI-EC_ECHO"));
    /// ```
    #[must_use]
    pub fn identify_name(&self, name: &str) -> Option<&str> {
        self.names.get(&normalise_name(name)).map(String::as_str)
    }

    /// The identifier `org` is known by, and whether by its reference (else by a name): its
    /// `@ref` when that is an IATI organisation identifier, else the first of its names the
    /// matcher knows.
    pub(crate) fn identify<'a>(&'a self, org: &'a OrgRef) -> Option<(&'a str, bool)> {
        match org
            .reference
            .as_deref()
            .map(str::trim)
            .filter(|r| is_iati_shaped(r))
        {
            Some(reference) => Some((reference, true)),
            None => org
                .names
                .iter()
                .find_map(|name| self.identify_name(&name.text))
                .map(|known| (known, false)),
        }
    }

    /// How `org` is the organisation `wanted`, if it is.
    fn matches(&self, org: &OrgRef, wanted: &str) -> Option<MatchedBy> {
        let (known, by_reference) = self.identify(org)?;
        let whole = known == wanted;
        if !whole && !self.is_part_of(known, wanted) {
            return None;
        }
        Some(match (by_reference, whole) {
            (true, true) => MatchedBy::Identifier,
            (true, false) => MatchedBy::Parent,
            (false, _) => MatchedBy::Name,
        })
    }

    /// Counts the names in the activity that carry no usable identifier and match nothing.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "iati")] {
    /// use partnerships::analysis::partners::Partners;
    /// use partnerships::formats::iati::IatiReader;
    ///
    /// let xml = r#"<iati-activity><iati-identifier>A</iati-identifier>
    ///   <participating-org role="4"><narrative>Local Partner NGO</narrative></participating-org>
    /// </iati-activity>"#;
    /// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity");
    /// let mut partners = Partners::new();
    /// partners.note_unmatched(&activity);
    /// assert_eq!(partners.unmatched(), [("local partner ngo".to_owned(), 1)]);
    /// # }
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn note_unmatched(&mut self, activity: &Activity) {
        let orgs = activity.participating_orgs.iter().map(|p| &p.org).chain(
            activity
                .transactions
                .iter()
                .flat_map(|t| t.provider.iter().chain(t.receiver.iter())),
        );
        for org in orgs {
            if org.reference.as_deref().is_some_and(is_iati_shaped) {
                continue;
            }
            for name in &org.names {
                let key = normalise_name(&name.text);
                if !key.is_empty() && !self.names.contains_key(&key) {
                    let count = self.unmatched.entry(key).or_insert(0);
                    *count = count.saturating_add(1);
                }
            }
        }
    }

    /// The names noted as matching nothing, most frequent first.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::analysis::partners::Partners::new().unmatched().is_empty());
    /// ```
    #[must_use]
    pub fn unmatched(&self) -> Vec<(String, u64)> {
        let mut names: Vec<(String, u64)> = self
            .unmatched
            .iter()
            .map(|(n, c)| (n.clone(), *c))
            .collect();
        names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        names
    }

    /// The evidence that `first` has the role `first_role` and `second` the role
    /// `second_role` in the activity (funding and implementing, as the question is usually put).
    /// The roles are read from the participating organisations, and an activity that the second
    /// reports, naming the first in its role, counts. For a funding first and an implementing
    /// second, a transaction counts too when the first provides it (or reports it, naming no
    /// provider) and the second receives it (or reports it as incoming money, naming no
    /// receiver). Empty when nothing shows it.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::code::OrganisationRole;
    /// # #[cfg(feature = "iati")] {
    /// use partnerships::analysis::partners::{Evidence, MatchedBy, Partners};
    /// use partnerships::formats::iati::IatiReader;
    ///
    /// // IOM reports DG ECHO as its funder.
    /// let xml = r#"<iati-activity><iati-identifier>XM-DAC-47066-1</iati-identifier>
    ///   <reporting-org ref="XM-DAC-47066"/>
    ///   <participating-org role="1" ref="XI-IATI-EC_ECHO"/>
    ///   <participating-org role="4" ref="XM-DAC-47066"/></iati-activity>"#;
    /// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity");
    /// let evidence = Partners::new().evidence(&activity, "XI-IATI-EC", &OrganisationRole::FUNDING, "XM-DAC-47066", &OrganisationRole::IMPLEMENTING);
    /// assert_eq!(evidence, [Evidence::Roles { first: MatchedBy::Parent, second: MatchedBy::Identifier }]);
    /// # }
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn evidence(
        &self,
        activity: &Activity,
        first: &str,
        first_role: &OrganisationRole,
        second: &str,
        second_role: &OrganisationRole,
    ) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        let with_role = |wanted: &str, role: &OrganisationRole| {
            activity
                .participating_orgs
                .iter()
                .filter(|p| p.role.as_ref() == Some(role))
                .filter_map(|p| self.matches(&p.org, wanted))
                .min()
        };
        let reporter = activity.reporting_org.as_ref().map(|r| &r.org);
        match (with_role(first, first_role), with_role(second, second_role)) {
            (Some(a), Some(b)) => evidence.push(Evidence::Roles {
                first: a,
                second: b,
            }),
            (Some(a), None) => {
                if let Some(by) = reporter.and_then(|r| self.matches(r, second)) {
                    evidence.push(Evidence::Reported {
                        first: a,
                        reporter: by,
                    });
                }
            }
            _ => {}
        }
        if *first_role == OrganisationRole::FUNDING
            && *second_role == OrganisationRole::IMPLEMENTING
        {
            for (index, t) in activity.transactions.iter().enumerate() {
                if let Some((provider, receiver)) = self.flow(t, reporter, first, second) {
                    evidence.push(Evidence::Transaction {
                        index,
                        provider,
                        receiver,
                    });
                }
            }
        }
        evidence
    }

    /// The programmes of a dataset in which the organisation `wanted` plays `role`, each with
    /// how it was recognised. `wanted` is an organisation's identifier in the dataset or one of
    /// its IATI identifiers, as in [`evidence`](Self::evidence): an organisation is recognised
    /// by either ([`MatchedBy::Identifier`]), as part of it through the dataset's parent links at
    /// any date or the hierarchy the matcher knows ([`MatchedBy::Parent`]), by a name the
    /// matcher knows for it ([`MatchedBy::Name`]), and as funder through a fund it manages
    /// ([`MatchedBy::Fund`]). The model records funders and implementers; a question about
    /// another role finds nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::partners::{MatchedBy, Partners};
    /// use partnerships::formats::iati::code::OrganisationRole;
    /// use partnerships::id::{FundId, OrganisationId, ProgrammeId};
    /// use partnerships::model::{Fund, Funder};
    /// use partnerships::{Dataset, Programme};
    ///
    /// let mut data = Dataset::new();
    /// let mut eutf = Fund::new(FundId::new("eutf-africa")?, "EU Emergency Trust Fund for Africa");
    /// eutf.managed_by = Some(OrganisationId::new("european-commission")?);
    /// data.insert_fund(eutf)?;
    /// data.insert_programme(Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative").funder(Funder::Fund(FundId::new("eutf-africa")?)).build())?;
    ///
    /// let partners = Partners::new();
    /// let funded = partners.programmes(&data, "european-commission", &OrganisationRole::FUNDING);
    /// assert_eq!(funded.len(), 1);
    /// assert_eq!(funded[0].1, MatchedBy::Fund);
    /// assert!(partners.programmes(&data, "european-commission", &OrganisationRole::IMPLEMENTING).is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn programmes<'d>(
        &self,
        dataset: &'d Dataset,
        wanted: &str,
        role: &OrganisationRole,
    ) -> Vec<(&'d Programme, MatchedBy)> {
        dataset
            .programmes()
            .iter()
            .filter_map(|programme| {
                let matched = if *role == OrganisationRole::FUNDING {
                    programme
                        .funders
                        .iter()
                        .filter_map(|funder| match funder {
                            Funder::Organisation(id) => self.recognise(dataset, id, wanted),
                            Funder::Fund(fund) => dataset
                                .fund(fund)
                                .and_then(|f| f.managed_by.as_ref())
                                .and_then(|manager| self.recognise(dataset, manager, wanted))
                                .map(|_| MatchedBy::Fund),
                        })
                        .min()
                } else if *role == OrganisationRole::IMPLEMENTING {
                    programme
                        .implementers
                        .iter()
                        .filter_map(|id| self.recognise(dataset, id, wanted))
                        .min()
                } else {
                    None
                };
                matched.map(|by| (programme, by))
            })
            .collect()
    }

    /// How the dataset's organisation `id` is the organisation `wanted` (a dataset or IATI
    /// identifier), if it is.
    fn recognise(&self, dataset: &Dataset, id: &OrganisationId, wanted: &str) -> Option<MatchedBy> {
        let is_wanted = |id: &OrganisationId| {
            id.as_str() == wanted || iati_identifier(dataset, id) == Some(wanted)
        };
        if is_wanted(id) {
            return Some(MatchedBy::Identifier);
        }
        let iati = iati_identifier(dataset, id);
        let mut seen: Vec<&OrganisationId> = vec![id];
        let mut next = 0;
        while let Some(current) = seen.get(next).copied() {
            next = next.saturating_add(1);
            let parents = dataset
                .organisation(current)
                .map_or(&[][..], |o| o.parents.as_slice());
            for link in parents {
                if is_wanted(&link.parent) {
                    return Some(MatchedBy::Parent);
                }
                if !seen.contains(&&link.parent) {
                    seen.push(&link.parent);
                }
            }
        }
        if iati.is_some_and(|i| self.is_part_of(i, wanted)) {
            return Some(MatchedBy::Parent);
        }
        let organisation = dataset.organisation(id)?;
        std::iter::once(&organisation.name)
            .chain(&organisation.other_names)
            .any(|name| self.identify_name(name) == Some(wanted))
            .then_some(MatchedBy::Name)
    }

    /// How a transaction goes from `from` to `to`, if it does.
    fn flow(
        &self,
        t: &Transaction,
        reporter: Option<&OrgRef>,
        from: &str,
        to: &str,
    ) -> Option<(MatchedBy, MatchedBy)> {
        let provider = match &t.provider {
            Some(provider) if provider.reference.is_some() || !provider.names.is_empty() => {
                self.matches(provider, from)?
            }
            _ => self.matches(reporter?, from).map(|_| MatchedBy::Reporter)?,
        };
        let receiver = match &t.receiver {
            Some(receiver) if receiver.reference.is_some() || !receiver.names.is_empty() => {
                self.matches(receiver, to)?
            }
            // Money coming in to the reporter names no receiver: the reporter received it.
            _ if t.kind.as_ref().is_some_and(TransactionType::is_incoming) => {
                self.matches(reporter?, to).map(|_| MatchedBy::Reporter)?
            }
            _ => return None,
        };
        Some((provider, receiver))
    }
}

/// The organisation's IATI identifier in the dataset, when it has one.
fn iati_identifier<'d>(dataset: &'d Dataset, id: &OrganisationId) -> Option<&'d str> {
    dataset
        .organisation(id)
        .and_then(|o| o.identifiers.iter().find(|i| i.scheme() == "iati"))
        .map(OrganisationIdentifier::value)
}

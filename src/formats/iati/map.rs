//! From one record's tree to typed values, leniently, with a diagnostic for everything read
//! with a guess refused or a mapping applied.

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::activity::{
    Activity, ActivityDate, ActivityResult, Budget, Code, Coded, Conditions, ContactInfo,
    CountryBudgetItems, CrsAdd, Description, DocumentLink, Fss, HumanitarianScope, Indicator,
    LegacyData, LoanStatus, Location, Narrative, OrgRef, OtherIdentifier, ParticipatingOrg,
    PlannedDisbursement, Point, RelatedActivity, ReportingOrg, ResultPeriod, ResultValue,
    Transaction, Value,
};
use super::codelist::{self, List};
use super::organisation::{BudgetLine, OrgBudget, Organisation};
use super::report::{Diagnostic, DiagnosticKind, ImportReport};
use super::tree::{NodeId, Tree};
use crate::money::{Currency, Money};

/// An activity's children in the 2.03 schema's order, so that mapping dispatches on a
/// variant found once per child rather than on its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Child {
    IatiIdentifier,
    ReportingOrg,
    Title,
    Description,
    ParticipatingOrg,
    OtherIdentifier,
    ActivityStatus,
    ActivityDate,
    ContactInfo,
    ActivityScope,
    RecipientCountry,
    RecipientRegion,
    Location,
    Sector,
    Tag,
    CountryBudgetItems,
    HumanitarianScope,
    PolicyMarker,
    CollaborationType,
    DefaultFlowType,
    DefaultFinanceType,
    DefaultAidType,
    DefaultTiedStatus,
    Budget,
    PlannedDisbursement,
    CapitalSpend,
    Transaction,
    DocumentLink,
    RelatedActivity,
    LegacyData,
    Conditions,
    Result,
    CrsAdd,
    Fss,
}

/// The children's names, in the 2.03 schema's order.
const ACTIVITY_ORDER: &[(&str, Child)] = &[
    ("iati-identifier", Child::IatiIdentifier),
    ("reporting-org", Child::ReportingOrg),
    ("title", Child::Title),
    ("description", Child::Description),
    ("participating-org", Child::ParticipatingOrg),
    ("other-identifier", Child::OtherIdentifier),
    ("activity-status", Child::ActivityStatus),
    ("activity-date", Child::ActivityDate),
    ("contact-info", Child::ContactInfo),
    ("activity-scope", Child::ActivityScope),
    ("recipient-country", Child::RecipientCountry),
    ("recipient-region", Child::RecipientRegion),
    ("location", Child::Location),
    ("sector", Child::Sector),
    ("tag", Child::Tag),
    ("country-budget-items", Child::CountryBudgetItems),
    ("humanitarian-scope", Child::HumanitarianScope),
    ("policy-marker", Child::PolicyMarker),
    ("collaboration-type", Child::CollaborationType),
    ("default-flow-type", Child::DefaultFlowType),
    ("default-finance-type", Child::DefaultFinanceType),
    ("default-aid-type", Child::DefaultAidType),
    ("default-tied-status", Child::DefaultTiedStatus),
    ("budget", Child::Budget),
    ("planned-disbursement", Child::PlannedDisbursement),
    ("capital-spend", Child::CapitalSpend),
    ("transaction", Child::Transaction),
    ("document-link", Child::DocumentLink),
    ("related-activity", Child::RelatedActivity),
    ("legacy-data", Child::LegacyData),
    ("conditions", Child::Conditions),
    ("result", Child::Result),
    ("crs-add", Child::CrsAdd),
    ("fss", Child::Fss),
];

/// Version-1 codes and the version-2 codes they became, per codelist.
const ORGANISATION_ROLE_V1: &[(&str, &str)] = &[
    ("funding", "1"),
    ("accountable", "2"),
    ("extending", "3"),
    ("implementing", "4"),
];
const TRANSACTION_TYPE_V1: &[(&str, &str)] = &[
    ("if", "1"),
    ("c", "2"),
    ("d", "3"),
    ("e", "4"),
    ("ir", "5"),
    ("lr", "6"),
    ("r", "7"),
    ("qp", "8"),
    ("qs", "9"),
    ("cg", "10"),
];
const ACTIVITY_DATE_TYPE_V1: &[(&str, &str)] = &[
    ("start-planned", "1"),
    ("start-actual", "2"),
    ("end-planned", "3"),
    ("end-actual", "4"),
];

/// What mapping a record writes to and needs besides its tree.
pub(super) struct Context<'r> {
    pub(super) report: &'r mut ImportReport,
    /// How many diagnostics the report keeps in full.
    pub(super) keep: usize,
    pub(super) check_lists: bool,
    /// Line and column of a decoded offset within the record.
    pub(super) positions: &'r dyn Fn(u64) -> (u64, u64),
}

/// Maps an `iati-activity` tree.
pub(super) fn activity(tree: &Tree, root: NodeId, context: Context<'_>) -> Activity {
    let version = context.report.version.clone();
    let mut m = Mapper {
        tree,
        context,
        record: None,
        path: path_from("iati-activity"),
        default_currency: None,
        last_lang: None,
    };
    tree.mark_read(root);
    let identifier = tree
        .children(root)
        .find(|&c| tree.is(c, "iati-identifier"))
        .map_or("", |c| tree.text_of(c).trim_ascii());
    if !identifier.is_empty() {
        m.record = Some(identifier);
    }
    let mut a = Activity {
        identifier: identifier.to_owned(),
        version: {
            let own = m.string(root, "iati-activities:version");
            version.or(own)
        },
        default_language: m.lang(root),
        last_updated: m.string(root, "last-updated-datetime"),
        humanitarian: m.boolean(root, "humanitarian"),
        hierarchy: m.trimmed(root, "hierarchy"),
        linked_data_uri: m.string(root, "linked-data-uri"),
        budget_not_provided: m.code(root, "budget-not-provided"),
        ..Activity::default()
    };
    a.default_currency = m.currency(root, "default-currency");
    m.default_currency = a.default_currency;
    if a.identifier.is_empty() {
        m.diagnose(
            root,
            "iati-identifier",
            DiagnosticKind::MissingRequired,
            "no iati-identifier, or an empty one".to_owned(),
        );
    }
    let mut order = 0usize;
    let mut out_of_order = false;
    for c in tree.children(root) {
        let name = tree.name(c);
        let Some((rank, child)) = ACTIVITY_ORDER
            .iter()
            .enumerate()
            .find_map(|(rank, &(n, child))| (n == name).then_some((rank, child)))
        else {
            // Not an activity element: it stays unread and is reported.
            continue;
        };
        if rank < order && !out_of_order {
            out_of_order = true;
            let message = format!(
                "<{name}> comes after <{}>; read all the same",
                ACTIVITY_ORDER.get(order).map_or("", |(n, _)| n)
            );
            m.diagnose(c, "", DiagnosticKind::OutOfOrder, message);
        }
        order = order.max(rank);
        m.enter(name);
        m.activity_child(&mut a, c, child);
        m.leave();
    }
    a
}

/// Maps an `iati-organisation` tree.
pub(super) fn organisation(tree: &Tree, root: NodeId, context: Context<'_>) -> Organisation {
    let version = context.report.version.clone();
    let mut m = Mapper {
        tree,
        context,
        record: None,
        path: path_from("iati-organisation"),
        default_currency: None,
        last_lang: None,
    };
    tree.mark_read(root);
    let identifier = tree
        .children(root)
        .find(|&c| tree.is(c, "organisation-identifier"))
        .map_or("", |c| tree.text_of(c).trim_ascii());
    if !identifier.is_empty() {
        m.record = Some(identifier);
    }
    let mut o = Organisation {
        identifier: identifier.to_owned(),
        version: {
            let own = m.string(root, "iati-organisations:version");
            version.or(own)
        },
        default_language: m.lang(root),
        last_updated: m.string(root, "last-updated-datetime"),
        ..Organisation::default()
    };
    o.default_currency = m.currency(root, "default-currency");
    m.default_currency = o.default_currency;
    if o.identifier.is_empty() {
        m.diagnose(
            root,
            "organisation-identifier",
            DiagnosticKind::MissingRequired,
            "no organisation-identifier, or an empty one".to_owned(),
        );
    }
    for c in tree.children(root) {
        let name = tree.name(c);
        m.enter(name);
        match name {
            "name" => o.name = m.narratives(c),
            "reporting-org" => o.reporting_org = Some(m.reporting_org(c)),
            "total-budget" => o.total_budgets.push(m.org_budget(c, "budget-line")),
            "recipient-org-budget" => o.recipient_org_budgets.push(m.org_budget(c, "budget-line")),
            "recipient-region-budget" => o
                .recipient_region_budgets
                .push(m.org_budget(c, "budget-line")),
            "recipient-country-budget" => o
                .recipient_country_budgets
                .push(m.org_budget(c, "budget-line")),
            "total-expenditure" => o.total_expenditures.push(m.org_budget(c, "expense-line")),
            "document-link" => o.document_links.push(m.document_link(c)),
            // `organisation-identifier` was read first; anything else stays unread and is reported.
            _ => {}
        }
        m.leave();
    }
    o
}

/// A path starting at `root`, with room for the depth of real files.
fn path_from(root: &str) -> Vec<&str> {
    let mut path = Vec::with_capacity(8);
    path.push(root);
    path
}

struct Mapper<'t, 'r> {
    tree: &'t Tree,
    context: Context<'r>,
    record: Option<&'t str>,
    /// The names on the path to the element being mapped, joined only for a diagnostic.
    path: Vec<&'t str>,
    default_currency: Option<Currency>,
    /// The language code found last: narratives of one record mostly repeat it.
    last_lang: Option<&'static str>,
}

impl<'t> Mapper<'t, '_> {
    /// Maps one child of an activity into it.
    fn activity_child(&mut self, a: &mut Activity, c: NodeId, child: Child) {
        let m = self;
        let tree = m.tree;
        match child {
            Child::ReportingOrg => a.reporting_org = Some(m.reporting_org(c)),
            Child::Title => a.title.extend(m.narratives(c)),
            Child::Description => a.descriptions.push(m.description(c)),
            Child::ParticipatingOrg => {
                let role =
                    m.mapped_code(c, "role", ORGANISATION_ROLE_V1, codelist::ORGANISATION_ROLE);
                let org = m.org_ref(c, "activity-id");
                let crs_channel_code = m.code(c, "crs-channel-code");
                a.participating_orgs.push(ParticipatingOrg {
                    role,
                    org,
                    crs_channel_code,
                });
            }
            Child::OtherIdentifier => {
                tree.mark_read(c);
                let owner = m.child(c, "owner-org", |m, o| m.org_ref(o, ""));
                a.other_identifiers.push(OtherIdentifier {
                    reference: m.string(c, "ref"),
                    kind: m.code(c, "type"),
                    owner,
                });
            }
            Child::ActivityStatus => a.status = m.code_of_in(c, codelist::ACTIVITY_STATUS),
            Child::ActivityDate => {
                let kind = m.mapped_code(
                    c,
                    "type",
                    ACTIVITY_DATE_TYPE_V1,
                    codelist::ACTIVITY_DATE_TYPE,
                );
                let date = m.date(c, "iso-date");
                a.dates.push(ActivityDate {
                    kind,
                    date,
                    narratives: m.narratives(c),
                });
            }
            Child::ContactInfo => a.contacts.push(m.contact(c)),
            Child::ActivityScope => a.scope = m.code_of_in(c, codelist::ACTIVITY_SCOPE),
            Child::RecipientCountry => {
                a.recipient_countries
                    .push(m.coded_in(c, codelist::COUNTRY, None, ""));
            }
            Child::RecipientRegion => {
                a.recipient_regions.push(m.coded_in(
                    c,
                    codelist::REGION,
                    Some(codelist::REGION_VOCABULARY),
                    "1",
                ));
            }
            Child::Location => a.locations.push(m.location(c)),
            Child::Sector => a.sectors.push(m.coded_in(
                c,
                codelist::SECTOR,
                Some(codelist::SECTOR_VOCABULARY),
                "1",
            )),
            Child::Tag => a.tags.push(m.coded(c)),
            Child::CountryBudgetItems => a.country_budget_items = Some(m.country_budget_items(c)),
            Child::HumanitarianScope => {
                let kind = m.code_in(c, "type", codelist::HUMANITARIAN_SCOPE_TYPE);
                a.humanitarian_scopes.push(HumanitarianScope {
                    kind,
                    scope: m.coded(c),
                });
            }
            Child::PolicyMarker => {
                let marker = m.coded_in(c, codelist::POLICY_MARKER, None, "1");
                if let Some(significance) = &marker.significance {
                    m.check(
                        c,
                        "significance",
                        codelist::POLICY_SIGNIFICANCE,
                        significance,
                    );
                }
                a.policy_markers.push(marker);
            }
            Child::CollaborationType => {
                a.collaboration_type = m.code_of_in(c, codelist::COLLABORATION_TYPE);
            }
            Child::DefaultFlowType => a.default_flow_type = m.code_of_in(c, codelist::FLOW_TYPE),
            Child::DefaultFinanceType => {
                a.default_finance_type = m.code_of_in(c, codelist::FINANCE_TYPE);
            }
            Child::DefaultAidType => {
                a.default_aid_types
                    .push(m.coded_in(c, codelist::AID_TYPE, None, "1"));
            }
            Child::DefaultTiedStatus => {
                a.default_tied_status = m.code_of_in(c, codelist::TIED_STATUS);
            }
            _ => m.activity_money_and_results(a, c, child),
        }
    }

    /// Maps one of an activity's money, document, result and CRS children into it.
    fn activity_money_and_results(&mut self, a: &mut Activity, c: NodeId, child: Child) {
        let m = self;
        let tree = m.tree;
        match child {
            Child::Budget => a.budgets.push(m.budget(c)),
            Child::PlannedDisbursement => a.planned_disbursements.push(m.planned_disbursement(c)),
            Child::CapitalSpend => {
                tree.mark_read(c);
                a.capital_spend = m.decimal(c, "percentage");
            }
            Child::Transaction => a.transactions.push(m.transaction(c)),
            Child::DocumentLink => a.document_links.push(m.document_link(c)),
            Child::RelatedActivity => {
                tree.mark_read(c);
                a.related_activities.push(RelatedActivity {
                    reference: m.string(c, "ref"),
                    kind: m.code_in(c, "type", codelist::RELATED_ACTIVITY_TYPE),
                });
            }
            Child::LegacyData => {
                tree.mark_read(c);
                a.legacy_data.push(LegacyData {
                    name: m.string(c, "name"),
                    value: m.string(c, "value"),
                    iati_equivalent: m.string(c, "iati-equivalent"),
                });
            }
            Child::Conditions => a.conditions = Some(m.conditions(c)),
            Child::Result => a.results.push(m.result(c)),
            Child::CrsAdd => a.crs_add = Some(m.crs_add(c)),
            Child::Fss => a.fss = Some(m.fss(c)),
            // `iati-identifier` was read first; the other children are `activity_child`'s.
            _ => {}
        }
    }

    fn enter(&mut self, name: &'t str) {
        self.path.push(name);
    }

    fn leave(&mut self) {
        self.path.pop();
    }

    /// Maps the first child called `name` with `f`, inside its path.
    fn child<T>(
        &mut self,
        node: NodeId,
        name: &'t str,
        f: impl FnOnce(&mut Self, NodeId) -> T,
    ) -> Option<T> {
        let child = self.tree.children(node).find(|&c| self.tree.is(c, name))?;
        self.enter(name);
        let value = f(self, child);
        self.leave();
        Some(value)
    }

    /// Maps every child called `name` with `f`.
    fn each<T>(
        &mut self,
        node: NodeId,
        name: &'t str,
        mut f: impl FnMut(&mut Self, NodeId) -> T,
    ) -> Vec<T> {
        self.each_some(node, name, |m, c| Some(f(m, c)))
    }

    /// Maps every child called `name` with `f`, keeping what it gives.
    fn each_some<T>(
        &mut self,
        node: NodeId,
        name: &'t str,
        mut f: impl FnMut(&mut Self, NodeId) -> Option<T>,
    ) -> Vec<T> {
        let tree = self.tree;
        let mut out = Vec::new();
        for child in tree.children(node).filter(|&c| tree.is(c, name)) {
            self.enter(name);
            out.extend(f(self, child));
            self.leave();
        }
        out
    }

    #[cold]
    fn diagnose(&mut self, node: NodeId, attr: &str, kind: DiagnosticKind, message: String) {
        let (line, column) = (self.context.positions)(self.tree.offset(node));
        let mut path = self.path.join("/");
        if !attr.is_empty() {
            path.push_str("/@");
            path.push_str(attr);
        }
        let diagnostic = Diagnostic {
            kind,
            line,
            column,
            record: self.record.map(str::to_owned),
            path,
            message,
        };
        self.context.report.push(diagnostic, self.context.keep);
    }

    fn string(&mut self, node: NodeId, attr: &str) -> Option<String> {
        self.tree.attr(node, attr).map(str::to_owned)
    }

    /// A code attribute, trimmed; empty is absent.
    fn code_str(&mut self, node: NodeId, attr: &str) -> Option<&'t str> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        (!text.is_empty()).then_some(text)
    }

    fn code(&mut self, node: NodeId, attr: &str) -> Option<Code> {
        self.code_str(node, attr)
            .map(|code| codelist::unlisted(code))
    }

    /// A trimmed attribute that is not a code (a year, a reference).
    fn trimmed(&mut self, node: NodeId, attr: &str) -> Option<String> {
        self.code_str(node, attr).map(str::to_owned)
    }

    /// A code from a codelist, checked against it when checks are on.
    fn code_in(&mut self, node: NodeId, attr: &str, list: List) -> Option<Code> {
        let code = self.code_str(node, attr)?;
        self.check(node, attr, list, code);
        Some(list.intern(code))
    }

    fn check(&mut self, node: NodeId, attr: &str, list: List, code: &str) {
        if self.context.check_lists && !list.contains(code) {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::Codelist,
                format!("{code:?} is not in the {} codelist", list.name),
            );
        }
    }

    /// The `@code` of an element whose only content it is; a code written as the element's
    /// text instead is read, with a warning.
    fn code_of_str(&mut self, node: NodeId) -> Option<&'t str> {
        self.tree.mark_read(node);
        match self.code_str(node, "code") {
            Some(code) => Some(code),
            None => self.text_instead(node, "code"),
        }
    }

    fn code_of(&mut self, node: NodeId) -> Option<Code> {
        self.code_of_str(node).map(|code| codelist::unlisted(code))
    }

    /// A language code, as written.
    fn lang(&mut self, node: NodeId) -> Option<Code> {
        let lang = self.tree.attr(node, "xml:lang")?;
        if let Some(last) = self.last_lang.filter(|last| *last == lang) {
            return Some(Cow::Borrowed(last));
        }
        let code = codelist::LANGUAGE.intern(lang);
        if let Cow::Borrowed(found) = code {
            self.last_lang = Some(found);
        }
        Some(code)
    }

    /// The element's text where the standard wants it in `attr`, with a warning; `None` when
    /// there is no text.
    fn text_instead(&mut self, node: NodeId, attr: &str) -> Option<&'t str> {
        let text = self.tree.text_of(node).trim_ascii();
        if text.is_empty() {
            return None;
        }
        self.diagnose(
            node,
            attr,
            DiagnosticKind::MisplacedValue,
            format!("read from the element's text {text:?}"),
        );
        Some(text)
    }

    /// An element whose only content is `@code`, from a codelist.
    fn code_of_in(&mut self, node: NodeId, list: List) -> Option<Code> {
        let code = self.code_of_str(node)?;
        self.check(node, "code", list, code);
        Some(list.intern(code))
    }

    /// A coded element whose code is from `list` when its vocabulary is `default_vocabulary`
    /// or absent, and whose vocabulary is from `vocabularies`.
    fn coded_in(
        &mut self,
        node: NodeId,
        list: List,
        vocabularies: Option<List>,
        default_vocabulary: &str,
    ) -> Coded {
        self.coded_with(node, Some(list), vocabularies, default_vocabulary)
    }

    fn mapped_code(
        &mut self,
        node: NodeId,
        attr: &str,
        v1: &[(&str, &'static str)],
        list: List,
    ) -> Option<Code> {
        let code = match self.code_str(node, attr) {
            Some(code) => code,
            None if attr == "code" => self.text_instead(node, attr)?,
            None => return None,
        };
        if let Some((_, new)) = v1.iter().find(|(old, _)| old.eq_ignore_ascii_case(code)) {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::VersionOneCode,
                format!("version-1 code {code:?} read as {new:?}"),
            );
            return Some(Cow::Borrowed(new));
        }
        self.check(node, attr, list, code);
        Some(list.intern(code))
    }

    fn date(&mut self, node: NodeId, attr: &str) -> Option<NaiveDate> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        if text.is_empty() {
            return None;
        }
        if let Some(date) = parse_date(text) {
            Some(date)
        } else {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::InvalidDate,
                format!("{text:?} is not a date (YYYY-MM-DD); left out"),
            );
            None
        }
    }

    fn decimal(&mut self, node: NodeId, attr: &str) -> Option<Decimal> {
        let text = self.tree.attr(node, attr)?;
        self.number(node, attr, text)
    }

    fn number(&mut self, node: NodeId, attr: &str, text: &str) -> Option<Decimal> {
        let trimmed = text.trim_ascii();
        if trimmed.is_empty() {
            return None;
        }
        if let Some(number) = parse_number(trimmed) {
            Some(number)
        } else {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::InvalidNumber,
                format!("{trimmed:?} is not a number; left out"),
            );
            None
        }
    }

    fn boolean(&mut self, node: NodeId, attr: &str) -> Option<bool> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        match text {
            "" => None,
            "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => {
                let lenient = match text.to_ascii_lowercase().as_str() {
                    "true" | "yes" | "y" => Some(true),
                    "false" | "no" | "n" => Some(false),
                    _ => None,
                };
                if let Some(value) = lenient {
                    self.diagnose(
                        node,
                        attr,
                        DiagnosticKind::LenientBoolean,
                        format!("{text:?} read as {value}"),
                    );
                    Some(value)
                } else {
                    self.diagnose(
                        node,
                        attr,
                        DiagnosticKind::InvalidBoolean,
                        format!("{text:?} is not a boolean; left out"),
                    );
                    None
                }
            }
        }
    }

    fn currency(&mut self, node: NodeId, attr: &str) -> Option<Currency> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        if text.is_empty() {
            return None;
        }
        match Currency::from_code(text).or_else(|_| Currency::from_code(&text.to_ascii_uppercase()))
        {
            Ok(currency) => Some(currency),
            Err(e) => {
                self.diagnose(node, attr, DiagnosticKind::UnknownCurrency, e.to_string());
                None
            }
        }
    }

    /// The `narrative` children; an element with no narrative but text of its own (version 1)
    /// gives that text.
    fn narratives(&mut self, node: NodeId) -> Vec<Narrative> {
        let tree = self.tree;
        tree.mark_read(node);
        let narratives = self.each(node, "narrative", |m, n| Narrative {
            lang: m.lang(n),
            text: tree.text_of(n).to_owned(),
        });
        if narratives.is_empty() {
            let own = tree.text_of(node);
            if !own.trim_ascii().is_empty() {
                let lang = self.lang(node);
                return vec![Narrative {
                    lang,
                    text: own.trim_ascii().to_owned(),
                }];
            }
        }
        narratives
    }

    fn narratives_of(&mut self, node: NodeId, name: &'t str) -> Vec<Narrative> {
        self.child(node, name, Mapper::narratives)
            .unwrap_or_default()
    }

    fn org_ref(&mut self, node: NodeId, activity_id_attr: &str) -> OrgRef {
        let names = self.narratives(node);
        OrgRef {
            reference: self.trimmed(node, "ref"),
            kind: self.code_in(node, "type", codelist::ORGANISATION_TYPE),
            activity_id: if activity_id_attr.is_empty() {
                None
            } else {
                self.trimmed(node, activity_id_attr)
            },
            names,
        }
    }

    fn reporting_org(&mut self, node: NodeId) -> ReportingOrg {
        let secondary_reporter = self.boolean(node, "secondary-reporter");
        ReportingOrg {
            org: self.org_ref(node, ""),
            secondary_reporter,
        }
    }

    fn coded(&mut self, node: NodeId) -> Coded {
        self.coded_with(node, None, None, "")
    }

    fn coded_with(
        &mut self,
        node: NodeId,
        list: Option<List>,
        vocabularies: Option<List>,
        default_vocabulary: &str,
    ) -> Coded {
        let narratives = self.narratives(node);
        let vocabulary = match (self.code_str(node, "vocabulary"), vocabularies) {
            (Some(vocabulary), Some(vocabularies)) => {
                self.check(node, "vocabulary", vocabularies, vocabulary);
                Some(vocabularies.intern(vocabulary))
            }
            (vocabulary, None) => vocabulary.map(codelist::unlisted),
            (None, Some(_)) => None,
        };
        let in_list = list.filter(|_| {
            vocabulary
                .as_deref()
                .is_none_or(|v| v == default_vocabulary)
        });
        let code = match (self.code_str(node, "code"), in_list) {
            (Some(code), Some(list)) => {
                self.check(node, "code", list, code);
                list.intern(code)
            }
            (Some(code), None) => codelist::unlisted(code),
            (None, _) => {
                self.diagnose(
                    node,
                    "code",
                    DiagnosticKind::MissingRequired,
                    "no @code".to_owned(),
                );
                Cow::Borrowed("")
            }
        };
        Coded {
            code,
            vocabulary,
            vocabulary_uri: self.string(node, "vocabulary-uri"),
            percentage: self.decimal(node, "percentage"),
            significance: self.code(node, "significance"),
            narratives,
        }
    }

    fn description(&mut self, node: NodeId) -> Description {
        Description {
            kind: self.code(node, "type"),
            narratives: self.narratives(node),
        }
    }

    /// A `value` element: money in its own currency or the default one, never a guess.
    fn value(&mut self, node: NodeId) -> Value {
        self.tree.mark_read(node);
        let text = self.tree.text_of(node).to_owned();
        let written = self
            .tree
            .attr(node, "currency")
            .map(str::trim_ascii)
            .filter(|c| !c.is_empty());
        let had_currency_attr = written.is_some();
        let explicit = written.and_then(|_| self.currency(node, "currency"));
        let value_date = self.date(node, "value-date");
        let amount = self.number(node, "", &text);
        let currency = explicit.or(if had_currency_attr {
            None
        } else {
            self.default_currency
        });
        if currency.is_none() && !had_currency_attr {
            self.diagnose(
                node,
                "",
                DiagnosticKind::MissingCurrency,
                format!(
                    "no @currency and no @default-currency for {:?}",
                    text.trim_ascii()
                ),
            );
        }
        let money = amount
            .zip(currency)
            .map(|(amount, currency)| Money::new(amount, currency));
        let unknown_currency = written.filter(|_| explicit.is_none()).map(str::to_owned);
        Value {
            money,
            currency: explicit,
            unknown_currency,
            value_date,
            text,
        }
    }

    fn value_of(&mut self, node: NodeId, name: &'t str) -> Option<Value> {
        self.child(node, name, Mapper::value)
    }

    /// A child's `@iso-date`; a date written as the element's text instead (when the attribute
    /// is missing or not a date) is read, with a warning.
    fn period_date(&mut self, node: NodeId, name: &'t str) -> Option<NaiveDate> {
        self.child(node, name, |m, c| {
            m.tree.mark_read(c);
            let text = m.tree.text_of(c).trim_ascii();
            let from_text = parse_date(text);
            let attr = m
                .tree
                .attr(c, "iso-date")
                .map(str::trim_ascii)
                .filter(|a| !a.is_empty());
            match (attr.map(|a| (a, parse_date(a))), from_text) {
                (Some((_, Some(date))), _) => Some(date),
                (Some((a, None)), Some(date)) => {
                    m.diagnose(
                        c,
                        "iso-date",
                        DiagnosticKind::MisplacedValue,
                        format!("{a:?} is not a date; read the element's text {text:?}"),
                    );
                    Some(date)
                }
                (None, Some(date)) => {
                    m.diagnose(
                        c,
                        "iso-date",
                        DiagnosticKind::MisplacedValue,
                        format!("read from the element's text {text:?}"),
                    );
                    Some(date)
                }
                (_, None) => m.date(c, "iso-date"),
            }
        })
        .flatten()
    }

    fn codes_of(&mut self, node: NodeId, name: &'t str, list: List) -> Vec<Code> {
        self.each_some(node, name, |m, c| m.code_of_in(c, list))
    }

    fn texts_of(&mut self, node: NodeId, name: &'t str) -> Vec<String> {
        let tree = self.tree;
        self.each(node, name, |_, c| tree.text_of(c).trim_ascii().to_owned())
    }

    fn budget(&mut self, node: NodeId) -> Budget {
        self.tree.mark_read(node);
        Budget {
            kind: self.code_in(node, "type", codelist::BUDGET_TYPE),
            status: self.code_in(node, "status", codelist::BUDGET_STATUS),
            period_start: self.period_date(node, "period-start"),
            period_end: self.period_date(node, "period-end"),
            value: self.value_of(node, "value"),
        }
    }

    fn planned_disbursement(&mut self, node: NodeId) -> PlannedDisbursement {
        self.tree.mark_read(node);
        PlannedDisbursement {
            kind: self.code_in(node, "type", codelist::BUDGET_TYPE),
            period_start: self.period_date(node, "period-start"),
            period_end: self.period_date(node, "period-end"),
            value: self.value_of(node, "value"),
            provider: self.child(node, "provider-org", |m, c| {
                m.org_ref(c, "provider-activity-id")
            }),
            receiver: self.child(node, "receiver-org", |m, c| {
                m.org_ref(c, "receiver-activity-id")
            }),
        }
    }

    fn transaction(&mut self, node: NodeId) -> Transaction {
        self.tree.mark_read(node);
        let kind = self
            .child(node, "transaction-type", |m, c| {
                m.tree.mark_read(c);
                m.mapped_code(c, "code", TRANSACTION_TYPE_V1, codelist::TRANSACTION_TYPE)
            })
            .flatten();
        if kind.is_none() {
            self.diagnose(
                node,
                "",
                DiagnosticKind::MissingRequired,
                "no transaction-type code".to_owned(),
            );
        }
        Transaction {
            reference: self.string(node, "ref"),
            humanitarian: self.boolean(node, "humanitarian"),
            kind,
            date: self.period_date(node, "transaction-date"),
            value: self.value_of(node, "value"),
            description: self.narratives_of(node, "description"),
            provider: self.child(node, "provider-org", |m, c| {
                m.org_ref(c, "provider-activity-id")
            }),
            receiver: self.child(node, "receiver-org", |m, c| {
                m.org_ref(c, "receiver-activity-id")
            }),
            disbursement_channel: self
                .child(node, "disbursement-channel", Mapper::code_of)
                .flatten(),
            sectors: self.each(node, "sector", |m, c| {
                m.coded_in(c, codelist::SECTOR, Some(codelist::SECTOR_VOCABULARY), "1")
            }),
            recipient_countries: self.each(node, "recipient-country", |m, c| {
                m.coded_in(c, codelist::COUNTRY, None, "")
            }),
            recipient_regions: self.each(node, "recipient-region", |m, c| {
                m.coded_in(c, codelist::REGION, Some(codelist::REGION_VOCABULARY), "1")
            }),
            flow_type: self
                .child(node, "flow-type", |m, c| {
                    m.code_of_in(c, codelist::FLOW_TYPE)
                })
                .flatten(),
            finance_type: self
                .child(node, "finance-type", |m, c| {
                    m.code_of_in(c, codelist::FINANCE_TYPE)
                })
                .flatten(),
            aid_types: self.each(node, "aid-type", |m, c| {
                m.coded_in(c, codelist::AID_TYPE, None, "1")
            }),
            tied_status: self
                .child(node, "tied-status", |m, c| {
                    m.code_of_in(c, codelist::TIED_STATUS)
                })
                .flatten(),
        }
    }

    fn document_link(&mut self, node: NodeId) -> DocumentLink {
        self.tree.mark_read(node);
        DocumentLink {
            url: self.string(node, "url"),
            format: self.string(node, "format"),
            title: self.narratives_of(node, "title"),
            description: self.narratives_of(node, "description"),
            categories: self.codes_of(node, "category", codelist::DOCUMENT_CATEGORY),
            languages: self.codes_of(node, "language", codelist::LANGUAGE),
            date: self.period_date(node, "document-date"),
            recipient_countries: self.each(node, "recipient-country", Mapper::coded),
        }
    }

    fn contact(&mut self, node: NodeId) -> ContactInfo {
        self.tree.mark_read(node);
        ContactInfo {
            kind: self.code(node, "type"),
            organisation: self.narratives_of(node, "organisation"),
            department: self.narratives_of(node, "department"),
            person_name: self.narratives_of(node, "person-name"),
            job_title: self.narratives_of(node, "job-title"),
            telephone: self.texts_of(node, "telephone"),
            email: self.texts_of(node, "email"),
            website: self.texts_of(node, "website"),
            mailing_address: self.each(node, "mailing-address", Mapper::narratives),
        }
    }

    fn location(&mut self, node: NodeId) -> Location {
        self.tree.mark_read(node);
        Location {
            reference: self.string(node, "ref"),
            reach: self
                .child(node, "location-reach", Mapper::code_of)
                .flatten(),
            ids: self.each(node, "location-id", Mapper::coded),
            name: self.narratives_of(node, "name"),
            description: self.narratives_of(node, "description"),
            activity_description: self.narratives_of(node, "activity-description"),
            administrative: self.each(node, "administrative", |m, c| {
                let mut coded = m.coded(c);
                coded.significance = m.code(c, "level");
                coded
            }),
            point: self.child(node, "point", |m, c| {
                m.tree.mark_read(c);
                let tree = m.tree;
                Point {
                    srs_name: m.string(c, "srsName"),
                    pos: m.child(c, "pos", |_, p| tree.text_of(p).trim_ascii().to_owned()),
                }
            }),
            exactness: self.child(node, "exactness", Mapper::code_of).flatten(),
            class: self
                .child(node, "location-class", Mapper::code_of)
                .flatten(),
            feature_designation: self
                .child(node, "feature-designation", Mapper::code_of)
                .flatten(),
        }
    }

    fn country_budget_items(&mut self, node: NodeId) -> CountryBudgetItems {
        self.tree.mark_read(node);
        CountryBudgetItems {
            vocabulary: self.code(node, "vocabulary"),
            items: self.each(node, "budget-item", |m, c| {
                let mut coded = m.coded(c);
                coded.narratives = m.narratives_of(c, "description");
                coded
            }),
        }
    }

    fn conditions(&mut self, node: NodeId) -> Conditions {
        self.tree.mark_read(node);
        Conditions {
            attached: self.boolean(node, "attached"),
            conditions: self.each(node, "condition", Mapper::description),
        }
    }

    fn references(&mut self, node: NodeId, vocabularies: List) -> Vec<Coded> {
        self.each(node, "reference", |m, c| {
            let mut coded = m.coded(c);
            if let Some(vocabulary) = &coded.vocabulary {
                m.check(c, "vocabulary", vocabularies, vocabulary);
            }
            if let Some(uri) = m.string(c, "indicator-uri") {
                coded.significance = Some(Cow::Owned(uri));
            }
            coded
        })
    }

    fn result(&mut self, node: NodeId) -> ActivityResult {
        self.tree.mark_read(node);
        ActivityResult {
            kind: self.code_in(node, "type", codelist::RESULT_TYPE),
            aggregation_status: self.boolean(node, "aggregation-status"),
            title: self.narratives_of(node, "title"),
            description: self.narratives_of(node, "description"),
            document_links: self.each(node, "document-link", Mapper::document_link),
            references: self.references(node, codelist::RESULT_VOCABULARY),
            indicators: self.each(node, "indicator", Mapper::indicator),
        }
    }

    fn indicator(&mut self, node: NodeId) -> Indicator {
        self.tree.mark_read(node);
        Indicator {
            measure: self.code_in(node, "measure", codelist::INDICATOR_MEASURE),
            ascending: self.boolean(node, "ascending"),
            aggregation_status: self.boolean(node, "aggregation-status"),
            title: self.narratives_of(node, "title"),
            description: self.narratives_of(node, "description"),
            document_links: self.each(node, "document-link", Mapper::document_link),
            references: self.references(node, codelist::INDICATOR_VOCABULARY),
            baselines: self.each(node, "baseline", Mapper::result_value),
            periods: self.each(node, "period", |m, c| {
                m.tree.mark_read(c);
                ResultPeriod {
                    start: m.period_date(c, "period-start"),
                    end: m.period_date(c, "period-end"),
                    targets: m.each(c, "target", Mapper::result_value),
                    actuals: m.each(c, "actual", Mapper::result_value),
                }
            }),
        }
    }

    /// A baseline, target or actual: the raw text is kept; a number is parsed where there is
    /// one, and text that is not a number is no error.
    fn result_value(&mut self, node: NodeId) -> ResultValue {
        self.tree.mark_read(node);
        let raw = self.string(node, "value");
        let number = raw.as_deref().and_then(|r| parse_number(r.trim_ascii()));
        let tree = self.tree;
        ResultValue {
            raw,
            number,
            year: self.trimmed(node, "year"),
            date: self.date(node, "iso-date"),
            locations: self
                .each(node, "location", |m, c| {
                    tree.mark_read(c);
                    m.string(c, "ref")
                })
                .into_iter()
                .flatten()
                .collect(),
            dimensions: self.each(node, "dimension", |m, c| {
                tree.mark_read(c);
                (
                    m.string(c, "name").unwrap_or_default(),
                    m.string(c, "value").unwrap_or_default(),
                )
            }),
            document_links: self.each(node, "document-link", Mapper::document_link),
            comment: self.narratives_of(node, "comment"),
        }
    }

    fn crs_add(&mut self, node: NodeId) -> CrsAdd {
        self.tree.mark_read(node);
        let tree = self.tree;
        let mut crs = CrsAdd {
            other_flags: self.each(node, "other-flags", Mapper::coded),
            channel_code: self.child(node, "channel-code", |_, c| {
                tree.text_of(c).trim_ascii().to_owned()
            }),
            ..CrsAdd::default()
        };
        self.child(node, "loan-terms", |m, c| {
            m.tree.mark_read(c);
            crs.rate_1 = m.decimal(c, "rate-1");
            crs.rate_2 = m.decimal(c, "rate-2");
            crs.repayment_type = m.child(c, "repayment-type", Mapper::code_of).flatten();
            crs.repayment_plan = m.child(c, "repayment-plan", Mapper::code_of).flatten();
            crs.commitment_date = m.period_date(c, "commitment-date");
            crs.repayment_first_date = m.period_date(c, "repayment-first-date");
            crs.repayment_final_date = m.period_date(c, "repayment-final-date");
        });
        crs.loan_status = self.child(node, "loan-status", |m, c| {
            m.tree.mark_read(c);
            let currency = m.currency(c, "currency");
            let saved = m.default_currency;
            m.default_currency = currency.or(saved);
            let status = LoanStatus {
                year: m.trimmed(c, "year"),
                currency,
                value_date: m.date(c, "value-date"),
                interest_received: m.value_of(c, "interest-received"),
                principal_outstanding: m.value_of(c, "principal-outstanding"),
                principal_arrears: m.value_of(c, "principal-arrears"),
                interest_arrears: m.value_of(c, "interest-arrears"),
            };
            m.default_currency = saved;
            status
        });
        crs
    }

    fn fss(&mut self, node: NodeId) -> Fss {
        self.tree.mark_read(node);
        Fss {
            extraction_date: self.date(node, "extraction-date"),
            priority: self.boolean(node, "priority"),
            phaseout_year: self.trimmed(node, "phaseout-year"),
            forecasts: self.each(node, "forecast", |m, c| (m.trimmed(c, "year"), m.value(c))),
        }
    }

    fn org_budget(&mut self, node: NodeId, line_name: &'t str) -> OrgBudget {
        self.tree.mark_read(node);
        let recipient_area = self
            .child(node, "recipient-region", Mapper::coded)
            .or_else(|| self.child(node, "recipient-country", Mapper::coded));
        OrgBudget {
            status: self.code(node, "status"),
            recipient_org: self.child(node, "recipient-org", |m, c| m.org_ref(c, "")),
            recipient_area,
            period_start: self.period_date(node, "period-start"),
            period_end: self.period_date(node, "period-end"),
            value: self.value_of(node, "value"),
            lines: self.each(node, line_name, |m, c| {
                m.tree.mark_read(c);
                BudgetLine {
                    reference: m.string(c, "ref"),
                    value: m.value_of(c, "value"),
                    narratives: m.narratives(c),
                }
            }),
        }
    }
}

/// A day as IATI writes one: `YYYY-MM-DD`, or a date-time or zoned date, which is still the day
/// it names.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let rest_ok = bytes.len() == 10 || matches!(bytes.get(10), Some(b'T' | b'Z' | b'+' | b'-'));
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, ..] = *bytes else {
        return None;
    };
    let digit = |b: u8| char::from(b).to_digit(10);
    let number = |digits: &[u8]| {
        digits
            .iter()
            .try_fold(0u32, |n, &b| n.checked_mul(10)?.checked_add(digit(b)?))
    };
    let year = i32::try_from(number(&[y1, y2, y3, y4])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(&[m1, m2])?, number(&[d1, d2])?)?;
    rest_ok.then_some(date)
}

/// A decimal as IATI writes one (`xsd:decimal`: optional sign, digits, optional point), exactly.
pub(super) fn parse_number(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let ok = !digits.is_empty()
        && digits != "."
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1;
    if !ok {
        return None;
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    // Exactly or not at all: a number a decimal cannot hold is not rounded into one.
    Decimal::from_str_exact(unsigned).ok()
}

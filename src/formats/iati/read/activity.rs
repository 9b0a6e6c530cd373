//! An `iati-activity` element, mapped from its tree into an [`Activity`], child by child in
//! the schema's order.

use super::decode::{Context, Mapper};
use super::report::DiagnosticKind;
use super::tree::{NodeId, Tree};
use crate::formats::iati::code::{
    self, ActivityDateType, ActivityScope, ActivityStatus, BudgetStatus, BudgetType, Code,
    CollaborationType, FinanceType, FlowType, HumanitarianScopeType, IndicatorMeasure, List,
    OrganisationRole, RelatedActivityType, ResultType, TiedStatus, TransactionType,
};
use crate::formats::iati::records::parse_number;
use crate::formats::iati::records::{
    Activity, ActivityBudget, ActivityDate, ActivityResult, Coded, Condition, Conditions,
    ContactInfo, CountryBudgetItems, CrsAdd, DocumentLink, Fss, HumanitarianScope, Indicator,
    LegacyData, LoanStatus, Location, OtherIdentifier, ParticipatingOrg, PlannedDisbursement,
    Point, RelatedActivity, ResultPeriod, ResultValue, Transaction,
};

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

/// Maps an `iati-activity` tree.
pub(crate) fn activity(tree: &Tree, root: NodeId, context: Context<'_>) -> Activity {
    let (mut m, opening) = Mapper::open(tree, root, context, ("iati-activity", "iati-identifier"));
    let mut a = Activity {
        humanitarian: m.boolean(root, "humanitarian"),
        hierarchy: m.trimmed(root, "hierarchy"),
        linked_data_uri: m.string(root, "linked-data-uri"),
        budget_not_provided: m.code(root, "budget-not-provided"),
        default_currency: m.close_opening(root, "iati-identifier", &opening),
        identifier: opening.identifier,
        version: opening.version,
        default_language: opening.default_language,
        last_updated: opening.last_updated,
        ..Activity::default()
    };
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

impl Mapper<'_, '_> {
    /// Maps one child of an activity into it.
    fn activity_child(&mut self, a: &mut Activity, c: NodeId, child: Child) {
        let m = self;
        let tree = m.tree;
        match child {
            Child::ReportingOrg => a.reporting_org = Some(m.reporting_org(c)),
            Child::Title => a.title.extend(m.narratives(c)),
            Child::Description => a.descriptions.push(m.description(c)),
            Child::ParticipatingOrg => {
                let role = m
                    .mapped_code(c, "role", ORGANISATION_ROLE_V1, code::ORGANISATION_ROLE)
                    .map(OrganisationRole::from);
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
            Child::ActivityStatus => {
                a.status = m
                    .code_of_in(c, code::ACTIVITY_STATUS)
                    .map(ActivityStatus::from);
            }
            Child::ActivityDate => {
                let kind = m
                    .mapped_code(c, "type", ACTIVITY_DATE_TYPE_V1, code::ACTIVITY_DATE_TYPE)
                    .map(ActivityDateType::from);
                let date = m.date(c, "iso-date");
                a.dates.push(ActivityDate {
                    kind,
                    date,
                    narratives: m.narratives(c),
                });
            }
            Child::ContactInfo => a.contacts.push(m.contact(c)),
            Child::ActivityScope => {
                a.scope = m
                    .code_of_in(c, code::ACTIVITY_SCOPE)
                    .map(ActivityScope::from);
            }
            Child::RecipientCountry => {
                a.recipient_countries
                    .push(m.coded_in(c, code::COUNTRY, None, ""));
            }
            Child::RecipientRegion => a.recipient_regions.push(m.region(c)),
            Child::Location => a.locations.push(m.location(c)),
            Child::Sector => a.sectors.push(m.sector(c)),
            Child::Tag => a.tags.push(m.coded(c)),
            Child::CountryBudgetItems => a.country_budget_items = Some(m.country_budget_items(c)),
            Child::HumanitarianScope => {
                let kind = m
                    .code_in(c, "type", code::HUMANITARIAN_SCOPE_TYPE)
                    .map(HumanitarianScopeType::from);
                a.humanitarian_scopes.push(HumanitarianScope {
                    kind,
                    scope: m.coded(c),
                });
            }
            Child::PolicyMarker => {
                let marker = m.coded_in(c, code::POLICY_MARKER, None, "1");
                if let Some(significance) = &marker.significance {
                    m.check(c, "significance", code::POLICY_SIGNIFICANCE, significance);
                }
                a.policy_markers.push(marker);
            }
            Child::CollaborationType => {
                a.collaboration_type = m
                    .code_of_in(c, code::COLLABORATION_TYPE)
                    .map(CollaborationType::from);
            }
            Child::DefaultFlowType => {
                a.default_flow_type = m.code_of_in(c, code::FLOW_TYPE).map(FlowType::from);
            }
            Child::DefaultFinanceType => {
                a.default_finance_type = m.code_of_in(c, code::FINANCE_TYPE).map(FinanceType::from);
            }
            Child::DefaultAidType => {
                a.default_aid_types
                    .push(m.coded_in(c, code::AID_TYPE, None, "1"));
            }
            Child::DefaultTiedStatus => {
                a.default_tied_status = m.code_of_in(c, code::TIED_STATUS).map(TiedStatus::from);
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
                    kind: m
                        .code_in(c, "type", code::RELATED_ACTIVITY_TYPE)
                        .map(RelatedActivityType::from),
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

    /// A sector: a code of the Sector list in vocabulary 1 (or none), of another list in another.
    fn sector(&mut self, node: NodeId) -> Coded {
        self.coded_in(node, code::SECTOR, Some(code::SECTOR_VOCABULARY), "1")
    }

    /// A recipient region: a code of the Region list in vocabulary 1 (or none).
    fn region(&mut self, node: NodeId) -> Coded {
        self.coded_in(node, code::REGION, Some(code::REGION_VOCABULARY), "1")
    }

    fn budget(&mut self, node: NodeId) -> ActivityBudget {
        self.tree.mark_read(node);
        ActivityBudget {
            kind: self
                .code_in(node, "type", code::BUDGET_TYPE)
                .map(BudgetType::from),
            status: self
                .code_in(node, "status", code::BUDGET_STATUS)
                .map(BudgetStatus::from),
            period_start: self.period_date(node, "period-start"),
            period_end: self.period_date(node, "period-end"),
            value: self.value_of(node, "value"),
        }
    }

    fn planned_disbursement(&mut self, node: NodeId) -> PlannedDisbursement {
        self.tree.mark_read(node);
        PlannedDisbursement {
            kind: self
                .code_in(node, "type", code::BUDGET_TYPE)
                .map(BudgetType::from),
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
                m.mapped_code(c, "code", TRANSACTION_TYPE_V1, code::TRANSACTION_TYPE)
            })
            .flatten()
            .map(TransactionType::from);
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
            sectors: self.each(node, "sector", Mapper::sector),
            recipient_countries: self.each(node, "recipient-country", |m, c| {
                m.coded_in(c, code::COUNTRY, None, "")
            }),
            recipient_regions: self.each(node, "recipient-region", Mapper::region),
            flow_type: self
                .child(node, "flow-type", |m, c| m.code_of_in(c, code::FLOW_TYPE))
                .flatten()
                .map(FlowType::from),
            finance_type: self
                .child(node, "finance-type", |m, c| {
                    m.code_of_in(c, code::FINANCE_TYPE)
                })
                .flatten()
                .map(FinanceType::from),
            aid_types: self.each(node, "aid-type", |m, c| {
                m.coded_in(c, code::AID_TYPE, None, "1")
            }),
            tied_status: self
                .child(node, "tied-status", |m, c| {
                    m.code_of_in(c, code::TIED_STATUS)
                })
                .flatten()
                .map(TiedStatus::from),
        }
    }

    pub(super) fn document_link(&mut self, node: NodeId) -> DocumentLink {
        self.tree.mark_read(node);
        DocumentLink {
            url: self.string(node, "url"),
            format: self.string(node, "format"),
            title: self.narratives_of(node, "title"),
            description: self.narratives_of(node, "description"),
            categories: self.codes_of(node, "category", code::DOCUMENT_CATEGORY),
            languages: self.codes_of(node, "language", code::LANGUAGE),
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
            conditions: self.each(node, "condition", |m, c| Condition {
                kind: m.code(c, "type"),
                narratives: m.narratives(c),
            }),
        }
    }

    fn references(&mut self, node: NodeId, vocabularies: List) -> Vec<Coded> {
        self.each(node, "reference", |m, c| {
            let mut coded = m.coded(c);
            if let Some(vocabulary) = &coded.vocabulary {
                m.check(c, "vocabulary", vocabularies, vocabulary);
            }
            if let Some(uri) = m.string(c, "indicator-uri") {
                coded.significance = Some(Code::from(uri));
            }
            coded
        })
    }

    fn result(&mut self, node: NodeId) -> ActivityResult {
        self.tree.mark_read(node);
        ActivityResult {
            kind: self
                .code_in(node, "type", code::RESULT_TYPE)
                .map(ResultType::from),
            aggregation_status: self.boolean(node, "aggregation-status"),
            title: self.narratives_of(node, "title"),
            description: self.narratives_of(node, "description"),
            document_links: self.each(node, "document-link", Mapper::document_link),
            references: self.references(node, code::RESULT_VOCABULARY),
            indicators: self.each(node, "indicator", Mapper::indicator),
        }
    }

    fn indicator(&mut self, node: NodeId) -> Indicator {
        self.tree.mark_read(node);
        Indicator {
            measure: self
                .code_in(node, "measure", code::INDICATOR_MEASURE)
                .map(IndicatorMeasure::from),
            ascending: self.boolean(node, "ascending"),
            aggregation_status: self.boolean(node, "aggregation-status"),
            title: self.narratives_of(node, "title"),
            description: self.narratives_of(node, "description"),
            document_links: self.each(node, "document-link", Mapper::document_link),
            references: self.references(node, code::INDICATOR_VOCABULARY),
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
}

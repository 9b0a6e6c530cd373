//! An `iati-organisation` element, mapped from its tree into an [`IatiOrganisation`].

use super::decode::{Context, Mapper};
use super::tree::{NodeId, Tree};
use crate::formats::iati::code::BudgetStatus;
use crate::formats::iati::records::{BudgetLine, IatiOrganisation, OrgBudget};

/// Maps an `iati-organisation` tree.
pub(crate) fn organisation(tree: &Tree, root: NodeId, context: Context<'_>) -> IatiOrganisation {
    let identifier = "organisation-identifier";
    let (mut m, opening) = Mapper::open(tree, root, context, ("iati-organisation", identifier));
    let mut o = IatiOrganisation {
        default_currency: m.close_opening(root, identifier, &opening),
        identifier: opening.identifier,
        version: opening.version,
        default_language: opening.default_language,
        last_updated: opening.last_updated,
        ..IatiOrganisation::default()
    };
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

impl<'t> Mapper<'t, '_> {
    fn org_budget(&mut self, node: NodeId, line_name: &'t str) -> OrgBudget {
        self.tree.mark_read(node);
        let recipient_area = self
            .child(node, "recipient-region", Mapper::coded)
            .or_else(|| self.child(node, "recipient-country", Mapper::coded));
        OrgBudget {
            status: self.code(node, "status").map(BudgetStatus::from),
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

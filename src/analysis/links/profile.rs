//! What linking needs of an activity, kept small so that a corpus of activities fits in memory:
//! who it names in which role, what it cites, where and when it runs, its title's words and its
//! flows of money.

use chrono::NaiveDate;

use crate::analysis::partners::normalise_name;
use crate::formats::iati::code::{
    ActivityDateType, OrganisationRole, RelatedActivityType, TransactionType,
};
use crate::formats::iati::records::{Activity, Narrative, OrgRef};
use crate::money::Money;

use super::CitedBy;

/// Words of a title that say nothing about which grant it is.
const STOPWORDS: &[&str] = &[
    "and", "the", "for", "with", "from", "into", "through", "their", "des", "les", "pour", "dans",
    "avec", "par", "sur", "del", "los", "las", "para", "con", "por", "une", "aux", "und", "der",
    "die", "das",
];

/// The role an organisation is named in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named {
    /// Funding participating organisation, or the provider of money coming in.
    Funder,
    /// Implementing participating organisation, or the receiver of money going out.
    Implementer,
    /// Any other role.
    Other,
}

/// An organisation an activity names, and how.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub(crate) named: Named,
    /// Whether a transaction names it (else a participating organisation).
    pub(crate) in_transaction: bool,
    pub(crate) org: OrgRef,
}

/// An identifier the activity cites, where, and the organisation the citing element names.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    pub(crate) by: CitedBy,
    pub(crate) cited: String,
    pub(crate) org: Option<String>,
}

/// A transaction's value, with what decides its rate and the other party.
#[derive(Debug, Clone)]
pub(crate) struct FlowValue {
    pub(crate) kind: TransactionType,
    pub(crate) money: Money,
    pub(crate) value_date: Option<NaiveDate>,
    pub(crate) date: Option<NaiveDate>,
    /// The provider of money coming in, the receiver of money going out, when named.
    pub(crate) other: Option<OrgRef>,
}

/// What linking keeps of one activity.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub(crate) identifier: String,
    pub(crate) reporter: Option<String>,
    pub(crate) title: String,
    /// The title's telling words, normalised, sorted, each once.
    pub(crate) words: Vec<String>,
    /// Recipient countries of the activity and its transactions, sorted, each once.
    pub(crate) countries: Vec<String>,
    pub(crate) start: Option<NaiveDate>,
    pub(crate) end: Option<NaiveDate>,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) citations: Vec<Citation>,
    pub(crate) flows: Vec<FlowValue>,
}

/// The first narrative's text, trimmed, with inner runs of whitespace as one space.
fn first_text(narratives: &[Narrative]) -> String {
    narratives
        .iter()
        .map(|n| n.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// The telling words of a title.
pub(crate) fn title_words(title: &str) -> Vec<String> {
    let mut words: Vec<String> = normalise_name(title)
        .split(' ')
        .filter(|w| {
            (w.chars().count() >= 3 || w.chars().all(|c| c.is_ascii_digit()))
                && !w.is_empty()
                && !STOPWORDS.contains(w)
        })
        .map(str::to_owned)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// A non-empty, trimmed attribute.
fn given(text: Option<&String>) -> Option<String> {
    text.map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The recipient countries of the activity and its transactions, upper case, sorted, each once.
fn countries_of(activity: &Activity) -> Vec<String> {
    let mut countries: Vec<String> = activity
        .recipient_countries
        .iter()
        .chain(
            activity
                .transactions
                .iter()
                .flat_map(|t| &t.recipient_countries),
        )
        .map(|c| c.code.as_str().trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

/// The activity identifiers `other-identifier` and `related-activity` cite.
fn other_citations(activity: &Activity, citations: &mut Vec<Citation>) {
    // Types B1 and B9 identify organisations, not activities.
    let of_activity = |o: &&crate::formats::iati::records::OtherIdentifier| {
        !o.kind.as_ref().is_some_and(|k| k.as_str().starts_with('B'))
    };
    for o in activity.other_identifiers.iter().filter(of_activity) {
        if let Some(cited) = given(o.reference.as_ref()) {
            citations.push(Citation {
                by: CitedBy::OtherIdentifier,
                cited,
                org: o
                    .owner
                    .as_ref()
                    .and_then(|owner| given(owner.reference.as_ref())),
            });
        }
    }
    for r in &activity.related_activities {
        if let Some(cited) = given(r.reference.as_ref()) {
            citations.push(Citation {
                by: CitedBy::Related(r.kind.clone().unwrap_or(RelatedActivityType::new(""))),
                cited,
                org: None,
            });
        }
    }
}

impl Profile {
    pub(crate) fn of(activity: &Activity) -> Profile {
        let title = first_text(&activity.title);
        let date = |kind: &ActivityDateType| {
            activity
                .dates
                .iter()
                .find(|d| d.kind.as_ref() == Some(kind))
                .and_then(|d| d.date)
        };
        let start =
            date(&ActivityDateType::ACTUAL_START).or(date(&ActivityDateType::PLANNED_START));
        let end = date(&ActivityDateType::ACTUAL_END).or(date(&ActivityDateType::PLANNED_END));
        let countries = countries_of(activity);
        let mut mentions = Vec::new();
        let mut citations = Vec::new();
        for p in &activity.participating_orgs {
            let named = match &p.role {
                Some(r) if *r == OrganisationRole::FUNDING => Named::Funder,
                Some(r) if *r == OrganisationRole::IMPLEMENTING => Named::Implementer,
                _ => Named::Other,
            };
            mentions.push(Mention {
                named,
                in_transaction: false,
                org: p.org.clone(),
            });
            if let Some(cited) = given(p.org.activity_id.as_ref()) {
                citations.push(Citation {
                    by: CitedBy::ParticipatingOrg(p.role.clone()),
                    cited,
                    org: given(p.org.reference.as_ref()),
                });
            }
        }
        let mut flows = Vec::new();
        for t in &activity.transactions {
            let incoming = t.kind.as_ref().is_some_and(TransactionType::is_incoming);
            let (other, named) = if incoming {
                (t.provider.as_ref(), Named::Funder)
            } else {
                (t.receiver.as_ref(), Named::Implementer)
            };
            if let Some(org) = other.filter(|o| o.reference.is_some() || !o.names.is_empty()) {
                mentions.push(Mention {
                    named,
                    in_transaction: true,
                    org: org.clone(),
                });
            }
            for (org, by) in [
                (t.provider.as_ref(), CitedBy::ProviderActivity),
                (t.receiver.as_ref(), CitedBy::ReceiverActivity),
            ] {
                if let Some(cited) = org.and_then(|o| given(o.activity_id.as_ref())) {
                    citations.push(Citation {
                        by,
                        cited,
                        org: org.and_then(|o| given(o.reference.as_ref())),
                    });
                }
            }
            if let (Some(kind), Some(money)) = (&t.kind, t.value.as_ref().and_then(|v| v.money)) {
                flows.push(FlowValue {
                    kind: kind.clone(),
                    money,
                    value_date: t.value.as_ref().and_then(|v| v.value_date),
                    date: t.date,
                    other: other.cloned(),
                });
            }
        }
        other_citations(activity, &mut citations);
        Profile {
            identifier: activity.identifier.trim().to_owned(),
            reporter: activity
                .reporting_org
                .as_ref()
                .and_then(|r| given(r.org.reference.as_ref())),
            words: title_words(&title),
            title,
            countries,
            start,
            end,
            mentions,
            citations,
            flows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_leave_out_short_and_common_words() {
        assert_eq!(
            title_words("Strengthening the Response to COVID-19 in Mauritania"),
            ["19", "covid", "mauritania", "response", "strengthening"]
        );
    }
}

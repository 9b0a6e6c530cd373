//! The signals that two activities are the same funded action, each checked on its own: who
//! names whom, countries, periods, titles and amounts.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::analysis::convention::Valuer;
use crate::formats::iati::code::TransactionType;
use crate::money::Money;

use super::profile::{FlowValue, Named, Profile};
use super::{Amount, Check, Finding, Signal};

/// Points each inferred signal adds when it holds; with [`SAME_DATES`] they sum to 100.
pub(crate) const WEIGHTS: [(Signal, u8); 6] = [
    (Signal::FunderNamesImplementer, 15),
    (Signal::ImplementerNamesFunder, 15),
    (Signal::Countries, 10),
    (Signal::Period, 5),
    (Signal::Title, 25),
    (Signal::Amount, 20),
];

/// Points periods add on top when they start and end on the same days.
pub(crate) const SAME_DATES: u8 = 10;

/// The words of a period evidence's detail when the dates are the same.
const SAME: &str = "both";

/// The share of words two titles have in common (Dice's coefficient), in percent.
pub(crate) fn title_similarity(a: &[String], b: &[String]) -> Option<u8> {
    let total = a.len().checked_add(b.len())?;
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let percent = shared.checked_mul(200)?.checked_div(total)?;
    u8::try_from(percent).ok()
}

/// The countries both list.
pub(crate) fn countries(funder: &Profile, implementer: &Profile) -> Finding {
    if funder.countries.is_empty() || implementer.countries.is_empty() {
        let missing = if funder.countries.is_empty() {
            "the funder's"
        } else {
            "the implementer's"
        };
        return Finding::new(
            Signal::Countries,
            Check::Missing,
            format!("{missing} activity names no recipient country"),
        );
    }
    let shared: Vec<&str> = funder
        .countries
        .iter()
        .filter(|c| implementer.countries.binary_search(c).is_ok())
        .map(String::as_str)
        .collect();
    if shared.is_empty() {
        Finding::new(
            Signal::Countries,
            Check::Failed,
            format!(
                "{} against {}",
                funder.countries.join(", "),
                implementer.countries.join(", ")
            ),
        )
    } else {
        Finding::new(
            Signal::Countries,
            Check::Held,
            format!("both in {}", shared.join(", ")),
        )
    }
}

/// Whether the activities' periods overlap, and by how many days.
pub(crate) fn period(funder: &Profile, implementer: &Profile) -> Finding {
    let span = |p: &Profile| Some((p.start?, p.end.or(p.start)?));
    let (Some((a0, a1)), Some((b0, b1))) = (span(funder), span(implementer)) else {
        return Finding::new(
            Signal::Period,
            Check::Missing,
            "an activity has no start date".to_owned(),
        );
    };
    let (from, to) = (a0.max(b0), a1.min(b1));
    let shown = |a: NaiveDate, b: NaiveDate| format!("{a} to {b}");
    if from <= to {
        let days = to.signed_duration_since(from).num_days().saturating_add(1);
        let same = a0 == b0 && a1 == b1;
        let detail = if same {
            format!("{SAME} {}", shown(a0, a1))
        } else {
            format!("{} and {} share {days} days", shown(a0, a1), shown(b0, b1))
        };
        Finding::new(Signal::Period, Check::Held, detail)
    } else {
        Finding::new(
            Signal::Period,
            Check::Failed,
            format!("{} and {} do not overlap", shown(a0, a1), shown(b0, b1)),
        )
    }
}

/// Whether a held period signal says the dates are the same.
pub(crate) fn same_dates(evidence: &Finding) -> bool {
    evidence.signal == Signal::Period
        && evidence.check == Check::Held
        && evidence.detail.starts_with(SAME)
}

/// Whether the titles are alike, at `threshold` percent of words shared or more.
pub(crate) fn title(funder: &Profile, implementer: &Profile, threshold: u8) -> Finding {
    match title_similarity(&funder.words, &implementer.words) {
        None => Finding::new(
            Signal::Title,
            Check::Missing,
            "an activity has no title".to_owned(),
        ),
        Some(percent) => Finding::new(
            Signal::Title,
            if percent >= threshold {
                Check::Held
            } else {
                Check::Failed
            },
            format!("{percent}% of words shared"),
        ),
    }
}

/// The flows of `profile` of the first of `kinds` that has any, to or from the organisation
/// `other` (by `is_other`); a flow that names no other party counts when the activity names
/// that organisation in the role `named`.
pub(crate) fn side_flows<'p>(
    profile: &'p Profile,
    kinds: [TransactionType; 2],
    named_there: bool,
    is_other: &dyn Fn(&crate::formats::iati::records::OrgRef) -> bool,
) -> Option<(TransactionType, Vec<&'p FlowValue>)> {
    kinds.into_iter().find_map(|kind| {
        let flows: Vec<&FlowValue> = profile
            .flows
            .iter()
            .filter(|f| f.kind == kind)
            .filter(|f| match &f.other {
                Some(org) if org.reference.is_some() || !org.names.is_empty() => is_other(org),
                _ => named_there,
            })
            .collect();
        (!flows.is_empty()).then_some((kind, flows))
    })
}

/// The flows' sum in the valuer's currency, each converted at its own value date and rounded
/// once as the valuer rounds.
pub(crate) fn amount(
    kind: TransactionType,
    flows: &[&FlowValue],
    valuer: &mut Valuer<'_>,
) -> Amount {
    let rounding = valuer.rounding();
    let mut converted = Some(Money::zero(valuer.target()));
    let mut not_converted = Vec::new();
    let mut original = Vec::new();
    for flow in flows {
        original.push(flow.money);
        match valuer.value(flow.money, flow.value_date, flow.date) {
            Ok(done) => {
                // A value already in the currency is rounded like the converted ones.
                let value = done.conversion.converted;
                let value = value.round(rounding.mode, rounding.to).unwrap_or(value);
                converted = converted.and_then(|sum| sum.checked_add(value).ok());
            }
            Err(e) => not_converted.push(e.to_string()),
        }
    }
    if !not_converted.is_empty() {
        converted = None;
    }
    Amount {
        flow: kind,
        original,
        converted,
        not_converted,
    }
}

/// Whether two amounts agree within `tolerance` (a share of the larger).
pub(crate) fn amounts(
    funder: Option<&Amount>,
    implementer: Option<&Amount>,
    tolerance: Decimal,
) -> Finding {
    let (Some(given), Some(received)) = (funder, implementer) else {
        let side = if funder.is_none() {
            "the funder's"
        } else {
            "the implementer's"
        };
        return Finding::new(
            Signal::Amount,
            Check::Missing,
            format!("{side} activity has no flow between the two"),
        );
    };
    let (Some(sent), Some(got)) = (given.converted, received.converted) else {
        return Finding::new(
            Signal::Amount,
            Check::Missing,
            "an amount could not be converted".to_owned(),
        );
    };
    let (one, other) = (sent.amount().abs(), got.amount().abs());
    let larger = one.max(other);
    let apart = if larger.is_zero() {
        Some(Decimal::ZERO)
    } else {
        one.checked_sub(other)
            .and_then(|d| d.abs().checked_div(larger))
    };
    let percent = |d: Decimal| {
        d.checked_mul(Decimal::ONE_HUNDRED)
            .map_or(d, |p| p.round_dp(1).normalize())
    };
    match apart {
        Some(apart) => {
            let detail = format!(
                "{} against {}: {}% apart, tolerance {}%",
                sent.grouped(),
                got.grouped(),
                percent(apart),
                percent(tolerance)
            );
            let check = if apart <= tolerance {
                Check::Held
            } else {
                Check::Failed
            };
            Finding::new(Signal::Amount, check, detail)
        }
        None => Finding::new(
            Signal::Amount,
            Check::Missing,
            "the amounts cannot be compared".to_owned(),
        ),
    }
}

/// Whether `profile` names an organisation `is_it` accepts in the role `named`, and how.
pub(crate) fn names(
    profile: &Profile,
    named: Named,
    is_it: &dyn Fn(&crate::formats::iati::records::OrgRef) -> bool,
) -> Option<&'static str> {
    let mut how = None;
    for m in profile.mentions.iter().filter(|m| m.named == named) {
        if is_it(&m.org) {
            let this = match (m.in_transaction, named) {
                (false, Named::Funder) => "as funding organisation",
                (false, _) => "as implementing organisation",
                (true, Named::Funder) => "as provider of money it receives",
                (true, _) => "as receiver of money it sends",
            };
            if !m.in_transaction {
                return Some(this);
            }
            how = Some(this);
        }
    }
    how
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_similarity_is_the_share_of_words_in_common() {
        let w = |s: &[&str]| s.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            title_similarity(&w(&["a", "b"]), &w(&["a", "b"])),
            Some(100)
        );
        assert_eq!(title_similarity(&w(&["a", "b"]), &w(&["b", "c"])), Some(50));
        assert_eq!(title_similarity(&w(&[]), &w(&["b"])), None);
    }
}

//! Which recipient countries, regions, sectors and classifications a transaction or budget is
//! split by, with what weights, and the exact split itself.

use std::num::NonZeroU128;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::formats::iati::code::{Code, Codelist, TransactionType};
use crate::formats::iati::records::{Activity, Coded, Transaction};
use crate::money::allocate::largest_remainder;
use crate::money::Money;

/// A code and its weight in a split; the weights of a split are rescaled to their sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Share {
    pub(super) code: Code,
    pub(super) weight: Decimal,
    pub(super) region: bool,
    /// Whether the IATI Country (or, for a region, Region) codelist has the code.
    pub(super) listed: bool,
}

impl Share {
    /// A share of `code`, sharing the text of `list` when the list has it.
    pub(super) fn of(list: Codelist, code: &Code, weight: Decimal, region: bool) -> Share {
        let (code, listed) = match list.shared(code) {
            Some(shared) => (shared, true),
            None => (code.clone(), false),
        };
        Share {
            code,
            weight,
            region,
            listed,
        }
    }
}

/// The shares of a split: one entry of weight 1 with the empty code when nothing is reported.
pub(super) fn unreported() -> Vec<Share> {
    vec![Share {
        code: Code::new(""),
        weight: Decimal::ONE,
        region: false,
        listed: false,
    }]
}

/// Whether a region's or sector's vocabulary is the one the published dataset counts: none
/// given, or `1` (OECD DAC).
fn dac(coded: &Coded) -> bool {
    coded.vocabulary.as_ref().is_none_or(|v| v.as_str() == "1")
}

/// A reported percentage as a weight: 100 when none is given, `None` for zero (left out).
fn weight_of(coded: &Coded) -> Option<Decimal> {
    match coded.percentage {
        None => Some(Decimal::ONE_HUNDRED),
        Some(p) if p.is_zero() => None,
        Some(p) => Some(p),
    }
}

fn weighted<'a>(
    coded: impl Iterator<Item = &'a Coded>,
    list: Codelist,
    region: bool,
) -> Vec<Share> {
    coded
        .filter_map(|c| weight_of(c).map(|weight| Share::of(list, &c.code, weight, region)))
        .collect()
}

fn total(shares: &[Share]) -> Decimal {
    shares
        .iter()
        .fold(Decimal::ZERO, |sum, s| sum.saturating_add(s.weight))
}

/// The countries, and the regions when the countries do not account for the whole: regions are
/// added when there are some, the countries' percentages do not round to 100, and they do not
/// round to 100 for each country either (every country given 100 % means "all of it, each").
pub(super) fn countries_and_regions(countries: &[Coded], regions: &[Coded]) -> Vec<Share> {
    let mut shares = weighted(countries.iter(), Codelist::Country, false);
    let regions: Vec<&Coded> = regions.iter().filter(|r| dac(r)).collect();
    let sum = total(&shares);
    let rounded = sum.round();
    let each_whole = Decimal::ONE_HUNDRED.checked_mul(Decimal::from(shares.len()));
    if !regions.is_empty()
        && rounded != Decimal::ONE_HUNDRED
        && (sum.is_zero() || Some(rounded) != each_whole)
    {
        shares.extend(weighted(regions.into_iter(), Codelist::Region, true));
    }
    shares
}

/// The DAC sectors of a list, weighted by their percentages.
pub(super) fn sectors(sectors: &[Coded]) -> Vec<Share> {
    weighted(sectors.iter().filter(|s| dac(s)), Codelist::Sector, false)
}

/// A transaction's countries and regions: its own, else the activity's; empty when neither
/// reports any.
pub(super) fn transaction_countries(activity: &Activity, transaction: &Transaction) -> Vec<Share> {
    let own = countries_and_regions(
        &transaction.recipient_countries,
        &transaction.recipient_regions,
    );
    if own.is_empty() {
        countries_and_regions(&activity.recipient_countries, &activity.recipient_regions)
    } else {
        own
    }
}

/// A transaction's sectors: its own, else the activity's, else the empty code.
pub(super) fn transaction_sectors(activity: &Activity, transaction: &Transaction) -> Vec<Share> {
    let own = sectors(&transaction.sectors);
    if !own.is_empty() {
        return own;
    }
    let activity = sectors(&activity.sectors);
    if activity.is_empty() {
        unreported()
    } else {
        activity
    }
}

/// The commitments a budget's missing classification is taken from: the outgoing commitments
/// that carry it, else the incoming ones.
pub(super) fn commitments_with(
    activity: &Activity,
    has: impl Fn(&Transaction) -> bool,
) -> Vec<&Transaction> {
    for kind in [
        TransactionType::OUTGOING_COMMITMENT,
        TransactionType::INCOMING_COMMITMENT,
    ] {
        let found: Vec<&Transaction> = activity
            .transactions
            .iter()
            .filter(|t| t.kind.as_ref() == Some(&kind) && has(t))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The first DAC sector of a transaction.
pub(super) fn first_sector(transaction: &Transaction) -> Option<&Code> {
    transaction.sectors.iter().find(|s| dac(s)).map(|s| &s.code)
}

/// The first country of a transaction, else its first DAC region.
pub(super) fn first_country(transaction: &Transaction) -> Option<(&Code, bool)> {
    transaction
        .recipient_countries
        .first()
        .map(|c| (&c.code, false))
        .or_else(|| {
            transaction
                .recipient_regions
                .iter()
                .find(|r| dac(r))
                .map(|r| (&r.code, true))
        })
}

/// Shares by the value of each code's commitments: one code takes the whole; several are weighted
/// by their values. `None` when the values cannot weigh (a negative value, or a zero sum).
pub(super) fn by_value(list: Codelist, coded: Vec<(Code, bool, Decimal)>) -> Option<Vec<Share>> {
    let mut shares: Vec<Share> = Vec::new();
    for (code, region, value) in coded {
        if let Some(share) = shares.iter_mut().find(|s| s.code == code) {
            share.weight = share.weight.checked_add(value)?;
        } else {
            let list = if region { Codelist::Region } else { list };
            shares.push(Share::of(list, &code, value, region));
        }
    }
    if let [only] = shares.as_mut_slice() {
        only.weight = Decimal::ONE;
        return Some(shares);
    }
    let ok = shares.iter().all(|s| !s.weight.is_sign_negative()) && !total(&shares).is_zero();
    ok.then_some(shares)
}

/// Decimal weights as integers with the same ratios, at the finest scale at which all of them
/// and their sum fit in 64 bits (weights finer than that are rounded half-even: the weights'
/// last places, never the amounts'). `None` when a weight is negative or all are zero.
pub(super) fn integer_weights(weights: &[Decimal]) -> Option<Vec<u64>> {
    if weights.iter().any(Decimal::is_sign_negative) || weights.iter().all(Decimal::is_zero) {
        return None;
    }
    let finest = weights.iter().map(Decimal::scale).max().unwrap_or(0);
    (0..=finest).rev().find_map(|scale| {
        let ints: Option<Vec<u64>> = weights
            .iter()
            .map(|w| {
                let shifted = w.round_dp(scale);
                let mantissa = shifted.mantissa();
                let pad = scale.checked_sub(shifted.scale())?;
                let scaled = mantissa.checked_mul(10_i128.checked_pow(pad)?)?;
                u64::try_from(scaled).ok()
            })
            .collect();
        let ints = ints?;
        let sum = ints.iter().try_fold(0_u64, |s, w| s.checked_add(*w))?;
        (sum > 0).then_some(ints)
    })
}

/// Splits `amount` by each level of `levels` in turn (the first level's parts are split by the
/// second, and so on), so that the leaves, in order, add up exactly to the amount, and each
/// level's parts to the part above them: [`Money::allocate`] level by level, on whole units.
pub(super) fn split_tree(amount: Money, levels: &[&[u64]]) -> Result<Vec<Money>, crate::Error> {
    let (units, scale) = amount.units()?;
    let mut parts = vec![units.unsigned_abs()];
    let mut next = Vec::new();
    for weights in levels {
        let total = weights
            .iter()
            .try_fold(0_u64, |sum, w| sum.checked_add(*w))
            .and_then(|total| NonZeroU128::new(u128::from(total)));
        let Some(total) = total else {
            // No weights, all zero, or too many: the allocation's own error says which.
            return amount.allocate(weights);
        };
        if weights.len() == 1 {
            continue;
        }
        next.clear();
        next.reserve(parts.len().saturating_mul(weights.len()));
        for part in &parts {
            largest_remainder(*part, weights, total, &mut next);
        }
        std::mem::swap(&mut parts, &mut next);
    }
    let negative = units < 0;
    parts
        .into_iter()
        .map(|part| amount.part(part, negative, scale))
        .collect()
}

/// How an item is split: by country or region, then by calendar quarter (budgets), then by
/// each further level (sector; for budgets aid, finance and flow type), each with integer
/// weights of the same ratios as the shares.
#[derive(Debug, Clone)]
pub(super) struct Split {
    pub(super) countries: Arc<[Share]>,
    country_weights: Arc<[u64]>,
    quarters: Vec<(NaiveDate, u64)>,
    levels: Arc<[(Vec<Code>, Vec<u64>)]>,
    /// The weights of every level below the countries: the quarters' days, then `levels`.
    lower: Vec<Vec<u64>>,
}

/// The most levels a split has below its countries and quarters (sector; aid, finance and
/// flow type).
pub(super) const MAX_LEVELS: usize = 4;

/// One row of a split: its country or region, its quarter's first day, its code at each
/// further level.
pub(super) struct Leaf<'a> {
    pub(super) country: &'a Share,
    pub(super) country_index: usize,
    pub(super) date: Option<NaiveDate>,
    pub(super) classes: [Option<&'a Code>; MAX_LEVELS],
}

impl Split {
    /// A split by `countries` then `levels`; `None` when a list's weights cannot split (a
    /// negative percentage).
    pub(super) fn new(countries: &[Share], levels: &[&[Share]]) -> Option<Split> {
        let weights_of = |shares: &[Share]| {
            integer_weights(&shares.iter().map(|s| s.weight).collect::<Vec<_>>())
        };
        let levels = levels
            .iter()
            .map(|level| {
                Some((
                    level.iter().map(|s| s.code.clone()).collect(),
                    weights_of(level)?,
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        let lower = levels.iter().map(|(_, weights)| weights.clone()).collect();
        Some(Split {
            countries: countries.into(),
            country_weights: weights_of(countries)?.into(),
            quarters: Vec::new(),
            levels: levels.into(),
            lower,
        })
    }

    /// The same split with the calendar quarters of a budget's period between the countries
    /// and the further levels, weighted by the period's days in each.
    pub(super) fn with_quarters(&self, quarters: Vec<(NaiveDate, u64)>) -> Split {
        let mut lower = Vec::with_capacity(self.levels.len().saturating_add(1));
        lower.push(quarters.iter().map(|(_, days)| *days).collect());
        lower.extend(self.levels.iter().map(|(_, weights)| weights.clone()));
        Split {
            countries: Arc::clone(&self.countries),
            country_weights: Arc::clone(&self.country_weights),
            quarters,
            levels: Arc::clone(&self.levels),
            lower,
        }
    }

    /// Every row, country by country, then quarter by quarter, then level by level.
    pub(super) fn leaves(&self) -> impl Iterator<Item = Leaf<'_>> + '_ {
        let per_quarter = self.per_quarter();
        let per_country = self.quarters.len().max(1).saturating_mul(per_quarter);
        let count = self.len();
        (0..count).filter_map(move |i| {
            let country_index = i.checked_div(per_country)?;
            let mut rest = i.checked_rem(per_country)?;
            let quarter = rest.checked_div(per_quarter)?;
            rest = rest.checked_rem(per_quarter)?;
            let mut classes = [None; MAX_LEVELS];
            // The last level varies fastest.
            let slots = classes.get_mut(..self.levels.len())?;
            for (slot, (codes, _)) in slots.iter_mut().zip(self.levels.iter()).rev() {
                *slot = codes.get(rest.checked_rem(codes.len())?);
                rest = rest.checked_div(codes.len())?;
            }
            Some(Leaf {
                country: self.countries.get(country_index)?,
                country_index,
                date: self.quarters.get(quarter).map(|(day, _)| *day),
                classes,
            })
        })
    }

    /// The rows of one country and quarter.
    fn per_quarter(&self) -> usize {
        self.levels
            .iter()
            .fold(1, |n: usize, (codes, _)| n.saturating_mul(codes.len()))
    }

    /// How many rows the split gives.
    pub(super) fn len(&self) -> usize {
        self.countries
            .len()
            .saturating_mul(self.quarters.len().max(1))
            .saturating_mul(self.per_quarter())
    }

    /// `total` split over every row, in the order of [`leaves`](Self::leaves).
    pub(super) fn allocate(&self, total: Money) -> Result<Vec<Money>, crate::Error> {
        let mut levels: Vec<&[u64]> = vec![&self.country_weights];
        levels.extend(self.lower.iter().map(Vec::as_slice));
        split_tree(total, &levels)
    }

    /// The share of `total` of one country, split over that country's rows.
    pub(super) fn allocate_country(
        &self,
        total: Money,
        country_index: usize,
    ) -> Result<Vec<Money>, crate::Error> {
        let part = total
            .allocate(&self.country_weights)?
            .get(country_index)
            .copied()
            .unwrap_or(total);
        let levels: Vec<&[u64]> = self.lower.iter().map(Vec::as_slice).collect();
        split_tree(part, &levels)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn coded(code: &str, pct: Option<&str>, vocabulary: Option<&str>) -> Coded {
        Coded {
            code: Code::new(code),
            vocabulary: vocabulary.map(Code::new),
            percentage: pct.map(|p| p.parse().unwrap()),
            ..Coded::default()
        }
    }

    #[test]
    fn regions_count_only_when_countries_do_not_cover_the_whole() {
        let regions = [
            coded("298", Some("40"), None),
            coded("998", None, Some("2")),
        ];
        let covered = [coded("SN", Some("60"), None), coded("ML", Some("40"), None)];
        assert_eq!(countries_and_regions(&covered, &regions).len(), 2);
        let each = [coded("SN", None, None), coded("ML", None, None)];
        assert_eq!(countries_and_regions(&each, &regions).len(), 2);
        let partial = [coded("SN", Some("60"), None)];
        let shares = countries_and_regions(&partial, &regions);
        assert_eq!(
            shares.len(),
            2,
            "the DAC region joins, vocabulary 2 does not"
        );
        assert!(shares[1].region);
        let zero = [coded("SN", Some("0"), None)];
        assert_eq!(countries_and_regions(&zero, &regions).len(), 1);
    }

    #[test]
    fn weights_keep_their_ratios_at_the_finest_scale_that_fits() {
        let w: Vec<Decimal> = ["33.33", "66.67"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(integer_weights(&w), Some(vec![3333, 6667]));
        let big: Vec<Decimal> = ["12345678901234.12345678", "1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let ints = integer_weights(&big).unwrap();
        assert_eq!(ints[1] * 12_345_678_901_234, ints[0] - ints[0] % ints[1]);
        assert_eq!(integer_weights(&[Decimal::ZERO]), None);
        assert_eq!(
            integer_weights(&[Decimal::NEGATIVE_ONE, Decimal::TWO]),
            None
        );
    }

    #[test]
    fn a_tree_split_adds_up_at_every_level() {
        let amount: Money = "EUR 100.00".parse().unwrap();
        let parts = split_tree(amount, &[&[1, 2], &[1, 1, 1]]).unwrap();
        let shown: Vec<String> = parts.iter().map(|m| m.amount().to_string()).collect();
        assert_eq!(
            shown,
            ["11.11", "11.11", "11.11", "22.23", "22.22", "22.22"]
        );
    }
}

//! The flows between one funder and one implementer, counted once: the funded actions the two
//! publish, naive and de-duplicated totals, and the portfolio behind a claim about them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::convention::Valuer;
use crate::date::Period;
use crate::error::Error;
use crate::figure::{Comparator, Figure, FigureValue, Quantity, Unit};
use crate::id::FigureId;
use crate::money::{Currency, Money};

use super::profile::Named;
use super::{signals, Amount, Broken, Grade, Link, Linker, Links};

/// Which side's figure an action's value is.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::CountedFrom;
///
/// assert_eq!(CountedFrom::Funder.to_string(), "funder");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CountedFrom {
    /// The funder's commitments, else its disbursements.
    Funder,
    /// The implementer's incoming commitments, else its incoming funds.
    Implementer,
    /// Neither side publishes a figure that could be converted.
    Neither,
}

impl std::fmt::Display for CountedFrom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CountedFrom::Funder => "funder",
            CountedFrom::Implementer => "implementer",
            CountedFrom::Neither => "neither",
        })
    }
}

/// One funded action: the activities of the funder and of the implementer that links tie
/// together (a lone activity is an action of its own), and its value counted once.
///
/// # Example
///
/// See [`Funding`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// The funder's activities.
    pub funder_activities: Vec<String>,
    /// The implementer's activities.
    pub implementer_activities: Vec<String>,
    /// The grades of the links that tie them, best first.
    pub grades: Vec<Grade>,
    /// The funder's figure, summed over its activities.
    pub funder_amount: Option<Money>,
    /// The implementer's figure, summed over its activities.
    pub implementer_amount: Option<Money>,
    /// The value counted: the funder's figure where it has one, else the implementer's.
    pub value: Option<Money>,
    /// Whose figure the value is.
    pub counted_from: CountedFrom,
    /// The earliest start and latest end of its activities.
    pub start: Option<NaiveDate>,
    /// See `start`.
    pub end: Option<NaiveDate>,
}

impl Action {
    /// Whether the action runs at some time in `period`; an action without dates is in no
    /// period.
    fn within(&self, period: Option<&Period>) -> bool {
        let Some(period) = period else {
            return true;
        };
        let Some(start) = self.start else {
            return false;
        };
        let end = self.end.unwrap_or(start);
        let after_start = period.start().is_none_or(|s| end >= s.earliest());
        let before_end = period.end().is_none_or(|e| start <= e.latest());
        after_start && before_end
    }
}

/// Naive and de-duplicated totals of the flows between a funder and an implementer.
///
/// The rule: a flow that both publish counts once, with the funder's figure (its commitments to
/// the implementer, else its disbursements) where it publishes one, else the implementer's
/// (incoming commitments from the funder, else incoming funds). Each value is converted at its
/// own value date and rounded once, to the currency's minor units; totals are sums of those.
///
/// # Example
///
/// See [`Funding`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundingTotals {
    /// Every figure of both sides added up, as a naive total does.
    pub naive: Money,
    /// Each action once.
    pub deduplicated: Money,
    /// The funder's figures.
    pub funder_side: Money,
    /// The implementer's figures.
    pub implementer_side: Money,
    /// How many actions both sides publish a figure for, whose implementer's figure was left
    /// out.
    pub deduplicated_actions: usize,
    /// What was left out: the naive total less the de-duplicated one.
    pub counted_twice: Money,
    /// Actions with no figure that could be converted on either side.
    pub without_value: usize,
    /// Values that could not be converted, with why, left out of every total.
    pub not_converted: Vec<String>,
    /// The rule, in words.
    pub rule: &'static str,
}

impl FundingTotals {
    /// Adds an action's figures.
    fn count(&mut self, action: &Action) {
        if let Some(f) = action.funder_amount {
            self.funder_side = add(self.funder_side, f);
        }
        if let Some(i) = action.implementer_amount {
            self.implementer_side = add(self.implementer_side, i);
            if action.funder_amount.is_some() {
                self.deduplicated_actions = self.deduplicated_actions.saturating_add(1);
                self.counted_twice = add(self.counted_twice, i);
            }
        }
        match action.value {
            Some(v) => self.deduplicated = add(self.deduplicated, v),
            None => self.without_value = self.without_value.saturating_add(1),
        }
        self.naive = add(self.funder_side, self.implementer_side);
    }
}

/// The rule [`FundingTotals`] follows, in words.
const RULE: &str = "a flow both sides publish counts once: the funder's commitments, else its disbursements; where the funder publishes none, the implementer's incoming commitments, else its incoming funds";

/// What one funder and one implementer publish about the money between them.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::convention::{Convention, Rates, Valuer};
/// use partnerships::analysis::links::Linker;
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::Currency;
///
/// let funder = r#"<iati-activity><iati-identifier>XI-IATI-EC_FPI-2020/418-048</iati-identifier>
///   <reporting-org ref="XI-IATI-EC_FPI"/><activity-date type="2" iso-date="2020-08-17"/>
///   <transaction><transaction-type code="2"/><value currency="EUR" value-date="2020-08-17">3000000</value>
///     <receiver-org ref="XM-DAC-47066"/></transaction></iati-activity>"#;
/// let implementer = r#"<iati-activity><iati-identifier>XM-DAC-47066-CS.1078</iati-identifier>
///   <reporting-org ref="XM-DAC-47066"/><activity-date type="2" iso-date="2020-08-17"/>
///   <transaction><transaction-type code="11"/><value currency="EUR" value-date="2020-08-01">3000000</value>
///     <provider-org ref="XI-IATI-EC_FPI" provider-activity-id="XI-IATI-EC_FPI-ICSP/2020/418-048"/></transaction></iati-activity>"#;
/// let mut linker = Linker::new();
/// for xml in [funder, implementer] {
///     linker.add(&IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity"));
/// }
/// let rates = Rates::default();
/// let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR)?;
/// let links = linker.link(&mut valuer);
/// let funding = linker.funding(&links, "XI-IATI-EC", "XM-DAC-47066", &mut valuer);
/// assert_eq!(funding.actions.len(), 1);
/// assert_eq!(funding.totals.naive.to_string(), "EUR 6000000.00");
/// assert_eq!(funding.totals.deduplicated.to_string(), "EUR 3000000.00");
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Funding {
    /// The funder asked about.
    pub funder: String,
    /// The implementer asked about.
    pub implementer: String,
    /// The links between their activities.
    pub links: Vec<Link>,
    /// Broken citations in their activities.
    pub broken: Vec<Broken>,
    /// The funded actions, each once.
    pub actions: Vec<Action>,
    /// Totals, naive and de-duplicated.
    pub totals: FundingTotals,
}

/// Adds `b` to a running sum, or keeps the sum where it cannot be added.
fn add(sum: Money, b: Money) -> Money {
    sum.checked_add(b).unwrap_or(sum)
}

/// The sum of the converted figures, if any.
fn sum(amounts: &[Amount], currency: Currency) -> Option<Money> {
    let converted: Vec<Money> = amounts.iter().filter_map(|a| a.converted).collect();
    (!converted.is_empty()).then(|| converted.into_iter().fold(Money::zero(currency), add))
}

/// The root of `i` in a union-find forest, halving the path on the way.
fn root(parent: &mut [usize], i: usize) -> usize {
    let mut at = i;
    while let Some(&up) = parent.get(at) {
        if up == at {
            break;
        }
        let grand = parent.get(up).copied().unwrap_or(up);
        if let Some(slot) = parent.get_mut(at) {
            *slot = grand;
        }
        at = up;
    }
    at
}

/// The members grouped by the links that tie them (a related link ties nothing: a parent is
/// not the grant), each group in order.
fn groups(members: &BTreeSet<usize>, links: &[&Link]) -> Vec<Vec<usize>> {
    let members: Vec<usize> = members.iter().copied().collect();
    let position: HashMap<usize, usize> =
        members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let mut parent: Vec<usize> = (0..members.len()).collect();
    for link in links.iter().filter(|l| l.grade != Grade::Related) {
        if let (Some(&a), Some(&b)) = (position.get(&link.ends.0), position.get(&link.ends.1)) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if let Some(slot) = parent.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &i) in members.iter().enumerate() {
        groups.entry(root(&mut parent, k)).or_default().push(i);
    }
    groups.into_values().collect()
}

impl Linker {
    /// The activities of each side and the links between the two organisations.
    fn scope<'l>(
        &self,
        links: &'l Links,
        funder: &str,
        implementer: &str,
    ) -> (BTreeSet<usize>, BTreeSet<usize>, Vec<&'l Link>) {
        let publishes =
            |i: usize, org: &str| self.publisher(i).is_some_and(|p| self.same_org(p, org));
        let mut funder_side = BTreeSet::new();
        let mut implementer_side = BTreeSet::new();
        for (i, p) in self.profiles.iter().enumerate() {
            if publishes(i, funder)
                && signals::names(p, Named::Implementer, &|o| self.is_org(o, implementer)).is_some()
            {
                funder_side.insert(i);
            }
            if publishes(i, implementer)
                && signals::names(p, Named::Funder, &|o| self.is_org(o, funder)).is_some()
            {
                implementer_side.insert(i);
            }
        }
        let in_scope: Vec<&Link> = links
            .links
            .iter()
            .filter(|l| {
                self.same_org(&l.funder, funder) && self.same_org(&l.implementer, implementer)
            })
            .collect();
        for link in &in_scope {
            funder_side.insert(link.ends.0);
            implementer_side.insert(link.ends.1);
        }
        (funder_side, implementer_side, in_scope)
    }

    /// The activities of `funder` that name `implementer` as implementer or receiver, those of
    /// `implementer` that name `funder` as funder or provider, and the activities their links
    /// reach, grouped into funded actions with totals counted once. Organisations are IATI
    /// identifiers; a part of one counts (`XI-IATI-EC` finds DG ECHO).
    ///
    /// # Example
    ///
    /// See [`Funding`].
    pub fn funding(
        &self,
        links: &Links,
        funder: &str,
        implementer: &str,
        valuer: &mut Valuer<'_>,
    ) -> Funding {
        let currency = valuer.target();
        let (funder_side, implementer_side, in_scope) = self.scope(links, funder, implementer);
        let members: BTreeSet<usize> = funder_side.union(&implementer_side).copied().collect();
        let groups = groups(&members, &in_scope);
        let mut not_converted = Vec::new();
        let mut amounts =
            |i: usize, funder_role: bool, valuer: &mut Valuer<'_>| -> Option<Amount> {
                let p = self.profiles.get(i)?;
                let amount = if funder_role {
                    self.side_amount(p, Named::Implementer, implementer, valuer)
                } else {
                    self.side_amount(p, Named::Funder, funder, valuer)
                }?;
                not_converted.extend(
                    amount
                        .not_converted
                        .iter()
                        .map(|why| format!("{}: {why}", p.identifier)),
                );
                Some(amount)
            };
        let zero = Money::zero(currency);
        let mut totals = FundingTotals {
            naive: zero,
            deduplicated: zero,
            funder_side: zero,
            implementer_side: zero,
            deduplicated_actions: 0,
            counted_twice: zero,
            without_value: 0,
            not_converted: Vec::new(),
            rule: RULE,
        };
        let mut actions = Vec::new();
        for group in groups {
            let identifiers = |side: &BTreeSet<usize>| -> Vec<String> {
                group
                    .iter()
                    .filter(|i| side.contains(i))
                    .filter_map(|&i| self.profiles.get(i))
                    .map(|p| p.identifier.clone())
                    .collect()
            };
            let funder_amounts: Vec<Amount> = group
                .iter()
                .filter(|i| funder_side.contains(i))
                .filter_map(|&i| amounts(i, true, valuer))
                .collect();
            let implementer_amounts: Vec<Amount> = group
                .iter()
                .filter(|i| implementer_side.contains(i))
                .filter_map(|&i| amounts(i, false, valuer))
                .collect();
            let funder_amount = sum(&funder_amounts, currency);
            let implementer_amount = sum(&implementer_amounts, currency);
            let (value, counted_from) = match (funder_amount, implementer_amount) {
                (Some(f), _) => (Some(f), CountedFrom::Funder),
                (None, Some(i)) => (Some(i), CountedFrom::Implementer),
                (None, None) => (None, CountedFrom::Neither),
            };
            let mut grades: Vec<Grade> = in_scope
                .iter()
                .filter(|l| group.contains(&l.ends.0) && group.contains(&l.ends.1))
                .map(|l| l.grade)
                .collect();
            grades.sort_unstable();
            grades.dedup();
            let profiles = group.iter().filter_map(|&i| self.profiles.get(i));
            let start = profiles.clone().filter_map(|p| p.start).min();
            let end = profiles.filter_map(|p| p.end.or(p.start)).max();
            let action = Action {
                funder_activities: identifiers(&funder_side),
                implementer_activities: identifiers(&implementer_side),
                grades,
                funder_amount,
                implementer_amount,
                value,
                counted_from,
                start,
                end,
            };
            totals.count(&action);
            actions.push(action);
        }
        totals.not_converted = not_converted;
        Funding {
            funder: funder.to_owned(),
            implementer: implementer.to_owned(),
            links: in_scope.into_iter().cloned().collect(),
            broken: links
                .broken
                .iter()
                .filter(|b| members.contains(&b.citing))
                .cloned()
                .collect(),
            actions,
            totals,
        }
    }
}

/// A stated figure set against the figure found, with its comparator respected.
///
/// # Example
///
/// See [`PortfolioCheck`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The stated figure's identifier.
    pub stated_figure: String,
    /// The stated quantity, in words ("about EUR 1.88 billion").
    pub stated: String,
    /// The figure found, in full: money to the cent.
    pub found: String,
    /// Whether the found figure is what the stated one allows.
    pub consistent: bool,
    /// Found less stated, where both are of one kind (numbers, or money of one currency).
    #[serde(with = "crate::serde_text::option_decimal_text")]
    pub difference: Option<Decimal>,
    /// The difference as a share of the stated value, rounded to four places.
    #[serde(with = "crate::serde_text::option_decimal_text")]
    pub relative: Option<Decimal>,
    /// How far "about" may be off, as a share of the stated value; exact comparators use
    /// none.
    #[serde(with = "crate::serde_text::decimal_text")]
    pub tolerance: Decimal,
}

impl Comparison {
    /// Sets `found` against the figure `stated`: "about" allows `tolerance` either way (a share
    /// of the stated value), "more than", "at least", "at most", "less than" and "between"
    /// their bounds, "exactly" equality. Money in another currency than the stated one is not
    /// consistent.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::links::Comparison;
    /// use partnerships::figure::{FigureValue, Unit};
    /// use partnerships::id::FigureId;
    /// use partnerships::{Figure, Money, Quantity};
    /// use rust_decimal::Decimal;
    ///
    /// let stated = Figure::builder(FigureId::new("ec-iom-value")?, Quantity::about("EUR 1880000000".parse::<Money>()?), Unit::Money).build()?;
    /// let near = Comparison::of(&stated, FigureValue::Money("EUR 1800000000".parse()?), Decimal::new(10, 2));
    /// assert!(near.consistent);
    /// assert_eq!(near.relative, Some(Decimal::new(-426, 4)));
    /// let far = Comparison::of(&stated, FigureValue::Money("EUR 18000000".parse()?), Decimal::new(10, 2));
    /// assert!(!far.consistent);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn of(stated: &Figure, found: FigureValue, tolerance: Decimal) -> Comparison {
        let quantity = stated.quantity();
        // A value as a number and, for money, its currency.
        let number = |v: &FigureValue| match v {
            FigureValue::Number(n) => (*n, None),
            FigureValue::Money(m) => (m.amount(), Some(m.currency())),
        };
        let (found_n, found_c) = number(&found);
        let comparable = |v: &FigureValue| {
            Some(number(v))
                .filter(|(_, c)| *c == found_c)
                .map(|(n, _)| n)
        };
        let stated_n = comparable(quantity.value());
        let difference = stated_n.and_then(|s| found_n.checked_sub(s));
        let relative = match (difference, stated_n) {
            (Some(d), Some(s)) if !s.is_zero() => d.checked_div(s).map(|r| r.round_dp(4)),
            _ => None,
        };
        let within = |bound: Option<crate::figure::Bound>, above: bool| match bound {
            None => Some(true),
            Some(b) => comparable(&b.value).map(|v| match (above, b.inclusive) {
                (true, true) => found_n >= v,
                (true, false) => found_n > v,
                (false, true) => found_n <= v,
                (false, false) => found_n < v,
            }),
        };
        let uses_tolerance = quantity.comparator() == Comparator::About;
        let consistent = if uses_tolerance {
            relative.is_some_and(|r| r.abs() <= tolerance)
        } else {
            stated_n.is_some()
                && within(quantity.lower_bound(), true) == Some(true)
                && within(quantity.upper_bound(), false) == Some(true)
        };
        Comparison {
            stated_figure: stated.id().to_string(),
            stated: quantity.to_string(),
            found: match found {
                FigureValue::Money(m) => m.grouped().to_string(),
                FigureValue::Number(_) => found.to_string(),
            },
            consistent,
            difference,
            relative,
            tolerance: if uses_tolerance {
                tolerance
            } else {
                Decimal::ZERO
            },
        }
    }
}

/// The portfolio behind a claim: the funded actions of a funder and an implementer in a
/// period, counted once, as derived figures with their inputs, and set against what was
/// stated.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::convention::{Convention, Rates, Valuer};
/// use partnerships::analysis::links::Linker;
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::Currency;
/// use rust_decimal::Decimal;
///
/// let xml = r#"<iati-activity><iati-identifier>XI-IATI-EC_NEAR-1</iati-identifier>
///   <reporting-org ref="XI-IATI-EC_NEAR"/><activity-date type="2" iso-date="2017-01-01"/>
///   <transaction><transaction-type code="2"/><value currency="EUR" value-date="2017-01-01">2000000</value>
///     <receiver-org ref="XM-DAC-47066"/></transaction></iati-activity>"#;
/// let mut linker = Linker::new();
/// linker.add(&IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity"));
/// let rates = Rates::default();
/// let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR)?;
/// let links = linker.link(&mut valuer);
/// let funding = linker.funding(&links, "XI-IATI-EC", "XM-DAC-47066", &mut valuer);
/// let check = funding.portfolio("ec-iom", Some("2015/2019".parse()?))?;
/// assert_eq!(check.count.to_string(), "1 funded actions of XI-IATI-EC and XM-DAC-47066");
/// assert_eq!(check.total().map(|m| m.to_string()).as_deref(), Some("EUR 2000000.00"));
/// let eu_iom = partnerships::data::eu_iom_2020();
/// let stated = eu_iom.figure(&"ec-iom-value".parse()?).expect("the seed's figure");
/// let comparison = check.compare(stated, Decimal::new(10, 2));
/// assert!(!comparison.consistent);
/// assert_eq!(comparison.stated, "about EUR 1.88 billion");
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortfolioCheck {
    /// The period, if one was asked for.
    pub period: Option<String>,
    /// The actions counted, by position in [`Funding::actions`].
    pub actions: Vec<usize>,
    /// How many funded actions.
    pub count: Figure,
    /// Their value, counted once.
    pub value: Figure,
    /// One figure per action with a value, the inputs of `value`.
    pub inputs: Vec<Figure>,
    /// Actions left out of `value` for want of a figure.
    pub without_value: usize,
}

impl Funding {
    /// The funded actions that run at some time in `period` (all of them without one), as a
    /// count and a value, derived figures whose identifiers start with `id`; each action with a
    /// value is an input figure of its own (`{id}-action-{n}`).
    ///
    /// # Errors
    ///
    /// When `id` does not make figure identifiers (see [`FigureId::new`]).
    ///
    /// # Example
    ///
    /// See [`PortfolioCheck`].
    pub fn portfolio(&self, id: &str, period: Option<Period>) -> Result<PortfolioCheck, Error> {
        let chosen: Vec<usize> = self
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.within(period.as_ref()))
            .map(|(k, _)| k)
            .collect();
        let currency = self.totals.naive.currency();
        let mut inputs = Vec::new();
        let mut value = Money::zero(currency);
        let mut without_value = 0usize;
        for &k in &chosen {
            let Some(action) = self.actions.get(k) else {
                continue;
            };
            let Some(v) = action.value else {
                without_value = without_value.saturating_add(1);
                continue;
            };
            value = add(value, v);
            let activities: Vec<&str> = action
                .funder_activities
                .iter()
                .chain(&action.implementer_activities)
                .map(String::as_str)
                .collect();
            let mut figure = Figure::builder(
                FigureId::new(format!("{id}-action-{}", k.saturating_add(1)))?,
                Quantity::exactly(v),
                Unit::Money,
            )
            .counts(format!(
                "{}, counted from the {}",
                activities.join(" and "),
                action.counted_from
            ));
            if let Some(p) = period {
                figure = figure.period(p);
            }
            inputs.push(figure.build()?);
        }
        let parties = format!("{} and {}", self.funder, self.implementer);
        let input_ids: Vec<FigureId> = inputs.iter().map(|f| f.id().clone()).collect();
        let mut count = Figure::builder(
            FigureId::new(format!("{id}-actions"))?,
            Quantity::exactly(Decimal::from(chosen.len())),
            Unit::Projects,
        )
        .counts(format!("funded actions of {parties}"))
        .derived(
            Vec::new(),
            "distinct funded actions: linked activities count once",
        );
        let mut total = Figure::builder(
            FigureId::new(format!("{id}-value"))?,
            Quantity::exactly(value),
            Unit::Money,
        )
        .counts(format!(
            "funded by {} and implemented by {}",
            self.funder, self.implementer
        ))
        .derived(input_ids, format!("sum, {RULE}"));
        if let Some(p) = period {
            count = count.period(p);
            total = total.period(p);
        }
        Ok(PortfolioCheck {
            period: period.map(|p| p.to_string()),
            actions: chosen,
            count: count.build()?,
            value: total.build()?,
            inputs,
            without_value,
        })
    }
}

impl PortfolioCheck {
    /// The value counted once, as money to the cent (the value figure's amount).
    ///
    /// # Example
    ///
    /// See [`PortfolioCheck`].
    #[must_use]
    pub fn total(&self) -> Option<Money> {
        match self.value.quantity().value() {
            FigureValue::Money(m) => Some(*m),
            FigureValue::Number(_) => None,
        }
    }

    /// Sets a stated figure against the count or the value found, whichever it measures
    /// (money against the value, anything else against the count).
    ///
    /// # Example
    ///
    /// See [`PortfolioCheck`].
    #[must_use]
    pub fn compare(&self, stated: &Figure, tolerance: Decimal) -> Comparison {
        let found = if stated.quantity().value().is_money() {
            *self.value.quantity().value()
        } else {
            *self.count.quantity().value()
        };
        Comparison::of(stated, found, tolerance)
    }
}

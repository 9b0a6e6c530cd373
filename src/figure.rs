//! Figures as a source reported them, and the sources themselves.
//!
//! "More than 84,000" is not 84,000, and "approximately EUR 1.88 billion" is not
//! EUR 1,880,000,000.00. A [`Figure`] keeps the comparator the source used, the unit, what it
//! counts, the period it covers, the date it was true on, whether it was stated or derived, and
//! the sources that give it.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::{PartialDate, Period};
use crate::error::Error;
use crate::id::{FigureId, SourceId};
use crate::money::{exact_product, Money};

mod quantity;
mod source;
mod subject;

pub use quantity::{Bound, Comparator, FigureValue, Quantity};
pub use source::Source;
pub use subject::{Derivation, Subject};

/// What a figure counts in.
///
/// The serde and text form is a lower-case word: `people`, `countries`, `projects`, `money`, or
/// any other word for a named unit.
///
/// # Example
///
/// ```
/// use partnerships::figure::Unit;
///
/// assert_eq!(Unit::from("people"), Unit::People);
/// assert_eq!(Unit::from("returns").to_string(), "returns");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "String", into = "String")]
#[non_exhaustive]
pub enum Unit {
    /// People (migrants, returnees, staff).
    People,
    /// Countries.
    Countries,
    /// Projects.
    Projects,
    /// An amount of money; the figure's values are [`Money`].
    Money,
    /// A place in a ranking of what the figure counts, 1 the largest: "the EU and its Member
    /// States are the largest contributors to IOM's budget" is rank 1 among "contributors to
    /// IOM's budget", and reads as the words, not as a number.
    Rank,
    /// Any other unit, named.
    Other(String),
}

impl From<&str> for Unit {
    fn from(word: &str) -> Unit {
        match word {
            "people" => Unit::People,
            "countries" => Unit::Countries,
            "projects" => Unit::Projects,
            "money" => Unit::Money,
            "rank" => Unit::Rank,
            other => Unit::Other(other.to_owned()),
        }
    }
}

impl From<String> for Unit {
    fn from(word: String) -> Unit {
        Unit::from(word.as_str())
    }
}

impl From<Unit> for String {
    fn from(unit: Unit) -> String {
        unit.to_string()
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::People => "people",
            Unit::Countries => "countries",
            Unit::Projects => "projects",
            Unit::Money => "money",
            Unit::Rank => "rank",
            Unit::Other(word) => word,
        })
    }
}

/// A reported quantity: a value with its comparator, unit, what it counts, period, date and
/// sources.
///
/// The unit and the value agree: a figure in [`Unit::Money`] has [`Money`] values and no other
/// unit has. Build one with [`Figure::builder`].
///
/// # Example
///
/// ```
/// use partnerships::figure::Unit;
/// use partnerships::id::{FigureId, SourceId};
/// use partnerships::{Figure, Quantity};
/// use rust_decimal::Decimal;
///
/// let returns = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
///     .counts("migrants protected and assisted in returning to their home country")
///     .period("2016-12/..".parse()?)
///     .as_of("2020-10-13".parse()?)
///     .source(SourceId::new("seed")?)
///     .build()?;
/// assert_eq!(returns.to_string(), "more than 84,000 migrants protected and assisted in returning to their home country");
/// assert_eq!(returns.quantity().lower_bound().map(|b| b.inclusive), Some(false));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "FigureRepr", into = "FigureRepr")]
pub struct Figure {
    id: FigureId,
    quantity: Quantity,
    unit: Unit,
    counts: String,
    period: Option<Period>,
    as_of: Option<PartialDate>,
    derivation: Derivation,
    subjects: Vec<Subject>,
    sources: Vec<SourceId>,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename = "Figure")]
struct FigureRepr {
    id: FigureId,
    quantity: Quantity,
    unit: Unit,
    #[serde(default)]
    counts: String,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    as_of: Option<PartialDate>,
    #[serde(default)]
    derivation: Derivation,
    #[serde(default)]
    subjects: Vec<Subject>,
    #[serde(default)]
    sources: Vec<SourceId>,
}

impl TryFrom<FigureRepr> for Figure {
    type Error = Error;

    fn try_from(repr: FigureRepr) -> Result<Figure, Error> {
        let mut builder = Figure::builder(repr.id, repr.quantity, repr.unit).counts(repr.counts);
        builder.figure.period = repr.period;
        builder.figure.as_of = repr.as_of;
        builder.figure.derivation = repr.derivation;
        builder.figure.subjects = repr.subjects;
        builder.figure.sources = repr.sources;
        builder.build()
    }
}

impl From<Figure> for FigureRepr {
    fn from(figure: Figure) -> FigureRepr {
        FigureRepr {
            id: figure.id,
            quantity: figure.quantity,
            unit: figure.unit,
            counts: figure.counts,
            period: figure.period,
            as_of: figure.as_of,
            derivation: figure.derivation,
            subjects: figure.subjects,
            sources: figure.sources,
        }
    }
}

/// Builds a [`Figure`]; see [`Figure::builder`].
///
/// # Example
///
/// ```
/// use partnerships::figure::Unit;
/// use partnerships::id::FigureId;
/// use partnerships::{Figure, Quantity};
/// use rust_decimal::Decimal;
///
/// let countries = Figure::builder(FigureId::new("iom-countries")?, Quantity::exactly(Decimal::from(34)), Unit::Countries)
///     .period("2017/..".parse()?)
///     .build()?;
/// assert_eq!(countries.to_string(), "34 countries");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build() is called"]
pub struct FigureBuilder {
    figure: Figure,
}

impl FigureBuilder {
    /// What the figure counts, starting with its noun: "migrants protected and assisted ...".
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .counts("migrants assisted in returning home")
    ///     .build()?;
    /// assert_eq!(f.counts(), "migrants assisted in returning home");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn counts(mut self, counts: impl Into<String>) -> FigureBuilder {
        self.figure.counts = counts.into();
        self
    }

    /// The period the figure covers.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .period("2016-12/..".parse()?)
    ///     .build()?;
    /// assert_eq!(f.period().map(|p| p.to_string()), Some("2016-12/..".to_owned()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn period(mut self, period: Period) -> FigureBuilder {
        self.figure.period = Some(period);
        self
    }

    /// The date the figure was true on.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .as_of("2020-10-13".parse()?)
    ///     .build()?;
    /// assert_eq!(f.as_of().map(|d| d.to_string()), Some("2020-10-13".to_owned()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn as_of(mut self, date: PartialDate) -> FigureBuilder {
        self.figure.as_of = Some(date);
        self
    }

    /// Marks the figure as derived from `inputs` by `method`.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .derived(vec![FigureId::new("a")?, FigureId::new("b")?], "sum")
    ///     .build()?;
    /// assert!(!f.derivation().is_stated());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn derived(mut self, inputs: Vec<FigureId>, method: impl Into<String>) -> FigureBuilder {
        self.figure.derivation = Derivation::Derived {
            inputs,
            method: method.into(),
        };
        self
    }

    /// Adds a subject the figure is about.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .about(Subject::Programme(ProgrammeId::new("ji")?))
    ///     .build()?;
    /// assert_eq!(f.subjects().len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn about(mut self, subject: Subject) -> FigureBuilder {
        self.figure.subjects.push(subject);
        self
    }

    /// Adds a source that gives the figure.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .source(SourceId::new("seed")?)
    ///     .build()?;
    /// assert_eq!(f.sources()[0].as_str(), "seed");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn source(mut self, source: SourceId) -> FigureBuilder {
        self.figure.sources.push(source);
        self
    }

    /// The figure.
    ///
    /// # Errors
    ///
    /// When the unit and the value disagree: money values need [`Unit::Money`], and
    /// [`Unit::Money`] needs money values.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let err = Figure::builder(FigureId::new("f")?, Quantity::exactly(Decimal::ONE), Unit::Money).build().unwrap_err();
    /// assert_eq!(err.to_string(), "figure f: a value of 1 cannot be counted in money");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn build(self) -> Result<Figure, Error> {
        let figure = self.figure;
        let money = figure.quantity.value().is_money();
        if money != (figure.unit == Unit::Money) {
            return Err(Error::invalid_input(format_args!(
                "figure {}: a value of {} cannot be counted in {}",
                figure.id, figure.quantity, figure.unit
            )));
        }
        Ok(figure)
    }
}

impl Figure {
    /// Starts a figure with its identifier, quantity and unit.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::Unit;
    /// use partnerships::id::FigureId;
    /// use partnerships::{Figure, Quantity};
    ///
    /// let value = Figure::builder(FigureId::new("portfolio-value")?, Quantity::about("EUR 1880000000.00".parse::<partnerships::Money>()?), Unit::Money).build()?;
    /// assert_eq!(value.to_string(), "about EUR 1.88 billion");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn builder(id: FigureId, quantity: Quantity, unit: Unit) -> FigureBuilder {
        FigureBuilder {
            figure: Figure {
                id,
                quantity,
                unit,
                counts: String::new(),
                period: None,
                as_of: None,
                derivation: Derivation::Stated,
                subjects: Vec::new(),
                sources: Vec::new(),
            },
        }
    }

    /// The figure's identifier.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .build()?;
    /// assert_eq!(f.id().as_str(), "ji-returns");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &FigureId {
        &self.id
    }

    /// The value and its comparator.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .build()?;
    /// assert_eq!(f.quantity().comparator(), Comparator::MoreThan);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn quantity(&self) -> &Quantity {
        &self.quantity
    }

    /// The unit.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .build()?;
    /// assert_eq!(f.unit(), &Unit::People);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn unit(&self) -> &Unit {
        &self.unit
    }

    /// What the figure counts ("migrants protected ..."); empty when not said.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .counts("migrants")
    ///     .build()?;
    /// assert_eq!(f.counts(), "migrants");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn counts(&self) -> &str {
        &self.counts
    }

    /// The period the figure covers.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .period("2016-12/..".parse()?)
    ///     .build()?;
    /// assert!(f.period().is_some());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn period(&self) -> Option<Period> {
        self.period
    }

    /// The date the figure was true on.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .build()?;
    /// assert!(f.as_of().is_none());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn as_of(&self) -> Option<PartialDate> {
        self.as_of
    }

    /// Whether it was stated or derived.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .build()?;
    /// assert!(f.derivation().is_stated());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn derivation(&self) -> &Derivation {
        &self.derivation
    }

    /// What the figure is about.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .about(Subject::Organisation(OrganisationId::new("iom")?))
    ///     .build()?;
    /// assert_eq!(f.subjects()[0].to_string(), "organisation iom");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn subjects(&self) -> &[Subject] {
        &self.subjects
    }

    /// The sources that give it.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// # use rust_decimal::Decimal;
    /// let f = Figure::builder(FigureId::new("ji-returns")?, Quantity::more_than(Decimal::from(84_000)), Unit::People)
    ///     .source(SourceId::new("seed")?)
    ///     .build()?;
    /// assert_eq!(f.sources().len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn sources(&self) -> &[SourceId] {
        &self.sources
    }

    /// This figure divided by a count: "about EUR 1.88 billion" over "535 projects" is a derived
    /// figure of about EUR 3.51 million per project (EUR 3,514,018.69 held).
    ///
    /// The result is exact only when both inputs are exact and the division comes out exactly
    /// (at the currency's minor units for money, at most 28 decimal places for numbers);
    /// otherwise it is "about", never falsely exact. Money is rounded half-even to its minor units
    /// and numbers to two decimal places when the division is not exact. The result keeps this
    /// figure's unit, period and subjects, the later of the two as-of dates and both figures'
    /// sources, and records both figures as its inputs.
    ///
    /// # Errors
    ///
    /// When `count` is money or zero or not positive, or the division overflows.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::{Comparator, Unit};
    /// use partnerships::id::FigureId;
    /// use partnerships::{Figure, Money, Quantity};
    /// use rust_decimal::Decimal;
    ///
    /// let value = Figure::builder(FigureId::new("value")?, Quantity::about("EUR 1880000000.00".parse::<Money>()?), Unit::Money).build()?;
    /// let projects = Figure::builder(FigureId::new("projects")?, Quantity::exactly(Decimal::from(535)), Unit::Projects).build()?;
    /// let average = value.per(&projects, FigureId::new("average")?, "average value per project")?;
    /// assert_eq!(average.quantity().comparator(), Comparator::About);
    /// assert_eq!(average.to_string(), "about EUR 3.51 million average value per project");
    /// assert!(!average.derivation().is_stated());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn per(
        &self,
        count: &Figure,
        id: FigureId,
        counts: impl Into<String>,
    ) -> Result<Figure, Error> {
        let divisor = match count.quantity.value() {
            FigureValue::Number(n) if *n > Decimal::ZERO => *n,
            _ => {
                return Err(Error::invalid_input(format_args!(
                    "figure {} cannot divide by figure {}: a count must be a positive number",
                    self.id, count.id
                )))
            }
        };
        let overflow = || Error::overflow(format_args!("{} / {}", self.quantity, count.quantity));
        let (value, exact) = match self.quantity.value() {
            FigureValue::Number(n) => {
                let q = n.checked_div(divisor).ok_or_else(overflow)?;
                let exact = exact_product(q, divisor) == Some(*n);
                let q = if exact { q.normalize() } else { q.round_dp(2) };
                (FigureValue::Number(q), exact)
            }
            FigureValue::Money(m) => {
                let q = m.amount().checked_div(divisor).ok_or_else(overflow)?;
                let rounded = match m.currency().minor_units() {
                    Some(units) => q.round_dp_with_strategy(
                        u32::from(units),
                        rust_decimal::RoundingStrategy::MidpointNearestEven,
                    ),
                    None => q,
                };
                let exact = exact_product(rounded, divisor) == Some(m.amount());
                (FigureValue::Money(Money::new(rounded, m.currency())), exact)
            }
        };
        let quantity = if exact && self.quantity.is_exact() && count.quantity.is_exact() {
            Quantity::exactly(value)
        } else {
            Quantity::about(value)
        };
        let as_of = match (self.as_of, count.as_of) {
            (Some(a), Some(b)) => Some(if a.sort_key() >= b.sort_key() { a } else { b }),
            (a, b) => a.or(b),
        };
        let mut sources = self.sources.clone();
        sources.extend(
            count
                .sources
                .iter()
                .filter(|s| !self.sources.contains(s))
                .cloned(),
        );
        let mut figure = Figure::builder(id, quantity, self.unit.clone())
            .counts(counts)
            .derived(vec![self.id.clone(), count.id.clone()], "quotient");
        figure.figure.period = self.period.or(count.period);
        figure.figure.as_of = as_of;
        figure.figure.subjects.clone_from(&self.subjects);
        figure.figure.sources = sources;
        figure.build()
    }
}

impl fmt::Display for Figure {
    /// The quantity as a careful writer words it, then what it counts: "more than 84,000
    /// migrants ...", "about EUR 1.88 billion", "34 countries"; a rank in words, "the largest
    /// contributors to IOM's budget", "the third-largest donors", "among the 5 largest donors".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unit == Unit::Rank {
            if let FigureValue::Number(n) = self.quantity.value() {
                let place = match n.normalize().to_string().as_str() {
                    "1" => "largest".to_owned(),
                    "2" => "second-largest".to_owned(),
                    "3" => "third-largest".to_owned(),
                    other => format!("{other}th-largest"),
                };
                return match self.quantity.comparator() {
                    Comparator::Exactly => write!(f, "the {place} {}", self.counts),
                    Comparator::AtMost => write!(f, "among the {n} largest {}", self.counts),
                    _ => write!(f, "{} in rank among {}", self.quantity, self.counts),
                };
            }
        }
        write!(f, "{}", self.quantity)?;
        if !self.counts.is_empty() {
            write!(f, " {}", self.counts)
        } else if self.unit != Unit::Money {
            write!(f, " {}", self.unit)
        } else {
            Ok(())
        }
    }
}

//! A value with the comparator its source used: "more than 84,000", "about EUR 1.88 billion".

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::money::{human_number, Money};
use crate::serde_text::decimal_text;

/// A figure's value: a plain number or an amount of money.
///
/// In serde formats: `{"number": "84000"}` or `{"money": {"amount": "1880000000.00", "currency": "EUR"}}`.
///
/// # Example
///
/// ```
/// use partnerships::figure::FigureValue;
/// use rust_decimal::Decimal;
///
/// let v = FigureValue::from(Decimal::from(84_000));
/// assert_eq!(v.to_string(), "84,000");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FigureValue {
    /// A number of people, countries, projects or another unit.
    Number(
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
        Decimal,
    ),
    /// An amount of money.
    Money(Money),
}

impl FigureValue {
    /// Whether the value is money.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::FigureValue;
    /// use partnerships::Money;
    ///
    /// assert!(FigureValue::from("EUR 1.00".parse::<Money>()?).is_money());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn is_money(&self) -> bool {
        matches!(self, FigureValue::Money(_))
    }

    /// Orders two values of one kind (numbers, or money of one currency).
    fn compare(&self, other: &FigureValue) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (FigureValue::Number(a), FigureValue::Number(b)) => Some(a.cmp(b)),
            (FigureValue::Money(a), FigureValue::Money(b)) => a.checked_cmp(b).ok(),
            _ => None,
        }
    }
}

impl From<Decimal> for FigureValue {
    fn from(number: Decimal) -> FigureValue {
        FigureValue::Number(number)
    }
}

impl From<Money> for FigureValue {
    fn from(money: Money) -> FigureValue {
        FigureValue::Money(money)
    }
}

/// Significant digits of a value as written, for display: `84000` has 2, `1880000000.00` has 3.
fn significant_digits(value: Decimal) -> u32 {
    let digits = value.normalize().mantissa().unsigned_abs().to_string();
    let trimmed = digits.trim_end_matches('0');
    u32::try_from(trimmed.len()).unwrap_or(28).clamp(1, 28)
}

impl FigureValue {
    /// Writes the value with at most `figures` significant figures where it is large enough for
    /// a scale word.
    fn write(&self, f: &mut fmt::Formatter<'_>, figures: u32) -> fmt::Result {
        match self {
            FigureValue::Number(n) => {
                f.write_str(&human_number(*n, significant_digits(*n).min(figures)))
            }
            FigureValue::Money(m) => {
                if m.amount().abs() >= Decimal::from(1_000_000) {
                    write!(
                        f,
                        "{}",
                        m.human(significant_digits(m.amount()).min(figures))
                    )
                } else {
                    write!(f, "{}", m.grouped())
                }
            }
        }
    }
}

impl fmt::Display for FigureValue {
    /// Numbers grouped in thousands (`84,000`), with a scale word from a million up
    /// (`2.5 million`); money as `EUR 1.88 billion`, with as many significant figures as the
    /// value has.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 28)
    }
}

/// An approximate value is shown to at most this many significant figures: "about EUR 3.51
/// million", not "about EUR 3.51401869 million".
const ABOUT_FIGURES: u32 = 3;

/// How a source qualified a value.
///
/// # Example
///
/// ```
/// use partnerships::figure::Comparator;
///
/// assert_eq!(Comparator::MoreThan.words(), "more than");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Comparator {
    /// Exactly the value.
    Exactly,
    /// More than the value, not the value itself.
    MoreThan,
    /// The value or more.
    AtLeast,
    /// About the value ("approximately").
    About,
    /// The value or less.
    AtMost,
    /// Less than the value.
    LessThan,
    /// Between two values, both included.
    Between,
}

impl Comparator {
    /// The words a careful writer puts before the value ("" for exactly).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::Comparator;
    ///
    /// assert_eq!(Comparator::About.words(), "about");
    /// assert_eq!(Comparator::Exactly.words(), "");
    /// ```
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Comparator::Exactly => "",
            Comparator::MoreThan => "more than",
            Comparator::AtLeast => "at least",
            Comparator::About => "about",
            Comparator::AtMost => "at most",
            Comparator::LessThan => "less than",
            Comparator::Between => "between",
        }
    }
}

/// One end of the range a quantity allows.
///
/// # Example
///
/// ```
/// use partnerships::Quantity;
/// use rust_decimal::Decimal;
///
/// let q = Quantity::at_least(Decimal::from(10));
/// let lower = q.lower_bound().unwrap();
/// assert!(lower.inclusive);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bound {
    /// The value at the end.
    pub value: FigureValue,
    /// Whether the value itself is allowed.
    pub inclusive: bool,
}

/// A value and its comparator, or two values for "between".
///
/// # Example
///
/// ```
/// use partnerships::figure::Comparator;
/// use partnerships::Quantity;
/// use rust_decimal::Decimal;
///
/// let q = Quantity::more_than(Decimal::from(25_000));
/// assert_eq!(q.comparator(), Comparator::MoreThan);
/// assert_eq!(q.to_string(), "more than 25,000");
/// assert!(q.upper_bound().is_none());
///
/// let range = Quantity::between(Decimal::from(10), Decimal::from(20))?;
/// assert_eq!(range.to_string(), "between 10 and 20");
/// assert!(Quantity::between(Decimal::from(20), Decimal::from(10)).is_err());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "QuantityRepr", into = "QuantityRepr")]
pub struct Quantity {
    comparator: Comparator,
    value: FigureValue,
    upper: Option<FigureValue>,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename = "Quantity")]
struct QuantityRepr {
    comparator: Comparator,
    value: FigureValue,
    #[serde(default)]
    upper: Option<FigureValue>,
}

impl TryFrom<QuantityRepr> for Quantity {
    type Error = Error;

    fn try_from(repr: QuantityRepr) -> Result<Quantity, Error> {
        match (repr.comparator, repr.upper) {
            (Comparator::Between, Some(upper)) => Quantity::between(repr.value, upper),
            (comparator, None) => Quantity::new(comparator, repr.value),
            (comparator, Some(_)) => Err(Error::invalid_input(format_args!(
                "only \"between\" takes an upper value, not {comparator:?}"
            ))),
        }
    }
}

impl From<Quantity> for QuantityRepr {
    fn from(q: Quantity) -> QuantityRepr {
        QuantityRepr {
            comparator: q.comparator,
            value: q.value,
            upper: q.upper,
        }
    }
}

impl Quantity {
    /// A value with a one-value comparator.
    ///
    /// # Errors
    ///
    /// For [`Comparator::Between`], which needs two values: use [`Quantity::between`].
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::Comparator;
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// let q = Quantity::new(Comparator::AtMost, Decimal::from(5))?;
    /// assert_eq!(q.to_string(), "at most 5");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn new(comparator: Comparator, value: impl Into<FigureValue>) -> Result<Quantity, Error> {
        if comparator == Comparator::Between {
            return Err(Error::invalid_input(
                "\"between\" needs two values: use Quantity::between",
            ));
        }
        Ok(Quantity {
            comparator,
            value: value.into(),
            upper: None,
        })
    }

    fn one(comparator: Comparator, value: FigureValue) -> Quantity {
        Quantity {
            comparator,
            value,
            upper: None,
        }
    }

    /// Exactly `value`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Quantity::exactly(Decimal::from(97_000)).to_string(), "97,000");
    /// ```
    pub fn exactly(value: impl Into<FigureValue>) -> Quantity {
        Quantity::one(Comparator::Exactly, value.into())
    }

    /// More than `value`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Quantity::more_than(Decimal::from(84_000)).to_string(), "more than 84,000");
    /// ```
    pub fn more_than(value: impl Into<FigureValue>) -> Quantity {
        Quantity::one(Comparator::MoreThan, value.into())
    }

    /// `value` or more.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Quantity::at_least(Decimal::from(3)).to_string(), "at least 3");
    /// ```
    pub fn at_least(value: impl Into<FigureValue>) -> Quantity {
        Quantity::one(Comparator::AtLeast, value.into())
    }

    /// About `value`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Money, Quantity};
    ///
    /// assert_eq!(Quantity::about("EUR 1880000000.00".parse::<Money>()?).to_string(), "about EUR 1.88 billion");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn about(value: impl Into<FigureValue>) -> Quantity {
        Quantity::one(Comparator::About, value.into())
    }

    /// `value` or less.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Quantity::at_most(Decimal::from(3)).to_string(), "at most 3");
    /// ```
    pub fn at_most(value: impl Into<FigureValue>) -> Quantity {
        Quantity::one(Comparator::AtMost, value.into())
    }

    /// Less than `value`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Quantity::less_than(Decimal::from(3)).to_string(), "less than 3");
    /// ```
    pub fn less_than(value: impl Into<FigureValue>) -> Quantity {
        Quantity::one(Comparator::LessThan, value.into())
    }

    /// Between `lower` and `upper`, both included.
    ///
    /// # Errors
    ///
    /// When the values are of different kinds (a number and money, or two currencies) or
    /// `lower` is above `upper`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Money, Quantity};
    ///
    /// let q = Quantity::between("EUR 1.00".parse::<Money>()?, "EUR 2.00".parse::<Money>()?)?;
    /// assert_eq!(q.to_string(), "between EUR 1.00 and EUR 2.00");
    /// let err = Quantity::between("EUR 1.00".parse::<Money>()?, "USD 2.00".parse::<Money>()?).unwrap_err();
    /// assert_eq!(err.to_string(), "a range cannot run from EUR 1.00 to USD 2.00");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn between(
        lower: impl Into<FigureValue>,
        upper: impl Into<FigureValue>,
    ) -> Result<Quantity, Error> {
        let (lower, upper) = (lower.into(), upper.into());
        match lower.compare(&upper) {
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal) => Ok(Quantity {
                comparator: Comparator::Between,
                value: lower,
                upper: Some(upper),
            }),
            _ => Err(Error::invalid_input(format_args!(
                "a range cannot run from {lower} to {upper}"
            ))),
        }
    }

    /// The comparator.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::Comparator;
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Quantity::exactly(Decimal::ONE).comparator(), Comparator::Exactly);
    /// ```
    #[must_use]
    pub fn comparator(&self) -> Comparator {
        self.comparator
    }

    /// The value (the lower one for "between").
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::FigureValue;
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Quantity::about(Decimal::TEN).value(), &FigureValue::Number(Decimal::TEN));
    /// ```
    #[must_use]
    pub fn value(&self) -> &FigureValue {
        &self.value
    }

    /// The upper value of "between".
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::FigureValue;
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// let q = Quantity::between(Decimal::ONE, Decimal::TEN)?;
    /// assert_eq!(q.upper(), Some(&FigureValue::Number(Decimal::TEN)));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn upper(&self) -> Option<&FigureValue> {
        self.upper.as_ref()
    }

    /// Whether the quantity is exactly its value.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert!(Quantity::exactly(Decimal::ONE).is_exact());
    /// assert!(!Quantity::about(Decimal::ONE).is_exact());
    /// ```
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.comparator == Comparator::Exactly
    }

    /// The lowest value the quantity allows, where the comparator gives one ("about" gives none).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::FigureValue;
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// let more = Quantity::more_than(Decimal::from(84_000)).lower_bound().unwrap();
    /// assert_eq!((more.value, more.inclusive), (FigureValue::Number(Decimal::from(84_000)), false));
    /// assert!(Quantity::about(Decimal::ONE).lower_bound().is_none());
    /// ```
    #[must_use]
    pub fn lower_bound(&self) -> Option<Bound> {
        let bound = |inclusive| {
            Some(Bound {
                value: self.value,
                inclusive,
            })
        };
        match self.comparator {
            Comparator::Exactly | Comparator::AtLeast | Comparator::Between => bound(true),
            Comparator::MoreThan => bound(false),
            Comparator::About | Comparator::AtMost | Comparator::LessThan => None,
        }
    }

    /// The highest value the quantity allows, where the comparator gives one.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Quantity;
    /// use rust_decimal::Decimal;
    ///
    /// assert!(Quantity::less_than(Decimal::TEN).upper_bound().is_some_and(|b| !b.inclusive));
    /// assert!(Quantity::more_than(Decimal::TEN).upper_bound().is_none());
    /// ```
    #[must_use]
    pub fn upper_bound(&self) -> Option<Bound> {
        match self.comparator {
            Comparator::Exactly | Comparator::AtMost => Some(Bound {
                value: self.value,
                inclusive: true,
            }),
            Comparator::LessThan => Some(Bound {
                value: self.value,
                inclusive: false,
            }),
            Comparator::Between => self.upper.map(|value| Bound {
                value,
                inclusive: true,
            }),
            Comparator::MoreThan | Comparator::AtLeast | Comparator::About => None,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.comparator, self.upper) {
            (Comparator::Exactly, _) => write!(f, "{}", self.value),
            (Comparator::Between, Some(upper)) => write!(f, "between {} and {upper}", self.value),
            (Comparator::About, _) => {
                f.write_str("about ")?;
                self.value.write(f, ABOUT_FIGURES)
            }
            (comparator, _) => write!(f, "{} {}", comparator.words(), self.value),
        }
    }
}

//! `Money`: an exact decimal amount in one currency.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::currency::Currency;
use super::rounding::{RoundTo, RoundingMode};
use super::wide::{Unfit, Wide, MAX_SCALE};
use crate::error::{Error, Inner};
use crate::serde_text::{decimal_text, parse_decimal};

/// An exact decimal amount of one currency.
///
/// The amount is a [`rust_decimal::Decimal`]: up to 28 decimal places, magnitudes below about
/// 7.9 × 10^28, and the scale it was written with (`EUR 5.00` prints as `EUR 5.00`). Amounts compare
/// equal by value (`EUR 5.0 == EUR 5.00`).
///
/// Nothing here mixes currencies or panics: arithmetic is `checked_*` and returns a `Result` whose
/// error says which currencies differed or what overflowed; there is no operator `+` and no `Ord`
/// (amounts in different currencies have no order; use [`Money::checked_cmp`]); rounding happens
/// only when asked, with an explicit [`RoundingMode`] and [`RoundTo`] target.
///
/// The text form is the currency code, one space and the amount: `EUR 1880000000.00`. In serde
/// formats it is `{"amount": "1880000000.00", "currency": "EUR"}`, the amount a string.
///
/// # Example
///
/// ```
/// use partnerships::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let budget: Money = "EUR 1880000000.00".parse()?;
/// let extra = Money::new(Decimal::new(5_000_000, 2), Currency::EUR);
/// let total = budget.checked_add(extra)?;
/// assert_eq!(total.to_string(), "EUR 1880050000.00");
///
/// let dollars: Money = "USD 10.00".parse()?;
/// let err = total.checked_add(dollars).unwrap_err();
/// assert_eq!(err.to_string(), "cannot add USD 10.00 to EUR 1880050000.00: the currencies differ");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "MoneyRepr", into = "MoneyRepr")]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename = "Money")]
struct MoneyRepr {
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    amount: Decimal,
    currency: Currency,
}

impl From<MoneyRepr> for Money {
    fn from(repr: MoneyRepr) -> Money {
        Money::new(repr.amount, repr.currency)
    }
}

impl From<Money> for MoneyRepr {
    fn from(money: Money) -> MoneyRepr {
        MoneyRepr {
            amount: money.amount,
            currency: money.currency,
        }
    }
}

impl Money {
    /// An amount of `currency`.
    ///
    /// Any decimal is accepted, at any scale; [`Money::round`] brings it to the currency's minor
    /// units when that is wanted.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, Money};
    /// use rust_decimal::Decimal;
    ///
    /// let m = Money::new(Decimal::new(188, 2), Currency::EUR);
    /// assert_eq!(m.to_string(), "EUR 1.88");
    /// ```
    #[must_use]
    #[inline]
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Zero in `currency`, written at the currency's minor units (`EUR 0.00`, `JPY 0`).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, Money};
    ///
    /// assert_eq!(Money::zero(Currency::EUR).to_string(), "EUR 0.00");
    /// assert_eq!(Money::zero(Currency::JPY).to_string(), "JPY 0");
    /// assert_eq!(Money::zero(Currency::XAU).to_string(), "XAU 0");
    /// ```
    #[must_use]
    pub fn zero(currency: Currency) -> Money {
        let scale = currency.minor_units().map_or(0, u32::from);
        Money::new(Decimal::new(0, scale), currency)
    }

    /// An amount given as a whole number of the currency's minor units (cents for EUR).
    ///
    /// # Errors
    ///
    /// When the currency has no minor units, or the amount does not fit in a decimal.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, Money};
    ///
    /// assert_eq!(Money::from_minor_units(12_345, Currency::EUR)?.to_string(), "EUR 123.45");
    /// assert_eq!(Money::from_minor_units(12_345, Currency::BHD)?.to_string(), "BHD 12.345");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn from_minor_units(units: i128, currency: Currency) -> Result<Money, Error> {
        let scale = minor_units(currency)?;
        Decimal::try_from_i128_with_scale(units, scale)
            .map(|amount| Money::new(amount, currency))
            .map_err(|_| Error::overflow(format_args!("{units} minor units of {currency}")))
    }

    /// The amount, exactly as held.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    /// use rust_decimal::Decimal;
    ///
    /// let m: Money = "EUR 1.50".parse()?;
    /// assert_eq!(m.amount(), Decimal::new(150, 2));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, Money};
    ///
    /// let m: Money = "KRW 1000".parse()?;
    /// assert_eq!(m.currency(), Currency::KRW);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, Money};
    ///
    /// assert!(Money::zero(Currency::EUR).is_zero());
    /// ```
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is below zero.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// assert!("EUR -0.01".parse::<Money>()?.is_negative());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// When the currencies differ, or the sum does not fit in a decimal.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// let a: Money = "EUR 1.10".parse()?;
    /// let b: Money = "EUR 2.205".parse()?;
    /// assert_eq!(a.checked_add(b)?.to_string(), "EUR 3.305");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[inline]
    pub fn checked_add(self, other: Money) -> Result<Money, Error> {
        if self.currency != other.currency {
            return Err(mismatch("add", other, "to", self));
        }
        match self.amount.checked_add(other.amount) {
            Some(amount) => Ok(Money::new(amount, self.currency)),
            None => Err(overflow(self, '+', other)),
        }
    }

    /// `self - other`.
    ///
    /// # Errors
    ///
    /// When the currencies differ, or the difference does not fit in a decimal.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// let a: Money = "EUR 1.00".parse()?;
    /// let b: Money = "EUR 2.50".parse()?;
    /// assert_eq!(a.checked_sub(b)?.to_string(), "EUR -1.50");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[inline]
    pub fn checked_sub(self, other: Money) -> Result<Money, Error> {
        if self.currency != other.currency {
            return Err(mismatch("subtract", other, "from", self));
        }
        match self.amount.checked_sub(other.amount) {
            Some(amount) => Ok(Money::new(amount, self.currency)),
            None => Err(overflow(self, '-', other)),
        }
    }

    /// `-self`.
    ///
    /// # Errors
    ///
    /// Never: a decimal's negation always fits. The `Result` keeps the `checked_*` family uniform.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// let a: Money = "EUR 1.00".parse()?;
    /// assert_eq!(a.checked_neg()?.to_string(), "EUR -1.00");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn checked_neg(self) -> Result<Money, Error> {
        let mut amount = self.amount;
        amount.set_sign_negative(!amount.is_sign_negative());
        Ok(Money::new(amount, self.currency))
    }

    /// `self × factor`, exactly.
    ///
    /// The product keeps every decimal place (`EUR 10.00 × 1.5 = EUR 15.000`). Where the exact
    /// product needs more than 28 decimal places the result is an error rather than a silent
    /// rounding: round the factor, or use [`Money::checked_mul_rounded`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`](crate::ErrorKind::Overflow) when the product is too large,
    /// [`ErrorKind::PrecisionLoss`](crate::ErrorKind::PrecisionLoss) when it cannot be held exactly.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{ErrorKind, Money};
    /// use rust_decimal::Decimal;
    ///
    /// let m: Money = "EUR 10.00".parse()?;
    /// assert_eq!(m.checked_mul(Decimal::new(15, 1))?.to_string(), "EUR 15.000");
    ///
    /// let third = Decimal::ONE / Decimal::from(3); // 0.3333333333333333333333333333
    /// let odd: Money = "EUR 10.01".parse()?;
    /// let err = odd.checked_mul(third).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::PrecisionLoss);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn checked_mul(self, factor: Decimal) -> Result<Money, Error> {
        Wide::product(self.amount, factor)
            .exact()
            .map(|amount| Money::new(amount, self.currency))
            .map_err(|unfit| self.unfit(unfit, factor))
    }

    /// `self × factor`, rounded once with `mode` to `to`.
    ///
    /// The exact product is formed first and rounded once, so there is no double rounding.
    ///
    /// # Errors
    ///
    /// When the rounded product does not fit in a decimal, or the target is invalid (see
    /// [`Money::round`]).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::{RoundTo, RoundingMode};
    /// use partnerships::Money;
    /// use rust_decimal::Decimal;
    ///
    /// let m: Money = "EUR 10.00".parse()?;
    /// let third = Decimal::ONE / Decimal::from(3);
    /// let share = m.checked_mul_rounded(third, RoundingMode::HalfEven, RoundTo::MinorUnits)?;
    /// assert_eq!(share.to_string(), "EUR 3.33");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn checked_mul_rounded(
        self,
        factor: Decimal,
        mode: RoundingMode,
        to: RoundTo,
    ) -> Result<Money, Error> {
        let wide = Wide::product(self.amount, factor);
        let amount = match Target::of(self.currency, to)? {
            Target::Figures(figures) => {
                // Hold the product to the finest scale that fits, rounding to odd so that the
                // second rounding below rounds as a single one would.
                let held = wide
                    .fit_to_odd()
                    .map_err(|unfit| self.unfit(unfit, factor))?;
                round_figures(held, figures, mode)
                    .ok_or_else(|| Error::overflow(format_args!("{self} × {factor}")))?
            }
            Target::Scale(scale) => {
                let rounded = wide
                    .rounded(scale, mode)
                    .map_err(|unfit| self.unfit(unfit, factor))?;
                pad(rounded, scale)
            }
        };
        Ok(Money::new(amount, self.currency))
    }

    fn unfit(self, unfit: Unfit, factor: Decimal) -> Error {
        match unfit {
            Unfit::Precision => Error::precision_loss(format_args!("{self} × {factor}")),
            Unfit::Magnitude => Error::overflow(format_args!("{self} × {factor}")),
        }
    }

    /// Compares two amounts of one currency.
    ///
    /// # Errors
    ///
    /// When the currencies differ: amounts in different currencies have no order.
    ///
    /// # Example
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// use partnerships::Money;
    ///
    /// let a: Money = "EUR 1.00".parse()?;
    /// let b: Money = "EUR 0.999".parse()?;
    /// assert_eq!(a.checked_cmp(&b)?, Ordering::Greater);
    /// assert!(a.checked_cmp(&"USD 1.00".parse()?).is_err());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[inline]
    pub fn checked_cmp(&self, other: &Money) -> Result<Ordering, Error> {
        if self.currency != other.currency {
            return Err(mismatch("compare", *self, "with", *other));
        }
        Ok(self.amount.cmp(&other.amount))
    }

    /// The sum of `amounts`, all of which must be in `currency`; the empty sum is
    /// [`Money::zero`]`(currency)`.
    ///
    /// # Errors
    ///
    /// When an amount is in another currency, or the sum overflows.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, Money};
    ///
    /// let parts: Vec<Money> = vec!["EUR 1.25".parse()?, "EUR 2.75".parse()?];
    /// assert_eq!(Money::try_sum(Currency::EUR, parts)?.to_string(), "EUR 4.00");
    /// assert_eq!(Money::try_sum(Currency::EUR, Vec::new())?.to_string(), "EUR 0.00");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn try_sum<I>(currency: Currency, amounts: I) -> Result<Money, Error>
    where
        I: IntoIterator<Item = Money>,
    {
        amounts
            .into_iter()
            .try_fold(Money::zero(currency), Money::checked_add)
    }

    /// The amount rounded with `mode` to `to`.
    ///
    /// For [`RoundTo::MinorUnits`] and [`RoundTo::Scale`] the result is written at exactly that
    /// scale (`EUR 5` rounds to `EUR 5.00`) unless the amount is too large to carry the trailing
    /// zeros, in which case it keeps its own scale (the value is the same).
    ///
    /// # Errors
    ///
    /// When the target is [`RoundTo::MinorUnits`] and the currency has none, a scale above 28,
    /// or a number of significant figures outside 1 to 28.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::{RoundTo, RoundingMode};
    /// use partnerships::Money;
    ///
    /// let m: Money = "BHD 1.23456".parse()?;
    /// assert_eq!(m.round(RoundingMode::HalfEven, RoundTo::MinorUnits)?.to_string(), "BHD 1.235");
    /// assert_eq!(m.round(RoundingMode::TowardZero, RoundTo::Scale(1))?.to_string(), "BHD 1.2");
    /// assert_eq!(m.round(RoundingMode::HalfUp, RoundTo::SignificantFigures(2))?.to_string(), "BHD 1.2");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn round(self, mode: RoundingMode, to: RoundTo) -> Result<Money, Error> {
        let amount = match Target::of(self.currency, to)? {
            Target::Figures(figures) => {
                round_figures(self.amount, figures, mode).ok_or_else(|| {
                    Error::overflow(format_args!(
                        "{self} rounded to {figures} significant figures"
                    ))
                })?
            }
            Target::Scale(scale) => pad(
                self.amount.round_dp_with_strategy(scale, mode.strategy()),
                scale,
            ),
        };
        Ok(Money::new(amount, self.currency))
    }

    /// The amount as a whole number of minor units (cents for EUR).
    ///
    /// # Errors
    ///
    /// When the currency has no minor units, or the amount is not a whole number of them (round
    /// it first).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// assert_eq!("EUR 1.5".parse::<Money>()?.to_minor_units()?, 150);
    /// assert_eq!("JPY 150".parse::<Money>()?.to_minor_units()?, 150);
    /// let err = "EUR 1.005".parse::<Money>()?.to_minor_units().unwrap_err();
    /// assert_eq!(err.to_string(), "EUR 1.005 is not a whole number of minor units (EUR has 2)");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn to_minor_units(&self) -> Result<i128, Error> {
        let scale = minor_units(self.currency)?;
        units_at_scale(self.amount, scale).ok_or_else(|| {
            Error::new(Inner::NotMinorUnits {
                money: self.to_string(),
                currency: self.currency.to_string(),
                minor_units: u8::try_from(scale).unwrap_or(u8::MAX),
            })
        })
    }
}

#[cold]
#[inline(never)]
fn overflow(left: Money, op: char, right: Money) -> Error {
    Error::overflow(format_args!("{left} {op} {right}"))
}

#[cold]
#[inline(never)]
fn mismatch(verb: &str, first: Money, preposition: &str, second: Money) -> Error {
    Error::mismatch(format_args!("{verb} {first} {preposition} {second}"))
}

/// The currency's minor units as a scale, or the error for a currency that has none.
pub(super) fn minor_units(currency: Currency) -> Result<u32, Error> {
    currency.minor_units().map(u32::from).ok_or_else(|| {
        Error::new(Inner::NoMinorUnits {
            currency: currency.to_string(),
        })
    })
}

/// `amount × 10^scale` when that is a whole number.
pub(super) fn units_at_scale(amount: Decimal, scale: u32) -> Option<i128> {
    let normal = amount.normalize();
    let shift = scale.checked_sub(normal.scale())?;
    normal.mantissa().checked_mul(10_i128.checked_pow(shift)?)
}

/// A rounding target checked against its currency: a number of decimal places or of significant
/// figures, each within what a decimal holds.
enum Target {
    Scale(u32),
    Figures(u32),
}

impl Target {
    fn of(currency: Currency, to: RoundTo) -> Result<Target, Error> {
        match to {
            RoundTo::MinorUnits => minor_units(currency).map(Target::Scale),
            RoundTo::Scale(scale) if scale <= MAX_SCALE => Ok(Target::Scale(scale)),
            RoundTo::Scale(scale) => Err(Error::invalid_input(format_args!(
                "cannot round to {scale} decimal places: a decimal holds at most {MAX_SCALE}"
            ))),
            RoundTo::SignificantFigures(figures) if (1..=MAX_SCALE).contains(&figures) => {
                Ok(Target::Figures(figures))
            }
            RoundTo::SignificantFigures(figures) => Err(Error::invalid_input(format_args!(
                "cannot round to {figures} significant figures: expected 1 to {MAX_SCALE}"
            ))),
        }
    }
}

pub(super) fn round_figures(amount: Decimal, figures: u32, mode: RoundingMode) -> Option<Decimal> {
    if amount.is_zero() {
        return Some(amount);
    }
    amount.round_sf_with_strategy(figures, mode.strategy())
}

/// Writes `amount` at exactly `scale` places when its magnitude allows the trailing zeros.
fn pad(amount: Decimal, scale: u32) -> Decimal {
    let Some(shift) = scale.checked_sub(amount.scale()) else {
        return amount;
    };
    10_i128
        .checked_pow(shift)
        .and_then(|factor| amount.mantissa().checked_mul(factor))
        .and_then(|mantissa| Decimal::try_from_i128_with_scale(mantissa, scale).ok())
        .unwrap_or(amount)
}

impl fmt::Display for Money {
    /// `EUR 1880000000.00`: the code, one space, the amount at its own scale.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.amount)
    }
}

impl FromStr for Money {
    type Err = Error;

    /// Parses the [`Display`](fmt::Display) form: a currency code, one space, an amount of digits
    /// with an optional `-` and decimal point (`EUR 1880000000.00`, `JPY -5`).
    fn from_str(text: &str) -> Result<Money, Error> {
        let (code, amount) = text.split_once(' ').ok_or_else(|| {
            Error::parse(
                "money",
                text,
                "expected a currency code, one space and an amount, as in \"EUR 1880000000.00\"",
            )
        })?;
        let currency = Currency::from_code(code)?;
        Ok(Money::new(parse_decimal(amount)?, currency))
    }
}

impl TryFrom<&str> for Money {
    type Error = Error;

    fn try_from(text: &str) -> Result<Money, Error> {
        text.parse()
    }
}

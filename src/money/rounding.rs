//! Explicit rounding: a mode and a target.

use rust_decimal::RoundingStrategy;

/// How to round a value that lies between two representable ones.
///
/// # Example
///
/// ```
/// use partnerships::money::{RoundTo, RoundingMode};
/// use partnerships::Money;
///
/// let m: Money = "EUR 2.345".parse()?;
/// assert_eq!(m.round(RoundingMode::HalfEven, RoundTo::MinorUnits)?.to_string(), "EUR 2.34");
/// assert_eq!(m.round(RoundingMode::HalfUp, RoundTo::MinorUnits)?.to_string(), "EUR 2.35");
/// assert_eq!(m.round(RoundingMode::Floor, RoundTo::Scale(1))?.to_string(), "EUR 2.3");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RoundingMode {
    /// To the nearest; a tie goes to the even neighbour (banker's rounding).
    HalfEven,
    /// To the nearest; a tie goes away from zero (the rounding taught at school).
    HalfUp,
    /// To the nearest; a tie goes toward zero.
    HalfDown,
    /// Toward zero (truncation).
    TowardZero,
    /// Away from zero.
    AwayFromZero,
    /// Toward negative infinity.
    Floor,
    /// Toward positive infinity.
    Ceiling,
}

/// What to round to.
///
/// # Example
///
/// ```
/// use partnerships::money::{RoundTo, RoundingMode};
/// use partnerships::Money;
///
/// let m: Money = "JPY 1234.5".parse()?;
/// assert_eq!(m.round(RoundingMode::HalfEven, RoundTo::MinorUnits)?.to_string(), "JPY 1234");
/// assert_eq!(m.round(RoundingMode::HalfUp, RoundTo::SignificantFigures(2))?.to_string(), "JPY 1200");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RoundTo {
    /// The currency's minor unit (2 decimal places for EUR, 0 for JPY); an error for currencies
    /// that have none.
    MinorUnits,
    /// A number of decimal places, 0 to 28.
    Scale(u32),
    /// A number of significant figures, 1 to 28.
    SignificantFigures(u32),
}

/// A rounding mode and its target, for operations that round on the way (conversion, valuation).
///
/// # Example
///
/// ```
/// use partnerships::money::{RoundTo, Rounding, RoundingMode};
///
/// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
/// assert_eq!(cents.mode, RoundingMode::HalfEven);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rounding {
    /// How ties and in-between values go.
    pub mode: RoundingMode,
    /// What the result is rounded to.
    pub to: RoundTo,
}

impl Rounding {
    /// A rounding with the given mode and target.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::{RoundTo, Rounding, RoundingMode};
    ///
    /// let r = Rounding::new(RoundingMode::HalfUp, RoundTo::Scale(4));
    /// assert_eq!(r.to, RoundTo::Scale(4));
    /// ```
    #[must_use]
    pub fn new(mode: RoundingMode, to: RoundTo) -> Rounding {
        Rounding { mode, to }
    }
}

impl RoundingMode {
    pub(super) fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundingMode::TowardZero => RoundingStrategy::ToZero,
            RoundingMode::AwayFromZero => RoundingStrategy::AwayFromZero,
            RoundingMode::Floor => RoundingStrategy::ToNegativeInfinity,
            RoundingMode::Ceiling => RoundingStrategy::ToPositiveInfinity,
        }
    }

    /// Whether a magnitude truncated toward zero must step one unit away from zero.
    ///
    /// `first_dropped` is the first digit removed, `rest_nonzero` whether any later removed digit
    /// was non-zero, `kept_odd` whether the last kept digit is odd.
    pub(super) fn steps_away(
        self,
        negative: bool,
        first_dropped: u8,
        rest_nonzero: bool,
        kept_odd: bool,
    ) -> bool {
        let inexact = first_dropped != 0 || rest_nonzero;
        let above_half = first_dropped > 5 || (first_dropped == 5 && rest_nonzero);
        let tie = first_dropped == 5 && !rest_nonzero;
        match self {
            RoundingMode::HalfEven => above_half || (tie && kept_odd),
            RoundingMode::HalfUp => above_half || tie,
            RoundingMode::HalfDown => above_half,
            RoundingMode::TowardZero => false,
            RoundingMode::AwayFromZero => inexact,
            RoundingMode::Floor => inexact && negative,
            RoundingMode::Ceiling => inexact && !negative,
        }
    }
}

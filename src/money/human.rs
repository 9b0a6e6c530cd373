//! Forms for people: `EUR 1,880,000,000.00` and `EUR 1.88 billion`. They are for reports only;
//! the exact value and its text form stay what `Display` gives.

use std::fmt;

use rust_decimal::Decimal;

use super::amount::{round_figures, Money};
use super::rounding::RoundingMode;

impl Money {
    /// The amount with its digits grouped in thousands: `EUR 1,880,000,000.00`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// let m: Money = "EUR -1880000000.00".parse()?;
    /// assert_eq!(m.grouped().to_string(), "EUR -1,880,000,000.00");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn grouped(&self) -> Grouped {
        Grouped(*self)
    }

    /// The amount rounded (half away from zero) to `figures` significant figures and written with
    /// a scale word from a million up: `EUR 1.88 billion`, `EUR 84,000`, `USD 2.5 million`.
    /// `figures` is taken between 1 and 28.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// let m: Money = "EUR 1880000000.00".parse()?;
    /// assert_eq!(m.human(3).to_string(), "EUR 1.88 billion");
    /// assert_eq!(m.human(1).to_string(), "EUR 2 billion");
    /// assert_eq!("USD 84321.50".parse::<Money>()?.human(2).to_string(), "USD 84,000");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn human(&self, figures: u32) -> Human {
        Human {
            money: *self,
            figures: figures.clamp(1, 28),
        }
    }
}

/// [`Money`] with digits grouped in thousands; see [`Money::grouped`].
///
/// # Example
///
/// ```
/// use partnerships::Money;
///
/// assert_eq!("JPY 1234567".parse::<Money>()?.grouped().to_string(), "JPY 1,234,567");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Grouped(Money);

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.0.currency(),
            group_thousands(self.0.amount())
        )
    }
}

/// [`Money`] rounded to significant figures with a scale word; see [`Money::human`].
///
/// # Example
///
/// ```
/// use partnerships::Money;
///
/// assert_eq!("EUR 2500000".parse::<Money>()?.human(3).to_string(), "EUR 2.5 million");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Human {
    money: Money,
    figures: u32,
}

const SCALE_WORDS: [(u32, i64, &str); 3] = [
    (12, 1_000_000_000_000, "trillion"),
    (9, 1_000_000_000, "billion"),
    (6, 1_000_000, "million"),
];

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.money.currency(),
            human_number(self.money.amount(), self.figures)
        )
    }
}

/// `value` rounded half away from zero to `figures` significant figures and written with a scale
/// word from a million up (`1.88 billion`), or grouped in thousands below that (`84,000`).
pub(crate) fn human_number(value: Decimal, figures: u32) -> String {
    let rounded = round_figures(value, figures.clamp(1, 28), RoundingMode::HalfUp)
        .unwrap_or(value)
        .normalize();
    let magnitude = rounded.abs();
    for (power, unit, word) in SCALE_WORDS {
        if magnitude >= Decimal::from(unit) {
            // `rounded` has at most 28 significant figures and at least `power` + 1 whole
            // digits, so moving the point `power` places left stays within 28 places.
            let mut scaled = rounded;
            if scaled
                .set_scale(rounded.scale().saturating_add(power))
                .is_ok()
            {
                return format!("{} {word}", scaled.normalize());
            }
        }
    }
    group_thousands(rounded)
}

/// Digits grouped in thousands with commas: `-1,234,567.891`.
pub(crate) fn group_thousands(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len().saturating_add(whole.len() / 3));
    out.push_str(sign);
    let lead = whole.len() % 3;
    for (index, ch) in whole.chars().enumerate() {
        if index > 0 && index % 3 == lead % 3 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

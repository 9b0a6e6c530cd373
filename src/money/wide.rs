//! Exact products of two decimals.
//!
//! `rust_decimal` rounds a product that needs more than 28 decimal places without saying so. Money
//! must either be exact or round the way the caller chose, so products are formed here exactly, in
//! 192 bits (two 96-bit mantissas), and then either fitted into a `Decimal` unchanged or rounded once.

use rust_decimal::Decimal;

use super::rounding::RoundingMode;

/// Largest scale a `Decimal` holds.
pub(super) const MAX_SCALE: u32 = 28;
/// A `Decimal` mantissa is below 2^96.
const MANTISSA_LIMIT: u128 = 1 << 96;

/// An exact decimal `(-1)^negative × limbs / 10^scale`, limbs little-endian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Wide {
    negative: bool,
    limbs: [u64; 3],
    scale: u32,
}

/// Why a wide value does not fit a `Decimal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unfit {
    /// More than 28 significant decimal places.
    Precision,
    /// Magnitude of 2^96 or more at any scale that keeps the value.
    Magnitude,
}

fn low(x: u128) -> u64 {
    // Truncation to the low 64 bits is the intent.
    u64::try_from(x & u128::from(u64::MAX)).unwrap_or(0)
}

fn high(x: u128) -> u128 {
    x.wrapping_shr(64)
}

impl Wide {
    /// The exact product `a × b`.
    pub(super) fn product(a: Decimal, b: Decimal) -> Wide {
        let (ma, mb) = (a.mantissa().unsigned_abs(), b.mantissa().unsigned_abs());
        let (a0, a1) = (u128::from(low(ma)), high(ma));
        let (b0, b1) = (u128::from(low(mb)), high(mb));
        // Each mantissa is below 2^96, so a1 and b1 are below 2^32 and no partial sum wraps.
        let p00 = a0.wrapping_mul(b0);
        let mid = a0.wrapping_mul(b1).wrapping_add(a1.wrapping_mul(b0));
        let p11 = a1.wrapping_mul(b1);
        let t1 = high(p00).wrapping_add(u128::from(low(mid)));
        let t2 = high(t1).wrapping_add(high(mid)).wrapping_add(p11);
        Wide {
            negative: (a.is_sign_negative() != b.is_sign_negative()) && !(ma == 0 || mb == 0),
            limbs: [low(p00), low(t1), low(t2)],
            scale: a.scale().saturating_add(b.scale()),
        }
    }

    fn is_zero(&self) -> bool {
        self.limbs == [0, 0, 0]
    }

    /// Divides the magnitude by ten in place and returns the remainder digit.
    fn divide_by_ten(&mut self) -> u8 {
        let mut remainder: u128 = 0;
        for limb in self.limbs.iter_mut().rev() {
            let current = remainder.wrapping_shl(64) | u128::from(*limb);
            *limb = low(current.wrapping_div(10));
            remainder = current.wrapping_rem(10);
        }
        u8::try_from(remainder).unwrap_or(0)
    }

    fn remainder_by_ten(&self) -> u8 {
        let mut copy = *self;
        copy.divide_by_ten()
    }

    /// Adds one unit in the last place to the magnitude.
    fn increment(&mut self) {
        for limb in &mut self.limbs {
            let (sum, carry) = limb.overflowing_add(1);
            *limb = sum;
            if !carry {
                break;
            }
        }
    }

    /// Removes trailing zero digits while the scale is above `floor`.
    fn strip_zeros(&mut self, floor: u32) {
        while self.scale > floor && self.remainder_by_ten() == 0 {
            self.divide_by_ten();
            self.scale = self.scale.saturating_sub(1);
        }
    }

    fn magnitude(&self) -> Option<u128> {
        let [l0, l1, l2] = self.limbs;
        (l2 == 0).then(|| u128::from(l1).wrapping_shl(64) | u128::from(l0))
    }

    fn to_decimal(self) -> Result<Decimal, Unfit> {
        let magnitude = self
            .magnitude()
            .filter(|m| *m < MANTISSA_LIMIT)
            .ok_or(Unfit::Magnitude)?;
        let signed = i128::try_from(magnitude).map_err(|_| Unfit::Magnitude)?;
        let signed = if self.negative {
            signed.wrapping_neg()
        } else {
            signed
        };
        Decimal::try_from_i128_with_scale(signed, self.scale).map_err(|_| Unfit::Magnitude)
    }

    /// The value as a `Decimal` without any rounding: trailing zeros are dropped only where the
    /// scale or the magnitude requires it.
    pub(super) fn exact(mut self) -> Result<Decimal, Unfit> {
        if self.scale > MAX_SCALE {
            self.strip_zeros(MAX_SCALE);
            if self.scale > MAX_SCALE {
                return Err(Unfit::Precision);
            }
        }
        if self.magnitude().is_none_or(|m| m >= MANTISSA_LIMIT) {
            self.strip_zeros(0);
        }
        self.to_decimal()
    }

    /// The value rounded once, with `mode`, to at most `scale` decimal places (at most 28).
    pub(super) fn rounded(self, scale: u32, mode: RoundingMode) -> Result<Decimal, Unfit> {
        self.rounded_by(scale, |negative, first, rest, kept_odd| {
            mode.steps_away(negative, first, rest, kept_odd)
        })
    }

    /// The value itself when it fits, else rounded to odd at the finest scale that fits.
    ///
    /// Rounding to odd keeps an inexact result distinguishable from an exact one in its last digit,
    /// so that a second, coarser rounding gives what a single rounding of the exact value would.
    pub(super) fn fit_to_odd(self) -> Result<Decimal, Unfit> {
        if let Ok(exact) = self.exact() {
            return Ok(exact);
        }
        let to_odd =
            |_: bool, first: u8, rest: bool, kept_odd: bool| (first != 0 || rest) && !kept_odd;
        let mut scale = self.scale.min(MAX_SCALE);
        loop {
            if let Ok(fitted) = self.rounded_by(scale, to_odd) {
                return Ok(fitted);
            }
            scale = scale.checked_sub(1).ok_or(Unfit::Magnitude)?;
        }
    }

    fn rounded_by(
        mut self,
        scale: u32,
        steps_away: impl Fn(bool, u8, bool, bool) -> bool,
    ) -> Result<Decimal, Unfit> {
        let scale = scale.min(MAX_SCALE);
        if self.scale > scale {
            let mut first_dropped = 0;
            let mut rest_nonzero = false;
            while self.scale > scale {
                rest_nonzero |= first_dropped != 0;
                first_dropped = self.divide_by_ten();
                self.scale = self.scale.saturating_sub(1);
            }
            let kept_odd = self.remainder_by_ten() % 2 == 1;
            if steps_away(self.negative, first_dropped, rest_nonzero, kept_odd) {
                self.increment();
            }
            if self.is_zero() {
                self.negative = false;
            }
        }
        self.exact()
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )]
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn product_of_small_values_is_exact() {
        let w = Wide::product(d("10.00"), d("1.5"));
        assert_eq!(w.exact().unwrap().to_string(), "15.000");
    }

    #[test]
    fn product_of_full_mantissas_is_held_exactly() {
        let max = Decimal::MAX;
        let w = Wide::product(max, max);
        // (2^96 - 1)^2 = 2^192 - 2^97 + 1
        assert_eq!(w.limbs[0], 1);
        assert_eq!(w.limbs[1], u64::MAX - ((1 << 33) - 1));
        assert_eq!(w.limbs[2], u64::MAX);
        assert_eq!(w.exact(), Err(Unfit::Magnitude));
    }

    #[test]
    fn product_needing_29_places_is_a_precision_loss() {
        let w = Wide::product(d("0.0000000000000000000000000001"), d("0.1"));
        assert_eq!(w.exact(), Err(Unfit::Precision));
        assert_eq!(w.rounded(28, RoundingMode::HalfUp).unwrap(), Decimal::ZERO);
        assert_eq!(
            w.rounded(28, RoundingMode::Ceiling).unwrap(),
            d("0.0000000000000000000000000001")
        );
    }

    #[test]
    fn trailing_zeros_beyond_28_places_are_not_a_loss() {
        let w = Wide::product(d("0.0000000000000000000000000010"), d("0.5"));
        assert_eq!(w.exact().unwrap(), d("0.0000000000000000000000000005"));
    }

    #[test]
    fn negative_ties_round_symmetrically() {
        let w = Wide::product(d("-2.5"), d("1"));
        assert_eq!(w.rounded(0, RoundingMode::HalfEven).unwrap(), d("-2"));
        assert_eq!(w.rounded(0, RoundingMode::HalfUp).unwrap(), d("-3"));
        assert_eq!(w.rounded(0, RoundingMode::Floor).unwrap(), d("-3"));
        assert_eq!(w.rounded(0, RoundingMode::Ceiling).unwrap(), d("-2"));
    }
}

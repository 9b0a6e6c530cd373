//! Splitting an amount into parts that add up to it exactly.

use std::num::NonZeroU128;

use rust_decimal::Decimal;

use super::amount::{units_at_scale, Money};
use crate::error::{Error, Inner};

impl Money {
    /// Splits the amount by integer `weights` so that the parts add up exactly to `self`.
    ///
    /// The unit is the currency's minor unit (one cent for EUR), or the amount's own last decimal
    /// place when that is finer (EUR 0.005 splits in tenths of a cent: nothing published is
    /// rounded away); for a currency without minor units (XAU, XDR, historic codes) it is the
    /// last decimal place of the amount as written.
    /// Each part gets the whole units of its exact share, and the units left over go one each to
    /// the parts with the largest remainders (the largest-remainder method); equal remainders go to
    /// the earlier part. So:
    ///
    /// - the parts sum exactly to the amount, and each is within one unit of its exact share;
    /// - a zero weight gets zero;
    /// - a negative amount splits as the mirror image of the positive one.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Allocation`](crate::ErrorKind::Allocation) when `weights` is empty, all zero,
    /// or sums to more than `u64::MAX`; [`ErrorKind::Overflow`](crate::ErrorKind::Overflow) when
    /// the amount in its units does not fit 128 bits.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// let budget: Money = "EUR 100.00".parse()?;
    /// let parts = budget.allocate(&[1, 1, 1])?;
    /// let shown: Vec<String> = parts.iter().map(ToString::to_string).collect();
    /// assert_eq!(shown, ["EUR 33.34", "EUR 33.33", "EUR 33.33"]);
    ///
    /// let refund: Money = "EUR -0.05".parse()?;
    /// let parts = refund.allocate(&[3, 0, 7])?;
    /// let shown: Vec<String> = parts.iter().map(ToString::to_string).collect();
    /// assert_eq!(shown, ["EUR -0.02", "EUR 0.00", "EUR -0.03"]); // 1.5 and 3.5 cents: the tie goes first
    ///
    /// let published: Money = "EUR 10.005".parse()?;
    /// let parts = published.allocate(&[1, 1])?;
    /// let shown: Vec<String> = parts.iter().map(ToString::to_string).collect();
    /// assert_eq!(shown, ["EUR 5.003", "EUR 5.002"]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn allocate(&self, weights: &[u64]) -> Result<Vec<Money>, Error> {
        if weights.is_empty() {
            return Err(self.allocation_error("there are no weights"));
        }
        let total_weight = weights
            .iter()
            .try_fold(0_u64, |sum, w| sum.checked_add(*w))
            .ok_or_else(|| {
                self.allocation_error("the weights add up to more than 18446744073709551615")
            })?;
        let total_weight = NonZeroU128::new(u128::from(total_weight))
            .ok_or_else(|| self.allocation_error("every weight is zero"))?;
        let (units, scale) = self.units()?;
        let mut shares = Vec::new();
        shares
            .try_reserve_exact(weights.len())
            .map_err(|_| self.allocation_error("the parts do not fit in memory"))?;
        largest_remainder(units.unsigned_abs(), weights, total_weight, &mut shares);
        let negative = units < 0;
        shares
            .into_iter()
            .map(|share| self.part(share, negative, scale))
            .collect()
    }

    /// Splits the amount into `parts` equal parts, as [`Money::allocate`] with equal weights: the
    /// parts differ by at most one unit and the larger ones come first.
    ///
    /// # Errors
    ///
    /// When `parts` is zero or the parts do not fit in memory, and as [`Money::allocate`].
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Money;
    ///
    /// let m: Money = "JPY 1000".parse()?;
    /// let shown: Vec<String> = m.split(3)?.iter().map(ToString::to_string).collect();
    /// assert_eq!(shown, ["JPY 334", "JPY 333", "JPY 333"]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn split(&self, parts: usize) -> Result<Vec<Money>, Error> {
        let (units, scale) = self.units()?;
        let magnitude = units.unsigned_abs();
        let count = u128::try_from(parts)
            .ok()
            .and_then(NonZeroU128::new)
            .ok_or_else(|| self.allocation_error("cannot split into 0 parts"))?;
        let (share, extra) = (magnitude / count, magnitude % count);
        let mut out = Vec::new();
        out.try_reserve_exact(parts).map_err(|_| {
            self.allocation_error(format_args!("{parts} parts do not fit in memory"))
        })?;
        for index in 0..count.get() {
            let share = if index < extra {
                share.wrapping_add(1)
            } else {
                share
            };
            out.push(self.part(share, units < 0, scale)?);
        }
        Ok(out)
    }

    /// The amount as whole units, and the scale of one unit: the currency's minor unit, or the
    /// amount's own last decimal place when that is finer or the currency has no minor units.
    pub(crate) fn units(&self) -> Result<(i128, u32), Error> {
        let scale = match self.currency().minor_units() {
            Some(minor) => self.amount().normalize().scale().max(u32::from(minor)),
            None => self.amount().scale(),
        };
        let units = units_at_scale(self.amount(), scale)
            .ok_or_else(|| Error::overflow(format_args!("{self} in units of its last place")))?;
        Ok((units, scale))
    }

    /// A part of the amount: `units` of `scale`, with the amount's sign when `negative`.
    pub(crate) fn part(&self, units: u128, negative: bool, scale: u32) -> Result<Money, Error> {
        let magnitude = i128::try_from(units).map_err(|_| Error::overflow(self))?;
        let signed = if negative {
            magnitude.wrapping_neg()
        } else {
            magnitude
        };
        Decimal::try_from_i128_with_scale(signed, scale)
            .map(|amount| Money::new(amount, self.currency()))
            .map_err(|_| Error::overflow(self))
    }

    #[cold]
    fn allocation_error(&self, reason: impl std::fmt::Display) -> Error {
        Error::new(Inner::Allocation {
            money: self.to_string(),
            reason: reason.to_string(),
        })
    }
}

/// Appends to `out` the parts of `magnitude` units by `weights` (whose sum is `total`), by the
/// largest remainder: each part the whole units of its exact share, and the units left over
/// one each to the parts with the largest remainders, equal remainders to the earlier part.
pub(crate) fn largest_remainder(
    magnitude: u128,
    weights: &[u64],
    total: NonZeroU128,
    out: &mut Vec<u128>,
) {
    let first = out.len();
    // magnitude = whole × W + rest, rest < W < 2^64, so rest × w < 2^128: no step overflows.
    let whole = magnitude / total;
    let rest = magnitude % total;
    let mut given: u128 = 0;
    let mut remainders: Vec<u128> = Vec::with_capacity(weights.len());
    for &weight in weights {
        let weight = u128::from(weight);
        let scaled = rest.wrapping_mul(weight);
        let share = whole.wrapping_mul(weight).wrapping_add(scaled / total);
        given = given.wrapping_add(share);
        out.push(share);
        remainders.push(scaled % total);
    }
    // What is left is fewer units than there are parts with a non-zero remainder.
    let mut left = magnitude.wrapping_sub(given);
    if left == 0 {
        return;
    }
    let mut order: Vec<usize> = (0..remainders.len()).collect();
    order.sort_by(|&a, &b| {
        let remainder = |i: usize| remainders.get(i).copied().unwrap_or(0);
        remainder(b).cmp(&remainder(a)).then(a.cmp(&b))
    });
    for index in order {
        if left == 0 {
            break;
        }
        if let Some(share) = out.get_mut(first.wrapping_add(index)) {
            *share = share.wrapping_add(1);
            left = left.wrapping_sub(1);
        }
    }
}

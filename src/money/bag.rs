//! Sums over several currencies, converted only when asked, with the working shown.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use super::amount::Money;
use super::currency::Currency;
use super::rate::ExchangeRate;
use super::rounding::Rounding;
use super::table::{DatePolicy, RateTable};
use crate::error::Error;
use crate::serde_text::parse_decimal;

/// A sum of amounts in any number of currencies, kept apart until a valuation is asked for.
///
/// Adding never converts: `EUR 5 + USD 3` is a bag holding both. Iteration is in currency-code
/// order, so output is stable. [`MoneyBag::value_in`] values the bag in one currency through a
/// [`RateTable`] and returns a [`Valuation`] that lists every conversion it made.
///
/// Collect amounts with `collect::<Result<MoneyBag, Error>>()` (the sum may overflow, so
/// collecting returns a `Result`). In serde formats a bag is a map from currency code to amount
/// string: `{"EUR": "5.00", "USD": "3.00"}`.
///
/// # Example
///
/// ```
/// use partnerships::{Currency, Error, Money, MoneyBag};
///
/// let amounts: Vec<Money> = vec!["EUR 5.00".parse()?, "USD 3.00".parse()?, "EUR 1.50".parse()?];
/// let bag: MoneyBag = amounts.into_iter().collect::<Result<MoneyBag, Error>>()?;
/// assert_eq!(bag.get(Currency::EUR).map(|m| m.to_string()), Some("EUR 6.50".to_owned()));
/// assert_eq!(bag.currencies().collect::<Vec<_>>(), [Currency::EUR, Currency::USD]);
/// assert_eq!(bag.to_string(), "EUR 6.50 + USD 3.00");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct MoneyBag {
    /// Sorted by currency; few entries, so a sorted vector beats a map.
    totals: Vec<(Currency, Decimal)>,
}

impl MoneyBag {
    /// An empty bag.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::MoneyBag;
    ///
    /// assert!(MoneyBag::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> MoneyBag {
        MoneyBag::default()
    }

    /// Adds an amount to the total of its currency.
    ///
    /// # Errors
    ///
    /// When that total overflows; the bag is then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, MoneyBag};
    ///
    /// let mut bag = MoneyBag::new();
    /// bag.add("KRW 1000".parse()?)?;
    /// bag.add("KRW 500".parse()?)?;
    /// assert_eq!(bag.get(Currency::KRW).unwrap().to_string(), "KRW 1500");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn add(&mut self, money: Money) -> Result<(), Error> {
        let currency = money.currency();
        match self.totals.binary_search_by_key(&currency, |(c, _)| *c) {
            Ok(index) => {
                if let Some((_, total)) = self.totals.get_mut(index) {
                    *total = Money::new(*total, currency).checked_add(money)?.amount();
                }
            }
            Err(index) => self.totals.insert(index, (currency, money.amount())),
        }
        Ok(())
    }

    /// Adds every amount of another bag.
    ///
    /// # Errors
    ///
    /// When a total overflows; the amounts added before it stay added.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::MoneyBag;
    ///
    /// let mut a = MoneyBag::new();
    /// a.add("EUR 1.00".parse()?)?;
    /// let mut b = MoneyBag::new();
    /// b.add("EUR 2.00".parse()?)?;
    /// a.add_bag(&b)?;
    /// assert_eq!(a.to_string(), "EUR 3.00");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn add_bag(&mut self, other: &MoneyBag) -> Result<(), Error> {
        other.iter().try_for_each(|money| self.add(money))
    }

    /// The total in `currency`, if the bag has any amount in it.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, MoneyBag};
    ///
    /// let mut bag = MoneyBag::new();
    /// bag.add("EUR 1.00".parse()?)?;
    /// assert!(bag.get(Currency::USD).is_none());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, currency: Currency) -> Option<Money> {
        self.totals
            .binary_search_by_key(&currency, |(c, _)| *c)
            .ok()
            .and_then(|index| self.totals.get(index))
            .map(|(c, amount)| Money::new(*amount, *c))
    }

    /// The currencies in the bag, in code order.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, MoneyBag};
    ///
    /// let mut bag = MoneyBag::new();
    /// bag.add("USD 1.00".parse()?)?;
    /// bag.add("CHF 1.00".parse()?)?;
    /// assert_eq!(bag.currencies().collect::<Vec<_>>(), [Currency::CHF, Currency::USD]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use = "iterators are lazy"]
    pub fn currencies(&self) -> impl ExactSizeIterator<Item = Currency> + '_ {
        self.totals.iter().map(|(currency, _)| *currency)
    }

    /// The totals, one per currency, in code order.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::MoneyBag;
    ///
    /// let mut bag = MoneyBag::new();
    /// bag.add("USD 1.00".parse()?)?;
    /// assert_eq!(bag.iter().map(|m| m.to_string()).collect::<Vec<_>>(), ["USD 1.00"]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use = "iterators are lazy"]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Money> + '_ {
        self.totals
            .iter()
            .map(|(currency, amount)| Money::new(*amount, *currency))
    }

    /// How many currencies the bag holds.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::MoneyBag;
    ///
    /// assert_eq!(MoneyBag::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.totals.len()
    }

    /// Whether the bag holds no amount.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::MoneyBag;
    ///
    /// assert!(MoneyBag::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.totals.is_empty()
    }

    /// Values the bag in `currency`: each other currency's total is converted at the rate the
    /// table gives for `date` under `policy`, rounded once as `rounding` says; the total in
    /// `currency` itself is taken as it is. The [`Valuation`] lists every amount with the rate
    /// used, so the total can be reproduced.
    ///
    /// # Errors
    ///
    /// When the table has no rate for a currency (the error names the pair and date), a
    /// conversion cannot be rounded as asked, or the total overflows.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode};
    /// use partnerships::{Currency, MoneyBag};
    /// use rust_decimal::Decimal;
    ///
    /// let oct = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let mut table = RateTable::new();
    /// table.insert(ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), oct, RateKind::MonthlyAverage, "FRED")?)?;
    ///
    /// let mut bag = MoneyBag::new();
    /// bag.add("EUR 100.00".parse()?)?;
    /// bag.add("USD 10.00".parse()?)?;
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    /// let valuation = bag.value_in(Currency::EUR, &table, day, DatePolicy::LatestOnOrBefore { max_age_days: 31 }, cents)?;
    /// assert_eq!(valuation.total.to_string(), "EUR 108.50");
    /// assert_eq!(valuation.conversions[1].converted.to_string(), "EUR 8.50");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn value_in(
        &self,
        currency: Currency,
        table: &RateTable,
        date: NaiveDate,
        policy: DatePolicy,
        rounding: Rounding,
    ) -> Result<Valuation, Error> {
        let conversions = self
            .iter()
            .map(|original| table.convert(original, currency, date, policy, rounding))
            .collect::<Result<Vec<Conversion>, Error>>()?;
        let total = Money::try_sum(currency, conversions.iter().map(|c| c.converted))?;
        Ok(Valuation {
            total,
            date,
            conversions,
        })
    }
}

/// A bag valued in one currency, with its working.
///
/// `total` is exactly the sum of the `converted` amounts of `conversions`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::money::{DatePolicy, RateTable, RoundTo, Rounding, RoundingMode};
/// use partnerships::{Currency, Money, MoneyBag};
///
/// let mut bag = MoneyBag::new();
/// bag.add("EUR 2.00".parse()?)?;
/// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
/// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
/// let v = bag.value_in(Currency::EUR, &RateTable::new(), day, DatePolicy::Exact, cents)?;
/// let sum = Money::try_sum(Currency::EUR, v.conversions.iter().map(|c| c.converted))?;
/// assert_eq!(v.total, sum);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Valuation {
    /// The total in the valuation currency.
    pub total: Money,
    /// The date the rates were asked for.
    pub date: NaiveDate,
    /// One entry per currency of the bag, in code order.
    pub conversions: Vec<Conversion>,
}

/// One currency's part of a [`Valuation`].
///
/// # Example
///
/// ```
/// use partnerships::money::Conversion;
/// use partnerships::Money;
///
/// let eur: Money = "EUR 2.00".parse()?;
/// let unconverted = Conversion { original: eur, rate: None, converted: eur };
/// assert!(unconverted.rate.is_none());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    /// The bag's total in one currency.
    pub original: Money,
    /// The rate used, with its date, source and route; `None` for the valuation currency itself.
    pub rate: Option<ExchangeRate>,
    /// The amount in the valuation currency.
    pub converted: Money,
}

impl Conversion {
    /// An amount taken as it is: already in the currency asked for.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::Conversion;
    ///
    /// let eur = "EUR 2.00".parse()?;
    /// let same = Conversion::unchanged(eur);
    /// assert_eq!((same.converted, same.rate), (eur, None));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn unchanged(original: Money) -> Conversion {
        Conversion {
            original,
            rate: None,
            converted: original,
        }
    }

    /// An amount converted at `rate`, rounded once as `rounding` says: the one way every
    /// valuation of the crate converts an amount.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) when the rate's base is not
    /// the amount's currency; an overflow, or a result that cannot be rounded as asked.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{Conversion, ExchangeRate, RateKind, RoundTo, Rounding, RoundingMode};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), day, RateKind::MonthlyAverage, "FRED")?;
    /// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    /// let c = Conversion::at_rate("USD 10.00".parse()?, rate, cents)?;
    /// assert_eq!(c.converted.to_string(), "EUR 8.50");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn at_rate(
        original: Money,
        rate: ExchangeRate,
        rounding: Rounding,
    ) -> Result<Conversion, Error> {
        let converted = rate.convert_rounded(&original, rounding)?;
        Ok(Conversion {
            original,
            rate: Some(rate),
            converted,
        })
    }
}

impl FromIterator<Money> for Result<MoneyBag, Error> {
    fn from_iter<I: IntoIterator<Item = Money>>(amounts: I) -> Result<MoneyBag, Error> {
        let mut bag = MoneyBag::new();
        for money in amounts {
            bag.add(money)?;
        }
        Ok(bag)
    }
}

impl fmt::Display for MoneyBag {
    /// `EUR 6.50 + USD 3.00`; an empty bag prints as `0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("0");
        }
        for (index, money) in self.iter().enumerate() {
            if index > 0 {
                f.write_str(" + ")?;
            }
            write!(f, "{money}")?;
        }
        Ok(())
    }
}

impl Serialize for MoneyBag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.totals.len()))?;
        for (currency, amount) in &self.totals {
            map.serialize_entry(currency, &amount.to_string())?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for MoneyBag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<MoneyBag, D::Error> {
        deserializer.deserialize_map(BagVisitor)
    }
}

struct BagVisitor;

/// An amount string in a bag; refuses numbers like every amount of the crate.
struct AmountText(Decimal);

impl std::str::FromStr for AmountText {
    type Err = Error;
    fn from_str(text: &str) -> Result<AmountText, Error> {
        parse_decimal(text).map(AmountText)
    }
}

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<AmountText, D::Error> {
        crate::serde_text::deserialize_from_str(deserializer, "an amount string such as \"5.00\"")
    }
}

impl<'de> Visitor<'de> for BagVisitor {
    type Value = MoneyBag;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map from currency code to amount string, such as {\"EUR\": \"5.00\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MoneyBag, A::Error> {
        let mut bag = MoneyBag::new();
        while let Some((currency, AmountText(amount))) = map.next_entry::<Currency, AmountText>()? {
            if bag.get(currency).is_some() {
                return Err(serde::de::Error::custom(format_args!(
                    "currency {currency} appears twice in a money bag"
                )));
            }
            bag.add(Money::new(amount, currency))
                .map_err(serde::de::Error::custom)?;
        }
        Ok(bag)
    }
}

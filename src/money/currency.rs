//! ISO 4217 currencies, current and historic.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::currency_table::CURRENCIES;
use crate::date::PartialDate;
use crate::error::{Error, Inner};

/// A currency of ISO 4217, current or historic.
///
/// The table holds every alphabetic code of the maintenance agency's current and historic lists
/// (308 codes as of 2026-02), and the one code the IATI Currency codelist adds although ISO never
/// assigned it (`XBT`, Bitcoin; [`Currency::is_iso4217`] is false for it). A `Currency` is a
/// two-byte `Copy` value; every code has a constant (`Currency::EUR`).
///
/// Currencies order by alphabetic code.
///
/// # Example
///
/// ```
/// use partnerships::Currency;
///
/// let eur = Currency::from_code("EUR")?;
/// assert_eq!(eur, Currency::EUR);
/// assert_eq!(eur.numeric_code(), Some(978));
/// assert_eq!(eur.minor_units(), Some(2));
/// assert_eq!(Currency::XAU.minor_units(), None); // gold has no minor unit
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(
    /// Index into the generated table, which is sorted by code: index order is code order.
    pub(super) u16,
);

/// One row of the generated table.
#[derive(Debug)]
pub(super) struct CurrencyData {
    pub(super) code: [u8; 3],
    pub(super) numeric: Option<u16>,
    pub(super) minor_units: Option<u8>,
    pub(super) name: &'static str,
    pub(super) fund: bool,
    pub(super) withdrawn: Option<Withdrawal>,
    pub(super) iso4217: bool,
}

/// The published withdrawal: a month, or a year where the list gives only a range of years
/// (month 0).
#[derive(Debug, Clone, Copy)]
pub(super) struct Withdrawal {
    pub(super) year: i32,
    pub(super) month: u32,
}

impl Currency {
    /// The currency with the alphabetic code `code`, exactly as ISO 4217 writes it (three upper-case
    /// letters).
    ///
    /// # Errors
    ///
    /// When no currency has that code. Lower-case codes are not accepted; the message suggests the
    /// upper-case code when it exists.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert_eq!(Currency::from_code("JPY")?.minor_units(), Some(0));
    /// let err = Currency::from_code("usd").unwrap_err();
    /// assert_eq!(err.to_string(), r#"unknown currency code "usd" (codes are upper case: did you mean "USD"?)"#);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn from_code(code: &str) -> Result<Currency, Error> {
        // Codes are three bytes: compared as arrays, without a call to compare slices.
        let wanted: Option<[u8; 3]> = code.as_bytes().try_into().ok();
        wanted
            .and_then(|wanted| {
                CURRENCIES
                    .binary_search_by(|data| data.code.cmp(&wanted))
                    .ok()
            })
            .and_then(|index| u16::try_from(index).ok())
            .map(Currency)
            .ok_or_else(|| {
                Error::new(Inner::UnknownCurrency {
                    code: code.chars().take(16).collect(),
                })
            })
    }

    /// The currency that held the numeric code `numeric` on `date`.
    ///
    /// ISO 4217 reuses numeric codes: 532 was the Netherlands Antillean guilder (`ANG`, withdrawn
    /// 2025-03) and is now the Caribbean guilder (`XCG`). The lists give withdrawal dates but not
    /// introduction dates, so the holders of one numeric code are taken to follow one another: each
    /// holds the code until the end of its withdrawal month, and a current holder from then on. A
    /// date before the earliest withdrawal resolves to the earliest holder.
    ///
    /// # Errors
    ///
    /// When no currency held the code on that date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::Currency;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(Currency::from_numeric(532, day(2020, 10, 13))?, Currency::ANG);
    /// assert_eq!(Currency::from_numeric(532, day(2025, 6, 1))?, Currency::XCG);
    /// assert_eq!(Currency::from_numeric(978, day(2020, 10, 13))?, Currency::EUR);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn from_numeric(numeric: u16, date: NaiveDate) -> Result<Currency, Error> {
        let holders = Currency::all().filter(|currency| currency.numeric_code() == Some(numeric));
        // Among holders still active on the date, the one withdrawn first held the code then.
        holders
            .filter(|currency| currency.is_active_on(date))
            .min_by_key(|currency| {
                (
                    currency.withdrawal_end().is_none(),
                    currency.withdrawal_end(),
                )
            })
            .ok_or_else(|| Error::new(Inner::UnknownNumericCurrency { numeric, date }))
    }

    /// Every currency in the table, in code order.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// let funds = Currency::all().filter(|c| c.is_fund()).count();
    /// assert!(funds >= 8);
    /// ```
    pub fn all() -> impl ExactSizeIterator<Item = Currency> {
        // The table has 308 rows: every index fits in u16.
        (0..u16::try_from(CURRENCIES.len()).unwrap_or(u16::MAX)).map(Currency)
    }

    /// The table row. Every `Currency` holds a valid index, so the fallback (the "no currency"
    /// row, `XXX`) is never taken.
    #[inline]
    fn data(self) -> &'static CurrencyData {
        const NO_CURRENCY: usize = Currency::XXX.0 as usize;
        CURRENCIES
            .get(usize::from(self.0))
            .unwrap_or(&CURRENCIES[NO_CURRENCY])
    }

    /// The three-letter alphabetic code, such as `"EUR"`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert_eq!(Currency::EUR.code(), "EUR");
    /// ```
    #[must_use]
    pub fn code(self) -> &'static str {
        // The generator writes three ASCII letters; the fallback is never taken.
        std::str::from_utf8(&self.data().code).unwrap_or("XXX")
    }

    /// The three-digit numeric code, when ISO 4217 assigned one.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert_eq!(Currency::USD.numeric_code(), Some(840));
    /// assert_eq!(Currency::XBT.numeric_code(), None);
    /// ```
    #[must_use]
    pub fn numeric_code(self) -> Option<u16> {
        self.data().numeric
    }

    /// The number of decimal places of the minor unit: 0 (JPY), 2 (EUR), 3 (BHD) or 4 (CLF).
    ///
    /// `None` where ISO 4217 gives none: units such as gold (`XAU`) and special drawing rights
    /// (`XDR`), and historic codes, for which the historic list does not publish the column.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert_eq!(Currency::BHD.minor_units(), Some(3));
    /// assert_eq!(Currency::XDR.minor_units(), None);
    /// ```
    #[must_use]
    pub fn minor_units(self) -> Option<u8> {
        self.data().minor_units
    }

    /// The currency's English name as the ISO 4217 list gives it.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert_eq!(Currency::EUR.name(), "Euro");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        self.data().name
    }

    /// Whether the code is a fund code (`IsFund` in the ISO lists), such as `CLF` or `USN`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert!(Currency::CLF.is_fund());
    /// assert!(!Currency::CLP.is_fund());
    /// ```
    #[must_use]
    pub fn is_fund(self) -> bool {
        self.data().fund
    }

    /// Whether ISO 4217 assigned the code (false only for codes that the IATI codelist adds).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert!(Currency::EUR.is_iso4217());
    /// assert!(!Currency::XBT.is_iso4217());
    /// ```
    #[must_use]
    pub fn is_iso4217(self) -> bool {
        self.data().iso4217
    }

    /// When the code was withdrawn, at the precision the list gives (a month, or a year where the
    /// list gives a range such as "1989 to 1990"); `None` for current codes.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Currency;
    ///
    /// assert_eq!(Currency::BGN.withdrawn().map(|d| d.to_string()), Some("2026-01".to_owned()));
    /// assert_eq!(Currency::EUR.withdrawn(), None);
    /// ```
    #[must_use]
    pub fn withdrawn(self) -> Option<PartialDate> {
        let w = self.data().withdrawn?;
        if w.month == 0 {
            PartialDate::from_year(w.year).ok()
        } else {
            PartialDate::from_year_month(w.year, w.month).ok()
        }
    }

    /// Whether the code was in use on `date`: current codes always, withdrawn ones up to the last
    /// day of their withdrawal month (or year).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::Currency;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(Currency::BGN.is_active_on(day(2026, 1, 31)));
    /// assert!(!Currency::BGN.is_active_on(day(2026, 2, 1)));
    /// assert!(Currency::EUR.is_active_on(day(2026, 2, 1)));
    /// ```
    #[must_use]
    pub fn is_active_on(self, date: NaiveDate) -> bool {
        self.withdrawal_end().is_none_or(|end| date <= end)
    }

    fn withdrawal_end(self) -> Option<NaiveDate> {
        self.withdrawn().map(|date| date.latest())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;

    fn from_str(code: &str) -> Result<Currency, Error> {
        Currency::from_code(code)
    }
}

impl TryFrom<&str> for Currency {
    type Error = Error;

    fn try_from(code: &str) -> Result<Currency, Error> {
        Currency::from_code(code)
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Currency, D::Error> {
        crate::serde_text::deserialize_from_str(
            deserializer,
            "an ISO 4217 currency code such as \"EUR\"",
        )
    }
}

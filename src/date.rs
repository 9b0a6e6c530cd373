//! Dates at the precision a source gave them.
//!
//! Sources say "13 October 2020", "July 2012" or "2017". A [`PartialDate`] keeps that precision and
//! knows the first and last day it can mean.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::error::Error;

/// How precise a [`PartialDate`] is.
///
/// # Example
///
/// ```
/// use partnerships::{DatePrecision, PartialDate};
///
/// let july: PartialDate = "2012-07".parse()?;
/// assert_eq!(july.precision(), DatePrecision::Month);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePrecision {
    /// A year, such as `2017`.
    Year,
    /// A month of a year, such as `2012-07`.
    Month,
    /// A calendar day, such as `2020-10-13`.
    Day,
}

/// A calendar date known to the year, the month or the day.
///
/// Years run from 0 to 9999 (four digits, as ISO 8601 writes them without an expansion agreement).
/// The text form is ISO 8601 at the date's own precision: `2012`, `2012-07`, `2020-10-13`; serde
/// uses the same string.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::PartialDate;
///
/// let launch: PartialDate = "2016-12".parse()?;
/// assert_eq!(launch.earliest(), NaiveDate::from_ymd_opt(2016, 12, 1).unwrap());
/// assert_eq!(launch.latest(), NaiveDate::from_ymd_opt(2016, 12, 31).unwrap());
/// assert_eq!(launch.to_string(), "2016-12");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    first: NaiveDate,
    last: NaiveDate,
    precision: DatePrecision,
}

const MAX_YEAR: i32 = 9999;

impl PartialDate {
    /// A date known only to the year.
    ///
    /// # Errors
    ///
    /// When `year` is outside 0..=9999.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::PartialDate;
    ///
    /// assert_eq!(PartialDate::from_year(2017)?.to_string(), "2017");
    /// assert!(PartialDate::from_year(10_000).is_err());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn from_year(year: i32) -> Result<PartialDate, Error> {
        let invalid = || Error::parse("year", &year.to_string(), "expected a year from 0 to 9999");
        if !(0..=MAX_YEAR).contains(&year) {
            return Err(invalid());
        }
        let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(invalid)?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(invalid)?;
        Ok(PartialDate {
            first,
            last,
            precision: DatePrecision::Year,
        })
    }

    /// A date known to the month.
    ///
    /// # Errors
    ///
    /// When `year` is outside 0..=9999 or `month` outside 1..=12.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::PartialDate;
    ///
    /// assert_eq!(PartialDate::from_year_month(2012, 7)?.to_string(), "2012-07");
    /// assert!(PartialDate::from_year_month(2012, 13).is_err());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn from_year_month(year: i32, month: u32) -> Result<PartialDate, Error> {
        let invalid = || {
            Error::parse(
                "year and month",
                &format!("{year:04}-{month:02}"),
                "expected a year from 0 to 9999 and a month from 1 to 12",
            )
        };
        if !(0..=MAX_YEAR).contains(&year) {
            return Err(invalid());
        }
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(invalid)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month.saturating_add(1), 1)
        };
        let last = next.and_then(|d| d.pred_opt()).ok_or_else(invalid)?;
        Ok(PartialDate {
            first,
            last,
            precision: DatePrecision::Month,
        })
    }

    /// A date known to the day.
    ///
    /// # Errors
    ///
    /// When the date's year is outside 0..=9999.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::PartialDate;
    ///
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// assert_eq!(PartialDate::from_date(day)?.to_string(), "2020-10-13");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn from_date(date: NaiveDate) -> Result<PartialDate, Error> {
        if !(0..=MAX_YEAR).contains(&date.year()) {
            return Err(Error::parse(
                "date",
                &date.to_string(),
                "expected a year from 0 to 9999",
            ));
        }
        Ok(PartialDate {
            first: date,
            last: date,
            precision: DatePrecision::Day,
        })
    }

    /// How precise the date is.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{DatePrecision, PartialDate};
    ///
    /// assert_eq!("2017".parse::<PartialDate>()?.precision(), DatePrecision::Year);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn precision(&self) -> DatePrecision {
        self.precision
    }

    /// The first day the date can mean.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::PartialDate;
    ///
    /// let year: PartialDate = "2017".parse()?;
    /// assert_eq!(year.earliest(), NaiveDate::from_ymd_opt(2017, 1, 1).unwrap());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn earliest(&self) -> NaiveDate {
        self.first
    }

    /// The last day the date can mean.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::PartialDate;
    ///
    /// let february: PartialDate = "2020-02".parse()?;
    /// assert_eq!(february.latest(), NaiveDate::from_ymd_opt(2020, 2, 29).unwrap());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn latest(&self) -> NaiveDate {
        self.last
    }

    /// Whether `date` is one of the days this date can mean.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::PartialDate;
    ///
    /// let july: PartialDate = "2012-07".parse()?;
    /// assert!(july.contains(NaiveDate::from_ymd_opt(2012, 7, 31).unwrap()));
    /// assert!(!july.contains(NaiveDate::from_ymd_opt(2012, 8, 1).unwrap()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

impl From<PartialDate> for String {
    fn from(date: PartialDate) -> String {
        date.to_string()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.first;
        match self.precision {
            DatePrecision::Year => write!(f, "{:04}", d.year()),
            DatePrecision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            DatePrecision::Day => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

impl FromStr for PartialDate {
    type Err = Error;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, nothing else.
    fn from_str(text: &str) -> Result<PartialDate, Error> {
        const EXPECTED: &str = "expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD";
        let invalid = || Error::parse("date", text, EXPECTED);
        let mut parts = text.split('-');
        let year = parts.next().ok_or_else(invalid)?;
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() {
            return Err(invalid());
        }
        let number = |part: &str, len: usize| -> Result<u32, Error> {
            if part.len() == len && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| invalid())
            } else {
                Err(invalid())
            }
        };
        let year = i32::try_from(number(year, 4)?).map_err(|_| invalid())?;
        let date = match (month, day) {
            (None, _) => PartialDate::from_year(year),
            (Some(month), None) => PartialDate::from_year_month(year, number(month, 2)?),
            (Some(month), Some(day)) => {
                NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
                    .ok_or_else(invalid)
                    .and_then(PartialDate::from_date)
            }
        };
        date.map_err(|_| invalid())
    }
}

impl TryFrom<&str> for PartialDate {
    type Error = Error;

    fn try_from(text: &str) -> Result<PartialDate, Error> {
        text.parse()
    }
}

impl TryFrom<String> for PartialDate {
    type Error = Error;

    fn try_from(text: String) -> Result<PartialDate, Error> {
        text.parse()
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<PartialDate, D::Error> {
        crate::serde_text::deserialize_from_str(
            deserializer,
            "an ISO 8601 date such as \"2012-07\"",
        )
    }
}

//! Dates at the precision a source gave them.
//!
//! Sources say "13 October 2020", "July 2012" or "2017". A [`PartialDate`] keeps that precision and
//! knows the first and last day it can mean; a [`Period`] runs between two of them, either end
//! open ("since 2017") or partial ("between 2015 and 2019").

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::error::Error;

/// How precise a [`PartialDate`] is.
///
/// # Example
///
/// ```
/// use partnerships::date::DatePrecision;
/// use partnerships::PartialDate;
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
/// # Ordering
///
/// A partial date stands for every day it can mean, so two of them are ordered only when the
/// answer is certain: `2016-11 < 2016-12-15` (every day of November is earlier), but `2016-12`
/// and `2016-12-15` have no order, because December 2016 may mean a day before, on or after the
/// 15th. `partial_cmp` returns `None` there, and `<`, `>` are both false. Dates are equal only
/// when they have the same precision and the same days. To sort, use
/// [`PartialDate::sort_key`], which puts the earliest possible day first and the coarser date
/// first among those that start on the same day.
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
    /// use partnerships::date::DatePrecision;
    /// use partnerships::PartialDate;
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

    /// A total order for sorting: by earliest possible day, then coarser precision first.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::PartialDate;
    ///
    /// let mut dates: Vec<PartialDate> = ["2016-12-15", "2016-12", "2016"]
    ///     .iter()
    ///     .map(|d| d.parse())
    ///     .collect::<Result<_, _>>()?;
    /// dates.sort_by_key(PartialDate::sort_key);
    /// let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
    /// assert_eq!(shown, ["2016", "2016-12", "2016-12-15"]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn sort_key(&self) -> (NaiveDate, DatePrecision) {
        (self.first, self.precision)
    }
}

impl PartialOrd for PartialDate {
    /// `Some` only where the order is certain; see the type's docs.
    fn partial_cmp(&self, other: &PartialDate) -> Option<Ordering> {
        if self == other {
            Some(Ordering::Equal)
        } else if self.last < other.first {
            Some(Ordering::Less)
        } else if self.first > other.last {
            Some(Ordering::Greater)
        } else {
            None
        }
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

/// A stretch of time whose ends may be open or partial.
///
/// "Since 2017" is a period with a start and no end; "between 2015 and 2019" one with two
/// year-precise ends; "since the launch" one that starts at the programme's launch date. A period
/// never ends before it starts: the latest day its end can mean is not before the earliest day
/// its start can mean.
///
/// A partial end stands for one day that the source did not give: the period "2015/2019" starts
/// on some day of 2015 and ends on some day of 2019. [`Period::certainly_contains`] and
/// [`Period::may_contain`] answer for every reading and for some reading of the ends.
///
/// The text and serde form is ISO 8601's interval: `2015/2019`, `2017/..` (open end),
/// `../2019` (open start), `../..` (unbounded).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::{PartialDate, Period};
///
/// let since_2017 = Period::since("2017".parse()?);
/// assert_eq!(since_2017.to_string(), "2017/..");
/// let p: Period = "2015/2019".parse()?;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert!(p.certainly_contains(day(2017, 6, 1)));
/// // The end is a day in 2019, not known which: the last day of 2019 may or may not be inside.
/// assert!(!p.certainly_contains(day(2019, 12, 31)));
/// assert!(p.may_contain(day(2019, 12, 31)));
/// assert!(Period::between("2020".parse()?, "2019".parse()?).is_err());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

impl Period {
    /// A period with optional ends.
    ///
    /// # Errors
    ///
    /// When the end is certainly before the start.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Period;
    ///
    /// let err = Period::new(Some("2020-10".parse()?), Some("2020-09-30".parse()?)).unwrap_err();
    /// assert_eq!(err.to_string(), "a period cannot end (2020-09-30) before it starts (2020-10)");
    /// assert!(Period::new(Some("2020-10".parse()?), Some("2020-10-01".parse()?)).is_ok());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn new(start: Option<PartialDate>, end: Option<PartialDate>) -> Result<Period, Error> {
        if let (Some(start), Some(end)) = (start, end) {
            if end.latest() < start.earliest() {
                return Err(Error::invalid_input(format_args!(
                    "a period cannot end ({end}) before it starts ({start})"
                )));
            }
        }
        Ok(Period { start, end })
    }

    /// From `start` on, with no end: "since 2017".
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Period;
    ///
    /// assert_eq!(Period::since("2016-12".parse()?).end(), None);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn since(start: PartialDate) -> Period {
        Period {
            start: Some(start),
            end: None,
        }
    }

    /// Up to `end`, with no known start.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Period;
    ///
    /// assert_eq!(Period::until("2019".parse()?).to_string(), "../2019");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn until(end: PartialDate) -> Period {
        Period {
            start: None,
            end: Some(end),
        }
    }

    /// From `start` to `end`: "between 2015 and 2019".
    ///
    /// # Errors
    ///
    /// When `end` is certainly before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Period;
    ///
    /// let p = Period::between("2015".parse()?, "2019".parse()?)?;
    /// assert_eq!(p.to_string(), "2015/2019");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn between(start: PartialDate, end: PartialDate) -> Result<Period, Error> {
        Period::new(Some(start), Some(end))
    }

    /// The start, if known.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Period;
    ///
    /// let p: Period = "2015/2019".parse()?;
    /// assert_eq!(p.start().map(|d| d.to_string()), Some("2015".to_owned()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn start(&self) -> Option<PartialDate> {
        self.start
    }

    /// The end, if known.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::Period;
    ///
    /// let p: Period = "2017/..".parse()?;
    /// assert_eq!(p.end(), None);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn end(&self) -> Option<PartialDate> {
        self.end
    }

    /// Whether `date` is inside the period whatever days its partial ends mean.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::Period;
    ///
    /// let p: Period = "2016-12/..".parse()?;
    /// assert!(p.certainly_contains(NaiveDate::from_ymd_opt(2017, 1, 1).unwrap()));
    /// assert!(!p.certainly_contains(NaiveDate::from_ymd_opt(2016, 12, 15).unwrap()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn certainly_contains(&self, date: NaiveDate) -> bool {
        self.start.is_none_or(|s| s.latest() <= date)
            && self.end.is_none_or(|e| date <= e.earliest())
    }

    /// Whether `date` is inside the period for some reading of its partial ends.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::Period;
    ///
    /// let p: Period = "2016-12/..".parse()?;
    /// assert!(p.may_contain(NaiveDate::from_ymd_opt(2016, 12, 15).unwrap()));
    /// assert!(!p.may_contain(NaiveDate::from_ymd_opt(2016, 11, 30).unwrap()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn may_contain(&self, date: NaiveDate) -> bool {
        self.start.is_none_or(|s| s.earliest() <= date)
            && self.end.is_none_or(|e| date <= e.latest())
    }
}

impl fmt::Display for Period {
    /// ISO 8601 interval form: `2015/2019`, `2017/..`, `../2019`, `../..`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.start {
            Some(start) => write!(f, "{start}/")?,
            None => f.write_str("../")?,
        }
        match self.end {
            Some(end) => write!(f, "{end}"),
            None => f.write_str(".."),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    fn from_str(text: &str) -> Result<Period, Error> {
        let (start, end) = text.split_once('/').ok_or_else(|| {
            Error::parse(
                "period",
                text,
                "expected START/END in ISO 8601, with .. for an open end, such as \"2015/2019\" or \"2017/..\"",
            )
        })?;
        let end_of = |part: &str| -> Result<Option<PartialDate>, Error> {
            if part == ".." {
                Ok(None)
            } else {
                part.parse().map(Some)
            }
        };
        Period::new(end_of(start)?, end_of(end)?)
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        crate::serde_text::deserialize_from_str(
            deserializer,
            "an ISO 8601 interval such as \"2015/2019\"",
        )
    }
}

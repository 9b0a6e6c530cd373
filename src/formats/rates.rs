//! Exchange-rate tables as files (feature `csv`): the crate's own CSV form
//! `base,quote,rate,date,kind,source`, read into a [`RateTable`] and written from one.
//!
//! # Example
//!
//! ```
//! use partnerships::formats::rates;
//! use partnerships::Currency;
//!
//! let text = "base,quote,rate,date,kind,source\nUSD,EUR,0.8498,2020-10-01,monthly-average,FRED\n";
//! let table = rates::from_csv(text.as_bytes(), "rates.csv", Some(Currency::USD))?;
//! let mut out = Vec::new();
//! rates::write_csv(&table, &mut out)?;
//! assert_eq!(String::from_utf8_lossy(&out), text);
//! # Ok::<(), partnerships::Error>(())
//! ```

use std::io;

use crate::date::{DatePrecision, PartialDate};
use crate::error::{Error, Inner};
use crate::money::{Currency, ExchangeRate, RateKind, RateTable};
use crate::serde_text::parse_decimal;

const HEADER: [&str; 6] = ["base", "quote", "rate", "date", "kind", "source"];

/// Reads published rates from CSV into `table` and returns how many rows were read.
///
/// The form is a header line `base,quote,rate,date,kind,source` and one rate per line:
/// ISO 4217 codes, the rate as a plain decimal (units of quote per unit of base), an ISO 8601
/// day, a [`RateKind`] name and free source text (quoted when it holds a comma):
///
/// ```text
/// base,quote,rate,date,kind,source
/// USD,EUR,0.8498,2020-10-01,monthly-average,"FRED H.10, Euro"
/// ```
///
/// Reading stops at the first bad row, and the error names `source_name` and the line; rows
/// read before it stay in the table.
///
/// # Errors
///
/// When the header differs, a row does not have six fields, a field is invalid, or a rate
/// conflicts with one already held ([`RateTable::insert`]).
///
/// # Example
///
/// ```
/// use partnerships::formats::rates;
/// use partnerships::money::RateTable;
/// use partnerships::Currency;
///
/// let text = "base,quote,rate,date,kind,source\nUSD,EUR,0.8498,2020-10-01,monthly-average,FRED\n";
/// let mut table = RateTable::with_pivot(Currency::USD);
/// assert_eq!(rates::read_csv(&mut table, text.as_bytes(), "rates.csv")?, 1);
///
/// let bad = "base,quote,rate,date,kind,source\nUSD,EUR,-1,2020-10-01,spot,x\n";
/// let err = rates::read_csv(&mut table, bad.as_bytes(), "bad.csv").unwrap_err();
/// assert_eq!(err.to_string(), "bad.csv line 2: invalid exchange rate USD/EUR on 2020-10-01: the rate must be positive, not -1");
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn read_csv<R: io::Read>(
    table: &mut RateTable,
    reader: R,
    source_name: &str,
) -> Result<usize, Error> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(reader);
    let header = csv.headers().map_err(|e| csv_error(&e, source_name))?;
    if header.iter().ne(HEADER) {
        let found: Vec<&str> = header.iter().collect();
        return Err(Error::parse(
            "rate table header",
            &found.join(","),
            format!("expected {}", HEADER.join(",")),
        )
        .at_line(source_name, 1));
    }
    let mut read = 0_usize;
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => return Ok(read),
            Ok(true) => {}
            Err(e) => return Err(csv_error(&e, source_name)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        parse_row(&record)
            .and_then(|rate| table.insert(rate))
            .map_err(|e| e.at_line(source_name, line))?;
        read = read.saturating_add(1);
    }
}

/// A table read from CSV (see [`read_csv`]) with an optional pivot currency.
///
/// # Errors
///
/// As [`read_csv`].
///
/// # Example
///
/// ```
/// use partnerships::formats::rates;
/// use partnerships::Currency;
///
/// let text = "base,quote,rate,date,kind,source\nUSD,EUR,0.8498,2020-10-01,monthly-average,FRED\n";
/// let table = rates::from_csv(text.as_bytes(), "rates.csv", Some(Currency::USD))?;
/// assert_eq!(table.len(), 1);
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn from_csv<R: io::Read>(
    reader: R,
    source_name: &str,
    pivot: Option<Currency>,
) -> Result<RateTable, Error> {
    let mut table = RateTable::new();
    table.set_pivot(pivot);
    read_csv(&mut table, reader, source_name)?;
    Ok(table)
}

/// Writes the table's published rates as CSV in the form [`read_csv`] reads, by
/// pair and date, so that reading the output gives an equal table.
///
/// # Errors
///
/// When writing to `writer` fails.
///
/// # Example
///
/// ```
/// use partnerships::formats::rates;
///
/// let text = "base,quote,rate,date,kind,source\nUSD,EUR,0.8498,2020-10-01,monthly-average,\"FRED H.10, Euro\"\n";
/// let table = rates::from_csv(text.as_bytes(), "rates.csv", None)?;
/// let mut out = Vec::new();
/// rates::write_csv(&table, &mut out)?;
/// assert_eq!(String::from_utf8_lossy(&out), text);
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn write_csv<W: io::Write>(table: &RateTable, writer: W) -> Result<(), Error> {
    let mut csv = csv::Writer::from_writer(writer);
    let io_error = |e: csv::Error| {
        Error::new(Inner::Io {
            source_name: "rate table".to_owned(),
            message: e.to_string(),
        })
    };
    csv.write_record(HEADER).map_err(io_error)?;
    for rate in table.iter() {
        csv.write_record([
            rate.base().code(),
            rate.quote().code(),
            &rate.rate().to_string(),
            &rate.date().to_string(),
            rate.kind().as_str(),
            rate.source(),
        ])
        .map_err(io_error)?;
    }
    csv.flush().map_err(|e| {
        Error::new(Inner::Io {
            source_name: "rate table".to_owned(),
            message: e.to_string(),
        })
    })
}

fn parse_row(record: &csv::StringRecord) -> Result<ExchangeRate, Error> {
    let field = |index: usize| record.get(index).unwrap_or("");
    let base = Currency::from_code(field(0))?;
    let quote = Currency::from_code(field(1))?;
    let rate = parse_decimal(field(2))?;
    let date: PartialDate = field(3).parse()?;
    if date.precision() != DatePrecision::Day {
        return Err(Error::parse(
            "rate date",
            field(3),
            "expected a day, YYYY-MM-DD",
        ));
    }
    let kind: RateKind = field(4).parse()?;
    ExchangeRate::new(base, quote, rate, date.earliest(), kind, field(5))
}

fn csv_error(error: &csv::Error, source_name: &str) -> Error {
    let line = error.position().map_or(0, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => {
            format!("expected 6 fields, found {len}")
        }
        csv::ErrorKind::Utf8 { .. } => "the line is not valid UTF-8".to_owned(),
        _ => error.to_string(),
    };
    Error::new(Inner::Malformed { message }).at_line(source_name, line)
}

//! Exchange-rate files (feature `csv`):
//!
//! - the crate's own CSV form `base,quote,rate,date,kind,source`, read into a [`RateTable`] and
//!   written from one ([`read_csv`], [`from_csv`], [`write_csv`]);
//! - the layouts the field's tools publish, read into a [`RateSeries`]: the IMF's monthly
//!   rates against the SDR as IATI.cloud keeps them (`year,month,currency,xdr_per_unit`,
//!   [`read_sdr_monthly`]), and the IMF's rates per US dollar as codeforIATI publishes them and
//!   `iatiflattener` downloads them (`Date,Rate,Currency,Frequency,Source` with or without
//!   `Country code,Country`, [`read_per_usd`]);
//! - [`read_any`], which tells the layouts apart by their header.
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

use std::collections::BTreeMap;
use std::io;

use rust_decimal::Decimal;

use crate::date::{DatePrecision, PartialDate};
use crate::error::{Error, Inner};
use crate::money::{
    Currency, ExchangeRate, Frequency, Quotation, RateKind, RatePeriod, RateSeries, RateTable,
};
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

/// What a rate file holds: a table of dated pairs, or a series against one reference.
///
/// # Example
///
/// See [`read_any`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RateFile {
    /// The crate's own CSV form: rates between pairs, each with its date and kind.
    Table(RateTable),
    /// A published series: the IMF's against the SDR or the US dollar.
    Series(RateSeries),
}

/// The header of the IMF's monthly SDR table as IATI.cloud keeps it.
const SDR_HEADER: [&str; 4] = ["year", "month", "currency", "xdr_per_unit"];
/// The first columns of the IMF's per-dollar feeds.
const PER_USD_HEADER: [&str; 5] = ["Date", "Rate", "Currency", "Frequency", "Source"];

/// Reads a rate file of any layout this module reads, told apart by its header: the crate's
/// CSV form (a [`RateTable`] routed through the US dollar), the IMF's monthly SDR table, or an
/// IMF per-dollar feed.
///
/// # Errors
///
/// When the header is none of these, or as the reader of the layout.
///
/// # Example
///
/// ```
/// use partnerships::formats::rates::{read_any, RateFile};
///
/// let sdr = "year,month,currency,xdr_per_unit\n2020,5,EUR,0.7995564737\n2020,5,USD,0.7332989\n";
/// let Ok(RateFile::Series(series)) = read_any(sdr.as_bytes(), "sdr.csv") else { panic!("a series") };
/// assert_eq!(series.len(), 2);
///
/// let err = read_any("a,b\n1,2\n".as_bytes(), "other.csv").unwrap_err();
/// assert!(err.to_string().starts_with("other.csv line 1: invalid rate file header"));
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn read_any<R: io::Read>(reader: R, source_name: &str) -> Result<RateFile, Error> {
    let mut reader = io::BufReader::new(reader);
    let mut first = String::new();
    io::BufRead::read_line(&mut reader, &mut first).map_err(|e| {
        Error::new(Inner::Io {
            source_name: source_name.to_owned(),
            message: e.to_string(),
        })
    })?;
    let header: Vec<&str> = first.trim_end().split(',').map(str::trim).collect();
    let whole = io::Read::chain(first.as_bytes(), reader);
    if header == HEADER {
        from_csv(whole, source_name, Some(Currency::USD)).map(RateFile::Table)
    } else if header == SDR_HEADER {
        read_sdr_monthly(whole, source_name).map(RateFile::Series)
    } else if header.get(..PER_USD_HEADER.len()) == Some(&PER_USD_HEADER[..]) {
        read_per_usd(whole, source_name).map(RateFile::Series)
    } else {
        Err(Error::parse(
            "rate file header",
            first.trim_end(),
            format!(
                "expected {}, {} or {}[,Country code,Country]",
                HEADER.join(","),
                SDR_HEADER.join(","),
                PER_USD_HEADER.join(",")
            ),
        )
        .at_line(source_name, 1))
    }
}

/// The rows of a CSV file with a fixed header, each handed to `row` with its line number.
fn each_row<R: io::Read>(
    reader: R,
    source_name: &str,
    header: &[&str],
    mut row: impl FnMut(&csv::StringRecord, u64) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let found = csv.headers().map_err(|e| csv_error(&e, source_name))?;
    if found.iter().take(header.len()).ne(header.iter().copied()) {
        let found: Vec<&str> = found.iter().collect();
        return Err(Error::parse(
            "rate file header",
            &found.join(","),
            format!("expected {}", header.join(",")),
        )
        .at_line(source_name, 1));
    }
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => return Err(csv_error(&e, source_name)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        row(&record, line).map_err(|e| e.at_line(source_name, line))?;
    }
}

/// A rate as the IMF's files write one: a plain decimal or one with an exponent
/// (`9.31719e-05`), exactly; `None` for a number a decimal cannot hold exactly (more than 28
/// decimal places), which is left out rather than rounded.
fn rate_value(text: &str) -> Result<Option<Decimal>, Error> {
    let text = text.trim();
    let (digits, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let is_number = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit())
        && exponent
            .trim_start_matches(['+', '-'])
            .parse::<u32>()
            .is_ok();
    if !is_number {
        return Err(Error::parse(
            "rate",
            text,
            "expected a decimal such as 0.7332989 or 9.31719e-05",
        ));
    }
    Ok(Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok())
}

/// Reads the IMF's monthly average value of one unit of each currency in SDR, in the layout
/// IATI.cloud keeps it: `year,month,currency,xdr_per_unit`. The series is the one
/// `data::IMF_SDR_MONTHLY` ships; a newer file extends it ([`RateSeries::extend`]).
///
/// # Errors
///
/// When the header differs, a currency is not ISO 4217, a month is not 1 to 12, or a value is
/// not a positive decimal; the error names the line.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::formats::rates::read_sdr_monthly;
/// use partnerships::money::RatePeriod;
/// use partnerships::Currency;
///
/// let text = "year,month,currency,xdr_per_unit\n2020,5,EUR,0.7995564737\n";
/// let series = read_sdr_monthly(text.as_bytes(), "sdr.csv")?;
/// let may = RatePeriod::containing(series.frequency(), NaiveDate::from_ymd_opt(2020, 5, 1).unwrap());
/// assert_eq!(series.value(Currency::EUR, may).map(|v| v.to_string()), Some("0.7995564737".to_owned()));
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn read_sdr_monthly<R: io::Read>(reader: R, source_name: &str) -> Result<RateSeries, Error> {
    let mut series = RateSeries::new(
        format!("IMF monthly average SDR per unit ({source_name})"),
        Currency::XDR,
        Quotation::ReferencePerUnit,
        Frequency::Monthly,
        RateKind::MonthlyAverage,
    );
    each_row(reader, source_name, &SDR_HEADER, |record, _| {
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let year: u32 = field(0)
            .parse()
            .map_err(|_| Error::parse("year", field(0), "expected a year such as 2020"))?;
        let month: u32 = field(1)
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| Error::parse("month", field(1), "expected 1 to 12"))?;
        let currency = Currency::from_code(field(2))?;
        let period = RatePeriod::new(Frequency::Monthly, year, month);
        if let Some(value) = rate_value(field(3))? {
            series.insert(currency, period, value)
        } else {
            series.leave_out(currency, period, field(3));
            Ok(())
        }
    })?;
    Ok(series)
}

/// The country whose rows stand for a currency in a per-country file: the currency union's for
/// a union's currency, and otherwise the country whose ISO 3166 code the currency's begins with,
/// or the only country. `None` when several countries use the currency and none is chosen.
fn chosen_country<'a>(currency: &str, countries: &[&'a str]) -> Option<&'a str> {
    const UNIONS: [(&str, &str); 7] = [
        ("EUR", "U2"),
        ("XAF", "5X"),
        ("XCD", "5Y"),
        ("XOF", "7A"),
        ("XCG", "CW"),
        ("XPF", "PF"),
        ("YDD", "1C_459"),
    ];
    let wanted = UNIONS
        .iter()
        .find(|(c, _)| *c == currency)
        .map(|(_, country)| *country)
        .or_else(|| currency.get(..2));
    if let Some(found) = countries.iter().find(|c| Some(**c) == wanted) {
        return Some(found);
    }
    match countries {
        [only] => Some(only),
        _ => None,
    }
}

/// Reads the IMF's rates per US dollar (units of each currency per dollar), in the layout
/// codeforIATI publishes and `iatiflattener` downloads: `Date,Rate,Currency,Frequency,Source`,
/// each value stamped at its period's last day, and optionally `Country code,Country`.
///
/// Every row must have the same frequency (`M` monthly or `A` annual). A file keyed by country
/// takes each currency's values from one country: the euro area's for EUR, the currency union's
/// for XAF, XCD and XOF, and otherwise the country whose code the currency's begins with, as the
/// shipped `data::IMF_USD_ANNUAL` does, so that Haiti's gourdes coded USD are not taken for
/// dollars. USD is the reference (1 by definition): its rows are not read. A value with more than
/// 28 decimal places, which a decimal cannot hold exactly, is left out and listed by
/// [`RateSeries::left_out`], never rounded. The layout does not say
/// whether a value is its period's average or its end; the series calls it an average.
///
/// # Errors
///
/// When the header differs, frequencies are mixed, a currency is used by several countries none
/// of which is chosen, or a field is invalid; the error names the line.
///
/// # Example
///
/// ```
/// use partnerships::formats::rates::read_per_usd;
/// use partnerships::Currency;
///
/// let text = "Date,Rate,Currency,Frequency,Source,Country code,Country
/// 2020-12-31,0.8755,EUR,A,IMF,U2,Euro Area (EA)
/// 2020-12-31,0.8775,EUR,A,IMF,XK,Kosovo
/// 2020-12-31,41.63,USD,A,IMF,HT,Haiti
/// ";
/// let series = read_per_usd(text.as_bytes(), "imf.csv")?;
/// assert_eq!(series.len(), 1); // the euro area's euro; Haiti's gourdes are not dollars
/// assert_eq!(series.currencies().collect::<Vec<_>>(), [Currency::EUR]);
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn read_per_usd<R: io::Read>(reader: R, source_name: &str) -> Result<RateSeries, Error> {
    // (currency, country) -> (period, value or its text when a decimal cannot hold it, line),
    // read whole before countries are chosen.
    type Row = (RatePeriod, Result<Decimal, String>, u64);
    let mut rows: BTreeMap<(Currency, String), Vec<Row>> = BTreeMap::new();
    let mut frequency: Option<Frequency> = None;
    each_row(reader, source_name, &PER_USD_HEADER, |record, line| {
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let this = match field(3) {
            "M" => Frequency::Monthly,
            "A" => Frequency::Annual,
            other => return Err(Error::parse("frequency", other, "expected M or A")),
        };
        if *frequency.get_or_insert(this) != this {
            return Err(Error::parse(
                "frequency",
                field(3),
                "every row of a series has the same frequency",
            ));
        }
        let currency = Currency::from_code(field(2))?;
        if currency == Currency::USD {
            return Ok(());
        }
        let date: PartialDate = field(0).parse()?;
        let period = RatePeriod::containing(this, date.earliest());
        let value = rate_value(field(1))?;
        rows.entry((currency, field(5).to_owned()))
            .or_default()
            .push((period, value.ok_or_else(|| field(1).to_owned()), line));
        Ok(())
    })?;
    let frequency = frequency.unwrap_or(Frequency::Monthly);
    let kind = match frequency {
        Frequency::Annual => RateKind::AnnualAverage,
        _ => RateKind::MonthlyAverage,
    };
    let mut series = RateSeries::new(
        format!("IMF {frequency} units per US dollar ({source_name})"),
        Currency::USD,
        Quotation::UnitsPerReference,
        frequency,
        kind,
    );
    let mut by_currency: BTreeMap<Currency, Vec<&str>> = BTreeMap::new();
    for (currency, country) in rows.keys() {
        by_currency.entry(*currency).or_default().push(country);
    }
    for (currency, countries) in &by_currency {
        let chosen = chosen_country(currency.code(), countries).ok_or_else(|| {
            Error::parse(
                "currency",
                currency.code(),
                format!(
                    "used by several countries ({}) and none is its own",
                    countries.join(", ")
                ),
            )
            .at_line(source_name, 1)
        })?;
        for (period, value, line) in rows
            .get(&(*currency, chosen.to_owned()))
            .map_or(&[][..], Vec::as_slice)
        {
            match value {
                Ok(value) => series
                    .insert(*currency, *period, *value)
                    .map_err(|e| e.at_line(source_name, *line))?,
                Err(text) => series.leave_out(*currency, *period, text),
            }
        }
    }
    Ok(series)
}

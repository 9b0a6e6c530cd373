//! The flat tables as CSV, and their Frictionless Data Package descriptor.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::cells::{activity_columns, row_cells, ActivityText, Cell, ItemText, Origin};
use super::{columns, Column, ColumnType};
use crate::analysis::flat::FlatActivity;
use crate::error::{Error, Inner};

/// Writes activities' rows as three CSV tables: transactions, budgets and the activities
/// themselves, each with a header row (unless made [`without_headers`](Self::without_headers),
/// to append to a table another writer began).
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::convention::Rates;
/// use partnerships::analysis::flat::Flattener;
/// use partnerships::formats::flat::CsvRows;
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity default-currency="USD"><iati-identifier>XI-1</iati-identifier>
///   <recipient-country code="SN"/>
///   <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/>
///     <value value-date="2020-05-13">100.00</value></transaction></iati-activity>"#;
/// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let rates = Rates::default();
/// let flat = Flattener::new(&rates)?.activity(&activity);
/// let mut csv = CsvRows::new(Vec::new(), Vec::new(), Vec::new(), &["en"]);
/// csv.write("one.xml", 0, &flat)?;
/// let (transactions, budgets, _) = csv.into_inner()?;
/// let text = String::from_utf8(transactions).expect("UTF-8");
/// assert!(text.starts_with("source_file,activity_index,item_index,row_index,iati_identifier,title#en,"));
/// assert!(text.lines().nth(1).is_some_and(|row| row.contains(",100.00,USD,100.00,2020-05-13,1,")));
/// assert_eq!(budgets.len(), text.lines().next().map_or(0, |h| h.len() + 1)); // the header alone
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
pub struct CsvRows<W: Write> {
    transactions: W,
    budgets: W,
    activities: W,
    langs: Vec<String>,
    headers_due: bool,
    encoder: Encoder,
}

impl<W: Write> std::fmt::Debug for CsvRows<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvRows")
            .field("langs", &self.langs)
            .field("headers_due", &self.headers_due)
            .finish_non_exhaustive()
    }
}

impl<W: Write> CsvRows<W> {
    /// Tables written to the three writers, with text columns in each of `langs`.
    ///
    /// # Example
    ///
    /// See [`CsvRows`].
    pub fn new(transactions: W, budgets: W, activities: W, langs: &[&str]) -> CsvRows<W> {
        CsvRows {
            transactions,
            budgets,
            activities,
            langs: langs.iter().map(|l| (*l).to_owned()).collect(),
            headers_due: true,
            encoder: Encoder::default(),
        }
    }

    /// The same writer, writing no header rows.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::flat::CsvRows;
    ///
    /// let csv = CsvRows::new(Vec::new(), Vec::new(), Vec::new(), &["en"]).without_headers();
    /// let (transactions, _, _) = csv.into_inner()?;
    /// assert!(transactions.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn without_headers(mut self) -> CsvRows<W> {
        self.headers_due = false;
        self
    }

    fn headers(&mut self) -> Result<(), Error> {
        if !std::mem::take(&mut self.headers_due) {
            return Ok(());
        }
        let langs: Vec<&str> = self.langs.iter().map(String::as_str).collect();
        let header = |columns: Vec<Column>| -> Vec<Cell<'static>> {
            columns
                .into_iter()
                .map(|c| Cell::Text(c.name.into()))
                .collect()
        };
        let rows = header(columns(&langs));
        self.encoder.forget();
        self.encoder.row(&mut self.transactions, &rows)?;
        self.encoder.row(&mut self.budgets, &rows)?;
        let activities = header(activity_columns(&langs));
        self.encoder.row(&mut self.activities, &activities)
    }

    /// Writes an activity (read from `file`, at `activity_index` there) and its rows.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when a writer fails.
    ///
    /// # Example
    ///
    /// See [`CsvRows`].
    pub fn write(
        &mut self,
        file: &str,
        activity_index: usize,
        activity: &FlatActivity,
    ) -> Result<(), Error> {
        self.headers()?;
        let langs: Vec<&str> = self.langs.iter().map(String::as_str).collect();
        let origin = Origin {
            file,
            activity_index,
        };
        let text = ActivityText::new(origin, activity, &langs);
        self.encoder.forget();
        self.encoder.row(&mut self.activities, &text.cells())?;
        for item in &activity.items {
            let table = if item.flow.is_transaction() {
                &mut self.transactions
            } else {
                &mut self.budgets
            };
            let item_text = ItemText::new(item, &langs);
            // The texts the encoder remembers live as long as this item's rows.
            self.encoder.forget();
            let mut cells = Vec::new();
            for (row_index, row) in item.rows.iter().enumerate() {
                row_cells(&text, &item_text, row_index, row, &mut cells);
                self.encoder.row(table, &cells)?;
            }
        }
        Ok(())
    }

    /// Flushes the three tables and hands back their writers: transactions, budgets,
    /// activities.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when a writer fails.
    ///
    /// # Example
    ///
    /// See [`CsvRows`].
    pub fn into_inner(mut self) -> Result<(W, W, W), Error> {
        self.headers()?;
        for table in [
            &mut self.transactions,
            &mut self.budgets,
            &mut self.activities,
        ] {
            table.flush().map_err(io)?;
        }
        Ok((self.transactions, self.budgets, self.activities))
    }
}

/// Encodes rows as CSV lines, quoting by the `csv` crate's own rules (a field with a comma,
/// quote or line break is quoted, its quotes doubled), and remembering the encoding of each
/// text field of the previous row, which the rows of one transaction or budget mostly share
/// (titles, organisations, the link).
#[derive(Default)]
struct Encoder {
    core: csv_core::Writer,
    line: Vec<u8>,
    /// By column: the address and length of the text last seen there, and its encoding.
    cache: Vec<(usize, usize, Vec<u8>)>,
}

impl Encoder {
    /// Forgets the texts it remembers: their owners are about to go.
    fn forget(&mut self) {
        for entry in &mut self.cache {
            entry.0 = 0;
        }
    }

    /// Writes one row of `cells` as a line.
    fn row(&mut self, out: &mut impl Write, cells: &[Cell<'_>]) -> Result<(), Error> {
        self.line.clear();
        if self.cache.len() < cells.len() {
            self.cache.resize_with(cells.len(), Default::default);
        }
        for (column, cell) in cells.iter().enumerate() {
            if column > 0 {
                self.line.push(b',');
            }
            match cell {
                Cell::Null => {}
                Cell::Text(std::borrow::Cow::Borrowed(text)) => {
                    let key = (text.as_ptr() as usize, text.len());
                    match self.cache.get_mut(column) {
                        Some(entry) if (entry.0, entry.1) == key => {
                            self.line.extend_from_slice(&entry.2);
                        }
                        Some(entry) => {
                            entry.2.clear();
                            quote(&self.core, text.as_bytes(), &mut entry.2);
                            (entry.0, entry.1) = key;
                            self.line.extend_from_slice(&entry.2);
                        }
                        None => quote(&self.core, text.as_bytes(), &mut self.line),
                    }
                }
                Cell::Text(text) => quote(&self.core, text.as_bytes(), &mut self.line),
                Cell::Boolean(b) => self.line.push(if *b { b'1' } else { b'0' }),
                Cell::Integer(i) => push_integer(&mut self.line, i128::from(*i)),
                Cell::Decimal(d) => push_decimal(&mut self.line, *d),
                Cell::Date(d) => push_date(&mut self.line, *d),
                Cell::YearQuarter(year, quarter) => {
                    push_integer(&mut self.line, i128::from(*year));
                    self.line.extend_from_slice(b" Q");
                    push_integer(&mut self.line, i128::from(*quarter));
                }
            }
        }
        self.line.push(b'\n');
        out.write_all(&self.line).map_err(io)
    }
}

/// A text field as CSV: as it is, or quoted with its quotes doubled where the `csv` crate's
/// rules say so.
fn quote(core: &csv_core::Writer, text: &[u8], out: &mut Vec<u8>) {
    if !core.should_quote(text) {
        out.extend_from_slice(text);
        return;
    }
    out.push(b'"');
    let start = out.len();
    // Every byte a quote: twice the length, at most.
    out.resize(start.saturating_add(text.len().saturating_mul(2)), 0);
    let written = out
        .get_mut(start..)
        .map_or(0, |room| csv_core::quote(text, room, b'"', b'\\', true).2);
    out.truncate(start.saturating_add(written));
    out.push(b'"');
}

/// An integer in decimal digits.
fn push_integer(buffer: &mut Vec<u8>, value: i128) {
    if value < 0 {
        buffer.push(b'-');
    }
    let mut digits = [0_u8; 40];
    let mut at = digits.len();
    let mut rest = value.unsigned_abs();
    loop {
        at = at.saturating_sub(1);
        if let Some(slot) = digits.get_mut(at) {
            // A remainder of ten is below 256.
            *slot = b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or(0));
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    buffer.extend_from_slice(digits.get(at..).unwrap_or_default());
}

/// A decimal as its digits with the point where its scale puts it, as `Decimal` displays it.
fn push_decimal(buffer: &mut Vec<u8>, value: Decimal) {
    let scale = usize::try_from(value.scale()).unwrap_or(0);
    if scale == 0 {
        return push_integer(buffer, value.mantissa());
    }
    if value.is_sign_negative() && !value.is_zero() {
        buffer.push(b'-');
    }
    let start = buffer.len();
    push_integer(buffer, value.mantissa().checked_abs().unwrap_or(0));
    let digits = buffer.len().saturating_sub(start);
    if digits <= scale {
        // 0.00ddd: zeros between the point and the digits.
        let zeros = scale.saturating_sub(digits).saturating_add(1);
        buffer.splice(start..start, std::iter::repeat_n(b'0', zeros));
    }
    let point = buffer.len().saturating_sub(scale);
    buffer.insert(point, b'.');
}

/// A date as `YYYY-MM-DD`.
fn push_date(buffer: &mut Vec<u8>, day: NaiveDate) {
    let two = |buffer: &mut Vec<u8>, n: u32| {
        buffer.push(b'0'.saturating_add(u8::try_from(n / 10 % 10).unwrap_or(0)));
        buffer.push(b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0)));
    };
    let year = day.year();
    if (0..=9999).contains(&year) {
        let year = year.unsigned_abs();
        two(buffer, year / 100);
        two(buffer, year % 100);
        buffer.push(b'-');
        two(buffer, day.month());
        buffer.push(b'-');
        two(buffer, day.day());
    } else {
        buffer.extend_from_slice(day.to_string().as_bytes());
    }
}

#[allow(clippy::needless_pass_by_value)] // the shape `map_err` hands over
fn io(error: std::io::Error) -> Error {
    Error::new(Inner::Io {
        source_name: "flat table".to_owned(),
        message: error.to_string(),
    })
}

fn schema(columns: &[Column]) -> Vec<Value> {
    columns
        .iter()
        .map(|c| {
            let mut field = serde_json::Map::new();
            field.insert("name".into(), json!(c.name));
            field.insert("type".into(), json!(c.kind.frictionless()));
            field.insert("description".into(), json!(c.description));
            if c.required {
                field.insert("constraints".into(), json!({ "required": true }));
            }
            if c.kind == ColumnType::Boolean {
                field.insert("trueValues".into(), json!(["1"]));
                field.insert("falseValues".into(), json!(["0"]));
            }
            Value::Object(field)
        })
        .collect()
}

/// The Frictionless Data Package descriptor (`datapackage.json`) of the three CSV tables, at
/// `transactions.csv`, `budgets.csv` and `activities.csv` beside it: a Table Schema for each,
/// with its primary key, and the rows' foreign key to their activity.
///
/// # Example
///
/// ```
/// use partnerships::formats::flat::datapackage;
///
/// let package = datapackage(&["en", "fr"]);
/// let transactions = &package["resources"][1];
/// assert_eq!(transactions["path"], "transactions.csv");
/// assert_eq!(transactions["schema"]["primaryKey"][3], "row_index");
/// assert_eq!(transactions["schema"]["foreignKeys"][0]["reference"]["resource"], "activities");
/// ```
#[must_use]
pub fn datapackage(langs: &[&str]) -> Value {
    let rows = schema(&columns(langs));
    let key = json!(["source_file", "activity_index"]);
    let table = |name: &str, title: &str| {
        json!({
            "name": name,
            "path": format!("{name}.csv"),
            "title": title,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": rows,
                "primaryKey": ["source_file", "activity_index", "item_index", "row_index"],
                "foreignKeys": [{
                    "fields": key,
                    "reference": { "resource": "activities", "fields": key },
                }],
                "missingValues": [""],
            },
        })
    };
    json!({
        "profile": "tabular-data-package",
        "name": "iati-flat-rows",
        "title": "IATI transactions and budgets by country, sector and quarter",
        "description": "One row per transaction or budget quarter, recipient country or region and DAC sector, valued in US dollars, euros and the recipient's currency at the monthly rate closest to each value date; the rows of each transaction and budget add up exactly to its value.",
        "resources": [
            {
                "name": "activities",
                "path": "activities.csv",
                "title": "The activities the rows come from",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": schema(&activity_columns(langs)),
                    "primaryKey": key,
                    "missingValues": [""],
                },
            },
            table("transactions", "Transactions by country and sector"),
            table("budgets", "Budgets by quarter, country, sector and classification"),
        ],
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn numbers_and_dates_are_written_as_their_display() {
        for text in [
            "0",
            "-0.00",
            "0.005",
            "-12.50",
            "123456789012345678.123456789",
            "-7",
            "0.000000000000000001",
        ] {
            let value: Decimal = text.parse().unwrap();
            let mut buffer = Vec::new();
            push_decimal(&mut buffer, value);
            assert_eq!(
                String::from_utf8(buffer).unwrap(),
                value.to_string(),
                "{text}"
            );
        }
        for value in [
            0_i128,
            7,
            -7,
            2020,
            i128::from(i64::MAX),
            i128::from(i64::MIN),
        ] {
            let mut buffer = Vec::new();
            push_integer(&mut buffer, value);
            assert_eq!(String::from_utf8(buffer).unwrap(), value.to_string());
        }
        for (y, m, d) in [
            (2020, 5, 13),
            (1, 1, 1),
            (9999, 12, 31),
            (-5, 1, 1),
            (12345, 6, 7),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut buffer = Vec::new();
            push_date(&mut buffer, day);
            assert_eq!(String::from_utf8(buffer).unwrap(), day.to_string());
        }
    }
}

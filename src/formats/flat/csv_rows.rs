//! The flat tables as CSV, and their Frictionless Data Package descriptor.

use std::io::Write;

use serde_json::{json, Value};

use super::cells::{activity_cells, activity_columns, cells, Cell, Origin};
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
#[derive(Debug)]
pub struct CsvRows<W: Write> {
    transactions: csv::Writer<W>,
    budgets: csv::Writer<W>,
    activities: csv::Writer<W>,
    langs: Vec<String>,
    headers_due: bool,
    record: Vec<String>,
}

impl<W: Write> CsvRows<W> {
    /// Tables written to the three writers, with text columns in each of `langs`.
    ///
    /// # Example
    ///
    /// See [`CsvRows`].
    pub fn new(transactions: W, budgets: W, activities: W, langs: &[&str]) -> CsvRows<W> {
        let writer = |w: W| csv::WriterBuilder::new().from_writer(w);
        CsvRows {
            transactions: writer(transactions),
            budgets: writer(budgets),
            activities: writer(activities),
            langs: langs.iter().map(|l| (*l).to_owned()).collect(),
            headers_due: true,
            record: Vec::new(),
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
        let names = |columns: Vec<Column>| columns.into_iter().map(|c| c.name).collect::<Vec<_>>();
        let rows = names(columns(&langs));
        self.transactions.write_record(&rows).map_err(io)?;
        self.budgets.write_record(&rows).map_err(io)?;
        self.activities
            .write_record(names(activity_columns(&langs)))
            .map_err(io)
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
        let about: Vec<String> = activity_cells(origin, activity, &langs)
            .into_iter()
            .map(text)
            .collect();
        self.activities.write_record(&about).map_err(io)?;
        for item in &activity.items {
            let table = if item.flow.is_transaction() {
                &mut self.transactions
            } else {
                &mut self.budgets
            };
            for (row_index, row) in item.rows.iter().enumerate() {
                self.record.clear();
                for cell in cells(origin, activity, item, row_index, row, &langs) {
                    self.record.push(text(cell));
                }
                table.write_record(&self.record).map_err(io)?;
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
        let inner = |w: csv::Writer<W>| {
            w.into_inner().map_err(|e| {
                Error::new(Inner::Io {
                    source_name: "flat table".to_owned(),
                    message: e.error().to_string(),
                })
            })
        };
        Ok((
            inner(self.transactions)?,
            inner(self.budgets)?,
            inner(self.activities)?,
        ))
    }
}

fn text(cell: Cell<'_>) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Text(t) => t.into_owned(),
        Cell::Integer(i) => i.to_string(),
        Cell::Decimal(d) => d.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Boolean(b) => if b { "1" } else { "0" }.to_owned(),
    }
}

#[allow(clippy::needless_pass_by_value)] // the shape `map_err` hands over
fn io(error: csv::Error) -> Error {
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

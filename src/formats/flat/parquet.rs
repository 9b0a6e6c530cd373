//! The flat tables as Parquet files, typed, optionally partitioned the Hive way.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, StringBuilder,
    StringDictionaryBuilder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rust_decimal::Decimal;

use super::cells::{activity_columns, row_cells, ActivityText, Cell, ItemText, Origin};
use super::{columns, Column, ColumnType};
use crate::analysis::flat::FlatActivity;
use crate::error::{Error, Inner};

/// How the Parquet tables are split into directories, the Hive way (`year=2020/`), so that
/// `DuckDB`, `DataFusion` and Spark read the directory as one table with the partition as a column.
///
/// # Example
///
/// ```
/// use partnerships::formats::flat::Partitioning;
///
/// assert_eq!("reporting-org".parse::<Partitioning>()?, Partitioning::ReportingOrg);
/// assert_eq!(Partitioning::Year.column(), Some("year"));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Partitioning {
    /// One directory per table.
    #[default]
    None,
    /// By the reporting organisation's identifier (`reporting_org=XM-DAC-47066/`).
    ReportingOrg,
    /// By the calendar year of the row's date (`year=2020/`).
    Year,
}

impl Partitioning {
    /// The partition column's name, which the files themselves do not hold.
    ///
    /// # Example
    ///
    /// See [`Partitioning`].
    #[must_use]
    pub fn column(self) -> Option<&'static str> {
        match self {
            Partitioning::None => None,
            Partitioning::ReportingOrg => Some("reporting_org"),
            Partitioning::Year => Some("year"),
        }
    }
}

impl std::str::FromStr for Partitioning {
    type Err = Error;

    fn from_str(text: &str) -> Result<Partitioning, Error> {
        match text {
            "none" => Ok(Partitioning::None),
            "reporting-org" => Ok(Partitioning::ReportingOrg),
            "year" => Ok(Partitioning::Year),
            _ => Err(Error::parse(
                "partitioning",
                text,
                "expected none, reporting-org or year",
            )),
        }
    }
}

/// Rows buffered before they become a record batch.
const BATCH_ROWS: usize = 8192;
/// Rows per row group.
const ROW_GROUP_ROWS: usize = 131_072;
/// Hive's name for a partition without a value.
const NO_VALUE: &str = "__HIVE_DEFAULT_PARTITION__";

/// One open Parquet file and the rows waiting for it.
struct Part {
    path: PathBuf,
    writer: ArrowWriter<File>,
    rows: Vec<Vec<Cell<'static>>>,
}

/// Writes activities' rows as Parquet: `transactions/`, `budgets/` and `activities/` under a
/// directory, each a table of one or more files. Amounts and rates are `Decimal128(38, 18)`
/// (exact: an amount with more places is an error, never rounded), dates `Date32`, codes
/// dictionary-encoded strings; files are compressed with Snappy.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::convention::Rates;
/// use partnerships::analysis::flat::Flattener;
/// use partnerships::formats::flat::{ParquetRows, Partitioning};
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity default-currency="USD"><iati-identifier>XI-1</iati-identifier>
///   <recipient-country code="SN"/>
///   <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/>
///     <value value-date="2020-05-13">100.00</value></transaction></iati-activity>"#;
/// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let rates = Rates::default();
/// let flat = Flattener::new(&rates)?.activity(&activity);
/// let dir = std::env::temp_dir().join(format!("flat-doc-{}", std::process::id()));
/// let mut parquet = ParquetRows::create(&dir, &["en"], Partitioning::Year)?;
/// parquet.write("one.xml", 0, &flat)?;
/// let files = parquet.finish()?;
/// assert!(files.iter().any(|f| f.ends_with("transactions/year=2020/part-0.parquet")));
/// # std::fs::remove_dir_all(&dir).ok();
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
pub struct ParquetRows {
    dir: PathBuf,
    langs: Vec<String>,
    partitioning: Partitioning,
    rows_schema: SchemaRef,
    row_columns: Vec<Column>,
    activity_columns: Vec<Column>,
    activities_schema: SchemaRef,
    /// By table and partition value.
    parts: BTreeMap<(&'static str, String), Part>,
    written: Vec<PathBuf>,
}

impl std::fmt::Debug for ParquetRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetRows")
            .field("dir", &self.dir)
            .field("partitioning", &self.partitioning)
            .field("open", &self.parts.len())
            .finish_non_exhaustive()
    }
}

fn arrow_type(kind: ColumnType) -> DataType {
    match kind {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Code => {
            DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
        }
        ColumnType::Integer => DataType::Int64,
        ColumnType::Decimal { scale } => {
            DataType::Decimal128(38, i8::try_from(scale).unwrap_or(i8::MAX))
        }
        ColumnType::Date => DataType::Date32,
        ColumnType::Boolean => DataType::Boolean,
    }
}

fn schema_of(columns: &[Column]) -> SchemaRef {
    Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| Field::new(&c.name, arrow_type(c.kind), !c.required))
            .collect::<Vec<_>>(),
    ))
}

fn io(what: impl std::fmt::Display, error: impl std::fmt::Display) -> Error {
    Error::new(Inner::Io {
        source_name: what.to_string(),
        message: error.to_string(),
    })
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A partition value as a directory name: characters other than letters, digits, `.`, `_` and
/// `-` percent-encoded, as Hive escapes them.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(
                HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0'),
            ));
            out.push(char::from(
                HEX.get(usize::from(byte & 15)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

impl ParquetRows {
    /// Tables under `dir` (created if missing), with text columns in each of `langs`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when the directory cannot be created.
    ///
    /// # Example
    ///
    /// See [`ParquetRows`].
    pub fn create(
        dir: &Path,
        langs: &[&str],
        partitioning: Partitioning,
    ) -> Result<ParquetRows, Error> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir.display(), e))?;
        let row_columns = columns(langs);
        let activity_columns = activity_columns(langs);
        Ok(ParquetRows {
            dir: dir.to_path_buf(),
            langs: langs.iter().map(|l| (*l).to_owned()).collect(),
            partitioning,
            rows_schema: schema_of(&row_columns),
            row_columns,
            activities_schema: schema_of(&activity_columns),
            activity_columns,
            parts: BTreeMap::new(),
            written: Vec::new(),
        })
    }

    /// Writes an activity (read from `file`, at `activity_index` there) and its rows.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when a file cannot be written;
    /// [`ErrorKind::Overflow`](crate::ErrorKind::Overflow) for an amount with more decimal
    /// places than its column keeps (never rounded).
    ///
    /// # Example
    ///
    /// See [`ParquetRows`].
    pub fn write(
        &mut self,
        file: &str,
        activity_index: usize,
        activity: &FlatActivity,
    ) -> Result<(), Error> {
        let owned_langs = self.langs.clone();
        let langs: Vec<&str> = owned_langs.iter().map(String::as_str).collect();
        let origin = Origin {
            file,
            activity_index,
        };
        let text = ActivityText::new(origin, activity, &langs);
        let about = text.cells().into_iter().map(Cell::into_owned).collect();
        self.push("activities", String::new(), about)?;
        let reporting = activity
            .reporting_org
            .as_ref()
            .and_then(|o| o.reference.as_deref())
            .unwrap_or("");
        for item in &activity.items {
            let table = if item.flow.is_transaction() {
                "transactions"
            } else {
                "budgets"
            };
            let item_text = ItemText::new(item, &langs);
            let mut cells = Vec::new();
            for (row_index, row) in item.rows.iter().enumerate() {
                let partition = match self.partitioning {
                    Partitioning::None => String::new(),
                    Partitioning::ReportingOrg => reporting.to_owned(),
                    Partitioning::Year => {
                        row.fiscal_year().map(|y| y.to_string()).unwrap_or_default()
                    }
                };
                row_cells(&text, &item_text, row_index, row, &mut cells);
                let owned = cells.drain(..).map(Cell::into_owned).collect();
                self.push(table, partition, owned)?;
            }
        }
        Ok(())
    }

    fn push(
        &mut self,
        table: &'static str,
        partition: String,
        row: Vec<Cell<'static>>,
    ) -> Result<(), Error> {
        let key = (table, partition);
        if !self.parts.contains_key(&key) {
            let part = self.open(table, &key.1)?;
            self.parts.insert(key.clone(), part);
        }
        let full = match self.parts.get_mut(&key) {
            Some(part) => {
                part.rows.push(row);
                part.rows.len() >= BATCH_ROWS
            }
            None => false,
        };
        if full {
            self.flush(&key)?;
        }
        Ok(())
    }

    fn open(&self, table: &'static str, partition: &str) -> Result<Part, Error> {
        let mut dir = self.dir.join(table);
        if table != "activities" {
            if let Some(column) = self.partitioning.column() {
                let value = if partition.is_empty() {
                    NO_VALUE.to_owned()
                } else {
                    escape(partition)
                };
                dir = dir.join(format!("{column}={value}"));
            }
        }
        std::fs::create_dir_all(&dir).map_err(|e| io(dir.display(), e))?;
        let path = dir.join("part-0.parquet");
        let file = File::create(&path).map_err(|e| io(path.display(), e))?;
        let schema = if table == "activities" {
            Arc::clone(&self.activities_schema)
        } else {
            Arc::clone(&self.rows_schema)
        };
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(file, schema, Some(properties))
            .map_err(|e| io(path.display(), e))?;
        Ok(Part {
            path,
            writer,
            rows: Vec::new(),
        })
    }

    fn flush(&mut self, key: &(&'static str, String)) -> Result<(), Error> {
        let (schema, columns) = if key.0 == "activities" {
            (&self.activities_schema, &self.activity_columns)
        } else {
            (&self.rows_schema, &self.row_columns)
        };
        let Some(part) = self.parts.get_mut(key) else {
            return Ok(());
        };
        if part.rows.is_empty() {
            return Ok(());
        }
        let batch = batch(schema, columns, &part.rows)?;
        part.rows.clear();
        part.writer
            .write(&batch)
            .map_err(|e| io(part.path.display(), e))
    }

    /// Writes what is buffered, closes every file and lists them.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when a file cannot be written.
    ///
    /// # Example
    ///
    /// See [`ParquetRows`].
    pub fn finish(mut self) -> Result<Vec<PathBuf>, Error> {
        let keys: Vec<_> = self.parts.keys().cloned().collect();
        for key in &keys {
            self.flush(key)?;
        }
        for (_, part) in std::mem::take(&mut self.parts) {
            part.writer
                .close()
                .map_err(|e| io(part.path.display(), e))?;
            self.written.push(part.path);
        }
        Ok(self.written)
    }
}

/// A decimal as the mantissa of `scale` places, exactly, or an error naming it.
fn mantissa(value: Decimal, scale: u32) -> Result<i128, Error> {
    let normal = value.normalize();
    let shift = scale.checked_sub(normal.scale()).ok_or_else(|| {
        Error::overflow(format_args!("{value} has more than {scale} decimal places"))
    })?;
    10_i128
        .checked_pow(shift)
        .and_then(|factor| normal.mantissa().checked_mul(factor))
        .ok_or_else(|| Error::overflow(format_args!("{value} at {scale} decimal places")))
}

fn batch(
    schema: &SchemaRef,
    columns: &[Column],
    rows: &[Vec<Cell<'static>>],
) -> Result<RecordBatch, Error> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(columns.len());
    for (i, column) in columns.iter().enumerate() {
        let cell = |row: &Vec<Cell<'static>>| row.get(i).cloned().unwrap_or(Cell::Null);
        let array: ArrayRef = match column.kind {
            ColumnType::Text => {
                let mut b = StringBuilder::new();
                for row in rows {
                    match cell(row) {
                        Cell::Text(t) => b.append_value(t),
                        Cell::YearQuarter(y, q) => b.append_value(format!("{y} Q{q}")),
                        _ => b.append_null(),
                    }
                }
                Arc::new(b.finish())
            }
            ColumnType::Code => {
                let mut b = StringDictionaryBuilder::<Int32Type>::new();
                for row in rows {
                    match cell(row) {
                        Cell::Text(t) => {
                            b.append(t).map_err(|e| io(&column.name, e))?;
                        }
                        Cell::YearQuarter(y, q) => {
                            b.append(format!("{y} Q{q}"))
                                .map_err(|e| io(&column.name, e))?;
                        }
                        _ => b.append_null(),
                    }
                }
                Arc::new(b.finish())
            }
            ColumnType::Integer => {
                let mut b = Int64Builder::new();
                for row in rows {
                    match cell(row) {
                        Cell::Integer(v) => b.append_value(v),
                        _ => b.append_null(),
                    }
                }
                Arc::new(b.finish())
            }
            ColumnType::Decimal { scale } => {
                let mut b = Decimal128Builder::new();
                for row in rows {
                    match cell(row) {
                        Cell::Decimal(d) => b.append_value(mantissa(d, scale)?),
                        _ => b.append_null(),
                    }
                }
                let typed = b
                    .finish()
                    .with_precision_and_scale(38, i8::try_from(scale).unwrap_or(i8::MAX))
                    .map_err(|e| io(&column.name, e))?;
                Arc::new(typed)
            }
            ColumnType::Date => {
                let mut b = Date32Builder::new();
                for row in rows {
                    match cell(row) {
                        Cell::Date(d) => {
                            let days = d.signed_duration_since(epoch).num_days();
                            b.append_value(i32::try_from(days).unwrap_or(i32::MAX));
                        }
                        _ => b.append_null(),
                    }
                }
                Arc::new(b.finish())
            }
            ColumnType::Boolean => {
                let mut b = BooleanBuilder::new();
                for row in rows {
                    match cell(row) {
                        Cell::Boolean(v) => b.append_value(v),
                        _ => b.append_null(),
                    }
                }
                Arc::new(b.finish())
            }
        };
        arrays.push(array);
    }
    RecordBatch::try_new(Arc::clone(schema), arrays).map_err(|e| io("record batch", e))
}

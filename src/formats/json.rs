//! The dataset file format, `partnerships/1`; documented on the `formats` module.

use std::io;

use crate::dataset::{check_format_name, Dataset, DATASET_FORMAT};
use crate::error::{Error, Inner};

/// Reads a dataset from its JSON text.
///
/// # Errors
///
/// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for text that is not JSON or does not fit the
/// format, with the JSON path, line and column;
/// [`ErrorKind::UnsupportedFormat`](crate::ErrorKind::UnsupportedFormat) for a missing, foreign
/// or newer `format`.
///
/// # Example
///
/// ```
/// use partnerships::formats::from_json;
///
/// let data = from_json(r#"{"format": "partnerships/1", "sources": [{"id": "s", "title": "A report"}]}"#)?;
/// assert_eq!(data.sources().len(), 1);
///
/// let err = from_json(r#"{"format": "partnerships/1", "meetings": [{"id": "m", "framework": "f", "date": "2020-13"}]}"#).unwrap_err();
/// assert_eq!(err.to_string(), r#"meetings[0].date: invalid date "2020-13": expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD (line 1, column 89)"#);
///
/// let err = from_json(r#"{"format": "partnerships/2"}"#).unwrap_err();
/// assert_eq!(err.to_string(), "the file is in format partnerships/2, newer than this library reads (partnerships/1): use a newer version of the library");
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn from_json(text: &str) -> Result<Dataset, Error> {
    // Editors on some systems start UTF-8 files with a byte-order mark; it carries no content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_format(text)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let data: Dataset = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        located(&path, &inner)
    })?;
    deserializer.end().map_err(|e| located(".", &e))?;
    Ok(data)
}

/// Reads a dataset from a reader of JSON text (a file, standard input).
///
/// # Errors
///
/// As [`from_json`], and [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails or the bytes
/// are not UTF-8.
///
/// # Example
///
/// ```
/// use partnerships::formats::from_json_reader;
///
/// let data = from_json_reader(r#"{"format": "partnerships/1"}"#.as_bytes())?;
/// assert!(data.is_empty());
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn from_json_reader<R: io::Read>(reader: R) -> Result<Dataset, Error> {
    let text = io::read_to_string(reader).map_err(|e| {
        Error::new(Inner::Io {
            source_name: "the dataset".to_owned(),
            message: e.to_string(),
        })
    })?;
    from_json(&text)
}

/// The canonical JSON text of a dataset.
///
/// # Example
///
/// ```
/// use partnerships::{data, formats::{from_json, to_json}};
///
/// let text = to_json(&data::eu_iom_2020());
/// assert_eq!(text, data::EU_IOM_2020_JSON);
/// assert_eq!(from_json(&text)?, data::eu_iom_2020());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[must_use]
pub fn to_json(data: &Dataset) -> String {
    // Serialising these types to a String cannot fail: every map key is a string.
    let mut text = serde_json::to_string_pretty(data).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the canonical JSON text of a dataset.
///
/// # Errors
///
/// When writing fails.
///
/// # Example
///
/// ```
/// use partnerships::{formats::to_json_writer, Dataset};
///
/// let mut out = Vec::new();
/// to_json_writer(&Dataset::new(), &mut out)?;
/// assert!(out.starts_with(b"{\n  \"format\": \"partnerships/1\",\n  \"sources\": [],\n"));
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn to_json_writer<W: io::Write>(data: &Dataset, mut writer: W) -> Result<(), Error> {
    writer.write_all(to_json(data).as_bytes()).map_err(|e| {
        Error::new(Inner::Io {
            source_name: "the dataset".to_owned(),
            message: e.to_string(),
        })
    })
}

/// Reads only the `format` field, so that a newer file is refused for its version before any of
/// its new fields is seen as unknown.
/// Puts `value` under `key` unless it is null or an empty array: the open vocabularies leave
/// out what a record does not have.
pub(crate) fn put(
    object: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
    value: serde_json::Value,
) {
    if !(value.is_null() || value.as_array().is_some_and(Vec::is_empty)) {
        object.insert(key.to_owned(), value);
    }
}

fn check_format(text: &str) -> Result<(), Error> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
    }
    let unsupported = |message: String| Error::new(Inner::UnsupportedFormat { message });
    let first = text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .chars()
        .next();
    if first.is_some_and(|c| c != '{') {
        return Err(unsupported("a dataset is a JSON object, {\"format\": \"partnerships/1\", ...}, not another JSON value".to_owned()));
    }
    let header: Header = serde_json::from_str(text).map_err(|e| located(".", &e))?;
    let format = match header.format {
        Some(serde_json::Value::String(format)) => format,
        Some(other) => {
            return Err(unsupported(format!(
                "the \"format\" field must be a string such as {DATASET_FORMAT:?}, not {}",
                short(&other.to_string())
            )))
        }
        None => {
            return Err(unsupported(format!(
                "the file has no \"format\" field: a dataset starts with \"format\": {DATASET_FORMAT:?}"
            )))
        }
    };
    check_format_name(&format)
}

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

fn located(path: &str, error: &serde_json::Error) -> Error {
    let (line, column) = (error.line(), error.column());
    // serde_json appends its own position; the error carries it in fields instead.
    let full = error.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(head, _)| head)
        .to_owned();
    if error.is_syntax() || error.is_eof() || path == "." {
        Error::new(Inner::JsonSyntax {
            message,
            line,
            column,
        })
    } else {
        Error::new(Inner::Json {
            path: path.to_owned(),
            message,
            line,
            column,
        })
    }
}

//! What the examples share: their command lines, and reading a dataset file named on one.
// Each example uses the part it needs.
#![allow(dead_code)]

pub(crate) mod args;
#[cfg(feature = "csv")]
pub(crate) mod rates;

use std::path::Path;

use partnerships::formats::{from_json, from_json_reader};
use partnerships::Dataset;

/// Reads the dataset at `path`, or standard input for `-`; the error says what and where.
pub(crate) fn read_dataset(path: &Path) -> Result<Dataset, String> {
    if path == Path::new("-") {
        return from_json_reader(std::io::stdin().lock())
            .map_err(|e| format!("standard input: {e}"));
    }
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    from_json(&text).map_err(|e| format!("{shown}: {e}"))
}

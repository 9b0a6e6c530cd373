//! What the examples share: reading a dataset file named on the command line.

use partnerships::formats::{from_json, from_json_reader};
use partnerships::Dataset;

/// Reads the dataset at `path`, or standard input for `-`; the error says what and where.
pub(crate) fn read_dataset(path: &str) -> Result<Dataset, String> {
    if path == "-" {
        return from_json_reader(std::io::stdin().lock())
            .map_err(|e| format!("standard input: {e}"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    from_json(&text).map_err(|e| format!("{path}: {e}"))
}

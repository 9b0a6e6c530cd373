//! Integration tests: one binary, one module per area.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::wildcard_imports
)]

mod api;
mod autotraits;
#[cfg(feature = "imf-rates")]
mod conventions;
#[cfg(all(feature = "iati", feature = "imf-rates", feature = "csv"))]
mod flat;
mod formats;
mod formats_props;
mod hostile;
#[cfg(feature = "iati")]
mod iati;
mod jsonld;
#[cfg(all(feature = "iati", feature = "imf-rates", feature = "csv"))]
mod links;
mod model;
mod money;
#[cfg(feature = "iati")]
mod not_iati;
mod popolo;
mod schema;

/// The first activity of an IATI text.
#[cfg(feature = "iati")]
pub(crate) fn one_activity(xml: &str) -> partnerships::formats::iati::Activity {
    partnerships::formats::iati::IatiReader::new(xml.as_bytes())
        .unwrap()
        .next_activity()
        .unwrap()
        .unwrap()
}

/// A path under `tests/data/`.
pub(crate) fn data(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

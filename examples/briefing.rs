//! The briefing of the seventh EU–IOM strategic meeting (13 October 2020): the embedded
//! dataset's frameworks, meeting, participants with the posts they held that day, programmes
//! with the figures they report, portfolio, and validation report.
//!
//! `cargo run --example briefing`; `partnerships briefing FILE` briefs any dataset file.

use partnerships::{data, formats};

fn main() {
    let eu_iom = data::eu_iom_2020();
    print!("{}", formats::briefing(&eu_iom));
}

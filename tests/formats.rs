//! Outputs: the briefing of the embedded dataset is a golden file.

use partnerships::{data, formats::briefing};

#[test]
fn the_briefing_of_the_embedded_dataset_matches_its_golden_file() {
    let golden = include_str!("golden/briefing-eu-iom-2020.txt");
    assert_eq!(briefing(&data::eu_iom_2020()), golden);
}

#[test]
fn an_empty_dataset_briefs_as_valid() {
    assert_eq!(
        briefing(&partnerships::Dataset::new()),
        "Validation\n  no problems\n"
    );
}

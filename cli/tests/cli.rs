//! The command line as scripts use it: its exit statuses on good and bad input, its help, its
//! JSON, and its behaviour when its reader goes away.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A path from the repository's root.
fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

/// The real IATI files the library's tests read.
fn real(files: &[&str]) -> Vec<String> {
    files
        .iter()
        .map(|f| {
            repo(&format!("tests/data/iati/real/{f}"))
                .display()
                .to_string()
        })
        .collect()
}

fn every_real_file() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo("tests/data/iati/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

/// Runs `partnerships ARGS` with `stdin` as standard input.
fn run<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partnerships"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that does not read its input may close it first.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn status<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &str) -> i32 {
    run(args, stdin).status.code().unwrap()
}

fn embedded_json() -> String {
    std::fs::read_to_string(repo("src/data/eu-iom-2020.json")).unwrap()
}

#[test]
fn exit_statuses_follow_the_documented_table() {
    let embedded = embedded_json();
    let truncated: String = embedded.chars().take(400).collect();
    let cases: &[(i32, &[&str], &str)] = &[
        (0, &["briefing"], ""),
        (2, &["briefing", "-"], r#"{"format": "partnerships/2"}"#),
        (0, &["validate", "-"], &embedded),
        (2, &["validate", "-"], &truncated),
        (2, &["validate", "-"], ""),
        (2, &["validate", "-"], "not json"),
        (2, &["validate", "-"], r#"{"format": "partnerships/2"}"#),
        (
            2,
            &["validate", "-"],
            r#"{"format": "partnerships/1", "programmes": [{"id": "p", "name": "P", "budget": {"exact": {"amount": "1", "currency": "EURO"}}}]}"#,
        ),
        (
            1,
            &["validate", "-"],
            r#"{"format": "partnerships/1", "organisations": [{"id": "a", "kind": "other", "name": "A"}, {"id": "a", "kind": "other", "name": "B"}]}"#,
        ),
        (2, &["validate", "/nonexistent/file.json"], ""),
        (2, &["validate"], ""),
        (0, &["export"], ""),
        (0, &["schema"], ""),
        (2, &["iati"], ""),
        (2, &["iati", "/nonexistent/file.xml"], ""),
        (2, &["partners", "--implementer", "XM-DAC-47066"], ""),
        (2, &["no-such-command"], ""),
        (2, &[], ""),
        (0, &["--version"], ""),
    ];
    for (want, args, stdin) in cases {
        assert_eq!(status(args, stdin), *want, "partnerships {args:?}");
    }
}

#[test]
fn iati_exit_statuses_on_real_and_broken_files() {
    assert_eq!(status(&every_real_file(), ""), 2, "no subcommand");
    let mut args = vec!["iati".to_owned()];
    args.extend(every_real_file());
    assert_eq!(status(&args, ""), 0);
    let one = real(&["iom-single-activity.xml"]);
    assert_eq!(status(&["iati", &one[0], "--in", "EURO"], ""), 2);
    for (want, file) in [
        (1, "tests/hostile/billion-laughs.xml"),
        (1, "tests/data/iati/encoding/valid-windows-1252.xml"),
        // Read whole, but its activities (from the Standard's own tests) have empty
        // identifiers: error-level diagnostics.
        (1, "tests/data/iati/encoding/valid-UTF-16BE.xml"),
    ] {
        let path = repo(file).display().to_string();
        assert_eq!(status(&["iati", &path, "--json"], ""), want, "{file}");
    }
}

#[test]
fn arguments_that_are_not_utf8_are_errors_never_panics() {
    use std::os::unix::ffi::OsStringExt;
    let bad = std::ffi::OsString::from_vec(b"not-utf8-\xff".to_vec());
    for command in [
        "briefing", "validate", "export", "schema", "iati", "partners", "flatten", "links", "trace",
    ] {
        let args = [
            std::ffi::OsString::from(command),
            bad.clone(),
            "--bogus".into(),
        ];
        assert_eq!(status(&args, ""), 2, "{command}");
    }
    let args = [std::ffi::OsString::from("validate"), bad];
    assert_eq!(status(&args, ""), 2);
}

#[test]
fn every_subcommand_has_help_with_its_options_and_an_example() {
    let top = run(&["--help"], "");
    assert_eq!(top.status.code(), Some(0));
    let top = String::from_utf8(top.stdout).unwrap();
    for command in [
        "briefing", "validate", "export", "schema", "iati", "partners", "flatten", "links", "trace",
    ] {
        assert!(top.contains(command), "{command} is not in the top help");
        let help = run(&[command, "--help"], "");
        assert_eq!(help.status.code(), Some(0), "{command}");
        let text = String::from_utf8(help.stdout).unwrap();
        assert!(text.contains("Usage: partnerships"), "{command}: {text}");
        assert!(text.contains("Example"), "{command} has no example");
        assert!(
            text.contains(&format!("partnerships {command}")),
            "{command}'s example"
        );
    }
    let iati = String::from_utf8(run(&["iati", "--help"], "").stdout).unwrap();
    for option in ["--in", "--rates", "--json"] {
        assert!(iati.contains(option), "{option}");
    }
}

#[test]
fn the_briefing_is_the_examples() {
    let out = run(&["briefing"], "");
    let golden = std::fs::read_to_string(repo("tests/golden/briefing-eu-iom-2020.txt")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), golden);
}

#[test]
fn export_writes_the_embedded_dataset_canonically_and_validate_reads_it_back() {
    let out = run(&["export"], "");
    let json = String::from_utf8(out.stdout).unwrap();
    assert_eq!(json, embedded_json());
    let checked = run(&["validate", "-", "--json"], &json);
    assert_eq!(checked.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["problems"][0]["rule"], "ordinal-gap");
}

#[test]
fn the_iati_summary_as_json_counts_every_real_activity() {
    let mut args = vec!["iati".to_owned(), "--json".to_owned()];
    args.extend(every_real_file());
    let out = run(&args, "");
    assert_eq!(out.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["activities"], 1409);
    assert_eq!(summary["publishers"]["XM-DAC-47066"], 258);
    let types: Vec<&String> = summary["transaction_totals"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert!(types
        .iter()
        .all(|t| t.parse::<u32>().is_ok_and(|n| (1..=13).contains(&n))));
    assert!(summary["transaction_totals"]["3"]["EUR"].is_string());
    assert!(summary["diagnostics"].is_u64());
}

#[test]
fn partners_finds_dg_echo_funding_iom_from_both_sides() {
    let mut args = vec![
        "partners".to_owned(),
        "--funder".to_owned(),
        "XI-IATI-EC_ECHO".to_owned(),
        "--implementer".to_owned(),
        "XM-DAC-47066".to_owned(),
        "--json".to_owned(),
    ];
    args.extend(real(&[
        "ec-echo-covid-2021-p76.xml",
        "ec-fpi-intpa-covid-2021-p79.xml",
        "ec-intpa-covid-2021-p90.xml",
        "ec-intpa-near-eutf-covid-2021-p91.xml",
        "ec-near-covid-2021-p92.xml",
        "iom-and-un-covid-2021-p117.xml",
        "iom-covid-2021-p118.xml",
        "iom-covid-2021-p119.xml",
        "iom-single-activity.xml",
    ]));
    let out = run(&args, "");
    assert_eq!(out.status.code(), Some(0));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = found["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 14, "{ids:?}");
    assert_eq!(
        ids.iter().filter(|i| i.starts_with("XM-DAC-47066")).count(),
        13
    );
    let bad_roles = run(
        &[
            "partners",
            "--funder",
            "A",
            "--implementer",
            "B",
            "--roles",
            "1,9",
            "x.xml",
        ],
        "",
    );
    assert_eq!(bad_roles.status.code(), Some(2));
}

#[test]
fn output_cut_short_by_its_reader_ends_quietly_with_success() {
    let mut args = vec!["iati".to_owned()];
    args.extend(every_real_file());
    for json in [false, true] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_partnerships"));
        command.args(&args);
        if json {
            command.arg("--json");
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader goes away after one line, as `| head -1` does.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "json: {json}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "json: {json}");
    }
}

#[test]
fn iati_values_in_one_currency_as_iati_cloud_does_and_compares_conventions() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/data/fx/iati-cloud-totals.json")).unwrap(),
    )
    .unwrap();
    let mut args = vec![
        "iati".to_owned(),
        "--json".to_owned(),
        "--in".to_owned(),
        "USD".to_owned(),
    ];
    args.extend(every_real_file());
    let out = run(&args, "");
    assert_eq!(out.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let valued = &summary["valued"];
    assert_eq!(valued["currency"], "USD");
    assert_eq!(valued["convention"], "iati-cloud");
    assert_eq!(
        valued["by_type"]["3"]["total"],
        expected["USD"]["transactions"]["3"]["total"]
    );
    assert_eq!(
        valued["by_type"]["1"]["unconvertible"]["no-rate"],
        expected["USD"]["transactions"]["1"]["unconvertible"]["no-rate"]
    );
    let rate = &valued["rates"][0];
    assert!(rate["values"].as_u64() > Some(0));
    assert_eq!(rate["rate"]["quote"], "USD");
    assert!(rate["rate"]["route"]
        .as_array()
        .is_some_and(|r| r.len() == 2));
    assert!(summary.get("conventions").is_none());

    args.push("--compare-conventions".to_owned());
    let out = run(&args, "");
    assert_eq!(out.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&String> = summary["conventions"].as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        [
            "annual-average",
            "country-development-finance",
            "iati-cloud"
        ]
    );
    let cdf = &summary["conventions"]["country-development-finance"];
    assert!(cdf["rates"][0]["stamp"].is_string());

    let text = run(
        &args[..args.len() - 1]
            .iter()
            .filter(|a| *a != "--json")
            .collect::<Vec<_>>(),
        "",
    );
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Valued in USD"), "{text}");
    assert!(text.contains("rates used by iati-cloud"), "{text}");
}

#[test]
fn valuing_options_that_cannot_work_exit_2_and_say_why() {
    let one = real(&["iom-single-activity.xml"]);
    let cases: &[&[&str]] = &[
        &["--in", "USD", "--convention", "strict"],
        &["--in", "USD", "--convention", "nearest"],
        &["--in", "XDR"],
        &["--convention", "iati-cloud"],
        &["--compare-conventions"],
        &["--in", "USD", "--rates", "/nonexistent/rates.csv"],
    ];
    for extra in cases {
        let mut args = vec!["iati", one[0].as_str()];
        args.extend_from_slice(extra);
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(!out.stderr.is_empty(), "{extra:?}");
    }
    let strict = run(
        &[
            "iati",
            one[0].as_str(),
            "--in",
            "EUR",
            "--convention",
            "strict",
            "--rates",
            repo("examples/data/usd-monthly-2015-2026.csv")
                .to_str()
                .unwrap(),
            "--max-age",
            "31",
            "--json",
        ],
        "",
    );
    assert_eq!(strict.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    assert_eq!(summary["valued"]["convention"], "strict");
}

/// A fresh directory under the target directory for one test's output.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn flatten_writes_every_real_rows_tables_with_a_data_package_and_a_report() {
    let out = scratch("flatten-csv");
    let rates = repo("tests/data/fx/imf-monthly-per-usd-from-xdr.csv");
    let mut args = vec![
        "flatten".to_owned(),
        repo("tests/data/iati/real").display().to_string(),
    ];
    args.extend([
        "--out".into(),
        out.display().to_string(),
        "--rates".into(),
        rates.display().to_string(),
        "--json".into(),
    ]);
    let ran = run(&args, "");
    assert_eq!(
        ran.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&ran.stdout).unwrap();
    assert_eq!(report["files"], 13);
    assert_eq!(report["activities"], 1409);
    // Records, not lines: titles may hold line breaks.
    let lines = |name: &str| {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(out.join(name))
            .unwrap();
        reader.records().count() as u64
    };
    assert_eq!(
        lines("transactions.csv"),
        report["transaction_rows"].as_u64().unwrap() + 1
    );
    assert_eq!(
        lines("budgets.csv"),
        report["budget_rows"].as_u64().unwrap() + 1
    );
    assert_eq!(lines("activities.csv"), 1410);
    assert_eq!(report["left_out"]["transaction-type"], 463);
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("datapackage.json")).unwrap())
            .unwrap();
    let header = std::fs::read_to_string(out.join("transactions.csv")).unwrap();
    let header: Vec<&str> = header.lines().next().unwrap().split(',').collect();
    let fields: Vec<&str> = package["resources"][1]["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(header, fields);
    // The same rows whatever the number of threads, in another order.
    let two = scratch("flatten-csv-2");
    let mut args2 = args.clone();
    args2[3] = two.display().to_string();
    args2.extend(["--threads".into(), "2".into()]);
    assert_eq!(status(&args2, ""), 0);
    let sorted = |dir: &PathBuf| {
        let mut reader = csv::Reader::from_path(dir.join("budgets.csv")).unwrap();
        let mut rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        rows.sort_by(|a, b| a.iter().cmp(b.iter()));
        rows
    };
    assert_eq!(sorted(&out), sorted(&two));
}

#[test]
fn flatten_reports_a_file_it_cannot_read_and_keeps_the_others_rows() {
    let out = scratch("flatten-partial");
    let missing = repo("tests/data/iati/real/no-such-file.xml")
        .display()
        .to_string();
    let mut args = vec!["flatten".to_owned()];
    args.extend(real(&["iom-covid-2021-p118.xml"]));
    args.extend([missing.clone(), "--out".into(), out.display().to_string()]);
    let ran = run(&args, "");
    assert_eq!(ran.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&ran.stderr).contains("no-such-file.xml"));
    let budgets = std::fs::read_to_string(out.join("budgets.csv")).unwrap();
    assert!(budgets.lines().count() > 400, "{}", budgets.lines().count());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["problems"].as_array().unwrap().len(), 1);
    // Bad arguments: exit 2.
    assert_eq!(status(&["flatten", "--out", "x"], ""), 2);
    let ignored = run(
        &["flatten", &missing, "--out", "x", "--partition", "year"],
        "",
    );
    assert_eq!(
        ignored.status.code(),
        Some(2),
        "a partition without Parquet is refused"
    );
    assert!(String::from_utf8_lossy(&ignored.stderr).contains("--format parquet"));
    assert_eq!(
        status(
            &[
                "flatten",
                &missing,
                "--out",
                out.display().to_string().as_str(),
                "--format",
                "xlsx"
            ],
            ""
        ),
        2
    );
}

#[cfg(feature = "parquet")]
#[test]
fn flatten_writes_parquet_partitioned_the_hive_way() {
    let out = scratch("flatten-parquet");
    let mut args = vec!["flatten".to_owned()];
    args.extend(real(&[
        "ec-echo-covid-2021-p76.xml",
        "iom-covid-2021-p118.xml",
    ]));
    args.extend([
        "--out".into(),
        out.display().to_string(),
        "--format".into(),
        "parquet".into(),
        "--partition".into(),
        "reporting-org".into(),
    ]);
    assert_eq!(status(&args, ""), 0);
    assert!(out
        .join("transactions/reporting_org=XI-IATI-EC_ECHO/part-0.parquet")
        .is_file());
    assert!(out
        .join("budgets/reporting_org=XM-DAC-47066/part-0.parquet")
        .is_file());
    assert!(out.join("activities/part-0.parquet").is_file());
}

#[test]
fn files_that_are_not_iati_say_what_they_are_and_exit_1() {
    let dir = scratch("not-iati");
    std::fs::create_dir_all(&dir).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("hello".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let cases: [(&str, &[u8], &str); 8] = [
        ("text.xml", b"This is not XML", "not XML"),
        ("tag.xml", b"<tag><level1>Test</level1></tag>", "not IATI"),
        ("page.xml", b"<html><body><p>404</p></body></html>", "not IATI"),
        ("empty.xml", b"", "no root element"),
        ("bom.xml", b"\xEF\xBB\xBF \n", "no root element"),
        ("utf16.xml", &utf16, "not XML"),
        (
            "nested.xml",
            b"<iati-activities><iati-activities><iati-activity><iati-identifier>A</iati-identifier></iati-activity></iati-activities></iati-activities>",
            "nested-root",
        ),
        (
            "twice.xml",
            b"<iati-activities><iati-activity><iati-identifier>A</iati-identifier></iati-activity><iati-activity><iati-identifier>A</iati-identifier></iati-activity></iati-activities>",
            "repeated-identifier",
        ),
    ];
    for (name, bytes, said) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let path = path.display().to_string();
        let ran = run(&["iati", &path], "");
        assert_eq!(ran.status.code(), Some(1), "{name}");
        let text = String::from_utf8(ran.stdout).unwrap();
        assert!(text.contains(said), "{name}: {text}");
        let json: serde_json::Value =
            serde_json::from_slice(&run(&["iati", "--json", &path], "").stdout).unwrap();
        assert!(
            json["files"][0]["errors"].as_u64() >= Some(1),
            "{name}: {json}"
        );
    }
    // An IATI root without activities is not an error, and says so plainly.
    let empty = dir.join("no-activities.xml");
    std::fs::write(&empty, b"<iati-activities version=\"2.03\"/>").unwrap();
    let empty = empty.display().to_string();
    let ran = run(&["iati", &empty], "");
    assert_eq!(ran.status.code(), Some(0));
    assert!(String::from_utf8(ran.stdout)
        .unwrap()
        .contains("no activities, 0 activities"));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["iati", "--json", &empty], "").stdout).unwrap();
    assert_eq!(json["files"][0]["outcome"], "empty");
    // Flatten, too, exits 1 and says why a file gave nothing.
    let out = scratch("not-iati-flat");
    let text = dir.join("text.xml").display().to_string();
    let ran = run(&["flatten", &text, "--out", &out.display().to_string()], "");
    assert_eq!(ran.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&ran.stderr).contains("not XML"));
}

#[test]
fn identifiers_in_more_than_one_file_are_named() {
    let dir = scratch("repeated-across");
    std::fs::create_dir_all(&dir).unwrap();
    let xml = b"<iati-activities><iati-activity><iati-identifier>XM-1</iati-identifier></iati-activity></iati-activities>";
    let (a, b) = (dir.join("a.xml"), dir.join("b.xml"));
    std::fs::write(&a, xml).unwrap();
    std::fs::write(&b, xml).unwrap();
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let ran = run(&["iati", "--json", &a, &b], "");
    assert_eq!(ran.status.code(), Some(0), "each file is fine on its own");
    let json: serde_json::Value = serde_json::from_slice(&ran.stdout).unwrap();
    assert_eq!(
        json["repeated_across_files"]["XM-1"],
        serde_json::json!([a, b])
    );
}

/// `partnerships ARGS FILES`, the files last.
fn with_files(args: &[&str], files: Vec<String>) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).chain(files).collect()
}

const EC_IOM: [&str; 5] = [
    "links",
    "--funder",
    "XI-IATI-EC",
    "--implementer",
    "XM-DAC-47066",
];

#[test]
fn links_reports_the_commission_and_iom_links_as_json_other_programs_read() {
    let args = with_files(&[&EC_IOM[..], &["--json"]].concat(), every_real_file());
    let out = run(&args, "");
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let links = json["links"].as_array().unwrap();
    assert_eq!(links.len(), 5);
    let echo = links
        .iter()
        .find(|l| l["implementer_activity"] == "XM-DAC-47066-DP.2215")
        .unwrap();
    assert_eq!(
        echo["funder_activity"],
        "XI-IATI-EC_ECHO-ECHO/-WF/BUD/2020/91038"
    );
    assert_eq!(echo["grade"], "strong");
    assert_eq!(echo["score"], 100);
    assert_eq!(echo["evidence"][0]["signal"], "funder-names-implementer");
    assert_eq!(echo["evidence"][0]["check"], "held");
    assert_eq!(echo["funder_amount"]["converted"]["amount"], "200000.00");
    assert_eq!(echo["implementer_amount"]["original"][0]["currency"], "USD");
    let broken = json["broken"].as_array().unwrap();
    assert!(broken
        .iter()
        .any(|b| b["cited"] == "XI-IATI-EC_ECHO-D3383699"
            && b["reason"] == "not-found"
            && b["field"] == "provider-org/@provider-activity-id"));
    assert_eq!(json["totals"]["deduplicated"]["amount"], "98845462.75");
    assert_eq!(json["totals"]["naive"]["amount"], "114584991.79");
    assert_eq!(json["currency"], "EUR");
    assert_eq!(json["activities"], 1409);
    assert!(json["graph"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "org:XM-DAC-47066" && n["kind"] == "organisation"));
}

#[test]
fn links_draws_dot_and_mermaid_and_refuses_both_at_once() {
    let files = || {
        real(&[
            "ec-echo-covid-2021-p76.xml",
            "iom-and-un-covid-2021-p117.xml",
        ])
    };
    let dot = run(
        &with_files(&[&EC_IOM[..], &["--dot"]].concat(), files()),
        "",
    );
    assert_eq!(dot.status.code(), Some(0));
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(dot.starts_with("digraph links {"), "{dot}");
    assert!(dot.contains("strong 100, EUR 200,000.00"), "{dot}");
    let mermaid = run(
        &with_files(&[&EC_IOM[..], &["--mermaid"]].concat(), files()),
        "",
    );
    let mermaid = String::from_utf8(mermaid.stdout).unwrap();
    assert!(mermaid.starts_with("flowchart LR"), "{mermaid}");
    let both = with_files(&[&EC_IOM[..], &["--dot", "--json"]].concat(), files());
    assert_eq!(status(&both, ""), 2);
}

#[test]
fn trace_walks_from_an_organisation_and_exits_by_the_files() {
    let out = run(
        &with_files(&["trace", "--from", "XI-IATI-EC"], every_real_file()),
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("6 paths downstream from XI-IATI-EC"),
        "{text}"
    );
    assert!(
        text.contains("XM-DAC-47066-DP.2215 (XM-DAC-47066)  [strong 100]"),
        "{text}"
    );
    let up = with_files(
        &["trace", "--from", "XM-DAC-47066", "--upstream", "--json"],
        every_real_file(),
    );
    let json: serde_json::Value = serde_json::from_slice(&run(&up, "").stdout).unwrap();
    assert_eq!(json["trace"]["direction"], "upstream");
    assert_eq!(json["trace"]["paths"].as_array().unwrap().len(), 6);
    let edges = json["graph"]["edges"].as_array().unwrap();
    assert_eq!(edges.iter().filter(|e| !e["grade"].is_null()).count(), 6);
    // A file that is not IATI still gives its exit status.
    let bad = std::env::temp_dir().join("partnerships-trace-not-iati.xml");
    std::fs::write(&bad, "<html><body>not IATI</body></html>").unwrap();
    let args = with_files(
        &["trace", "--from", "XI-IATI-EC"],
        vec![bad.display().to_string()],
    );
    assert_eq!(status(&args, ""), 1);
    let missing = ["trace", "--from", "XI-IATI-EC", "/nonexistent/file.xml"];
    assert_eq!(status(&missing, ""), 2);
}

#[test]
fn graph_and_export_draw_the_embedded_dataset() {
    let golden = std::fs::read_to_string(repo("tests/golden/graph-eu-iom-2020-10-13.dot")).unwrap();
    let dot = run(&["graph", "--on", "2020-10-13"], "");
    assert_eq!(dot.status.code(), Some(0));
    assert_eq!(String::from_utf8(dot.stdout).unwrap(), golden);
    let exported = run(&["export", "--to", "dot", "--on", "2020-10-13"], "");
    assert_eq!(String::from_utf8(exported.stdout).unwrap(), golden);
    let mermaid = run(&["export", "--to", "mermaid", "--on", "2020-10-13"], "");
    let golden = std::fs::read_to_string(repo("tests/golden/graph-eu-iom-2020-10-13.mmd")).unwrap();
    assert_eq!(String::from_utf8(mermaid.stdout).unwrap(), golden);
    let popolo: serde_json::Value =
        serde_json::from_slice(&run(&["export", "--to", "popolo"], "").stdout).unwrap();
    assert_eq!(popolo["persons"].as_array().unwrap().len(), 7);
    let jsonld: serde_json::Value =
        serde_json::from_slice(&run(&["export", "--to", "jsonld"], "").stdout).unwrap();
    assert_eq!(jsonld["@context"]["@vocab"], "https://schema.org/");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["graph", "--json"], "").stdout).unwrap();
    assert!(json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "meeting"));
    // A dataset read from standard input, and a date that is not one.
    let embedded = embedded_json();
    assert_eq!(status(&["graph", "-", "--mermaid"], &embedded), 0);
    assert_eq!(status(&["graph", "--on", "2020-13-40"], ""), 2);
}

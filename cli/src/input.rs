//! Reading what the commands are given: dataset files, and IATI files one activity at a time.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use partnerships::formats::iati::read::repeated_identifiers;
use partnerships::formats::iati::{Activity, IatiReader, ImportReport};
use partnerships::formats::{from_json, from_json_reader};
use partnerships::Dataset;

use crate::output::{self, Failure};

/// Reads the dataset at `path`, or standard input for `-`; the error says what and where.
pub(crate) fn dataset(path: &Path) -> Result<Dataset, Failure> {
    if path == Path::new("-") {
        return from_json_reader(std::io::stdin().lock())
            .map_err(|e| Failure::Input(format!("standard input: {e}")));
    }
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Input(format!("cannot read {shown}: {e}")))?;
    from_json(&text).map_err(|e| Failure::Input(format!("{shown}: {e}")))
}

/// What reading one IATI file gave.
pub(crate) struct FileRead {
    /// The file.
    pub(crate) path: PathBuf,
    /// What its reader met.
    pub(crate) report: ImportReport,
    /// The error that stopped it early, if one did; the activities before it were read.
    pub(crate) stopped: Option<partnerships::Error>,
    /// The identifiers of its activities, as read (trimmed), the empty ones left out.
    pub(crate) identifiers: Vec<String>,
}

impl FileRead {
    /// What the file turned out to be, with its activities, or where it stopped early.
    pub(crate) fn outcome(&self) -> String {
        let activities = self.report.activities;
        match &self.stopped {
            Some(error) => format!("stopped early after {activities} activities: {error}"),
            None => format!("{}, {activities} activities", self.report.outcome()),
        }
    }

    /// Whether the file needs a reader's attention: it stopped early, or has an error-level
    /// diagnostic (not XML, not IATI, a blank or repeated identifier, a value that is not one).
    pub(crate) fn has_problems(&self) -> bool {
        self.stopped.is_some() || self.report.error_count() > 0
    }

    /// The outcome as JSON: the file, what it was, its activities and error-level diagnostics.
    pub(crate) fn json(&self) -> serde_json::Value {
        let outcome = if self.stopped.is_some() {
            "stopped-early"
        } else {
            self.report.outcome().name()
        };
        serde_json::json!({
            "path": self.path.display().to_string(),
            "outcome": outcome,
            "activities": self.report.activities,
            "errors": self.report.error_count(),
            "stopped": self.stopped.as_ref().map(ToString::to_string),
        })
    }
}

/// Identifiers given to activities in more than one of the files, with those files.
pub(crate) fn repeated_across(reads: &[FileRead]) -> Vec<(String, Vec<String>)> {
    let files: Vec<String> = reads.iter().map(|r| r.path.display().to_string()).collect();
    repeated_identifiers(reads.iter().zip(&files).flat_map(|(read, file)| {
        read.identifiers
            .iter()
            .map(move |id| (file.as_str(), id.as_str()))
    }))
}

/// The files that stopped early, each as `path: error`, each also written to standard error.
pub(crate) fn stopped_early(reads: &[FileRead]) -> Vec<String> {
    let stopped: Vec<String> = reads
        .iter()
        .filter_map(|r| {
            r.stopped
                .as_ref()
                .map(|e| format!("{}: {e}", r.path.display()))
        })
        .collect();
    for failure in &stopped {
        eprintln!("partnerships: {failure}");
    }
    stopped
}

/// Reads every activity of every file in turn, handing each to `each`, with a progress bar on
/// a terminal. A file that cannot be opened ends the run (its name is in the error); a file
/// that stops early (XML that is not well formed) is reported in its [`FileRead`], and the
/// next file is read.
pub(crate) fn each_activity(
    paths: &[PathBuf],
    mut each: impl FnMut(&Activity),
) -> Result<Vec<FileRead>, Failure> {
    let total = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .fold(0_u64, u64::saturating_add);
    let bar = output::progress(total);
    let mut done = 0_u64;
    let mut reads = Vec::with_capacity(paths.len());
    for path in paths {
        let read = one_file(path, &bar, done, &mut each)?;
        done = done.saturating_add(std::fs::metadata(path).map_or(0, |m| m.len()));
        reads.push(read);
    }
    bar.finish_and_clear();
    Ok(reads)
}

fn one_file(
    path: &Path,
    bar: &ProgressBar,
    before: u64,
    each: &mut impl FnMut(&Activity),
) -> Result<FileRead, Failure> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| Failure::Input(format!("cannot open {shown}: {e}")))?;
    let mut reader = IatiReader::new(BufReader::with_capacity(1 << 16, file))
        .map_err(|e| Failure::Input(format!("cannot read {shown}: {e}")))?;
    bar.set_message(shown.to_string());
    let mut stopped = None;
    let mut since_update = 0_u32;
    let mut identifiers = Vec::new();
    loop {
        match reader.next_activity() {
            Ok(Some(activity)) => {
                if !activity.identifier.is_empty() {
                    identifiers.push(activity.identifier.clone());
                }
                each(&activity);
            }
            Ok(None) => break,
            Err(error) => {
                stopped = Some(error);
                break;
            }
        }
        since_update = since_update.saturating_add(1);
        if since_update == 64 {
            since_update = 0;
            bar.set_position(before.saturating_add(reader.position()));
        }
    }
    Ok(FileRead {
        path: path.to_owned(),
        report: reader.into_report(),
        stopped,
        identifiers,
    })
}

//! Standard output, written through a buffer, and the ways a command can fail.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Why a command could not finish.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Its reader closed standard output (`| head`): not an error.
    ClosedPipe,
    /// Its input cannot be read; the message says what and where.
    Input(String),
    /// Its output cannot be written.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::ClosedPipe
        } else {
            Failure::Output(error)
        }
    }
}

/// A command's outcome.
pub(crate) type Outcome = Result<crate::Status, Failure>;

/// Standard output, buffered.
pub(crate) fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Writes `value` as pretty JSON and a line end, and flushes.
pub(crate) fn json(value: &serde_json::Value) -> Result<(), Failure> {
    let mut out = stdout();
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// A progress bar over `total` bytes on standard error when it is a terminal; hidden
/// otherwise, so that piped and logged runs stay clean.
pub(crate) fn progress(total: u64) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} {bar:30} {decimal_bytes}/{decimal_total_bytes} {msg} ({eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

//! The `partnerships` command; see the crate's documentation and `partnerships --help`.

fn main() -> std::process::ExitCode {
    partnerships_cli::run(std::env::args_os())
}

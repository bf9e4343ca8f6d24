//! The `jejaring` binary: parse the command line and hand over to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jejaring::cli::Cli::parse();
    match jejaring::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("jejaring: {e:#}");
            ExitCode::from(jejaring::cli::ERROR)
        }
    }
}

//! The `jejaring` binary: parse the command line and hand over to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jejaring::cli::Cli::parse();
    match jejaring::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        // `jejaring search x | head` closes the pipe early: that is not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("jejaring: {e:#}");
            ExitCode::from(jejaring::cli::ERROR)
        }
    }
}

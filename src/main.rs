//! The `jejaring` binary: parse the command line and hand over to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jejaring::cli::Cli::parse();
    match jejaring::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        // `jejaring search x | head` closes the pipe early: that is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jejaring: {e:#}");
            ExitCode::from(jejaring::cli::ERROR)
        }
    }
}

/// True when any error in the chain is a closed pipe. The `io::Error` may sit deep in the
/// chain (an export error wraps it as its source), so the whole chain is walked.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

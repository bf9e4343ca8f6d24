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
            // Errors quote paths and data: shown with visible placeholders, never raw.
            eprintln!("jejaring: {}", jejaring::text::visible(&format!("{e:#}")));
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

#[cfg(test)]
mod tests {
    use super::is_broken_pipe;

    /// An export error that keeps the failed write as its source, as the library's do.
    #[derive(Debug, thiserror::Error)]
    #[error("cannot write the export")]
    struct Export(#[source] std::io::Error);

    #[test]
    fn a_closed_pipe_anywhere_in_the_chain_is_quiet() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let deep = anyhow::Error::new(Export(pipe)).context("export");
        assert!(is_broken_pipe(&deep));
        let other = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(!is_broken_pipe(&anyhow::Error::new(Export(other))));
    }
}

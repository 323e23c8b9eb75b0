//! The `saidwho` binary: runs the CLI and maps the result to an exit code.

use std::process::ExitCode;

// The pipeline allocates many small per-document vectors and maps, which
// glibc's allocator made a tenth of the run time; mimalloc halves that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match saidwho::cli::run(std::env::args_os()) {
        Ok(code) => code,
        // `saidwho extract … | head` is not an error
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("saidwho: {e}");
            ExitCode::from(2)
        }
    }
}

//! The `saidwho` binary: runs the CLI and maps the result to an exit code.

use std::process::ExitCode;

// The pipeline allocates many small per-document vectors and maps, which
// glibc's allocator made a tenth of the run time; mimalloc halves that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
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

/// Keeps the heap in 4 KiB pages. mimalloc reserves its arena in large
/// aligned regions; backed by transparent huge pages (asked for with
/// `madvise`, or given by a kernel set to `always`), every partly used
/// 2 MiB stretch counts whole in the resident set, and a chunk's freed
/// buffers cannot be handed back in small pieces: peak RSS with `--jobs 2`
/// went from ~35 MB to 55–69 MB. The `no_thp` feature of the mimalloc crate
/// stops the `madvise`; this stops the kernel's `always` mode too, for this
/// process only. Costs no measurable time: the working set is small.
fn no_huge_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes
    // nothing but this process's page policy; a failure (old kernel) is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

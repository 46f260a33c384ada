//! The `shotmask` executable: hand the command line to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    // `wild` expands `*.png` on Windows, where the shell does not.
    shotmask::console::run(wild::args_os().collect())
}

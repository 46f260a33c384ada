//! The `shotmask` executable: parse the command line, hand it to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    // `wild` expands `*.png` on Windows, where the shell does not.
    let cli = shotmask::cli::Cli::parse_args(wild::args_os());
    shotmask::console::run(cli)
}

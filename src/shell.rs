//! Shell niceties: completion scripts and a manual page, generated from the
//! same clap definition as `--help` so they can never disagree with it, and
//! the version string with the git commit it was built from.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// `--version`: the package version, then the git commit and its date when
/// built from a git checkout (see `build.rs`), e.g. `0.1.0 (3f2a9c1e0b7d 2024-11-25)`.
pub const VERSION: &str = env!("SHOTMASK_VERSION");

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "shotmask", &mut out);
    out
}

/// The manual page, in roff (`man -l shotmask.1`).
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_know_the_options() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let script = String::from_utf8(completions(shell)).unwrap();
            assert!(script.contains("max-size"), "{shell}");
            assert!(script.contains("shotmask"), "{shell}");
        }
    }

    #[test]
    fn the_man_page_is_roff_with_every_option() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        assert!(page.starts_with(".ie") || page.contains(".TH shotmask"), "{}", &page[..200]);
        for opt in ["max\\-size", "no\\-pause", "files\\-from", "shard", "preview"] {
            assert!(page.contains(opt), "{opt}");
        }
    }

    #[test]
    fn the_version_starts_with_the_package_version() {
        assert!(VERSION.starts_with(env!("CARGO_PKG_VERSION")));
    }
}

//! Shell niceties: completion scripts and a manual page, generated from the
//! same clap definition as `--help` so they can never disagree with it, and
//! the version string with the git commit it was built from.

use clap_complete::Shell;

use crate::text::{Lang, in_language};

pub use crate::VERSION;

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut crate::front::flags::command(), "shotmask", &mut out);
    out
}

/// The manual page, in roff (`man -l shotmask.1`), in English, with
/// EXAMPLES and EXIT STATUS sections.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let cmd = in_language(Lang::En, crate::front::flags::command).after_help("").after_long_help("");
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    out.extend_from_slice(MAN_EXTRA.as_bytes());
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// The manual page's EXAMPLES and EXIT STATUS, in roff.
const MAN_EXTRA: &str = r#".SH EXAMPLES
.TP
\fBshotmask Screenshots/\fR
Mask what is marked in every screenshot of the folder; each result at most 1 MB, in Screenshots/masked.
.TP
\fBshotmask \-\-max\-size 500KB \-\-label bug\-42 *.png\fR
Each result at most 500 KB, named bug\-42_DATE_N.
.TP
\fBshotmask \-\-box 0,0,100%,4% \-\-preset android\-nav\-bar shots/\fR
Also hide the status bar and the navigation bar on every image.
.TP
\fBshotmask \-\-marker red,yellow \-\-strict shots/\fR
Marks in red and yellow are masked; a file that may still show something private is not written.
.TP
\fBshotmask \-\-dry\-run \-\-preview shots/\fR
Print the plan (names, formats, sizes) and write a page to check, without writing any image.
.SH "EXIT STATUS"
.TP
\fB0\fR
Every input was written.
.TP
\fB1\fR
Some inputs failed (one line each); every other input was written.
.TP
\fB2\fR
Bad usage or configuration: nothing was written.
.TP
\fB130\fR, \fB143\fR
Stopped by Ctrl\-C or SIGTERM: the files in progress were finished, the report written for what was done.
"#;

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
        for opt in ["max\\-size", "no\\-pause", "files\\-from", "shard", "preview", "EXAMPLES", "EXIT STATUS"] {
            assert!(page.contains(opt), "{opt}");
        }
    }

    #[test]
    fn the_version_starts_with_the_package_version() {
        assert!(VERSION.starts_with(env!("CARGO_PKG_VERSION")));
    }
}

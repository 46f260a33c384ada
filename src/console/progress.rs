//! Progress while the batch runs: the bar on a terminal, and a line per
//! error, warning, skipped file (and, with `-v`, written file) as they
//! come. Hears about the batch as its [`Observer`].

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{YELLOW, shown, stderr_has_color, summary, write_stderr};
use crate::batch::Observer;
use crate::front::Verbosity;
use crate::interrupt::StopFlag;
use crate::report::{FileReport, Problem, Status};
use crate::tr;

/// The console's view of a running batch.
pub struct Progress {
    bar: ProgressBar,
    verbosity: Verbosity,
    failed: AtomicUsize,
    /// Serialises lines so they never interleave.
    lock: Mutex<()>,
    /// Raised by Ctrl-C or SIGTERM.
    stop: StopFlag,
    /// Whether the stop was shown on the bar yet.
    stop_shown: AtomicBool,
}

impl Progress {
    /// A bar on stderr when it is a terminal and not `-q`.
    pub fn new(verbosity: Verbosity, stop: StopFlag) -> Self {
        use std::io::IsTerminal;
        let bar = if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let (files, eta) = (tr!("progress-files"), tr!("progress-eta"));
            let template = if stderr_has_color() {
                format!("{{bar:28.cyan/blue}} {{pos}}/{{len}} {files} · {eta} {{eta}} · {{wide_msg}}")
            } else {
                format!("{{bar:28}} {{pos}}/{{len}} {files} · {eta} {{eta}} · {{wide_msg}}")
            };
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style.progress_chars("█▓░"));
            }
            bar
        };
        Progress {
            bar,
            verbosity,
            failed: AtomicUsize::new(0),
            lock: Mutex::new(()),
            stop,
            stop_shown: AtomicBool::new(false),
        }
    }

    /// Errors go out as they happen unless a progress bar is drawn (then
    /// they are listed after the summary).
    pub fn streams_errors(&self) -> bool {
        self.bar.is_hidden()
    }

    /// Clears the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn line(&self, text: &str) {
        let _guard = self.lock.lock();
        self.bar.suspend(|| write_stderr(&format!("{text}\n")));
    }
}

impl Observer for Progress {
    fn should_stop(&self) -> bool {
        let stopped = self.stop.stopped().is_some();
        if stopped && !self.stop_shown.swap(true, Ordering::Relaxed) {
            self.bar.set_message(tr!("progress-stopping"));
        }
        stopped
    }

    fn planned(&self, images: usize) {
        self.bar.set_length(images as u64);
    }

    fn started(&self, input: &Path) {
        if let Some(name) = input.file_name()
            && !self.stop_shown.load(Ordering::Relaxed)
        {
            let failed = self.failed.load(Ordering::Relaxed);
            let name = shown(&name.to_string_lossy()).into_owned();
            let failed = tr!("progress-failed", count = failed);
            self.bar.set_message(if self.failed.load(Ordering::Relaxed) > 0 {
                format!("{failed} · {name}")
            } else {
                name
            });
        }
    }

    fn finished(&self, r: &FileReport) {
        let loud = self.verbosity != Verbosity::Quiet;
        match (&r.status, &r.problem) {
            (Status::Error, _) => {
                self.failed.fetch_add(1, Ordering::Relaxed);
                if self.streams_errors() {
                    self.line(&summary::error_text(r));
                }
            }
            (Status::Skipped, Some(Problem::NotStarted)) => {}
            (Status::Skipped, problem) if loud => self.line(&format!(
                "{YELLOW}{}{YELLOW:#} {}: {}",
                tr!("line-skipped"),
                shown(&r.input),
                shown(&problem.as_ref().map(|p| p.to_string()).unwrap_or_default())
            )),
            (Status::Ok, _) if self.verbosity == Verbosity::Verbose => self.line(&summary::file_line(r)),
            _ => {}
        }
        if r.status == Status::Ok && loud {
            for w in &r.warnings {
                if !w.is_minor() || self.verbosity == Verbosity::Verbose {
                    self.line(&format!(
                        "{YELLOW}{}{YELLOW:#} {}: {}",
                        tr!("line-warning"),
                        shown(&r.input),
                        shown(&w.to_string())
                    ));
                }
            }
        }
        if r.status != Status::Skipped {
            self.bar.inc(1);
        }
    }
}

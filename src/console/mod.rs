//! The console: the one module that prints. It asks the front end what to
//! do, runs it, and shows progress ([`progress`]), the summary and the
//! dry-run plan ([`summary`]), writes the report and the preview page, and
//! picks the exit status. Every sentence comes from [`crate::text`].
//!
//! Colour only when stderr is a terminal, and never with `NO_COLOR` (the
//! `anstream` conventions, which clap's own messages follow too). On a
//! terminal the progress bar shows, and errors are collected and listed
//! after the summary, so they are the last thing read (and stay on screen in
//! the window a drag onto the .exe opened); anywhere else (a log, a pipe, CI)
//! each error is one line, written as it happens.

mod pause;
mod progress;
mod summary;

use std::borrow::Cow;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};

use crate::error::UsageError;
use crate::front::{self, Mode, Run};
use crate::interrupt::StopFlag;
use crate::report::{Report, Status};
use crate::{batch, preview, shell, tr, write};
use progress::Progress;

const RED: Style = AnsiColor::Red.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().dimmed();

/// Runs the command line `args` (the program name first) and returns the
/// exit status: 0 when every input was written, 1 when some failed (the
/// rest were written), 2 for bad usage, 130/143 when stopped by a signal.
/// In a console window of its own (a drop onto the .exe) it then waits for
/// Enter, unless `--no-pause` or stdin is not a terminal.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let stop = StopFlag::on_signals();
    let invocation = front::invocation(args);
    let code = match invocation.mode {
        Ok(mode) => run_mode(mode, &stop),
        Err(e) => fail(&e, 2),
    };
    // Someone who pressed Ctrl-C is at the keyboard and wants to be done.
    if stop.stopped().is_none() && pause::wanted(invocation.no_pause) {
        pause::wait_for_enter();
    }
    code
}

fn run_mode(mode: Mode, stop: &StopFlag) -> ExitCode {
    match mode {
        Mode::ShortHelp => print_stdout(format!("{}\n", tr!("short-help")).as_bytes()),
        Mode::Print(text) => print_stdout(text.as_bytes()),
        Mode::Completions(shell) => print_stdout(&shell::completions(shell)),
        Mode::Man => match shell::man_page() {
            Ok(page) => print_stdout(&page),
            Err(e) => fail(&UsageError::ManPage(e), 1),
        },
        Mode::InitConfig(path) => match front::config::init(&path, crate::text::language()) {
            Ok(written) => print_stdout(
                format!("{}\n", tr!("init-config-written", path = written.display().to_string())).as_bytes(),
            ),
            Err(e) => fail(&e, 2),
        },
        Mode::PresetList => print_stdout(summary::preset_listing().as_bytes()),
        Mode::PrintConfig(resolved) => print_stdout(summary::print_config(&resolved).as_bytes()),
        Mode::Run(run) => run_batch(*run, stop),
    }
}

fn run_batch(run: Run, stop: &StopFlag) -> ExitCode {
    let Run { settings, paths, console } = run;
    let progress = Progress::new(console.verbosity, stop.clone());
    let report = batch::run(&settings, &paths, &progress);
    progress.finish();
    let report = match report {
        Ok(r) => r,
        Err(e) => return fail(&e, 2),
    };
    let images = report.files.iter().filter(|f| f.status != Status::Skipped).count();
    if images == 0 && settings.inputs.shard.is_none() {
        return fail(&UsageError::NoImages, 2);
    }
    let mut code = match stop.stopped() {
        Some(signal) => signal.exit_code(),
        None if report.totals.error > 0 => 1,
        None => 0,
    };
    if let Some(path) = &console.report
        && let Err(e) = write_report(path, &report)
    {
        error_line(&e.to_string());
        code = code.max(1);
    }
    let mut preview_path = None;
    if let Some(file) = &console.preview {
        let dir = preview::default_dir(paths.first().map(PathBuf::as_path));
        match preview::write_page(&report, &dir, file.as_deref(), &settings.limits) {
            Ok(p) => preview_path = Some(p),
            Err(e) => {
                error_line(&e.to_string());
                code = code.max(1);
            }
        }
    }
    if console.verbosity != front::Verbosity::Quiet {
        if report.dry_run {
            print!("{}", summary::plan(&report));
        }
        let view = summary::Summary { report: &report, settings: &settings, preview: preview_path.as_deref() };
        write_stderr(&view.table(progress.streams_errors()));
    }
    if !progress.streams_errors() {
        write_stderr(&summary::grouped_errors(&report));
    }
    ExitCode::from(code)
}

fn print_stdout(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&crate::error::FileError::Write { path: PathBuf::from("-"), source: e }, 1),
    }
}

fn fail(error: &dyn std::fmt::Display, code: u8) -> ExitCode {
    error_line(&error.to_string());
    ExitCode::from(code)
}

fn error_line(message: &str) {
    // Usage errors may span lines on purpose (a config line and a caret
    // under it); whatever else they quote is escaped.
    let lines: Vec<Cow<'_, str>> = message.split('\n').map(shown).collect();
    write_stderr(&format!("{RED}{}{RED:#} {}\n", tr!("line-error"), lines.join("\n")));
}

/// Text from outside (file names, messages quoting them) as a terminal
/// should show it: control and text-direction characters escaped
/// (`\u{1b}`, `\n`), so a file name can neither clear the screen nor split
/// a line. The report keeps names exact.
fn shown(text: &str) -> Cow<'_, str> {
    let escape = |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if escape(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect())
}

/// Writes to stderr through `anstream`, which drops the colour codes when
/// stderr is not a terminal or `NO_COLOR` is set (and translates them for
/// old Windows consoles).
fn write_stderr(text: &str) {
    let mut err = anstream::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Whether colour codes survive on stderr.
fn stderr_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Writes the JSON report as a new file at `path` (atomically, never over
/// anything), its messages in the run's language.
fn write_report(path: &Path, report: &Report) -> Result<(), crate::error::FileError> {
    write::write_new_at(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut out, report).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        out.flush()
    })
}

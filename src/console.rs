//! The console: progress bar, per-file lines, errors, the summary, the JSON
//! report file, the preview page and the exit status. The only module that
//! prints.
//!
//! Colour only when stderr is a terminal, and never with `NO_COLOR` (the
//! `anstream` conventions, which clap's own messages follow too). On a
//! terminal the progress bar shows, and errors are collected and listed
//! after the summary, so they are the last thing read (and stay on screen in
//! the window a drag onto the .exe opened); anywhere else (a log, a pipe, CI)
//! each error is one line, written as it happens.

mod pause;

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::{self, Observer};
use crate::cli::{Cli, SHORT_HELP};
use crate::config;
use crate::interrupt::StopFlag;
use crate::regions::presets;
use crate::report::{FileReport, Report, Status};
use crate::settings::Settings;
use crate::spec::human_bytes;
use crate::{preview, shell, write};

const RED: Style = AnsiColor::Red.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().dimmed();

/// Runs the command line and returns the exit status: 0 when every input was
/// written, 1 when some failed (the rest were written), 2 for bad usage.
/// In a console window of its own (a drop onto the .exe) it then waits for
/// Enter, unless `--no-pause` or stdin is not a terminal.
pub fn run(cli: Cli) -> ExitCode {
    let stop = StopFlag::on_signals();
    let code = run_command(&cli, &stop);
    // Someone who pressed Ctrl-C is at the keyboard and wants to be done.
    if stop.stopped().is_none() && pause::wanted(cli.no_pause) {
        pause::wait_for_enter();
    }
    code
}

fn run_command(cli: &Cli, stop: &StopFlag) -> ExitCode {
    if let Some(shell) = cli.completions {
        return print_stdout(&shell::completions(shell));
    }
    if cli.man {
        return match shell::man_page() {
            Ok(page) => print_stdout(&page),
            Err(e) => fail(&format!("cannot render the manual page: {e}"), 1),
        };
    }
    if let Some(code) = run_config_commands(cli) {
        return code;
    }
    if cli.is_empty() {
        println!("{SHORT_HELP}");
        return ExitCode::SUCCESS;
    }
    let settings = match cli.settings() {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string(), 2),
    };
    let paths = match cli.input_paths() {
        Ok(p) => p,
        Err(e) => return fail(&e.to_string(), 2),
    };
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let console = Console::new(verbosity, stop.clone());
    let report = batch::run(&settings, &paths, &console);
    console.bar.finish_and_clear();
    let report = match report {
        Ok(r) => r,
        Err(e) => return fail(&e.to_string(), 2),
    };

    let images = report.files.iter().filter(|f| f.status != Status::Skipped).count();
    if images == 0 && cli.shard.is_none() {
        return fail("no images found in the given paths", 2);
    }
    let mut code = match stop.stopped() {
        Some(signal) => signal.exit_code(),
        None if report.totals.error > 0 => 1,
        None => 0,
    };
    if let Some(path) = &cli.report
        && let Err(e) = write_report(path, &report)
    {
        error_line(&format!("cannot write the report {}: {e}", path.display()));
        code = code.max(1);
    }
    let mut preview_path = None;
    if let Some(file) = &cli.preview {
        let dir = preview::default_dir(paths.first().map(PathBuf::as_path));
        match preview::write_page(&report, &dir, file.as_deref(), &settings.limits) {
            Ok(p) => preview_path = Some(p),
            Err(e) => {
                error_line(&format!("cannot write the preview: {e}"));
                code = code.max(1);
            }
        }
    }
    if verbosity != Verbosity::Quiet {
        if report.dry_run {
            print_plan(&report);
        }
        let summary = Summary { report: &report, cli, settings: &settings, preview: preview_path.as_deref() };
        write_stderr(&summary.table(console.streams_errors()));
    }
    if !console.streams_errors() {
        write_stderr(&grouped_errors(&report));
    }
    ExitCode::from(code)
}

fn print_stdout(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write to standard output: {e}"), 1),
    }
}

fn fail(message: &str, code: u8) -> ExitCode {
    error_line(message);
    ExitCode::from(code)
}

fn error_line(message: &str) {
    // Usage errors may span lines on purpose (a config line and a caret
    // under it); whatever else they quote is escaped.
    let lines: Vec<Cow<'_, str>> = message.split('\n').map(shown).collect();
    write_stderr(&format!("{RED}error:{RED:#} {}\n", lines.join("\n")));
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

/// `--init-config`, `--preset list` and `--print-config`: print or write,
/// then exit without touching any image.
fn run_config_commands(cli: &Cli) -> Option<ExitCode> {
    if let Some(path) = &cli.init_config {
        return Some(match config::init(path) {
            Ok(written) => {
                println!("wrote {}; edit it, then run `shotmask --print-config` to check", written.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        });
    }
    if cli.preset.iter().any(|p| p.trim().eq_ignore_ascii_case("list")) {
        print!("{}", presets::listing());
        return Some(ExitCode::SUCCESS);
    }
    if cli.print_config {
        return Some(match cli.resolve() {
            Ok((settings, loaded)) => {
                print!("{}", config::describe(cli, loaded.as_ref(), &settings));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        });
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

struct Console {
    bar: ProgressBar,
    verbosity: Verbosity,
    failed: AtomicUsize,
    /// Serialises lines so they never interleave.
    lock: Mutex<()>,
    /// Raised by Ctrl-C or SIGTERM.
    stop: StopFlag,
    /// Whether the stop was shown on the progress bar yet.
    stop_shown: std::sync::atomic::AtomicBool,
}

impl Console {
    fn new(verbosity: Verbosity, stop: StopFlag) -> Self {
        let bar = if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let template = if stderr_has_color() {
                "{bar:28.cyan/blue} {pos}/{len} files · ETA {eta} · {wide_msg}"
            } else {
                "{bar:28} {pos}/{len} files · ETA {eta} · {wide_msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("█▓░"));
            }
            bar
        };
        Console {
            bar,
            verbosity,
            failed: AtomicUsize::new(0),
            lock: Mutex::new(()),
            stop,
            stop_shown: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Errors go out as they happen unless a progress bar is drawn (then
    /// they are listed after the summary).
    fn streams_errors(&self) -> bool {
        self.bar.is_hidden()
    }

    fn line(&self, text: &str) {
        let _guard = self.lock.lock();
        self.bar.suspend(|| write_stderr(&format!("{text}\n")));
    }
}

impl Observer for Console {
    fn should_stop(&self) -> bool {
        let stopped = self.stop.stopped().is_some();
        if stopped && !self.stop_shown.swap(true, Ordering::Relaxed) {
            self.bar.set_message("stopping: finishing the files in progress (press Ctrl-C again to quit now)");
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
            self.bar.set_message(if failed > 0 { format!("{failed} failed · {name}") } else { name });
        }
    }

    fn finished(&self, r: &FileReport) {
        match r.status {
            Status::Error => {
                self.failed.fetch_add(1, Ordering::Relaxed);
                if self.streams_errors() {
                    self.line(&error_text(r));
                }
            }
            Status::Skipped if self.verbosity != Verbosity::Quiet && r.error_code != Some("interrupted") => {
                self.line(&format!(
                    "{YELLOW}skipped:{YELLOW:#} {}: {}",
                    shown(&r.input),
                    shown(r.error.as_deref().unwrap_or("not an image"))
                ))
            }
            Status::Ok if self.verbosity == Verbosity::Verbose => self.line(&file_line(r)),
            _ => {}
        }
        if r.status == Status::Ok && self.verbosity != Verbosity::Quiet {
            for w in &r.warnings {
                if !w.starts_with("scaled") || self.verbosity == Verbosity::Verbose {
                    self.line(&format!("{YELLOW}warning:{YELLOW:#} {}: {}", shown(&r.input), shown(w)));
                }
            }
        }
        if r.status != Status::Skipped {
            self.bar.inc(1);
        }
    }
}

/// `error: FILE: REASON`, one line.
fn error_text(r: &FileReport) -> String {
    format!("{RED}error:{RED:#} {}: {}", shown(&r.input), shown(r.error.as_deref().unwrap_or("failed")))
}

/// Every failed file, one line each, after a blank line (empty when none).
fn grouped_errors(report: &Report) -> String {
    let lines: Vec<String> = report.files.iter().filter(|f| f.status == Status::Error).map(error_text).collect();
    if lines.is_empty() { String::new() } else { format!("\n{}\n", lines.join("\n")) }
}

/// How a file was encoded, in a few words: `q83`, `lossless`, `128 colours`.
fn encoding(r: &FileReport) -> String {
    match (r.quality, r.colors) {
        (Some(q), _) => format!("q{q}"),
        (None, Some(c)) => format!("{c} colours"),
        (None, None) => "lossless".to_string(),
    }
}

fn file_line(r: &FileReport) -> String {
    let quality = encoding(r);
    format!(
        "{} → {}{}  {} {}  {} → {}  {} region{}",
        shown(&r.input),
        shown(r.output.as_deref().unwrap_or("-")),
        if r.existing { " (already there)" } else { "" },
        r.format.unwrap_or("-"),
        quality,
        human_bytes(r.bytes_in.unwrap_or(0)),
        human_bytes(r.bytes_out.unwrap_or(0)),
        r.regions.len(),
        if r.regions.len() == 1 { "" } else { "s" }
    )
}

/// The plan of a dry run, as an aligned `original → new name` table on
/// stdout (columns measured in terminal cells, so Korean names line up).
fn print_plan(report: &Report) {
    use unicode_width::UnicodeWidthStr;

    let planned: Vec<&FileReport> = report.files.iter().filter(|f| f.status == Status::Ok).collect();
    let file_name = |p: &str| Path::new(p).file_name().map(|n| n.to_string_lossy().into_owned());
    // File names say it best; whole paths only where names repeat (-r).
    let file_name = |p: &str| file_name(p).map(|n| shown(&n).into_owned());
    let mut names: Vec<Option<String>> = planned.iter().map(|r| file_name(&r.input)).collect();
    let mut sorted: Vec<&Option<String>> = names.iter().collect();
    sorted.sort();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        names = planned.iter().map(|r| Some(shown(&r.input).into_owned())).collect();
    }
    let rows: Vec<[String; 5]> = planned
        .iter()
        .zip(names)
        .map(|(r, original)| {
            let quality = encoding(r);
            [
                original.unwrap_or_else(|| shown(&r.input).into_owned()),
                r.output.as_deref().and_then(file_name).unwrap_or_default(),
                format!("{} {quality}", r.format.unwrap_or("-")),
                human_bytes(r.bytes_out.unwrap_or(0)),
                r.regions.len().to_string(),
            ]
        })
        .collect();
    let header = ["original", "new name", "format", "size", "regions"].map(String::from);
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let pad = |cell: &str, width: usize| " ".repeat(width.saturating_sub(cell.width()));
    println!("Plan (dry run, nothing written):");
    for (i, row) in std::iter::once(&header).chain(&rows).enumerate() {
        let arrow = if i == 0 { " " } else { "→" };
        println!(
            "  {}{}  {arrow} {}{}  {}{}  {}{}  {}{}",
            row[0],
            pad(&row[0], widths[0]),
            row[1],
            pad(&row[1], widths[1]),
            row[2],
            pad(&row[2], widths[2]),
            pad(&row[3], widths[3]),
            row[3],
            pad(&row[4], widths[4]),
            row[4],
        );
    }
}

/// The closing table: how many files went where, and what it cost.
struct Summary<'a> {
    report: &'a Report,
    cli: &'a Cli,
    settings: &'a Settings,
    preview: Option<&'a Path>,
}

impl Summary<'_> {
    fn table(&self, errors_above: bool) -> String {
        let t = &self.report.totals;
        let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
        let paint = |style: Style, n: usize, text: String| if n > 0 { format!("{style}{text}{style:#}") } else { text };
        let mut rows: Vec<(&str, String)> = Vec::new();
        let written = if self.report.dry_run { "would write" } else { "written" };
        let new = t.ok - t.existing;
        rows.push((written, paint(GREEN, new, files(new))));
        if t.existing > 0 {
            let were = if t.existing == 1 { "was" } else { "were" };
            let text =
                format!("{} already in the output folder, byte for byte ({were} not written again)", files(t.existing));
            rows.push(("unchanged", paint(GREEN, t.existing, text)));
        }
        let listed = if errors_above { " (listed above)" } else { " (listed below)" };
        rows.push(("failed", paint(RED, t.error, files(t.error) + if t.error > 0 { listed } else { "" })));
        let not_images = match t.skipped {
            0 => "",
            1 => " (not an image)",
            _ => " (not images)",
        };
        rows.push(("skipped", paint(YELLOW, t.skipped, files(t.skipped) + not_images)));
        let mut size = format!("{} → {}", human_bytes(t.bytes_in), human_bytes(t.bytes_out));
        if t.bytes_in > 0 {
            size += &format!(" ({:+.0}%)", 100.0 * t.bytes_out as f64 / t.bytes_in as f64 - 100.0);
        }
        if let Some(limit) = self.settings.fit.max_bytes {
            size += &format!(", each at most {}", round_bytes(limit));
        }
        rows.push(("size", size));
        rows.push(("regions", format!("{} masked", t.regions)));
        if t.earlier > 0 {
            rows.push(("earlier", format!("{} from earlier runs are beside these results", files(t.earlier))));
        }
        if let Some(dir) = output_dirs(self.report, self.cli) {
            rows.push(("outputs", shown(&dir).into_owned()));
        }
        if let Some(p) = self.preview {
            let p = shown(&p.display().to_string()).into_owned();
            rows.push(("preview", format!("{p} {RED}(shows the originals unmasked: do not send){RED:#}")));
        }
        if self.report.interrupted {
            let left = self.report.files.iter().filter(|f| f.error_code == Some("interrupted")).count();
            rows.push(("stopped", paint(YELLOW, 1, format!("by a signal: {} not processed", files(left)))));
        }
        if let Some(shard) = self.cli.shard {
            rows.push(("shard", shard.to_string()));
        }
        rows.push(("time", format!("{:.1} s", t.seconds)));
        let mut out = String::new();
        for (label, value) in rows {
            out += &format!("{DIM}{label:<11}{DIM:#} {value}\n");
        }
        out
    }
}

/// A byte count as people write limits: `1 MB`, `500 KB`, `1.5 MB`.
fn round_bytes(n: u64) -> String {
    let s = human_bytes(n);
    match s.split_once(' ') {
        Some((num, unit)) if num.contains('.') => {
            format!("{} {unit}", num.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => s,
    }
}

/// Where the outputs went, when that is one folder.
fn output_dirs(report: &Report, cli: &Cli) -> Option<String> {
    if let Some(out) = &cli.out {
        return Some(out.display().to_string());
    }
    // One folder reached by relative and absolute paths counts once.
    let mut dirs: Vec<(PathBuf, PathBuf)> = report
        .files
        .iter()
        .filter_map(|f| f.output.as_deref().and_then(|o| Path::new(o).parent()))
        .map(|d| (std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf()), d.to_path_buf()))
        .collect();
    dirs.sort();
    dirs.dedup_by(|a, b| a.0 == b.0);
    // With -r, the subfolders of one output folder: name that folder.
    let common = dirs.iter().skip(1).fold(dirs.first()?.0.clone(), |acc, (d, _)| {
        acc.components().zip(d.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
    });
    match dirs.iter().find(|(canonical, _)| *canonical == common) {
        Some((_, shown)) => Some(shown.display().to_string()),
        None => Some(format!("{} folders named `masked`, beside the inputs", dirs.len())),
    }
}

/// Writes the JSON report as a new file at `path` (atomically, never over
/// anything).
fn write_report(path: &Path, report: &Report) -> Result<(), crate::error::FileError> {
    write::write_new_at(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut out, report).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        out.flush()
    })
}

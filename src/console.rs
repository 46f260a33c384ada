//! The console: progress bar, per-file lines, errors, the summary, the JSON
//! report file and the exit status. The only module that prints.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::{self, Observer};
use crate::cli::{Cli, SHORT_HELP};
use crate::config;
use crate::regions::presets;
use crate::report::{FileReport, Report, Status};
use crate::spec::human_bytes;

/// Runs the command line and returns the exit status: 0 when every input was
/// written, 1 when some failed (the rest were written), 2 for bad usage.
pub fn run(cli: Cli) -> ExitCode {
    if let Some(code) = run_config_commands(&cli) {
        return code;
    }
    if cli.is_empty() {
        println!("{SHORT_HELP}");
        return ExitCode::SUCCESS;
    }
    let settings = match cli.settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let console = Console::new(verbosity);
    let report = batch::run(&settings, &cli.paths, &console);
    console.bar.finish_and_clear();

    let images = report.files.iter().filter(|f| f.status != Status::Skipped).count();
    if images == 0 {
        eprintln!("error: no images found in the given paths");
        return ExitCode::from(2);
    }
    if report.dry_run && verbosity != Verbosity::Quiet {
        print_plan(&report);
    }
    if verbosity != Verbosity::Quiet {
        print_summary(&report, &cli);
    }
    if let Some(path) = &cli.report
        && let Err(e) = write_report(path, &report)
    {
        eprintln!("error: cannot write the report {}: {e}", path.display());
        return ExitCode::from(1);
    }
    if report.totals.error > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
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
    /// Serialises lines so they never interleave.
    lock: Mutex<()>,
}

impl Console {
    fn new(verbosity: Verbosity) -> Self {
        let bar = if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {eta:>4} {wide_msg}") {
                bar.set_style(style);
            }
            bar
        };
        Console { bar, verbosity, lock: Mutex::new(()) }
    }

    fn line(&self, text: &str) {
        let _guard = self.lock.lock();
        self.bar.suspend(|| {
            let _ = writeln!(std::io::stderr(), "{text}");
        });
    }
}

impl Observer for Console {
    fn planned(&self, images: usize) {
        self.bar.set_length(images as u64);
    }

    fn started(&self, input: &Path) {
        if let Some(name) = input.file_name() {
            self.bar.set_message(name.to_string_lossy().into_owned());
        }
    }

    fn finished(&self, r: &FileReport) {
        match r.status {
            Status::Error => self.line(&format!("error: {}: {}", r.input, r.error.as_deref().unwrap_or("failed"))),
            Status::Skipped if self.verbosity != Verbosity::Quiet => {
                self.line(&format!("skipped: {}: {}", r.input, r.error.as_deref().unwrap_or("not an image")))
            }
            Status::Ok if self.verbosity == Verbosity::Verbose => self.line(&file_line(r)),
            _ => {}
        }
        if r.status == Status::Ok && self.verbosity != Verbosity::Quiet {
            for w in &r.warnings {
                if !w.starts_with("scaled") || self.verbosity == Verbosity::Verbose {
                    self.line(&format!("warning: {}: {w}", r.input));
                }
            }
        }
        if r.status != Status::Skipped {
            self.bar.inc(1);
        }
    }
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
        "{} → {}  {} {}  {} → {}  {} region{}",
        r.input,
        r.output.as_deref().unwrap_or("-"),
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
    let mut names: Vec<Option<String>> = planned.iter().map(|r| file_name(&r.input)).collect();
    let mut sorted: Vec<&Option<String>> = names.iter().collect();
    sorted.sort();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        names = planned.iter().map(|r| Some(r.input.clone())).collect();
    }
    let rows: Vec<[String; 5]> = planned
        .iter()
        .zip(names)
        .map(|(r, original)| {
            let quality = encoding(r);
            [
                original.unwrap_or_else(|| r.input.clone()),
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

fn print_summary(report: &Report, cli: &Cli) {
    let t = &report.totals;
    let mut line = format!("{} written", t.ok);
    if t.error > 0 {
        line += &format!(", {} failed", t.error);
    }
    if t.skipped > 0 {
        line += &format!(", {} skipped", t.skipped);
    }
    if report.dry_run {
        line = format!("dry run: {} would be written", t.ok);
    }
    let change = if t.bytes_in > 0 { 100.0 * t.bytes_out as f64 / t.bytes_in as f64 - 100.0 } else { 0.0 };
    eprintln!(
        "{line} · {} → {} ({change:+.0}%) · {} region{} masked · {:.1} s",
        human_bytes(t.bytes_in),
        human_bytes(t.bytes_out),
        t.regions,
        if t.regions == 1 { "" } else { "s" },
        t.seconds
    );
    if let Some(dir) = output_dirs(report, cli) {
        eprintln!("outputs in {dir}");
    }
}

/// Where the outputs went, when that is one folder.
fn output_dirs(report: &Report, cli: &Cli) -> Option<String> {
    if let Some(out) = &cli.out {
        return Some(out.display().to_string());
    }
    let mut dirs: Vec<PathBuf> = report
        .files
        .iter()
        .filter_map(|f| f.output.as_deref().and_then(|o| Path::new(o).parent()).map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    match dirs.as_slice() {
        [one] => Some(one.display().to_string()),
        [] => None,
        many => Some(format!("{} folders named `masked`", many.len())),
    }
}

fn write_report(path: &Path, report: &Report) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(report).map_err(std::io::Error::other)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&json)?;
    tmp.write_all(b"\n")?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

//! What the console shows once the batch is done: the summary table, the
//! errors, the dry-run plan; and the texts of `--print-config` and
//! `--preset list`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

use super::{DIM, GREEN, RED, YELLOW, shown};
use crate::front::config::Level;
use crate::front::options::{KEYS, quote};
use crate::front::{Origin, Resolved};
use crate::report::{FileReport, Problem, Report, Status};
use crate::settings::Settings;
use crate::text::{bytes, round_bytes};
use crate::tr;
use crate::warning::Warning;

/// `error: FILE: REASON`, one line.
pub fn error_text(r: &FileReport) -> String {
    let reason = r.problem.as_ref().map(|p| p.to_string()).unwrap_or_default();
    format!("{RED}{}{RED:#} {}: {}", tr!("line-error"), shown(&r.input), shown(&reason))
}

/// Every failed file, one line each, after a blank line (empty when none).
pub fn grouped_errors(report: &Report) -> String {
    let lines: Vec<String> = report.files.iter().filter(|f| f.status == Status::Error).map(error_text).collect();
    if lines.is_empty() { String::new() } else { format!("\n{}\n", lines.join("\n")) }
}

/// How a file was encoded, in a few words: `q83`, `lossless`, `128 colours`.
fn encoding(r: &FileReport) -> String {
    match (r.quality, r.colors) {
        (Some(q), _) => format!("q{q}"),
        (None, Some(c)) => tr!("encoding-colours", count = c),
        (None, None) => tr!("encoding-lossless"),
    }
}

/// The `-v` line of a written file.
pub fn file_line(r: &FileReport) -> String {
    format!(
        "{} → {}{}  {} {}  {} → {}  {}",
        shown(&r.input),
        shown(r.output.as_deref().unwrap_or("-")),
        if r.existing { format!(" {}", tr!("line-already-there")) } else { String::new() },
        r.format.unwrap_or("-"),
        encoding(r),
        bytes(r.bytes_in.unwrap_or(0)),
        bytes(r.bytes_out.unwrap_or(0)),
        tr!("summary-regions-value", count = r.regions.len()),
    )
}

/// The plan of a dry run, as an aligned `original → new name` table (for
/// stdout; columns measured in terminal cells, so Korean names line up).
pub fn plan(report: &Report) -> String {
    let planned: Vec<&FileReport> = report.files.iter().filter(|f| f.status == Status::Ok).collect();
    let file_name = |p: &str| Path::new(p).file_name().map(|n| shown(&n.to_string_lossy()).into_owned());
    // File names say it best; whole paths only where names repeat (-r).
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
            [
                original.unwrap_or_else(|| shown(&r.input).into_owned()),
                r.output.as_deref().and_then(file_name).unwrap_or_default(),
                format!("{} {}", r.format.unwrap_or("-"), encoding(r)),
                bytes(r.bytes_out.unwrap_or(0)),
                r.regions.len().to_string(),
            ]
        })
        .collect();
    let header =
        [tr!("plan-original"), tr!("plan-new-name"), tr!("plan-format"), tr!("plan-size"), tr!("plan-regions")];
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let pad = |cell: &str, width: usize| " ".repeat(width.saturating_sub(cell.width()));
    let mut out = format!("{}\n", tr!("plan-title"));
    for (i, row) in std::iter::once(&header).chain(&rows).enumerate() {
        let arrow = if i == 0 { " " } else { "→" };
        let _ = writeln!(
            out,
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
    out
}

/// The closing table: how many files went where, and what it cost.
pub struct Summary<'a> {
    /// The run's report.
    pub report: &'a Report,
    /// The run's settings.
    pub settings: &'a Settings,
    /// Where the preview page went, if one was written.
    pub preview: Option<&'a Path>,
}

/// One row of the summary: its label and its value.
type Row = (String, String);

fn files(n: usize) -> String {
    tr!("files", count = n)
}

fn paint(style: Style, n: usize, text: String) -> String {
    if n > 0 { format!("{style}{text}{style:#}") } else { text }
}

impl Summary<'_> {
    /// The table, its labels padded to one width (in terminal cells).
    pub fn table(&self, errors_above: bool) -> String {
        let rows: Vec<Row> =
            [self.count_rows(errors_above), self.attention_rows(), self.place_rows()].into_iter().flatten().collect();
        let width = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0).max(11);
        let mut out = String::new();
        for (label, value) in rows {
            let pad = " ".repeat(width - label.width());
            let _ = writeln!(out, "{DIM}{label}{pad}{DIM:#} {value}");
        }
        out
    }

    /// Files not started because of a signal.
    fn interrupted(&self) -> usize {
        self.report.files.iter().filter(|f| matches!(f.problem, Some(Problem::NotStarted))).count()
    }

    /// How many files went where, and the bytes and regions.
    fn count_rows(&self, errors_above: bool) -> Vec<Row> {
        let t = &self.report.totals;
        let mut rows = Vec::new();
        let written = if self.report.dry_run { tr!("summary-would-write") } else { tr!("summary-written") };
        let new = t.ok - t.existing;
        rows.push((written, paint(GREEN, new, files(new))));
        if t.existing > 0 {
            rows.push((
                tr!("summary-unchanged"),
                paint(GREEN, t.existing, tr!("summary-unchanged-value", files = files(t.existing))),
            ));
        }
        let listed = if errors_above { tr!("summary-listed-above") } else { tr!("summary-listed-below") };
        let failed = if t.error > 0 { format!("{} {listed}", files(t.error)) } else { files(0) };
        rows.push((tr!("summary-failed"), paint(RED, t.error, failed)));
        let not_started = self.interrupted();
        let skipped = t.skipped - not_started;
        let value = match skipped {
            0 => files(0),
            n => format!("{} {}", files(n), tr!("summary-not-images", count = n)),
        };
        rows.push((tr!("summary-skipped"), paint(YELLOW, skipped, value)));
        let mut size = format!("{} → {}", bytes(t.bytes_in), bytes(t.bytes_out));
        if t.bytes_in > 0 {
            let _ = write!(size, " ({:+.0}%)", 100.0 * t.bytes_out as f64 / t.bytes_in as f64 - 100.0);
        }
        if let Some(limit) = self.settings.fit.max_bytes {
            let _ = write!(size, ", {}", tr!("summary-each-at-most", limit = round_bytes(limit)));
        }
        rows.push((tr!("summary-size"), size));
        rows.push((tr!("summary-regions"), tr!("summary-regions-value", count = t.regions)));
        rows
    }

    /// What to look at before sending: unmasked files, warnings, files
    /// refused by --strict, earlier results beside these.
    fn attention_rows(&self) -> Vec<Row> {
        let t = &self.report.totals;
        let mut rows = Vec::new();
        if !self.settings.regions.has_any_source() && t.ok > 0 {
            rows.push((tr!("summary-unmasked"), paint(YELLOW, 1, tr!("summary-no-source-value"))));
        } else if t.unmasked > 0 {
            let value = tr!("summary-unmasked-value", files = files(t.unmasked));
            rows.push((tr!("summary-unmasked"), paint(YELLOW, t.unmasked, value)));
        }
        let flagged = self
            .report
            .files
            .iter()
            .filter(|f| f.status == Status::Ok)
            .filter(|f| f.warnings.iter().any(|w| w.may_leave_something_visible() && *w != Warning::NoRegion))
            .count();
        if flagged > 0 {
            rows.push((
                tr!("summary-warnings"),
                paint(YELLOW, flagged, tr!("summary-warnings-value", files = files(flagged))),
            ));
        }
        if self.report.strict && self.report.files.iter().any(|f| f.error().is_some_and(|e| e.code() == "strict")) {
            rows.push((tr!("summary-strict"), tr!("summary-strict-value")));
        }
        if t.earlier > 0 {
            rows.push((tr!("summary-earlier"), tr!("summary-earlier-value", files = files(t.earlier))));
        }
        rows
    }

    /// Where things went, and how the run ended.
    fn place_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        if let Some(dir) = output_dirs(self.report, self.settings) {
            rows.push((tr!("summary-outputs"), shown(&dir).into_owned()));
        }
        if let Some(p) = self.preview {
            let p = shown(&p.display().to_string()).into_owned();
            rows.push((tr!("summary-preview"), format!("{p} {RED}{}{RED:#}", tr!("summary-preview-warning"))));
        }
        if let Some(shard) = self.settings.inputs.shard {
            rows.push((tr!("summary-shard"), shard.to_string()));
        }
        if self.report.interrupted {
            let value = tr!("summary-stopped-value", files = files(self.interrupted()));
            rows.push((tr!("summary-stopped"), paint(YELLOW, 1, value)));
        }
        let seconds = format!("{:.1}", self.report.totals.seconds);
        rows.push((tr!("summary-time"), tr!("summary-seconds", seconds = seconds)));
        rows
    }
}

/// Where the outputs went, when that is one folder.
fn output_dirs(report: &Report, settings: &Settings) -> Option<String> {
    if let Some(out) = &settings.inputs.out_dir {
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
        None => Some(tr!("summary-outputs-many", count = dirs.len())),
    }
}

/// `--preset list`: one line per preset, described in the run's language.
pub fn preset_listing() -> String {
    let presets = crate::regions::presets::PRESETS;
    let width = presets.iter().map(|p| p.name.len()).max().unwrap_or(0);
    presets.iter().map(|p| format!("{:width$}  {}\n", p.name, preset_description(p.name))).collect()
}

fn preset_description(name: &str) -> String {
    match name {
        "android-status-bar" => tr!("preset-android-status-bar"),
        "android-nav-bar" => tr!("preset-android-nav-bar"),
        "ios-status-bar" => tr!("preset-ios-status-bar"),
        "ios-home-indicator" => tr!("preset-ios-home-indicator"),
        "qr-codes" => tr!("preset-qr-codes"),
        _ => String::new(),
    }
}

/// `--print-config`: the settings in effect as TOML, each line saying
/// where its value came from.
pub fn print_config(r: &Resolved) -> String {
    let mut out = format!("{}\n", tr!("print-config-header"));
    match &r.config {
        Some(c) => {
            let how = match c.level {
                Level::Flag => tr!("config-level-flag"),
                Level::InputFolder => tr!("config-level-input-folder"),
                Level::BesideExecutable => tr!("config-level-beside-executable"),
                Level::UserConfigDir => tr!("config-level-user"),
            };
            let _ = writeln!(out, "{}", tr!("print-config-file", path = c.path.display().to_string(), how = how));
        }
        None if r.no_config => out.push_str(&format!("{}\n", tr!("print-config-no-config"))),
        None => out.push_str(&format!("{}\n", tr!("print-config-none"))),
    }
    out.push('\n');
    for ((key, _), (_, origin)) in KEYS.iter().zip(&r.origins) {
        let origin_text = match origin {
            Origin::Flag(flag) => flag.to_string(),
            Origin::File(at) => at.clone(),
            Origin::Default => tr!("origin-default"),
            Origin::ImpliedByColor => tr!("origin-implied"),
            Origin::Locale => tr!("origin-locale"),
        };
        match r.values.toml(key) {
            Some(value) => {
                let note = match *key {
                    "max_size" => match r.values.max_size {
                        Some(crate::spec::MaxSize::Bytes(b)) => format!(" ({})", bytes(b)),
                        _ => String::new(),
                    },
                    "total_size" => r.values.total_size.map(|t| format!(" ({})", bytes(t.0))).unwrap_or_default(),
                    _ => String::new(),
                };
                kv(&mut out, &format!("{key} = {value}"), &format!("{origin_text}{note}"));
            }
            None => {
                let why = match *key {
                    "total_size" => tr!("origin-not-set-total"),
                    "label" => tr!("origin-not-set-label"),
                    _ => origin_text,
                };
                kv(&mut out, &format!("# {key} = {}", tr!("print-config-not-set")), &why);
            }
        }
    }
    if r.presets.is_empty() {
        kv(&mut out, "presets = []", &tr!("origin-default"));
    } else {
        out.push_str("presets = [\n");
        for (name, origin) in &r.presets {
            let origin = match origin {
                Origin::File(at) => at.clone(),
                Origin::Flag(flag) => flag.to_string(),
                _ => tr!("origin-default"),
            };
            kv(&mut out, &format!("  {},", quote(name)), &origin);
        }
        out.push_str("]\n");
    }
    if let Some(c) = &r.config {
        let rules: Vec<(&str, std::ops::Range<usize>)> = c.rule_names().collect();
        if !rules.is_empty() {
            let _ = writeln!(out, "\n{}", tr!("print-config-rules"));
            for (name, span) in rules {
                let _ = writeln!(out, "#   {name:<30} {}", c.at(span));
            }
        }
    }
    out
}

/// One `key = value  # origin` line.
fn kv(out: &mut String, text: &str, origin: &str) {
    let _ = writeln!(out, "{text:<40} # {origin}");
}

//! The config file, `shotmask.toml`: defaults for the options and the rules,
//! so a folder (or a copy of `shotmask.exe` that people only ever drop files
//! onto) can carry its own settings.
//!
//! Only one file is used: the first found of `--config FILE`, `shotmask.toml`
//! in the input folder, beside the executable, in the user config folder.
//! Flags override the file's values; `--preset` adds to its presets.

pub mod schema;

use std::fmt::Write as _;
use std::ops::Range as Span;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use crate::cli::{Cli, FormatArg, Markers, MaxSize};
use crate::error::UsageError;
use crate::fit::FormatChoice;
use crate::mask::{FillColor, MaskStyle};
use crate::own_files::{self, MAX_CONFIG_BYTES};
use crate::regions::presets;
use crate::regions::rules::{Found, Rule, Side, Target, When};
use crate::regions::template::Template;
use crate::settings::{DEFAULT_MAX_SIZE, Settings};
use crate::spec::human_bytes;
use schema::{ConfigFile, Detect, RuleFile, Val};

/// The file name looked for in each place.
pub const FILE_NAME: &str = "shotmask.toml";

/// The folder inside the user config folder.
pub const APP_DIR: &str = "shotmask";

/// A commented starter file (`--init-config`).
pub const STARTER: &str = include_str!("starter.toml");

/// The default match threshold of `find` rules.
pub const DEFAULT_THRESHOLD: f64 = 0.85;

/// Where the config file in use was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `--config FILE`.
    Flag,
    /// `shotmask.toml` in the folder of the inputs.
    InputFolder,
    /// `shotmask.toml` beside the executable.
    BesideExecutable,
    /// The user config folder.
    UserConfigDir,
}

impl Level {
    /// How `--print-config` says it.
    pub fn describe(self) -> &'static str {
        match self {
            Level::Flag => "given with --config",
            Level::InputFolder => "found in the input folder",
            Level::BesideExecutable => "found beside the executable",
            Level::UserConfigDir => "found in the user config folder",
        }
    }
}

/// A config file, read, checked and with its rules built.
#[derive(Debug)]
pub struct Loaded {
    /// Where it is.
    pub path: PathBuf,
    /// How it was found.
    pub level: Level,
    /// Its text (for line numbers).
    text: String,
    /// Its values.
    pub file: ConfigFile,
    /// Its `[[rule]]`s, built.
    pub rules: Vec<Rule>,
}

/// Finds the config file for a run over `inputs`, reads and checks it.
/// `Ok(None)`: there is none, built-in defaults apply.
///
/// Inputs in several folders: every input folder (a folder given, or the
/// folder of a file given) is looked at; they must agree on one
/// `shotmask.toml` (or have none), otherwise it is an error, because using one
/// folder's rules on another folder's screenshots could leave private things
/// unmasked.
pub fn discover(explicit: Option<&Path>, inputs: &[PathBuf]) -> Result<Option<Loaded>, UsageError> {
    if let Some(path) = explicit {
        return load(path, Level::Flag).map(Some);
    }
    let mut found: Vec<PathBuf> = Vec::new();
    for dir in input_folders(inputs) {
        let candidate = dir.join(FILE_NAME);
        if is_present(&candidate) {
            let key = std::fs::canonicalize(&candidate).unwrap_or_else(|_| candidate.clone());
            if !found.iter().any(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()) == key) {
                found.push(candidate);
            }
        }
    }
    match found.as_slice() {
        [] => {}
        [one] => return load(one, Level::InputFolder).map(Some),
        [a, b, ..] => {
            return Err(UsageError::new(format!(
                "the inputs are in folders with different config files ({} and {}); \
                 run once per folder, or choose one with --config FILE",
                a.display(),
                b.display()
            )));
        }
    }
    if let Some(dir) = std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf)) {
        let candidate = dir.join(FILE_NAME);
        if is_present(&candidate) {
            return load(&candidate, Level::BesideExecutable).map(Some);
        }
    }
    if let Some(dir) = user_config_dir() {
        let candidate = dir.join(FILE_NAME);
        if is_present(&candidate) {
            return load(&candidate, Level::UserConfigDir).map(Some);
        }
    }
    Ok(None)
}

/// Whether anything at all is at `path`: a file, a folder, a pipe, a
/// dangling link. Whatever it is, it was put there to be the config file,
/// so [`load`] either reads it or says why it cannot.
fn is_present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The per-user folder: `$XDG_CONFIG_HOME/shotmask` or `~/.config/shotmask`
/// on Linux, `%APPDATA%\shotmask` on Windows, `~/Library/Application
/// Support/shotmask` on macOS.
pub fn user_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(APP_DIR))
}

/// The folders the inputs are in: a folder given is itself, a file given is
/// its parent. In the order given, without repeats.
fn input_folders(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in inputs {
        let dir = if p.is_dir() {
            p.clone()
        } else if p.exists() {
            match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            }
        } else {
            continue;
        };
        if !out.contains(&dir) {
            out.push(dir);
        }
    }
    out
}

/// Reads, parses and checks the config file at `path`, and builds its rules.
/// Only a regular file (after links) of at most [`MAX_CONFIG_BYTES`] is
/// read; anything else there is an error, never passed over.
pub fn load(path: &Path, level: Level) -> Result<Loaded, UsageError> {
    let cannot =
        |reason: &dyn std::fmt::Display| UsageError::new(format!("the config file {} {reason}", path.display()));
    let bytes = match own_files::read_bounded(path, MAX_CONFIG_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(cannot(&"does not exist")),
        Err(reason) => return Err(cannot(&reason)),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| UsageError::new(format!("{}: the config file is not UTF-8 text", path.display())))?;
    parse(path, level, text)
}

/// Parses config `text` as if read from `path`.
pub fn parse(path: &Path, level: Level, text: String) -> Result<Loaded, UsageError> {
    let file: ConfigFile = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => return Err(located(path, &text, e.span(), e.message())),
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut rules = Vec::with_capacity(file.rules.len());
    for rule in &file.rules {
        rules.push(build_rule(rule, dir).map_err(|(span, msg)| located(path, &text, Some(span), &msg))?);
    }
    let mut names: Vec<&Spanned<String>> = Vec::new();
    for rule in &file.rules {
        if let Some(first) = names.iter().find(|n| n.get_ref() == rule.name.get_ref()) {
            let (line, _) = line_col(&text, first.span().start);
            let msg = format!("a second rule named `{}` (the first is on line {line})", rule.name.get_ref());
            return Err(located(path, &text, Some(rule.name.span()), &msg));
        }
        names.push(&rule.name);
    }
    Ok(Loaded { path: path.to_path_buf(), level, text, file, rules })
}

/// The value of a parsed key, if present.
fn pick<T: Clone>(v: &Option<Spanned<Val<T>>>) -> Option<T> {
    v.as_ref().map(|s| s.get_ref().0.clone())
}

/// `FILE:LINE:COL: message`, then the line and a caret under the column.
/// A long line is shown only around the column, and a long message is cut,
/// so that a junk file gives a few lines of error, not megabytes.
fn located(path: &Path, text: &str, span: Option<Span<usize>>, message: &str) -> UsageError {
    let message = shorten(&message.trim().replace('\n', "; "), MAX_MESSAGE_CHARS);
    let Some(span) = span else {
        return UsageError::new(format!("{}: {message}", path.display()));
    };
    let (line, col) = line_col(text, span.start);
    let source = text.lines().nth(line - 1).unwrap_or("");
    // Up to MAX_SHOWN_CHARS characters of the line, ending a little after the column.
    let skip = col.saturating_sub(MAX_SHOWN_CHARS * 3 / 4);
    let shown: String = source.chars().skip(skip).take(MAX_SHOWN_CHARS).collect();
    let (lead, tail) =
        (if skip > 0 { "…" } else { "" }, if source.chars().count() > skip + MAX_SHOWN_CHARS { "…" } else { "" });
    let caret_at: usize =
        lead.chars().count() + shown.chars().take(col - 1 - skip).map(|c| if c == '\t' { 4 } else { 1 }).sum::<usize>();
    UsageError::new(format!(
        "{}:{line}:{col}: {message}\n  {line:>4} | {lead}{}{tail}\n       | {}^",
        path.display(),
        shown.replace('\t', "    "),
        " ".repeat(caret_at)
    ))
}

/// Most characters of a config line shown in an error.
const MAX_SHOWN_CHARS: usize = 100;

/// Most characters of a parser's message (which may quote the bad value).
const MAX_MESSAGE_CHARS: usize = 400;

/// `text` cut to `max` characters, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max).collect();
    cut.push('…');
    cut
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// What one `[[rule]]` means. Errors carry the span to point at.
fn build_rule(r: &RuleFile, dir: &Path) -> Result<Rule, (Span<usize>, String)> {
    let name = r.name.get_ref().trim().to_string();
    let at_name = r.name.span();
    let bad_name = name.is_empty() || name.chars().any(|c| c.is_control() || c.is_whitespace());
    if bad_name {
        return Err((at_name, format!("rule name `{name}` must be one word without spaces")));
    }
    let style = rule_style(r)?;
    let when = When {
        file: r.when.file.as_ref().map(|v| v.0.clone()),
        width: r.when.width.as_ref().map(|v| v.0),
        height: r.when.height.as_ref().map(|v| v.0),
        aspect: r.when.aspect.as_ref().map(|v| v.0),
    };
    let kinds = [r.boxed.is_some(), r.find.is_some(), r.detect.is_some()].iter().filter(|k| **k).count();
    if kinds != 1 {
        return Err((at_name, format!("rule `{name}` needs exactly one of `box`, `find` or `detect`")));
    }
    let find_keys = [
        ("threshold", r.threshold.as_ref().map(Spanned::span)),
        ("find_density", r.find_density.as_ref().map(Spanned::span)),
        ("search", r.search.as_ref().map(Spanned::span)),
        ("right_of", r.right_of.as_ref().map(Spanned::span)),
        ("left_of", r.left_of.as_ref().map(Spanned::span)),
        ("below", r.below.as_ref().map(Spanned::span)),
        ("above", r.above.as_ref().map(Spanned::span)),
        ("dx", r.dx.as_ref().map(Spanned::span)),
        ("dy", r.dy.as_ref().map(Spanned::span)),
        ("width", r.width.as_ref().map(Spanned::span)),
        ("height", r.height.as_ref().map(Spanned::span)),
    ];
    if r.find.is_none()
        && let Some((key, Some(span))) = find_keys.iter().find(|(_, s)| s.is_some())
    {
        return Err((span.clone(), format!("`{key}` only applies to a `find` rule")));
    }
    if r.boxed.is_none()
        && let Some(anchor) = &r.anchor
    {
        return Err((anchor.span(), "`anchor` only applies to a `box` rule".into()));
    }

    let target = if let Some(b) = &r.boxed {
        Target::Box { spec: b.get_ref().0, anchor: r.anchor.as_ref().map(|a| a.get_ref().0) }
    } else if let Some(d) = &r.detect {
        match d.get_ref().0 {
            Detect::Qr => Target::Qr,
        }
    } else if let Some(find) = &r.find {
        Target::Found(Box::new(build_found(r, find, dir)?))
    } else {
        return Err((at_name, format!("rule `{name}` needs exactly one of `box`, `find` or `detect`")));
    };
    Ok(Rule { name, style, when, target })
}

fn rule_style(r: &RuleFile) -> Result<Option<MaskStyle>, (Span<usize>, String)> {
    use crate::cli::StyleArg;
    let color = r.color.as_ref().map(|c| c.get_ref().0);
    Ok(match (r.style.as_ref().map(|s| (s.get_ref().0, s.span())), color) {
        (Some((StyleArg::Fill, _)), c) => Some(MaskStyle::Fill(c.unwrap_or_default())),
        (Some((_, span)), Some(_)) => return Err((span, "`color` only applies to style `fill`".into())),
        (Some((StyleArg::Mosaic, _)), None) => Some(MaskStyle::Mosaic),
        (Some((StyleArg::Blur, _)), None) => Some(MaskStyle::Blur),
        (None, Some(c)) => Some(MaskStyle::Fill(c)),
        (None, None) => None,
    })
}

fn build_found(r: &RuleFile, find: &Spanned<String>, dir: &Path) -> Result<Found, (Span<usize>, String)> {
    let at = find.span();
    let path = dir.join(find.get_ref());
    // Read like any input image: a regular file, bounded in bytes and pixels.
    let picture = crate::load::load(&path, &crate::load::LoadLimits::default())
        .map_err(|e| (at.clone(), format!("cannot read the template picture {}: {e}", path.display())))?;
    let template = Template::new(crate::regions::template::luma(&picture.image))
        .map_err(|e| (at.clone(), format!("{}: {e}", path.display())))?;
    let threshold = match &r.threshold {
        Some(t) if !(t.get_ref() > &0.0 && t.get_ref() <= &1.0) => {
            return Err((t.span(), format!("threshold {} must be more than 0 and at most 1", t.get_ref())));
        }
        Some(t) => *t.get_ref(),
        None => DEFAULT_THRESHOLD,
    };
    let density = match &r.find_density {
        Some(d) if !(d.get_ref().is_finite() && *d.get_ref() >= 0.5 && *d.get_ref() <= 8.0) => {
            return Err((d.span(), format!("find_density {} must be between 0.5 and 8", d.get_ref())));
        }
        other => other.as_ref().map(|d| *d.get_ref()),
    };
    let sides =
        [(Side::RightOf, &r.right_of), (Side::LeftOf, &r.left_of), (Side::Below, &r.below), (Side::Above, &r.above)];
    let mut given = sides.iter().filter(|(_, v)| v.is_some());
    let (side, gap) = match (given.next(), given.next()) {
        (None, _) => {
            (Side::Over, "0".parse().unwrap_or(crate::spec::Length { value: 0.0, unit: crate::spec::Unit::Px }))
        }
        (Some((side, Some(v))), None) => (*side, v.get_ref().0),
        (Some(_), Some((_, Some(second)))) => {
            return Err((second.span(), "give only one of right_of, left_of, below and above".into()));
        }
        _ => return Err((at, "give only one of right_of, left_of, below and above".into())),
    };
    for size in [&r.width, &r.height].into_iter().flatten() {
        if size.get_ref().0.value <= 0.0 {
            return Err((size.span(), format!("size `{}` must be more than 0", size.get_ref().0)));
        }
    }
    let length = |v: &Option<Spanned<Val<crate::spec::Length>>>| v.as_ref().map(|l| l.get_ref().0);
    Ok(Found {
        template: Arc::new(template),
        threshold: threshold as f32,
        density,
        search: r.search.as_ref().map(|s| s.get_ref().0),
        side,
        gap,
        dx: length(&r.dx),
        dy: length(&r.dy),
        width: length(&r.width),
        height: length(&r.height),
    })
}

impl Loaded {
    /// `cli` with every option it leaves unset taken from this file.
    pub fn fill(&self, mut cli: Cli) -> Cli {
        let f = &self.file;
        // `--color` alone means fill, whatever style the file names.
        if cli.style.is_none() && cli.color.is_none() {
            cli.style = pick(&f.style);
        }
        if cli.color.is_none() && cli.style.is_none_or(|s| s == crate::cli::StyleArg::Fill) {
            cli.color = pick(&f.color);
        }
        if cli.pad.is_none() {
            cli.pad = f.pad.as_ref().map(|p| *p.get_ref());
        }
        if cli.marker.is_none() {
            cli.marker = f.marker.as_ref().map(|m| Markers(m.get_ref().0.clone()));
        }
        if cli.max_size.is_none() {
            cli.max_size = pick(&f.max_size);
        }
        if cli.total_size.is_none() {
            cli.total_size = f.total_size.as_ref().map(|s| s.get_ref().0.0);
        }
        if cli.format.is_none() {
            cli.format = pick(&f.format);
        }
        if cli.min_scale.is_none() {
            cli.min_scale = f.min_scale.as_ref().map(|s| s.get_ref().0.0);
        }
        if cli.name.is_none() {
            cli.name = pick(&f.name);
        }
        if cli.label.is_none() {
            cli.label = f.label.as_ref().map(|l| l.get_ref().clone());
        }
        cli
    }

    /// `FILE:LINE` of a value, for `--print-config`.
    fn at(&self, span: Span<usize>) -> String {
        format!("{}:{}", self.path.display(), line_col(&self.text, span.start).0)
    }

    /// The presets the file names.
    fn presets(&self) -> impl Iterator<Item = &Spanned<Val<schema::PresetName>>> {
        self.file.presets.iter().flatten()
    }
}

/// Every rule of a run: the file's rules, then its presets, then `--preset`
/// ones (a preset named twice counts once).
pub fn rules(cli_presets: &[String], config: Option<&Loaded>) -> Result<Vec<Rule>, UsageError> {
    let mut out: Vec<Rule> = config.map(|c| c.rules.clone()).unwrap_or_default();
    let mut names: Vec<String> =
        config.map(|c| c.presets().map(|p| p.get_ref().0.0.clone()).collect()).unwrap_or_default();
    for name in cli_presets {
        let lower = name.trim().to_ascii_lowercase();
        if presets::rules(&lower).is_none() {
            return Err(UsageError::new(format!(
                "--preset {name}: no such preset; use one of {} (`--preset list` describes them)",
                presets::names()
            )));
        }
        names.push(lower);
    }
    let mut seen: Vec<String> = Vec::new();
    for name in names {
        if !seen.contains(&name) {
            out.extend(presets::rules(&name).unwrap_or_default());
            seen.push(name);
        }
    }
    Ok(out)
}

/// Writes the starter config to `path` (a folder means `FOLDER/shotmask.toml`),
/// never over an existing file. Returns the path written.
pub fn init(path: &Path) -> Result<PathBuf, UsageError> {
    let path = if path.is_dir() { path.join(FILE_NAME) } else { path.to_path_buf() };
    crate::write::write_new_at(&path, |f| std::io::Write::write_all(f, STARTER.as_bytes())).map_err(|e| match e {
        crate::error::FileError::Write { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
            UsageError::new(format!("{} already exists; it was left as it is", path.display()))
        }
        e => UsageError::new(format!("cannot create {}: {e}", path.display())),
    })?;
    Ok(path)
}

/// `--print-config`: the effective settings as TOML, each line saying where
/// its value came from.
pub fn describe(cli: &Cli, config: Option<&Loaded>, settings: &Settings) -> String {
    let mut out = String::new();
    out.push_str("# The settings a run with these arguments uses, and where each comes from.\n");
    match config {
        Some(c) => {
            let _ = writeln!(out, "# Config file: {} ({})", c.path.display(), c.level.describe());
        }
        None if cli.no_config => out.push_str("# Config file: none (--no-config)\n"),
        None => out.push_str("# Config file: none found\n"),
    }
    out.push('\n');
    let f = config.map(|c| &c.file);
    let origin = |flag: bool, flag_name: &str, span: Option<Span<usize>>| -> String {
        match (flag, span, config) {
            (true, _, _) => flag_name.to_string(),
            (false, Some(s), Some(c)) => c.at(s),
            _ => "built-in default".to_string(),
        }
    };
    let span_of = |get: fn(&schema::ConfigFile) -> Option<Span<usize>>| f.and_then(get);

    let style = &settings.regions.style;
    let style_origin =
        if cli.style.is_none() && f.is_none_or(|f| f.style.is_none()) && matches!(style, MaskStyle::Fill(_)) {
            "implied by color".to_string()
        } else {
            origin(cli.style.is_some(), "--style", span_of(|f| f.style.as_ref().map(Spanned::span)))
        };
    kv(&mut out, "style", quote(style.name()), style_origin);
    let color = match style {
        MaskStyle::Fill(FillColor::Auto) => "auto".to_string(),
        MaskStyle::Fill(FillColor::Solid(c)) => c.to_string(),
        _ => "#000000".to_string(),
    };
    kv(
        &mut out,
        "color",
        quote(&color),
        origin(cli.color.is_some(), "--color", span_of(|f| f.color.as_ref().map(Spanned::span))),
    );
    kv(
        &mut out,
        "pad",
        settings.regions.pad.to_string(),
        origin(cli.pad.is_some(), "--pad", span_of(|f| f.pad.as_ref().map(Spanned::span))),
    );
    let markers = if settings.regions.markers.is_empty() {
        quote("off")
    } else {
        format!("[{}]", settings.regions.markers.iter().map(|c| quote(&c.to_string())).collect::<Vec<_>>().join(", "))
    };
    kv(
        &mut out,
        "marker",
        markers,
        origin(cli.marker.is_some(), "--marker", span_of(|f| f.marker.as_ref().map(Spanned::span))),
    );
    let merged_max = cli.max_size.or_else(|| f.and_then(|f| f.max_size.as_ref().map(|m| m.get_ref().0)));
    let max = match merged_max.unwrap_or(MaxSize::Bytes(DEFAULT_MAX_SIZE)) {
        MaxSize::Bytes(b) => (b.to_string(), format!(" ({})", human_bytes(b))),
        MaxSize::Unlimited => (quote("none"), String::new()),
    };
    let max_origin = origin(cli.max_size.is_some(), "--max-size", span_of(|f| f.max_size.as_ref().map(Spanned::span)));
    kv(&mut out, "max_size", max.0, max_origin + &max.1);
    let total_origin =
        origin(cli.total_size.is_some(), "--total-size", span_of(|f| f.total_size.as_ref().map(Spanned::span)));
    match settings.total_bytes {
        Some(b) => kv(&mut out, "total_size", b.to_string(), format!("{total_origin} ({})", human_bytes(b))),
        None => {
            let _ = writeln!(out, "{:<40} # built-in default: no total limit", "# total_size = (not set)");
        }
    }
    let format = match settings.fit.format {
        FormatChoice::Auto => FormatArg::Auto,
        FormatChoice::Jpeg => FormatArg::Jpeg,
        FormatChoice::Png => FormatArg::Png,
        FormatChoice::Keep => FormatArg::Keep,
    };
    let format = clap::ValueEnum::to_possible_value(&format).map(|v| v.get_name().to_string()).unwrap_or_default();
    kv(
        &mut out,
        "format",
        quote(&format),
        origin(cli.format.is_some(), "--format", span_of(|f| f.format.as_ref().map(Spanned::span))),
    );
    kv(
        &mut out,
        "min_scale",
        settings.fit.min_scale.to_string(),
        origin(cli.min_scale.is_some(), "--min-scale", span_of(|f| f.min_scale.as_ref().map(Spanned::span))),
    );
    kv(
        &mut out,
        "name",
        quote(&settings.template.to_string()),
        origin(cli.name.is_some(), "--name", span_of(|f| f.name.as_ref().map(Spanned::span))),
    );
    match &settings.label {
        Some(l) => kv(
            &mut out,
            "label",
            quote(l),
            origin(cli.label.is_some(), "--label", span_of(|f| f.label.as_ref().map(Spanned::span))),
        ),
        None => {
            let _ = writeln!(out, "{:<40} # built-in default: the folder's name, else the app", "# label = (not set)");
        }
    }

    let mut preset_lines: Vec<(String, String)> =
        config.map(|c| c.presets().map(|p| (p.get_ref().0.0.clone(), c.at(p.span()))).collect()).unwrap_or_default();
    for p in &cli.preset {
        let name = p.trim().to_ascii_lowercase();
        if !preset_lines.iter().any(|(n, _)| *n == name) {
            preset_lines.push((name, "--preset".into()));
        }
    }
    if preset_lines.is_empty() {
        let _ = writeln!(out, "{:<40} # built-in default", "presets = []");
    } else {
        out.push_str("presets = [\n");
        for (name, origin) in &preset_lines {
            let _ = writeln!(out, "{:<40} # {origin}", format!("  {},", quote(name)));
        }
        out.push_str("]\n");
    }

    if let Some(c) = config
        && !c.file.rules.is_empty()
    {
        out.push_str("\n# Rules, applied in this order (see the file for their details):\n");
        for r in &c.file.rules {
            let _ = writeln!(out, "#   {:<30} {}", r.name.get_ref(), c.at(r.name.span()));
        }
    }
    out
}

/// One `key = value  # origin` line.
fn kv(out: &mut String, key: &str, value: String, origin: String) {
    let text = format!("{key} = {value}");
    let _ = writeln!(out, "{text:<40} # {origin}");
}

/// A TOML string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Loaded, String> {
        parse(Path::new("cfg/shotmask.toml"), Level::Flag, text.to_string()).map_err(|e| e.to_string())
    }

    #[test]
    fn the_starter_file_parses_and_changes_nothing() {
        let loaded = parse_text(STARTER).unwrap();
        assert!(loaded.rules.is_empty());
        let cli = loaded.fill(Cli::default());
        assert!(cli.style.is_none() && cli.max_size.is_none() && cli.pad.is_none());
    }

    #[test]
    fn values_go_through_the_flag_parsers() {
        let loaded = parse_text(
            "style = \"fill\"\ncolor = \"auto\"\npad = 5\nmarker = [\"red\", \"#00FF00\"]\nmax_size = \"1.5MB\"\n\
             total_size = 20000000\nformat = \"JPEG\"\nname = \"{date}_{n}\"\nlabel = \"bug 42\"\n\
             presets = [\"android-status-bar\"]\n",
        )
        .unwrap();
        let cli = loaded.fill(Cli::default());
        let s = cli.settings_from_flags().unwrap();
        assert_eq!(s.regions.style, MaskStyle::Fill(FillColor::Auto));
        assert_eq!(s.regions.pad, 5);
        assert_eq!(s.regions.markers.len(), 2);
        assert_eq!(s.fit.max_bytes, Some(1_500_000));
        assert_eq!(s.total_bytes, Some(20_000_000));
        assert_eq!(s.fit.format, FormatChoice::Jpeg);
        assert_eq!(s.template.to_string(), "{date}_{n}");
        assert_eq!(s.label.as_deref(), Some("bug 42"));
        assert_eq!(rules(&[], Some(&loaded)).unwrap().len(), 1);
        let off = parse_text("marker = \"off\"").unwrap();
        assert_eq!(off.fill(Cli::default()).marker, Some(Markers(vec![])));
    }

    #[test]
    fn flags_win_over_the_file() {
        let loaded = parse_text("style = \"blur\"\npad = 9\ncolor = \"red\"").unwrap();
        let cli = Cli { pad: Some(1), style: Some(crate::cli::StyleArg::Mosaic), ..Cli::default() };
        let filled = loaded.fill(cli);
        assert_eq!(filled.pad, Some(1));
        assert_eq!(filled.style, Some(crate::cli::StyleArg::Mosaic));
        // The file's colour does not turn a --style mosaic into an error.
        assert!(filled.color.is_none());
        assert!(filled.settings_from_flags().is_ok());
        // --color alone means fill, even when the file says blur.
        let cli = Cli { color: Some(FillColor::Auto), ..Cli::default() };
        let s = loaded.fill(cli).settings_from_flags().unwrap();
        assert_eq!(s.regions.style, MaskStyle::Fill(FillColor::Auto));
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let cases = [
            ("pad = 2\ncolour = \"red\"\n", 2, 1, "unknown field `colour`"),
            ("pad = 2\nmax_size = \"lots\"\n", 2, 12, "not a size"),
            ("style = \"swirl\"", 1, 9, "not a style"),
            ("pad = -3", 1, 7, ""),
            ("[[rule]]\nname = \"a\"\nbox = \"0,0,10\"\n", 3, 7, "not a box"),
            ("[[rule]]\nname = \"a\"\nbox = \"0,0,10,10\"\nanchr = \"top\"\n", 4, 1, "unknown field `anchr`"),
            ("[[rule]]\nname = \"a\"\nbox = \"0,0,10,10\"\nwhen = { file = \"(\" }\n", 4, 17, "regular expression"),
            ("[[rule]]\nname = \"a\"\nbox = \"0,0,10,10\"\nwhen = { aspect = \"tall\" }\n", 4, 19, "not an aspect"),
            ("[[rule]]\nname = \"a\"\n", 2, 8, "exactly one of"),
            ("[[rule]]\nname = \"a\"\nbox = \"0,0,1,1\"\ndetect = \"qr\"\n", 2, 8, "exactly one of"),
            ("[[rule]]\nname = \"a\"\ndetect = \"barcode\"\n", 3, 10, "not a detector"),
            ("[[rule]]\nname = \"a\"\nbox = \"0,0,1,1\"\nright_of = 4\n", 4, 12, "only applies to a `find` rule"),
            ("[[rule]]\nname = \"a\"\nfind = \"nope.png\"\n", 3, 8, "cannot read the template picture"),
            (
                "[[rule]]\nname = \"a\"\nbox = \"0,0,1,1\"\n[[rule]]\nname = \"a\"\nbox = \"0,0,1,1\"\n",
                5,
                8,
                "second rule",
            ),
            ("[[rule]]\nname = \"a b\"\nbox = \"0,0,1,1\"\n", 2, 8, "one word"),
            (
                "[[rule]]\nname = \"a\"\nstyle = \"mosaic\"\ncolor = \"red\"\nbox = \"0,0,1,1\"\n",
                3,
                9,
                "only applies to style",
            ),
            ("presets = [\"android-status-bar\", \"nokia\"]", 1, 34, "not a preset"),
            ("pad = 2\nstyle = \"fill\n", 2, 14, "expected"),
        ];
        for (text, line, col, needle) in cases {
            let err = parse_text(text).expect_err(text);
            let want = format!("cfg/shotmask.toml:{line}:{col}: ");
            assert!(err.starts_with(&want), "{text:?}: want {want}, got {err}");
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_readme_example_is_a_valid_config() {
        let readme = include_str!("../../README.md");
        let rules = &readme[readme.find("## Rules").unwrap()..];
        let start = rules.find("```toml\n").unwrap() + "```toml\n".len();
        let example = &rules[start..start + rules[start..].find("```").unwrap()];
        let file: ConfigFile = toml::from_str(example).unwrap();
        assert_eq!(file.rules.len(), 3);
        // With its two pictures beside it, every rule builds.
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("icons")).unwrap();
        let picture = image::GrayImage::from_fn(20, 20, |x, y| image::Luma([((x * 7 + y * 13) % 255) as u8]));
        for name in ["back-arrow.png", "avatar.png"] {
            picture.save(tmp.path().join("icons").join(name)).unwrap();
        }
        let loaded = parse(&tmp.path().join(FILE_NAME), Level::InputFolder, example.to_string()).unwrap();
        assert_eq!(loaded.rules.len(), 3);
        assert_eq!(rules_for(&loaded).len(), 5);
    }

    fn rules_for(loaded: &Loaded) -> Vec<Rule> {
        rules(&[], Some(loaded)).unwrap()
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("가나\nx", "가나".len()), (1, 3));
    }

    #[test]
    fn discovery_needs_one_config_across_input_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("c"));
        for d in [&a, &b, &c] {
            std::fs::create_dir(d).unwrap();
        }
        std::fs::write(a.join(FILE_NAME), "pad = 1").unwrap();
        std::fs::write(b.join(FILE_NAME), "pad = 2").unwrap();
        std::fs::write(c.join("x.png"), b"").unwrap();
        let found = discover(None, &[a.clone(), c.join("x.png")]).unwrap().unwrap();
        assert_eq!(found.level, Level::InputFolder);
        assert_eq!(found.path, a.join(FILE_NAME));
        // The same folder twice is one config.
        assert!(discover(None, &[a.clone(), a.join("."), a.clone()]).unwrap().is_some());
        let err = discover(None, &[a.clone(), b.clone()]).unwrap_err().to_string();
        assert!(err.contains("different config files"), "{err}");
        // --config wins over the folders.
        let explicit = discover(Some(&b.join(FILE_NAME)), std::slice::from_ref(&a)).unwrap().unwrap();
        assert_eq!(explicit.level, Level::Flag);
        assert!(discover(Some(&tmp.path().join("none.toml")), &[]).is_err());
    }

    #[test]
    fn init_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let p = init(tmp.path()).unwrap();
        assert_eq!(p, tmp.path().join(FILE_NAME));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), STARTER);
        std::fs::write(&p, "pad = 7").unwrap();
        assert!(init(&p).unwrap_err().to_string().contains("already exists"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "pad = 7");
    }
}

//! The config file, `shotmask.toml`: defaults for the options and the rules,
//! so a folder (or a copy of `shotmask.exe` that people only ever drop files
//! onto) can carry its own settings.
//!
//! Only one file is used: the first found of `--config FILE`, `shotmask.toml`
//! in the input folder, beside the executable, in the user config folder.
//! Flags override the file's values; `--preset` adds to its presets.
//! Anything at one of those places is read or is an error, never passed over.

pub mod schema;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::options::{FileLayer, Val};
use crate::error::{ConfigError, ConfigProblem, FileError, Location};
use crate::geometry::MaskStyle;
use crate::own_files::{self, CONFIG_FILE, CONFIG_FOLDER, MAX_CONFIG_BYTES};
use crate::regions::presets;
use crate::regions::rules::{FindTarget, Rule, Side, Target, When};
use crate::regions::template::Pattern;
use crate::spec::{Length, StyleName};
use crate::text::Lang;
use schema::{Detect, RuleFile};

/// The default match threshold of `find` rules.
pub const DEFAULT_THRESHOLD: f64 = 0.85;

/// The commented starter file (`--init-config`) in `lang`.
pub fn starter(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("starter.en.toml"),
        Lang::Ko => include_str!("starter.ko.toml"),
    }
}

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
    pub file: FileLayer,
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
pub fn discover(explicit: Option<&Path>, inputs: &[PathBuf]) -> Result<Option<Loaded>, ConfigError> {
    if let Some(path) = explicit {
        return load(path, Level::Flag).map(Some);
    }
    let mut found: Vec<PathBuf> = Vec::new();
    for dir in input_folders(inputs) {
        let candidate = dir.join(CONFIG_FILE);
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
            return Err(ConfigError {
                path: a.clone(),
                at: None,
                problem: ConfigProblem::DifferentFiles { first: a.clone(), second: b.clone() },
            });
        }
    }
    for (dir, level) in [(beside_executable(), Level::BesideExecutable), (user_config_dir(), Level::UserConfigDir)] {
        if let Some(candidate) = dir.map(|d| d.join(CONFIG_FILE))
            && is_present(&candidate)
        {
            return load(&candidate, level).map(Some);
        }
    }
    Ok(None)
}

/// The `lang` of the config file a run over no known input folder would
/// use (`--config FILE`, beside the executable, the user config folder),
/// read before the command line is parsed so that `--help` and its errors
/// speak it. Anything wrong with the file is reported later, by the run.
pub fn early_lang(explicit: Option<&Path>) -> Option<Lang> {
    let candidate = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => [beside_executable(), user_config_dir()]
            .into_iter()
            .flatten()
            .map(|d| d.join(CONFIG_FILE))
            .find(|c| is_present(c)),
    }?;
    let bytes = own_files::read_bounded(&candidate, MAX_CONFIG_BYTES).ok()??;
    let text = String::from_utf8(bytes).ok()?;
    let value: toml::Table = toml::from_str(&text).ok()?;
    value.get("lang")?.as_str()?.parse().ok()
}

/// Whether anything at all is at `path`: a file, a folder, a pipe, a
/// dangling link. Whatever it is, it was put there to be the config file,
/// so [`load`] either reads it or says why it cannot.
fn is_present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn beside_executable() -> Option<PathBuf> {
    std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf))
}

/// The per-user folder: `$XDG_CONFIG_HOME/shotmask` or `~/.config/shotmask`
/// on Linux, `%APPDATA%\shotmask` on Windows, `~/Library/Application
/// Support/shotmask` on macOS.
pub fn user_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(CONFIG_FOLDER))
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
pub fn load(path: &Path, level: Level) -> Result<Loaded, ConfigError> {
    let whole = |problem| ConfigError { path: path.to_path_buf(), at: None, problem };
    let bytes = match own_files::read_bounded(path, MAX_CONFIG_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(whole(ConfigProblem::Missing)),
        Err(reason) => return Err(whole(ConfigProblem::Unreadable(reason))),
    };
    let text = String::from_utf8(bytes).map_err(|_| whole(ConfigProblem::NotText))?;
    parse(path, level, text)
}

/// Parses config `text` as if read from `path`.
pub fn parse(path: &Path, level: Level, text: String) -> Result<Loaded, ConfigError> {
    let file: FileLayer = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            let message = shorten(&e.message().trim().replace('\n', "; "), MAX_MESSAGE_CHARS);
            return Err(located(path, &text, e.span(), ConfigProblem::Syntax(message)));
        }
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut rules = Vec::with_capacity(file.rules.len());
    for rule in &file.rules {
        rules.push(build_rule(rule, dir).map_err(|(span, problem)| located(path, &text, Some(span), problem))?);
    }
    let mut names: Vec<&Spanned<String>> = Vec::new();
    for rule in &file.rules {
        if let Some(first) = names.iter().find(|n| n.get_ref() == rule.name.get_ref()) {
            let (first_line, _) = line_col(&text, first.span().start);
            let problem = ConfigProblem::DuplicateRule { name: rule.name.get_ref().clone(), first_line };
            return Err(located(path, &text, Some(rule.name.span()), problem));
        }
        names.push(&rule.name);
    }
    Ok(Loaded { path: path.to_path_buf(), level, text, file, rules })
}

/// The error for `problem` at `span` of `text`, with the line shown around
/// the column, so that a junk file gives a few lines of error, not
/// megabytes.
fn located(path: &Path, text: &str, span: Option<Range<usize>>, problem: ConfigProblem) -> ConfigError {
    let at = span.map(|span| {
        let (line, column) = line_col(text, span.start);
        let source = text.lines().nth(line - 1).unwrap_or("");
        // Up to MAX_SHOWN_CHARS characters of the line, ending a little after the column.
        let skip = column.saturating_sub(MAX_SHOWN_CHARS * 3 / 4);
        let shown: String = source.chars().skip(skip).take(MAX_SHOWN_CHARS).collect();
        let lead = if skip > 0 { "…" } else { "" };
        let tail = if source.chars().count() > skip + MAX_SHOWN_CHARS { "…" } else { "" };
        let caret = lead.chars().count()
            + shown.chars().take(column - 1 - skip).map(|c| if c == '\t' { 4 } else { 1 }).sum::<usize>();
        Location { line, column, excerpt: format!("{lead}{}{tail}", shown.replace('\t', "    ")), caret }
    });
    ConfigError { path: path.to_path_buf(), at, problem }
}

/// Most characters of a config line shown in an error.
pub const MAX_SHOWN_CHARS: usize = 100;

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

type RuleResult<T> = Result<T, (Range<usize>, ConfigProblem)>;

/// What one `[[rule]]` means. Errors carry the span to point at.
fn build_rule(r: &RuleFile, dir: &Path) -> RuleResult<Rule> {
    let name = r.name.get_ref().trim().to_string();
    let at_name = r.name.span();
    let bad_name = name.is_empty() || name.chars().any(|c| c.is_control() || c.is_whitespace());
    if bad_name {
        return Err((at_name, ConfigProblem::RuleName(name)));
    }
    let style = rule_style(r)?;
    let when = When {
        file: r.when.file.as_ref().map(|v| v.0.0.clone()),
        width: r.when.width.as_ref().map(|v| v.0),
        height: r.when.height.as_ref().map(|v| v.0),
        aspect: r.when.aspect.as_ref().map(|v| v.0),
    };
    let kinds = [r.boxed.is_some(), r.find.is_some(), r.detect.is_some()].iter().filter(|k| **k).count();
    if kinds != 1 {
        return Err((at_name, ConfigProblem::RuleKind(name)));
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
        return Err((span.clone(), ConfigProblem::OnlyForFind(key)));
    }
    if r.boxed.is_none()
        && let Some(anchor) = &r.anchor
    {
        return Err((anchor.span(), ConfigProblem::AnchorOnlyForBox));
    }

    let target = if let Some(b) = &r.boxed {
        Target::Box { spec: b.get_ref().0, anchor: r.anchor.as_ref().map(|a| a.get_ref().0) }
    } else if let Some(d) = &r.detect {
        match d.get_ref().0 {
            Detect::Qr => Target::Qr,
        }
    } else if let Some(find) = &r.find {
        Target::Find(Box::new(build_find(r, find, dir)?))
    } else {
        return Err((at_name, ConfigProblem::RuleKind(name)));
    };
    Ok(Rule { name, style, when, target })
}

fn rule_style(r: &RuleFile) -> RuleResult<Option<MaskStyle>> {
    let color = r.color.as_ref().map(|c| c.get_ref().0);
    Ok(match (r.style.as_ref().map(|s| (s.get_ref().0, s.span())), color) {
        (Some((StyleName::Fill, _)), c) => Some(MaskStyle::Fill(c.unwrap_or_default())),
        (Some((_, span)), Some(_)) => return Err((span, ConfigProblem::ColorOnlyForFill)),
        (Some((StyleName::Mosaic, _)), None) => Some(MaskStyle::Mosaic),
        (Some((StyleName::Blur, _)), None) => Some(MaskStyle::Blur),
        (None, Some(c)) => Some(MaskStyle::Fill(c)),
        (None, None) => None,
    })
}

fn build_find(r: &RuleFile, find: &Spanned<String>, dir: &Path) -> RuleResult<FindTarget> {
    let at = find.span();
    let path = dir.join(find.get_ref());
    // Read like any input image: a regular file, bounded in bytes and pixels.
    let picture = crate::load::load(&path, &crate::load::LoadLimits::default())
        .map_err(|e| (at.clone(), ConfigProblem::Picture { path: path.clone(), error: Box::new(e) }))?;
    let pattern = Pattern::new(crate::regions::template::luma(&picture.image))
        .map_err(|error| (at.clone(), ConfigProblem::PictureUnusable { path: path.clone(), error }))?;
    let threshold = match &r.threshold {
        Some(t) if !(t.get_ref() > &0.0 && t.get_ref() <= &1.0) => {
            return Err((t.span(), ConfigProblem::Threshold(*t.get_ref())));
        }
        Some(t) => *t.get_ref(),
        None => DEFAULT_THRESHOLD,
    };
    let density = match &r.find_density {
        Some(d) if !(d.get_ref().is_finite() && *d.get_ref() >= 0.5 && *d.get_ref() <= 8.0) => {
            return Err((d.span(), ConfigProblem::FindDensity(*d.get_ref())));
        }
        other => other.as_ref().map(|d| *d.get_ref()),
    };
    let sides =
        [(Side::RightOf, &r.right_of), (Side::LeftOf, &r.left_of), (Side::Below, &r.below), (Side::Above, &r.above)];
    let mut given = sides.iter().filter(|(_, v)| v.is_some());
    let (side, gap) = match (given.next(), given.next()) {
        (None, _) => (Side::Over, Length { value: 0.0, unit: crate::spec::Unit::Px }),
        (Some((side, Some(v))), None) => (*side, v.get_ref().0),
        (Some(_), Some((_, Some(second)))) => return Err((second.span(), ConfigProblem::OneSideOnly)),
        _ => return Err((at, ConfigProblem::OneSideOnly)),
    };
    for size in [&r.width, &r.height].into_iter().flatten() {
        if size.get_ref().0.value <= 0.0 {
            return Err((size.span(), ConfigProblem::SizeNotPositive(size.get_ref().0.to_string())));
        }
    }
    let length = |v: &Option<Spanned<Val<Length>>>| v.as_ref().map(|l| l.get_ref().0);
    Ok(FindTarget {
        pattern: Arc::new(pattern),
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
    /// `FILE:LINE` of a value, for `--print-config`.
    pub fn at(&self, span: Range<usize>) -> String {
        format!("{}:{}", self.path.display(), line_col(&self.text, span.start).0)
    }

    /// The presets the file names, each with where it is named.
    pub fn presets(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        self.file.presets.iter().flatten().map(|p| (p.get_ref().0.0.as_str(), p.span()))
    }

    /// The rules' names, each with where it is.
    pub fn rule_names(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        self.file.rules.iter().map(|r| (r.name.get_ref().as_str(), r.name.span()))
    }
}

/// Every rule of a run: the file's rules, then its presets, then `--preset`
/// ones (a preset named twice counts once). `Err`: a `--preset` name that
/// is no preset.
pub fn rules(cli_presets: &[String], config: Option<&Loaded>) -> Result<Vec<Rule>, String> {
    let mut out: Vec<Rule> = config.map(|c| c.rules.clone()).unwrap_or_default();
    let mut names: Vec<String> = config.map(|c| c.presets().map(|(p, _)| p.to_string()).collect()).unwrap_or_default();
    for name in cli_presets {
        let lower = name.trim().to_ascii_lowercase();
        if presets::rules(&lower).is_none() {
            return Err(name.clone());
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

/// Writes the starter config in `lang` to `path` (a folder means
/// `FOLDER/shotmask.toml`), atomically and never over an existing file.
/// Returns the path written.
pub fn init(path: &Path, lang: Lang) -> Result<PathBuf, crate::error::UsageError> {
    let path = if path.is_dir() { path.join(CONFIG_FILE) } else { path.to_path_buf() };
    crate::write::write_new_at(&path, |f| std::io::Write::write_all(f, starter(lang).as_bytes())).map_err(|e| {
        let source = match e {
            FileError::Write { source, .. } => source,
            other => std::io::Error::other(other.to_string()),
        };
        crate::error::UsageError::InitConfig { path: path.clone(), source }
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Loaded, String> {
        crate::text::in_language(Lang::En, || {
            parse(Path::new("cfg/shotmask.toml"), Level::Flag, text.to_string()).map_err(|e| e.to_string())
        })
    }

    #[test]
    fn the_starter_files_parse_and_change_nothing() {
        for lang in Lang::ALL {
            let loaded = parse_text(starter(lang)).unwrap();
            assert!(loaded.rules.is_empty(), "{lang}");
            let values = loaded.file.values();
            assert!(values.style.is_none() && values.max_size.is_none() && values.pad.is_none(), "{lang}");
        }
    }

    #[test]
    fn marker_off_and_lists_parse() {
        let off = parse_text("marker = \"off\"").unwrap();
        assert_eq!(off.file.values().marker.map(|m| m.0.len()), Some(0));
        let two = parse_text("marker = [\"red\", \"#00FF00\"]\npresets = [\"android-status-bar\"]").unwrap();
        assert_eq!(two.file.values().marker.map(|m| m.0.len()), Some(2));
        assert_eq!(rules(&[], Some(&two)).unwrap().len(), 1);
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
        let readme = include_str!("../../../README.md");
        let rules = &readme[readme.find("## Rules").unwrap()..];
        let start = rules.find("```toml\n").unwrap() + "```toml\n".len();
        let example = &rules[start..start + rules[start..].find("```").unwrap()];
        let file: FileLayer = toml::from_str(example).unwrap();
        assert_eq!(file.rules.len(), 3);
        // With its two pictures beside it, every rule builds.
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("icons")).unwrap();
        let picture = image::GrayImage::from_fn(20, 20, |x, y| image::Luma([((x * 7 + y * 13) % 255) as u8]));
        for name in ["back-arrow.png", "avatar.png"] {
            picture.save(tmp.path().join("icons").join(name)).unwrap();
        }
        let loaded = parse(&tmp.path().join(CONFIG_FILE), Level::InputFolder, example.to_string()).unwrap();
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
        std::fs::write(a.join(CONFIG_FILE), "pad = 1").unwrap();
        std::fs::write(b.join(CONFIG_FILE), "pad = 2").unwrap();
        std::fs::write(c.join("x.png"), b"").unwrap();
        let found = discover(None, &[a.clone(), c.join("x.png")]).unwrap().unwrap();
        assert_eq!(found.level, Level::InputFolder);
        assert_eq!(found.path, a.join(CONFIG_FILE));
        // The same folder twice is one config.
        assert!(discover(None, &[a.clone(), a.join("."), a.clone()]).unwrap().is_some());
        let err = discover(None, &[a.clone(), b.clone()]).unwrap_err().to_string();
        assert!(err.contains("different config files"), "{err}");
        // --config wins over the folders.
        let explicit = discover(Some(&b.join(CONFIG_FILE)), std::slice::from_ref(&a)).unwrap().unwrap();
        assert_eq!(explicit.level, Level::Flag);
        assert!(discover(Some(&tmp.path().join("none.toml")), &[]).is_err());
    }

    #[test]
    fn init_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let p = init(tmp.path(), Lang::En).unwrap();
        assert_eq!(p, tmp.path().join(CONFIG_FILE));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), starter(Lang::En));
        std::fs::write(&p, "pad = 7").unwrap();
        let err = crate::text::in_language(Lang::En, || init(&p, Lang::En).unwrap_err().to_string());
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "pad = 7");
    }
}

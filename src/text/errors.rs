//! How every typed error, warning and problem reads: their `Display`, in
//! the language in use, from the catalogue.

use std::fmt;

use crate::error::{
    Attempt, AttemptEncoding, ConfigError, ConfigProblem, FileError, ListProblem, OutputFolderProblem, PatternError,
    ShapeProblem, SidecarProblem, UsageError,
};
use crate::inputs::SkipReason;
use crate::own_files::{FileKind, OwnFileError};
use crate::report::Problem;
use crate::spec::{Side, ValueError};
use crate::tr;
use crate::warning::Warning;

use super::{bytes, percent};

/// A path as shown in a message.
fn shown(path: &std::path::Path) -> String {
    path.display().to_string()
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ValueError::*;
        let text = match self {
            NotABox(text) => tr!("value-not-a-box", text = text),
            NotALength(text) => tr!("value-not-a-length", text = text),
            OverHundredPercent(text) => tr!("value-over-hundred-percent", text = text),
            NotPositive { side: Side::Width, text } => tr!("value-not-positive-width", text = text),
            NotPositive { side: Side::Height, text } => tr!("value-not-positive-height", text = text),
            NotASize(text) => tr!("value-not-a-size", text = text),
            ZeroSize(text) => tr!("value-zero-size", text = text),
            NotAColour(text) => tr!("value-not-a-colour", text = text),
            NotAMarkerColour(text) => {
                let names: Vec<&str> = crate::regions::MARKER_FAMILIES.iter().map(|f| f.name).collect();
                tr!("value-not-a-marker-colour", text = text, names = names.join(", "))
            }
            MarkerTooGrey(colour) => tr!("value-marker-too-grey", colour = colour.to_string()),
            NotANumber(text) => tr!("value-not-a-number", text = text),
            ScaleOutOfRange(text) => tr!("value-scale-out-of-range", text = text),
            NotAStyle(text) => tr!("value-not-a-style", text = text),
            NotAFormat(text) => tr!("value-not-a-format", text = text),
            NotALanguage(text) => tr!("value-not-a-language", text = text),
            NotAShard(text) => tr!("value-not-a-shard", text = text),
            ShardCountZero(text) => tr!("value-shard-count-zero", text = text),
            ShardIndexTooLarge { text, count } => {
                tr!("value-shard-index-too-large", text = text, last = count.saturating_sub(1).to_string())
            }
            NotARange(text) => tr!("value-not-a-range", text = text),
            EmptyRange { text, min, max } => {
                tr!("value-empty-range", text = text, min = min.to_string(), max = max.to_string())
            }
            NotAnAspect(text) => tr!("value-not-an-aspect", text = text),
            NotAnAnchor(text) => tr!("value-not-an-anchor", text = text),
            NotADetector(text) => tr!("value-not-a-detector", text = text),
            NotAPreset(text) => tr!("value-not-a-preset", text = text, names = crate::regions::presets::names()),
            NotARegex(detail) => tr!("value-not-a-regex", detail = detail),
            UnknownToken(name) => {
                let known: Vec<String> = crate::name::Token::ALL.iter().map(|t| format!("{{{}}}", t.name())).collect();
                tr!("value-unknown-token", name = name, known = known.join(" "))
            }
            UnmatchedBrace(text) => tr!("value-unmatched-brace", text = text),
            UnclosedBrace(text) => tr!("value-unclosed-brace", text = text),
            EmptyTemplate => tr!("value-empty-template"),
            NotABoolean(text) => tr!("value-not-a-boolean", text = text),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FileError::*;
        let text = match self {
            Read(e) => tr!("error-read", detail = e.to_string()),
            InputTooLarge { size, limit } => {
                tr!("error-too-large", size = size.to_string(), limit = limit.to_string())
            }
            Empty => tr!("error-empty"),
            NotAFile => tr!("error-not-a-file"),
            UnknownFormat => tr!("error-unknown-format"),
            TooManyPixels { width, height, megapixels, limit } => tr!(
                "error-too-many-pixels",
                width = width.to_string(),
                height = height.to_string(),
                megapixels = megapixels.to_string(),
                limit = limit.to_string()
            ),
            NoPixels { width, height } => {
                tr!("error-no-pixels", width = width.to_string(), height = height.to_string())
            }
            JpegTooShort { width, height, least, actual } => tr!(
                "error-jpeg-too-short",
                width = width.to_string(),
                height = height.to_string(),
                least = least.to_string(),
                actual = actual.to_string()
            ),
            Decode(detail) => tr!("error-decode", detail = detail),
            Truncated(detail) => tr!("error-truncated", detail = detail),
            BoxOutside { spec, width, height, rule: None } => tr!(
                "error-box-outside",
                spec = spec.to_string(),
                width = width.to_string(),
                height = height.to_string()
            ),
            BoxOutside { spec, width, height, rule: Some(rule) } => tr!(
                "error-rule-box-outside",
                rule = rule,
                spec = spec.to_string(),
                width = width.to_string(),
                height = height.to_string()
            ),
            SidecarUnusable { file, reason } => tr!("error-sidecar-unusable", file = file, reason = reason.to_string()),
            Sidecar { file, problem } => tr!("error-sidecar", file = file, problem = problem.to_string()),
            CannotFit { limit, smallest: Some(smallest), min_scale } => {
                let size = if smallest.more {
                    tr!("attempt-over", size = bytes(smallest.bytes))
                } else {
                    bytes(smallest.bytes)
                };
                tr!(
                    "error-cannot-fit",
                    limit = bytes(*limit),
                    smallest = size,
                    attempt = smallest.to_string(),
                    min_scale = min_scale.to_string()
                )
            }
            CannotFit { limit, smallest: None, .. } => tr!("error-cannot-fit-nothing", limit = bytes(*limit)),
            Encode(detail) => tr!("error-encode", detail = detail),
            Verify(detail) => tr!("error-verify", detail = detail),
            Write { path, source } => tr!("error-write", path = shown(path), detail = source.to_string()),
            Missing => tr!("error-missing"),
            CannotList(detail) => tr!("error-cannot-list", detail = detail),
            Strict(warning) => tr!("error-strict", warning = warning.to_string()),
            Internal(detail) => tr!("error-internal", detail = detail),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.encoding {
            AttemptEncoding::Lossless => tr!("attempt-lossless"),
            AttemptEncoding::Palette(colors) => tr!("attempt-palette", colors = colors.to_string()),
            AttemptEncoding::Jpeg(quality) => tr!("attempt-jpeg", quality = quality.to_string()),
        };
        if self.scale < 1.0 {
            f.write_str(&tr!("attempt-scaled", attempt = what, percent = percent(self.scale)))
        } else {
            f.write_str(&what)
        }
    }
}

impl fmt::Display for SidecarProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SidecarProblem::*;
        let text = match self {
            NotText => tr!("sidecar-not-text"),
            BoxLine { line, error } => tr!("sidecar-box-line", line = line.to_string(), error = error.to_string()),
            BoxOutside { line, spec, width, height } => tr!(
                "sidecar-box-outside",
                line = line.to_string(),
                spec = spec.to_string(),
                width = width.to_string(),
                height = height.to_string()
            ),
            NotJson(detail) => tr!("sidecar-not-json", detail = detail),
            Field { path, detail } => tr!("sidecar-field", path = path, detail = detail),
            SizeMismatch { field, declared, width, height } => tr!(
                "sidecar-size-mismatch",
                field = field.to_string(),
                declared = declared.to_string(),
                width = width.to_string(),
                height = height.to_string()
            ),
            TooManyPoints { points, max } => {
                tr!("sidecar-too-many-points", points = points.to_string(), max = max.to_string())
            }
            UnknownShapeType { index, kind } => tr!("sidecar-unknown-shape", index = index.to_string(), kind = kind),
            Shape { index, kind, problem } => {
                tr!("sidecar-shape", index = index.to_string(), kind = kind, problem = problem.to_string())
            }
        };
        f.write_str(&text)
    }
}

impl fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ShapeProblem::TooFewPoints { least, has } => {
                tr!("shape-too-few-points", least = least.to_string(), has = has.to_string())
            }
            ShapeProblem::Corners { has } => tr!("shape-corners", has = has.to_string()),
            ShapeProblem::Circle { has } => tr!("shape-circle", has = has.to_string()),
            ShapeProblem::NoArea => tr!("shape-no-area"),
            ShapeProblem::Outside { width, height } => {
                tr!("shape-outside", width = width.to_string(), height = height.to_string())
            }
        };
        f.write_str(&text)
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            FileKind::Folder => tr!("own-kind-folder"),
            FileKind::Pipe => tr!("own-kind-pipe"),
            FileKind::Device => tr!("own-kind-device"),
            FileKind::Socket => tr!("own-kind-socket"),
            FileKind::Other => tr!("own-kind-other"),
        })
    }
}

impl fmt::Display for OwnFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            OwnFileError::NotAFile(kind) => tr!("own-not-a-file", kind = kind.to_string()),
            OwnFileError::DanglingLink => tr!("own-dangling"),
            OwnFileError::TooLarge { size, limit } => {
                tr!("own-too-large", size = size.to_string(), limit = limit.to_string())
            }
            OwnFileError::Io(e) => tr!("own-io", detail = e.to_string()),
        })
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            SkipReason::NotAnImage => tr!("skip-not-an-image"),
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Failed(e) => e.fmt(f),
            Problem::Skipped(r) => r.fmt(f),
            Problem::NotStarted => f.write_str(&tr!("skip-not-started")),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place =
            |r: &crate::geometry::PixelRect| (r.x.to_string(), r.y.to_string(), r.w.to_string(), r.h.to_string());
        let text = match self {
            Warning::NoRegion => tr!("warning-no-region"),
            Warning::MarkerColour { colour, rect } => {
                let (x, y, w, h) = place(rect);
                tr!("warning-marker-colour", colour = colour.to_string(), x = x, y = y, w = w, h = h)
            }
            Warning::ResidualInk { rect } => {
                let (x, y, w, h) = place(rect);
                tr!("warning-residual-ink", x = x, y = y, w = w, h = h)
            }
            Warning::MissingEnd => tr!("warning-missing-end"),
            Warning::TrailingBytes { bytes: n } => tr!("warning-trailing-bytes", size = bytes(*n)),
            Warning::Scaled { scale } => tr!("warning-scaled", percent = percent(*scale)),
            Warning::LabelMeShapeSkipped { index, kind } => {
                tr!("warning-labelme-shape-skipped", index = index.to_string(), kind = kind)
            }
            Warning::NotLabelMe { file } => tr!("warning-not-labelme", file = file),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use UsageError::*;
        let text = match self {
            Value { flag, error } => tr!("usage-value", flag = flag, error = error.to_string()),
            CommandLine(detail) => detail.clone(),
            ColorNeedsFill => tr!("usage-color-needs-fill"),
            Config(e) => e.to_string(),
            WouldReplace { flag, path } => tr!("usage-would-replace", flag = flag.to_string(), path = shown(path)),
            NoSuchFolder { flag, path, folder } => {
                tr!("usage-no-such-folder", flag = flag.to_string(), path = shown(path), folder = shown(folder))
            }
            OutIsInputFolder { out, input } => tr!("usage-out-is-input", out = shown(out), input = shown(input)),
            OutputFolder { folder, problem } => {
                let problem = match problem {
                    OutputFolderProblem::IsAFile => tr!("output-is-a-file"),
                    OutputFolderProblem::UnderAFile(path) => tr!("output-under-a-file", path = shown(path)),
                    OutputFolderProblem::Io(e) => tr!("output-io", detail = e.to_string()),
                };
                tr!("usage-output-folder", folder = shown(folder), problem = problem)
            }
            FilesFrom { list, problem } => {
                let list = list.as_deref().map_or_else(|| tr!("list-stdin"), shown);
                let problem = match problem {
                    ListProblem::IsAFolder => tr!("list-is-a-folder"),
                    ListProblem::Read(e) => e.to_string(),
                    ListProblem::NotText { line } => tr!("list-not-text", line = line.to_string()),
                    ListProblem::BadUtf16 => tr!("list-bad-utf16"),
                };
                tr!("usage-files-from", list = list, problem = problem)
            }
            NoSuchPreset(name) => tr!("usage-no-such-preset", name = name, names = crate::regions::presets::names()),
            CompletionsAmbiguous => tr!("usage-completions-ambiguous"),
            NoImages => tr!("usage-no-images"),
            InitConfig { path, source } if source.kind() == std::io::ErrorKind::AlreadyExists => {
                tr!("usage-init-exists", path = shown(path))
            }
            InitConfig { path, source } => tr!("usage-init-failed", path = shown(path), detail = source.to_string()),
            ManPage(e) => tr!("usage-man", detail = e.to_string()),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for ConfigError {
    /// `FILE:LINE:COL: problem`, then the line and a caret under the column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown(&self.path);
        let problem = match &self.problem {
            ConfigProblem::Missing => return f.write_str(&tr!("config-file-missing", path = path)),
            ConfigProblem::Unreadable(reason) => {
                return f.write_str(&tr!("config-file-unreadable", path = path, reason = reason.to_string()));
            }
            ConfigProblem::NotText => return f.write_str(&tr!("config-file-not-text", path = path)),
            ConfigProblem::DifferentFiles { first, second } => {
                return f.write_str(&tr!("config-different-files", first = shown(first), second = shown(second)));
            }
            ConfigProblem::Syntax(detail) => tr!("config-syntax", detail = detail),
            ConfigProblem::RuleName(name) => tr!("config-rule-name", name = name),
            ConfigProblem::RuleKind(name) => tr!("config-rule-kind", name = name),
            ConfigProblem::OnlyForFind(key) => tr!("config-only-for-find", key = key.to_string()),
            ConfigProblem::AnchorOnlyForBox => tr!("config-anchor-only-for-box"),
            ConfigProblem::ColorOnlyForFill => tr!("config-color-only-for-fill"),
            ConfigProblem::DuplicateRule { name, first_line } => {
                tr!("config-duplicate-rule", name = name, line = first_line.to_string())
            }
            ConfigProblem::Picture { path, error } => {
                tr!("config-picture", path = shown(path), error = error.to_string())
            }
            ConfigProblem::PictureUnusable { path, error: PatternError::TooSmall { width, height } } => tr!(
                "config-picture-too-small",
                path = shown(path),
                width = width.to_string(),
                height = height.to_string()
            ),
            ConfigProblem::PictureUnusable { path, error: PatternError::Flat } => {
                tr!("config-picture-flat", path = shown(path))
            }
            ConfigProblem::Threshold(v) => tr!("config-threshold", value = v.to_string()),
            ConfigProblem::FindDensity(v) => tr!("config-find-density", value = v.to_string()),
            ConfigProblem::OneSideOnly => tr!("config-one-side"),
            ConfigProblem::SizeNotPositive(size) => tr!("config-size-not-positive", size = size),
        };
        match &self.at {
            None => write!(f, "{path}: {problem}"),
            Some(at) => write!(
                f,
                "{path}:{}:{}: {problem}\n  {:>4} | {}\n       | {}^",
                at.line,
                at.column,
                at.line,
                at.excerpt,
                " ".repeat(at.caret)
            ),
        }
    }
}

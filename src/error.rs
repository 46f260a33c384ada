//! Typed errors. Every way a file or a run can fail is a variant with the
//! facts as data; [`crate::text`] is the one place that turns them into
//! sentences, in the run's language (their `Display` impls live there).
//! A file's error names no file: the caller (report, console) says which
//! file it is about.

use std::path::PathBuf;

use crate::own_files::OwnFileError;
use crate::spec::{BoxSpec, ValueError};
use crate::warning::Warning;

/// Why one input file could not be turned into an output file.
///
/// These end up as the report's `"error"` (with a stable `"error_code"`)
/// and as one line on stderr; the batch always goes on.
#[derive(Debug)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be read.
    Read(std::io::Error),
    /// The file is larger than the input cap; it was not read.
    InputTooLarge {
        /// Size of the file on disk.
        size: u64,
        /// The cap.
        limit: u64,
    },
    /// The file is empty.
    Empty,
    /// The path is a device, pipe or socket, not a file; it was not opened.
    NotAFile,
    /// The content is not an image format shotmask reads.
    UnknownFormat,
    /// The header announces more pixels than we allow; nothing was allocated.
    TooManyPixels {
        /// Announced width.
        width: u32,
        /// Announced height.
        height: u32,
        /// width × height in megapixels, rounded up.
        megapixels: u64,
        /// The limit in megapixels.
        limit: u64,
    },
    /// The header announces an image with no pixels.
    NoPixels {
        /// Announced width.
        width: u32,
        /// Announced height.
        height: u32,
    },
    /// A JPEG far too short for the size it claims: cut short or forged.
    JpegTooShort {
        /// Announced width.
        width: u32,
        /// Announced height.
        height: u32,
        /// The fewest bytes such a JPEG can have.
        least: u64,
        /// The bytes it has.
        actual: u64,
    },
    /// The image decoder failed (corrupt data); the decoder's own words.
    Decode(String),
    /// The file ends before the image does: part of it is missing (cut
    /// short, or being rewritten while it was read); the decoder's words.
    Truncated(String),
    /// A box lies entirely outside the image.
    BoxOutside {
        /// The box as given.
        spec: BoxSpec,
        /// Image width.
        width: u32,
        /// Image height.
        height: u32,
        /// The rule that placed it, if one did.
        rule: Option<String>,
    },
    /// A sidecar file is there but cannot be used (a folder, a pipe, a
    /// dangling link, too large, unreadable): the image fails rather than
    /// go out without the regions it asks for.
    SidecarUnusable {
        /// The sidecar's file name.
        file: String,
        /// What is wrong with it.
        reason: OwnFileError,
    },
    /// A sidecar file (`.boxes`, LabelMe `.json`) says something that
    /// cannot be masked as it says.
    Sidecar {
        /// The sidecar's file name.
        file: String,
        /// What is wrong, with line or field.
        problem: SidecarProblem,
    },
    /// No encoding fits under the byte limit.
    CannotFit {
        /// The limit.
        limit: u64,
        /// The smallest acceptable encoding tried, if any.
        smallest: Option<Attempt>,
        /// The least scale allowed (`--min-scale`).
        min_scale: f64,
    },
    /// An encoder failed; its own words.
    Encode(String),
    /// The encoded output failed its own check; it was not written.
    Verify(String),
    /// Writing the output failed.
    Write {
        /// Where we tried to write.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The path given does not exist.
    Missing,
    /// A folder could not be listed; walkdir's words.
    CannotList(String),
    /// `--strict`: a warning that something may still be visible fails the file.
    Strict(Warning),
    /// A bug: a panic was caught while processing this file.
    Internal(String),
}

impl FileError {
    /// A stable English word for the report's `error_code`.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Read(_) => "read",
            FileError::InputTooLarge { .. } => "too-large",
            FileError::Empty => "empty",
            FileError::NotAFile => "not-a-file",
            FileError::UnknownFormat => "unknown-format",
            FileError::TooManyPixels { .. } => "too-many-pixels",
            FileError::NoPixels { .. } | FileError::JpegTooShort { .. } | FileError::Decode(_) => "decode",
            FileError::Truncated(_) => "truncated",
            FileError::BoxOutside { .. } => "region",
            FileError::SidecarUnusable { .. } | FileError::Sidecar { .. } => "sidecar",
            FileError::CannotFit { .. } => "cannot-fit",
            FileError::Encode(_) => "encode",
            FileError::Verify(_) => "verify",
            FileError::Write { .. } => "write",
            FileError::Missing | FileError::CannotList(_) => "input",
            FileError::Strict(_) => "strict",
            FileError::Internal(_) => "internal",
        }
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FileError::Read(e) | FileError::Write { source: e, .. } => Some(e),
            FileError::SidecarUnusable { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// One encoding tried while fitting: what it was, and at what scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    /// Its size in bytes (or the size at which it was given up).
    pub bytes: u64,
    /// It was given up once over `bytes`: it would have been larger.
    pub more: bool,
    /// Which encoding.
    pub encoding: AttemptEncoding,
    /// Output side / input side.
    pub scale: f64,
}

/// The encoding of an [`Attempt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptEncoding {
    /// A lossless PNG.
    Lossless,
    /// A palette PNG of this many colours.
    Palette(u16),
    /// A JPEG of this quality.
    Jpeg(u8),
}

/// What is wrong inside a sidecar file.
#[derive(Debug, Clone, PartialEq)]
pub enum SidecarProblem {
    /// Not UTF-8 text.
    NotText,
    /// A `.boxes` line is not a box.
    BoxLine {
        /// 1-based line.
        line: usize,
        /// Why.
        error: ValueError,
    },
    /// A `.boxes` box lies outside the image.
    BoxOutside {
        /// 1-based line.
        line: usize,
        /// The box.
        spec: BoxSpec,
        /// Image width.
        width: u32,
        /// Image height.
        height: u32,
    },
    /// A LabelMe file is not valid JSON; the parser's words.
    NotJson(String),
    /// A LabelMe field has the wrong type or is missing.
    Field {
        /// Where (`shapes[2].points`).
        path: String,
        /// The parser's words.
        detail: String,
    },
    /// `imageWidth`/`imageHeight` differ from the image.
    SizeMismatch {
        /// `imageWidth` or `imageHeight`.
        field: &'static str,
        /// What the file says.
        declared: f64,
        /// Image width.
        width: u32,
        /// Image height.
        height: u32,
    },
    /// More points than are masked in one image.
    TooManyPoints {
        /// Points in the file.
        points: usize,
        /// The bound.
        max: usize,
    },
    /// A shape type LabelMe does not have.
    UnknownShapeType {
        /// Index in `shapes`.
        index: usize,
        /// The type given.
        kind: String,
    },
    /// A shape that cannot be masked as given.
    Shape {
        /// Index in `shapes`.
        index: usize,
        /// Its `shape_type`.
        kind: String,
        /// Why.
        problem: ShapeProblem,
    },
}

/// Why one LabelMe shape cannot be masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeProblem {
    /// Fewer points than the shape needs.
    TooFewPoints {
        /// Needed.
        least: usize,
        /// Given.
        has: usize,
    },
    /// A rectangle needs exactly two corners.
    Corners {
        /// Given.
        has: usize,
    },
    /// A circle needs a centre and a point on it.
    Circle {
        /// Given.
        has: usize,
    },
    /// The shape encloses no area.
    NoArea,
    /// The shape lies entirely outside the image.
    Outside {
        /// Image width.
        width: u32,
        /// Image height.
        height: u32,
    },
}

/// Bad usage or configuration: nothing is written and the exit status is 2.
#[derive(Debug)]
#[non_exhaustive]
pub enum UsageError {
    /// A flag's value cannot be parsed.
    Value {
        /// The flag, e.g. `--box`.
        flag: String,
        /// Why.
        error: ValueError,
    },
    /// The command line itself (clap's words: unknown flag, missing value).
    CommandLine(String),
    /// `--color` with a style other than fill.
    ColorNeedsFill,
    /// The config file cannot be used.
    Config(ConfigError),
    /// `--report FILE` or `--preview=FILE` names something that exists.
    WouldReplace {
        /// The flag.
        flag: &'static str,
        /// The path.
        path: PathBuf,
    },
    /// The folder of `--report FILE` or `--preview=FILE` does not exist.
    NoSuchFolder {
        /// The flag.
        flag: &'static str,
        /// The file.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// `-o` is the folder the inputs are in.
    OutIsInputFolder {
        /// The `-o` folder.
        out: PathBuf,
        /// The input in it.
        input: PathBuf,
    },
    /// An output folder cannot be used.
    OutputFolder {
        /// The folder.
        folder: PathBuf,
        /// Why.
        problem: OutputFolderProblem,
    },
    /// `--files-from` cannot be read.
    FilesFrom {
        /// The list (`None`: standard input).
        list: Option<PathBuf>,
        /// Why.
        problem: ListProblem,
    },
    /// `--preset NAME` names no preset.
    NoSuchPreset(String),
    /// `completions` is both a path here and the subcommand.
    CompletionsAmbiguous,
    /// No image among the paths given.
    NoImages,
    /// Writing `--init-config`'s file failed.
    InitConfig {
        /// The file.
        path: PathBuf,
        /// Why (`AlreadyExists`: left as it is).
        source: std::io::Error,
    },
    /// The manual page could not be rendered.
    ManPage(std::io::Error),
}

impl std::error::Error for UsageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            UsageError::Value { error, .. } => Some(error),
            UsageError::Config(e) => Some(e),
            UsageError::InitConfig { source, .. } | UsageError::ManPage(source) => Some(source),
            _ => None,
        }
    }
}

/// Why an output folder cannot be used.
#[derive(Debug)]
pub enum OutputFolderProblem {
    /// It is a file.
    IsAFile,
    /// A part of its path is a file.
    UnderAFile(PathBuf),
    /// Creating or writing in it failed.
    Io(std::io::Error),
}

/// Why a `--files-from` list cannot be read.
#[derive(Debug)]
pub enum ListProblem {
    /// It is a folder.
    IsAFolder,
    /// Reading failed.
    Read(OwnFileError),
    /// A line is not UTF-8 (on systems where paths are text).
    NotText {
        /// 1-based line.
        line: usize,
    },
    /// Not valid UTF-16 although it starts with a UTF-16 mark.
    BadUtf16,
}

/// Why the config file cannot be used: exit status 2.
#[derive(Debug)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// Where in it, when the problem is at one place.
    pub at: Option<Location>,
    /// What is wrong.
    pub problem: ConfigProblem,
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            ConfigProblem::Unreadable(e) => Some(e),
            _ => None,
        }
    }
}

/// A place in a config file, with the line as it will be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// At most [`crate::front::config::MAX_SHOWN_CHARS`] of the line around the column (`…` where cut).
    pub excerpt: String,
    /// The column in `excerpt`, in terminal cells, counting from 0.
    pub caret: usize,
}

/// What is wrong with a config file.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigProblem {
    /// Nothing is at `--config FILE`.
    Missing,
    /// Something is there but cannot be read.
    Unreadable(OwnFileError),
    /// Not UTF-8 text.
    NotText,
    /// Not valid TOML, an unknown key or a bad value: the TOML parser's
    /// words (a bad value's are ours, from its parser).
    Syntax(String),
    /// A rule name that is not one word.
    RuleName(String),
    /// A rule with none or several of `box`, `find`, `detect`.
    RuleKind(String),
    /// A `find` key in another kind of rule.
    OnlyForFind(&'static str),
    /// `anchor` outside a `box` rule.
    AnchorOnlyForBox,
    /// `color` with a style other than fill.
    ColorOnlyForFill,
    /// Two rules of one name.
    DuplicateRule {
        /// The name.
        name: String,
        /// The first one's line.
        first_line: usize,
    },
    /// A `find` picture that cannot be read.
    Picture {
        /// The picture's path.
        path: PathBuf,
        /// Why.
        error: Box<FileError>,
    },
    /// A `find` picture that cannot be a pattern.
    PictureUnusable {
        /// The picture's path.
        path: PathBuf,
        /// Why.
        error: PatternError,
    },
    /// `threshold` outside (0, 1].
    Threshold(f64),
    /// `find_density` outside 0.5–8.
    FindDensity(f64),
    /// More than one of `right_of`, `left_of`, `below`, `above`.
    OneSideOnly,
    /// A size of 0 or less.
    SizeNotPositive(String),
    /// The inputs' folders have different config files.
    DifferentFiles {
        /// One.
        first: PathBuf,
        /// Another.
        second: PathBuf,
    },
}

/// Why a picture cannot be a pattern to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternError {
    /// Smaller than 3×3 pixels.
    TooSmall {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// One flat colour: it would match any flat area.
    Flat,
}

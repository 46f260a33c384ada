//! Report: the outcome of every input as data, serialised as the JSON report
//! of the contract (version 2) and summarised on the console. Field names
//! are frozen. Errors and warnings stay typed here; their messages are
//! worded when the report is written, in the run's language, while their
//! codes are stable English words.

use std::sync::Arc;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::error::FileError;
use crate::geometry::{PixelRect, Region, Shape, Source};
use crate::inputs::SkipReason;
use crate::name::{CaptureMeta, MetaSource};
use crate::warning::Warning;

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Report format version.
    pub version: u32,
    /// True when nothing was written (`--dry-run`); outputs are then the
    /// paths that would have been written.
    pub dry_run: bool,
    /// True when Ctrl-C or SIGTERM stopped the run: files not yet started
    /// are listed as skipped with `error_code` `interrupted`.
    pub interrupted: bool,
    /// `--strict`: warnings that something may still be visible failed their files.
    pub strict: bool,
    /// One entry per input, in the order given or found.
    pub files: Vec<FileReport>,
    /// Sums over the files.
    pub totals: Totals,
}

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Written (or, in a dry run, would be).
    Ok,
    /// Failed; see `error`. Nothing was written for it.
    Error,
    /// Not an image; left alone.
    Skipped,
}

/// Why an input was not written.
#[derive(Debug, Clone)]
pub enum Problem {
    /// It failed.
    Failed(Arc<FileError>),
    /// It was left alone.
    Skipped(SkipReason),
    /// The run was stopped before it was started.
    NotStarted,
}

impl Problem {
    /// A stable English word for the report's `error_code`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Failed(e) => e.code(),
            Problem::Skipped(r) => r.code(),
            Problem::NotStarted => "interrupted",
        }
    }
}

/// The outcome of one input.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The input path as given or found.
    pub input: String,
    /// The path written, or `null`.
    pub output: Option<String>,
    /// ok, error or skipped.
    pub status: Status,
    /// What went wrong (report: `error` and `error_code`), or `None`.
    pub problem: Option<Problem>,
    /// True when the result was already in the output folder, byte for
    /// byte: `output` is that file and nothing was written.
    pub existing: bool,
    /// Width of the (upright) input in pixels.
    pub width: Option<u32>,
    /// Height of the (upright) input in pixels.
    pub height: Option<u32>,
    /// Output format: `jpeg` or `png`.
    pub format: Option<&'static str>,
    /// Input file size.
    pub bytes_in: Option<u64>,
    /// Output file size.
    pub bytes_out: Option<u64>,
    /// JPEG quality, `null` for PNG.
    pub quality: Option<u8>,
    /// Colours of a palette PNG, `null` otherwise (lossless PNG or JPEG).
    pub colors: Option<u16>,
    /// True when the encoded output was decoded again and checked.
    pub verified: bool,
    /// Output side / input side.
    pub scale: Option<f64>,
    /// Capture metadata used for naming.
    pub meta: Option<MetaReport>,
    /// Every region masked, in input pixel coordinates.
    pub regions: Vec<RegionReport>,
    /// Full encodes the size search used.
    pub encodes: u32,
    /// The byte budget this file got from `--total-size`, if any.
    pub budget: Option<u64>,
    /// Things worth knowing that did not stop the file.
    pub warnings: Vec<Warning>,
}

impl Serialize for FileReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("FileReport", 22)?;
        st.serialize_field("input", &self.input)?;
        st.serialize_field("output", &self.output)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("error", &self.problem.as_ref().map(|p| p.to_string()))?;
        st.serialize_field("error_code", &self.problem.as_ref().map(Problem::code))?;
        st.serialize_field("existing", &self.existing)?;
        st.serialize_field("width", &self.width)?;
        st.serialize_field("height", &self.height)?;
        st.serialize_field("format", &self.format)?;
        st.serialize_field("bytes_in", &self.bytes_in)?;
        st.serialize_field("bytes_out", &self.bytes_out)?;
        st.serialize_field("quality", &self.quality)?;
        st.serialize_field("colors", &self.colors)?;
        st.serialize_field("verified", &self.verified)?;
        st.serialize_field("scale", &self.scale)?;
        st.serialize_field("meta", &self.meta)?;
        st.serialize_field("regions", &self.regions)?;
        st.serialize_field("encodes", &self.encodes)?;
        st.serialize_field("budget", &self.budget)?;
        let warnings: Vec<WarningReport> = self.warnings.iter().map(WarningReport::from).collect();
        st.serialize_field("warnings", &warnings)?;
        st.end()
    }
}

/// A warning as the report has it: a stable code, the message in the run's
/// language, and the place it points at.
#[derive(Debug, Serialize)]
struct WarningReport {
    code: &'static str,
    message: String,
    region: Option<RectReport>,
}

impl From<&Warning> for WarningReport {
    fn from(w: &Warning) -> Self {
        WarningReport { code: w.code(), message: w.to_string(), region: w.region().map(RectReport::from) }
    }
}

/// A rectangle in input pixels.
#[derive(Debug, Serialize)]
struct RectReport {
    x: u32,
    y: u32,
    w: u32,
    h: u32,
}

impl From<PixelRect> for RectReport {
    fn from(r: PixelRect) -> Self {
        RectReport { x: r.x, y: r.y, w: r.w, h: r.h }
    }
}

impl FileReport {
    /// An entry with only the input and status set.
    pub fn new(input: String, status: Status) -> Self {
        FileReport {
            input,
            output: None,
            status,
            problem: None,
            existing: false,
            width: None,
            height: None,
            format: None,
            bytes_in: None,
            bytes_out: None,
            quality: None,
            colors: None,
            verified: false,
            scale: None,
            meta: None,
            regions: Vec::new(),
            encodes: 0,
            budget: None,
            warnings: Vec::new(),
        }
    }

    /// A failed entry.
    pub fn failed(input: String, error: FileError) -> Self {
        FileReport { problem: Some(Problem::Failed(Arc::new(error))), ..FileReport::new(input, Status::Error) }
    }

    /// A skipped entry.
    pub fn skipped(input: String, problem: Problem) -> Self {
        FileReport { problem: Some(problem), ..FileReport::new(input, Status::Skipped) }
    }

    /// The error that failed it, if one did.
    pub fn error(&self) -> Option<&FileError> {
        match &self.problem {
            Some(Problem::Failed(e)) => Some(e),
            _ => None,
        }
    }
}

/// Capture date, time and app, as used for the name.
#[derive(Debug, Clone, Serialize)]
pub struct MetaReport {
    /// `YYYY-MM-DD` or `null`.
    pub date: Option<String>,
    /// `HH:MM:SS` or `null`.
    pub time: Option<String>,
    /// The app, or `null`.
    pub app: Option<String>,
    /// filename, exif or mtime.
    pub source: MetaSource,
}

impl From<&CaptureMeta> for MetaReport {
    fn from(m: &CaptureMeta) -> Self {
        MetaReport {
            date: m.date.map(|d| d.strftime("%Y-%m-%d").to_string()),
            time: m.time.map(|t| t.strftime("%H:%M:%S").to_string()),
            app: m.app.clone(),
            source: m.source,
        }
    }
}

/// One masked region.
#[derive(Debug, Clone, Serialize)]
pub struct RegionReport {
    /// Left column of its bounding box.
    pub x: u32,
    /// Top row.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
    /// Which source produced it.
    pub source: Source,
    /// fill, mosaic or blur.
    pub style: &'static str,
    /// `rect` or `polygon`.
    pub shape: &'static str,
    /// A label from the source (LabelMe shape label, rule name), or `null`.
    pub label: Option<String>,
}

impl From<&Region> for RegionReport {
    fn from(r: &Region) -> Self {
        let b = r.bounds();
        RegionReport {
            x: b.x,
            y: b.y,
            w: b.w,
            h: b.h,
            source: r.source.clone(),
            style: r.style.name(),
            shape: match r.shape {
                Shape::Rect(_) => "rect",
                Shape::Polygon { .. } => "polygon",
            },
            label: r.label.clone(),
        }
    }
}

/// Sums over a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Inputs seen (images and skipped files).
    pub files: usize,
    /// Written.
    pub ok: usize,
    /// Failed.
    pub error: usize,
    /// Skipped (not images, or not started before an interruption).
    pub skipped: usize,
    /// Written results that were already in the output folder (not written again).
    pub existing: usize,
    /// Images in the output folders from earlier runs, beside this run's results.
    pub earlier: usize,
    /// Bytes of the inputs that were written.
    pub bytes_in: u64,
    /// Bytes written.
    pub bytes_out: u64,
    /// Regions masked.
    pub regions: usize,
    /// Written with no region at all.
    pub unmasked: usize,
    /// Written with warnings that something may still be visible.
    pub with_warnings: usize,
    /// Full encodes over all files.
    pub encodes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl Totals {
    /// Sums `files`.
    pub fn of(files: &[FileReport], seconds: f64) -> Self {
        let mut t = Totals { files: files.len(), seconds, ..Totals::default() };
        for f in files {
            match f.status {
                Status::Ok => {
                    t.ok += 1;
                    t.existing += usize::from(f.existing);
                    t.unmasked += usize::from(f.regions.is_empty());
                    t.with_warnings += usize::from(f.warnings.iter().any(Warning::may_leave_something_visible));
                    t.bytes_in += f.bytes_in.unwrap_or(0);
                    t.bytes_out += f.bytes_out.unwrap_or(0);
                    t.regions += f.regions.len();
                }
                Status::Error => t.error += 1,
                Status::Skipped => t.skipped += 1,
            }
            t.encodes += u64::from(f.encodes);
        }
        t
    }
}

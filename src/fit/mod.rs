//! Fit: encode each masked image under a byte limit, as legibly as possible.
//!
//! The order of preference is fixed by what a reader of the screenshot
//! loses: lossless PNG when it fits (nothing lost), then JPEG at the highest
//! quality that fits (soft edges), and only then a smaller scale (lost
//! detail), never below a floor. The limit is a hard ceiling: a file that
//! cannot fit fails with the smallest size that was reached.

mod canvas;
mod jpeg;
mod png;
mod search;

use image::RgbaImage;

pub use canvas::Canvas;
pub use jpeg::{Chroma, chroma_for};

use crate::error::FileError;
use crate::load::InputFormat;
use crate::spec::human_bytes;
use png::Effort;
use search::{Search, search_quality};

/// Which output format to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatChoice {
    /// Per image, the most legible format within the limit.
    #[default]
    Auto,
    /// Always JPEG.
    Jpeg,
    /// Always PNG.
    Png,
    /// The input's format (PNG for inputs other than PNG and JPEG).
    Keep,
}

/// The format of a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

impl OutputFormat {
    /// The format's name as the report spells it.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Png => "png",
            OutputFormat::Jpeg => "jpeg",
        }
    }

    /// The file extension written, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Png => "png",
            OutputFormat::Jpeg => "jpg",
        }
    }
}

/// Highest JPEG quality used: above it files grow fast for no visible gain.
pub const QUALITY_MAX: u8 = 90;
/// Lowest JPEG quality used before the image is scaled down instead: below
/// it, ringing around letters hurts legibility more than a smaller scale.
pub const QUALITY_MIN: u8 = 40;

/// How to fit one image.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// The per-file ceiling in bytes (`None`: no limit).
    pub max_bytes: Option<u64>,
    /// Which formats may be used.
    pub format: FormatChoice,
    /// The smallest scale (output side / input side) allowed when shrinking.
    pub min_scale: f64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { max_bytes: None, format: FormatChoice::Auto, min_scale: 0.5 }
    }
}

/// What the input was, which bounds what the output should be.
#[derive(Debug, Clone, Copy)]
pub struct SourceHint {
    /// The input's format.
    pub format: InputFormat,
    /// The input JPEG's estimated quality: never re-encode above it.
    pub jpeg_quality: Option<u8>,
    /// The input file's size: for a PNG input, a free estimate of what a
    /// lossless encode will weigh.
    pub bytes_in: u64,
}

/// The chosen encoding of one image.
#[derive(Debug, Clone)]
pub struct Fitted {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its format.
    pub format: OutputFormat,
    /// JPEG quality; `None` when lossless.
    pub quality: Option<u8>,
    /// Output side / input side.
    pub scale: f64,
    /// The pixels that were encoded (after scaling and, for JPEG, flattening).
    pub pixels: Canvas,
    /// How many full encodes the search took.
    pub encodes: u32,
}

/// Encodes `image` as the options ask; see the module documentation.
pub fn fit(image: &RgbaImage, hint: &SourceHint, opts: &FitOptions) -> Result<Fitted, FileError> {
    let canvas = Canvas::from_rgba(image);
    let (allow_png, allow_jpeg) = match opts.format {
        FormatChoice::Auto => (true, true),
        FormatChoice::Png => (true, false),
        FormatChoice::Jpeg => (false, true),
        FormatChoice::Keep => {
            let jpeg = hint.format == InputFormat::Jpeg;
            (!jpeg, jpeg)
        }
    };
    // Re-encoding a JPEG losslessly only bloats it, unless it has so few
    // colours that a palette PNG is both exact and small.
    let try_png_first =
        allow_png && (!allow_jpeg || hint.format != InputFormat::Jpeg || canvas.count_colors(256) <= 256);
    let q_top = hint.jpeg_quality.map_or(QUALITY_MAX, |q| q.clamp(QUALITY_MIN, QUALITY_MAX));
    let mut fitter = Fitter { opts, encodes: 0, smallest: None };

    if try_png_first && fitter.lossless_may_fit(&canvas, hint)? {
        let bytes = fitter.png(&canvas, 1.0)?;
        if opts.max_bytes.is_none_or(|limit| bytes.len() as u64 <= limit) {
            return Ok(fitter.done(bytes, OutputFormat::Png, None, 1.0, canvas));
        }
    }
    if !allow_jpeg {
        return fitter.shrink_png(&canvas);
    }
    let rgb = Canvas::Rgb(canvas.flattened());
    let Some(limit) = opts.max_bytes else {
        let bytes = fitter.jpeg(&rgb, q_top)?;
        return Ok(fitter.done(bytes, OutputFormat::Jpeg, Some(q_top), 1.0, rgb));
    };
    fitter.jpeg_scaled(rgb, limit, q_top)
}

/// State of one image's search: options, encodes so far, smallest result.
struct Fitter<'a> {
    opts: &'a FitOptions,
    encodes: u32,
    /// The smallest encoding tried, described, for the failure message.
    smallest: Option<(u64, String)>,
}

impl Fitter<'_> {
    /// Whether a lossless PNG has a chance under the limit, judged from the
    /// input PNG's own size or a quick encode (whose size our real encode
    /// roughly halves), so hopeless lossless attempts cost nothing.
    fn lossless_may_fit(&mut self, canvas: &Canvas, hint: &SourceHint) -> Result<bool, FileError> {
        let Some(limit) = self.opts.max_bytes else { return Ok(true) };
        if hint.format == InputFormat::Png && hint.bytes_in <= 2 * limit {
            return Ok(true);
        }
        // The input may be a poorly compressed PNG, so its size alone never
        // rules lossless out.
        self.encodes += 1;
        let estimate = png::quick_size(canvas).map_err(FileError::Encode)? / 2;
        if estimate > 2 * limit {
            self.note(estimate, || "lossless PNG (estimated)".into(), 1.0);
            return Ok(false);
        }
        Ok(true)
    }

    /// A lossless encode; when the quick one misses the limit narrowly, a
    /// thorough one may still make it.
    fn png(&mut self, canvas: &Canvas, scale: f64) -> Result<Vec<u8>, FileError> {
        self.encodes += 1;
        let mut bytes = png::encode(canvas, Effort::Quick).map_err(FileError::Encode)?;
        if let Some(limit) = self.opts.max_bytes
            && bytes.len() as u64 > limit
            && (bytes.len() as u64) < limit + limit / 5
        {
            self.encodes += 1;
            let thorough = png::encode(canvas, Effort::Thorough).map_err(FileError::Encode)?;
            if thorough.len() < bytes.len() {
                bytes = thorough;
            }
        }
        self.note(bytes.len() as u64, || "lossless PNG".into(), scale);
        Ok(bytes)
    }

    fn jpeg(&mut self, canvas: &Canvas, q: u8) -> Result<Vec<u8>, FileError> {
        let Canvas::Rgb(rgb) = canvas else {
            return Err(FileError::Encode("JPEG needs an opaque image".into()));
        };
        self.encodes += 1;
        jpeg::encode(rgb, q).map_err(FileError::Encode)
    }

    fn note(&mut self, size: u64, what: impl FnOnce() -> String, scale: f64) {
        if self.smallest.as_ref().is_none_or(|(s, _)| size < *s) {
            let at = if scale < 1.0 { format!(" at {:.0}% scale", scale * 100.0) } else { String::new() };
            self.smallest = Some((size, format!("{}{at}", what())));
        }
    }

    fn done(&self, bytes: Vec<u8>, format: OutputFormat, quality: Option<u8>, scale: f64, pixels: Canvas) -> Fitted {
        Fitted { bytes, format, quality, scale, pixels, encodes: self.encodes }
    }

    /// JPEG quality search at full scale, then at smaller scales down to the floor.
    fn jpeg_scaled(&mut self, full: Canvas, limit: u64, q_top: u8) -> Result<Fitted, FileError> {
        let (w, h) = full.dimensions();
        let mut scale = 1.0f64;
        let mut canvas = full.clone();
        loop {
            let Canvas::Rgb(rgb) = &canvas else {
                return Err(FileError::Encode("JPEG needs an opaque image".into()));
            };
            let outcome: Search = search_quality(rgb, limit, QUALITY_MIN, q_top)?;
            self.encodes += outcome.full_encodes;
            if let Some((q, bytes)) = outcome.fit {
                return Ok(self.done(bytes, OutputFormat::Jpeg, Some(q), scale, canvas));
            }
            let (q_low, smallest) = outcome.smallest;
            self.note(smallest, || format!("JPEG quality {q_low}"), scale);
            if scale <= self.opts.min_scale {
                return Err(self.cannot_fit(limit));
            }
            // Bytes grow roughly with area: aim the next scale at the limit,
            // stepping down at least 10% so the search always ends.
            let wanted = scale * (0.95 * limit as f64 / smallest as f64).sqrt();
            scale = wanted.min(scale * 0.9).max(self.opts.min_scale);
            let (sw, sh) = scaled_size(w, h, scale);
            // Always resample from full size: resampling twice blurs text twice.
            canvas = full.resized(sw, sh);
            scale = f64::from(sw) / f64::from(w);
        }
    }

    /// Lossless PNG at smaller scales, for when only PNG is allowed.
    fn shrink_png(&mut self, full: &Canvas) -> Result<Fitted, FileError> {
        let Some(limit) = self.opts.max_bytes else {
            return Err(FileError::Encode("no PNG candidate".into()));
        };
        let (w, h) = full.dimensions();
        let mut last = self.smallest.as_ref().map_or(u64::MAX, |(s, _)| *s);
        let mut scale = 1.0f64;
        while scale > self.opts.min_scale {
            let wanted = scale * (0.95 * limit as f64 / last as f64).sqrt();
            scale = wanted.min(scale * 0.9).max(self.opts.min_scale);
            let (sw, sh) = scaled_size(w, h, scale);
            let canvas = full.resized(sw, sh);
            scale = f64::from(sw) / f64::from(w);
            let bytes = self.png(&canvas, scale)?;
            last = bytes.len() as u64;
            if last <= limit {
                return Ok(self.done(bytes, OutputFormat::Png, None, scale, canvas));
            }
        }
        Err(self.cannot_fit(limit))
    }

    fn cannot_fit(&self, limit: u64) -> FileError {
        let (size, what) = self.smallest.clone().unwrap_or((0, "nothing".into()));
        FileError::CannotFit(format!(
            "cannot fit under {}: the smallest acceptable encoding is {} ({what}); \
             raise --max-size or hide less detail",
            human_bytes(limit),
            human_bytes(size)
        ))
    }
}

/// The output size at `scale`, at least 1×1.
pub fn scaled_size(w: u32, h: u32, scale: f64) -> (u32, u32) {
    let sw = ((f64::from(w) * scale).round() as u32).clamp(1, w);
    let sh = ((f64::from(h) * scale).round() as u32).clamp(1, h);
    (sw, sh)
}

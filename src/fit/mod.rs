//! Fit: encode each masked image under a byte limit, as legibly as possible.
//!
//! The order of preference follows what a reader of the screenshot loses:
//!
//! 1. lossless PNG when it fits (nothing lost);
//! 2. otherwise the more legible of two lossy candidates at full size: JPEG
//!    at the highest quality that fits, and — for flat UI screenshots — a
//!    palette PNG with as many colours as fit; legibility is measured (SSIM
//!    on luma) against the masked image;
//! 3. only then a smaller scale, never below a floor.
//!
//! The limit is a hard ceiling: a file that cannot fit fails with the
//! smallest size that was reached.

mod canvas;
mod fitter;
mod jpeg;
mod palette;
mod png;
mod quality;
mod search;

use std::borrow::Cow;

use image::{RgbImage, RgbaImage};

pub use canvas::{Canvas, Texture};
pub use jpeg::{Chroma, Setting as JpegSetting, encode as encode_jpeg};
pub use quality::ssim;

use crate::error::{Attempt, AttemptEncoding, FileError};
use crate::load::InputFormat;
use fitter::Fitter;
use jpeg::{Ladder, Setting};
use palette::Quantizer;
use png::{Content, Effort};
use search::search_quality;

/// Which output format to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatChoice {
    /// Per image, the most legible format within the limit.
    #[default]
    Auto,
    /// Always JPEG.
    Jpeg,
    /// Always PNG (lossless, else palette).
    Png,
    /// The input's format (PNG for inputs other than PNG and JPEG).
    Keep,
}

/// The smallest scale an image may shrink to in order to fit, unless
/// `--min-scale` says otherwise: below half size, text in a screenshot
/// stops being legible.
pub const DEFAULT_MIN_SCALE: f64 = 0.5;

impl FormatChoice {
    /// The choice as `--format` spells it.
    pub fn name(self) -> &'static str {
        match self {
            FormatChoice::Auto => "auto",
            FormatChoice::Jpeg => "jpeg",
            FormatChoice::Png => "png",
            FormatChoice::Keep => "keep",
        }
    }
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
/// Palette sizes tried for a palette PNG, largest first. Below 32 colours
/// anti-aliased text turns ragged.
const PALETTE_SIZES: [u16; 4] = [256, 128, 64, 32];
/// A palette PNG is only worth trying against a JPEG below this quality:
/// above it the JPEG is already close to the original.
const PALETTE_BELOW_QUALITY: u8 = 85;
/// Share of pixels equal to their left neighbour ([`Texture::equal`])
/// above which an image is flat UI (palette-friendly, compressing best
/// unfiltered) rather than photographic.
const FLAT: f64 = 0.6;
/// Share of slightly changing neighbours ([`Texture::smooth`]) from which
/// an image may compress better filtered, which [`png::plan`] then measures:
/// text-heavy UI stays below 0.03 (0.001–0.026 on the comparison corpus),
/// gradient UI and photos come out above (0.046–0.47; `benches/png_filters.py`).
const GRADIENTS: f64 = 0.03;
/// The sampled lossless estimate ([`png::plan`]) runs up to about 1.25× the
/// real size on the comparison corpus (1.22 with zlib, 1.26 with libdeflate):
/// only an estimate further over the limit rules lossless out.
const LOSSLESS_ESTIMATE_SLACK: f64 = 1.3;
/// The 256-colour palette PNG's size matters up to this multiple of the
/// limit: beyond it, 32 colours (5 bits per index instead of 8) would not
/// fit either.
const PALETTE_SIZE_WANTED: f64 = 1.6;

/// How to fit one image.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// The per-file ceiling in bytes (`None`: no limit).
    pub max_bytes: Option<u64>,
    /// Which formats may be used.
    pub format: FormatChoice,
    /// The smallest scale (output side / input side) allowed when shrinking.
    pub min_scale: f64,
    /// Also predict the image's JPEG size at a range of qualities
    /// ([`Fitted::curve`]), for sharing a batch budget.
    pub want_curve: bool,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { max_bytes: None, format: FormatChoice::Auto, min_scale: DEFAULT_MIN_SCALE, want_curve: false }
    }
}

/// Qualities at which [`Fitted::curve`] predicts sizes.
pub const CURVE_QUALITIES: [u8; 6] = [40, 50, 60, 70, 80, 90];

/// What the input was, which bounds what the output should be.
///
/// Nothing here may depend on the pixels under the regions: not the input
/// file's size, for one (a PNG with a noisy secret is larger than one with
/// a flat secret, and the encoding chosen would tell them apart).
#[derive(Debug, Clone, Copy)]
pub struct SourceHint {
    /// The input's format.
    pub format: InputFormat,
    /// The input JPEG's estimated quality (from its quantisation tables):
    /// never re-encode above it.
    pub jpeg_quality: Option<u8>,
}

/// The chosen encoding of one image.
#[derive(Debug, Clone)]
pub struct Fitted {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its format.
    pub format: OutputFormat,
    /// JPEG quality and chroma; `None` for PNG.
    pub jpeg: Option<Setting>,
    /// Palette size of a palette PNG; `None` otherwise.
    pub colors: Option<u16>,
    /// Output side / input side.
    pub scale: f64,
    /// The pixels the file decodes to: exactly for PNG, before compression
    /// for JPEG (after scaling and, for JPEG, flattening).
    pub pixels: Canvas,
    /// How many full-size encodes the search took.
    pub encodes: u32,
    /// With [`FitOptions::want_curve`]: predicted full-size JPEG bytes of
    /// the image at each of [`CURVE_QUALITIES`]; empty otherwise.
    pub curve: Vec<(u8, u64)>,
}

impl Fitted {
    /// Whether the file decodes to exactly `pixels` (PNG, palette or not).
    pub fn is_exact(&self) -> bool {
        self.format == OutputFormat::Png
    }

    /// JPEG quality; `None` for PNG.
    pub fn quality(&self) -> Option<u8> {
        self.jpeg.map(|s| s.quality)
    }
}

/// Encodes `image` as the options ask; see the module documentation.
pub fn fit(image: &RgbaImage, hint: &SourceHint, opts: &FitOptions) -> Result<Fitted, FileError> {
    let canvas = Canvas::from_rgba(image);
    let flat_for_curve = opts.want_curve.then(|| canvas.flattened().into_owned());
    let mut fitted = fit_canvas(canvas, hint, opts)?;
    if let Some(flat) = flat_for_curve {
        // A full-size JPEG result calibrates the prediction exactly.
        let known = match fitted.jpeg {
            Some(setting) if fitted.scale >= 1.0 => Some((setting, fitted.bytes.len() as u64)),
            _ => None,
        };
        fitted.curve = search::jpeg_curve(&flat, known, &CURVE_QUALITIES)?;
    }
    Ok(fitted)
}

fn fit_canvas(canvas: Canvas, hint: &SourceHint, opts: &FitOptions) -> Result<Fitted, FileError> {
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
    // colours that PNG is both exact and small.
    // The kind of content does not change with scale: judged once, at full size.
    let texture = canvas.texture();
    let flat = texture.equal >= FLAT;
    let content = Content {
        few_colors: canvas.count_colors(256) <= 256,
        gradients: texture.smooth >= GRADIENTS,
        ..Content::default()
    };
    let lossless_first = allow_png && (!allow_jpeg || hint.format != InputFormat::Jpeg || content.few_colors);
    let q_top = hint.jpeg_quality.map_or(QUALITY_MAX, |q| q.clamp(QUALITY_MIN, QUALITY_MAX));
    let mut fitter =
        Fitter { opts, allow_png, allow_jpeg, q_top, flat, content, encodes: 0, smallest: None, jpeg_ratio: None };

    if lossless_first
        && fitter.lossless_may_fit(&canvas)?
        && let Some(bytes) = fitter.png(&canvas, 1.0)?
    {
        return Ok(fitter.done(bytes, OutputFormat::Png, None, None, 1.0, canvas));
    }
    let Some(limit) = opts.max_bytes else {
        // Without a limit, lossless PNG was taken above unless JPEG is the
        // right format for this input; then encode once at the top quality.
        let rgb = canvas.flattened().into_owned();
        fitter.encodes += 1;
        let setting = Setting::top(q_top);
        let bytes = jpeg::encode(&rgb, setting).map_err(FileError::Encode)?;
        return Ok(fitter.done(bytes, OutputFormat::Jpeg, Some(setting), None, 1.0, Canvas::Rgb(rgb)));
    };
    let (w, h) = canvas.dimensions();
    let mut scale = 1.0f64;
    loop {
        let scaled = if scale < 1.0 {
            let (sw, sh) = scaled_size(w, h, scale);
            // Always resample from full size: resampling twice blurs text twice.
            Cow::Owned(canvas.resized(sw, sh))
        } else {
            Cow::Borrowed(&canvas)
        };
        if let Some(best) = fitter.best_lossy(&scaled, limit, scale)? {
            return Ok(best);
        }
        if scale <= opts.min_scale {
            return Err(fitter.cannot_fit(limit));
        }
        // Bytes grow roughly with area: aim the next scale at the limit,
        // stepping down at least 10% so this always ends.
        let smallest = fitter.smallest.as_ref().map_or(u64::MAX, |s| s.bytes).max(1);
        let wanted = scale * (0.95 * limit as f64 / smallest as f64).sqrt();
        let next = wanted.min(scale * 0.9).max(opts.min_scale);
        let next = f64::from(scaled_size(w, h, next).0) / f64::from(w);
        // Whole pixels can round the floor back up to the scale just tried
        // (0.5 of 41 px is 21 px, 0.512): then that was the last size.
        if next >= scale {
            return Err(fitter.cannot_fit(limit));
        }
        scale = next;
    }
}

/// The output size at `scale`, at least 1×1.
pub fn scaled_size(w: u32, h: u32, scale: f64) -> (u32, u32) {
    let sw = ((f64::from(w) * scale).round() as u32).clamp(1, w);
    let sh = ((f64::from(h) * scale).round() as u32).clamp(1, h);
    (sw, sh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_limit_ends_even_when_the_floor_rounds_up() {
        // 41 px wide: the 0.5 floor rounds to 21 px, a scale of 0.512.
        let mut s = 7u32;
        let noise = RgbaImage::from_fn(41, 37, |_, _| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            image::Rgba([s as u8, (s >> 8) as u8, (s >> 16) as u8, 255])
        });
        let hint = SourceHint { format: InputFormat::Png, jpeg_quality: None };
        for format in [FormatChoice::Auto, FormatChoice::Jpeg, FormatChoice::Png] {
            let opts = FitOptions { max_bytes: Some(300), format, ..FitOptions::default() };
            let err = fit(&noise, &hint, &opts).unwrap_err();
            assert!(matches!(err, FileError::CannotFit { .. }), "{format:?}: {err}");
        }
    }
}

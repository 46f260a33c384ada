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

/// State of one image's search: options, encodes so far, smallest result.
struct Fitter<'a> {
    opts: &'a FitOptions,
    allow_png: bool,
    allow_jpeg: bool,
    q_top: u8,
    /// Flat UI rather than photographic content (see [`FLAT`]): palettes
    /// are worth trying.
    flat: bool,
    /// What the lossless encoder needs to know, judged at full size.
    content: Content,
    encodes: u32,
    /// The smallest encoding tried, for the failure message.
    smallest: Option<Attempt>,
    /// The JPEG size predictor's calibration at the last scale tried.
    jpeg_ratio: Option<f64>,
}

/// A lossy candidate under the limit.
enum Lossy {
    Jpeg { setting: Setting, bytes: Vec<u8> },
    Palette(Fitted),
}

impl Fitter<'_> {
    /// Whether a lossless PNG has a chance under the limit, judged from an
    /// estimate that costs a fraction of an encode, so hopeless lossless
    /// attempts cost little. Also settles how its rows are filtered.
    fn lossless_may_fit(&mut self, canvas: &Canvas) -> Result<bool, FileError> {
        // With few colours the real encode is a palette PNG, often tens of
        // times smaller than any estimate from RGB: always worth a try.
        if self.content.few_colors {
            return Ok(true);
        }
        self.encodes += 1;
        let (filter, estimate) = png::plan(canvas, self.content).map_err(FileError::Encode)?;
        self.content.filter = filter;
        let Some(limit) = self.opts.max_bytes else { return Ok(true) };
        if estimate as f64 > LOSSLESS_ESTIMATE_SLACK * limit as f64 {
            self.note(estimate, false, AttemptEncoding::Lossless, 1.0);
            return Ok(false);
        }
        Ok(true)
    }

    /// A lossless encode, if it fits. Compression stops once over the limit;
    /// when PNG is the only format allowed, a quick encode that misses the
    /// limit narrowly is followed by a thorough one, which may still make it.
    fn png(&mut self, canvas: &Canvas, scale: f64) -> Result<Option<Vec<u8>>, FileError> {
        self.encodes += 1;
        let Some(limit) = self.opts.max_bytes else {
            return png::encode(canvas, Effort::Quick, self.content, None).map_err(FileError::Encode);
        };
        let narrow = limit + limit / 5;
        let give_up = if self.allow_jpeg { limit } else { narrow };
        let Some(bytes) = png::encode(canvas, Effort::Quick, self.content, Some(give_up)).map_err(FileError::Encode)?
        else {
            self.note(give_up, true, AttemptEncoding::Lossless, scale);
            return Ok(None);
        };
        self.note(bytes.len() as u64, false, AttemptEncoding::Lossless, scale);
        if bytes.len() as u64 <= limit {
            return Ok(Some(bytes));
        }
        self.encodes += 1;
        png::encode(canvas, Effort::Thorough, self.content, Some(limit)).map_err(FileError::Encode)
    }

    fn note(&mut self, bytes: u64, more: bool, encoding: AttemptEncoding, scale: f64) {
        if self.smallest.as_ref().is_none_or(|s| bytes < s.bytes) {
            self.smallest = Some(Attempt { bytes, more, encoding, scale });
        }
    }

    fn done(
        &self,
        bytes: Vec<u8>,
        format: OutputFormat,
        jpeg: Option<Setting>,
        colors: Option<u16>,
        scale: f64,
        pixels: Canvas,
    ) -> Fitted {
        Fitted { bytes, format, jpeg, colors, scale, pixels, encodes: self.encodes, curve: Vec::new() }
    }

    /// The most legible encoding of `canvas` (already at `scale`) under the
    /// limit, among the allowed lossy candidates; at reduced scale lossless
    /// PNG is a candidate too (for PNG-only output).
    fn best_lossy(&mut self, canvas: &Canvas, limit: u64, scale: f64) -> Result<Option<Fitted>, FileError> {
        if self.allow_png
            && !self.allow_jpeg
            && scale < 1.0
            && let Some(bytes) = self.png(canvas, scale)?
        {
            return Ok(Some(self.done(bytes, OutputFormat::Png, None, None, scale, canvas.clone())));
        }
        // Both lossy candidates drop alpha: they encode the image as shown,
        // over white.
        let rgb = canvas.flattened();
        // On flat UI a 256-colour palette keeps every edge exact and usually
        // comes out far smaller than lossless; when it fits it is taken.
        let palette_worth_trying = self.allow_png && (!self.allow_jpeg || self.flat);
        let quantizer = if palette_worth_trying { Quantizer::new(&rgb) } else { None };
        let mut palette_256 = None;
        if let Some(quantizer) = &quantizer {
            // Its size matters up to where fewer colours could still fit.
            let give_up = (limit as f64 * PALETTE_SIZE_WANTED) as u64;
            let (size, fitted) = self.palette(quantizer, PALETTE_SIZES[0], limit, give_up, scale)?;
            if let Some(p) = fitted {
                return Ok(Some(p));
            }
            palette_256 = size;
        }
        let mut candidates: Vec<Lossy> = Vec::new();
        let mut jpeg_quality = None;
        if self.allow_jpeg {
            let ladder = Ladder::new(QUALITY_MIN, self.q_top);
            let search = search_quality(&rgb, limit, ladder, self.jpeg_ratio)?;
            self.encodes += search.full_encodes;
            self.jpeg_ratio = search.ratio.or(self.jpeg_ratio);
            let (low, smallest) = search.smallest;
            self.note(smallest, false, AttemptEncoding::Jpeg(low.quality), scale);
            if let Some((setting, bytes)) = search.fit {
                jpeg_quality = Some(setting.quality);
                candidates.push(Lossy::Jpeg { setting, bytes });
            }
        }
        // Fewer colours: a palette PNG's size falls roughly with the bits
        // per index, so one guess from the 256-colour size, then halving.
        if let (Some(size_256), Some(quantizer)) = (palette_256, &quantizer)
            && jpeg_quality.is_none_or(|q| q < PALETTE_BELOW_QUALITY)
        {
            let wanted_bits = 8.0 * 0.95 * limit as f64 / size_256.max(1) as f64;
            let first = PALETTE_SIZES[1..].iter().copied().find(|&c| f64::from(c).log2() <= wanted_bits);
            if let Some(first) = first {
                for colors in PALETTE_SIZES.iter().copied().filter(|&c| c <= first).take(2) {
                    if let (_, Some(p)) = self.palette(quantizer, colors, limit, limit, scale)? {
                        candidates.push(Lossy::Palette(p));
                        break;
                    }
                }
            }
        }
        let chosen = match candidates.len() {
            0 => return Ok(None),
            1 => candidates.pop(),
            _ => self.most_legible(&rgb, candidates)?,
        };
        Ok(chosen.map(|c| match c {
            Lossy::Jpeg { setting, bytes } => {
                self.done(bytes, OutputFormat::Jpeg, Some(setting), None, scale, Canvas::Rgb(rgb.into_owned()))
            }
            Lossy::Palette(mut p) => {
                p.encodes = self.encodes;
                p
            }
        }))
    }

    /// A palette PNG of `colors` colours: its size unless it is over
    /// `give_up` bytes (compression stops there), and the result if it fits
    /// under `limit`.
    fn palette(
        &mut self,
        quantizer: &Quantizer,
        colors: u16,
        limit: u64,
        give_up: u64,
        scale: f64,
    ) -> Result<(Option<u64>, Option<Fitted>), FileError> {
        self.encodes += 1;
        let quantized = quantizer.quantize(colors).ok_or_else(|| FileError::Encode("cannot quantise".into()))?;
        let (w, h) = quantizer.dimensions();
        let what = AttemptEncoding::Palette(colors);
        let give_up = give_up.max(limit);
        let Some((bytes, pixels)) = png::encode_palette(w, h, &quantized, Some(give_up)).map_err(FileError::Encode)?
        else {
            self.note(give_up, true, what, scale);
            return Ok((None, None));
        };
        let size = bytes.len() as u64;
        self.note(size, false, what, scale);
        let fitted = (size <= limit).then(|| self.done(bytes, OutputFormat::Png, None, Some(colors), scale, pixels));
        Ok((Some(size), fitted))
    }

    /// The candidate whose decoded pixels are closest (SSIM on luma) to the
    /// masked image it encodes.
    fn most_legible(&mut self, reference: &RgbImage, candidates: Vec<Lossy>) -> Result<Option<Lossy>, FileError> {
        let reference = Canvas::Rgb(reference.clone());
        let mut best: Option<(f64, Lossy)> = None;
        for c in candidates {
            let score = match &c {
                Lossy::Palette(p) => ssim(&reference, &p.pixels),
                Lossy::Jpeg { bytes, .. } => {
                    let decoded = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
                        .map_err(|e| FileError::Encode(e.to_string()))?
                        .to_rgb8();
                    ssim(&reference, &Canvas::Rgb(decoded))
                }
            };
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, c));
            }
        }
        Ok(best.map(|(_, c)| c))
    }

    fn cannot_fit(&self, limit: u64) -> FileError {
        FileError::CannotFit { limit, smallest: self.smallest, min_scale: self.opts.min_scale }
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

//! Lossless PNG through oxipng (libdeflate): it picks the smallest colour
//! type (palette, grey, RGB) and writes only critical chunks.
//!
//! Screenshots are flat UI, where the unfiltered rows at libdeflate level 8
//! come within a few percent of oxipng's slow presets at a tenth of the
//! time (measured in BENCHMARKS.md); a quick fdeflate encode predicts
//! whether lossless can fit at all.

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use oxipng::{BitDepth, ColorType, Deflater, FilterStrategy, Options, RawImage, StripChunks};

use super::canvas::Canvas;

/// How hard oxipng tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// Unfiltered or bigram-filtered rows at libdeflate level 8.
    Quick,
    /// oxipng's preset 2 (every basic filter, level 11): 5–10× slower, a
    /// few percent smaller; worth it only when that decides whether it fits.
    Thorough,
}

/// Encodes losslessly.
pub fn encode(canvas: &Canvas, effort: Effort) -> Result<Vec<u8>, String> {
    let (w, h) = canvas.dimensions();
    let (color, data) = match canvas {
        Canvas::Rgb(i) => (ColorType::RGB { transparent_color: None }, i.as_raw().clone()),
        Canvas::Rgba(i) => (ColorType::RGBA, i.as_raw().clone()),
    };
    let raw = RawImage::new(w, h, color, BitDepth::Eight, data).map_err(|e| e.to_string())?;
    let mut opts = match effort {
        Effort::Quick => {
            let mut o = Options::from_preset(0);
            o.filters = [FilterStrategy::NONE, FilterStrategy::Bigrams].into_iter().collect();
            o.deflater = Deflater::Libdeflater { compression: 8 };
            o
        }
        Effort::Thorough => Options::from_preset(2),
    };
    opts.strip = StripChunks::All;
    opts.force = true;
    raw.create_optimized_png(&opts).map_err(|e| e.to_string())
}

/// The size of a fast, unoptimised PNG encode: an upper bound that the real
/// encode usually halves. Costs a few milliseconds per megapixel.
pub fn quick_size(canvas: &Canvas) -> Result<u64, String> {
    let (w, h) = canvas.dimensions();
    let mut out = Vec::new();
    let enc = PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive);
    match canvas {
        Canvas::Rgb(i) => enc.write_image(i.as_raw(), w, h, image::ExtendedColorType::Rgb8),
        Canvas::Rgba(i) => enc.write_image(i.as_raw(), w, h, image::ExtendedColorType::Rgba8),
    }
    .map_err(|e| e.to_string())?;
    Ok(out.len() as u64)
}

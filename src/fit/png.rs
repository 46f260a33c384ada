//! Lossless PNG through oxipng (libdeflate): it picks the smallest colour
//! type (palette, grey, RGB) and writes only critical chunks.
//!
//! Screenshots are flat UI, where unfiltered rows at libdeflate level 6 come
//! within a few percent of oxipng's slower settings at a fraction of the
//! time (measured in BENCHMARKS.md); a quick fdeflate encode predicts
//! whether lossless can fit at all.

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use oxipng::{BitDepth, ColorType, Deflater, FilterStrategy, Options, RawImage, StripChunks};

use super::canvas::Canvas;

/// How hard oxipng tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// Unfiltered rows at libdeflate level 6.
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
            o.filters = [FilterStrategy::NONE].into_iter().collect();
            o.deflater = Deflater::Libdeflater { compression: 6 };
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

/// Quantises an opaque image to at most `colors` colours (Wu's method in
/// Oklab, no dithering: dithering speckles text edges and compresses worse)
/// and encodes it as a palette PNG. Returns the bytes and the quantised
/// pixels (what the file decodes to).
pub fn encode_palette(rgb: &image::RgbImage, colors: u16) -> Result<(Vec<u8>, Canvas), String> {
    use quantette::{ImageRef, PaletteSize, Pipeline, QuantizeMethod};
    let (w, h) = rgb.dimensions();
    let size = PaletteSize::try_from(colors).map_err(|e| e.to_string())?;
    let input = ImageRef::try_from(rgb).map_err(|e| e.to_string())?;
    let indexed = Pipeline::new()
        .palette_size(size)
        .quantize_method(QuantizeMethod::Wu)
        .ditherer(None)
        .parallel(true)
        .input_image(input)
        .output_srgb8_indexed_image();
    let (palette, indices) = indexed.into_parts();
    let rgba: Vec<oxipng::RGBA8> =
        palette.iter().map(|c| oxipng::RGBA8 { r: c.red, g: c.green, b: c.blue, a: 255 }).collect();
    let pixels: Vec<u8> = indices
        .iter()
        .flat_map(|&i| {
            let c = palette.get(usize::from(i)).copied().unwrap_or_default();
            [c.red, c.green, c.blue]
        })
        .collect();
    let quantised = image::RgbImage::from_raw(w, h, pixels).ok_or("quantised image has the wrong size")?;
    let raw = RawImage::new(w, h, ColorType::Indexed { palette: rgba }, BitDepth::Eight, indices)
        .map_err(|e| e.to_string())?;
    let mut opts = Options::from_preset(0);
    opts.filters = [FilterStrategy::NONE].into_iter().collect();
    opts.deflater = Deflater::Libdeflater { compression: 6 };
    opts.strip = StripChunks::All;
    opts.force = true;
    let bytes = raw.create_optimized_png(&opts).map_err(|e| e.to_string())?;
    Ok((bytes, Canvas::Rgb(quantised)))
}

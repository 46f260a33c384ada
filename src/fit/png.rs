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
use super::palette::Quantized;

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

/// The estimated size of a fast, unoptimised PNG encode: an upper bound
/// that the real encode usually halves. Tall images are estimated from one
/// 16-row stripe in 8 (as the JPEG search samples them), which keeps the
/// estimate within a few percent at an eighth of the cost.
pub fn quick_size(canvas: &Canvas) -> Result<u64, String> {
    let (w, h) = canvas.dimensions();
    let (raw, color, channels) = match canvas {
        Canvas::Rgb(i) => (i.as_raw(), image::ExtendedColorType::Rgb8, 3),
        Canvas::Rgba(i) => (i.as_raw(), image::ExtendedColorType::Rgba8, 4),
    };
    let row_bytes = w as usize * channels;
    let rows = super::search::sample_rows(h).unwrap_or_else(|| (0..h).collect());
    let mut sample = Vec::with_capacity(rows.len() * row_bytes);
    for &y in &rows {
        sample.extend_from_slice(&raw[y as usize * row_bytes..][..row_bytes]);
    }
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&sample, w, rows.len() as u32, color)
        .map_err(|e| e.to_string())?;
    Ok((out.len() as f64 * f64::from(h) / rows.len() as f64).round() as u64)
}

/// Encodes an image quantised to a palette as a palette PNG. Returns the
/// bytes and the pixels the file decodes to.
pub fn encode_palette(width: u32, height: u32, q: Quantized) -> Result<(Vec<u8>, Canvas), String> {
    let Quantized { palette, indices } = q;
    let rgba: Vec<oxipng::RGBA8> = palette.iter().map(|&[r, g, b]| oxipng::RGBA8 { r, g, b, a: 255 }).collect();
    let pixels: Vec<u8> =
        indices.iter().flat_map(|&i| palette.get(usize::from(i)).copied().unwrap_or_default()).collect();
    let quantised = image::RgbImage::from_raw(width, height, pixels).ok_or("quantised image has the wrong size")?;
    let raw = RawImage::new(width, height, ColorType::Indexed { palette: rgba }, BitDepth::Eight, indices)
        .map_err(|e| e.to_string())?;
    let mut opts = Options::from_preset(0);
    opts.filters = [FilterStrategy::NONE].into_iter().collect();
    opts.deflater = Deflater::Libdeflater { compression: 6 };
    opts.strip = StripChunks::All;
    opts.force = true;
    // No reductions: the palette is already minimal, and with unfiltered rows
    // reordering it cannot change the size (deflate does not care which
    // byte stands for which colour). Left on, oxipng would compress two
    // orderings to compare them and then once more: three deflates for one.
    opts.palette_reduction = false;
    opts.color_type_reduction = false;
    opts.bit_depth_reduction = false;
    opts.grayscale_reduction = false;
    let bytes = raw.create_optimized_png(&opts).map_err(|e| e.to_string())?;
    Ok((bytes, Canvas::Rgb(quantised)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast encode of the whole image, which the sampled estimate stands for.
    fn full_quick_size(img: &image::RgbImage) -> u64 {
        let mut out = Vec::new();
        PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
            .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
            .unwrap();
        out.len() as u64
    }

    #[test]
    fn the_sampled_estimate_is_close_to_a_full_quick_encode() {
        // A chat-like screen: text lines, coloured bubbles, a photo band.
        let screen = image::RgbImage::from_fn(720, 1600, |x, y| {
            let line = (y / 20) % 4 != 3 && (x / 6 + y / 20) % 9 < 6 && ((x * 31 + y * 17) % 7) < 4;
            if (900..1100).contains(&y) {
                image::Rgb([(x * 7 % 256) as u8, (y * 3 % 256) as u8, ((x ^ y) % 256) as u8])
            } else if line {
                image::Rgb([25, 25, 25])
            } else if (y / 120) % 2 == 0 && x > 360 {
                image::Rgb([254, 229, 0])
            } else {
                image::Rgb([186, 206, 224])
            }
        });
        let noise = image::RgbImage::from_fn(640, 900, |x, y| {
            let v = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)).wrapping_mul(2_246_822_519) >> 24;
            image::Rgb([v as u8, (v >> 1) as u8, 255 - v as u8])
        });
        for (name, img) in [("screen", screen), ("noise", noise)] {
            let estimate = quick_size(&Canvas::Rgb(img.clone())).unwrap() as f64;
            let full = full_quick_size(&img) as f64;
            assert!((estimate / full - 1.0).abs() < 0.25, "{name}: estimate {estimate} vs full {full}");
        }
        // Short images are encoded whole: the estimate is exact.
        let short = image::RgbImage::from_fn(300, 100, |x, y| image::Rgb([x as u8, y as u8, 9]));
        assert_eq!(quick_size(&Canvas::Rgb(short.clone())).unwrap(), full_quick_size(&short));
    }
}

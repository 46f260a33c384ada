//! PNG encoding: lossless, and palette PNGs from the quantiser.
//!
//! Screenshots are flat UI, where unfiltered rows at libdeflate level 6 come
//! within a few percent of oxipng's slower settings at a fraction of the
//! time (measured in BENCHMARKS.md). Such files, and palette PNGs, are
//! written here directly, so that compression can stop as soon as the file
//! is over the limit: a lossless attempt that will not fit costs only part
//! of an encode. Images of 256 colours or fewer go through oxipng, which
//! turns them into palette or grey PNGs of the smallest bit depth, and so do
//! photographic ones, whose rows compress far better filtered. A quick
//! fdeflate encode predicts whether lossless can fit at all.

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use libdeflater::{CompressionError, CompressionLvl, Compressor};
use oxipng::{BitDepth, ColorType, Deflater, FilterStrategy, Options, RawImage, StripChunks};

use super::canvas::Canvas;
use super::palette::Quantized;
use crate::container::{PNG_SIGNATURE, crc32};

/// How hard to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// One deflate at libdeflate level 6: unfiltered rows for flat images,
    /// each row's best filter (by the minimum-sum heuristic) otherwise.
    Quick,
    /// oxipng's preset 2 (every basic filter, level 11): 5–10× slower, a
    /// few percent smaller; worth it only when that decides whether it fits.
    Thorough,
}

/// What the encoder needs to know about an image's content.
#[derive(Debug, Clone, Copy)]
pub struct Content {
    /// Flat UI rather than photographic ([`Canvas::flatness`]).
    pub flat: bool,
    /// 256 colours or fewer.
    pub few_colors: bool,
}

/// Encodes losslessly. Returns `Ok(None)` when the file would be larger
/// than `give_up_above` bytes.
pub fn encode(
    canvas: &Canvas,
    effort: Effort,
    content: Content,
    give_up_above: Option<u64>,
) -> Result<Option<Vec<u8>>, String> {
    let (w, h) = canvas.dimensions();
    if effort == Effort::Quick && content.flat && !content.few_colors {
        let (color_type, raw) = match canvas {
            Canvas::Rgb(i) => (COLOR_RGB, i.as_raw()),
            Canvas::Rgba(i) => (COLOR_RGBA, i.as_raw()),
        };
        return write_unfiltered(w, h, color_type, None, raw, give_up_above);
    }
    let (color, data) = match canvas {
        Canvas::Rgb(i) => (ColorType::RGB { transparent_color: None }, i.as_raw().clone()),
        Canvas::Rgba(i) => (ColorType::RGBA, i.as_raw().clone()),
    };
    let raw = RawImage::new(w, h, color, BitDepth::Eight, data).map_err(|e| e.to_string())?;
    let mut opts = match effort {
        Effort::Quick => {
            let mut o = Options::from_preset(0);
            let filter = if content.flat { FilterStrategy::NONE } else { FilterStrategy::MinSum };
            o.filters = [filter].into_iter().collect();
            o.deflater = Deflater::Libdeflater { compression: LEVEL };
            o
        }
        Effort::Thorough => Options::from_preset(2),
    };
    opts.strip = StripChunks::All;
    opts.force = true;
    let bytes = raw.create_optimized_png(&opts).map_err(|e| e.to_string())?;
    Ok(give_up_above.is_none_or(|limit| bytes.len() as u64 <= limit).then_some(bytes))
}

/// libdeflate's level for every quick encode.
const LEVEL: u8 = 6;
/// PNG colour types.
const COLOR_RGB: u8 = 2;
const COLOR_PALETTE: u8 = 3;
const COLOR_RGBA: u8 = 6;

/// Writes an 8-bit PNG of unfiltered rows: signature, IHDR, PLTE for a
/// palette, one IDAT, IEND, and nothing else. `Ok(None)` when the file
/// would be larger than `give_up_above` bytes: libdeflate stops as soon as
/// its output fills the room left.
fn write_unfiltered(
    width: u32,
    height: u32,
    color_type: u8,
    palette: Option<&[[u8; 3]]>,
    pixels: &[u8],
    give_up_above: Option<u64>,
) -> Result<Option<Vec<u8>>, String> {
    let row = pixels.len() / height.max(1) as usize;
    let mut filtered = Vec::with_capacity((row + 1) * height as usize);
    for r in pixels.chunks_exact(row.max(1)) {
        filtered.push(0); // filter type None
        filtered.extend_from_slice(r);
    }
    let mut head = PNG_SIGNATURE.to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, color_type, 0, 0, 0]);
    push_chunk(&mut head, b"IHDR", &ihdr);
    if let Some(palette) = palette {
        push_chunk(&mut head, b"PLTE", palette.as_flattened());
    }
    // IDAT's length, type and CRC, and the whole IEND chunk.
    let framing = 12 + 12;
    let mut compressor = Compressor::new(CompressionLvl::new(LEVEL.into()).map_err(|e| format!("{e:?}"))?);
    let bound = compressor.zlib_compress_bound(filtered.len());
    let room = match give_up_above {
        Some(limit) => usize::try_from(limit).unwrap_or(usize::MAX).saturating_sub(head.len() + framing).min(bound),
        None => bound,
    };
    let mut idat = vec![0u8; room];
    let n = match compressor.zlib_compress(&filtered, &mut idat) {
        Ok(n) => n,
        Err(CompressionError::InsufficientSpace) => return Ok(None),
    };
    drop(filtered);
    idat.truncate(n);
    let mut out = Vec::with_capacity(head.len() + framing + n);
    out.extend_from_slice(&head);
    push_chunk(&mut out, b"IDAT", &idat);
    push_chunk(&mut out, b"IEND", &[]);
    Ok(Some(out))
}

fn push_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// The estimated size of the unfiltered lossless PNG [`encode`] writes
/// for a flat image, from the same compression of two rows in every
/// sixteen. Fine stripes spread the sample over the whole screen: on the
/// comparison corpus the estimate lands within 0.87–1.22× of the real size
/// (16-row stripes, one in eight, gave 0.63–2.05×), at an eighth of the cost.
pub fn unfiltered_estimate(canvas: &Canvas) -> Result<u64, String> {
    let (_, h) = canvas.dimensions();
    let raw = match canvas {
        Canvas::Rgb(i) => i.as_raw(),
        Canvas::Rgba(i) => i.as_raw(),
    };
    let row = raw.len() / h.max(1) as usize;
    let sampled = |y: u32| h < 64 || y % 16 < 2;
    let mut sample = Vec::with_capacity((row + 1) * (h as usize / 8 + 2));
    let mut rows = 0u32;
    for (y, r) in (0..h).zip(raw.chunks_exact(row.max(1))) {
        if sampled(y) {
            sample.push(0);
            sample.extend_from_slice(r);
            rows += 1;
        }
    }
    let mut compressor = Compressor::new(CompressionLvl::new(LEVEL.into()).map_err(|e| format!("{e:?}"))?);
    let mut out = vec![0u8; compressor.zlib_compress_bound(sample.len())];
    let n = compressor.zlib_compress(&sample, &mut out).map_err(|e| format!("{e:?}"))?;
    Ok((n as f64 * f64::from(h) / f64::from(rows.max(1))).round() as u64)
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

/// Encodes an image quantised to a palette as a palette PNG, unfiltered
/// (the indices of flat UI compress best as they are). Returns the bytes
/// and the pixels the file decodes to, or `Ok(None)` when the file would be
/// larger than `give_up_above` bytes.
pub fn encode_palette(
    width: u32,
    height: u32,
    q: &Quantized,
    give_up_above: Option<u64>,
) -> Result<Option<(Vec<u8>, Canvas)>, String> {
    let Some(bytes) = write_unfiltered(width, height, COLOR_PALETTE, Some(&q.palette), &q.indices, give_up_above)?
    else {
        return Ok(None);
    };
    let pixels: Vec<u8> =
        q.indices.iter().flat_map(|&i| q.palette.get(usize::from(i)).copied().unwrap_or_default()).collect();
    let quantised = image::RgbImage::from_raw(width, height, pixels).ok_or("quantised image has the wrong size")?;
    Ok(Some((bytes, Canvas::Rgb(quantised))))
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

    /// A chat-like screen: text lines, coloured bubbles, a photo band.
    fn chat_screen() -> image::RgbImage {
        image::RgbImage::from_fn(720, 1600, |x, y| {
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
        })
    }

    const FLAT_MANY_COLOURS: Content = Content { flat: true, few_colors: false };

    #[test]
    fn the_unfiltered_estimate_is_close_to_the_real_encode() {
        let canvas = Canvas::Rgb(chat_screen());
        let real = encode(&canvas, Effort::Quick, FLAT_MANY_COLOURS, None).unwrap().unwrap().len() as f64;
        let estimate = unfiltered_estimate(&canvas).unwrap() as f64;
        assert!((0.8..1.25).contains(&(estimate / real)), "estimate {estimate} vs real {real}");
    }

    #[test]
    fn an_encode_over_the_limit_gives_up_and_one_under_is_a_valid_png() {
        let img = chat_screen();
        let canvas = Canvas::Rgb(img.clone());
        let full = encode(&canvas, Effort::Quick, FLAT_MANY_COLOURS, None).unwrap().unwrap();
        let size = full.len() as u64;
        assert_eq!(encode(&canvas, Effort::Quick, FLAT_MANY_COLOURS, Some(size - 1)).unwrap(), None);
        let exact = encode(&canvas, Effort::Quick, FLAT_MANY_COLOURS, Some(size)).unwrap().unwrap();
        assert_eq!(exact, full);
        // Only the critical chunks, and the pixels come back.
        let layout = crate::container::png_layout(&exact).unwrap();
        assert_eq!(layout.chunks, vec![*b"IHDR", *b"IDAT", *b"IEND"]);
        assert_eq!(layout.end, exact.len());
        let back = image::load_from_memory_with_format(&exact, image::ImageFormat::Png).unwrap().to_rgb8();
        assert!(back == img, "the lossless PNG decodes to other pixels");
    }

    #[test]
    fn photographic_images_are_written_filtered_and_smaller() {
        // A smooth gradient with fine noise: every row predicts the next.
        let mut s = 1u32;
        let photo = image::RgbImage::from_fn(400, 300, |x, y| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            let n = (s % 5) as u8;
            image::Rgb([(x / 2) as u8 + n, (y / 2) as u8 + n, ((x + y) / 4) as u8 + n])
        });
        let canvas = Canvas::Rgb(photo.clone());
        assert!(canvas.flatness() < 0.6);
        let filtered =
            encode(&canvas, Effort::Quick, Content { flat: false, few_colors: false }, None).unwrap().unwrap();
        let unfiltered = encode(&canvas, Effort::Quick, FLAT_MANY_COLOURS, None).unwrap().unwrap();
        assert!(filtered.len() * 10 < unfiltered.len() * 9, "{} vs {}", filtered.len(), unfiltered.len());
        let back = image::load_from_memory_with_format(&filtered, image::ImageFormat::Png).unwrap().to_rgb8();
        assert!(back == photo);
    }

    #[test]
    fn the_sampled_estimate_is_close_to_a_full_quick_encode() {
        let screen = chat_screen();
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

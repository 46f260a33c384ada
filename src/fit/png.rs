//! PNG encoding: lossless, and palette PNGs from the quantiser.
//!
//! Which filtering to use is measured, not guessed ([`plan`]): flat UI
//! compresses best unfiltered (deflate then matches whole repeated rows),
//! gradients and photos best as differences from the row above, 10–40%
//! smaller (BENCHMARKS.md). Images of more than 256 colours, and palette
//! PNGs, are written here directly: one libdeflate stream at level 6 and
//! only the critical chunks. Compression stops as soon as the file is over
//! the limit, so a lossless attempt that will not fit costs only part of an
//! encode. Images of 256 colours or fewer go through oxipng, which turns
//! them into palette or grey PNGs of the smallest bit depth.

use libdeflater::{CompressionError, CompressionLvl, Compressor};
use oxipng::{BitDepth, ColorType, Deflater, FilterStrategy, Options, RawImage, StripChunks};

use super::canvas::Canvas;
use super::palette::Quantized;
use crate::container::{PNG_SIGNATURE, crc32};

/// How hard to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// One deflate at libdeflate level 6, rows filtered as planned.
    Quick,
    /// oxipng's preset 2 (every basic filter, level 11): 5–10× slower, a
    /// few percent smaller; worth it only when that decides whether it fits.
    Thorough,
}

/// How rows are filtered before compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Rows as they are: best for flat UI.
    #[default]
    None,
    /// Each row as its difference from the row above (PNG's Up filter):
    /// best for gradients and photos.
    Up,
}

/// What the lossless encoder needs to know about an image.
#[derive(Debug, Clone, Copy, Default)]
pub struct Content {
    /// 256 colours or fewer: oxipng makes a palette or grey PNG of it.
    pub few_colors: bool,
    /// Gradients or photographic content: filtering may pay
    /// ([`crate::fit::Texture::smooth`]).
    pub gradients: bool,
    /// The filtering [`plan`] chose.
    pub filter: Filter,
}

/// The better filtering for `canvas`, and the estimated size of its lossless
/// PNG with it, from compressing two rows in every sixteen unfiltered and,
/// for images with gradients, as differences from their true rows above.
/// Fine stripes spread the sample over the whole screen: on
/// the comparison corpus the estimate lands within about 0.9–1.25× of the
/// real size (16-row stripes, one in eight, gave 0.54–2.05×; measured by
/// `benches/png_filters.py`). Unfiltered, it is a little high, because half
/// the sampled rows lose the row above they would match; so filtering is
/// chosen only when it wins clearly, which picks the smaller filtering for
/// 40 of the corpus's 42 images of more than 256 colours. Each estimate
/// costs an eighth of an encode; filtering is only tried on images with
/// gradients.
pub fn plan(canvas: &Canvas, content: Content) -> Result<(Filter, u64), String> {
    /// Filtering must beat unfiltered rows by this much on the sample.
    const CLEAR_WIN: f64 = 0.9;
    let (raw, width, height, bpp) = layout(canvas);
    let row = width as usize * bpp;
    let sampled = |y: u32| height < 64 || y % 16 < 2;
    let rows = (0..height).filter(|&y| sampled(y)).count().max(1);
    let estimate = |up: bool| -> Result<f64, String> {
        let stream = filter_rows(raw, row, up, sampled);
        let size = compress(&stream, None)?.map_or(0, |z| z.len());
        Ok(size as f64 * f64::from(height) / rows as f64)
    };
    let unfiltered = estimate(false)?;
    if !content.gradients {
        return Ok((Filter::None, unfiltered.round() as u64));
    }
    let up = estimate(true)?;
    Ok(if up < CLEAR_WIN * unfiltered {
        (Filter::Up, up.round() as u64)
    } else {
        (Filter::None, unfiltered.round() as u64)
    })
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
    if effort == Effort::Quick && !content.few_colors {
        let (raw, _, _, bpp) = layout(canvas);
        let color_type = if bpp == 4 { COLOR_RGBA } else { COLOR_RGB };
        let stream = filter_rows(raw, w as usize * bpp, content.filter == Filter::Up, |_| true);
        return write_png(w, h, color_type, None, &stream, give_up_above);
    }
    let (color, data) = match canvas {
        Canvas::Rgb(i) => (ColorType::RGB { transparent_color: None }, i.as_raw().clone()),
        Canvas::Rgba(i) => (ColorType::RGBA, i.as_raw().clone()),
    };
    let raw = RawImage::new(w, h, color, BitDepth::Eight, data).map_err(|e| e.to_string())?;
    let mut opts = match effort {
        Effort::Quick => {
            let mut o = Options::from_preset(0);
            let filter = match content.filter {
                Filter::None => FilterStrategy::NONE,
                Filter::Up => FilterStrategy::MinSum,
            };
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
    let stream = filter_rows(&q.indices, width as usize, false, |_| true);
    let Some(bytes) = write_png(width, height, COLOR_PALETTE, Some(&q.palette), &stream, give_up_above)? else {
        return Ok(None);
    };
    let pixels: Vec<u8> =
        q.indices.iter().flat_map(|&i| q.palette.get(usize::from(i)).copied().unwrap_or_default()).collect();
    let quantised = image::RgbImage::from_raw(width, height, pixels).ok_or("quantised image has the wrong size")?;
    Ok(Some((bytes, Canvas::Rgb(quantised))))
}

/// libdeflate's level for every quick encode.
const LEVEL: u8 = 6;
/// PNG colour types.
const COLOR_RGB: u8 = 2;
const COLOR_PALETTE: u8 = 3;
const COLOR_RGBA: u8 = 6;

/// The raw pixels, width, height and bytes per pixel.
fn layout(canvas: &Canvas) -> (&[u8], u32, u32, usize) {
    let (raw, bpp) = canvas.raw();
    let (w, h) = canvas.dimensions();
    (raw, w, h, bpp)
}

/// The rows `y` for which `keep(y)` holds, each preceded by its filter
/// type, as PNG's IDAT stream holds them (before compression): as they are,
/// or with `up` as differences from their true row above (kept or not).
/// Rows are `row` bytes long.
fn filter_rows(raw: &[u8], row: usize, up: bool, keep: impl Fn(u32) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / row.max(1) + 1);
    let zeros = vec![0u8; row];
    let mut above: &[u8] = &zeros;
    for (y, current) in (0u32..).zip(raw.chunks_exact(row.max(1))) {
        if keep(y) {
            if up {
                out.push(2);
                out.extend(current.iter().zip(above).map(|(&x, &b)| x.wrapping_sub(b)));
            } else {
                out.push(0);
                out.extend_from_slice(current);
            }
        }
        above = current;
    }
    out
}

/// The zlib stream of `data` at [`LEVEL`]; `Ok(None)` when it would be
/// longer than `room` bytes (libdeflate stops as soon as its output fills).
fn compress(data: &[u8], room: Option<usize>) -> Result<Option<Vec<u8>>, String> {
    let mut compressor = Compressor::new(CompressionLvl::new(LEVEL.into()).map_err(|e| format!("{e:?}"))?);
    let bound = compressor.zlib_compress_bound(data.len());
    let mut out = vec![0u8; room.map_or(bound, |r| r.min(bound))];
    match compressor.zlib_compress(data, &mut out) {
        Ok(n) => {
            out.truncate(n);
            Ok(Some(out))
        }
        Err(CompressionError::InsufficientSpace) => Ok(None),
    }
}

/// Writes an 8-bit PNG around an IDAT stream: signature, IHDR, PLTE for a
/// palette, one IDAT, IEND, and nothing else. `Ok(None)` when the file
/// would be larger than `give_up_above` bytes.
fn write_png(
    width: u32,
    height: u32,
    color_type: u8,
    palette: Option<&[[u8; 3]]>,
    stream: &[u8],
    give_up_above: Option<u64>,
) -> Result<Option<Vec<u8>>, String> {
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
    let room =
        give_up_above.map(|limit| usize::try_from(limit).unwrap_or(usize::MAX).saturating_sub(head.len() + framing));
    let Some(idat) = compress(stream, room)? else { return Ok(None) };
    let mut out = Vec::with_capacity(head.len() + framing + idat.len());
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Lines of text: a dozen anti-aliased glyphs (8×12, greys) repeated in
    /// varying order, as words repeat on a real screen.
    fn text_screen() -> image::RgbImage {
        let mut s = 7u32;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            s
        };
        let glyphs: Vec<[u8; 96]> = (0..12)
            .map(|_| {
                let mut g = [250u8; 96];
                for v in g.iter_mut() {
                    let r = next() % 10;
                    *v = if r < 3 {
                        40
                    } else if r < 4 {
                        140
                    } else {
                        250
                    };
                }
                g
            })
            .collect();
        let lines: Vec<Vec<usize>> = (0..60).map(|_| (0..70).map(|_| (next() % 13) as usize).collect()).collect();
        image::RgbImage::from_fn(560, 1200, |x, y| {
            let (line, gy) = ((y / 20) as usize, (y % 20) as usize);
            let (col, gx) = ((x / 8) as usize, (x % 8) as usize);
            match lines[line][col] {
                g if g < 12 && gy < 12 => {
                    let v = glyphs[g][gy * 8 + gx];
                    image::Rgb([v, v, v.saturating_add(3)])
                }
                _ => image::Rgb([250, 250, 253]),
            }
        })
    }

    /// A smooth gradient with fine noise: every row predicts the next.
    fn photo() -> image::RgbImage {
        let mut s = 1u32;
        image::RgbImage::from_fn(400, 300, |x, y| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            let n = (s % 5) as u8;
            image::Rgb([(x / 2) as u8 + n, (y / 2) as u8 + n, ((x + y) / 4) as u8 + n])
        })
    }

    fn lossless(canvas: &Canvas, filter: Filter, give_up: Option<u64>) -> Option<Vec<u8>> {
        encode(canvas, Effort::Quick, Content { few_colors: false, gradients: true, filter }, give_up).unwrap()
    }

    fn decoded(png: &[u8]) -> image::RgbImage {
        image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap().to_rgb8()
    }

    #[test]
    fn the_plan_filters_photos_not_text_and_estimates_the_size() {
        for (name, img, want) in [("text", text_screen(), Filter::None), ("photo", photo(), Filter::Up)] {
            let canvas = Canvas::Rgb(img);
            let gradients = canvas.texture().smooth >= 0.03;
            assert_eq!(gradients, want == Filter::Up, "{name}");
            let (filter, estimate) =
                plan(&canvas, Content { few_colors: false, gradients, filter: Filter::None }).unwrap();
            assert_eq!(filter, want, "{name}");
            let real = lossless(&canvas, filter, None).unwrap().len() as f64;
            assert!((0.8..1.25).contains(&(estimate as f64 / real)), "{name}: estimate {estimate} vs real {real}");
            if filter == Filter::Up {
                let unfiltered = lossless(&canvas, Filter::None, None).unwrap().len() as f64;
                assert!(real < 0.9 * unfiltered, "{name}: {real} vs {unfiltered} unfiltered");
            }
        }
    }

    #[test]
    fn an_encode_over_the_limit_gives_up_and_one_under_is_a_valid_png() {
        let img = chat_screen();
        let canvas = Canvas::Rgb(img.clone());
        let full = lossless(&canvas, Filter::None, None).unwrap();
        let size = full.len() as u64;
        assert_eq!(lossless(&canvas, Filter::None, Some(size - 1)), None);
        let exact = lossless(&canvas, Filter::None, Some(size)).unwrap();
        assert_eq!(exact, full);
        // Only the critical chunks, and the pixels come back.
        let layout = crate::container::png_layout(&exact).unwrap();
        assert_eq!(layout.chunks, vec![*b"IHDR", *b"IDAT", *b"IEND"]);
        assert_eq!(layout.end, exact.len());
        assert!(decoded(&exact) == img, "the lossless PNG decodes to other pixels");
    }

    #[test]
    fn filtered_rows_decode_exactly_and_photos_come_out_smaller() {
        let img = photo();
        let canvas = Canvas::Rgb(img.clone());
        let filtered = lossless(&canvas, Filter::Up, None).unwrap();
        let unfiltered = lossless(&canvas, Filter::None, None).unwrap();
        assert!(filtered.len() * 10 < unfiltered.len() * 9, "{} vs {}", filtered.len(), unfiltered.len());
        assert!(decoded(&filtered) == img);
        // With alpha too.
        let rgba = image::RgbaImage::from_fn(97, 61, |x, y| {
            image::Rgba([(x * 3) as u8, (y * 5 + x) as u8, ((x * y) % 251) as u8, (255 - y) as u8])
        });
        let png = lossless(&Canvas::Rgba(rgba.clone()), Filter::Up, None).unwrap();
        let back = image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap().to_rgba8();
        assert!(back == rgba);
    }
}

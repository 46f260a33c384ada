//! JPEG encoding with `jpeg-encoder` and optimised Huffman tables, 6–15%
//! smaller than `image`'s encoder at equal quality. Nothing but the image
//! itself is written: no EXIF, no ICC.
//!
//! Files are baseline: jpeg-encoder's progressive mode came out 5–15%
//! larger on screenshots. Where colour resolution is traded for size it is
//! halved horizontally only (4:2:2), not both ways (4:2:0): baseline 4:2:0
//! with optimised tables decodes to garbage in zune-jpeg (the decoder behind
//! the `image` crate and many Rust tools) though libjpeg reads it, and 4:2:2
//! is smaller than the 4:2:0 variants that do decode everywhere, and keeps
//! coloured text sharper. Narrow images are the exception: they are written
//! progressive (see [`MIN_BASELINE_BLOCKS`]). Tests below keep every setting
//! we use decodable.

use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

/// Chroma resolution of a JPEG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chroma {
    /// Full colour resolution: coloured text stays crisp.
    Full,
    /// Colour at half horizontal resolution (4:2:2): smaller, softens
    /// coloured text a little.
    Half,
}

/// The chroma resolution used at quality `q`: full where the bytes can
/// afford it, halved where quality is already being traded for size.
pub fn chroma_for(q: u8) -> Chroma {
    if q >= 80 { Chroma::Full } else { Chroma::Half }
}

/// Encodes an RGB image as JPEG at quality `q` (1–100).
pub fn encode(img: &RgbImage, q: u8) -> Result<Vec<u8>, String> {
    let (w, h) = img.dimensions();
    let (w16, h16) = match (u16::try_from(w), u16::try_from(h)) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return Err(format!("{w}×{h} is too large for JPEG (65 535 px per side)")),
    };
    encode_with(img, (w16, h16), q, needs_progressive(w, q))
}

/// Fewest 8×8 blocks per row, in every component, for a baseline file.
///
/// With optimised tables our encoder writes one scan per component.
/// zune-jpeg (the decoder behind the `image` crate and many Rust tools)
/// reads up to 63 bits ahead, and when that lookahead reaches the next
/// scan's marker before the last block row has started, it moves on to the
/// next scan and leaves that row undecoded (colours off by up to 200; libjpeg
/// reads the same file correctly). A block takes at least 2 bits (a DC and
/// an end-of-block code), so a row of 34 blocks (68 bits) cannot be
/// overtaken. Narrower images are written progressive, which zune-jpeg reads
/// correctly, at some 15% more bytes.
const MIN_BASELINE_BLOCKS: u32 = 34;

/// Whether an image `width` pixels wide is written progressive at quality
/// `q` (see [`MIN_BASELINE_BLOCKS`]).
pub fn needs_progressive(width: u32, q: u8) -> bool {
    let chroma_width = match chroma_for(q) {
        Chroma::Full => width,
        Chroma::Half => width.div_ceil(2),
    };
    chroma_width.div_ceil(8) < MIN_BASELINE_BLOCKS
}

fn encode_with(img: &RgbImage, (w, h): (u16, u16), q: u8, progressive: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity((usize::from(w) * usize::from(h)) / 4);
    let mut enc = Encoder::new(&mut out, q.clamp(1, 100));
    enc.set_sampling_factor(match chroma_for(q) {
        Chroma::Full => SamplingFactor::R_4_4_4,
        Chroma::Half => SamplingFactor::R_4_2_2,
    });
    enc.set_optimized_huffman_tables(true);
    enc.set_progressive(progressive);
    enc.encode(img.as_raw(), w, h, ColorType::Rgb).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worst pixel error in the bottom 16 rows, and mean error overall, of
    /// `img` encoded at `q` and decoded by the `image` crate (zune-jpeg).
    fn errors(img: &RgbImage, q: u8) -> (u8, f64) {
        let bytes = encode(img, q).unwrap();
        let back = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap().to_rgb8();
        let diff: u64 = img.as_raw().iter().zip(back.as_raw()).map(|(a, b)| u64::from(a.abs_diff(*b))).sum();
        let tail = (img.height().saturating_sub(16) * img.width() * 3) as usize;
        let worst = img.as_raw()[tail..].iter().zip(&back.as_raw()[tail..]).map(|(a, b)| a.abs_diff(*b)).max();
        (worst.unwrap_or(0), diff as f64 / img.as_raw().len() as f64)
    }

    const QUALITIES: [u8; 6] = [40, 55, 70, 79, 80, 90];

    #[test]
    fn every_quality_we_use_decodes_back_close_to_the_original() {
        let img = RgbImage::from_fn(333, 517, |x, y| {
            let text = (y / 12) % 3 == 1 && (x / 5) % 7 < 4 && ((x * 7 + y * 13) % 11) < 6;
            if text { image::Rgb([30, 30, 30]) } else { image::Rgb([250, 229, (x % 200) as u8]) }
        });
        for q in QUALITIES {
            let (_, mean) = errors(&img, q);
            assert!(mean < 12.0, "q{q}: mean error {mean}");
        }
    }

    /// The cheapest last rows there are (flat white under busy content, or
    /// a grey image whose chroma needs one-code tables) are where zune-jpeg
    /// ran ahead into the next scan: at every width around the baseline
    /// threshold, for each chroma setting, the last rows decode right.
    #[test]
    fn cheap_last_rows_decode_right_at_every_width() {
        let mut baseline_widths = 0;
        for w in [8u32, 33, 96, 200, 264, 272, 280, 400, 520, 528, 536, 544, 720, 1080] {
            let flat_bottom = RgbImage::from_fn(w, 120, |x, y| {
                if y >= 64 {
                    image::Rgb([255, 255, 255])
                } else {
                    image::Rgb([(x * 13 % 255) as u8, (y * 7 % 255) as u8, ((x * y) % 251) as u8])
                }
            });
            let grey = RgbImage::from_fn(w, 64, |x, y| {
                let v = ((x * 7 + y * 3) % 200) as u8;
                image::Rgb([v, v, v])
            });
            let flat = RgbImage::from_pixel(w, 40, image::Rgb([20, 40, 200]));
            for q in QUALITIES {
                baseline_widths += usize::from(!needs_progressive(w, q));
                for (name, img) in [("flat bottom", &flat_bottom), ("grey", &grey), ("flat", &flat)] {
                    let (worst, _) = errors(img, q);
                    // Ringing under the busy part reaches a few rows down.
                    let allowed = if name == "grey" { 80 } else { 40 };
                    assert!(worst <= allowed, "{name} {w} px wide at q{q}: a last-row pixel is off by {worst}");
                }
            }
        }
        assert!(baseline_widths > 20, "the threshold cases must include baseline files");
    }

    #[test]
    fn phone_widths_stay_baseline_and_narrow_ones_go_progressive() {
        // Baseline is smaller: a phone screenshot, also at half scale, keeps it.
        for q in QUALITIES {
            assert!(!needs_progressive(1080, q) && !needs_progressive(540, q), "q{q}");
            assert!(needs_progressive(200, q), "q{q}");
        }
        assert!(!needs_progressive(300, 90) && needs_progressive(300, 70));
    }
}

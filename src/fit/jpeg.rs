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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chroma {
    /// Full colour resolution: coloured text stays crisp.
    Full,
    /// Colour at half horizontal resolution (4:2:2): smaller, softens
    /// coloured text a little.
    Half,
}

/// Lowest quality written with full chroma: below it the bytes full chroma
/// costs are better spent on quality.
pub const FULL_CHROMA_MIN: u8 = 80;

/// One encoder setting: quality and chroma resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Setting {
    /// Quality, 1–100.
    pub quality: u8,
    /// Chroma resolution.
    pub chroma: Chroma,
}

impl Setting {
    /// The best setting at quality `q`: full chroma from [`FULL_CHROMA_MIN`].
    pub fn top(q: u8) -> Self {
        let chroma = if q >= FULL_CHROMA_MIN { Chroma::Full } else { Chroma::Half };
        Setting { quality: q, chroma }
    }

    /// Quality `q` with colour at half resolution.
    pub fn half(q: u8) -> Self {
        Setting { quality: q, chroma: Chroma::Half }
    }
}

/// The settings a quality search climbs, each more legible and larger than
/// the one before: half chroma at every quality from `lo` to `hi`, then,
/// when `hi` is at least [`FULL_CHROMA_MIN`], full chroma at `hi`. (On
/// images written progressive at half chroma only, see
/// [`needs_progressive`], the top step can come out slightly smaller.)
///
/// Full chroma comes last because, for the same bytes, luma quality buys
/// more legibility: half chroma at q85 is about as large as full chroma at
/// q80 (2% larger, median of the comparison corpus) and has the sharper
/// luma on every image (SSIM 0.991 against 0.986; `benches/chroma_ladder.py`),
/// so full chroma below the top is not the best use of a binding limit. A
/// ladder without gaps also lets a binding limit be filled: switching
/// chroma at one quality made sizes jump by up to 40% there, and some results
/// used only three quarters of the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ladder {
    lo: u8,
    hi: u8,
}

impl Ladder {
    /// The ladder from quality `lo` to `hi` (`lo` alone if `hi < lo`).
    pub const fn new(lo: u8, hi: u8) -> Self {
        Ladder { lo, hi: if hi < lo { lo } else { hi } }
    }

    /// The highest step (steps are `0..=top()`).
    pub fn top(self) -> u8 {
        let halves = self.hi - self.lo;
        if self.hi >= FULL_CHROMA_MIN { halves + 1 } else { halves }
    }

    /// The setting at `step` (clamped to the ladder).
    pub fn setting(self, step: u8) -> Setting {
        let step = step.min(self.top());
        if step > self.hi - self.lo { Setting::top(self.hi) } else { Setting::half(self.lo + step) }
    }
}

/// Encodes an RGB image as JPEG with `setting`.
pub fn encode(img: &RgbImage, setting: Setting) -> Result<Vec<u8>, String> {
    let (w, h) = img.dimensions();
    let (w16, h16) = match (u16::try_from(w), u16::try_from(h)) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return Err(format!("{w}×{h} is too large for JPEG (65 535 px per side)")),
    };
    encode_with(img, (w16, h16), setting, needs_progressive(w, setting.chroma))
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

/// Whether an image `width` pixels wide is written progressive with
/// `chroma` (see [`MIN_BASELINE_BLOCKS`]).
pub fn needs_progressive(width: u32, chroma: Chroma) -> bool {
    let chroma_width = match chroma {
        Chroma::Full => width,
        Chroma::Half => width.div_ceil(2),
    };
    chroma_width.div_ceil(8) < MIN_BASELINE_BLOCKS
}

fn encode_with(img: &RgbImage, (w, h): (u16, u16), setting: Setting, progressive: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity((usize::from(w) * usize::from(h)) / 4);
    let mut enc = Encoder::new(&mut out, setting.quality.clamp(1, 100));
    enc.set_sampling_factor(match setting.chroma {
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
    /// `img` encoded with `setting` and decoded by the `image` crate (zune-jpeg).
    fn errors(img: &RgbImage, setting: Setting) -> (u8, f64) {
        let bytes = encode(img, setting).unwrap();
        let back = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap().to_rgb8();
        let diff: u64 = img.as_raw().iter().zip(back.as_raw()).map(|(a, b)| u64::from(a.abs_diff(*b))).sum();
        let tail = (img.height().saturating_sub(16) * img.width() * 3) as usize;
        let worst = img.as_raw()[tail..].iter().zip(&back.as_raw()[tail..]).map(|(a, b)| a.abs_diff(*b)).max();
        (worst.unwrap_or(0), diff as f64 / img.as_raw().len() as f64)
    }

    /// Both chroma settings, at low, middle and top qualities.
    const SETTINGS: [Setting; 6] = [
        Setting { quality: 40, chroma: Chroma::Half },
        Setting { quality: 70, chroma: Chroma::Half },
        Setting { quality: 90, chroma: Chroma::Half },
        Setting { quality: 40, chroma: Chroma::Full },
        Setting { quality: 80, chroma: Chroma::Full },
        Setting { quality: 90, chroma: Chroma::Full },
    ];

    #[test]
    fn every_quality_we_use_decodes_back_close_to_the_original() {
        let img = RgbImage::from_fn(333, 517, |x, y| {
            let text = (y / 12) % 3 == 1 && (x / 5) % 7 < 4 && ((x * 7 + y * 13) % 11) < 6;
            if text { image::Rgb([30, 30, 30]) } else { image::Rgb([250, 229, (x % 200) as u8]) }
        });
        for setting in SETTINGS {
            let (_, mean) = errors(&img, setting);
            assert!(mean < 12.0, "{setting:?}: mean error {mean}");
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
            for setting in SETTINGS {
                baseline_widths += usize::from(!needs_progressive(w, setting.chroma));
                for (name, img) in [("flat bottom", &flat_bottom), ("grey", &grey), ("flat", &flat)] {
                    let (worst, _) = errors(img, setting);
                    // Ringing under the busy part reaches a few rows down.
                    let allowed = if name == "grey" { 80 } else { 40 };
                    assert!(worst <= allowed, "{name} {w} px wide, {setting:?}: a last-row pixel is off by {worst}");
                }
            }
        }
        assert!(baseline_widths > 20, "the threshold cases must include baseline files");
    }

    #[test]
    fn phone_widths_stay_baseline_and_narrow_ones_go_progressive() {
        // Baseline is smaller: a phone screenshot, also at half scale, keeps it.
        for chroma in [Chroma::Full, Chroma::Half] {
            assert!(!needs_progressive(1080, chroma) && !needs_progressive(540, chroma), "{chroma:?}");
            assert!(needs_progressive(200, chroma), "{chroma:?}");
        }
        assert!(!needs_progressive(300, Chroma::Full) && needs_progressive(300, Chroma::Half));
    }

    #[test]
    fn the_ladder_climbs_half_chroma_then_full_chroma_at_the_top() {
        let ladder = Ladder::new(40, 90);
        assert_eq!(ladder.top(), 51);
        assert_eq!(ladder.setting(0), Setting::half(40));
        assert_eq!(ladder.setting(39), Setting::half(79));
        assert_eq!(ladder.setting(50), Setting::half(90));
        assert_eq!(ladder.setting(51), Setting { quality: 90, chroma: Chroma::Full });
        assert_eq!(ladder.setting(200), ladder.setting(51));
        // An input saved at q75 is never re-encoded above it, nor with more colour.
        let ladder = Ladder::new(40, 75);
        assert_eq!((ladder.top(), ladder.setting(ladder.top())), (35, Setting::half(75)));
        assert_eq!(Ladder::new(40, 30).setting(5), Setting::half(40));
    }

    /// Each step up the ladder costs bytes, so a search over it can bracket
    /// the limit; the full-chroma top step is the largest.
    #[test]
    fn sizes_grow_along_the_ladder() {
        let img = RgbImage::from_fn(480, 640, |x, y| {
            let text = (y / 12) % 3 == 1 && (x / 5) % 7 < 4 && ((x * 7 + y * 13) % 11) < 6;
            if text { image::Rgb([200, 30, 30]) } else { image::Rgb([240, 244, (x % 64) as u8 + 160]) }
        });
        let ladder = Ladder::new(40, 90);
        let sizes: Vec<usize> =
            [0, 20, 39, 40, 45, 50, 51].iter().map(|&s| encode(&img, ladder.setting(s)).unwrap().len()).collect();
        assert!(sizes.windows(2).all(|w| w[0] < w[1]), "{sizes:?}");
    }
}

//! Colour quantisation for palette PNGs: Wu's method in Oklab (quantette),
//! on the image's distinct colours, shared by every palette size tried.
//!
//! A screenshot repeats a few thousand colours over millions of pixels, in
//! long runs. So the colours are counted once, with a hash lookup only where
//! a run changes colour; the histogram Wu's method cuts into boxes is built
//! from those counts once; and each palette size only cuts boxes and maps
//! the distinct colours, then the pixels through them. The result is what
//! quantette's own pipeline gives (same histogram, same boxes), without
//! redoing the counting and the colour conversion for each size.

use image::RgbImage;
use quantette::color_map::IndexedColorMap;
use quantette::color_space::{oklab_to_srgb8, srgb8_to_oklab};
use quantette::deps::palette::{Oklab, Srgb};
use quantette::wu::{BinnerF32x3, WuF32x3};
use quantette::{PaletteCounts, PaletteSize};
use rustc_hash::FxHashMap;

/// An image's distinct colours and the histogram to cut palettes from.
pub struct Quantizer<'a> {
    image: &'a RgbImage,
    /// Each distinct colour (as `0xRRGGBB`) → its position in `oklab`.
    positions: FxHashMap<u32, u32>,
    /// The distinct colours in Oklab, in order of first appearance.
    oklab: Vec<Oklab>,
    wu: WuF32x3<Oklab, 32, 16, 16>,
}

/// A quantised image: at most the requested number of colours.
pub struct Quantized {
    /// The palette, in sRGB.
    pub palette: Vec<[u8; 3]>,
    /// One palette index per pixel, row by row.
    pub indices: Vec<u8>,
}

fn key(px: &[u8]) -> u32 {
    u32::from(px[0]) << 16 | u32::from(px[1]) << 8 | u32::from(px[2])
}

impl<'a> Quantizer<'a> {
    /// Counts the colours of `image`; `None` for an empty image.
    pub fn new(image: &'a RgbImage) -> Option<Self> {
        let mut positions: FxHashMap<u32, u32> = FxHashMap::default();
        let mut colors: Vec<Srgb<u8>> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut last: Option<(u32, usize)> = None;
        for px in image.as_raw().chunks_exact(3) {
            let k = key(px);
            let at = match last {
                Some((lk, at)) if lk == k => at,
                _ => {
                    let at = *positions.entry(k).or_insert_with(|| {
                        colors.push(Srgb::new(px[0], px[1], px[2]));
                        counts.push(0);
                        (colors.len() - 1) as u32
                    }) as usize;
                    last = Some((k, at));
                    at
                }
            };
            counts[at] += 1;
        }
        let oklab = srgb8_to_oklab(&colors);
        let histogram = PaletteCounts::new(oklab.clone(), counts).ok()?;
        let wu = WuF32x3::run_palette_counts(&histogram, BinnerF32x3::oklab_from_srgb8())?;
        Some(Quantizer { image, positions, oklab, wu })
    }

    /// Width and height of the image.
    pub fn dimensions(&self) -> (u32, u32) {
        self.image.dimensions()
    }

    /// The image reduced to at most `colors` colours (no dithering: it
    /// speckles text edges and compresses worse).
    pub fn quantize(&self, colors: u16) -> Option<Quantized> {
        let size = PaletteSize::try_from(colors).ok()?;
        let map = self.wu.color_map(size);
        let of_distinct = map.map_to_indices(&self.oklab);
        let palette = oklab_to_srgb8(map.palette()).into_iter().map(|c| [c.red, c.green, c.blue]).collect();
        let mut indices = Vec::with_capacity(self.image.as_raw().len() / 3);
        let mut last: Option<(u32, u8)> = None;
        for px in self.image.as_raw().chunks_exact(3) {
            let k = key(px);
            let index = match last {
                Some((lk, i)) if lk == k => i,
                _ => {
                    // Every colour was counted in `new`, from the same pixels.
                    let at = self.positions.get(&k).copied().unwrap_or(0) as usize;
                    let i = of_distinct.get(at).copied().unwrap_or(0);
                    last = Some((k, i));
                    i
                }
            };
            indices.push(index);
        }
        Some(Quantized { palette, indices })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ui(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let text = (y / 12) % 3 == 1 && (x / 5) % 7 < 4 && ((x * 7 + y * 13) % 11) < 6;
            if text {
                image::Rgb([30, (x % 50) as u8, 30])
            } else {
                image::Rgb([240, 240 - (y % 90) as u8, 235 + (x % 8) as u8])
            }
        })
    }

    #[test]
    fn palettes_hold_at_most_the_colours_asked_and_map_every_pixel() {
        let img = ui(300, 200);
        let q = Quantizer::new(&img).unwrap();
        for colors in [256u16, 128, 64, 32] {
            let out = q.quantize(colors).unwrap();
            assert!(out.palette.len() <= usize::from(colors));
            assert_eq!(out.indices.len(), 300 * 200);
            assert!(out.indices.iter().all(|&i| usize::from(i) < out.palette.len()));
        }
    }

    #[test]
    fn matches_quantettes_own_pipeline() {
        use quantette::{ImageRef, Pipeline, QuantizeMethod};
        let img = ui(320, 240);
        let ours = Quantizer::new(&img).unwrap().quantize(64).unwrap();
        let theirs = Pipeline::new()
            .palette_size(PaletteSize::try_from(64u16).unwrap())
            .quantize_method(QuantizeMethod::Wu)
            .ditherer(None)
            .dedup(true)
            .input_image(ImageRef::try_from(&img).unwrap())
            .output_srgb8_indexed_image();
        let (palette, indices) = theirs.into_parts();
        let theirs_px: Vec<[u8; 3]> =
            indices.iter().map(|&i| palette[usize::from(i)]).map(|c| [c.red, c.green, c.blue]).collect();
        let ours_px: Vec<[u8; 3]> = ours.indices.iter().map(|&i| ours.palette[usize::from(i)]).collect();
        assert!(ours_px == theirs_px, "the quantised pixels differ from quantette's pipeline");
    }

    #[test]
    fn few_colours_come_through_exactly() {
        let img = RgbImage::from_fn(64, 64, |x, y| {
            [image::Rgb([255, 0, 0]), image::Rgb([0, 0, 255]), image::Rgb([250, 250, 250])]
                [((x / 8 + y / 8) % 3) as usize]
        });
        let out = Quantizer::new(&img).unwrap().quantize(32).unwrap();
        for (px, &i) in img.pixels().zip(&out.indices) {
            assert_eq!(out.palette[usize::from(i)], px.0);
        }
    }
}

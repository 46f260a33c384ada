//! What the detector looks at: the image pooled into a grid of samples,
//! one per `step`×`step` block, each the most colourful pixel of its block.
//!
//! On 2× and denser screens no pen is thinner than two pixels, so testing a
//! quarter of the pixels finds every stroke; taking the most colourful pixel
//! of each block rather than a fixed one keeps a one-pixel line (a shape
//! tool's outline on a HiDPI desktop) from falling between the samples.
//! Pixels that are transparent or under another region are never read: a
//! block with nothing else in it reads as neutral grey, which is never ink.

use image::RgbaImage;

use crate::geometry::Coverage;

/// Least chroma (spread between the strongest and the weakest channel) of
/// a sample that may be ink: a marker of chroma 80 at opacity 0.2 over grey
/// has 16, and JPEG takes a little.
pub(super) const MIN_CHROMA: u8 = 12;

/// The grey that stands for pixels that may not be read.
const OFF_LIMITS: [u8; 3] = [128; 3];

/// The pooled image.
pub(super) struct Grid {
    /// Size in samples.
    pub width: u32,
    pub height: u32,
    /// The image's size in pixels.
    pub image_width: u32,
    pub image_height: u32,
    /// One colour per sample, row by row.
    pub rgb: Vec<[u8; 3]>,
    /// Indices of the samples of at least [`MIN_CHROMA`], in row order:
    /// the only ones that can be ink over a neutral background, and what
    /// every later stage starts from.
    pub chromatic: Vec<u32>,
}

#[inline]
fn chroma(p: &[u8]) -> u8 {
    p[0].max(p[1]).max(p[2]) - p[0].min(p[1]).min(p[2])
}

impl Grid {
    /// Pools `image` by `step` (1 keeps every pixel), skipping what
    /// `hidden` covers.
    pub fn new(image: &RgbaImage, hidden: Option<&Coverage>, step: u32) -> Grid {
        let step = step.max(1);
        let (w, h) = image.dimensions();
        let (sw, sh) = (w.div_ceil(step), h.div_ceil(step));
        let mut rgb = vec![OFF_LIMITS; sw as usize * sh as usize];
        let mut best = vec![0u8; sw as usize];
        let mut chromatic = Vec::new();
        let row_bytes = w as usize * 4;
        let raw = image.as_raw();
        for sy in 0..sh {
            best.fill(0);
            let out = &mut rgb[(sy * sw) as usize..((sy + 1) * sw) as usize];
            let mut seen = vec![false; if hidden.is_some() { sw as usize } else { 0 }];
            for y in sy * step..((sy + 1) * step).min(h) {
                let row = &raw[y as usize * row_bytes..(y as usize + 1) * row_bytes];
                for (x, px) in row.chunks_exact(4).enumerate() {
                    let sx = x / step as usize;
                    if px[3] < 128 {
                        continue;
                    }
                    if let Some(cov) = hidden {
                        if cov.is_covered(x as u32, y) {
                            continue;
                        }
                        // The first readable pixel of a block stands for it
                        // even when it is grey.
                        if !seen[sx] {
                            seen[sx] = true;
                            out[sx] = [px[0], px[1], px[2]];
                            best[sx] = chroma(px);
                            continue;
                        }
                    } else if (y % step == 0) && (x as u32).is_multiple_of(step) {
                        out[sx] = [px[0], px[1], px[2]];
                        best[sx] = chroma(px);
                        continue;
                    }
                    let c = chroma(px);
                    if c > best[sx] {
                        best[sx] = c;
                        out[sx] = [px[0], px[1], px[2]];
                    }
                }
            }
            for (sx, &c) in best.iter().enumerate() {
                if c >= MIN_CHROMA {
                    chromatic.push(sy * sw + sx as u32);
                }
            }
        }
        Grid { width: sw, height: sh, image_width: w, image_height: h, rgb, chromatic }
    }

    /// The sample at `(x, y)`.
    #[inline]
    pub fn at(&self, x: u32, y: u32) -> [u8; 3] {
        self.rgb[(y * self.width + x) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_pixel_line_on_odd_rows_and_columns_survives_pooling() {
        let mut img = RgbaImage::from_pixel(40, 40, image::Rgba([255, 255, 255, 255]));
        for i in 0..40 {
            img.put_pixel(i, 11, image::Rgba([255, 0, 255, 255]));
            img.put_pixel(21, i, image::Rgba([255, 0, 255, 255]));
        }
        let grid = Grid::new(&img, None, 2);
        assert_eq!((grid.width, grid.height), (20, 20));
        assert!((0..20).all(|x| grid.at(x, 5) == [255, 0, 255]));
        assert!((0..20).all(|y| grid.at(10, y) == [255, 0, 255]));
        assert_eq!(grid.at(3, 3), [255, 255, 255]);
        assert_eq!(grid.chromatic.len(), 39);
    }

    #[test]
    fn hidden_and_transparent_pixels_are_never_read() {
        let mut img = RgbaImage::from_pixel(4, 4, image::Rgba([255, 0, 255, 255]));
        img.put_pixel(3, 3, image::Rgba([255, 0, 255, 0]));
        let regions = [crate::regions::Region::rect(
            crate::regions::PixelRect { x: 0, y: 0, w: 2, h: 2 },
            crate::regions::Source::Box,
            crate::mask::MaskStyle::Mosaic,
        )];
        let cov = Coverage::of_regions(4, 4, &regions);
        let grid = Grid::new(&img, Some(&cov), 2);
        assert_eq!(grid.at(0, 0), OFF_LIMITS);
        assert_eq!(grid.at(1, 1), [255, 0, 255]);
        let grid = Grid::new(&img, Some(&cov), 1);
        assert_eq!(grid.at(3, 3), OFF_LIMITS);
        assert_eq!(grid.at(1, 1), OFF_LIMITS);
        assert_eq!(grid.at(2, 1), [255, 0, 255]);
    }
}

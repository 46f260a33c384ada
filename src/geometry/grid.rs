//! Regions on lossy inputs grow to whole compression blocks.
//!
//! A JPEG stores each block (8×8 pixels, 16×16 with halved chroma) as one
//! set of frequencies, so every pixel of a block carries ringing from all
//! the others. A box drawn tightly around a PIN leaves the rest of the
//! PIN's blocks visible, and those pixels are enough to tell the digits
//! apart: the candidate-matching attack test recovers every PIN from them.
//! So on JPEG inputs each region grows to the blocks it touches, plus the
//! reach of chroma upsampling (which blends a block's colour into the
//! first pixels of its neighbours).

use image::metadata::Orientation;

use super::PixelRect;

/// How far chroma upsampling carries a block's colour into its neighbours,
/// in pixels (one chroma sample, two pixels with halved chroma).
pub const UPSAMPLING_REACH: u32 = 2;

/// A grid of compression blocks in upright image coordinates: block edges
/// lie at `offset + k × size` along each axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockGrid {
    /// Block width.
    pub width: u32,
    /// Block height.
    pub height: u32,
    /// Where block edges fall along x, modulo `width`.
    pub offset_x: u32,
    /// Where block edges fall along y, modulo `height`.
    pub offset_y: u32,
}

impl BlockGrid {
    /// The grid of `block` (width, height) blocks of a stored
    /// `stored_w`×`stored_h` image, as it lies after `orientation` is
    /// applied. Blocks start at the stored image's top-left corner; an axis
    /// that the orientation reverses ends there instead.
    pub fn upright(block: (u32, u32), stored_w: u32, stored_h: u32, orientation: Orientation) -> Self {
        use Orientation::*;
        let (bw, bh) = (block.0.max(1), block.1.max(1));
        // (block, offset) of an axis taken from the stored x or y axis.
        let x_fwd = (bw, 0);
        let x_rev = (bw, stored_w % bw);
        let y_fwd = (bh, 0);
        let y_rev = (bh, stored_h % bh);
        let (ux, uy) = match orientation {
            NoTransforms => (x_fwd, y_fwd),
            FlipHorizontal => (x_rev, y_fwd),
            FlipVertical => (x_fwd, y_rev),
            Rotate180 => (x_rev, y_rev),
            Rotate90 => (y_rev, x_fwd),
            Rotate270 => (y_fwd, x_rev),
            Rotate90FlipH => (y_fwd, x_fwd),
            Rotate270FlipH => (y_rev, x_rev),
        };
        BlockGrid { width: ux.0, height: uy.0, offset_x: ux.1, offset_y: uy.1 }
    }

    /// `rect` grown to whole blocks, then by [`UPSAMPLING_REACH`], clamped to
    /// a `width`×`height` image.
    pub fn cover(&self, rect: PixelRect, width: u32, height: u32) -> PixelRect {
        let down = |v: u32, size: u32, off: u32| {
            let v = i64::from(v);
            v - (v - i64::from(off)).rem_euclid(i64::from(size))
        };
        let up = |v: u32, size: u32, off: u32| {
            let v = i64::from(v);
            v + (i64::from(off) - v).rem_euclid(i64::from(size))
        };
        let reach = i64::from(UPSAMPLING_REACH);
        let x0 = (down(rect.x, self.width, self.offset_x) - reach).max(0) as u32;
        let y0 = (down(rect.y, self.height, self.offset_y) - reach).max(0) as u32;
        let x1 = (up(rect.right(), self.width, self.offset_x) + reach).min(i64::from(width)) as u32;
        let y1 = (up(rect.bottom(), self.height, self.offset_y) + reach).min(i64::from(height)) as u32;
        PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{DynamicImage, Luma};

    #[test]
    fn boxes_grow_to_whole_blocks_and_the_upsampling_reach() {
        let grid = BlockGrid { width: 16, height: 8, offset_x: 0, offset_y: 0 };
        let r = grid.cover(PixelRect { x: 20, y: 9, w: 10, h: 3 }, 100, 100);
        assert_eq!(r, PixelRect { x: 14, y: 6, w: 20, h: 12 });
        // Already on the grid: only the reach is added; clamped at the edges.
        let r = grid.cover(PixelRect { x: 0, y: 0, w: 16, h: 8 }, 17, 9);
        assert_eq!(r, PixelRect { x: 0, y: 0, w: 17, h: 9 });
        let shifted = BlockGrid { width: 8, height: 8, offset_x: 3, offset_y: 5 };
        let r = shifted.cover(PixelRect { x: 4, y: 4, w: 1, h: 1 }, 100, 100);
        assert_eq!(r, PixelRect { x: 1, y: 0, w: 12, h: 7 });
    }

    #[test]
    fn the_grid_follows_every_orientation() {
        use Orientation::*;
        // Label each stored pixel with its block, orient the image as the
        // loader does, and check that the predicted grid's cells are
        // exactly the labelled blocks.
        let (sw, sh, bw, bh) = (37u32, 23u32, 16u32, 8u32);
        let stored = image::ImageBuffer::from_fn(sw, sh, |x, y| Luma([((y / bh) * 10 + x / bw) as u16]));
        for o in
            [NoTransforms, FlipHorizontal, FlipVertical, Rotate180, Rotate90, Rotate270, Rotate90FlipH, Rotate270FlipH]
        {
            let mut img = DynamicImage::ImageLuma16(stored.clone());
            img.apply_orientation(o);
            let img = img.to_luma16();
            let g = BlockGrid::upright((bw, bh), sw, sh, o);
            for y in 0..img.height() {
                for x in 0..img.width() {
                    let same_cell_right =
                        x + 1 < img.width() && !(x + 1 + g.width - g.offset_x).is_multiple_of(g.width);
                    let same_cell_below =
                        y + 1 < img.height() && !(y + 1 + g.height - g.offset_y).is_multiple_of(g.height);
                    let here = img.get_pixel(x, y);
                    if same_cell_right {
                        assert_eq!(here, img.get_pixel(x + 1, y), "{o:?} at {x},{y}");
                    } else if x + 1 < img.width() {
                        assert_ne!(here, img.get_pixel(x + 1, y), "{o:?} at {x},{y}");
                    }
                    if same_cell_below {
                        assert_eq!(here, img.get_pixel(x, y + 1), "{o:?} at {x},{y}");
                    } else if y + 1 < img.height() {
                        assert_ne!(here, img.get_pixel(x, y + 1), "{o:?} at {x},{y}");
                    }
                }
            }
        }
    }
}

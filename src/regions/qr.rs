//! QR codes: payment and friend-add codes carry identities, so a rule with
//! `detect = "qr"` hides every code found, read or not. Finding is rqrr's:
//! its three finder patterns and timing checks need no OCR.
//!
//! The image is made black and white here rather than by rqrr: its
//! per-pixel running averages take half its time on a phone screenshot, and
//! comparing each pixel with the mean of the 96×96 block around it does the
//! same job for crisp screen content in a fraction of it.

use image::GrayImage;
use rqrr::BitGrid;

use super::PixelRect;

/// The bounding box of every QR code in the image, grown by one module so
/// the rounded corners of a code drawn at an angle stay covered.
pub fn find(gray: &GrayImage) -> Vec<PixelRect> {
    let (w, h) = gray.dimensions();
    let raw = gray.as_raw();
    let width = w as usize;
    let thresholds = Thresholds::of(gray);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_bitmap(width, h as usize, |x, y| raw[y * width + x] < thresholds.at(x, y));
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|grid| {
            let xs = grid.bounds.iter().map(|p| f64::from(p.x));
            let ys = grid.bounds.iter().map(|p| f64::from(p.y));
            let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
            let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
            let module = (x1 - x0).max(y1 - y0) / grid.grid.size().max(1) as f64;
            let m = module.ceil() + 1.0;
            PixelRect::outward(x0 - m, y0 - m, x1 - x0 + 2.0 * m, y1 - y0 + 2.0 * m, w, h)
        })
        .collect()
}

/// Tile size of the black-and-white threshold.
const TILE: usize = 32;

/// Per 32×32 tile, the value under which a pixel counts as black: 95% of the
/// mean of the tile and its eight neighbours (as rqrr does along rows).
struct Thresholds {
    tiles_x: usize,
    values: Vec<u8>,
}

impl Thresholds {
    fn of(gray: &GrayImage) -> Self {
        let (w, h) = (gray.width() as usize, gray.height() as usize);
        let (tiles_x, tiles_y) = (w.div_ceil(TILE), h.div_ceil(TILE));
        let mut sums = vec![0u64; tiles_x * tiles_y];
        let mut counts = vec![0u64; tiles_x * tiles_y];
        for (y, row) in gray.as_raw().chunks_exact(w.max(1)).enumerate() {
            let ty = y / TILE;
            for (tx, block) in row.chunks(TILE).enumerate() {
                sums[ty * tiles_x + tx] += block.iter().map(|&v| u64::from(v)).sum::<u64>();
                counts[ty * tiles_x + tx] += block.len() as u64;
            }
        }
        let mut values = vec![0u8; tiles_x * tiles_y];
        for ty in 0..tiles_y {
            for tx in 0..tiles_x {
                let (mut s, mut n) = (0u64, 0u64);
                for ny in ty.saturating_sub(1)..(ty + 2).min(tiles_y) {
                    for nx in tx.saturating_sub(1)..(tx + 2).min(tiles_x) {
                        s += sums[ny * tiles_x + nx];
                        n += counts[ny * tiles_x + nx];
                    }
                }
                values[ty * tiles_x + tx] = (s * 95 / (100 * n.max(1))).min(255) as u8;
            }
        }
        Thresholds { tiles_x, values }
    }

    fn at(&self, x: usize, y: usize) -> u8 {
        self.values[(y / TILE) * self.tiles_x + x / TILE]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A chat-like gray screen with a QR code of `module` px modules at (x, y).
    fn screen_with_qr(x: u32, y: u32, module: u32) -> (GrayImage, PixelRect) {
        screen_with_tinted_qr(x, y, module, 15, 255)
    }

    /// The same, with dark modules of gray `dark` on a card of gray `light`.
    fn screen_with_tinted_qr(x: u32, y: u32, module: u32, dark: u8, light: u8) -> (GrayImage, PixelRect) {
        let code = qrcode::QrCode::new(b"https://pay.example/u/8231-4410-2291").unwrap();
        let n = code.width() as u32;
        let colors = code.to_colors();
        let mut img = GrayImage::from_fn(360, 720, |_, yy| Luma([if yy < 30 { 240 } else { 210 }]));
        // White card with a quiet zone, then the modules.
        for yy in y - 4 * module..y + (n + 4) * module {
            for xx in x - 4 * module..x + (n + 4) * module {
                img.put_pixel(xx, yy, Luma([light]));
            }
        }
        for (i, c) in colors.iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let (mx, my) = (i as u32 % n, i as u32 / n);
                for yy in 0..module {
                    for xx in 0..module {
                        img.put_pixel(x + mx * module + xx, y + my * module + yy, Luma([dark]));
                    }
                }
            }
        }
        (img, PixelRect { x, y, w: n * module, h: n * module })
    }

    #[test]
    fn finds_a_qr_code_and_covers_all_of_it() {
        let (img, code) = screen_with_qr(70, 300, 4);
        let found = find(&img);
        assert_eq!(found.len(), 1, "{found:?}");
        let r = found[0];
        assert!(
            r.x <= code.x && r.y <= code.y && r.right() >= code.right() && r.bottom() >= code.bottom(),
            "{r:?} vs {code:?}"
        );
        // Not much more than the code and its one-module margin.
        assert!(r.w <= code.w + 4 * 4 && r.h <= code.h + 4 * 4, "{r:?} vs {code:?}");
    }

    #[test]
    fn finds_small_and_low_contrast_codes() {
        for (module, dark, light) in [(3, 15, 255), (8, 15, 255), (4, 70, 200), (4, 120, 250)] {
            let (img, code) = screen_with_tinted_qr(40, 200, module, dark, light);
            let found = find(&img);
            assert_eq!(found.len(), 1, "module {module}, {dark} on {light}: {found:?}");
            let r = found[0];
            assert!(r.x <= code.x && r.y <= code.y && r.right() >= code.right() && r.bottom() >= code.bottom());
        }
    }

    #[test]
    fn finds_nothing_on_a_screen_without_codes() {
        let img = GrayImage::from_fn(360, 720, |x, y| Luma([((x / 9 + y / 13) % 2 * 200) as u8]));
        assert!(find(&img).is_empty());
    }
}

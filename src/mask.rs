//! Hiding regions so that nothing of what was there can be recovered.
//!
//! Pixelation and blur of the real pixels are reversible (Depix, candidate
//! matching, deconvolution), so no style here ever reads a pixel inside a
//! region. Every style paints from a *surround* sampled only from pixels
//! outside all regions, plus a fixed seed and the region's geometry:
//!
//! - `fill` paints one colour (given, or the most common colour just outside);
//! - `mosaic` paints square blocks shading from the surrounding colours
//!   towards a seeded text-like pattern: it looks pixelated and carries nothing;
//! - `blur` paints the same kind of pattern, smoothed, so it looks like
//!   smudged text fading into its surroundings.
//!
//! Two images that differ only inside the regions therefore come out
//! identical, which the tests check byte for byte.

use image::RgbaImage;

pub use crate::geometry::{Coverage, FillColor, MaskStyle};
use crate::geometry::{PixelRect, Region};
use crate::spec::Rgb;

/// The fixed seed of the mosaic and blur patterns. Never derived from the
/// image or its path: that could leak whether two secrets were equal.
const SEED: u64 = 0x5348_4f54_4d41_534b;

/// Masks every region of `image` in place (`coverage`: the pixels they
/// cover), and makes the rest safe too: RGB hidden under fully transparent
/// pixels is zeroed, masked pixels are opaque.
pub fn apply(image: &mut RgbaImage, regions: &[Region], coverage: &Coverage) {
    for px in image.pixels_mut() {
        if px.0[3] == 0 {
            px.0 = [0, 0, 0, 0];
        }
    }
    // Sample every surround before painting anything. Painting only touches
    // covered pixels and sampling only reads uncovered ones, so this order is
    // not needed for safety; it keeps each region independent of the others.
    let surrounds: Vec<Surround> = regions.iter().map(|r| Surround::sample(image, coverage, r.bounds())).collect();
    let mut fallback: Option<[f32; 3]> = None;
    for (region, surround) in regions.iter().zip(surrounds) {
        let surround = if surround.is_empty() {
            let bg = *fallback.get_or_insert_with(|| uncovered_mode(image, coverage));
            surround.with_background(bg)
        } else {
            surround
        };
        paint(image, region, &surround);
    }
}

fn paint(image: &mut RgbaImage, region: &Region, s: &Surround) {
    let spans = region.spans();
    match region.style {
        MaskStyle::Fill(color) => {
            let c = match color {
                FillColor::Solid(Rgb(c)) => c,
                FillColor::Auto => to_u8(s.background),
            };
            for span in &spans {
                for x in span.x0..span.x1 {
                    image.put_pixel(x, span.y, image::Rgba([c[0], c[1], c[2], 255]));
                }
            }
        }
        MaskStyle::Mosaic => {
            let grid = mosaic_grid(s);
            for span in &spans {
                let gy = ((span.y - s.rect.y) / grid.cell) as usize;
                for x in span.x0..span.x1 {
                    let gx = ((x - s.rect.x) / grid.cell) as usize;
                    let c = grid.colors[gy * grid.cols + gx];
                    image.put_pixel(x, span.y, image::Rgba([c[0], c[1], c[2], 255]));
                }
            }
        }
        MaskStyle::Blur => {
            let grid = blur_grid(s);
            for span in &spans {
                for x in span.x0..span.x1 {
                    let c = grid.sample(x - s.rect.x, span.y - s.rect.y);
                    image.put_pixel(x, span.y, image::Rgba([c[0], c[1], c[2], 255]));
                }
            }
        }
    }
}

/// Colours sampled around a region from uncovered pixels only.
struct Surround {
    rect: PixelRect,
    /// Smoothed colour along each side (per column for top/bottom, per row
    /// for left/right); `None` where the side is off the image or covered.
    top: Option<Vec<[f32; 3]>>,
    bottom: Option<Vec<[f32; 3]>>,
    left: Option<Vec<[f32; 3]>>,
    right: Option<Vec<[f32; 3]>>,
    /// The most common colour in the ring just outside.
    background: [f32; 3],
    /// A contrasting colour for the pattern (text colour seen around, or a
    /// shade of the background).
    ink: [f32; 3],
    sampled: usize,
}

/// How deep the ring outside a region is sampled, in pixels.
const RING: u32 = 3;

impl Surround {
    fn sample(image: &RgbaImage, coverage: &Coverage, rect: PixelRect) -> Self {
        let window = (rect.w.min(rect.h) / 4).clamp(3, 24);
        let (width, height) = image.dimensions();
        let read = |x: u32, y: u32| -> Option<[f32; 3]> {
            if coverage.is_covered(x, y) {
                return None;
            }
            let p = image.get_pixel(x, y).0;
            // Composite transparent surroundings over white, as viewers show them.
            let a = f32::from(p[3]) / 255.0;
            Some([0, 1, 2].map(|i| f32::from(p[i]) * a + 255.0 * (1.0 - a)))
        };
        let rows_above = rect.y.saturating_sub(RING)..rect.y;
        let rows_below = rect.bottom()..rect.bottom().saturating_add(RING).min(height);
        let cols_left = rect.x.saturating_sub(RING)..rect.x;
        let cols_right = rect.right()..rect.right().saturating_add(RING).min(width);

        let horizontal = |rows: std::ops::Range<u32>| {
            side_profile(rect.x, rect.w, width, window, |x| rows.clone().filter_map(|y| read(x, y)).collect())
        };
        let vertical = |cols: std::ops::Range<u32>| {
            side_profile(rect.y, rect.h, height, window, |y| cols.clone().filter_map(|x| read(x, y)).collect())
        };
        let top = horizontal(rows_above.clone());
        let bottom = horizontal(rows_below.clone());
        let left = vertical(cols_left.clone());
        let right = vertical(cols_right.clone());

        // The ring itself, corners included, for the colour statistics.
        let mut ring = Vec::new();
        let xs = rect.x.saturating_sub(RING)..rect.right().saturating_add(RING).min(width);
        for y in rows_above.chain(rows_below) {
            ring.extend(xs.clone().filter_map(|x| read(x, y)));
        }
        for y in rect.y..rect.bottom() {
            ring.extend(cols_left.clone().chain(cols_right.clone()).filter_map(|x| read(x, y)));
        }
        let background = dominant(&ring, |_| true).map(|(c, _)| c).unwrap_or([128.0; 3]);
        let ink = ink_for(&ring, background);
        Surround { rect, top, bottom, left, right, background, ink, sampled: ring.len() }
    }

    fn is_empty(&self) -> bool {
        self.sampled == 0
    }

    fn with_background(mut self, bg: [f32; 3]) -> Self {
        self.background = bg;
        self.ink = ink_for(&[], bg);
        self
    }

    /// The surrounding colour carried into the region at `(x, y)`: the four
    /// sides blended by inverse squared distance.
    fn base_at(&self, x: u32, y: u32) -> [f32; 3] {
        let r = self.rect;
        let (dx, dy) = ((x - r.x) as usize, (y - r.y) as usize);
        let mut acc = [0.0f32; 3];
        let mut total = 0.0f32;
        let mut add = |side: &Option<Vec<[f32; 3]>>, i: usize, dist: u32| {
            if let Some(v) = side {
                let w = 1.0 / (dist as f32 + 1.0).powi(2);
                for c in 0..3 {
                    acc[c] += w * v[i][c];
                }
                total += w;
            }
        };
        add(&self.top, dx, y - r.y);
        add(&self.bottom, dx, r.bottom() - 1 - y);
        add(&self.left, dy, x - r.x);
        add(&self.right, dy, r.right() - 1 - x);
        if total == 0.0 { self.background } else { acc.map(|a| a / total) }
    }
}

/// The colour along one side of a region, smoothed over ±`window` pixels.
/// `samples(pos)` returns the uncovered ring pixels at one position along the
/// side. Positions with nothing nearby take the nearest sampled value; a side
/// with nothing at all is `None`.
fn side_profile(
    start: u32,
    len: u32,
    limit: u32,
    window: u32,
    samples: impl Fn(u32) -> Vec<[f32; 3]>,
) -> Option<Vec<[f32; 3]>> {
    let lo = start.saturating_sub(window);
    let hi = start.saturating_add(len).saturating_add(window).min(limit);
    // Prefix sums of colour and count along the side.
    let mut sums = vec![([0.0f64; 3], 0u32)];
    for pos in lo..hi {
        let (mut acc, mut n) = *sums.last().unwrap_or(&([0.0; 3], 0));
        for s in samples(pos) {
            for c in 0..3 {
                acc[c] += f64::from(s[c]);
            }
            n += 1;
        }
        sums.push((acc, n));
    }
    let mut out: Vec<Option<[f32; 3]>> = (start..start + len)
        .map(|pos| {
            let a = (pos.saturating_sub(window).max(lo) - lo) as usize;
            let b = (pos.saturating_add(window + 1).min(hi) - lo) as usize;
            let (s1, n1) = sums[b];
            let (s0, n0) = sums[a];
            let n = n1 - n0;
            (n > 0).then(|| [0, 1, 2].map(|c| ((s1[c] - s0[c]) / f64::from(n)) as f32))
        })
        .collect();
    if out.iter().all(Option::is_none) {
        return None;
    }
    // Fill gaps from the nearest sampled position: forwards, then backwards.
    let mut last = None;
    for v in out.iter_mut() {
        match v {
            Some(c) => last = Some(*c),
            None => *v = last,
        }
    }
    let mut next = None;
    for v in out.iter_mut().rev() {
        match v {
            Some(c) => next = Some(*c),
            None => *v = next,
        }
    }
    Some(out.into_iter().map(|v| v.unwrap_or([128.0; 3])).collect())
}

/// The most common colour among `samples` that pass `keep` (binned at 4 bits
/// per channel, then averaged inside the bin), with its share of the samples.
fn dominant(samples: &[[f32; 3]], keep: impl Fn(&[f32; 3]) -> bool) -> Option<([f32; 3], f32)> {
    let mut bins = std::collections::HashMap::<u16, ([f64; 3], u32)>::new();
    for s in samples.iter().filter(|s| keep(s)) {
        let key = s.iter().fold(0u16, |k, &v| (k << 4) | ((v.clamp(0.0, 255.0) as u16) >> 4));
        let e = bins.entry(key).or_insert(([0.0; 3], 0));
        for (acc, v) in e.0.iter_mut().zip(s) {
            *acc += f64::from(*v);
        }
        e.1 += 1;
    }
    // Ties break on the bin key so the result never depends on hash order.
    let (_, (sum, n)) = bins.into_iter().max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))?;
    Some((sum.map(|v| (v / f64::from(n)) as f32), n as f32 / samples.len().max(1) as f32))
}

/// A colour for the pattern: the commonest colour around that clearly differs
/// from the background (the text colour, when text runs past the region), or
/// else a shade of the background.
fn ink_for(ring: &[[f32; 3]], bg: [f32; 3]) -> [f32; 3] {
    let far = |c: &[f32; 3]| (0..3).map(|i| (c[i] - bg[i]).abs()).fold(0.0, f32::max) > 60.0;
    if let Some((c, share)) = dominant(ring, far)
        && share >= 0.03
    {
        return c;
    }
    let luma = 0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2];
    if luma > 110.0 { bg.map(|v| v * 0.35) } else { bg.map(|v| v + (255.0 - v) * 0.55) }
}

/// The most common colour of the uncovered pixels of the whole image, for
/// regions with nothing uncovered around them; grey if everything is covered.
fn uncovered_mode(image: &RgbaImage, coverage: &Coverage) -> [f32; 3] {
    let samples: Vec<[f32; 3]> = image
        .enumerate_pixels()
        .filter(|(x, y, _)| !coverage.is_covered(*x, *y))
        .step_by(7)
        .map(|(_, _, p)| [f32::from(p.0[0]), f32::from(p.0[1]), f32::from(p.0[2])])
        .collect();
    dominant(&samples, |_| true).map(|(c, _)| c).unwrap_or([128.0; 3])
}

/// Cell colours over a region's bounding rectangle.
struct Grid {
    cell: u32,
    cols: usize,
    rows: usize,
    colors: Vec<[u8; 3]>,
}

impl Grid {
    /// Bilinear sample between cell centres, at pixel `(dx, dy)` of the rectangle.
    fn sample(&self, dx: u32, dy: u32) -> [u8; 3] {
        let fx = ((dx as f32 + 0.5) / self.cell as f32 - 0.5).clamp(0.0, (self.cols - 1) as f32);
        let fy = ((dy as f32 + 0.5) / self.cell as f32 - 0.5).clamp(0.0, (self.rows - 1) as f32);
        let (x0, y0) = (fx.floor() as usize, fy.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.cols - 1), (y0 + 1).min(self.rows - 1));
        let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
        let at = |x: usize, y: usize| self.colors[y * self.cols + x];
        let mut out = [0u8; 3];
        for (c, o) in out.iter_mut().enumerate() {
            let top = f32::from(at(x0, y0)[c]) * (1.0 - tx) + f32::from(at(x1, y0)[c]) * tx;
            let bot = f32::from(at(x0, y1)[c]) * (1.0 - tx) + f32::from(at(x1, y1)[c]) * tx;
            *o = (top * (1.0 - ty) + bot * ty).round().clamp(0.0, 255.0) as u8;
        }
        out
    }
}

/// Mosaic blocks: a third of the region's short side (6–40 px), each block
/// the surround's colour at its centre, shaded towards the ink colour by a
/// seeded, text-like amount.
fn mosaic_grid(s: &Surround) -> Grid {
    let r = s.rect;
    let cell = (r.w.min(r.h) / 3).clamp(6, 40);
    let (cols, rows) = (r.w.div_ceil(cell) as usize, r.h.div_ceil(cell) as usize);
    let mut colors = Vec::with_capacity(cols * rows);
    // Large areas (a whole screen around a `--keep` box) look calmer with
    // less "text" in them.
    let density = if rows > 4 { 0.6 } else { 1.0 };
    for gy in 0..rows {
        // Rows of a fake text line: light, dark, medium, repeating.
        let row_weight = [0.5, 1.0, 0.7][gy % 3] * density;
        for gx in 0..cols {
            let cx = (r.x + gx as u32 * cell + cell / 2).min(r.right() - 1);
            let cy = (r.y + gy as u32 * cell + cell / 2).min(r.bottom() - 1);
            let base = s.base_at(cx, cy);
            let h = hash(r, gx as u32, gy as u32);
            let (u, v, jitter) = (unit(h), unit(h >> 21), unit(h >> 42) - 0.5);
            let t = if u < 0.55 * row_weight { 0.25 + 0.45 * v } else { 0.07 * v };
            colors.push(mix(base, s.ink, t, jitter * 6.0));
        }
    }
    Grid { cell, cols, rows, colors }
}

/// Blur: a coarser seeded pattern of "words" on "lines", smoothed twice and
/// faded out towards the region's edges, sampled bilinearly.
fn blur_grid(s: &Surround) -> Grid {
    let r = s.rect;
    let cell = (r.w.min(r.h) / 5).clamp(3, 20);
    let (cols, rows) = (r.w.div_ceil(cell) as usize, r.h.div_ceil(cell) as usize);
    let mut ink = vec![0.0f32; cols * rows];
    for gy in 0..rows {
        let line = [0.35, 1.0, 0.8, 0.0][gy % 4];
        let mut gx = 0;
        let mut word = 0u32;
        while gx < cols {
            // Runs of 2–6 cells on, 1–2 off, like words and spaces.
            let h = hash(r, word, gy as u32);
            let on = 2 + (h % 5) as usize;
            let off = 1 + ((h >> 8) % 2) as usize;
            for i in gx..(gx + on).min(cols) {
                ink[gy * cols + i] = line * (0.55 + 0.45 * unit(h >> 16));
            }
            gx += on + off;
            word += 1;
        }
    }
    for _ in 0..2 {
        ink = smooth(&ink, cols, rows);
    }
    let mut colors = Vec::with_capacity(cols * rows);
    for gy in 0..rows {
        for gx in 0..cols {
            let cx = (r.x + gx as u32 * cell + cell / 2).min(r.right() - 1);
            let cy = (r.y + gy as u32 * cell + cell / 2).min(r.bottom() - 1);
            // Fade to the surround within about one and a half cells of the edge.
            let edge = (cx - r.x).min(r.right() - 1 - cx).min(cy - r.y).min(r.bottom() - 1 - cy);
            let fade = (edge as f32 / (1.5 * cell as f32)).clamp(0.0, 1.0);
            let t = ink[gy * cols + gx] * 0.6 * fade * fade * (3.0 - 2.0 * fade);
            colors.push(mix(s.base_at(cx, cy), s.ink, t, 0.0));
        }
    }
    Grid { cell, cols, rows, colors }
}

/// A [1 2 1] binomial smoothing of a grid, clamped at the borders.
fn smooth(v: &[f32], cols: usize, rows: usize) -> Vec<f32> {
    let at = |x: isize, y: isize| {
        let x = x.clamp(0, cols as isize - 1) as usize;
        let y = y.clamp(0, rows as isize - 1) as usize;
        v[y * cols + x]
    };
    let mut out = vec![0.0; v.len()];
    for y in 0..rows as isize {
        for x in 0..cols as isize {
            let mut acc = 0.0;
            for (dy, wy) in [(-1, 1.0), (0, 2.0), (1, 1.0)] {
                for (dx, wx) in [(-1, 1.0), (0, 2.0), (1, 1.0)] {
                    acc += wx * wy * at(x + dx, y + dy);
                }
            }
            out[y as usize * cols + x as usize] = acc / 16.0;
        }
    }
    out
}

fn mix(base: [f32; 3], ink: [f32; 3], t: f32, jitter: f32) -> [u8; 3] {
    [0, 1, 2].map(|c| (base[c] * (1.0 - t) + ink[c] * t + jitter).round().clamp(0.0, 255.0) as u8)
}

fn to_u8(c: [f32; 3]) -> [u8; 3] {
    c.map(|v| v.round().clamp(0.0, 255.0) as u8)
}

/// A well-mixed 64-bit hash of the seed, the region's geometry and a cell.
fn hash(r: PixelRect, a: u32, b: u32) -> u64 {
    let mut h = SEED;
    for v in [r.x, r.y, r.w, r.h, a, b] {
        h = splitmix(h ^ u64::from(v));
    }
    h
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The low 21 bits of `h` as a number in [0, 1).
fn unit(h: u64) -> f32 {
    (h & 0x1f_ffff) as f32 / 2_097_152.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `apply` with the coverage built here, as `regions::find` builds it.
    fn apply_all(image: &mut RgbaImage, regions: &[Region]) -> Coverage {
        let (w, h) = image.dimensions();
        let coverage = Coverage::of_regions(w, h, regions);
        apply(image, regions, &coverage);
        coverage
    }
    use crate::regions::{Shape, Source};

    fn noisy(w: u32, h: u32, seed: u64) -> RgbaImage {
        RgbaImage::from_fn(w, h, |x, y| {
            let v = splitmix(seed ^ (u64::from(y) << 32 | u64::from(x)));
            image::Rgba([v as u8, (v >> 8) as u8, (v >> 16) as u8, 255])
        })
    }

    fn region(style: MaskStyle, rect: PixelRect) -> Region {
        Region::rect(rect, Source::Box, style)
    }

    const STYLES: [MaskStyle; 4] = [
        MaskStyle::Mosaic,
        MaskStyle::Blur,
        MaskStyle::Fill(FillColor::Auto),
        MaskStyle::Fill(FillColor::Solid(Rgb([9, 8, 7]))),
    ];

    #[test]
    fn output_does_not_depend_on_pixels_inside() {
        let rects = [PixelRect { x: 10, y: 12, w: 40, h: 17 }, PixelRect { x: 45, y: 20, w: 20, h: 30 }];
        for style in STYLES {
            let regions: Vec<Region> = rects.iter().map(|&r| region(style, r)).collect();
            let mut a = noisy(80, 60, 1);
            let mut b = noisy(80, 60, 2);
            // Same outside, different inside.
            let cov = Coverage::of_regions(80, 60, &regions);
            for (x, y, p) in b.enumerate_pixels_mut() {
                if !cov.is_covered(x, y) {
                    *p = *a.get_pixel(x, y);
                }
            }
            apply_all(&mut a, &regions);
            apply_all(&mut b, &regions);
            assert!(a == b, "{style:?} leaks inside pixels");
        }
    }

    #[test]
    fn masked_pixels_are_opaque_and_transparent_rgb_is_zeroed() {
        let mut img = RgbaImage::from_pixel(30, 30, image::Rgba([200, 100, 50, 0]));
        let r = PixelRect { x: 5, y: 5, w: 10, h: 10 };
        apply_all(&mut img, &[region(MaskStyle::Mosaic, r)]);
        for (x, y, p) in img.enumerate_pixels() {
            if r.contains(x, y) {
                assert_eq!(p.0[3], 255);
            } else {
                assert_eq!(p.0, [0, 0, 0, 0]);
            }
        }
    }

    #[test]
    fn fill_auto_takes_the_bubble_colour() {
        let mut img = RgbaImage::from_pixel(60, 40, image::Rgba([250, 229, 76, 255]));
        for x in 20..40 {
            for y in 15..25 {
                img.put_pixel(x, y, image::Rgba([0, 0, 0, 255]));
            }
        }
        apply_all(&mut img, &[region(MaskStyle::Fill(FillColor::Auto), PixelRect { x: 18, y: 13, w: 24, h: 14 })]);
        assert_eq!(img.get_pixel(30, 20).0, [250, 229, 76, 255]);
    }

    #[test]
    fn mosaic_looks_like_blocks_of_the_surrounding_colours() {
        let mut img = RgbaImage::from_pixel(200, 60, image::Rgba([255, 255, 255, 255]));
        let r = PixelRect { x: 20, y: 10, w: 150, h: 36 };
        apply_all(&mut img, &[region(MaskStyle::Mosaic, r)]);
        // Blocks of 12 px: constant inside a block.
        assert_eq!(img.get_pixel(20, 10), img.get_pixel(31, 21));
        // Some blocks shaded (text-like), none darker than the ink.
        let lumas: Vec<u8> = (0..12).map(|i| img.get_pixel(26 + i * 12, 28).0[0]).collect();
        assert!(lumas.iter().any(|&l| l < 200), "{lumas:?}");
        assert!(lumas.iter().all(|&l| l >= 85), "{lumas:?}");
    }

    #[test]
    fn blur_blends_into_the_surroundings() {
        let mut img = RgbaImage::from_pixel(200, 80, image::Rgba([30, 60, 200, 255]));
        let r = PixelRect { x: 20, y: 10, w: 150, h: 50 };
        apply_all(&mut img, &[region(MaskStyle::Blur, r)]);
        // At the edge the colour is the surround's.
        let edge = img.get_pixel(20, 10).0;
        assert!((i32::from(edge[2]) - 200).abs() <= 12, "{edge:?}");
        // Neighbouring pixels differ only a little: it is smooth.
        for x in 21..169 {
            let (a, b) = (img.get_pixel(x, 35).0, img.get_pixel(x + 1, 35).0);
            assert!((i32::from(a[2]) - i32::from(b[2])).abs() <= 12);
        }
    }

    #[test]
    fn a_region_covering_everything_still_gets_painted() {
        let mut img = noisy(20, 20, 3);
        let before = img.clone();
        apply_all(&mut img, &[region(MaskStyle::Mosaic, PixelRect { x: 0, y: 0, w: 20, h: 20 })]);
        assert_ne!(img, before);
        let mut other = noisy(20, 20, 4);
        apply_all(&mut other, &[region(MaskStyle::Mosaic, PixelRect { x: 0, y: 0, w: 20, h: 20 })]);
        assert_eq!(img, other);
    }

    #[test]
    fn polygon_regions_leave_the_bounding_box_corners() {
        let points = vec![(10.0, 0.0), (20.0, 10.0), (10.0, 20.0), (0.0, 10.0)];
        let bounds = PixelRect { x: 0, y: 0, w: 21, h: 21 };
        let reg = Region {
            shape: Shape::Polygon { points, bounds, grow: 0 },
            source: Source::Sidecar,
            style: MaskStyle::Fill(FillColor::Solid(Rgb([255, 0, 0]))),
            label: None,
        };
        let mut img = RgbaImage::from_pixel(30, 30, image::Rgba([0, 0, 255, 255]));
        apply_all(&mut img, &[reg]);
        assert_eq!(img.get_pixel(10, 10).0, [255, 0, 0, 255]);
        assert_eq!(img.get_pixel(1, 1).0, [0, 0, 255, 255]);
    }
}

//! Finding a UI element (an icon cut from a screenshot) in a screenshot, fast
//! enough to run per image over a whole folder.
//!
//! Scores are zero-mean normalised cross-correlation (ZNCC): 1 is a perfect
//! match, 0 no likeness, and a flat background never matches, whatever its
//! brightness. imageproc's matcher scores without removing the mean (a white
//! icon then matches any white area) and sums in `f32`, so the correlation is
//! computed here, in exact integers, with imageproc's integral images for the
//! window sums.
//!
//! Coarse to fine: both images are shrunk by a factor chosen so the template
//! keeps about [`COARSE_SIDE`] pixels on its short side, every position is
//! scored there, and only the best local peaks are scored again at full size
//! in a window of ± one factor around them. On a 1080×2340 screenshot that is
//! a few milliseconds per template instead of seconds (see `benches/rules.rs`).

use image::imageops::{self, FilterType};
use image::{GrayImage, RgbaImage};
use imageproc::integral_image::{integral_image, integral_squared_image, sum_image_pixels};

use super::PixelRect;

/// Short side, in pixels, the template keeps at the coarse level.
pub const COARSE_SIDE: u32 = 8;
/// The largest shrink factor.
const MAX_FACTOR: u32 = 16;
/// How far below the threshold a coarse peak may score and still be refined:
/// shrinking blurs an element that does not sit on the block grid.
const COARSE_SLACK: f32 = 0.3;
/// At most this many coarse peaks are refined.
const MAX_CANDIDATES: usize = 32;

pub use crate::error::PatternError;

/// A UI element's picture, in gray: what a `find` rule looks for.
#[derive(Debug, Clone)]
pub struct Pattern {
    gray: GrayImage,
}

impl Pattern {
    /// A pattern from a gray picture. It must be at least 3×3 pixels and not
    /// one flat colour (that would match every flat area equally well).
    pub fn new(gray: GrayImage) -> Result<Self, PatternError> {
        let (w, h) = gray.dimensions();
        if w < 3 || h < 3 {
            return Err(PatternError::TooSmall { width: w, height: h });
        }
        let first = gray.as_raw()[0];
        if gray.as_raw().iter().all(|&v| v == first) {
            return Err(PatternError::Flat);
        }
        Ok(Pattern { gray })
    }

    /// Width and height in pixels.
    pub fn dimensions(&self) -> (u32, u32) {
        self.gray.dimensions()
    }

    /// Every place the template occurs in `image` with a score of at least
    /// `threshold`, best first, none overlapping another by more than half.
    /// `band` limits the search; `scale` resizes the template first (for a
    /// template cut at another screen density).
    pub fn find(&self, image: &GrayImage, threshold: f32, band: Option<PixelRect>, scale: f64) -> Vec<PixelRect> {
        if (scale - 1.0).abs() < 0.02 || !scale.is_finite() || scale <= 0.0 {
            return search(image, &self.gray, threshold, band);
        }
        let (w, h) = self.gray.dimensions();
        let sw = (f64::from(w) * scale).round();
        let sh = (f64::from(h) * scale).round();
        if sw < 3.0 || sh < 3.0 || sw > f64::from(image.width()) || sh > f64::from(image.height()) {
            return Vec::new();
        }
        // The bounds were just checked, so the casts cannot truncate.
        let resized = imageops::resize(&self.gray, sw as u32, sh as u32, FilterType::Triangle);
        search(image, &resized, threshold, band)
    }
}

/// The gray (luma, BT.601 weights) version of an image, for matching.
pub fn luma(image: &RgbaImage) -> GrayImage {
    let (w, h) = image.dimensions();
    let data = image
        .as_raw()
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29 + 128) >> 8) as u8)
        .collect();
    GrayImage::from_raw(w, h, data).unwrap_or_else(|| GrayImage::new(w, h))
}

/// The shrink factor for a template of this size.
fn factor_for(tw: u32, th: u32) -> u32 {
    (tw.min(th) / COARSE_SIDE).clamp(1, MAX_FACTOR)
}

fn search(image: &GrayImage, t: &GrayImage, threshold: f32, band: Option<PixelRect>) -> Vec<PixelRect> {
    let (iw, ih) = image.dimensions();
    let band = band.unwrap_or(PixelRect { x: 0, y: 0, w: iw, h: ih });
    let (tw, th) = t.dimensions();
    if band.w < tw || band.h < th {
        return Vec::new();
    }
    let copy;
    let region = if band == (PixelRect { x: 0, y: 0, w: iw, h: ih }) {
        image
    } else {
        copy = imageops::crop_imm(image, band.x, band.y, band.w, band.h).to_image();
        &copy
    };
    let f = factor_for(tw, th);
    let mut found: Vec<(f32, u32, u32)> = Vec::new();
    if f == 1 {
        let map = zncc_map(region, t);
        found.extend(peaks(&map, threshold, MAX_CANDIDATES).into_iter().map(|(x, y, s)| (s, x, y)));
    } else {
        let small = shrink(region, f);
        // The element rarely sits on the block grid: shrink the template at
        // four phases (0 and half a block, each way), so one of them is at
        // most a quarter block off.
        let half = f / 2;
        let mut candidates: Vec<(f32, u32, u32)> = Vec::new();
        for (px, py) in [(0, 0), (half, 0), (0, half), (half, half)] {
            let phase = imageops::crop_imm(t, px, py, tw - px, th - py).to_image();
            let small_t = shrink(&phase, f);
            if small_t.width() < 2 || small_t.height() < 2 {
                continue;
            }
            if small.width() < small_t.width() || small.height() < small_t.height() {
                return Vec::new();
            }
            let coarse = zncc_map(&small, &small_t);
            for (x, y, s) in peaks(&coarse, (threshold - COARSE_SLACK).max(0.2), MAX_CANDIDATES) {
                if x * f >= px && y * f >= py {
                    candidates.push((s, x * f - px, y * f - py));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Refine the best peaks at full size, ± half a block and a pixel around them.
        let reach = half + 1;
        let mut refined: Vec<(u32, u32)> = Vec::new();
        for (_, cx, cy) in candidates {
            if refined.len() >= MAX_CANDIDATES {
                break;
            }
            if refined.iter().any(|&(rx, ry)| rx.abs_diff(cx) <= reach && ry.abs_diff(cy) <= reach) {
                continue;
            }
            refined.push((cx, cy));
            let x0 = cx.saturating_sub(reach).min(band.w - tw);
            let y0 = cy.saturating_sub(reach).min(band.h - th);
            let x1 = (cx + reach).min(band.w - tw);
            let y1 = (cy + reach).min(band.h - th);
            let window = imageops::crop_imm(region, x0, y0, x1 - x0 + tw, y1 - y0 + th).to_image();
            if let Some((x, y, s)) = best(&zncc_map(&window, t)) {
                found.push((s, x0 + x, y0 + y));
            }
        }
    }
    found.retain(|&(s, _, _)| s >= threshold);
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    let mut kept: Vec<PixelRect> = Vec::new();
    for (_, x, y) in found {
        let r = PixelRect { x: band.x + x, y: band.y + y, w: tw, h: th };
        if kept.iter().all(|k| k.intersect(&r).is_none_or(|o| o.area() * 2 <= r.area())) {
            kept.push(r);
        }
    }
    kept
}

/// A score map: element (x, y) is the ZNCC of `t` placed with its top-left
/// corner at (x, y) of `img`. Size (iw − tw + 1) × (ih − th + 1).
struct ScoreMap {
    w: u32,
    h: u32,
    scores: Vec<f32>,
}

fn zncc_map(img: &GrayImage, t: &GrayImage) -> ScoreMap {
    let (iw, ih) = img.dimensions();
    let (tw, th) = t.dimensions();
    let (w, h) = (iw - tw + 1, ih - th + 1);
    let n = f64::from(tw * th);
    let (t_sum, t_sq) = t.as_raw().iter().fold((0u64, 0u64), |(s, q), &v| (s + u64::from(v), q + u64::from(v).pow(2)));
    let t_var = t_sq as f64 - (t_sum as f64).powi(2) / n;
    let sums = integral_image::<_, u64>(img);
    let squares = integral_squared_image::<_, u64>(img);
    let cross = cross_correlation(img, t);
    let mut scores = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let s = sum_image_pixels(&sums, x, y, x + tw - 1, y + th - 1)[0] as f64;
            let q = sum_image_pixels(&squares, x, y, x + tw - 1, y + th - 1)[0] as f64;
            let i_var = q - s * s / n;
            let num = cross[(y * w + x) as usize] as f64 - s * t_sum as f64 / n;
            let den = (i_var * t_var).sqrt();
            // A flat window has no pattern to match.
            let score = if i_var > 1e-6 * n && den > 0.0 { num / den } else { 0.0 };
            scores.push(score as f32);
        }
    }
    ScoreMap { w, h, scores }
}

/// Σ image × template for every placement, exactly. One output row at a
/// time, adding each template pixel times a shifted image row: the inner loop
/// runs along the row, where it vectorises (16-bit products, 32-bit sums).
fn cross_correlation(img: &GrayImage, t: &GrayImage) -> Vec<u64> {
    let (iw, ih) = img.dimensions();
    let (tw, th) = t.dimensions();
    let (w, h) = ((iw - tw + 1) as usize, (ih - th + 1) as usize);
    let (iw, tw, th) = (iw as usize, tw as usize, th as usize);
    let raw = img.as_raw();
    let traw = t.as_raw();
    if w < tw {
        return cross_correlation_by_window(img, t);
    }
    // Template rows summed in 32 bits before they could overflow.
    let rows_per_chunk = ((u64::from(u32::MAX) / (255 * 255 * tw as u64)) as usize).max(1);
    let mut out = vec![0u64; w * h];
    let mut acc = vec![0u32; w];
    for y in 0..h {
        let total = &mut out[y * w..(y + 1) * w];
        for first in (0..th).step_by(rows_per_chunk) {
            acc.fill(0);
            for r in first..(first + rows_per_chunk).min(th) {
                let row = &raw[(y + r) * iw..(y + r + 1) * iw];
                for (c, &tv) in traw[r * tw..(r + 1) * tw].iter().enumerate() {
                    if tv == 0 {
                        continue;
                    }
                    let tv = u16::from(tv);
                    for (a, &p) in acc.iter_mut().zip(&row[c..c + w]) {
                        *a += u32::from(tv * u16::from(p));
                    }
                }
            }
            for (o, &a) in total.iter_mut().zip(&acc) {
                *o += u64::from(a);
            }
        }
    }
    out
}

/// The same as [`cross_correlation`] for small score maps (refinement
/// windows), where output rows are shorter than template rows: one dot
/// product per template row, vectorised along the template row.
fn cross_correlation_by_window(img: &GrayImage, t: &GrayImage) -> Vec<u64> {
    let (iw, ih) = img.dimensions();
    let (tw, th) = t.dimensions();
    let (w, h) = ((iw - tw + 1) as usize, (ih - th + 1) as usize);
    let (iw, tw, th) = (iw as usize, tw as usize, th as usize);
    let raw = img.as_raw();
    let traw = t.as_raw();
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            let mut sum = 0u64;
            for r in 0..th {
                let a = &raw[(y + r) * iw + x..(y + r) * iw + x + tw];
                let b = &traw[r * tw..(r + 1) * tw];
                // A row of at most 66 051 products fits in 32 bits.
                let row: u32 = a.iter().zip(b).map(|(&p, &q)| u32::from(u16::from(p) * u16::from(q))).sum();
                sum += u64::from(row);
            }
            out.push(sum);
        }
    }
    out
}

/// The best score and where it is.
fn best(map: &ScoreMap) -> Option<(u32, u32, f32)> {
    let (i, s) = map.scores.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
    Some(((i as u32) % map.w, (i as u32) / map.w, *s))
}

/// Local maxima (none higher among their 8 neighbours) scoring at least
/// `min`, best first, at most `limit` of them.
fn peaks(map: &ScoreMap, min: f32, limit: usize) -> Vec<(u32, u32, f32)> {
    let (w, h) = (map.w as i64, map.h as i64);
    let at = |x: i64, y: i64| map.scores[(y * w + x) as usize];
    let mut out = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let s = at(x, y);
            if s < min {
                continue;
            }
            let is_peak = (-1..=1).all(|dy: i64| {
                (-1..=1).all(|dx: i64| {
                    let (nx, ny) = (x + dx, y + dy);
                    (dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= w || ny >= h || at(nx, ny) <= s
                })
            });
            if is_peak {
                out.push((x as u32, y as u32, s));
            }
        }
    }
    out.sort_by(|a, b| b.2.total_cmp(&a.2));
    out.truncate(limit);
    out
}

/// `img` shrunk by `f` on each side, each pixel the mean of an f×f block.
fn shrink(img: &GrayImage, f: u32) -> GrayImage {
    let (w, h) = ((img.width() / f) as usize, (img.height() / f) as usize);
    let (iw, f) = (img.width() as usize, f as usize);
    let raw = img.as_raw();
    let area = (f * f) as u32;
    let mut sums = vec![0u32; w];
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        sums.fill(0);
        for row in raw[y * f * iw..(y + 1) * f * iw].chunks_exact(iw) {
            for (s, block) in sums.iter_mut().zip(row.chunks_exact(f)) {
                *s += block.iter().map(|&v| u32::from(v)).sum::<u32>();
            }
        }
        out.extend(sums.iter().map(|&s| ((s + area / 2) / area) as u8));
    }
    GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_else(|| GrayImage::new(w as u32, h as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A busy icon-like patch: rings and a diagonal, deterministic.
    fn icon(size: u32) -> GrayImage {
        GrayImage::from_fn(size, size, |x, y| {
            let c = size as i32 / 2;
            let d = ((x as i32 - c).pow(2) + (y as i32 - c).pow(2)) as f64;
            let ring = (d.sqrt() as u32 / (size / 8).max(1)).is_multiple_of(2);
            let diag = x.abs_diff(y) < size / 10;
            Luma([if diag {
                20
            } else if ring {
                230
            } else {
                90
            }])
        })
    }

    fn screen_with(size: u32, places: &[(u32, u32)]) -> GrayImage {
        let mut img = GrayImage::from_fn(360, 720, |x, y| Luma([200 + ((x / 40 + y / 40) % 2) as u8 * 10]));
        for &(x, y) in places {
            imageops::replace(&mut img, &icon(size), i64::from(x), i64::from(y));
        }
        img
    }

    #[test]
    fn finds_every_copy_at_its_exact_place() {
        for size in [12, 24, 48, 72] {
            let places = [(37, 53), (201, 419), (5, 640)];
            let img = screen_with(size, &places);
            let t = Pattern::new(icon(size)).unwrap();
            let mut got: Vec<(u32, u32)> = t.find(&img, 0.9, None, 1.0).iter().map(|r| (r.x, r.y)).collect();
            got.sort();
            let mut want = places.to_vec();
            want.sort();
            assert_eq!(got, want, "template {size}px");
        }
    }

    #[test]
    fn finds_nothing_where_it_is_absent_or_flat() {
        let img = screen_with(48, &[]);
        let t = Pattern::new(icon(48)).unwrap();
        assert!(t.find(&img, 0.8, None, 1.0).is_empty());
        assert!(Pattern::new(GrayImage::from_pixel(10, 10, Luma([7]))).is_err());
        assert!(Pattern::new(GrayImage::new(2, 9)).is_err());
        // Larger than the image: no match, no panic.
        let big = Pattern::new(icon(400)).unwrap();
        assert!(big.find(&img, 0.5, None, 1.0).is_empty());
    }

    #[test]
    fn the_band_limits_the_search() {
        let img = screen_with(48, &[(37, 53), (201, 419)]);
        let t = Pattern::new(icon(48)).unwrap();
        let band = PixelRect { x: 0, y: 300, w: 360, h: 420 };
        let got = t.find(&img, 0.9, Some(band), 1.0);
        assert_eq!(got, vec![PixelRect { x: 201, y: 419, w: 48, h: 48 }]);
    }

    #[test]
    fn a_template_from_another_density_is_scaled() {
        // Cut at 2× (24 px), found on a 3× screen (36 px).
        let img = screen_with(36, &[(100, 300)]);
        let t = Pattern::new(imageops::resize(&icon(36), 24, 24, FilterType::Triangle)).unwrap();
        let got = t.find(&img, 0.8, None, 1.5);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].x.abs_diff(100) <= 1 && got[0].y.abs_diff(300) <= 1, "{got:?}");
    }
}

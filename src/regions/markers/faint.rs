//! Thin outlines a scaled copy left too faint to be ink anywhere: a shape
//! tool's one-pixel ellipse shrunk to half and re-saved as JPEG keeps
//! about a tenth of its colour (it falls between pixels, and JPEG halves
//! what is left of its colour again), below what any sample must carry to
//! be ink by itself, yet the line is plain to see.
//!
//! Such a line is looked for again at a lower threshold, on the faint
//! samples where the colour stops on both sides of it within a few samples
//! along the row or the column (a ridge): a thin line does, a tinted
//! wallpaper, panel or gradient does not. The clear ink counts whole (the
//! stretch of a loop that kept its colour, where the loop may cross or run
//! close beside itself). What this second look finds counts only when it
//! is an outline, which a tint never forms.

use super::cluster::Samples;
use super::grid::{Grid, Span};
use super::ink::{FAINT_ALPHA, MIN_SAMPLE_ALPHA};
use super::judge::Scan;

/// How much stronger the second look sees every sample: a faint sample
/// (at least [`FAINT_ALPHA`]) counts as ink by itself.
const GAIN: f32 = MIN_SAMPLE_ALPHA / FAINT_ALPHA;
/// Least faint samples across lines running down for a second look: an
/// outline crosses each row it spans twice, and spans a few rows at least.
const MIN_CROSSINGS: usize = 4;
/// How far (samples) from a line its colour must have stopped on both
/// sides, across it: a scaled JPEG copy blurs a one-pixel line over four
/// or five rows.
const RIDGE_REACH: u32 = 5;

/// The faint samples of `samples` (one marker family's) that lie on thin
/// lines, and its clear ink, every opacity raised by [`GAIN`], for the
/// second look; `None` when fewer faint ones lie there than an outline
/// long enough to be a mark has, or fewer than [`MIN_CROSSINGS`] across
/// lines running down.
pub(super) fn lines(grid: &Grid, samples: &Samples, scan: Scan) -> Option<Samples> {
    let fewest = (scan.min_side / f64::from(scan.step)).ceil() as usize;
    if samples.faint.iter().map(|(span, _)| span.len as usize).sum::<usize>() < fewest {
        return None;
    }
    let tint = Tint { samples, width: grid.width, height: grid.height };
    let mut found = Vec::new();
    // The faint spans short (or long) enough to lie across a line running
    // down, added to `found`: how many samples of them are on lines (faint
    // samples that joined clear ink were looked at already).
    let look = |short: bool, found: &mut Vec<(Span, f32)>| {
        let mut new = 0;
        for &(span, a) in samples.faint.iter().filter(|(span, _)| (span.len < 2 * RIDGE_REACH) == short) {
            let before = found.len();
            tint.on_lines(span, a, found);
            if !samples.is_ink(span.first) {
                new += found[before..].iter().map(|(s, _)| s.len as usize).sum::<usize>();
            }
        }
        new
    };
    // The faint samples first, and of those the ones across a line running
    // down, which cost least to test: most screens have none on a line
    // (a tinted wallpaper has none), and then nothing more is looked at.
    let mut faint = look(true, &mut found);
    if faint < MIN_CROSSINGS {
        return None;
    }
    faint += look(false, &mut found);
    if faint < fewest {
        return None;
    }
    // The clear ink whole: where a loop crosses or runs close beside
    // itself its colour does not stop within a few samples, and what is no
    // outline is dropped anyway.
    found.extend(
        samples.inked[..samples.ink_spans]
            .iter()
            .map(|&span| (span, raised(f32::from(samples.alpha[span.first as usize]) / 100.0))),
    );
    Some(Samples::of(grid, found, Vec::new(), true, &mut Vec::new()))
}

/// Where one family's colour lies at all: its ink and its faint samples.
struct Tint<'a> {
    samples: &'a Samples,
    width: u32,
    height: u32,
}

impl Tint<'_> {
    /// Whether sample `i` holds some of the colour.
    fn at(&self, i: u32) -> bool {
        self.samples.is_ink(i) || self.samples.trace.contains(i as usize)
    }

    /// Whether every sample of `len` from `first` holds some of the colour.
    fn throughout(&self, first: u32, len: u32) -> bool {
        // A tint is faint throughout, mostly: one look at its bits.
        self.samples.trace.contains_all_in_range(first as usize..(first + len) as usize)
            || (first..first + len).all(|i| self.at(i))
    }

    /// Adds to `found` the parts of `span` (of opacity `a`) on thin lines,
    /// at the raised opacity: all of a span shorter than twice
    /// [`RIDGE_REACH`] when it lies across a line running down (the colour
    /// stops within that many samples left and right), else what of it lies
    /// along one running across.
    fn on_lines(&self, span: Span, a: f32, found: &mut Vec<(Span, f32)>) {
        let (w, k) = (self.width, RIDGE_REACH);
        let (x0, x1) = (span.first % w, span.first % w + span.len - 1);
        if span.len < 2 * k
            && (x0 < k || !self.at(span.first - k))
            && (x1 + k >= w || !self.at(span.first + span.len - 1 + k))
        {
            found.push((span, raised(a)));
        } else {
            self.along(span, a, found);
        }
    }

    /// Adds to `found` the parts of `span` (of opacity `a`) along a thin
    /// line running across, at the raised opacity: where the colour stops
    /// within [`RIDGE_REACH`] samples above and below.
    fn along(&self, span: Span, a: f32, found: &mut Vec<(Span, f32)>) {
        let (w, h, k) = (self.width, self.height, RIDGE_REACH);
        let (y, x0) = (span.first / w, span.first % w);
        let x1 = x0 + span.len;
        let (above, below) = (y >= k, y + k < h);
        // A tinted panel or wallpaper holds the colour throughout.
        if (above && self.throughout(span.first - k * w, span.len))
            || (below && self.throughout(span.first + k * w, span.len))
        {
            return;
        }
        let mut start = None;
        for x in x0..=x1 {
            let i = y * w + x;
            let ridge = x < x1 && !(above && self.at(i - k * w)) && !(below && self.at(i + k * w));
            match (ridge, start) {
                (true, None) => start = Some(x),
                (false, Some(s)) => {
                    found.push((Span { first: y * w + s, len: x - s }, raised(a)));
                    start = None;
                }
                _ => {}
            }
        }
    }
}

/// Opacity `a` as the second look sees it.
fn raised(a: f32) -> f32 {
    (a * GAIN).min(1.0)
}

#[cfg(test)]
mod tests {
    use image::{Rgba, RgbaImage};

    use super::super::find_marks;
    use super::*;
    use crate::spec::Rgb;

    const MAGENTA: [u8; 3] = [255, 0, 255];

    /// A 1× window: white, with a line of dark "digits" at `(x, y)`.
    fn window_with_text(x: u32, y: u32) -> RgbaImage {
        let mut img = RgbaImage::from_pixel(480, 200, Rgba([255, 255, 255, 255]));
        for digit in 0..12 {
            for dy in 0..11 {
                for dx in 0..7 {
                    img.put_pixel(x + digit * 9 + dx, y + dy, Rgba([60, 60, 60, 255]));
                }
            }
        }
        img
    }

    /// `opacity` (per pixel, at most one layer) of magenta laid over `img`.
    fn lay(img: &mut RgbaImage, opacity: &[f32]) {
        for (p, &a) in img.pixels_mut().zip(opacity) {
            for (c, m) in p.0.iter_mut().zip(MAGENTA) {
                *c = (a * f32::from(m) + (1.0 - a) * f32::from(*c)).round() as u8;
            }
        }
    }

    /// An ellipse one pixel wide around `(cx, cy)`, as a half-size JPEG copy
    /// leaves it: `peak` on its middle, half that on the rows beside.
    fn faint_ellipse(img: &mut RgbaImage, (cx, cy): (f32, f32), (rx, ry): (f32, f32), peak: f32) {
        let w = img.width() as usize;
        let mut opacity = vec![0f32; w * img.height() as usize];
        for i in 0..4000 {
            let t = i as f32 / 4000.0 * std::f32::consts::TAU;
            let (x, y) = ((cx + rx * t.cos()).round() as usize, (cy + ry * t.sin()).round() as usize);
            for (dy, a) in [(0usize, peak), (1, peak / 2.0), (usize::MAX, peak / 2.0)] {
                let i = y.wrapping_add(dy) * w + x;
                opacity[i] = opacity[i].max(a);
            }
        }
        lay(img, &opacity);
    }

    fn marks(img: &RgbaImage) -> Vec<crate::geometry::PixelRect> {
        find_marks(img, &[Rgb(MAGENTA)], 1.0, None)
    }

    #[test]
    fn an_outline_too_faint_to_be_ink_anywhere_is_found_whole() {
        for peak in [0.11, 0.14, 0.18] {
            assert!(peak < MIN_SAMPLE_ALPHA, "no sample is ink by itself");
            let mut img = window_with_text(140, 90);
            faint_ellipse(&mut img, (193.0, 95.0), (80.0, 16.0), peak);
            let found = marks(&img);
            // The ellipse's box (x 113..=273, y 78..=112) and the text in it.
            assert!(
                found.iter().any(|r| r.x <= 113 && r.y <= 79 && r.right() >= 273 && r.bottom() >= 111),
                "opacity {peak}: {found:?}"
            );
            assert_eq!(found.len(), 1, "opacity {peak}: {found:?}");
        }
    }

    #[test]
    fn faint_tints_and_lines_that_close_nothing_are_not_marks() {
        let w = 480usize;
        // Beside a faint ellipse (which lets the second look run): a tinted
        // panel, a gradient across the page, and straight faint lines
        // across and down, each as faint as the ellipse.
        let mut img = window_with_text(140, 23);
        faint_ellipse(&mut img, (193.0, 28.0), (80.0, 14.0), 0.14);
        let mut opacity = vec![0f32; w * 200];
        for y in 90..130 {
            for x in 20..220 {
                opacity[y * w + x] = 0.14;
            }
        }
        for y in 150..200 {
            for x in 0..w {
                opacity[y * w + x] = 0.19 * x as f32 / w as f32;
            }
        }
        for x in 250..460 {
            opacity[100 * w + x] = 0.14;
            opacity[99 * w + x] = 0.07;
            opacity[101 * w + x] = 0.07;
        }
        for y in 80..140 {
            opacity[y * w + 240] = 0.14;
            opacity[y * w + 239] = 0.07;
            opacity[y * w + 241] = 0.07;
        }
        lay(&mut img, &opacity);
        let found = marks(&img);
        assert_eq!(found.len(), 1, "the ellipse alone: {found:?}");
        assert!(found[0].y <= 14 && (43..60).contains(&found[0].bottom()), "the ellipse's box: {found:?}");
    }
}

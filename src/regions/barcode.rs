//! 1D barcodes (EAN-13, Code 128 and the like): membership and payment
//! barcodes carry identities as much as QR codes do, so `detect = "qr"` hides
//! them too. No decoding and no OCR: a barcode is a row of many dark bars of
//! a few different widths that repeats, column for column, over many rows.
//!
//! Every second row is made black and white against the mean of the 65 px
//! around each pixel. A row's runs that are all short and of at most 8× the
//! narrowest width, 20 transitions or more over 60 px or more, make a
//! candidate span. Spans on successive rows that overlap and agree with the
//! first row of their block pixel for pixel (90%) stack into a block; blocks
//! 20 px tall or more are barcodes. Text has the transitions but not the
//! repetition: its rows change every few pixels, and its lines are short.
//! Only horizontal bars are looked for (a barcode turned 90° is not found).

use image::GrayImage;

use super::PixelRect;

/// Rows looked at: every `STEP`th.
const STEP: usize = 2;
/// Half-width of the window whose mean thresholds a pixel.
const RADIUS: usize = 32;
/// How far under the window mean a pixel must be to count as dark, so
/// noise on a flat background makes no bars.
const CONTRAST: u64 = 16;
/// A run longer than this is no bar (or gap between bars).
const MAX_RUN: usize = 48;
/// The widest run of a span is at most this many times its narrowest.
const MAX_RATIO: usize = 8;
/// Dark/light transitions in a span, at least.
const MIN_TRANSITIONS: usize = 20;
/// Width of a span, at least.
const MIN_WIDTH: usize = 60;
/// Height of a block, at least.
const MIN_HEIGHT: usize = 20;
/// How much of the wider of a span and a block's first span must overlap.
const MIN_OVERLAP: usize = 70;
/// Share of pixels, in percent, that must be dark or light as in the
/// block's first row.
const MIN_AGREEMENT: usize = 90;
/// Quiet zone added around each barcode found.
const MARGIN: u32 = 4;

/// The bounding box of every horizontal 1D barcode in the image, grown by a
/// 4 px quiet-zone margin and clamped to the image.
pub fn find(gray: &GrayImage) -> Vec<PixelRect> {
    let (w, h) = gray.dimensions();
    let (width, height) = (w as usize, h as usize);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Vec::new();
    }
    let mut prefix = vec![0u64; width + 1];
    let mut dark = vec![false; width];
    let mut runs = Vec::new();
    let mut open: Vec<Block> = Vec::new();
    let mut found = Vec::new();
    for (i, row) in gray.as_raw().chunks_exact(width).take(height).enumerate().step_by(STEP) {
        let y = i;
        // Blocks that missed two sampled rows are finished.
        let (stale, live): (Vec<Block>, Vec<Block>) = open.into_iter().partition(|b| b.y_last + 2 * STEP < y);
        open = live;
        found.extend(stale.iter().filter_map(|b| b.rect(w, h)));

        binarise(row, &mut prefix, &mut dark);
        runs_of(&dark, &mut runs);
        for (x0, x1) in spans(&runs) {
            let fits = open.iter_mut().find(|b| b.y_last < y && b.accepts(x0, x1, &dark));
            match fits {
                Some(b) => {
                    b.y_last = y;
                    b.left = b.left.min(x0);
                    b.right = b.right.max(x1);
                }
                None => open.push(Block { x0, x1, bits: dark[x0..x1].to_vec(), y0: y, y_last: y, left: x0, right: x1 }),
            }
        }
    }
    found.extend(open.iter().filter_map(|b| b.rect(w, h)));
    found
}

/// Marks each pixel of `row` dark when it lies `CONTRAST` under the mean of
/// the pixels within `RADIUS` of it.
fn binarise(row: &[u8], prefix: &mut [u64], dark: &mut [bool]) {
    let n = row.len();
    for (x, &v) in row.iter().enumerate() {
        prefix[x + 1] = prefix[x] + u64::from(v);
    }
    for (x, d) in dark.iter_mut().enumerate().take(n) {
        let lo = x.saturating_sub(RADIUS);
        let hi = (x + RADIUS + 1).min(n);
        let count = (hi - lo) as u64;
        let sum = prefix[hi] - prefix[lo];
        *d = (u64::from(row[x]) + CONTRAST) * count < sum;
    }
}

/// A run of equal pixels: start column, length, dark or not.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    len: usize,
    dark: bool,
}

/// The runs of a black-and-white row, left to right.
fn runs_of(dark: &[bool], runs: &mut Vec<Run>) {
    runs.clear();
    for (x, &d) in dark.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.dark == d => r.len += 1,
            _ => runs.push(Run { start: x, len: 1, dark: d }),
        }
    }
}

/// Candidate barcode spans `[x0, x1)` of a row: stretches of short runs,
/// cut at runs wider than `MAX_RATIO` times the narrowest (quiet zones), from
/// first to last dark bar, with enough transitions and width.
fn spans(runs: &[Run]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for segment in runs.split(|r| r.len > MAX_RUN) {
        let Some(narrowest) = segment.iter().map(|r| r.len).min() else { continue };
        for piece in segment.split(|r| r.len > MAX_RATIO * narrowest) {
            let first = piece.iter().position(|r| r.dark);
            let last = piece.iter().rposition(|r| r.dark);
            let (Some(first), Some(last)) = (first, last) else { continue };
            let bars = &piece[first..=last];
            let (lo, hi) = bars.iter().fold((usize::MAX, 0), |(lo, hi), r| (lo.min(r.len), hi.max(r.len)));
            let x0 = bars[0].start;
            let x1 = bars[bars.len() - 1].start + bars[bars.len() - 1].len;
            if bars.len() > MIN_TRANSITIONS && x1 - x0 >= MIN_WIDTH && hi <= MAX_RATIO * lo {
                out.push((x0, x1));
            }
        }
    }
    out
}

/// Spans stacked over successive rows.
struct Block {
    /// The first row's span.
    x0: usize,
    x1: usize,
    /// The first row's pixels over its span, dark or not.
    bits: Vec<bool>,
    /// First and last sampled rows.
    y0: usize,
    y_last: usize,
    /// The union of all the rows' spans.
    left: usize,
    right: usize,
}

impl Block {
    /// Whether the span `[x0, x1)` of a row whose pixels are `dark`
    /// continues this block: it overlaps the first span and repeats it.
    fn accepts(&self, x0: usize, x1: usize, dark: &[bool]) -> bool {
        let overlap = x1.min(self.x1).saturating_sub(x0.max(self.x0));
        let wider = (x1 - x0).max(self.x1 - self.x0);
        if overlap * 100 < MIN_OVERLAP * wider {
            return false;
        }
        let Some(row) = dark.get(self.x0..self.x1) else { return false };
        let same = row.iter().zip(&self.bits).filter(|(a, b)| a == b).count();
        same * 100 >= MIN_AGREEMENT * self.bits.len()
    }

    /// Its box with the quiet-zone margin, if it is tall enough.
    fn rect(&self, width: u32, height: u32) -> Option<PixelRect> {
        let bottom = (self.y_last + STEP).min(height as usize);
        if bottom - self.y0 < MIN_HEIGHT || self.right <= self.left {
            return None;
        }
        // All coordinates lie inside a `width`×`height` image, so they fit.
        let r = PixelRect {
            x: self.left as u32,
            y: self.y0 as u32,
            w: (self.right - self.left) as u32,
            h: (bottom - self.y0) as u32,
        };
        Some(r.padded(MARGIN, width, height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A tiny seeded generator (xorshift).
    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1;
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        }
    }

    /// An EAN-like pattern of 95 modules: guards 101 / 01010 / 101 and
    /// random bars and spaces of 1 to 4 modules between them.
    fn ean_like(seed: u64) -> Vec<bool> {
        let mut next = rng(seed);
        let mut half = |out: &mut Vec<bool>, start_dark: bool| {
            let mut dark = start_dark;
            let end = out.len() + 42;
            while out.len() < end {
                let len = 1 + (next() % 4) as usize;
                for _ in 0..len.min(end - out.len()) {
                    out.push(dark);
                }
                dark = !dark;
            }
        };
        let mut m = vec![true, false, true];
        half(&mut m, false);
        m.extend([false, true, false, true, false]);
        half(&mut m, true);
        m.extend([true, false, true]);
        m
    }

    /// A white image with an EAN-like barcode of `module` px modules,
    /// `tall` px tall, at (x, y); returns the image and the bars' box.
    fn with_barcode(w: u32, h: u32, x: u32, y: u32, module: u32, tall: u32, seed: u64) -> (GrayImage, PixelRect) {
        let modules = ean_like(seed);
        assert_eq!(modules.len(), 95);
        let mut img = GrayImage::from_pixel(w, h, Luma([255]));
        for (i, &d) in modules.iter().enumerate() {
            if d {
                for yy in y..y + tall {
                    for xx in 0..module {
                        img.put_pixel(x + i as u32 * module + xx, yy, Luma([20]));
                    }
                }
            }
        }
        (img, PixelRect { x, y, w: 95 * module, h: tall })
    }

    #[test]
    fn finds_an_ean_like_barcode_and_covers_all_of_it() {
        for seed in 1..6 {
            let (img, code) = with_barcode(400, 300, 50, 100, 3, 60, seed);
            let found = find(&img);
            assert_eq!(found.len(), 1, "seed {seed}: {found:?}");
            let r = found[0];
            assert!(
                r.x <= code.x && r.y <= code.y && r.right() >= code.right() && r.bottom() >= code.bottom(),
                "seed {seed}: {r:?} vs {code:?}"
            );
            assert!(
                code.x - r.x <= 10
                    && code.y - r.y <= 10
                    && r.right() - code.right() <= 10
                    && r.bottom() - code.bottom() <= 10,
                "seed {seed}: {r:?} vs {code:?}"
            );
        }
    }

    #[test]
    fn finds_thin_low_contrast_and_edge_barcodes() {
        // 2 px modules, gray on light gray.
        let (mut img, code) = with_barcode(400, 300, 40, 30, 2, 40, 9);
        for p in img.pixels_mut() {
            p.0[0] = if p.0[0] < 128 { 110 } else { 235 };
        }
        let found = find(&img);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].x <= code.x && found[0].right() >= code.right());
        // Touching the bottom edge: clamped, not panicking.
        let (img, code) = with_barcode(300, 100, 2, 60, 3, 40, 4);
        let found = find(&img);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].bottom(), 100);
        assert!(found[0].x <= code.x && found[0].right() >= code.right() && found[0].y <= code.y);
    }

    /// Lines of text-like dark bars (as tests/util's `screenshot()` draws
    /// them) `line` px tall; with `strokes`, each glyph changes every 3 rows
    /// like letters do, instead of being a solid bar.
    fn text_like(line: u32, strokes: bool, seed: u64) -> GrayImage {
        let mut next = rng(seed);
        let mut img = GrayImage::from_pixel(400, 300, Luma([255]));
        let mut y = 10;
        while y + line + 10 < 300 {
            let mut x = 10;
            while x < 380 {
                let gw = 2 + (next() % 11) as u32;
                for band in (0..line).step_by(3) {
                    let (a, b) = if strokes {
                        let a = (next() % u64::from(gw)) as u32;
                        (a, a + 1 + (next() % u64::from(gw - a)) as u32)
                    } else {
                        (0, gw)
                    };
                    for yy in y + band..(y + band + 3).min(y + line) {
                        for xx in x + a..(x + b).min(390) {
                            img.put_pixel(xx, yy, Luma([30]));
                        }
                    }
                }
                x += gw + 2 + (next() % 7) as u32;
            }
            y += line + 12;
        }
        img
    }

    #[test]
    fn text_lines_are_not_barcodes() {
        for seed in 1..4 {
            let img = text_like(12, false, seed);
            assert!(find(&img).is_empty(), "12 px lines, seed {seed}: {:?}", find(&img));
            let img = text_like(40, true, seed);
            assert!(find(&img).is_empty(), "40 px letter-like lines, seed {seed}: {:?}", find(&img));
        }
    }

    #[test]
    fn tiny_empty_and_uniform_images_give_nothing() {
        for (w, h) in [(0, 0), (1, 1), (0, 50), (50, 0), (1, 400), (400, 1), (59, 300), (300, 19), (60, 20)] {
            assert!(find(&GrayImage::new(w, h)).is_empty(), "{w}×{h}");
        }
        assert!(find(&GrayImage::from_pixel(500, 400, Luma([128]))).is_empty());
        // Noise on a flat background makes no bars.
        let mut next = rng(3);
        let noisy = GrayImage::from_fn(500, 400, |_, _| Luma([120 + (next() % 10) as u8]));
        assert!(find(&noisy).is_empty());
    }

    #[test]
    fn finds_nothing_on_the_demo_screenshots() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
        for name in ["Screenshot_20241125-093012_KakaoTalk.png", "Screenshot_20241125-101544_Samsung Internet.jpg"] {
            let img = image::open(dir.join(name)).expect("demo fixture").into_luma8();
            let start = std::time::Instant::now();
            let found = find(&img);
            eprintln!("{name} ({}×{}): {:?}", img.width(), img.height(), start.elapsed());
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }
}

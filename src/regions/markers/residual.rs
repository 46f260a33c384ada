//! The check after masking: ink of a marker colour still visible outside
//! every region. It reads every pixel at full resolution, at any
//! thickness, so a stroke the detector judged to be text (or missed for
//! any other reason) is named rather than passed silently.
//!
//! What it reports: a group of at least [`MIN_PIXELS`] pixels of marker
//! ink (opacity 0.3 or more over a neutral background, or the marker
//! colour itself over anything) lying within [`GAP_DP`] dp of each other,
//! as the box around the group, when the group's ink looks drawn: a third
//! of it at one opacity (±0.08) or a quarter of it opaque, and its edges
//! sharp (most of the pixels just beyond its outermost ink pixels carry
//! less than half its opacity). Fewer pixels are noise (a JPEG fringe, a
//! pixel of a photo that happens to have the marker's hue), and a photo's
//! shading has neither one opacity nor sharp edges.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use image::RgbaImage;

use super::grid::{ColourPlaces, MIN_CHROMA, chroma, four_of, four_pixels};
use super::ink::{ColourMemo, Ink};
use super::palette::shades_of;
use crate::geometry::Coverage;
use crate::regions::{PixelRect, screen_density};
use crate::spec::Rgb;

/// Least opacity of a residual ink pixel: the faintest highlighter drawn.
const MIN_ALPHA: f32 = 0.3;
/// Least pixels of ink in a group that is reported.
pub const MIN_PIXELS: u32 = 6;
/// Ink pixels closer than this (dp) are one group: the words of a line of
/// text are one place.
const GAP_DP: f64 = 8.0;
/// Side of the cells ink pixels are grouped in, in pixels.
const CELL: u32 = 4;

/// Places where ink of one of `colors` (each with its family of shades) is
/// still visible in `masked` outside what `coverage` covers, as boxes in
/// pixels, largest first. Pixels under a region are never read.
///
/// `colour`, where the image held colour before masking (what
/// [`scan_marks`] saw of the same image), spares reading the rest: outside
/// every region the masked image is the image scanned, and ink has colour.
/// Without it, or for an image of another size, every pixel is read.
///
/// [`scan_marks`]: super::scan_marks
pub fn residual_ink(
    masked: &RgbaImage,
    coverage: &Coverage,
    colors: &[Rgb],
    colour: Option<&ColourPlaces>,
) -> Vec<PixelRect> {
    let (w, h) = masked.dimensions();
    let inks: Vec<Ink> = colors.iter().flat_map(|&c| shades_of(c)).filter_map(Ink::new).collect();
    if w == 0 || h == 0 || inks.is_empty() || coverage.dimensions() != (w, h) {
        return Vec::new();
    }
    let mut ink_pixels: Vec<InkPixel> = Vec::new();
    let mut test = InkTest { inks: &inks, memo: ColourMemo::new(), last: Answer::of(0, None) };
    let row_bytes = w as usize * 4;
    // Reads pixels `xs` of row `y`, of which those outside every region
    // were all of `colour` if given.
    let mut read = |y: u32, xs: Range<u32>, colour: Option<[u8; 3]>| {
        if colour.is_some_and(|c| test.alpha(c).is_none()) {
            return;
        }
        let row = &masked.as_raw()[y as usize * row_bytes..][..row_bytes];
        let mut look = |x: usize, test: &mut InkTest| {
            if let Some(a) = test.pixel(&row[4 * x..4 * x + 4])
                && !beside_dark_text(row, x)
                && !coverage.is_covered(x as u32, y)
            {
                ink_pixels.push(InkPixel { x: x as u32, y, bin: ((a * BIN_PER_ALPHA) as usize).min(BINS - 1) });
            }
        };
        let (x0, x1) = (xs.start as usize, xs.end as usize);
        let mut x = x0;
        // Four pixels of the last colour, with no ink, are passed in one
        // comparison.
        for quad in row[4 * x0..4 * x1].chunks_exact(16) {
            if !(four_pixels(quad) == test.last.quad && test.last.alpha.is_none()) {
                for dx in 0..4 {
                    look(x + dx, &mut test);
                }
            }
            x += 4;
        }
        for x in x..x1 {
            look(x, &mut test);
        }
    };
    match colour.filter(|c| c.dimensions() == (w, h)) {
        Some(places) => places.for_each_stretch(read),
        None => (0..h).for_each(|y| read(y, 0..w, None)),
    }
    if ink_pixels.len() < MIN_PIXELS as usize {
        return Vec::new();
    }
    let mut groups = group(&ink_pixels, w, h, screen_density(w, h));
    groups.retain(|g| sharp(masked, coverage, &inks, g, &ink_pixels));
    groups.sort_by_key(|g| (std::cmp::Reverse(g.pixels), g.rect.y, g.rect.x));
    groups.into_iter().map(|g| g.rect).collect()
}

/// Whether the ink of group `g` stops sharply at its edges: for every row
/// and column of its box, the pixels just beyond its first and last ink
/// pixel (any of the three beyond, for JPEG's blur) carry less than half
/// its commonest opacity of the marker's colour. Off the image, and under
/// a region, counts as sharp.
fn sharp(img: &RgbaImage, coverage: &Coverage, inks: &[Ink], g: &InkCell, pixels: &[InkPixel]) -> bool {
    let r = g.rect;
    let mut mine = vec![false; (r.w * r.h) as usize];
    for p in pixels.iter().filter(|p| r.contains(p.x, p.y)) {
        mine[((p.y - r.y) * r.w + (p.x - r.x)) as usize] = true;
    }
    let limit = g.mode_alpha() * 0.5;
    let (w, h) = img.dimensions();
    let faint = |x: i64, y: i64| {
        if x < 0 || y < 0 || x >= i64::from(w) || y >= i64::from(h) || coverage.is_covered(x as u32, y as u32) {
            return true;
        }
        let p = img.get_pixel(x as u32, y as u32).0;
        inks.iter().all(|ink| ink.strength([p[0], p[1], p[2]]) < limit)
    };
    let (mut edges, mut sharp) = (0u32, 0u32);
    let mut check = |x: u32, y: u32, dx: i64, dy: i64| {
        edges += 1;
        sharp += u32::from((1..=3).any(|k| faint(i64::from(x) + k * dx, i64::from(y) + k * dy)));
    };
    let at = |x: u32, y: u32| mine[((y - r.y) * r.w + (x - r.x)) as usize];
    for y in r.y..r.bottom() {
        if let Some(x) = (r.x..r.right()).find(|&x| at(x, y)) {
            check(x, y, -1, 0);
        }
        if let Some(x) = (r.x..r.right()).rev().find(|&x| at(x, y)) {
            check(x, y, 1, 0);
        }
    }
    for x in r.x..r.right() {
        if let Some(y) = (r.y..r.bottom()).find(|&y| at(x, y)) {
            check(x, y, 0, -1);
        }
        if let Some(y) = (r.y..r.bottom()).rev().find(|&y| at(x, y)) {
            check(x, y, 0, 1);
        }
    }
    sharp as f32 >= 0.6 * edges.max(1) as f32
}

/// The ink test of residual ink, with the answers kept: most pixels are
/// the colour of the one before, and a screen has few colours.
struct InkTest<'a> {
    inks: &'a [Ink],
    memo: ColourMemo<Option<f32>>,
    /// The last pixel's answer.
    last: Answer,
}

impl InkTest<'_> {
    /// The opacity of ink giving an opaque pixel of colour `p`, if at least
    /// [`MIN_ALPHA`]. Most pixels are grey and stop at the chroma test.
    fn alpha(&mut self, p: [u8; 3]) -> Option<f32> {
        if chroma(&p) < MIN_CHROMA {
            return None;
        }
        let inks = self.inks;
        self.memo.answer(p, |p| inks.iter().find_map(|ink| ink.faint_alpha(p)).filter(|&a| a >= MIN_ALPHA))
    }

    /// [`alpha`](Self::alpha) of the RGBA pixel `px`, none when it is
    /// transparent.
    #[inline]
    fn pixel(&mut self, px: &[u8]) -> Option<f32> {
        let word = u32::from_le_bytes([px[0], px[1], px[2], px[3]]);
        if word != self.last.word {
            let alpha = if px[3] < 128 { None } else { self.alpha([px[0], px[1], px[2]]) };
            self.last = Answer::of(word, alpha);
        }
        self.last.alpha
    }
}

/// The last colour looked at and its ink, kept for the pixels after it.
struct Answer {
    /// The pixel, as one little-endian word.
    word: u32,
    /// Four such pixels ([`four_of`]).
    quad: u128,
    /// Its opacity as ink of at least [`MIN_ALPHA`], if it is.
    alpha: Option<f32>,
}

impl Answer {
    fn of(word: u32, alpha: Option<f32>) -> Answer {
        Answer { word, quad: four_of(word), alpha }
    }
}

/// Whether pixel `x` of `row` (RGBA) has dark grey text right beside it,
/// left or right: the colour fringes subpixel anti-aliasing (ClearType)
/// puts at every vertical edge of black text are not marker ink.
fn beside_dark_text(row: &[u8], x: usize) -> bool {
    let dark = |i: usize| {
        let p = &row[i * 4..i * 4 + 3];
        let (lo, hi) = (p[0].min(p[1]).min(p[2]), p[0].max(p[1]).max(p[2]));
        hi < 110 && hi - lo < 40
    };
    (x > 0 && dark(x - 1)) || (x + 1 < row.len() / 4 && dark(x + 1))
}

/// Opacity histogram of a group: bins of 0.04.
const BINS: usize = 27;
const BIN_PER_ALPHA: f32 = 25.0;

/// One pixel of residual ink.
struct InkPixel {
    x: u32,
    y: u32,
    /// Its opacity's histogram bin.
    bin: usize,
}

/// Ink pixels of one cell of the grouping grid, or of one group.
#[derive(Clone)]
struct InkCell {
    /// The cell's place in the grid.
    cx: u32,
    cy: u32,
    pixels: u32,
    /// The box of its ink pixels.
    rect: PixelRect,
    hist: [u32; BINS],
}

impl InkCell {
    fn add(&mut self, other: &InkCell) {
        self.pixels += other.pixels;
        self.rect = union(self.rect, other.rect);
        for (a, b) in self.hist.iter_mut().zip(other.hist) {
            *a += b;
        }
    }

    /// The middle of the five bins (±0.08) holding the most pixels.
    fn mode_alpha(&self) -> f32 {
        let window = |i: usize| self.hist[i.saturating_sub(2)..(i + 3).min(BINS)].iter().sum::<u32>();
        let mut best = 0;
        for i in 1..BINS {
            if window(i) > window(best) {
                best = i;
            }
        }
        best as f32 / BIN_PER_ALPHA
    }

    /// Whether its ink looks drawn (see the module documentation).
    fn looks_drawn(&self) -> bool {
        let n = self.pixels.max(1) as f32;
        let flat = (0..BINS).map(|i| self.hist[i.saturating_sub(2)..(i + 3).min(BINS)].iter().sum::<u32>()).max();
        let opaque: u32 = self.hist[(0.85 * BIN_PER_ALPHA) as usize..].iter().sum();
        flat.unwrap_or(0) as f32 >= 0.35 * n || opaque as f32 >= 0.25 * n
    }
}

/// The smallest rectangle holding both `a` and `b`.
fn union(a: PixelRect, b: PixelRect) -> PixelRect {
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = (a.right().max(b.right()), a.bottom().max(b.bottom()));
    PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

/// The groups of at least [`MIN_PIXELS`] of `pixels` whose ink looks drawn.
fn group(pixels: &[InkPixel], width: u32, height: u32, density: f64) -> Vec<InkCell> {
    let (cw, ch) = (width.div_ceil(CELL), height.div_ceil(CELL));
    let mut cell_of: HashMap<(u32, u32), usize> = HashMap::new();
    let mut cells: Vec<InkCell> = Vec::new();
    for p in pixels {
        let (cx, cy) = (p.x / CELL, p.y / CELL);
        let at = PixelRect { x: p.x, y: p.y, w: 1, h: 1 };
        let i = *cell_of.entry((cx, cy)).or_insert_with(|| {
            cells.push(InkCell { cx, cy, pixels: 0, rect: at, hist: [0; BINS] });
            cells.len() - 1
        });
        let cell = &mut cells[i];
        cell.pixels += 1;
        cell.rect = union(cell.rect, at);
        cell.hist[p.bin] += 1;
    }
    // Cells within the gap of each other are one group: a union-find over
    // the (few) cells holding ink.
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Pixels `gap` apart can lie one cell further apart than gap / CELL.
    let reach = ((GAP_DP * density) / f64::from(CELL)).ceil() as i64 + 1;
    for (i, cell) in cells.iter().enumerate() {
        let (cx, cy) = (i64::from(cell.cx), i64::from(cell.cy));
        for ny in (cy - reach).max(0)..=(cy + reach).min(i64::from(ch) - 1) {
            for nx in (cx - reach).max(0)..=(cx + reach).min(i64::from(cw) - 1) {
                if let Some(&j) = cell_of.get(&(nx as u32, ny as u32)) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, InkCell> = BTreeMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).and_modify(|g| g.add(cell)).or_insert_with(|| cell.clone());
    }
    groups.into_values().filter(|g| g.pixels >= MIN_PIXELS && g.looks_drawn()).collect()
}

//! Marker strokes: what people draw on a screenshot on the phone to say
//! "hide this" — a pen scribble, a filled or outlined box, or a highlighter
//! swipe, which is drawn semi-transparent and so hides nothing by itself.
//! Found by colour, without OCR, and turned into rectangles to mask.
//!
//! A pixel counts as ink when it is the marker colour `M` blended at some
//! opacity `a` over a neutral background (white, grey, black, or text in
//! those): its chroma (colour minus its own grey level) is then exactly
//! `a` times the chroma of `M`. So one projection gives `a`, the distance
//! from that direction says whether the hue is the marker's, and the grey
//! level says whether some neutral background fits. Highlighter over
//! coloured text is not ink by this test, but the text is enclosed by the
//! swipe around it, and each cluster's whole bounding box is masked.
//!
//! To stay far cheaper than one JPEG encode, pixels are tested on a grid
//! (every second pixel and row on screens of 2× and denser, where no pen is
//! thinner than that), with a three-multiplication integer screen first;
//! inked samples are grouped on a coarser grid of cells (grown to close
//! small gaps, then connected components), and each group's bounding box is
//! mapped back outward to pixels.
//!
//! Ink is thick, flat and sharp-edged, and a group is dropped when it is
//! not: specks and text (thinner than a pen), a shaded photo (no single
//! opacity), or a sky or gradient that passes through the marker's hue
//! (its edges fade instead of stopping).

use image::{GrayImage, Luma, RgbaImage};
use imageproc::morphology::{Mask, grayscale_dilate};
use imageproc::region_labelling::{Connectivity, connected_components};

use super::PixelRect;
use crate::mask::Coverage;
use crate::spec::{Rgb, ValueError};

/// Marker colour names and what they stand for: typical markup-pen shades
/// (Apple's standard system colours; Android markup tools use similar ones).
/// Distinct from the fill colour names, which are plain CSS-like colours.
pub const MARKER_COLORS: &[(&str, Rgb)] = &[
    ("magenta", Rgb([0xFF, 0x00, 0xFF])),
    ("pink", Rgb([0xFF, 0x2D, 0x55])),
    ("red", Rgb([0xFF, 0x3B, 0x30])),
    ("orange", Rgb([0xFF, 0x95, 0x00])),
    ("yellow", Rgb([0xFF, 0xCC, 0x00])),
    ("green", Rgb([0x34, 0xC7, 0x59])),
    ("cyan", Rgb([0x32, 0xAD, 0xE6])),
    ("blue", Rgb([0x00, 0x7A, 0xFF])),
    ("purple", Rgb([0xAF, 0x52, 0xDE])),
];

/// Least spread between a marker colour's strongest and weakest channel:
/// greyer colours cannot be told apart from text and shadows.
const MIN_MARKER_CHROMA: u8 = 80;

/// Parses one marker colour: a name from [`MARKER_COLORS`] or `#RRGGBB`/`#RGB`.
pub fn parse_marker_color(s: &str) -> Result<Rgb, ValueError> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let color = match MARKER_COLORS.iter().find(|(n, _)| *n == lower) {
        Some((_, c)) => *c,
        None => {
            let hex = lower.strip_prefix('#').unwrap_or(&lower);
            if !(hex.chars().all(|c| c.is_ascii_hexdigit()) && matches!(hex.len(), 3 | 6)) {
                return Err(ValueError::NotAMarkerColour(t.to_string()));
            }
            t.parse::<Rgb>()?
        }
    };
    let [r, g, b] = color.0;
    if r.max(g).max(b) - r.min(g).min(b) < MIN_MARKER_CHROMA {
        return Err(ValueError::MarkerTooGrey(color));
    }
    Ok(color)
}

/// Parses `--marker`: comma-separated colours, or `off`/`none` for no markers.
pub fn parse_marker_colors(s: &str) -> Result<Vec<Rgb>, ValueError> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("off") || t.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    t.split(',').map(parse_marker_color).collect()
}

/// Least opacity looked for. Highlighters are drawn translucent, down to
/// about 0.3; samples a little below still count, for JPEG error and the
/// anti-aliased edges of strokes.
const MIN_SAMPLE_ALPHA: f32 = 0.2;
/// Least opacity of a cluster's ink as a whole.
const MIN_CLUSTER_ALPHA: f32 = 0.24;
/// Hue tolerance: chroma off the marker's direction, in RGB units, allowed
/// per sample: an absolute part for JPEG error, plus a part relative to the
/// ink's strength (0.1 ≈ 6°).
const HUE_ABS: f32 = 5.0;
const HUE_REL: f32 = 0.1;
/// How far (in RGB units) a sample's grey level may sit outside what a
/// neutral background allows.
const GREY_SLACK: f32 = 16.0;

/// The colour test of one marker colour.
#[derive(Debug, Clone, Copy)]
struct Ink {
    /// Three times the marker's chroma: `3M − (Mr+Mg+Mb)`.
    c: [f32; 3],
    /// `c × (1,1,1)`: the chroma direction across the marker's hue.
    n: [f32; 3],
    /// `1 / (c·M)`: turns `c·P` into the opacity `a`.
    inv_k: f32,
    /// Least `c·P` of a sample with opacity [`MIN_SAMPLE_ALPHA`], for the
    /// integer screen (`c` has whole components).
    u_min: i32,
    /// `Mr + Mg + Mb`.
    sum_m: f32,
    /// Allowed `|n·P|` is `hue_abs + hue_rel · c·P`.
    hue_abs: f32,
    hue_rel: f32,
}

impl Ink {
    fn new(m: Rgb) -> Option<Ink> {
        let m = m.0.map(f32::from);
        let sum_m = m[0] + m[1] + m[2];
        let c = m.map(|v| 3.0 * v - sum_m);
        let k = c[0] * m[0] + c[1] * m[1] + c[2] * m[2];
        let norm = (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]).sqrt();
        if k <= 1.0 {
            return None;
        }
        // |c·P| / |c| is the chroma along the marker's hue and
        // |n·P| / (|c|·√3) the chroma across it, both in RGB units.
        let sqrt3 = 3f32.sqrt();
        Some(Ink {
            c,
            n: [c[1] - c[2], c[2] - c[0], c[0] - c[1]],
            inv_k: 1.0 / k,
            u_min: (MIN_SAMPLE_ALPHA * k).floor() as i32,
            sum_m,
            hue_abs: norm * sqrt3 * HUE_ABS,
            hue_rel: sqrt3 * HUE_REL,
        })
    }

    /// How much of the marker's chroma the colour `(r, g, b)` carries,
    /// whatever its hue: about 0 for neutral pixels.
    #[inline]
    fn strength(&self, r: u8, g: u8, b: u8) -> f32 {
        (self.c[0] * f32::from(r) + self.c[1] * f32::from(g) + self.c[2] * f32::from(b)) * self.inv_k
    }

    /// The opacity at which the marker colour, laid over some neutral grey,
    /// gives the colour `(r, g, b)`; `None` when no opacity of at least
    /// [`MIN_SAMPLE_ALPHA`] over any grey does (within tolerance).
    #[inline]
    fn alpha(&self, r: u8, g: u8, b: u8) -> Option<f32> {
        let (r, g, b) = (f32::from(r), f32::from(g), f32::from(b));
        let u = self.c[0] * r + self.c[1] * g + self.c[2] * b;
        let a = u * self.inv_k;
        if a < MIN_SAMPLE_ALPHA {
            return None;
        }
        let v = self.n[0] * r + self.n[1] * g + self.n[2] * b;
        if v.abs() > self.hue_abs + self.hue_rel * u {
            return None;
        }
        // What is left after taking the ink out is three times (1 − a)
        // times the background's grey level, which lies in 0..=255.
        let rest = r + g + b - a * self.sum_m;
        let room = 3.0 * 255.0 * (1.0 - a).max(0.0);
        (rest >= -3.0 * GREY_SLACK && rest <= room + 3.0 * GREY_SLACK).then_some(a)
    }
}

/// Least share of a cluster's outer edge that must be sharp.
const MIN_SHARPNESS: f32 = 0.6;

/// Samples per side of a clustering cell.
const CELL: u32 = 4;
/// Opacity histogram: bins of 1/25.
const BINS: usize = 64;
const BIN_PER_ALPHA: f32 = 25.0;

/// How finely to look, from the screen density (pixels per dp).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scan {
    /// Test every `step`-th pixel of every `step`-th row.
    step: u32,
    /// Strokes this far apart (pixels) horizontally are one mark.
    gap_x: f64,
    /// Strokes this far apart (pixels) vertically are one mark.
    gap_y: f64,
    /// Clusters whose longest side is shorter (pixels) are specks.
    min_side: f64,
    /// Strokes thinner than this (pixels) may be text: body text measures
    /// up to about 2 dp with its anti-aliased edges, markup pens more.
    min_width: f64,
}

impl Scan {
    /// The scan for a screen of `density` pixels per dp: every pixel on 1×
    /// screens, every other one from 2× on. Gaps of about 8 dp along a line
    /// (a pen lifted between words) and 3 dp across lines are closed.
    fn for_density(density: f64) -> Scan {
        let step = if density >= 2.0 { 2 } else { 1 };
        Scan {
            step,
            gap_x: 8.0 * density,
            gap_y: 3.0 * density,
            min_side: 6.0 * density,
            min_width: (2.2 * density).max(2.2),
        }
    }
}

/// The bounding boxes of the marker strokes of every colour in `colors`,
/// one per cluster of touching (or nearly touching) strokes, in pixels of
/// `image`, not yet padded. Pixels `hidden` covers are never read: they
/// count as no ink.
pub fn find_marks(image: &RgbaImage, colors: &[Rgb], density: f64, hidden: Option<&Coverage>) -> Vec<PixelRect> {
    let (width, height) = image.dimensions();
    let inks: Vec<Ink> = colors.iter().filter_map(|&c| Ink::new(c)).collect();
    if width == 0 || height == 0 || inks.is_empty() {
        return Vec::new();
    }
    let scan = Scan::for_density(density);
    let grid = Grid::new(image, hidden, scan.step);
    inks.iter().flat_map(|ink| marks_of(&grid, ink, scan)).collect()
}

/// What the detector looks at: every `step`-th pixel of every `step`-th
/// row, copied once so each colour's pass reads a small, dense buffer.
/// Pixels that are transparent or under another region are copied as
/// neutral grey, which is never ink: they are never read again.
struct Grid {
    width: u32,
    height: u32,
    /// The image's size in pixels.
    image_width: u32,
    image_height: u32,
    rgb: Vec<[u8; 3]>,
}

impl Grid {
    fn new(image: &RgbaImage, hidden: Option<&Coverage>, step: u32) -> Grid {
        let (w, h) = image.dimensions();
        let (sw, sh) = (w.div_ceil(step), h.div_ceil(step));
        let mut rgb = Vec::with_capacity(sw as usize * sh as usize);
        let row_bytes = w as usize * 4;
        let raw = image.as_raw();
        for y in (0..h).step_by(step as usize) {
            let row = &raw[y as usize * row_bytes..(y as usize + 1) * row_bytes];
            for (sx, px) in row.chunks(4 * step as usize).enumerate() {
                let off_limits = px[3] < 128 || hidden.is_some_and(|c| c.is_covered(sx as u32 * step, y));
                rgb.push(if off_limits { [128; 3] } else { [px[0], px[1], px[2]] });
            }
        }
        Grid { width: sw, height: sh, image_width: w, image_height: h, rgb }
    }

    fn at(&self, x: u32, y: u32) -> [u8; 3] {
        self.rgb[(y * self.width + x) as usize]
    }
}

/// Opacities of the grid samples: 0 where there is no ink, else the
/// opacity in 1/100 (at least 1).
struct Samples {
    width: u32,
    height: u32,
    alpha: Vec<u8>,
    /// Indices of the inked samples, in row order.
    inked: Vec<u32>,
}

impl Samples {
    fn take(grid: &Grid, ink: &Ink) -> Samples {
        let mut alpha = vec![0u8; grid.rgb.len()];
        let mut inked = Vec::new();
        // Integer screen first: most pixels carry nothing of the marker's
        // chroma and are rejected with three multiplications.
        let [c0, c1, c2] = ink.c.map(|v| v as i32);
        let u_min = ink.u_min;
        for (i, (o, &[r, g, b])) in alpha.iter_mut().zip(&grid.rgb).enumerate() {
            let u = c0 * i32::from(r) + c1 * i32::from(g) + c2 * i32::from(b);
            if u < u_min {
                continue;
            }
            if let Some(a) = ink.alpha(r, g, b) {
                *o = (a * 100.0).round().clamp(1.0, 255.0) as u8;
                inked.push(i as u32);
            }
        }
        Samples { width: grid.width, height: grid.height, alpha, inked }
    }
}

/// What one cluster of samples looks like.
#[derive(Debug, Clone)]
struct Cluster {
    /// Its label in the cell grid.
    label: u32,
    samples: u32,
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    hist: [u32; BINS],
}

impl Cluster {
    fn new(label: u32) -> Cluster {
        Cluster { label, samples: 0, x0: u32::MAX, y0: u32::MAX, x1: 0, y1: 0, hist: [0; BINS] }
    }

    /// Share of the samples whose opacity lies within ±2 bins of the most
    /// common opacity, and that opacity.
    fn flatness(&self) -> (f32, f32) {
        let window = |i: usize| self.hist[i.saturating_sub(2)..(i + 3).min(BINS)].iter().sum::<u32>();
        let (mode, best) = (0..BINS).map(|i| (i, window(i))).max_by_key(|&(_, n)| n).unwrap_or((0, 0));
        (best as f32 / self.samples.max(1) as f32, mode as f32 / BIN_PER_ALPHA)
    }

    /// Whether this could be a marker stroke by its numbers alone: big
    /// enough, and of one flat opacity (not a shaded photo).
    fn may_be_ink(&self, scan: Scan) -> bool {
        let longest = f64::from((self.x1 - self.x0).max(self.y1 - self.y0) + 1) * f64::from(scan.step);
        let (flat, alpha) = self.flatness();
        longest >= scan.min_side && flat >= 0.35 && alpha >= MIN_CLUSTER_ALPHA
    }
}

/// The cluster label of each cell.
type Labels = image::ImageBuffer<Luma<u32>, Vec<u32>>;

/// One cluster's samples, on a grid over its bounding box.
struct Footprint {
    width: u32,
    height: u32,
    ink: Vec<bool>,
}

impl Footprint {
    fn of(samples: &Samples, labels: &Labels, c: &Cluster) -> Footprint {
        let (width, height) = (c.x1 - c.x0 + 1, c.y1 - c.y0 + 1);
        let mut ink = vec![false; width as usize * height as usize];
        for y in c.y0..=c.y1 {
            for x in c.x0..=c.x1 {
                ink[((y - c.y0) * width + (x - c.x0)) as usize] = samples.alpha[(y * samples.width + x) as usize] > 0
                    && labels.get_pixel(x / CELL, y / CELL).0[0] == c.label;
            }
        }
        Footprint { width, height, ink }
    }

    /// Typical thickness of the strokes, in samples: the median over inked
    /// samples of the shortest run of ink through them across the four
    /// directions (diagonal runs count √2 per sample), so strokes at any
    /// angle measure their true width.
    fn thickness(&self) -> f64 {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut shortest = vec![f32::MAX; self.ink.len()];
        let mut before = vec![0u32; self.ink.len()];
        for (dx, dy, unit) in
            [(1, 0, 1.0), (0, 1, 1.0), (1, 1, std::f32::consts::SQRT_2), (-1, 1, std::f32::consts::SQRT_2)]
        {
            // Ink run length up to each sample, in row order (the previous
            // sample along (dx, dy) is always visited first), then the
            // length from it, in reverse order: together, the run through it.
            let prev = |x: usize, y: usize| -> Option<usize> {
                let px = x.checked_add_signed(-dx)?;
                let py = y.checked_sub(dy)?;
                (px < w).then(|| py * w + px)
            };
            for y in 0..h {
                for x in 0..w {
                    let i = y * w + x;
                    before[i] = if self.ink[i] { 1 + prev(x, y).map_or(0, |p| before[p]) } else { 0 };
                }
            }
            let mut after = vec![0u32; w];
            let mut next_row = vec![0u32; w];
            for y in (0..h).rev() {
                for xi in 0..w {
                    // Visit so that the next sample along the run is done.
                    let x = if dx == 1 && dy == 0 { w - 1 - xi } else { xi };
                    let i = y * w + x;
                    let run_after = if !self.ink[i] {
                        0
                    } else if dy == 0 {
                        1 + if x + 1 < w { after[x + 1] } else { 0 }
                    } else {
                        let nx = x.checked_add_signed(dx);
                        1 + if y + 1 < h { nx.filter(|&n| n < w).map_or(0, |n| next_row[n]) } else { 0 }
                    };
                    after[x] = run_after;
                    if self.ink[i] {
                        let run = (before[i] + run_after - 1) as f32;
                        shortest[i] = shortest[i].min(run * unit);
                    }
                }
                std::mem::swap(&mut after, &mut next_row);
            }
        }
        let mut runs: Vec<f32> = shortest.into_iter().filter(|r| *r < f32::MAX).collect();
        if runs.is_empty() {
            return 0.0;
        }
        let mid = runs.len() / 2;
        f64::from(*runs.select_nth_unstable_by(mid, f32::total_cmp).1)
    }

    /// How many separate pieces (8-connected) the ink is in.
    fn pieces(&self) -> u32 {
        let grid = GrayImage::from_fn(self.width, self.height, |x, y| {
            Luma([if self.ink[(y * self.width + x) as usize] { 255 } else { 0 }])
        });
        components(&grid).1
    }
}

/// The 8-connected groups of non-zero pixels of `grid`: a label per pixel
/// (0 for background) and the number of groups.
///
/// imageproc sizes its union-find by the pixel count but numbers labels
/// from 1, so an image in which every pixel starts a group (a 1×1 image, or
/// a tiny one of isolated dots) indexes past the end and panics. A
/// one-pixel background border keeps the labels below the pixel count.
fn components(grid: &GrayImage) -> (imageproc::definitions::Image<Luma<u32>>, u32) {
    let (w, h) = grid.dimensions();
    let mut padded = GrayImage::new(w + 2, h + 2);
    image::imageops::replace(&mut padded, grid, 1, 1);
    let labels = connected_components(&padded, Connectivity::Eight, Luma([0]));
    let inner = image::imageops::crop_imm(&labels, 1, 1, w, h).to_image();
    let count = inner.pixels().map(|p| p.0[0]).max().unwrap_or(0);
    (inner, count)
}

/// Share of a cluster's outer edge where the ink stops sharply: the samples
/// just beyond the first and last inked sample of every row and column
/// carry less than half its opacity. Pen and highlighter edges are sharp; a
/// photo's shading or a sky fading through the marker's hue is not.
fn sharpness(grid: &Grid, ink: &Ink, samples: &Samples, labels: &Labels, c: &Cluster) -> f32 {
    let mine = |x: u32, y: u32| {
        samples.alpha[(y * samples.width + x) as usize] > 0 && labels.get_pixel(x / CELL, y / CELL).0[0] == c.label
    };
    let limit = c.flatness().1 * 0.5;
    // The two samples beyond an edge (JPEG blurs colour edges by a pixel or
    // two): sharp when either is faint. Off the image counts as sharp, and
    // so does a pixel under another region (it reads as grey).
    let faint = |x: i64, y: i64| {
        if x < 0 || y < 0 || x >= i64::from(grid.width) || y >= i64::from(grid.height) {
            return true;
        }
        let [r, g, b] = grid.at(x as u32, y as u32);
        ink.strength(r, g, b) < limit
    };
    let (mut edges, mut sharp) = (0u32, 0u32);
    let mut check = |x: u32, y: u32, dx: i64, dy: i64| {
        let (x, y) = (i64::from(x), i64::from(y));
        edges += 1;
        sharp += u32::from(faint(x + dx, y + dy) || faint(x + 2 * dx, y + 2 * dy));
    };
    for y in c.y0..=c.y1 {
        if let Some(x) = (c.x0..=c.x1).find(|&x| mine(x, y)) {
            check(x, y, -1, 0);
        }
        if let Some(x) = (c.x0..=c.x1).rev().find(|&x| mine(x, y)) {
            check(x, y, 1, 0);
        }
    }
    for x in c.x0..=c.x1 {
        if let Some(y) = (c.y0..=c.y1).find(|&y| mine(x, y)) {
            check(x, y, 0, -1);
        }
        if let Some(y) = (c.y0..=c.y1).rev().find(|&y| mine(x, y)) {
            check(x, y, 0, 1);
        }
    }
    sharp as f32 / edges.max(1) as f32
}

/// Largest cluster box (in samples) looked at for text: a line or two of
/// text is far smaller, and this bounds the memory the look takes.
const MAX_TEXT_BOX: u64 = 1 << 20;

/// Whether a cluster is marker ink: its numbers fit, it is not a line of
/// text (thin strokes in several pieces: letters; one thin stroke is still
/// a pen), and its edges are sharp.
fn is_ink(grid: &Grid, ink: &Ink, samples: &Samples, labels: &Labels, c: &Cluster, scan: Scan) -> bool {
    if !c.may_be_ink(scan) {
        return false;
    }
    if sharpness(grid, ink, samples, labels, c) < MIN_SHARPNESS {
        return false;
    }
    let area = u64::from(c.x1 - c.x0 + 1) * u64::from(c.y1 - c.y0 + 1);
    if area > MAX_TEXT_BOX {
        return true;
    }
    let footprint = Footprint::of(samples, labels, c);
    let thin = footprint.thickness() * f64::from(scan.step) < scan.min_width;
    !(thin && footprint.pieces() >= 2)
}

/// The clusters of one ink colour, before filtering.
fn clusters(grid: &Grid, ink: &Ink, scan: Scan) -> (Samples, Labels, Vec<Cluster>) {
    let samples = Samples::take(grid, ink);
    let (cw, ch) = (samples.width.div_ceil(CELL), samples.height.div_ceil(CELL));
    if samples.inked.is_empty() {
        return (samples, Labels::new(0, 0), Vec::new());
    }
    let mut cells = GrayImage::new(cw, ch);
    for &i in &samples.inked {
        let (sx, sy) = (i % samples.width, i / samples.width);
        cells.put_pixel(sx / CELL, sy / CELL, Luma([255]));
    }
    // Close the gaps between strokes of one mark: grow every inked cell by
    // half the gap on each side, then take connected groups.
    let cell_px = f64::from(CELL * scan.step);
    let radius = |gap: f64| ((gap / 2.0 / cell_px).ceil() as u32).clamp(0, 16);
    let (rx, ry) = (radius(scan.gap_x), radius(scan.gap_y));
    let window = GrayImage::from_pixel(2 * rx + 1, 2 * ry + 1, Luma([255]));
    let grown = grayscale_dilate(&cells, &Mask::from_image(&window, rx as u8, ry as u8));
    let (labels, count) = components(&grown);
    let count = count as usize;

    let mut clusters: Vec<Cluster> = (0..=count as u32).map(Cluster::new).collect();
    for &i in &samples.inked {
        let (sx, sy) = (i % samples.width, i / samples.width);
        let a = samples.alpha[i as usize];
        let label = labels.get_pixel(sx / CELL, sy / CELL).0[0] as usize;
        let c = &mut clusters[label];
        c.samples += 1;
        c.x0 = c.x0.min(sx);
        c.y0 = c.y0.min(sy);
        c.x1 = c.x1.max(sx);
        c.y1 = c.y1.max(sy);
        let bin = (f32::from(a) / 100.0 * BIN_PER_ALPHA) as usize;
        c.hist[bin.min(BINS - 1)] += 1;
    }
    clusters.retain(|c| c.samples > 0);
    (samples, labels, clusters)
}

/// The marks of one ink colour, as pixel rectangles.
fn marks_of(grid: &Grid, ink: &Ink, scan: Scan) -> Vec<PixelRect> {
    let (width, height) = (grid.image_width, grid.image_height);
    let (samples, labels, clusters) = clusters(grid, ink, scan);
    clusters
        .iter()
        .filter(|c| is_ink(grid, ink, &samples, &labels, c, scan))
        .filter_map(|c| {
            // Ink may reach up to one step short of the next sample that
            // showed none, so the box extends that far on every side.
            let s = scan.step;
            let x0 = (c.x0 * s).saturating_sub(s - 1);
            let y0 = (c.y0 * s).saturating_sub(s - 1);
            let x1 = (c.x1 * s + s).min(width);
            let y1 = (c.y1 * s + s).min(height);
            (x1 > x0 && y1 > y0).then(|| PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_images_of_marker_colour_do_not_panic() {
        // Every pixel its own group is where imageproc's labelling overflowed.
        for (w, h) in [(1, 1), (2, 1), (4, 4), (3, 3)] {
            let img = RgbaImage::from_fn(w, h, |x, y| {
                if (x + y) % 2 == 0 { image::Rgba([255, 0, 255, 255]) } else { image::Rgba([255, 255, 255, 255]) }
            });
            let _ = find_marks(&img, &[Rgb([255, 0, 255])], 1.0, None);
        }
        let dots = GrayImage::from_fn(3, 3, |x, y| Luma([if (x + y) % 2 == 0 { 255 } else { 0 }]));
        let (labels, count) = components(&dots);
        assert_eq!(count, 1, "diagonal neighbours are one 8-connected group");
        assert_eq!(labels.get_pixel(1, 0).0[0], 0);
        assert_eq!(components(&GrayImage::from_pixel(1, 1, Luma([255]))).1, 1);
    }

    #[test]
    fn names_and_hex_parse_and_greys_are_refused() {
        assert_eq!(parse_marker_color("Magenta").unwrap(), Rgb([255, 0, 255]));
        assert_eq!(parse_marker_color("yellow").unwrap(), Rgb([0xFF, 0xCC, 0x00]));
        assert_eq!(parse_marker_color("#00ff00").unwrap(), Rgb([0, 255, 0]));
        assert_eq!(parse_marker_color("f0f").unwrap(), Rgb([255, 0, 255]));
        assert!(parse_marker_color("black").unwrap_err().to_string().contains("not a marker colour"));
        assert!(parse_marker_color("#808080").unwrap_err().to_string().contains("too grey"));
        assert!(parse_marker_color("#12").unwrap_err().to_string().contains("not a marker colour"));
        assert_eq!(parse_marker_colors("off").unwrap(), vec![]);
        assert_eq!(parse_marker_colors(" red, #0000FF").unwrap(), vec![Rgb([0xFF, 0x3B, 0x30]), Rgb([0, 0, 255])]);
    }

    fn blend(m: [u8; 3], a: f32, bg: [u8; 3]) -> [u8; 3] {
        [0, 1, 2].map(|i| (a * f32::from(m[i]) + (1.0 - a) * f32::from(bg[i])).round() as u8)
    }

    #[test]
    fn ink_over_any_grey_gives_back_its_opacity() {
        for &(_, m) in MARKER_COLORS {
            let ink = Ink::new(m).unwrap();
            for a in [0.3f32, 0.45, 0.6, 1.0] {
                for g in [0u8, 40, 128, 200, 255] {
                    let [r, gg, b] = blend(m.0, a, [g; 3]);
                    let got = ink.alpha(r, gg, b).unwrap_or_else(|| panic!("{m} at {a} over {g} not found"));
                    assert!((got - a).abs() < 0.05, "{m} at {a} over {g}: {got}");
                }
            }
        }
    }

    #[test]
    fn neighbouring_hues_and_greys_are_not_ink() {
        let ink = Ink::new(Rgb([255, 0, 255])).unwrap();
        for c in [
            [0xE0, 0x20, 0x8F], // a magenta-ish logo
            [0xC7, 0x15, 0x85], // medium violet red
            [0x7B, 0x1F, 0xA2], // deep purple
            [252, 228, 236],    // pastel pink
            [128, 128, 128],
            [255, 255, 255],
            [0, 0, 0],
            [255, 0, 0],
            [0, 0, 255],
        ] {
            assert_eq!(ink.alpha(c[0], c[1], c[2]), None, "{c:?}");
        }
    }

    /// The fixtures at every other pixel, as on 2× and denser screens
    /// (with the gaps and sizes of a 2× screen): every mark still found,
    /// and its box, padded by the default 2 px, covers it.
    #[test]
    fn every_other_pixel_finds_every_fixture_mark() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markers");
        let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("truth.json")).unwrap()).unwrap();
        let scan = Scan { step: 2, ..Scan::for_density(2.0) };
        for (name, t) in truth.as_object().unwrap() {
            let img = image::open(dir.join(name)).unwrap().into_rgba8();
            let color = parse_marker_color(t["marker"].as_str().unwrap()).unwrap();
            let (w, h) = img.dimensions();
            let marks: Vec<PixelRect> = marks_of(&Grid::new(&img, None, scan.step), &Ink::new(color).unwrap(), scan)
                .iter()
                .map(|r| r.padded(2, w, h))
                .collect();
            let marked = t["marked"].as_array().unwrap();
            assert_eq!(marks.len(), marked.len(), "{name}: {marks:?}");
            for m in marked {
                for key in ["element", "stroke"] {
                    let b: Vec<u32> = m[key].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u32).collect();
                    let r = PixelRect { x: b[0], y: b[1], w: b[2], h: b[3] };
                    assert!(
                        marks.iter().any(|k| k.intersect(&r) == Some(r)),
                        "{name}: {} {key} {r:?} not covered by {marks:?}",
                        m["shape"]
                    );
                }
            }
        }
    }

    /// Paints a round-ended stroke of `width` pixels along `points`, fully
    /// opaque, anti-aliased by distance.
    fn stroke(img: &mut RgbaImage, points: &[(f32, f32)], width: f32, color: [u8; 3]) {
        let (w, h) = img.dimensions();
        for y in 0..h {
            for x in 0..w {
                let p = (x as f32 + 0.5, y as f32 + 0.5);
                let d = points
                    .windows(2)
                    .map(|s| {
                        let (a, b) = (s[0], s[1]);
                        let (vx, vy) = (b.0 - a.0, b.1 - a.1);
                        let t = (((p.0 - a.0) * vx + (p.1 - a.1) * vy) / (vx * vx + vy * vy)).clamp(0.0, 1.0);
                        ((p.0 - a.0 - t * vx).powi(2) + (p.1 - a.1 - t * vy).powi(2)).sqrt()
                    })
                    .fold(f32::MAX, f32::min);
                let cover = (width / 2.0 + 0.5 - d).clamp(0.0, 1.0);
                if cover > 0.0 {
                    let px = img.get_pixel_mut(x, y);
                    let mixed = blend(color, cover, [px.0[0], px.0[1], px.0[2]]);
                    px.0 = [mixed[0], mixed[1], mixed[2], 255];
                }
            }
        }
    }

    /// On a 3× screen (every other pixel looked at): zigzags at steep and
    /// shallow angles and a thin single scribble are marks; a row of thin
    /// separate bars in the marker colour (like text) is not.
    #[test]
    fn strokes_at_any_angle_on_a_dense_screen() {
        let magenta = [255, 0, 255];
        let mut img = RgbaImage::from_pixel(600, 400, image::Rgba([255, 255, 255, 255]));
        let steep: Vec<(f32, f32)> =
            (0..8).map(|i| (40.0 + 20.0 * i as f32, if i % 2 == 0 { 40.0 } else { 100.0 })).collect();
        stroke(&mut img, &steep, 7.0, magenta);
        let shallow: Vec<(f32, f32)> =
            (0..5).map(|i| (260.0 + 70.0 * i as f32, if i % 2 == 0 { 40.0 } else { 80.0 })).collect();
        stroke(&mut img, &shallow, 7.0, magenta);
        stroke(&mut img, &[(40.0, 200.0), (120.0, 230.0), (200.0, 195.0), (300.0, 225.0)], 5.0, magenta);
        for i in 0..12 {
            let x = 40.0 + 14.0 * i as f32;
            stroke(&mut img, &[(x, 320.0), (x, 350.0)], 4.0, magenta);
        }
        let marks = find_marks(&img, &[Rgb(magenta)], 3.0, None);
        let found = |x: u32, y: u32| marks.iter().any(|m| m.contains(x, y));
        assert!(found(40, 40) && found(180, 100), "steep zigzag: {marks:?}");
        assert!(found(262, 40) && found(538, 40), "shallow zigzag: {marks:?}");
        assert!(found(42, 200) && found(298, 225), "thin scribble: {marks:?}");
        assert!(!found(41, 335) && !found(195, 335), "bars taken for a mark: {marks:?}");
        assert_eq!(marks.len(), 3, "{marks:?}");
    }
}

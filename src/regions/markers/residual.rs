//! The check after masking: ink of a marker colour still visible outside
//! every region. It reads every pixel at full resolution, at any
//! thickness, so a stroke the detector judged to be text (or missed for
//! any other reason) is named rather than passed silently.
//!
//! What it reports: a group of at least [`MIN_PIXELS`] pixels of marker
//! ink (opacity 0.3 or more over a neutral background, or the marker
//! colour itself over anything) lying within [`GAP_DP`] dp of each other,
//! as the box around the group. Fewer pixels are noise (a JPEG fringe, a
//! single pixel of a photo that happens to have the marker's hue), not
//! something a person drew.

use std::collections::{BTreeMap, HashMap};

use image::RgbaImage;

use super::grid::MIN_CHROMA;
use super::ink::Ink;
use super::palette::shades_of;
use crate::mask::Coverage;
use crate::regions::{PixelRect, screen_density};
use crate::spec::Rgb;

/// Least opacity of a residual ink pixel: the faintest highlighter drawn.
const MIN_ALPHA: f32 = 0.3;
/// Least pixels of ink in a group that is reported.
pub const MIN_PIXELS: u32 = 6;
/// Ink pixels closer than this (dp) are one group.
const GAP_DP: f64 = 2.0;
/// Side of the cells ink pixels are grouped in, in pixels.
const CELL: u32 = 4;

/// Places where ink of one of `colors` (each with its family of shades) is
/// still visible in `masked` outside what `coverage` covers, as boxes in
/// pixels, largest first. Pixels under a region are never read.
pub fn residual_ink(masked: &RgbaImage, coverage: &Coverage, colors: &[Rgb]) -> Vec<PixelRect> {
    let (w, h) = masked.dimensions();
    let inks: Vec<Ink> = colors.iter().flat_map(|&c| shades_of(c)).filter_map(Ink::new).collect();
    if w == 0 || h == 0 || inks.is_empty() || coverage.dimensions() != (w, h) {
        return Vec::new();
    }
    // Every pixel once: most are grey and stop at the chroma test.
    let mut ink_pixels: Vec<(u32, u32)> = Vec::new();
    for (y, row) in masked.as_raw().chunks_exact(w as usize * 4).enumerate() {
        for (x, px) in row.chunks_exact(4).enumerate() {
            let chroma = px[0].max(px[1]).max(px[2]) - px[0].min(px[1]).min(px[2]);
            if chroma < MIN_CHROMA || px[3] < 128 {
                continue;
            }
            let p = [px[0], px[1], px[2]];
            let inked = inks.iter().any(|ink| ink.may_be_ink(p) && ink.alpha(p).is_some_and(|a| a >= MIN_ALPHA));
            if inked && !coverage.is_covered(x as u32, y as u32) {
                ink_pixels.push((x as u32, y as u32));
            }
        }
    }
    if ink_pixels.len() < MIN_PIXELS as usize {
        return Vec::new();
    }
    group(&ink_pixels, w, h, screen_density(w, h))
}

/// Ink pixels of one cell of the grouping grid.
struct InkCell {
    /// The cell's place in the grid.
    cx: u32,
    cy: u32,
    pixels: u32,
    /// The box of its ink pixels.
    rect: PixelRect,
}

/// The smallest rectangle holding both `a` and `b`.
fn union(a: PixelRect, b: PixelRect) -> PixelRect {
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = (a.right().max(b.right()), a.bottom().max(b.bottom()));
    PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

/// The boxes of the groups of at least [`MIN_PIXELS`] of `pixels`, most
/// pixels first.
fn group(pixels: &[(u32, u32)], width: u32, height: u32, density: f64) -> Vec<PixelRect> {
    let (cw, ch) = (width.div_ceil(CELL), height.div_ceil(CELL));
    let mut cell_of: HashMap<(u32, u32), usize> = HashMap::new();
    let mut cells: Vec<InkCell> = Vec::new();
    for &(x, y) in pixels {
        let (cx, cy) = (x / CELL, y / CELL);
        let at = PixelRect { x, y, w: 1, h: 1 };
        let i = *cell_of.entry((cx, cy)).or_insert_with(|| {
            cells.push(InkCell { cx, cy, pixels: 0, rect: at });
            cells.len() - 1
        });
        cells[i].pixels += 1;
        cells[i].rect = union(cells[i].rect, at);
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
    let reach = ((GAP_DP * density) / f64::from(CELL)).ceil().max(1.0) as i64;
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
    let mut groups: BTreeMap<usize, (u32, PixelRect)> = BTreeMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let r = root(&mut parent, i);
        let g = groups.entry(r).or_insert((0, cell.rect));
        g.0 += cell.pixels;
        g.1 = union(g.1, cell.rect);
    }
    let mut out: Vec<(u32, PixelRect)> = groups.into_values().filter(|(n, _)| *n >= MIN_PIXELS).collect();
    out.sort_by_key(|(n, r)| (std::cmp::Reverse(*n), r.y, r.x));
    out.into_iter().map(|(_, r)| r).collect()
}

//! Black-and-white grids and the few operations the detector runs on them:
//! growing and shrinking by a rectangle, and labelling 8-connected groups.
//!
//! A cluster's footprint is measured as a [`Bitmap`] of plain bytes a row
//! at a time (the growth as shifted ORs the compiler vectorises) instead of
//! through a general image library. Each colour's ink over the whole screen
//! is mostly clear cells, so it is grouped from its runs
//! ([`RowRuns::of_cells`], [`RowRuns::grown_groups`]) without building the
//! grown grid.

use fixedbitset::FixedBitSet;

use super::grid::Place;

/// A grid of set and clear cells, row by row.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bitmap {
    pub width: u32,
    pub height: u32,
    pub bits: Vec<bool>,
}

impl Bitmap {
    /// An all-clear grid.
    pub fn new(width: u32, height: u32) -> Bitmap {
        Bitmap { width, height, bits: vec![false; width as usize * height as usize] }
    }

    /// `bits` (row by row, `width` × `height`) inside a clear margin
    /// `margin` cells wide.
    pub fn framed(bits: &[bool], width: u32, height: u32, margin: u32) -> Bitmap {
        let mut out = Bitmap::new(width + 2 * margin, height + 2 * margin);
        let (w, ow, m) = (width as usize, out.width as usize, margin as usize);
        for (y, row) in bits.chunks_exact(w.max(1)).take(height as usize).enumerate() {
            out.bits[(y + m) * ow + m..][..w].copy_from_slice(row);
        }
        out
    }

    /// The cells within `rx` across and `ry` down of a set cell: grown by a
    /// (2·rx + 1) × (2·ry + 1) rectangle.
    pub fn dilate(&self, rx: u32, ry: u32) -> Bitmap {
        self.sweep(rx, ry, |a, b| a | b)
    }

    /// The cells whose (2·rx + 1) × (2·ry + 1) rectangle, clipped to the
    /// grid, is all set: what is off the grid does not clear a cell.
    pub fn erode(&self, rx: u32, ry: u32) -> Bitmap {
        self.sweep(rx, ry, |a, b| a & b)
    }

    /// Combines every cell with those within the rectangle, along rows then
    /// down columns (a rectangle is the product of its two sides).
    fn sweep(&self, rx: u32, ry: u32, op: impl Fn(bool, bool) -> bool + Copy) -> Bitmap {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut across = self.bits.clone();
        if w == 0 || h == 0 {
            return Bitmap { width: self.width, height: self.height, bits: across };
        }
        for (src, dst) in self.bits.chunks_exact(w).zip(across.chunks_exact_mut(w)) {
            for d in 1..=(rx as usize).min(w - 1) {
                for (o, &s) in dst[d..].iter_mut().zip(&src[..w - d]) {
                    *o = op(*o, s);
                }
                for (o, &s) in dst[..w - d].iter_mut().zip(&src[d..]) {
                    *o = op(*o, s);
                }
            }
        }
        let mut out = across.clone();
        for d in 1..=(ry as usize).min(h - 1) {
            let n = (h - d) * w;
            for (o, &s) in out[d * w..].iter_mut().zip(&across[..n]) {
                *o = op(*o, s);
            }
            for (o, &s) in out[..n].iter_mut().zip(&across[d * w..]) {
                *o = op(*o, s);
            }
        }
        Bitmap { width: self.width, height: self.height, bits: out }
    }

    /// The 8-connected groups of set cells: a label per cell (0 for clear
    /// ones; groups numbered from 1 in the order their first cell comes in
    /// reading order) and the number of groups.
    pub fn components(&self) -> (Vec<u32>, u32) {
        self.groups(true)
    }

    /// The number of steps (to any of the eight neighbours, over set
    /// cells) from cell `start` to every cell: `u32::MAX` for those not
    /// reached, and for every cell when `start` is clear.
    pub fn steps_from(&self, start: usize) -> Vec<u32> {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut steps = vec![u32::MAX; self.bits.len()];
        if !self.bits.get(start).copied().unwrap_or(false) {
            return steps;
        }
        steps[start] = 0;
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(i) = queue.pop_front() {
            let (x, y) = (i % w, i / w);
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let n = ny * w + nx;
                    if self.bits[n] && steps[n] == u32::MAX {
                        steps[n] = steps[i] + 1;
                        queue.push_back(n);
                    }
                }
            }
        }
        steps
    }

    /// [`Bitmap::components`] with cells joined across their corners
    /// (`diagonals`, 8-connected) or only across their sides (4-connected).
    pub fn groups(&self, diagonals: bool) -> (Vec<u32>, u32) {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut labels = vec![0u32; w * h];
        if w == 0 {
            return (labels, 0);
        }
        // The runs of set cells along each row (row, start, end), in reading
        // order, and where each row's runs begin in that list: groups are
        // joined run by run.
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
        let mut row_runs = vec![0usize; h + 1];
        for (y, row) in self.bits.chunks_exact(w).enumerate() {
            let mut x = 0;
            while x < w {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < w && row[x] {
                    x += 1;
                }
                runs.push((y, start, x));
            }
            row_runs[y + 1] = runs.len();
        }
        let mut parent: Vec<usize> = (0..runs.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        // Runs in neighbouring rows touch when they overlap, or (with
        // diagonals) when one ends right where the other begins.
        let reach = usize::from(diagonals);
        for y in 1..h {
            let above = row_runs[y - 1]..row_runs[y];
            let mut next = above.start;
            for r in row_runs[y]..row_runs[y + 1] {
                let (_, start, end) = runs[r];
                // Runs above that end left of this one's diagonal neighbour
                // end left of every later run of this row too.
                while next < above.end && runs[next].2 + reach <= start {
                    next += 1;
                }
                let mut k = next;
                while k < above.end && runs[k].1 < end + reach {
                    let (a, b) = (root(&mut parent, r), root(&mut parent, k));
                    parent[a.max(b)] = a.min(b);
                    k += 1;
                }
            }
        }
        // Groups numbered in reading order of their first run.
        let mut number = vec![0u32; runs.len()];
        let mut count = 0;
        for (r, &(y, start, end)) in runs.iter().enumerate() {
            let g = root(&mut parent, r);
            if number[g] == 0 {
                count += 1;
                number[g] = count;
            }
            labels[y * w + start..y * w + end].fill(number[g]);
        }
        (labels, count)
    }
}

/// A run of set cells along a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Run {
    pub y: u32,
    /// The first and the last cell's column.
    pub first: u32,
    pub last: u32,
}

/// The runs of set cells of a grid, in reading order.
pub(super) struct RowRuns {
    pub runs: Vec<Run>,
    /// Where each row's runs begin in `runs` (one more entry than rows).
    starts: Vec<usize>,
}

impl RowRuns {
    /// The runs of the set cells of `cells`, a grid `width` cells wide and
    /// `height` tall (cell `(x, y)` is bit `y · width + x`), read at a cost
    /// that follows the set cells, not the grid.
    pub fn of_cells(cells: &FixedBitSet, width: u32, height: u32) -> RowRuns {
        let mut runs: Vec<Run> = Vec::new();
        let mut place = Place::new(width);
        for i in cells.ones() {
            let (x, y) = place.of(i as u32);
            match runs.last_mut() {
                Some(r) if r.y == y && r.last + 1 == x => r.last = x,
                _ => runs.push(Run { y, first: x, last: x }),
            }
        }
        let mut starts = vec![0; height as usize + 1];
        for r in &runs {
            starts[r.y as usize + 1] += 1;
        }
        for y in 1..starts.len() {
            starts[y] += starts[y - 1];
        }
        RowRuns { runs, starts }
    }

    /// The groups the set cells would form if each grew by a
    /// (2·rx + 1) × (2·ry + 1) rectangle and 8-connected groups were taken:
    /// a group number per run and the number of groups, numbered from 1 in
    /// the reading order of each grown group's first cell, as
    /// `dilate(rx, ry).components()` numbers them, without building the
    /// grown grid. Two grown rectangles touch when their rows lie at most
    /// 2·ry + 1 apart and their columns come within 2·rx + 1.
    pub fn grown_groups(&self, rx: u32, ry: u32) -> (Vec<u32>, u32) {
        let runs = &self.runs;
        let mut parent: Vec<usize> = (0..runs.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let join = |parent: &mut [usize], a: usize, b: usize| {
            let (a, b) = (root(parent, a), root(parent, b));
            parent[a.max(b)] = a.min(b);
        };
        let reach = 2 * rx + 1;
        let rows = self.starts.len() - 1;
        for y in 0..rows {
            let here = self.starts[y]..self.starts[y + 1];
            for r in here.start + 1..here.end {
                if runs[r].first <= runs[r - 1].last + reach {
                    join(&mut parent, r - 1, r);
                }
            }
            for below in y + 1..=(y + 2 * ry as usize + 1).min(rows - 1) {
                let mut next = here.start;
                for r in self.starts[below]..self.starts[below + 1] {
                    let Run { first, last, .. } = runs[r];
                    // Runs above too far left of this one are too far left
                    // of every later run of its row as well.
                    while next < here.end && runs[next].last + reach < first {
                        next += 1;
                    }
                    let mut k = next;
                    while k < here.end && runs[k].first <= last + reach {
                        join(&mut parent, k, r);
                        k += 1;
                    }
                }
            }
        }
        // A grown group's first row is its top run's row less ry (at least
        // 0), and its first cell there lies rx left of the leftmost run
        // within ry of that row: distinct groups never tie on both.
        let mut first: Vec<Option<(u32, u32)>> = vec![None; runs.len()];
        for (r, run) in runs.iter().enumerate() {
            let g = root(&mut parent, r);
            match &mut first[g] {
                None => first[g] = Some((run.y.saturating_sub(ry), run.first)),
                Some((top, left)) if run.y <= *top + ry => *left = (*left).min(run.first),
                Some(_) => {}
            }
        }
        let mut order: Vec<(u32, u32, usize)> =
            first.iter().enumerate().filter_map(|(g, f)| f.map(|(top, left)| (top, left, g))).collect();
        order.sort_unstable();
        let mut number = vec![0u32; runs.len()];
        for (n, &(_, _, g)) in order.iter().enumerate() {
            number[g] = n as u32 + 1;
        }
        let groups = (0..runs.len()).map(|r| number[root(&mut parent, r)]).collect();
        (groups, order.len() as u32)
    }
}

/// Pseudo-random grids of each size in `sizes`, a tenth, a half and nine
/// tenths of their cells set: lone cells, clumps and lines, for tests that
/// check a fast way against a plain one.
#[cfg(test)]
pub(super) fn random_grids(sizes: &[(u32, u32)]) -> Vec<Bitmap> {
    let mut state = 0x2545_f491_u32;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let mut out = Vec::new();
    for &(w, h) in sizes {
        for density in [2, 5, 9] {
            let bits = (0..w * h).map(|_| next() % 10 < density).collect();
            out.push(Bitmap { width: w, height: h, bits });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};
    use imageproc::morphology::{Mask, grayscale_dilate, grayscale_erode};
    use imageproc::region_labelling::{Connectivity, connected_components};

    fn gray(b: &Bitmap) -> GrayImage {
        GrayImage::from_fn(b.width, b.height, |x, y| Luma([if b.bits[(y * b.width + x) as usize] { 255 } else { 0 }]))
    }

    fn from_gray(g: &GrayImage) -> Vec<bool> {
        g.as_raw().iter().map(|&v| v > 0).collect()
    }

    #[test]
    fn growing_and_shrinking_match_a_general_image_library() {
        for b in random_grids(&[(1, 1), (1, 7), (9, 1), (2, 2), (13, 11), (40, 23), (64, 64)]) {
            for (rx, ry) in [(0, 0), (1, 1), (2, 1), (1, 3), (4, 4), (16, 2)] {
                let window = GrayImage::from_pixel(2 * rx + 1, 2 * ry + 1, Luma([255]));
                let mask = Mask::from_image(&window, rx as u8, ry as u8);
                assert_eq!(b.dilate(rx, ry).bits, from_gray(&grayscale_dilate(&gray(&b), &mask)), "{b:?} {rx} {ry}");
                assert_eq!(b.erode(rx, ry).bits, from_gray(&grayscale_erode(&gray(&b), &mask)), "{b:?} {rx} {ry}");
            }
        }
    }

    /// The runs read back from bit rows are the set cells, and the groups
    /// of runs as if grown are those of the grown grid, numbered alike.
    #[test]
    fn runs_grouped_as_if_grown_match_the_grown_grid() {
        for b in random_grids(&[(1, 1), (1, 7), (9, 1), (13, 11), (64, 5), (65, 9), (130, 12), (200, 40)]) {
            let cells: FixedBitSet = b.bits.iter().enumerate().filter(|(_, set)| **set).map(|(i, _)| i).collect();
            let runs = RowRuns::of_cells(&cells, b.width, b.height);
            let mut back = vec![false; b.bits.len()];
            for r in &runs.runs {
                assert!(r.first <= r.last && r.last < b.width, "{r:?}");
                back[(r.y * b.width + r.first) as usize..=(r.y * b.width + r.last) as usize].fill(true);
            }
            assert_eq!(back, b.bits, "{b:?}");
            for (rx, ry) in [(0, 0), (1, 1), (2, 0), (0, 3), (4, 2), (16, 16)] {
                let (labels, count) = b.dilate(rx, ry).components();
                let (groups, ours) = runs.grown_groups(rx, ry);
                assert_eq!(ours, count, "{b:?} {rx} {ry}");
                for (r, g) in runs.runs.iter().zip(&groups) {
                    for x in r.first..=r.last {
                        assert_eq!(labels[(r.y * b.width + x) as usize], *g, "{b:?} {rx} {ry} at {x},{}", r.y);
                    }
                }
            }
        }
        // Runs end at the end of their row.
        let cells: FixedBitSet = [3, 4, 5, 6, 7, 9].into_iter().collect();
        let runs: Vec<(u32, u32, u32)> =
            RowRuns::of_cells(&cells, 5, 2).runs.iter().map(|r| (r.y, r.first, r.last)).collect();
        assert_eq!(runs, [(0, 3, 4), (1, 0, 2), (1, 4, 4)]);
    }

    #[test]
    fn labels_match_a_general_image_library() {
        for b in random_grids(&[(1, 1), (1, 7), (9, 1), (2, 2), (13, 11), (40, 23), (64, 64)]) {
            // A clear border, as imageproc needs (its labels overflow when
            // every pixel starts a group).
            let framed = Bitmap::framed(&b.bits, b.width, b.height, 1);
            let theirs = connected_components(&gray(&framed), Connectivity::Eight, Luma([0]));
            let (ours, count) = framed.components();
            assert_eq!(ours, theirs.as_raw().clone(), "{b:?}");
            assert_eq!(count, theirs.as_raw().iter().copied().max().unwrap_or(0));
            let theirs = connected_components(&gray(&framed), Connectivity::Four, Luma([0]));
            assert_eq!(framed.groups(false).0, theirs.as_raw().clone(), "{b:?}");
        }
        let dots = Bitmap { width: 3, height: 3, bits: (0..9).map(|i| i % 2 == 0).collect() };
        assert_eq!(dots.components().1, 1, "diagonal neighbours are one group");
    }
}

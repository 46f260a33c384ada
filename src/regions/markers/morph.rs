//! Black-and-white grids and the few operations the detector runs on them:
//! growing and shrinking by a rectangle, and labelling 8-connected groups.
//!
//! These run on every colour's cell grid and on every cluster measured, so
//! they work on plain bytes a row at a time (the growth as shifted ORs the
//! compiler vectorises) instead of through a general image library.

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

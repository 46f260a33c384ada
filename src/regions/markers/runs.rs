//! The local background of coloured stretches: along rows and columns of a
//! lattice (every `spacing`th of those that have colour in it), the grid is
//! cut into runs of one flat colour, and each run learns the flat colours
//! just beyond its two ends.
//!
//! A highlighter swipe across a blue chat bubble is, along each column
//! through it, a run of one colour between two runs of the bubble's blue
//! (and along each row, between the bubble's blue or the swipe's own ends).
//! The ink test over a known background ([`Ink::alpha_over`]) then tells
//! whether the run is the marker laid over what lies beside it. Short runs
//! between two flat ones (an anti-aliased or JPEG-blurred edge) are skipped
//! when looking for the background.
//!
//! A swipe is long and at least a line of text tall, so a lattice a few dp
//! wide crosses it many times; what the lattice finds is grown over the
//! rest of the swipe's flat colour ([`Samples::take`]), which costs a
//! fraction of cutting every row and column.
//!
//! [`Samples::take`]: super::cluster::Samples::take
//!
//! [`Ink::alpha_over`]: super::ink::Ink::alpha_over

use super::grid::{Grid, MIN_CHROMA, Place, chroma, rgb};

/// Largest difference of any channel between a run's first sample and the
/// others: flat UI colours vary by a few units after JPEG.
const FLAT: u8 = 16;
/// Least length (samples) of a run that can be a background.
const MIN_BACKGROUND: u32 = 2;
/// Most samples of blurred edge between a run and its background (JPEG's
/// halved colour resolution and a downscaled copy's filter each add one).
const MAX_EDGE: u32 = 3;

/// Lattice columns gathered together.
const BAND: usize = 16;

/// One run of a row or column, in samples along it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    /// Index of its first sample in the grid, and the grid step from one
    /// sample of the run to the next (1 along rows, the width along columns).
    pub first: u32,
    pub stride: u32,
    pub len: u32,
    /// Its colour (its middle sample).
    pub color: [u8; 3],
    /// The flat colours beyond its two ends, if any.
    pub before: Option<[u8; 3]>,
    pub after: Option<[u8; 3]>,
}

impl Run {
    /// The grid indices of its samples.
    pub fn samples(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).map(move |i| self.first + i * self.stride)
    }
}

/// Whether two colours are one flat colour: no channel differs by more than
/// [`FLAT`].
#[inline]
pub(super) fn flat(a: [u8; 3], b: [u8; 3]) -> bool {
    a[0].abs_diff(b[0]) <= FLAT && a[1].abs_diff(b[1]) <= FLAT && a[2].abs_diff(b[2]) <= FLAT
}

/// The runs of every `spacing`th row and column of `grid` that holds a
/// chromatic sample, each with its backgrounds; only runs holding a
/// chromatic sample are kept (only they can be ink over a coloured
/// background).
pub(super) fn coloured_runs(grid: &Grid, spacing: u32) -> Vec<Run> {
    let spacing = spacing.max(1) as usize;
    let (w, h) = (grid.width as usize, grid.height as usize);
    let mut rows = vec![false; h];
    let mut cols = vec![false; w];
    let mut place = Place::new(grid.width);
    for span in &grid.chromatic {
        let (x, y) = place.of(span.first);
        rows[y as usize] = true;
        cols[x as usize..][..span.len as usize].fill(true);
    }
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    // The lattice's lines lie half a spacing in from the edges.
    let on_lattice = |i: usize| i % spacing == spacing / 2;
    for y in (0..h).filter(|&y| rows[y] && on_lattice(y)) {
        cut(&grid.pixels[y * w..(y + 1) * w], (y * w) as u32, 1, &mut scratch, &mut out);
    }
    // Columns are gathered a band at a time, each row's part of the band
    // read at once: a column alone reads a cache line per sample.
    let lattice: Vec<usize> = (0..w).filter(|&x| cols[x] && on_lattice(x)).collect();
    let mut band: Vec<Vec<[u8; 4]>> = vec![Vec::with_capacity(h); BAND.min(lattice.len())];
    for xs in lattice.chunks(BAND) {
        band.iter_mut().for_each(Vec::clear);
        for row in grid.pixels.chunks_exact(w) {
            for (column, &x) in band.iter_mut().zip(xs) {
                column.push(row[x]);
            }
        }
        for (column, &x) in band.iter().zip(xs) {
            cut(column, x as u32, w as u32, &mut scratch, &mut out);
        }
    }
    out
}

/// What cutting one line needs, kept from line to line.
#[derive(Default)]
struct Scratch {
    /// The line's runs.
    line: Vec<Run>,
    /// Per run: whether it holds a chromatic sample.
    has_colour: Vec<bool>,
}

/// Cuts one line of samples (the `j`th at grid index `first + j·stride`)
/// into runs and appends those holding a chromatic sample to `out`.
fn cut(colors: &[[u8; 4]], first: u32, stride: u32, scratch: &mut Scratch, out: &mut Vec<Run>) {
    let Scratch { line, has_colour } = scratch;
    line.clear();
    has_colour.clear();
    let len = colors.len();
    let mut start = 0;
    while start < len {
        let c0 = rgb(colors[start]);
        let mut coloured = chroma(&c0) >= MIN_CHROMA;
        let mut end = start + 1;
        while end < len {
            // Screens are mostly stretches of one exact colour: a sample
            // equal to the one before is in the run, and adds no colour;
            // four such are passed at once.
            let last = colors[end - 1];
            if colors.get(end..end + 4).is_some_and(|quad| quad == [last; 4]) {
                end += 4;
                continue;
            }
            if colors[end] == last {
                end += 1;
                continue;
            }
            if !flat(rgb(colors[end]), c0) {
                break;
            }
            coloured |= chroma(&colors[end]) >= MIN_CHROMA;
            end += 1;
        }
        line.push(Run {
            first: first + start as u32 * stride,
            stride,
            len: (end - start) as u32,
            color: rgb(colors[start + (end - start) / 2]),
            before: None,
            after: None,
        });
        has_colour.push(coloured);
        start = end;
    }
    for i in 0..line.len() {
        let run = line[i];
        let before = background(line, (0..i).rev());
        let after = background(line, i + 1..line.len());
        // A highlighter over a dark blue card can come out nearly grey:
        // the run or its background must have colour.
        let coloured = has_colour[i] || [before, after].into_iter().flatten().any(|c| chroma(&c) >= MIN_CHROMA);
        if coloured && (before.is_some() || after.is_some()) {
            out.push(Run { before, after, ..run });
        }
    }
}

/// The colour of the first run of `line`, in the order `order`, long
/// enough to be a background, unless more than [`MAX_EDGE`] samples of
/// short runs come first.
fn background(line: &[Run], order: impl Iterator<Item = usize>) -> Option<[u8; 3]> {
    let mut skipped = 0;
    for j in order {
        let r = &line[j];
        if r.len >= MIN_BACKGROUND {
            return Some(r.color);
        }
        skipped += r.len;
        if skipped > MAX_EDGE {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::RgbaImage;

    #[test]
    fn a_band_across_a_bubble_sees_the_bubble_above_and_below() {
        let blue = [0u8, 122, 255];
        let band = [102u8, 155, 153];
        let img = RgbaImage::from_fn(20, 30, |_, y| {
            let c = if (10..20).contains(&y) {
                band
            } else if y == 9 || y == 20 {
                [50, 140, 200] // a blurred edge
            } else {
                blue
            };
            image::Rgba([c[0], c[1], c[2], 255])
        });
        let grid = Grid::new(&img, None, 1);
        let runs = coloured_runs(&grid, 1);
        let column = runs.iter().find(|r| r.stride == 20 && r.color == band).unwrap();
        assert_eq!((column.len, column.before, column.after), (10, Some(blue), Some(blue)));
        // Along a row the band is one run with nothing beside it.
        assert!(!runs.iter().any(|r| r.stride == 1 && r.color == band));
    }
}

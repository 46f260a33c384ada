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

/// Samples of a row compared with the row above at once, when cutting
/// columns.
const STRETCH: usize = 64;

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
    /// The flat colours beyond its two ends, where they are coloured.
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
/// chromatic sample, each with its backgrounds; only runs beside a
/// coloured background are kept (ink over a neutral one is found without
/// them).
pub(super) fn coloured_runs(grid: &Grid, spacing: u32) -> Vec<Run> {
    let spacing = spacing.max(1) as usize;
    let (w, h) = (grid.width as usize, grid.height as usize);
    // The lattice's lines lie half a spacing in from the edges.
    let on_lattice = |i: usize| i % spacing == spacing / 2;
    let mut rows = vec![false; h];
    // Per column, how many spans start there less how many end before it:
    // summed along the row, how many spans cover each column.
    let mut starts = vec![0i32; w + 1];
    let mut place = Place::new(grid.width);
    for span in &grid.chromatic {
        let (x, y) = place.of(span.first);
        rows[y as usize] = true;
        starts[x as usize] += 1;
        starts[(x + span.len) as usize] -= 1;
    }
    let mut covering = 0;
    let cols: Vec<bool> = starts[..w]
        .iter()
        .map(|&n| {
            covering += n;
            covering > 0
        })
        .collect();
    let mut out = Vec::new();
    let mut line = Vec::new();
    let mut last_cut: Option<(usize, &[[u8; 4]])> = None;
    for y in (0..h).filter(|&y| rows[y] && on_lattice(y)) {
        let row = &grid.pixels[y * w..(y + 1) * w];
        // Rows repeat over much of a screen: one like the last one cut has
        // its runs (known without reading it when pooling compared rows).
        let repeated = last_cut.is_some_and(|(above, cut)| grid.unchanged(above, y) == Some(true) || row == cut);
        if !repeated {
            split(row, &mut line);
            last_cut = Some((y, row));
        }
        keep_coloured(&line, (y * w) as u32, 1, &mut out);
    }
    let lattice: Vec<usize> = (0..w).filter(|&x| cols[x] && on_lattice(x)).collect();
    for (line, x) in split_columns(grid, &lattice).iter().zip(lattice) {
        keep_coloured(line, x as u32, w as u32, &mut out);
    }
    out
}

/// A run along one line, before its backgrounds are known.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Its first sample's place along the line.
    start: u32,
    len: u32,
    /// Its middle sample's colour.
    color: [u8; 3],
}

/// Cuts one line of samples into runs of one flat colour, into `line`.
fn split(colors: &[[u8; 4]], line: &mut Vec<Piece>) {
    line.clear();
    let len = colors.len();
    let mut start = 0;
    while start < len {
        let mut run = Open::at(start, colors[start]);
        let mut end = start + 1;
        while end < len {
            // Screens are mostly stretches of one exact colour: four
            // samples equal to the one before are passed at once.
            let last = colors[end - 1];
            if colors.get(end..end + 4).is_some_and(|quad| quad == [last; 4]) {
                end += 4;
                continue;
            }
            if !run.takes(colors[end]) {
                break;
            }
            end += 1;
        }
        line.push(run.ended(end, colors[run.middle(end)]));
        start = end;
    }
}

/// A run being cut, while the samples after it are walked.
struct Open {
    /// Where it starts along the line.
    start: u32,
    /// Its first sample's colour, which every other must be flat with.
    first: [u8; 3],
    /// The last sample walked.
    last: [u8; 4],
}

impl Open {
    fn at(start: usize, c: [u8; 4]) -> Open {
        Open { start: start as u32, first: rgb(c), last: c }
    }

    /// Where its middle sample lies along the line when it ends before
    /// `end`: the sample whose colour it takes.
    fn middle(&self, end: usize) -> usize {
        let start = self.start as usize;
        start + (end - start) / 2
    }

    /// The run, ended before `end`, its middle sample `middle`.
    fn ended(&self, end: usize, middle: [u8; 4]) -> Piece {
        Piece { start: self.start, len: end as u32 - self.start, color: rgb(middle) }
    }

    /// Whether `c`, the next sample along the line, is in the run (it is
    /// then the last sample walked).
    #[inline]
    fn takes(&mut self, c: [u8; 4]) -> bool {
        // A sample equal to the one before is in the run.
        if c == self.last {
            return true;
        }
        if !flat(rgb(c), self.first) {
            return false;
        }
        self.last = c;
        true
    }
}

/// [`split`] for each of the columns `xs` of `grid`, cutting them all in
/// one walk down the rows: walking down one column alone reads a cache
/// line and a memory page per sample.
fn split_columns(grid: &Grid, xs: &[usize]) -> Vec<Vec<Piece>> {
    let (w, h) = (grid.width as usize, grid.height as usize);
    // Room for a few runs per column up front: most columns have few.
    let mut lines: Vec<Vec<Piece>> = xs.iter().map(|_| Vec::with_capacity(16)).collect();
    if xs.is_empty() || h == 0 {
        return lines;
    }
    let mut open: Vec<Open> = xs.iter().map(|&x| Open::at(0, grid.pixels[x])).collect();
    let end = |run: &Open, y: usize, x: usize| run.ended(y, grid.pixels[run.middle(y) * w + x]);
    // Where each stretch of the row starts in `xs`.
    let stretches: Vec<usize> = (0..=w.div_ceil(STRETCH)).map(|k| xs.partition_point(|&x| x < k * STRETCH)).collect();
    let mut rows = grid.pixels.chunks_exact(w);
    let Some(mut above) = rows.next() else { return lines };
    for (y, row) in rows.enumerate().map(|(y, row)| (y + 1, row)) {
        // A row that repeats the one above whole is passed: known from
        // pooling, or seen in one look (that stops at the first difference
        // when it does not).
        if grid.unchanged(y - 1, y).unwrap_or_else(|| row == above) {
            continue;
        }
        for (k, pair) in stretches.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let part = k * STRETCH..((k + 1) * STRETCH).min(w);
            // Rows repeat over most of a screen (a window's empty parts, a
            // wallpaper's bands): where this one's stretch is the one
            // above, every column's sample is its last one.
            if a == b || row[part.clone()] == above[part] {
                continue;
            }
            for ((run, line), &x) in open[a..b].iter_mut().zip(&mut lines[a..b]).zip(&xs[a..b]) {
                if !run.takes(row[x]) {
                    line.push(end(run, y, x));
                    *run = Open::at(y, row[x]);
                }
            }
        }
        above = row;
    }
    for ((run, line), &x) in open.iter().zip(&mut lines).zip(xs) {
        line.push(end(run, h, x));
    }
    lines
}

/// Appends to `out` the runs of `line` (its `j`th sample at grid index
/// `first + j·stride`) that can be ink over a coloured background, each
/// with the flat colours beyond its ends where they are coloured.
fn keep_coloured(line: &[Piece], first: u32, stride: u32, out: &mut Vec<Run>) {
    for (i, piece) in line.iter().enumerate() {
        // Only a coloured background is looked at (ink over a neutral one
        // is found without it); a highlighter over a dark blue card can
        // come out nearly grey, so the run need not have colour.
        let coloured = |c: Option<[u8; 3]>| c.filter(|c| chroma(c) >= MIN_CHROMA);
        let before = coloured(background(line, (0..i).rev()));
        let after = coloured(background(line, i + 1..line.len()));
        if before.is_some() || after.is_some() {
            out.push(Run {
                first: first + piece.start * stride,
                stride,
                len: piece.len,
                color: piece.color,
                before,
                after,
            });
        }
    }
}

/// The colour of the first run of `line`, in the order `order`, long
/// enough to be a background, unless more than [`MAX_EDGE`] samples of
/// short runs come first.
fn background(line: &[Piece], order: impl Iterator<Item = usize>) -> Option<[u8; 3]> {
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

    /// Cutting every column in one walk down the rows gives each column
    /// the runs that cutting it alone gives, on a screen of flat blocks,
    /// gradients, noise and lone pixels, with rows that repeat the one
    /// above in part, in whole and not at all, for every column and for
    /// every third.
    #[test]
    fn columns_cut_together_are_cut_as_each_alone() {
        let mut seed = 7u32;
        let mut next = move || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            seed >> 8
        };
        let (w, h) = (203, 61);
        let blocks: Vec<[u8; 4]> = (0..16).map(|_| [next() as u8, next() as u8, next() as u8, 255]).collect();
        let img = RgbaImage::from_fn(w, h, |x, y| {
            let mut c = blocks[((x / 9) * 4 + y / 13) as usize % blocks.len()];
            // Noise in some rows, over part of them or all.
            if y % 7 < 2 && (x < 90 || y % 3 == 0) {
                match next() % 10 {
                    // A little, within a flat colour or not.
                    0 => c[0] = c[0].wrapping_add((next() % 40) as u8),
                    1 => c = [next() as u8, next() as u8, next() as u8, 255],
                    _ => {}
                }
            }
            // A gradient down the first stretch of columns.
            if x % 5 == 0 && x < 60 {
                c[1] = c[1].saturating_add(y as u8);
            }
            image::Rgba(c)
        });
        let grid = Grid::new(&img, None, 1);
        for every in [1, 3] {
            let xs: Vec<usize> = (0..w as usize).filter(|x| x % every == 1 % every).collect();
            let together = split_columns(&grid, &xs);
            let mut alone = Vec::new();
            for (x, line) in xs.iter().zip(&together) {
                let column: Vec<[u8; 4]> = (0..h as usize).map(|y| grid.pixels[y * w as usize + x]).collect();
                split(&column, &mut alone);
                let key = |p: &Piece| (p.start, p.len, p.color);
                let (got, want): (Vec<_>, Vec<_>) = (line.iter().map(key).collect(), alone.iter().map(key).collect());
                assert_eq!(got, want, "x {x}");
                assert!(alone.len() > 3, "x {x}: {} runs", alone.len());
            }
        }
    }

    /// Rows that repeat the last lattice row cut get the runs cutting them
    /// gives, each at its own place.
    #[test]
    fn repeated_rows_get_the_runs_cutting_them_gives() {
        let blue = [0u8, 122, 255, 255];
        let band = [102u8, 155, 153, 255];
        // Bands of repeated rows, with a lone different row in one.
        let img = RgbaImage::from_fn(40, 30, |x, y| {
            let c = if y == 13 && x > 20 {
                [250, 0, 0, 255]
            } else if (8..20).contains(&y) && (5..30).contains(&x) {
                band
            } else {
                blue
            };
            image::Rgba(c)
        });
        let grid = Grid::new(&img, None, 1);
        let w = 40;
        let mut want = Vec::new();
        let mut line = Vec::new();
        for y in (0..30usize).filter(|y| y % 2 == 1) {
            split(&grid.pixels[y * w..(y + 1) * w], &mut line);
            keep_coloured(&line, (y * w) as u32, 1, &mut want);
        }
        let got: Vec<_> = coloured_runs(&grid, 2).into_iter().filter(|r| r.stride == 1).collect();
        let key = |r: &Run| (r.first, r.len, r.color, r.before, r.after);
        assert_eq!(got.iter().map(key).collect::<Vec<_>>(), want.iter().map(key).collect::<Vec<_>>());
        // Three runs on each of the band's six lattice rows (the red row
        // among them); the rows of blue alone have no background.
        assert_eq!(got.len(), 18);
    }

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

//! What the detector looks at: the image pooled into a grid of samples,
//! one per `step`×`step` block, each the most colourful pixel of its block.
//!
//! On 2× and denser screens no pen is thinner than two pixels, so testing a
//! quarter of the pixels finds every stroke; taking the most colourful pixel
//! of each block rather than a fixed one keeps a one-pixel line (a shape
//! tool's outline on a HiDPI desktop) from falling between the samples.
//! Pixels that are transparent or under another region are never read: a
//! block with nothing else in it reads as neutral grey, which is never ink.

use std::borrow::Cow;

use image::RgbaImage;

use crate::geometry::Coverage;

/// Least chroma (spread between the strongest and the weakest channel) of
/// a sample that may be ink: a marker of chroma 80 at opacity 0.2 over grey
/// has 16, and JPEG takes a little.
pub(super) const MIN_CHROMA: u8 = 12;

/// The grey that stands for pixels that may not be read.
const OFF_LIMITS: [u8; 4] = [128, 128, 128, 255];

/// The pooled image.
pub(super) struct Grid<'a> {
    /// Size in samples.
    pub width: u32,
    pub height: u32,
    /// The image's size in pixels.
    pub image_width: u32,
    pub image_height: u32,
    /// One colour per sample, row by row, as RGBA (the fourth byte is not
    /// read): the image itself when every pixel is its own sample and may
    /// be read, as on most 1× screens (a copy would cost more than the rest
    /// of pooling).
    pub pixels: Cow<'a, [[u8; 4]]>,
    /// The samples of at least [`MIN_CHROMA`], in row order, as spans of
    /// one colour: the only ones that can be ink over a neutral
    /// background, and what every later stage starts from. A screen is
    /// mostly stretches of one colour, which each stage tests once.
    pub chromatic: Vec<Span>,
    /// The colour of each span of `chromatic`, kept as pooling meets it:
    /// the later stages walk the spans in turn, and reading their colours
    /// here rather than in the image reads the image once per look.
    pub colours: Vec<[u8; 3]>,
    /// Per row, whether it is the row above over again (much of a screen
    /// is), when pooling compared them: a stage walking the rows passes such
    /// a row without reading it. Empty when not known.
    repeats: Vec<bool>,
    /// Pixels per side of the block a sample stands for.
    pub step: u32,
    /// When 2×2 blocks are pooled, per span of `chromatic`: whether its
    /// blocks' pixels are all equal, as most of a screen's are (empty
    /// otherwise; see [`Grid::is_whole`]).
    whole: Vec<bool>,
}

/// Consecutive samples of one colour along a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    /// Index of the first.
    pub first: u32,
    pub len: u32,
}

impl Span {
    /// The indices of its samples.
    pub fn samples(self) -> std::ops::Range<u32> {
        self.first..self.first + self.len
    }
}

/// Where an image may hold colour, as one look at it saw it: blocks of
/// `step`×`step` pixels, as spans along rows of blocks. Every pixel that
/// may be read (opaque enough, not hidden) and has a chroma of at least
/// [`MIN_CHROMA`] lies in one of them, so a later look for colour in the
/// same pixels need read nothing else.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColourPlaces {
    step: u32,
    /// Row length of the block grid.
    blocks_wide: u32,
    image_width: u32,
    image_height: u32,
    spans: Vec<Span>,
    /// Per span, its colour when its pixels that may be read are all that
    /// colour.
    colours: Vec<Option<[u8; 3]>>,
}

impl ColourPlaces {
    /// What `grid` found, taking its list of spans.
    pub(super) fn of(grid: Grid) -> ColourPlaces {
        let colours = grid.colours.iter().enumerate().map(|(k, &colour)| grid.is_whole(k).then_some(colour)).collect();
        ColourPlaces {
            step: grid.step,
            blocks_wide: grid.width,
            image_width: grid.image_width,
            image_height: grid.image_height,
            spans: grid.chromatic,
            colours,
        }
    }

    /// The size in pixels of the image they were found in.
    pub fn dimensions(&self) -> (u32, u32) {
        (self.image_width, self.image_height)
    }

    /// Calls `read(y, xs, colour)` for every stretch of pixels that may
    /// hold colour (row `y`, columns `xs`), row by row from the top and
    /// left to right in each row; `colour` when the stretch's pixels that
    /// may be read were all that colour.
    pub fn for_each_stretch(&self, mut read: impl FnMut(u32, std::ops::Range<u32>, Option<[u8; 3]>)) {
        let s = self.step;
        let mut place = Place::new(self.blocks_wide);
        let mut start = 0;
        while start < self.spans.len() {
            // The spans of one row of blocks, met once per row of pixels.
            let by = place.of(self.spans[start].first).1;
            let end = start + self.spans[start..].iter().take_while(|span| place.of(span.first).1 == by).count();
            for y in by * s..((by + 1) * s).min(self.image_height) {
                for (span, &colour) in self.spans[start..end].iter().zip(&self.colours[start..end]) {
                    let x0 = place.of(span.first).0 * s;
                    read(y, x0..(x0 + span.len * s).min(self.image_width), colour);
                }
            }
            start = end;
        }
    }
}

/// Where grid indices lie, for a list of them mostly in reading order:
/// the row of the last one is kept, so that most need no division.
pub(super) struct Place {
    width: u32,
    row: u32,
    row_start: u32,
}

impl Place {
    pub fn new(width: u32) -> Place {
        Place { width: width.max(1), row: 0, row_start: 0 }
    }

    /// Column and row of index `i`.
    #[inline]
    pub fn of(&mut self, i: u32) -> (u32, u32) {
        let x = i.wrapping_sub(self.row_start);
        if x < self.width {
            return (x, self.row);
        }
        self.row = i / self.width;
        self.row_start = self.row * self.width;
        (i - self.row_start, self.row)
    }
}

/// The chromatic spans and their colours, as pooling finds them.
#[derive(Default)]
struct Noted {
    spans: Vec<Span>,
    colours: Vec<[u8; 3]>,
}

impl Noted {
    /// Adds the `n` samples from `i` on, all of `colour`: to the last span
    /// when `joins` (they are the colour of the sample before them in
    /// their row) and that span ends right before them, else as a new
    /// span; whether that made a new span.
    #[inline]
    fn note(&mut self, i: u32, n: u32, joins: bool, colour: [u8; 3]) -> bool {
        if joins
            && let Some(last) = self.spans.last_mut()
            && last.first + last.len == i
        {
            last.len += n;
            return false;
        }
        self.spans.push(Span { first: i, len: n });
        self.colours.push(colour);
        true
    }
}

/// The spread between the strongest and the weakest of a pixel's first
/// three channels (red, green, blue): 0 for greys.
#[inline]
pub(super) fn chroma(p: &[u8]) -> u8 {
    p[0].max(p[1]).max(p[2]) - p[0].min(p[1]).min(p[2])
}

impl<'a> Grid<'a> {
    /// Pools `image` by `step` (1 keeps every pixel), skipping what
    /// `hidden` covers.
    pub fn new(image: &'a RgbaImage, hidden: Option<&Coverage>, step: u32) -> Grid<'a> {
        let step = step.max(1);
        let (w, h) = image.dimensions();
        let (sw, sh) = (w.div_ceil(step), h.div_ceil(step));
        let mut chromatic = Noted::default();
        let raw = image.as_raw();
        let grid = |pixels, chromatic: Noted, whole, repeats| Grid {
            width: sw,
            height: sh,
            image_width: w,
            image_height: h,
            pixels,
            chromatic: chromatic.spans,
            colours: chromatic.colours,
            repeats,
            step,
            whole,
        };
        if w > 0 && step == 1 && hidden.is_none() {
            let pixels = raw.as_chunks::<4>().0;
            let mut repeats = Vec::with_capacity(h as usize);
            if every_pixel(raw, w as usize, &mut chromatic, &mut repeats) {
                return grid(Cow::Borrowed(pixels), chromatic, Vec::new(), repeats);
            }
            let readable = pixels.iter().map(|&p| if p[3] < 128 { OFF_LIMITS } else { p }).collect();
            return grid(Cow::Owned(readable), chromatic, Vec::new(), repeats);
        }
        if w > 0 && step == 2 && hidden.is_none() {
            let mut whole = Vec::new();
            let pixels = pool_pairs(raw, w as usize, &mut chromatic, &mut whole);
            return grid(Cow::Owned(pixels), chromatic, whole, Vec::new());
        }
        let mut pooled = vec![OFF_LIMITS; sw as usize * sh as usize];
        let row_bytes = w as usize * 4;
        if row_bytes == 0 {
            return grid(Cow::Owned(pooled), chromatic, Vec::new(), Vec::new());
        }
        let block_bytes = step as usize * 4;
        // Per block of the current row of blocks: the chroma of the pixel
        // standing for it, and whether one does yet.
        let mut best = vec![0u8; sw as usize];
        let mut standing = vec![false; sw as usize];
        for (sy, rows) in raw.chunks(row_bytes * step as usize).enumerate() {
            best.fill(0);
            standing.fill(false);
            let out = &mut pooled[sy * sw as usize..(sy + 1) * sw as usize];
            for (dy, row) in rows.chunks_exact(row_bytes).enumerate() {
                let y = sy as u32 * step + dy as u32;
                let covered = hidden.map(|c| c.row(y));
                for (sx, block) in row.chunks(block_bytes).enumerate() {
                    for (dx, px) in block.chunks_exact(4).enumerate() {
                        if px[3] < 128 || covered.is_some_and(|c| c[sx * step as usize + dx]) {
                            continue;
                        }
                        // The block's first readable pixel stands for it
                        // (its top-left one when nothing is hidden), even
                        // when grey, until a more colourful one is found.
                        let first = hidden.is_some() || (dy == 0 && dx == 0);
                        let c = chroma(px);
                        if (first && !standing[sx]) || c > best[sx] {
                            standing[sx] = true;
                            best[sx] = c;
                            out[sx] = [px[0], px[1], px[2], 255];
                        }
                    }
                }
            }
            let first = sy as u32 * sw;
            for (sx, _) in best.iter().enumerate().filter(|(_, c)| **c >= MIN_CHROMA) {
                chromatic.note(first + sx as u32, 1, sx > 0 && out[sx - 1] == out[sx], rgb(out[sx]));
            }
        }
        // Which blocks of more than one pixel are whole is not known here
        // (this path serves images with regions already found, and screens
        // denser than 2×, pooled by more than two).
        grid(Cow::Owned(pooled), chromatic, Vec::new(), Vec::new())
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.pixels.len()
    }

    /// The sample with row-major index `i`.
    #[inline]
    pub fn sample(&self, i: u32) -> [u8; 3] {
        rgb(self.pixels[i as usize])
    }

    /// The sample at `(x, y)`.
    #[inline]
    pub fn at(&self, x: u32, y: u32) -> [u8; 3] {
        self.sample(y * self.width + x)
    }

    /// Whether every pixel that may be read of the blocks of span `k` of
    /// `chromatic` is of its colour: always when every pixel is its own
    /// sample.
    pub fn is_whole(&self, k: usize) -> bool {
        self.step == 1 || self.whole.get(k).is_some_and(|&whole| whole)
    }

    /// Whether every row from `from` (exclusive) to `to` (inclusive)
    /// repeats the one above, so that row `to` is row `from` over again;
    /// `None` when pooling did not compare rows.
    pub fn unchanged(&self, from: usize, to: usize) -> Option<bool> {
        let between = self.repeats.get(from + 1..=to)?;
        Some(between.iter().all(|&repeats| repeats))
    }

    /// Whether `(x, y)` is a sample of the grid.
    #[inline]
    pub fn holds(&self, x: i64, y: i64) -> bool {
        x >= 0 && y >= 0 && x < i64::from(self.width) && y < i64::from(self.height)
    }
}

/// The colour of an RGBA sample.
#[inline]
pub(super) fn rgb(p: [u8; 4]) -> [u8; 3] {
    [p[0], p[1], p[2]]
}

/// The chromatic spans of `raw` (RGBA rows `w` pixels wide), every pixel
/// a sample, into `chromatic`, and per row whether it repeats the one
/// above into `repeats`; whether every pixel may be read (none is
/// transparent). Screens are mostly runs of one colour, so a pixel's key
/// is kept from the one before.
fn every_pixel(raw: &[u8], w: usize, chromatic: &mut Noted, repeats: &mut Vec<bool>) -> bool {
    let mut readable = true;
    // The last pixel's word, its key, and four of it in a row.
    let (mut last, mut key, mut four) = (0u32, key_of(0), 0u128);
    // Where the row above's spans begin, and the row above.
    let (mut above_spans, mut above) = (0, &raw[..0]);
    for (y, row) in raw.chunks_exact(w * 4).enumerate() {
        let first = (y * w) as u32;
        let spans = chromatic.spans.len();
        // A row that repeats the one above (much of a screen does) has its
        // spans one row further on; the last pixel stays the same.
        let repeated = y > 0 && row == above;
        repeats.push(repeated);
        if repeated {
            chromatic.spans.extend_from_within(above_spans..spans);
            chromatic.spans[spans..].iter_mut().for_each(|span| span.first += w as u32);
            chromatic.colours.extend_from_within(above_spans..spans);
            above_spans = spans;
            continue;
        }
        (above_spans, above) = (spans, row);
        let mut x = 0;
        while x < w {
            // Four more pixels of the last colour, after one of it in this
            // row, are passed at once.
            if x > 0
                && let Some(quad) = row.get(4 * x..4 * x + 16)
                && four_pixels(quad) == four
            {
                if key > u16::from(MIN_CHROMA)
                    && let Some(span) = chromatic.spans.last_mut()
                {
                    span.len += 4;
                }
                x += 4;
                continue;
            }
            let px = &row[4 * x..4 * x + 4];
            let word = u32::from_le_bytes([px[0], px[1], px[2], px[3]]);
            // A pixel equal to the one before it in its row joins its span.
            let joins = word == last && x > 0;
            if word != last {
                (last, key) = (word, key_of(word));
                four = four_of(word);
            }
            readable &= key > 0;
            if key > u16::from(MIN_CHROMA) {
                chromatic.note(first + x as u32, 1, joins, [px[0], px[1], px[2]]);
            }
            x += 1;
        }
    }
    readable
}

/// The pooling key of an RGBA pixel read as one little-endian word: its
/// chroma plus one when it may be read, 0 when it is transparent.
#[inline]
fn key_of(word: u32) -> u16 {
    let [r, g, b, a] = word.to_le_bytes();
    if a < 128 { 0 } else { u16::from(r.max(g).max(b) - r.min(g).min(b)) + 1 }
}

/// Four pixels of the colour `word` (an RGBA pixel read as a little-endian
/// word) as [`four_pixels`] reads them: a run of one colour is passed in
/// one comparison.
#[inline]
pub(super) fn four_of(word: u32) -> u128 {
    u128::from(word) * 0x0000_0001_0000_0001_0000_0001_0000_0001
}

/// The first sixteen bytes of `bytes` (four RGBA pixels) as one
/// little-endian number (0 when there are fewer).
#[inline]
pub(super) fn four_pixels(bytes: &[u8]) -> u128 {
    bytes.get(..16).and_then(|b| b.try_into().ok()).map_or(0, u128::from_le_bytes)
}

/// Pixel `x` of a row of RGBA bytes as one word, if the row has it.
#[inline]
fn word(row: &[u8], x: usize) -> Option<u32> {
    row.get(4 * x..4 * x + 4).map(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]))
}

/// [`Grid::new`] for 2×2 blocks with nothing hidden, the case of every
/// phone screenshot. A block of four equal pixels (most of a screen) is
/// that pixel, its key kept from the last such block; any other block
/// takes its top-left pixel unless another one is more colourful (the
/// earliest of equals in reading order), as the general path does.
fn pool_pairs(raw: &[u8], w: usize, chromatic: &mut Noted, whole: &mut Vec<bool>) -> Vec<[u8; 4]> {
    let row_bytes = w * 4;
    let sw = w.div_ceil(2);
    let mut pooled = vec![OFF_LIMITS; sw * (raw.len() / row_bytes).div_ceil(2)];
    let least = u16::from(MIN_CHROMA) + 1;
    let (mut last, mut last_key) = (0u32, key_of(0));
    let sample = |chosen: u32, key: u16| {
        let [r, g, b, _] = chosen.to_le_bytes();
        if key == 0 { OFF_LIMITS } else { [r, g, b, 255] }
    };
    for (sy, (rows, out)) in raw.chunks(2 * row_bytes).zip(pooled.chunks_exact_mut(sw)).enumerate() {
        let (upper, lower) = rows.split_at(row_bytes.min(rows.len()));
        let first = (sy * sw) as u32;
        // The pixel chosen for the block before in this row, and whether
        // that block was all of it: a block alike joins its span.
        let mut before = None;
        // `n` blocks from `sx` on stood for by `chosen`, and whether they
        // are all of it (`one`).
        let mut put = |sx: usize, n: usize, chosen: u32, key: u16, one: bool| {
            let colour = sample(chosen, key);
            out[sx..sx + n].fill(colour);
            if key >= least && chromatic.note(first + sx as u32, n as u32, before == Some((chosen, one)), rgb(colour)) {
                whole.push(one);
            }
            before = Some((chosen, one));
        };
        // Full blocks: two full rows, two pixels each, read as one number
        // per row.
        let full = if lower.len() == row_bytes { w / 2 } else { 0 };
        let (upper_pairs, lower_pairs) = (upper.as_chunks::<8>().0, lower.as_chunks::<8>().0);
        let mut sx = 0;
        while sx < full {
            // Four blocks of the last colour (most of a screen) at once.
            let same = u64::from(last) * 0x1_0000_0001;
            if let (Some(top), Some(bottom)) = (upper_pairs.get(sx..sx + 4), lower_pairs.get(sx..sx + 4))
                && top.iter().chain(bottom).all(|p| u64::from_le_bytes(*p) == same)
            {
                put(sx, 4, last, last_key, true);
                sx += 4;
                continue;
            }
            let (t, b) = (u64::from_le_bytes(upper_pairs[sx]), u64::from_le_bytes(lower_pairs[sx]));
            let a = t as u32;
            if t == b && a == (t >> 32) as u32 {
                if a != last {
                    (last, last_key) = (a, key_of(a));
                }
                put(sx, 1, a, last_key, true);
            } else {
                let (chosen, key) = choose([Some(a), Some((t >> 32) as u32), Some(b as u32), Some((b >> 32) as u32)]);
                put(sx, 1, chosen, key, false);
            }
            sx += 1;
        }
        // The rest: an odd last column, or a last row alone.
        for sx in full..sw {
            let x = 2 * sx;
            let (chosen, key) = choose([word(upper, x), word(upper, x + 1), word(lower, x), word(lower, x + 1)]);
            put(sx, 1, chosen, key, false);
        }
    }
    pooled
}

/// The pixel standing for a block of up to four (top-left, top-right,
/// bottom-left, bottom-right; `None` past the image's edge), and its key:
/// each key times four plus the pixel's rank in reading order (3 for the
/// top-left, which stands for the block even when grey or transparent),
/// the largest wins.
#[inline]
fn choose(pixels: [Option<u32>; 4]) -> (u32, u16) {
    let keys = pixels.map(|p| p.map_or(0, key_of));
    let best = ((keys[0].max(1) << 2) | 3).max((keys[1] << 2) | 2).max((keys[2] << 2) | 1).max(keys[3] << 2);
    let rank = usize::from(best & 3);
    (pixels[3 - rank].unwrap_or(0), if rank == 3 { keys[0] } else { best >> 2 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_pixel_line_on_odd_rows_and_columns_survives_pooling() {
        let mut img = RgbaImage::from_pixel(40, 40, image::Rgba([255, 255, 255, 255]));
        for i in 0..40 {
            img.put_pixel(i, 11, image::Rgba([255, 0, 255, 255]));
            img.put_pixel(21, i, image::Rgba([255, 0, 255, 255]));
        }
        let grid = Grid::new(&img, None, 2);
        assert_eq!((grid.width, grid.height), (20, 20));
        assert!((0..20).all(|x| grid.at(x, 5) == [255, 0, 255]));
        assert!((0..20).all(|y| grid.at(10, y) == [255, 0, 255]));
        assert_eq!(grid.at(3, 3), [255, 255, 255]);
        assert_eq!(grid.chromatic.iter().map(|s| s.len).sum::<u32>(), 39);
    }

    #[test]
    fn colour_places_give_a_stretch_its_colour_only_when_all_of_it_is() {
        // Two blocks all blue, then two whose lower pixels are white: the
        // blue stands for all four blocks, but only the first two are it.
        let blue = image::Rgba([0, 122, 255, 255]);
        let img = RgbaImage::from_fn(8, 3, |x, y| if y == 0 || x < 4 { blue } else { image::Rgba([255; 4]) });
        let places = ColourPlaces::of(Grid::new(&img, None, 2));
        let mut stretches = Vec::new();
        places.for_each_stretch(|y, xs, colour| stretches.push((y, xs, colour)));
        let b = Some([0, 122, 255]);
        // The last row alone is a row of blocks with two pixels missing.
        let expected = [(0, 0..4, b), (0, 4..8, None), (1, 0..4, b), (1, 4..8, None), (2, 0..4, None)];
        assert_eq!(stretches, expected);
        // Every pixel its own sample: every stretch is one colour, also
        // when part of the image is hidden.
        let places = ColourPlaces::of(Grid::new(&img, None, 1));
        let mut stretches = Vec::new();
        places.for_each_stretch(|y, xs, colour| stretches.push((y, xs, colour)));
        assert_eq!(stretches, [(0, 0..8, b), (1, 0..4, b), (2, 0..4, b)]);
        let mut hidden = Coverage::new(8, 3);
        hidden.add(&crate::geometry::Region::rect(
            crate::geometry::PixelRect { x: 2, y: 0, w: 2, h: 1 },
            crate::geometry::Source::Box,
            crate::geometry::MaskStyle::Mosaic,
        ));
        let places = ColourPlaces::of(Grid::new(&img, Some(&hidden), 1));
        let mut stretches = Vec::new();
        places.for_each_stretch(|y, xs, colour| stretches.push((y, xs, colour)));
        assert_eq!(stretches, [(0, 0..2, b), (0, 4..8, b), (1, 0..4, b), (2, 0..4, b)]);
    }

    #[test]
    fn the_fast_paths_pool_as_the_general_one_does() {
        // Odd sizes, and colours of every chroma; nothing transparent, so
        // an empty coverage changes nothing but the path taken.
        let img = RgbaImage::from_fn(37, 23, |x, y| {
            let v = (x * 41 + y * 83) % 256;
            image::Rgba([v as u8, (v * 7 % 256) as u8, ((x * y) % 256) as u8, 255])
        });
        // And flat patches of UI colours, greys and transparent pixels, in
        // blocks that line up with the 2×2 blocks and blocks that do not.
        let palette =
            [[255, 255, 255, 255], [0, 122, 255, 255], [90, 90, 90, 255], [255, 0, 255, 0], [250, 240, 250, 255]];
        let patches = RgbaImage::from_fn(37, 23, |x, y| image::Rgba(palette[((x / 4 + y / 3) % 5) as usize]));
        // Patches wide enough for runs of blocks of one colour, which the
        // fast paths pass several at a time, in rows that repeat the one
        // above, which are passed at once.
        let wide = RgbaImage::from_fn(37, 23, |x, y| image::Rgba(palette[((x / 11 + y / 5) % 5) as usize]));
        let nothing = Coverage::new(37, 23);
        for img in [img, patches, wide] {
            for step in [1, 2] {
                let (fast, general) = (Grid::new(&img, None, step), Grid::new(&img, Some(&nothing), step));
                let colours = |g: &Grid| (0..g.len() as u32).map(|i| g.sample(i)).collect::<Vec<_>>();
                assert_eq!(colours(&fast), colours(&general), "step {step}");
                let listed = |g: &Grid| g.chromatic.iter().flat_map(|s| s.samples()).collect::<Vec<u32>>();
                assert_eq!(listed(&fast), listed(&general), "step {step}");
                // Each span's colour is kept with it.
                for g in [&fast, &general] {
                    assert_eq!(g.colours.len(), g.chromatic.len());
                    for (span, &colour) in g.chromatic.iter().zip(&g.colours) {
                        assert!(span.samples().all(|i| g.sample(i) == colour), "step {step} {span:?}");
                    }
                }
                // Which rows repeat the one above is known when every pixel
                // is a sample, and only then.
                let row = |y: u32| (0..fast.width).map(|x| fast.at(x, y)).collect::<Vec<_>>();
                for y in 1..fast.height {
                    let known = (step == 1).then(|| row(y) == row(y - 1));
                    assert_eq!(fast.unchanged(y as usize - 1, y as usize), known, "step {step} row {y}");
                    assert_eq!(general.unchanged(y as usize - 1, y as usize), None);
                }
                // Every pixel its own sample: the same spans too (2×2
                // pooling also cuts where blocks stop being whole).
                if step == 1 {
                    assert_eq!(fast.chromatic, general.chromatic);
                }
            }
        }
    }

    #[test]
    fn runs_of_one_colour_after_a_transparent_pixel_keep_their_colour() {
        // Transparent black, then white, then a stretch of blue: every
        // pixel read as it is, the blue as one span.
        let img = RgbaImage::from_fn(13, 2, |x, _| match x {
            0 => image::Rgba([0, 0, 0, 0]),
            1..=6 => image::Rgba([255, 255, 255, 255]),
            _ => image::Rgba([0, 122, 255, 255]),
        });
        let grid = Grid::new(&img, None, 1);
        for y in 0..2 {
            assert_eq!(grid.at(0, y), rgb(OFF_LIMITS));
            assert!((1..=6).all(|x| grid.at(x, y) == [255, 255, 255]), "{:?}", grid.pixels);
            assert!((7..13).all(|x| grid.at(x, y) == [0, 122, 255]), "{:?}", grid.pixels);
        }
        assert_eq!(grid.chromatic, vec![Span { first: 7, len: 6 }, Span { first: 20, len: 6 }]);
    }

    #[test]
    fn a_transparent_top_left_pixel_stands_for_its_block_unless_another_has_colour() {
        let clear = image::Rgba([255, 0, 255, 0]);
        let grey = image::Rgba([90, 90, 90, 255]);
        let blue = image::Rgba([0, 122, 255, 255]);
        // Blocks: transparent and greys; transparent and blue; all
        // transparent; and an odd last column and row.
        let img = RgbaImage::from_fn(7, 3, |x, y| match (x / 2, x % 2, y) {
            (_, 0, 0) => clear,
            (1, 1, 1) => blue,
            (2, _, _) => clear,
            _ => grey,
        });
        let grid = Grid::new(&img, None, 2);
        assert_eq!((grid.width, grid.height), (4, 2));
        assert_eq!(grid.at(0, 0), rgb(OFF_LIMITS));
        assert_eq!(grid.at(1, 0), [0, 122, 255]);
        assert_eq!(grid.at(2, 0), rgb(OFF_LIMITS));
        assert_eq!(grid.at(3, 0), rgb(OFF_LIMITS));
        assert_eq!(grid.at(0, 1), [90, 90, 90]);
        assert_eq!(grid.chromatic, vec![Span { first: 1, len: 1 }]);
    }

    #[test]
    fn hidden_and_transparent_pixels_are_never_read() {
        let mut img = RgbaImage::from_pixel(4, 4, image::Rgba([255, 0, 255, 255]));
        img.put_pixel(3, 3, image::Rgba([255, 0, 255, 0]));
        let regions = [crate::regions::Region::rect(
            crate::regions::PixelRect { x: 0, y: 0, w: 2, h: 2 },
            crate::regions::Source::Box,
            crate::mask::MaskStyle::Mosaic,
        )];
        let cov = Coverage::of_regions(4, 4, &regions);
        let grid = Grid::new(&img, Some(&cov), 2);
        assert_eq!(grid.at(0, 0), rgb(OFF_LIMITS));
        assert_eq!(grid.at(1, 1), [255, 0, 255]);
        let grid = Grid::new(&img, Some(&cov), 1);
        assert_eq!(grid.at(3, 3), rgb(OFF_LIMITS));
        assert_eq!(grid.at(1, 1), rgb(OFF_LIMITS));
        assert_eq!(grid.at(2, 1), [255, 0, 255]);
    }
}

//! Which clusters of ink are marks.
//!
//! Ink is flat, sharp-edged and either pen-thick or drawn as one line:
//! a cluster is dropped when it is a speck, text (thin strokes in several
//! pieces that enclose nothing), a shaded photo (no single opacity), or a
//! sky or gradient that passes through the marker's hue (its edges fade
//! instead of stopping).
//!
//! Ink in a colour the user did not choose as a marker must look like a
//! mark beyond doubt before it is reported, because apps are full of
//! coloured things: badges, buttons, bubbles, links, toggles, bars. Only
//! three shapes count: a long pen stroke that is not a filled rectangle or
//! a blob, a closed outline drawn around something of another colour, and a
//! translucent swipe through which two different backgrounds (text and the
//! paper around it) show at one opacity.

use std::cell::OnceCell;

use super::cluster::{CELL, Cluster, Footprint, Labels, Samples, union};
use super::grid::{Grid, Place};
use super::ink::Ink;

/// Least opacity of a cluster's ink as a whole.
const MIN_CLUSTER_ALPHA: f32 = 0.24;
/// Least share of a cluster's samples within ±0.08 of its commonest opacity.
const MIN_FLATNESS: f32 = 0.35;
/// The same for a cluster a quarter of which is opaque (0.7 or more).
const OPAQUE_FLATNESS: f32 = 0.25;
/// Least share of a cluster's outer edge that must be sharp.
const MIN_SHARPNESS: f32 = 0.6;
/// Least opacity the strongest tenth of an outline's samples must reach:
/// a one-pixel ellipse in a half-size JPEG copy keeps about 0.28.
const OUTLINE_PEAK_ALPHA: f32 = 0.25;
/// The same for a closed ring in one piece: a one-pixel line in a scaled
/// JPEG copy keeps its darkness but JPEG halves its colour, to about 0.2
/// where the line crosses its 2×2 blocks.
const CLOSED_PEAK_ALPHA: f32 = 0.2;
/// Least share of the blank part of its box a cluster must enclose to be
/// an outline.
const MIN_ENCLOSED: f64 = 0.3;
/// The same when one hole spans most of the box: a line thick for its
/// box (a 3 px ellipse in a half-size copy, blurred wider) leaves little
/// inside, but all of it in one piece from end to end.
const MIN_RING_ENCLOSED: f64 = 0.2;
/// Least length (dp) of a translucent swipe that is a mark.
const MIN_SWIPE_DP: f64 = 24.0;
/// Least length (dp) of a lone thin stroke that is a mark.
const MIN_THIN_STROKE_DP: f64 = 24.0;
/// Least length (dp) of a straight line that is a rectangle's side by
/// itself ([`Candidate::side`]): longer than the strokes of a line of
/// text.
const MIN_SIDE_DP: f64 = 20.0;
/// Least length (dp) of a straight line that is a rectangle's side facing
/// one of [`MIN_SIDE_DP`]: a copy that drops rows and columns can cut one
/// side of a one-pixel rectangle short, and JPEG fades its ends.
const MIN_PARTNER_SIDE_DP: f64 = 12.0;
/// Largest cluster box (in samples) looked at for text: a line or two of
/// text is far smaller, and this bounds the memory the look takes.
const MAX_TEXT_BOX: u64 = 1 << 20;

/// Whether the ink of `f` closes around something: it encloses enough of
/// the blank part of its box (less when one hole runs across most of the
/// box), in one piece.
fn closes(f: &Footprint) -> bool {
    // The cheapest measures first, each only when still needed.
    if f.largest_piece_share() < 0.8 {
        return false;
    }
    let once = f.enclosed_by(1);
    if once >= MIN_ENCLOSED {
        return true;
    }
    let enclosed = once.max(f.enclosed_by(2));
    enclosed >= MIN_ENCLOSED
        || (enclosed >= MIN_RING_ENCLOSED && {
            let (across, down) = f.widest_hole_span();
            // A three-pixel rectangle in a half-size copy keeps a hole a
            // sixth of its box tall once gaps are closed.
            across >= 0.6 && down >= 0.15
        })
}

/// Whether the middle half of the box of `footprint` is blank enough for
/// its pieces to be joined into an outline: a tenth of the ink there at
/// most (a line of text fills it, and joined so would enclose the gaps
/// between its letters).
fn blank_middle(footprint: &Footprint) -> bool {
    let (middle, all) = footprint.in_middle();
    middle * 10 <= all
}

/// Whether `footprint` is an outline in dashes that closes once they are
/// joined across gaps of up to `reach` samples ([`Footprint::bridged`]),
/// with its middle blank.
fn dashes_close(footprint: &Footprint, reach: u32) -> bool {
    blank_middle(footprint) && footprint.bridged(reach).is_some_and(|f| closes(&f))
}

/// Whether two arcs `pair` (their ink `footprint` over `bounds`), lying
/// side by side (`side_by_side`) or one above the other, are the halves
/// of a loop whose two other sides a copy dropped: joined across the gap
/// between them at both ends, no longer than the larger arc, they close,
/// with the middle of their box blank.
fn halves_close(
    samples: &Samples,
    labels: &Labels,
    bounds: [u32; 4],
    pair: [&Cluster; 2],
    footprint: &Footprint,
    side_by_side: bool,
) -> bool {
    if !blank_middle(footprint) {
        return false;
    }
    let [a, b] = pair.map(|c| Footprint::of_labels(samples, labels, bounds, &[c.label]));
    let reach = pair.iter().map(|c| c.size().0.max(c.size().1)).max().unwrap_or(0);
    a.joined_with(&b, side_by_side, reach).is_some_and(|f| closes(&f))
}

/// Outlines broken into pieces: pairs of `arcs` (clusters for which
/// [`Candidate::arc`] holds) lying side by side whose ink, with the trace
/// between them, closes around something, or halves of a loop that close
/// once joined. Their boxes, in samples, inclusive, grown along each arc
/// by up to `faded_reach` samples of its faded ends
/// ([`Cluster::faded_ends_box`]).
pub(super) fn joined_arcs(samples: &Samples, labels: &Labels, arcs: &[&Cluster], faded_reach: u32) -> Vec<[u32; 4]> {
    let mut out = Vec::new();
    for (i, a) in arcs.iter().enumerate() {
        for b in &arcs[i + 1..] {
            let [ax0, ay0, ax1, ay1] = a.bounds();
            let [bx0, by0, bx1, by1] = b.bounds();
            let bounds = [ax0.min(bx0), ay0.min(by0), ax1.max(bx1), ay1.max(by1)];
            // Side by side: overlapping across, and not far apart for
            // their size (two sides of a rectangle lie as far apart as the
            // other two are long).
            let (aw, ah) = a.size();
            let (bw, bh) = b.size();
            let reach = 6 * aw.max(bw).max(ah).max(bh);
            let gap_x = bx0.saturating_sub(ax1).max(ax0.saturating_sub(bx1));
            let gap_y = by0.saturating_sub(ay1).max(ay0.saturating_sub(by1));
            let beside = (gap_y == 0 && gap_x <= reach) || (gap_x == 0 && gap_y <= reach);
            if !beside {
                continue;
            }
            let footprint = Footprint::of_labels(samples, labels, bounds, &[a.label, b.label]);
            // Halves of a loop whose top and bottom a copy dropped lie as
            // far apart as they are long.
            if closes_across_gaps(samples, &footprint, bounds, footprint.thickness())
                || halves_close(samples, labels, bounds, [a, b], &footprint, gap_y == 0)
            {
                // With the faded ends of each arc, as for an outline in
                // one piece.
                let ends = [a, b].map(|c| c.faded_ends_box(samples, labels, faded_reach));
                out.push(ends.into_iter().fold(bounds, union));
            }
        }
    }
    out
}

/// Whether a thin line in pieces (`footprint`, over `bounds` of `samples`,
/// its stroke `thickness` samples wide), with the trace it reaches, closes
/// around something once the gaps between its pieces are closed: they may
/// lie a few samples apart where the line lost its colour entirely. Gaps
/// up to eight samples are closed, less in a small outline, whose inside a
/// closing as wide would fill.
fn closes_across_gaps(samples: &Samples, footprint: &Footprint, bounds: [u32; 4], thickness: f64) -> bool {
    let short = f64::from(footprint.width.min(footprint.height));
    let radius = ((short - 2.0 * thickness) / 3.0).clamp(1.0, 4.0) as u8;
    thickness * 3.0 <= short
        && footprint.traced(samples, bounds).is_some_and(|f| f.enclosed_closing(radius) >= MIN_ENCLOSED)
}

/// How finely to look, from the screen density (pixels per dp).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scan {
    /// Pool every `step`×`step` pixels into one sample.
    pub step: u32,
    /// Pixels per dp.
    pub density: f64,
    /// Strokes this far apart (pixels) horizontally are one mark.
    pub gap_x: f64,
    /// Strokes this far apart (pixels) vertically are one mark.
    pub gap_y: f64,
    /// Clusters whose longest side is shorter (pixels) are specks.
    pub min_side: f64,
    /// Strokes thinner than this (pixels) may be text: body text measures
    /// up to about 2 dp with its anti-aliased edges, markup pens more.
    pub min_width: f64,
    /// Spacing (samples) of the rows and columns cut into runs to find
    /// highlighters over coloured backgrounds: about 3 dp.
    pub lattice: u32,
}

impl Scan {
    /// The scan for a screen of `density` pixels per dp: every pixel on 1×
    /// screens, blocks of two from 2× on. Gaps of about 8 dp along a line
    /// (a pen lifted between words) and 3 dp across lines are closed.
    pub fn for_density(density: f64) -> Scan {
        let density = if density.is_finite() { density.max(0.5) } else { 1.0 };
        let step = if density >= 2.0 { 2 } else { 1 };
        Scan {
            step,
            density,
            gap_x: 8.0 * density,
            gap_y: 3.0 * density,
            min_side: 6.0 * density,
            min_width: (2.2 * density).max(2.2),
            lattice: ((3.0 * density / f64::from(step)) as u32).max(1),
        }
    }

    /// A length in samples, in pixels. Pooling takes the most colourful
    /// pixel of each block, so a stroke covers about half a sample more
    /// than its width.
    pub fn pixels(&self, samples: f64) -> f64 {
        if self.step > 1 { (samples - 0.5).max(0.5) * f64::from(self.step) } else { samples }
    }

    /// A length in samples, in dp.
    pub fn dp(&self, samples: f64) -> f64 {
        samples * f64::from(self.step) / self.density
    }

    /// How far (samples) beyond its box a faded outline's trace may
    /// reach: about 12 dp (a one-pixel ellipse in a 0.6× copy keeps only a
    /// trace of its colour over that much of its ends).
    pub fn faded_reach(&self) -> u32 {
        (12.0 * self.density / f64::from(self.step)).ceil() as u32
    }

    /// Cells to grow each inked cell by, across and along lines. A gap
    /// under a quarter of a cell is left to the cells themselves (ink in
    /// touching cells is one mark): on a half-size copy a cell is 8 dp,
    /// and growing by one would join lines of text 16 dp apart.
    pub fn growth(&self) -> (u32, u32) {
        let cell_px = f64::from(CELL * self.step);
        let radius = |gap: f64| {
            let cells = gap / 2.0 / cell_px;
            if cells < 0.25 { 0 } else { cells.ceil().min(16.0) as u32 }
        };
        (radius(self.gap_x), radius(self.gap_y))
    }
}

/// A straight line that may be a side of a rectangle whose other sides
/// lost their colour ([`Candidate::side`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Side {
    /// The box of its clear samples, in samples, inclusive.
    pub clear: [u32; 4],
    /// The same, along the line as far as its faded ends reach.
    pub reach: [u32; 4],
    pub horizontal: bool,
    /// At least [`MIN_SIDE_DP`] long: shorter ones pair only with such a
    /// side.
    pub whole: bool,
}

/// One cluster, with what the judges look at.
pub(super) struct Candidate<'a> {
    pub grid: &'a Grid<'a>,
    pub inks: &'a [Ink],
    pub samples: &'a Samples,
    pub labels: &'a Labels,
    pub cluster: &'a Cluster,
    pub scan: Scan,
    /// Measures of the cluster, taken when first asked for.
    pub measures: Measures,
}

/// A cluster's footprint and stroke width, measured once: several judges
/// look at them, and a large cluster costs.
#[derive(Default)]
pub(super) struct Measures {
    footprint: OnceCell<Footprint>,
    thickness: OnceCell<f64>,
    sharp: OnceCell<bool>,
}

/// What a cluster of ink is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Verdict {
    /// Not a mark.
    NotInk,
    /// A mark in the marker's colour; `looks_drawn` when it also has one
    /// of the shapes that only markup tools draw, `outline` when it is a
    /// line drawn around something (its faint samples are line too: where
    /// a scaled copy faded it, often at its ends).
    Mark { looks_drawn: bool, outline: bool },
}

impl Candidate<'_> {
    fn footprint(&self) -> &Footprint {
        self.measures.footprint.get_or_init(|| Footprint::of(self.samples, self.labels, self.cluster))
    }

    /// The footprint's stroke width, in samples.
    fn thickness(&self) -> f64 {
        *self.measures.thickness.get_or_init(|| self.footprint().thickness())
    }

    /// Whether the cluster's box is larger than any around text
    /// ([`MAX_TEXT_BOX`]): a wallpaper's or a tinted panel's.
    fn larger_than_text(&self) -> bool {
        let (w, h) = self.cluster.size();
        u64::from(w) * u64::from(h) > MAX_TEXT_BOX
    }

    /// Judges the cluster.
    pub fn verdict(&self) -> Verdict {
        let c = self.cluster;
        let (w, h) = c.size();
        let longest = f64::from(w.max(h)) * f64::from(self.scan.step);
        if longest < self.scan.min_side || !self.is_sharp() {
            return Verdict::NotInk;
        }
        let (flat, alpha) = c.flatness();
        // A thin opaque pen stroke in a scaled copy spreads over a pixel or
        // two of anti-aliasing, so less of it sits at one opacity.
        let opaque = c.alpha_reached_by(0.25) >= 0.7;
        let min_flat = if opaque { OPAQUE_FLATNESS } else { MIN_FLATNESS };
        let flat_ink = flat >= min_flat && alpha >= MIN_CLUSTER_ALPHA;
        if self.larger_than_text() {
            return if flat_ink { Verdict::Mark { looks_drawn: false, outline: false } } else { Verdict::NotInk };
        }
        // Neither flat ink nor clear enough for an outline: no need to
        // look at its shape.
        if !flat_ink && c.alpha_reached_by(0.1) < CLOSED_PEAK_ALPHA.min(OUTLINE_PEAK_ALPHA) {
            return Verdict::NotInk;
        }
        let footprint = self.footprint();
        let thickness = self.thickness();
        let thin = self.scan.pixels(thickness) < self.scan.min_width;
        // A closed line around something: a shape tool's outline or a
        // freehand loop, a ring rather than a blob. Anti-aliased, a
        // one-pixel line has every opacity from its edges to its middle,
        // and a scaled copy blurs it wider and fainter, so it need not be
        // flat or thin; its strongest samples must still be clear ink.
        // A JPEG copy can drop the colour of a one-pixel line where it runs
        // across the 2×2 blocks JPEG keeps one colour for, and break an
        // outline into arcs: those still lie all around the middle of their
        // box and none in it, where a line of text has most of its ink.
        // Only a line thin for its box can be one, which spares measuring
        // what a blob encloses.
        let short = f64::from(w.min(h));
        // The clear core, when the faint fringe is any of the ink.
        let core = OnceCell::new();
        let core = || {
            core.get_or_init(|| Some(footprint.clear_core(self.samples, c.bounds())).filter(|k| k.ink != footprint.ink))
                .as_ref()
        };
        let ring = thickness * 3.0 <= short || core().is_some_and(|k| k.thickness() * 3.0 <= short);
        let strongest = c.alpha_reached_by(0.1);
        let outline = ring && strongest >= CLOSED_PEAK_ALPHA && {
            // A side whose colour faded to a trace still closes the outline;
            // so does a line whose faint fringe (colour a scaled JPEG copy
            // bled onto the text it rings) fills what it encloses, by its
            // clear core.
            let closed = closes(footprint)
                || footprint.traced(self.samples, c.bounds()).is_some_and(|f| closes(&f))
                || core().is_some_and(closes);
            let peak = if closed { CLOSED_PEAK_ALPHA } else { OUTLINE_PEAK_ALPHA };
            (closed && strongest >= peak)
                || (strongest >= OUTLINE_PEAK_ALPHA
                    && (footprint.hollow() || dashes_close(footprint, ((short / 2.0) as u32).max(3))))
        };
        if !(flat_ink || outline) {
            return Verdict::NotInk;
        }
        let long_dp = self.scan.dp(f64::from(w.max(h)));
        if alpha < 0.8 && !outline && !opaque {
            // A highlighter swipe runs along at least a word, in one band,
            // and along the line unless it is long; a tinted checkbox or a
            // column of them is none of that.
            let along = w >= h || long_dp >= 2.0 * MIN_SWIPE_DP;
            if long_dp < MIN_SWIPE_DP || !along || footprint.largest_piece_share_closing(0) < 0.5 {
                return Verdict::NotInk;
            }
        }
        if thin && !outline {
            // Thin strokes in pieces are text; one thin stroke is a pen
            // when it is long (a colour fringe of subpixel-rendered text
            // is one thin stroke as tall as a letter).
            if footprint.pieces() >= 2 || long_dp < MIN_THIN_STROKE_DP {
                return Verdict::NotInk;
            }
        }
        Verdict::Mark { looks_drawn: self.looks_drawn(footprint, alpha, outline), outline }
    }

    /// The box to mask for an outline (in samples, inclusive): the
    /// cluster's ([`Cluster::faded_ends_box`]), cut across the line to its
    /// main pieces, so that specks of its colour a JPEG copy spread onto
    /// a line of text above or below do not reach over that text.
    pub fn outline_box(&self) -> [u32; 4] {
        let c = self.cluster;
        let b = c.faded_ends_box(self.samples, self.labels, self.scan.faded_reach());
        let Some([px0, py0, px1, py1]) = self.footprint().main_pieces_box(0.05) else {
            return b;
        };
        let (w, h) = c.size();
        if w >= h {
            [b[0], b[1].max(c.y0 + py0), b[2], b[3].min(c.y0 + py1)]
        } else {
            [b[0].max(c.x0 + px0), b[1], b[2].min(c.x0 + px1), b[3]]
        }
    }

    /// Whether the cluster may have a shape only markup tools draw, judged
    /// on its size and fill (and, for a swipe, on what shows through it)
    /// without measuring its shape: cheap, and enough to set aside most of
    /// an app's coloured UI (filled buttons, bubbles, badges, text, tinted
    /// panels and wallpaper).
    pub fn may_look_drawn(&self) -> bool {
        let c = self.cluster;
        let (w, h) = c.size();
        let (long, short) = (self.scan.dp(f64::from(w.max(h))), self.scan.dp(f64::from(w.min(h))));
        let fill = f64::from(c.samples) / (f64::from(w) * f64::from(h));
        if long < 24.0 {
            return false;
        }
        if c.alpha_reached_by(0.25) >= 0.7 {
            // An opaque pen stroke or outline covers little of its box.
            fill < 0.6
        } else {
            // A swipe: a solid band along the line, through which text and
            // paper show (an app's tinted panel or a wallpaper does not).
            fill >= 0.6 && long >= 2.0 * short && self.shows_two_backgrounds(c.flatness().1)
        }
    }

    /// Whether the cluster may be a piece of a thin outline whose colour
    /// faded in places, broken into arcs (a one-pixel ellipse in a scaled
    /// JPEG copy, or a rectangle's side): sharp, thin, of some clear
    /// colour, curved (covering little of its box) or straight, and at
    /// least 10 dp long. Only pieces that close around
    /// something together count ([`joined_arcs`]).
    pub fn arc(&self) -> bool {
        let c = self.cluster;
        let (w, h) = c.size();
        let long_dp = self.scan.dp(f64::from(w.max(h)));
        let fill = f64::from(c.samples) / (f64::from(w) * f64::from(h));
        // Curved, or straight (a rectangle's side: it fills its narrow box).
        let straight = f64::from(w.min(h) * self.scan.step) <= 3.0 * self.scan.min_width;
        if long_dp < 10.0 || (fill >= 0.5 && !straight) || c.alpha_reached_by(0.1) < CLOSED_PEAK_ALPHA {
            return false;
        }
        self.is_sharp() && self.thin_as_a_copied_line()
    }

    /// Whether its strokes are no wider than a one-pixel line in a scaled
    /// JPEG copy, whose blur widens it to two or three.
    fn thin_as_a_copied_line(&self) -> bool {
        self.scan.pixels(self.thickness()) < 2.0 * self.scan.min_width
    }

    /// Whether the cluster is a straight line that may be one side of a
    /// shape tool's rectangle whose other sides lost their colour in a JPEG
    /// copy: thin (its clear samples: JPEG spreads a faint fringe of colour
    /// around a one-pixel line), at least [`MIN_PARTNER_SIDE_DP`] long, in
    /// one piece, sharp, and of some clear colour.
    pub fn side(&self) -> Option<Side> {
        let c = self.cluster;
        let [x0, y0, x1, y1] = c.mark_box(false);
        let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
        // Thin by its clear samples, long by all of them: a scaled copy
        // fades a line's ends.
        let (along_x, along_y) = c.size();
        let dp = |n: u32| f64::from(n * self.scan.step) / self.scan.density;
        let (horizontal, length) = match (w, h) {
            (_, h) if h <= 4 && dp(along_x) >= MIN_PARTNER_SIDE_DP => (true, dp(along_x)),
            (w, _) if w <= 4 && dp(along_y) >= MIN_PARTNER_SIDE_DP => (false, dp(along_y)),
            _ => return None,
        };
        if c.alpha_reached_by(0.25) < 0.15 || !self.is_sharp() {
            return None;
        }
        let footprint = self.footprint();
        ((footprint.fill() >= 0.5 || footprint.cover_along(horizontal) >= 0.9)
            && footprint.largest_piece_share() >= 0.8)
            .then(|| {
                let [bx0, by0, bx1, by1] = c.bounds();
                let reach = if horizontal { [bx0, y0, bx1, y1] } else { [x0, by0, x1, by1] };
                Side { clear: [x0, y0, x1, y1], reach, horizontal, whole: length >= MIN_SIDE_DP }
            })
    }

    /// Whether the cluster is what is left of a shape tool's one-pixel
    /// rectangle in a copy scaled by dropping rows and columns (nearest
    /// neighbour): whole sides gone, and two or three left (an L, a U, or
    /// two opposite sides), closing nothing. Thin, sharp, of some clear
    /// colour, at least 8 × 20 dp and far wider than its line, lying along
    /// two neighbouring edges of its box with almost nothing inside, around
    /// something that stands out (text).
    pub fn open_rectangle(&self) -> bool {
        let c = self.cluster;
        let (w, h) = c.size();
        if self.scan.dp(f64::from(w.min(h))) < 8.0
            || self.scan.dp(f64::from(w.max(h))) < 20.0
            || c.alpha_reached_by(0.1) < CLOSED_PEAK_ALPHA
        {
            return false;
        }
        // Before measuring its shape: lines along the edges (at most four
        // samples thick, two more of blur) hold few samples for the box,
        // and a box around text is far smaller than a wallpaper's.
        if u64::from(c.samples) > 12 * u64::from(w + h) || self.larger_than_text() {
            return false;
        }
        let thickness = self.thickness();
        // How far from an edge a side's line reaches: JPEG's blur and the
        // specks of colour it leaves beside a line.
        let depth = thickness.ceil() as u32 + 2;
        if w.min(h) < 3 * depth || !self.thin_as_a_copied_line() || !self.is_sharp() {
            return false;
        }
        let (cover, inside) = self.footprint().edge_cover(depth);
        let whole = cover.map(|share| share >= 0.9);
        let corner = (0..4).any(|side| whole[side] && whole[(side + 1) % 4]);
        // Or two opposite sides in one cluster (the pair `rectangles` finds
        // when they lie apart), straight: no ink between their lines (the
        // halves of a loop curve round between them at its ends).
        let footprint = self.footprint();
        let opposite = (whole[0] && whole[2] && footprint.between_edges(depth, true) == 0)
            || (whole[1] && whole[3] && footprint.between_edges(depth, false) == 0);
        (corner || opposite) && inside <= 0.05 && self.encloses_content()
    }

    /// Whether the ink has a shape only markup tools draw (see the module
    /// documentation).
    fn looks_drawn(&self, footprint: &Footprint, alpha: f32, outline: bool) -> bool {
        let c = self.cluster;
        let (w, h) = c.size();
        let (long, short) = (self.scan.dp(f64::from(w.max(h))), self.scan.dp(f64::from(w.min(h))));
        let thickness = self.thickness().max(1.0);
        // One stroke, one band or one line: text and icons come in pieces
        // (an outline in a JPEG copy may break, but it is drawn in one).
        let one_piece =
            if outline { footprint.largest_piece_share() } else { footprint.largest_piece_share_closing(0) };
        if one_piece < 0.9 || self.spans_the_width() {
            return false;
        }
        if outline {
            // Closed, opaque (a translucent ring is an app's focus ring),
            // flat, and around something of another colour: an outlined
            // button or field has its label in the outline's colour, and a
            // drawn loop is drawn around something.
            let (flat, _) = c.flatness();
            return long >= 24.0
                && short >= 8.0
                && footprint.encloses_at_least(0.4)
                && footprint.largest_hole_share() >= 0.8
                && flat >= 0.5
                && c.alpha_reached_by(0.25) >= 0.75
                && !self.holds_other_ink()
                && self.encloses_content();
        }
        if alpha < 0.8 {
            // A swipe: a solid band at least a line of text tall, along it.
            return self.scan.dp(thickness) >= 8.0
                && footprint.fill() >= 0.6
                && long >= 24.0
                && long >= 2.0 * short
                && self.shows_two_backgrounds(alpha);
        }
        // A pen stroke: long (a toolbar's red cross is 24 to 46 dp) and thin
        // for its length, not a filled shape.
        let length = f64::from(c.samples) / thickness;
        long >= 48.0 && self.scan.dp(thickness) <= 12.0 && footprint.fill() < 0.6 && length >= 8.0 * thickness
    }

    /// Whether the cluster runs from the left edge of the image to the
    /// right one: a title bar or a banner, not something drawn.
    fn spans_the_width(&self) -> bool {
        let c = self.cluster;
        c.x0 <= 2 && c.x1 + 3 >= self.grid.width
    }

    /// Whether the middle of the cluster's box holds something that stands
    /// out from its background (text, a number): what an outline is drawn
    /// around.
    fn encloses_content(&self) -> bool {
        let c = self.cluster;
        let (w, h) = c.size();
        let luma = |p: [u8; 3]| (u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2])) / 10;
        let mut lumas: Vec<u32> = (c.y0 + h / 4..c.y0 + 3 * h / 4)
            .flat_map(|y| (c.x0 + w / 4..c.x0 + 3 * w / 4).map(move |x| (x, y)))
            .map(|(x, y)| luma(self.grid.at(x, y)))
            .collect();
        if lumas.is_empty() {
            return false;
        }
        let mid = lumas.len() / 2;
        let median = *lumas.select_nth_unstable(mid).1;
        let standing_out = lumas.iter().filter(|&&l| l.abs_diff(median) >= 60).count();
        standing_out * 33 >= lumas.len()
    }

    /// Whether ink of the same colours that is not this cluster's lies
    /// inside its box (more than a few samples).
    fn holds_other_ink(&self) -> bool {
        let c = self.cluster;
        let mut other = 0;
        for y in c.y0..=c.y1 {
            let row = &self.samples.alpha[(y * self.samples.width) as usize..][c.x0 as usize..=c.x1 as usize];
            for (x, _) in (c.x0..).zip(row).filter(|&(_, &a)| a > 0) {
                if !c.owns(self.samples, self.labels, x, y) {
                    other += 1;
                    if other > 8 {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Whether the translucent ink shows two clearly different neutral
    /// backgrounds at its common opacity: dark text and light paper under
    /// a highlighter. A tinted panel of an app has its text drawn on top,
    /// untinted, so only the panel's own background shows through.
    fn shows_two_backgrounds(&self, alpha: f32) -> bool {
        let (c, samples) = (self.cluster, self.samples);
        let (mut dark, mut light, mut all) = (0u32, 0u32, 0u32);
        // Span by span: a span is one colour at one opacity, and lies in
        // one cluster (its cells touch).
        let mut place = Place::new(samples.width);
        for span in &samples.inked {
            let (x, y) = place.of(span.first);
            if y < c.y0 || y > c.y1 || x > c.x1 || x + span.len <= c.x0 || !c.owns(samples, self.labels, x, y) {
                continue;
            }
            let a = f32::from(samples.alpha[span.first as usize]) / 100.0;
            if (a - alpha).abs() > 0.06 {
                continue;
            }
            all += span.len;
            let p = self.grid.sample(span.first);
            let grey = self.inks.iter().filter_map(|ink| ink.grey_under(p, a)).next();
            match grey {
                Some(g) if g <= 80.0 => dark += span.len,
                Some(g) if g >= 160.0 => light += span.len,
                _ => {}
            }
        }
        let share = |n: u32| f64::from(n) / f64::from(all.max(1));
        share(dark) >= 0.05 && share(light) >= 0.2
    }

    /// Whether the ink stops sharply ([`Candidate::sharp_at`]) along at
    /// least [`MIN_SHARPNESS`] of the cluster's outer edge (all of it when
    /// the image cuts it off all round): measured once, and only until the
    /// answer is known.
    fn is_sharp(&self) -> bool {
        *self.measures.sharp.get_or_init(|| {
            let (edges, limit) = (self.edges(), self.faint_limit());
            let n = edges.len() as f32;
            let reaches = |sharp: usize| edges.is_empty() || sharp as f32 / n >= MIN_SHARPNESS;
            let mut sharp = 0;
            for (i, &edge) in edges.iter().enumerate() {
                sharp += usize::from(self.sharp_at(edge, limit));
                let left = edges.len() - i - 1;
                if reaches(sharp) || !reaches(sharp + left) {
                    break;
                }
            }
            reaches(sharp)
        })
    }

    /// Share of the cluster's outer edge where the ink stops sharply; 1
    /// when the image cuts it off all round.
    #[cfg(test)]
    fn sharpness(&self) -> f32 {
        let (edges, limit) = (self.edges(), self.faint_limit());
        let sharp = edges.iter().filter(|&&e| self.sharp_at(e, limit)).count();
        if edges.is_empty() { 1.0 } else { sharp as f32 / edges.len() as f32 }
    }

    /// The cluster's outer edge: the first and last inked sample of every
    /// row and column, each with the step outward, except where the image
    /// ends beyond it (nothing shows how the ink would: a wallpaper's
    /// corner tinted like the marker would pass on those edges alone).
    fn edges(&self) -> Vec<Edge> {
        let (grid, c) = (self.grid, self.cluster);
        let mine = |x: u32, y: u32| c.owns(self.samples, self.labels, x, y);
        let mut edges = Vec::new();
        let mut add = |x: u32, y: u32, dx: i32, dy: i32| {
            if grid.holds(i64::from(x) + i64::from(dx), i64::from(y) + i64::from(dy)) {
                edges.push(Edge { x, y, dx, dy });
            }
        };
        for y in c.y0..=c.y1 {
            if let Some(x) = (c.x0..=c.x1).find(|&x| mine(x, y)) {
                add(x, y, -1, 0);
            }
            if let Some(x) = (c.x0..=c.x1).rev().find(|&x| mine(x, y)) {
                add(x, y, 1, 0);
            }
        }
        for x in c.x0..=c.x1 {
            if let Some(y) = (c.y0..=c.y1).find(|&y| mine(x, y)) {
                add(x, y, 0, -1);
            }
            if let Some(y) = (c.y0..=c.y1).rev().find(|&y| mine(x, y)) {
                add(x, y, 0, 1);
            }
        }
        edges
    }

    /// Half the cluster's typical opacity: what a sample beyond its edge
    /// carries less of where the ink stops sharply.
    fn faint_limit(&self) -> f32 {
        self.cluster.flatness().1 * 0.5
    }

    /// Whether the ink stops sharply at `edge`: one of the three samples
    /// beyond it (JPEG and scaling blur colour edges by a pixel or two
    /// each) carries less than `limit` ([`Candidate::faint_limit`]) of the
    /// marker's colour, or the ink just inside is the marker laid over it.
    /// Pen and highlighter edges are sharp; a photo's shading or a sky
    /// fading through the marker's hue is not. A pixel under another region
    /// counts as sharp (it reads as grey).
    fn sharp_at(&self, edge: Edge, limit: f32) -> bool {
        let (grid, c) = (self.grid, self.cluster);
        let faint = |inside: [u8; 3], x: i64, y: i64| {
            if !grid.holds(x, y) {
                return false;
            }
            let q = grid.at(x as u32, y as u32);
            self.inks.iter().all(|ink| ink.strength(q) < limit)
                || self.inks.iter().any(|ink| ink.alpha_over(inside, q).is_some_and(|a| a >= limit))
        };
        let (x, y, dx, dy) = (i64::from(edge.x), i64::from(edge.y), i64::from(edge.dx), i64::from(edge.dy));
        // The colour one or two samples in from the edge, when it is ink
        // too: the edge sample itself may be half background, and in a
        // scaled JPEG copy the next one too.
        let inward = |k: i64| {
            let (ix, iy) = (x - k * dx, y - k * dy);
            (grid.holds(ix, iy) && c.owns(self.samples, self.labels, ix as u32, iy as u32))
                .then(|| grid.at(ix as u32, iy as u32))
        };
        let one_in = inward(1);
        let two_in = one_in.and_then(|_| inward(2));
        let beyond = |inside: [u8; 3]| (1..=3).any(|k| faint(inside, x + k * dx, y + k * dy));
        let at_edge = one_in.unwrap_or_else(|| grid.at(edge.x, edge.y));
        beyond(at_edge) || two_in.is_some_and(beyond)
    }
}

/// A sample on a cluster's outer edge, and the step outward from it.
#[derive(Debug, Clone, Copy)]
struct Edge {
    x: u32,
    y: u32,
    dx: i32,
    dy: i32,
}

#[cfg(test)]
mod tests {
    use image::{Rgba, RgbaImage};

    use super::super::cluster::clusters;
    use super::super::palette::shades_of;
    use super::*;
    use crate::spec::Rgb;

    /// The sharpness of the largest magenta cluster of `img`, a 1× screen.
    fn sharpness_of_largest(img: &RgbaImage) -> f32 {
        let scan = Scan::for_density(1.0);
        let grid = Grid::new(img, None, scan.step);
        let inks: Vec<Ink> = shades_of(Rgb([255, 0, 255])).into_iter().filter_map(Ink::new).collect();
        let samples = Samples::take(&grid, &inks, None, &mut Vec::new());
        let (rx, ry) = scan.growth();
        let (labels, clusters) = clusters(&samples, rx, ry, &mut Vec::new());
        let cluster = clusters.iter().max_by_key(|c| c.samples).expect("a magenta cluster");
        let candidate = Candidate {
            grid: &grid,
            inks: &inks,
            samples: &samples,
            labels: &labels,
            cluster,
            scan,
            measures: Default::default(),
        };
        candidate.sharpness()
    }

    /// A one-pixel ellipse in a copy that dropped rows and columns: dashes
    /// with gaps of up to six samples where the line ran along a dropped
    /// row, which no closing of two samples joins. Joined end to nearest
    /// dash, it closes; a line of text (upright strokes five samples
    /// apart) joined so would enclose the gaps between its letters, but
    /// its middle is ink, and it does not count.
    #[test]
    fn an_outline_in_dashes_closes_once_joined_and_text_does_not() {
        use super::super::cluster::tests::ellipse;
        let dashed = ellipse(48, 14, |t| t % 60.0 >= 44.0);
        assert!(!closes(&dashed));
        assert!(dashes_close(&dashed, 7));
        assert!(!dashes_close(&dashed, 3), "gaps longer than the reach stay open");
        let text = Footprint::new(40, 8, (0..8 * 40).map(|i| i % 40 % 6 == 1).collect());
        assert!(text.bridged(7).is_some_and(|f| closes(&f)), "joined, text encloses");
        assert!(!dashes_close(&text, 7));
    }

    /// A three-pixel rectangle in a half-size copy: lines thick for its
    /// box, specks of colour above and below it, and a low hole between
    /// them that runs from end to end. It closes; the same lines apart
    /// (its sides gone) do not.
    #[test]
    fn a_thick_rectangle_with_a_low_hole_closes() {
        let (w, h) = (63usize, 17usize);
        let frame = |x: usize, y: usize, sides: bool| {
            let specks = (y == 1 || y == 15) && x.is_multiple_of(7);
            let lines = (3..=5).contains(&y) || (11..=13).contains(&y);
            let side = sides && (3..=13).contains(&y) && (x <= 4 || x >= 58);
            specks || lines || side
        };
        let rectangle = Footprint::new(w as u32, h as u32, (0..w * h).map(|i| frame(i % w, i / w, true)).collect());
        assert!(closes(&rectangle));
        let lines = Footprint::new(w as u32, h as u32, (0..w * h).map(|i| frame(i % w, i / w, false)).collect());
        assert!(!closes(&lines));
    }

    /// A loop whose colour a copy faded away over a stretch of it is one
    /// piece, a C: joined across the gap between its two ends, it closes,
    /// and not when the gap is longer than the reach.
    #[test]
    fn an_outline_with_a_stretch_gone_closes_once_its_ends_are_joined() {
        use super::super::cluster::tests::ellipse;
        // Its left end gone: the ends lie about 8 samples apart.
        let open = ellipse(60, 16, |t| (150.0..210.0).contains(&t));
        assert_eq!(open.pieces(), 1);
        assert!(!closes(&open));
        assert!(dashes_close(&open, 8));
        assert!(!dashes_close(&open, 5), "a gap longer than the reach stays open");
    }

    /// Where the image cuts a cluster off, nothing is known of how its
    /// ink ends: a wallpaper's corner that passes through a faint magenta
    /// is not sharp (half its edge is the image's, the rest fades into the
    /// wallpaper), a highlighter running off two sides of the image is,
    /// and so is ink that fills the image.
    #[test]
    fn the_image_border_says_nothing_of_sharpness() {
        let wallpaper =
            RgbaImage::from_fn(1920, 1080, |x, y| Rgba([40 + (x / 24) as u8, 60 + (y / 20) as u8, 110, 255]));
        // Every edge of it inside the image fades.
        let s = sharpness_of_largest(&wallpaper);
        assert!(s < 0.1, "wallpaper corner: {s}");
        let mut swipe = RgbaImage::from_pixel(400, 300, Rgba([255, 255, 255, 255]));
        for y in 200..300 {
            for x in 100..400 {
                swipe.put_pixel(x, y, Rgba([255, 153, 255, 255]));
            }
        }
        let s = sharpness_of_largest(&swipe);
        assert!(s >= MIN_SHARPNESS, "swipe: {s}");
        let s = sharpness_of_largest(&RgbaImage::from_pixel(50, 40, Rgba([255, 153, 255, 255])));
        assert_eq!(s, 1.0);
    }
}

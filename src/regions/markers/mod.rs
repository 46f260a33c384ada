//! Marker strokes: what people draw on a screenshot on the phone or in a
//! desktop screenshot tool to say "hide this" — a pen scribble, a filled
//! or outlined box, a shape tool's rectangle or ellipse, or a highlighter
//! swipe, which is drawn semi-transparent and so hides nothing by itself.
//! Found by colour, without OCR, and turned into rectangles to mask.
//!
//! The pipeline, for one image:
//!
//! 1. [`grid`]: the image pooled into samples (every pixel on 1× screens,
//!    the most colourful pixel of each 2×2 block from 2× on), with the
//!    colourful samples, the only ones later stages look at, as spans of
//!    one colour along rows (each tested once).
//! 2. [`ink`] and [`runs`]: per marker shade, the opacity at which each
//!    sample is that shade laid over a neutral background, or over the flat
//!    colour beside it along its row or column (a chat bubble, a card).
//! 3. [`cluster`]: inked samples grouped into marks (gaps a pen leaves
//!    between words closed), with what their ink looks like, and the
//!    faint trace a line leaves where a scaled JPEG copy took its colour.
//! 4. [`judge`]: which groups are marks (an outline closed by its trace,
//!    or broken into arcs or dashes that close once joined, counts, and so
//!    does what a copy left of a rectangle: two far sides, an L or a U),
//!    and which of those have a shape only markup tools draw, for ink in a
//!    colour that is not a marker.
//! 5. [`faint`]: a second look, at a lower threshold, at the thin lines of
//!    a marker colour too faint to be ink anywhere (a one-pixel outline in a
//!    half-size JPEG copy), for outlines only.
//!
//! After masking, [`residual_ink`] looks again at full resolution for
//! marker ink left outside every region.
//!
//! To stay far cheaper than one JPEG encode, every stage after pooling
//! works only on colourful samples, and one pooled grid serves every
//! colour.

mod cluster;
mod faint;
mod grid;
mod ink;
mod judge;
mod morph;
mod palette;
mod residual;
mod runs;
mod spare;

use image::RgbaImage;

pub use palette::{MARKER_FAMILIES, MarkerFamily, parse_marker_color, parse_marker_colors};
pub use residual::residual_ink;

use super::PixelRect;
use crate::geometry::Coverage;
use crate::spec::Rgb;
use cluster::{Samples, clusters, union};
pub use grid::ColourPlaces;
use grid::{Grid, Span};
use ink::{ColourMemo, Ink, MIN_SAMPLE_ALPHA};
use judge::{Candidate, Scan, Side, Verdict, joined_arcs};
use palette::shades_of;
use spare::Spare;

/// What looks like a mark drawn in a markup tool's preset colour that is
/// not one of the marker colours: it was not masked, and `--marker
/// {colour}` would mask it.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherColourMark {
    /// The `--marker` name of the colour, e.g. `"red"`.
    pub colour: &'static str,
    /// The colour that name stands for.
    pub rgb: Rgb,
    /// Where the mark is, in pixels of the image.
    pub rect: PixelRect,
}

/// Everything one look at an image finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkScan {
    /// Marks in the marker colours: rectangles to mask, not yet padded.
    pub marks: Vec<PixelRect>,
    /// Marks in other preset colours, not masked.
    pub other_colours: Vec<OtherColourMark>,
    /// Where the image may hold colour, for [`residual_ink`] to read only
    /// there (`None` when it was not looked at).
    pub colour: Option<ColourPlaces>,
}

/// The bounding boxes of the marker strokes of every colour in `colors`
/// (a named colour with every shade of its family), one per cluster of
/// touching (or nearly touching) strokes, in pixels of `image`, not yet
/// padded. The inside of an outline is inside its box. Pixels `hidden`
/// covers are never read: they count as no ink.
pub fn find_marks(image: &RgbaImage, colors: &[Rgb], density: f64, hidden: Option<&Coverage>) -> Vec<PixelRect> {
    look(image, colors, Scan::for_density(density), hidden, false).marks
}

/// What looks like a mark (a pen stroke, a shape tool's outline, a
/// highlighter swipe) drawn in one of the preset colours of
/// [`MARKER_FAMILIES`] that `markers` do not already detect, for a warning
/// that names the colour. Pixels `hidden` covers are never read.
pub fn find_other_colour_marks(
    image: &RgbaImage,
    markers: &[Rgb],
    density: f64,
    hidden: Option<&Coverage>,
) -> Vec<OtherColourMark> {
    scan_marks(image, markers, density, hidden).other_colours
}

/// [`find_marks`] and [`find_other_colour_marks`] in one look, sharing the
/// pooled image: cheaper than calling both.
pub fn scan_marks(image: &RgbaImage, markers: &[Rgb], density: f64, hidden: Option<&Coverage>) -> MarkScan {
    look(image, markers, Scan::for_density(density), hidden, true)
}

/// Least opacity at which a marker shade must see a preset shade for the
/// preset to count as detected by that marker.
const CLAIM_ALPHA: f32 = 0.3;

fn look(image: &RgbaImage, markers: &[Rgb], scan: Scan, hidden: Option<&Coverage>, others: bool) -> MarkScan {
    let (width, height) = image.dimensions();
    let mut out = MarkScan::default();
    if width == 0 || height == 0 || (markers.is_empty() && !others) {
        return out;
    }
    let grid = Grid::new(image, hidden, scan.step);
    if !grid.chromatic.is_empty() {
        out = look_in(&grid, markers, scan, others);
    }
    out.colour = Some(ColourPlaces::of(grid));
    out
}

/// [`look`] at the colourful samples of `grid`.
fn look_in(grid: &Grid, markers: &[Rgb], scan: Scan, others: bool) -> MarkScan {
    let mut out = MarkScan::default();
    let families: Vec<Vec<Ink>> = markers
        .iter()
        .map(|&c| shades_of(c).into_iter().filter_map(Ink::new).collect::<Vec<Ink>>())
        .filter(|inks| !inks.is_empty())
        .collect();
    // Maps of the grid's size, handed from colour to colour.
    let mut spare = Spare::take();
    if !families.is_empty() {
        let runs = runs::coloured_runs(grid, scan.lattice);
        for inks in &families {
            let samples = Samples::take(grid, inks, Some(&runs), &mut spare.alpha);
            let mut found: Vec<PixelRect> = marks_in(grid, inks, &samples, scan, Purpose::Mask, &mut spare.labels)
                .into_iter()
                .map(|(r, _)| r)
                .collect();
            let mut faint_only = Vec::new();
            if let Some(faint) = faint::lines(grid, &samples, scan) {
                for (r, _) in marks_in(grid, inks, &faint, scan, Purpose::FaintOutline, &mut spare.labels) {
                    // A mark the first look found is only lengthened: the
                    // faint fringe the second look sees across its line
                    // would widen it over the text beside.
                    match found.iter_mut().find(|m| m.intersect(&r).is_some_and(|i| i.area() * 2 >= r.area())) {
                        Some(m) => *m = lengthened(*m, r),
                        None => faint_only.push(r),
                    }
                }
            }
            out.marks.extend(found);
            out.marks.extend(faint_only);
            samples.recycle(&mut spare.alpha);
        }
    }
    if others {
        let marker_inks: Vec<&Ink> = families.iter().flatten().collect();
        // Shades a marker already finds are not another colour.
        let slots: Vec<(&MarkerFamily, Vec<Ink>)> = MARKER_FAMILIES
            .iter()
            .map(|family| {
                let inks = family
                    .shades
                    .iter()
                    .filter(|s| !marker_inks.iter().any(|m| m.alpha(s.0).is_some_and(|a| a >= CLAIM_ALPHA)))
                    .filter_map(|&s| Ink::new(s))
                    .collect();
                (family, inks)
            })
            .collect();
        // One pass sorts the colourful samples by hue to the family whose
        // shade is nearest, so that each family's test runs on its own few.
        let table = HueTable::new(&slots);
        let mut found: Vec<Vec<(Span, f32)>> = vec![Vec::new(); slots.len()];
        let mut memo = ColourMemo::new();
        for (&span, &colour) in grid.chromatic.iter().zip(&grid.colours) {
            let hit = memo.answer(colour, |p| {
                table.near(p).iter().find_map(|&(slot, shade)| {
                    let ink = &slots[slot].1[shade];
                    // Traces only close outlines in a marker colour.
                    ink.faint_alpha(p).map(|a| (slot, a))
                })
            });
            if let Some((slot, a)) = hit {
                found[slot].push((span, a));
            }
        }
        let mut others: Vec<(OtherColourMark, Vec<Ink>)> = Vec::new();
        for ((family, inks), found) in slots.iter().zip(found) {
            // Faint samples are ink only beside clear ones.
            if !found.iter().any(|&(_, a)| a >= MIN_SAMPLE_ALPHA) {
                continue;
            }
            let samples = Samples::of(grid, found, Vec::new(), false, &mut spare.alpha);
            for (rect, _) in marks_in(grid, inks, &samples, scan, Purpose::OtherColour, &mut spare.labels) {
                if !out.marks.iter().any(|m| overlap(m, &rect)) {
                    others.push((OtherColourMark { colour: family.name, rgb: family.colour(), rect }, inks.clone()));
                }
            }
            samples.recycle(&mut spare.alpha);
        }
        // Neighbouring families (pink and red) can both see one mark: the
        // family whose shades fit more of its samples names it.
        let fit = |(m, inks): &(OtherColourMark, Vec<Ink>)| fitting_samples(grid, inks, m.rect, scan.step);
        let fits: Vec<usize> = others.iter().map(fit).collect();
        for (i, (m, _)) in others.iter().enumerate() {
            let beaten = others.iter().enumerate().any(|(j, (n, _))| {
                j != i && overlap(&m.rect, &n.rect) && (fits[j] > fits[i] || (fits[j] == fits[i] && j < i))
            });
            if !beaten {
                out.other_colours.push(m.clone());
            }
        }
    }
    spare.keep();
    out
}

/// `mark` reaching as far as `other` does along its length (its longer
/// side), as wide as it was across.
fn lengthened(mark: PixelRect, other: PixelRect) -> PixelRect {
    if mark.w >= mark.h {
        let (x0, x1) = (mark.x.min(other.x), mark.right().max(other.right()));
        PixelRect { x: x0, w: x1 - x0, ..mark }
    } else {
        let (y0, y1) = (mark.y.min(other.y), mark.bottom().max(other.bottom()));
        PixelRect { y: y0, h: y1 - y0, ..mark }
    }
}

/// Whether two boxes share at least half of the smaller one.
fn overlap(a: &PixelRect, b: &PixelRect) -> bool {
    a.intersect(b).is_some_and(|i| i.area() * 2 >= a.area().min(b.area()))
}

/// How many samples of `grid` inside `rect` are ink of one of `inks` at
/// opacity 0.5 or more.
fn fitting_samples(grid: &Grid, inks: &[Ink], rect: PixelRect, step: u32) -> usize {
    let (x0, y0) = (rect.x / step, rect.y / step);
    let (x1, y1) = (rect.right().div_ceil(step).min(grid.width), rect.bottom().div_ceil(step).min(grid.height));
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| inks.iter().any(|ink| ink.alpha(grid.at(x, y)).is_some_and(|a| a >= 0.5)))
        .count()
}

/// What the marks of a family are looked for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Purpose {
    /// To be masked: a marker colour.
    Mask,
    /// To be warned about: marks that look drawn in another colour.
    OtherColour,
    /// To be masked, among lines too faint to be ink by themselves
    /// ([`faint`]): outlines only.
    FaintOutline,
}

/// The marks among `samples` (ink of `inks`), for `purpose`; `spare`
/// lends its memory to the cluster labels and gets it back.
fn marks_in(
    grid: &Grid,
    inks: &[Ink],
    samples: &Samples,
    scan: Scan,
    purpose: Purpose,
    spare: &mut Vec<u32>,
) -> Vec<(PixelRect, bool)> {
    let (rx, ry) = scan.growth();
    let (labels, clusters) = clusters(samples, rx, ry, spare);
    let mut marks: Vec<([u32; 4], bool)> = Vec::new();
    let mut sides: Vec<Side> = Vec::new();
    let mut arcs = Vec::new();
    for c in &clusters {
        let candidate =
            Candidate { grid, inks, samples, labels: &labels, cluster: c, scan, measures: Default::default() };
        if purpose == Purpose::OtherColour {
            // Only marks that look drawn are reported: most coloured UI
            // fails that on its size and fill (a tinted panel, on what shows
            // through it) before any closer look.
            if candidate.may_look_drawn()
                && let Verdict::Mark { looks_drawn: true, outline } = candidate.verdict()
            {
                marks.push((c.mark_box(outline), true));
            }
            continue;
        }
        if purpose == Purpose::FaintOutline {
            if let Verdict::Mark { looks_drawn, outline: true } = candidate.verdict() {
                marks.push((candidate.outline_box(), looks_drawn));
            }
            continue;
        }
        match candidate.verdict() {
            Verdict::Mark { looks_drawn, outline: true } => marks.push((candidate.outline_box(), looks_drawn)),
            Verdict::Mark { looks_drawn, outline: false } => marks.push((c.mark_box(false), looks_drawn)),
            Verdict::NotInk if candidate.open_rectangle() => marks.push((c.mark_box(false), false)),
            Verdict::NotInk if candidate.arc() => arcs.push(c),
            Verdict::NotInk => {}
        }
        sides.extend(candidate.side());
    }
    marks.extend(rectangles(&sides, scan).into_iter().map(|b| (b, false)));
    marks.extend(joined_arcs(samples, &labels, &arcs, scan.faded_reach()).into_iter().map(|b| (b, false)));
    labels.recycle(spare);
    // A sample stands for its whole block.
    let (width, height, s) = (grid.image_width, grid.image_height, scan.step);
    marks
        .into_iter()
        .filter_map(|([bx0, by0, bx1, by1], looks_drawn)| {
            let (x0, y0) = (bx0 * s, by0 * s);
            let x1 = ((bx1 + 1) * s).min(width);
            let y1 = ((by1 + 1) * s).min(height);
            (x1 > x0 && y1 > y0).then_some((PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, looks_drawn))
        })
        .collect()
}

/// For each of [`HUE_BUCKETS`] hues, the shades (slot and index in it) a
/// sample of that hue may be ink of, nearest first.
struct HueTable {
    buckets: Vec<Vec<(usize, usize)>>,
}

/// Hue buckets around the circle.
const HUE_BUCKETS: usize = 96;
/// How far (in buckets, 3.75° each) a sample's hue may lie from a shade's:
/// ink over grey keeps the shade's hue exactly, but a faint sample's hue
/// moves with JPEG's error.
const HUE_REACH: usize = 6;

impl HueTable {
    fn new(slots: &[(&MarkerFamily, Vec<Ink>)]) -> HueTable {
        let mut buckets: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); HUE_BUCKETS];
        for (slot, (_, inks)) in slots.iter().enumerate() {
            for (shade, ink) in inks.iter().enumerate() {
                let centre = hue_bucket(ink.rgb());
                for d in 0..=HUE_REACH {
                    for b in [(centre + d) % HUE_BUCKETS, (centre + HUE_BUCKETS - d) % HUE_BUCKETS] {
                        if !buckets[b].iter().any(|e| e.0 == slot && e.1 == shade) {
                            buckets[b].push((slot, shade, d));
                        }
                    }
                }
            }
        }
        let buckets = buckets
            .into_iter()
            .map(|mut b| {
                b.sort_by_key(|e| e.2);
                b.into_iter().map(|(slot, shade, _)| (slot, shade)).collect()
            })
            .collect();
        HueTable { buckets }
    }

    fn near(&self, p: [u8; 3]) -> &[(usize, usize)] {
        &self.buckets[hue_bucket(p)]
    }
}

/// The hue of `p` (which must have some chroma), in [`HUE_BUCKETS`] steps
/// around the colour circle.
fn hue_bucket(p: [u8; 3]) -> usize {
    let [r, g, b] = p.map(i32::from);
    let (hi, lo) = (r.max(g).max(b), r.min(g).min(b));
    let c = (hi - lo).max(1);
    // The hexcone hue, 256 per sixth of the circle.
    let h = if hi == r {
        (g - b) * 256 / c
    } else if hi == g {
        512 + (b - r) * 256 / c
    } else {
        1024 + (r - g) * 256 / c
    };
    (h.rem_euclid(1536) as usize * HUE_BUCKETS / 1536).min(HUE_BUCKETS - 1)
}

/// Rectangles of which only two opposite sides kept their colour: pairs of
/// parallel straight lines whose ends line up (within 4 dp or a tenth of
/// their length: a faded corner shortens a line), 4 to 100 dp apart, or
/// upright ones up to 16 times their length apart. A shape tool's
/// one-pixel rectangle in a JPEG copy often looks like that, its other two
/// sides turned grey (or dropped whole by a copy scaled without
/// smoothing); what lies between the two is what it outlines. Of a pair,
/// one may be short ([`Side::whole`] not holding) when it lies within the
/// other's length, faded ends and all, and is at least half as long.
fn rectangles(sides: &[Side], scan: Scan) -> Vec<[u32; 4]> {
    let dp = |v: f64| (v * scan.density / f64::from(scan.step)).round() as u32;
    let mut out = Vec::new();
    for (i, sa) in sides.iter().enumerate() {
        for sb in &sides[i + 1..] {
            if sa.horizontal != sb.horizontal || !(sa.whole || sb.whole) {
                continue;
            }
            // Along and across the lines.
            let (along, across) = if sa.horizontal { ((0, 2), (1, 3)) } else { ((1, 3), (0, 2)) };
            let length = |b: [u32; 4]| b[along.1] - b[along.0];
            let (a, b) = if sa.whole && sb.whole { (sa.clear, sb.clear) } else { (sa.reach, sb.reach) };
            let slack = dp(4.0).max(length(a).max(length(b)) / 10);
            let ends_line_up = if sa.whole && sb.whole {
                a[along.0].abs_diff(b[along.0]) <= slack && a[along.1].abs_diff(b[along.1]) <= slack
            } else {
                let (long, short) = if sa.whole { (a, b) } else { (b, a) };
                short[along.0] + slack >= long[along.0]
                    && short[along.1] <= long[along.1] + slack
                    && 2 * length(short) >= length(long)
            };
            let gap = if a[across.0] < b[across.0] {
                b[across.0].saturating_sub(a[across.1])
            } else {
                a[across.0].saturating_sub(b[across.1])
            };
            // A box around a line of text is wide: its left and right
            // sides may lie many times their length apart.
            let widest = if sa.horizontal { dp(100.0) } else { dp(100.0).max(16 * (length(a).max(length(b)) + 1)) };
            if ends_line_up && (dp(4.0)..=widest).contains(&gap) {
                out.push(union(a, b));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_images_of_marker_colour_do_not_panic() {
        for (w, h) in [(1, 1), (2, 1), (4, 4), (3, 3), (0, 5)] {
            let img = RgbaImage::from_fn(w, h, |x, y| {
                if (x + y) % 2 == 0 { image::Rgba([255, 0, 255, 255]) } else { image::Rgba([255, 255, 255, 255]) }
            });
            for density in [1.0, 3.0, f64::NAN, 0.0] {
                let _ = scan_marks(&img, &[Rgb([255, 0, 255])], density, None);
            }
            let _ = residual_ink(&img, &Coverage::new(w, h), &[Rgb([255, 0, 255])], None);
        }
    }

    #[test]
    fn marks_touching_the_edges_of_the_image_do_not_panic() {
        for (w, h) in [(200, 100), (101, 77)] {
            let mut img = RgbaImage::from_pixel(w, h, image::Rgba([255, 255, 255, 255]));
            for y in 0..h {
                for x in 0..w {
                    let edge = x + 3 >= w || y + 3 >= h || x < 2 || y < 2;
                    let band = (y as f32 - h as f32 / 2.0).abs() < 6.0;
                    if edge {
                        img.put_pixel(x, y, image::Rgba([255, 0, 255, 255]));
                    } else if band {
                        img.put_pixel(x, y, image::Rgba([255, 153, 255, 255]));
                    }
                }
            }
            for density in [1.0, 2.0, 3.0] {
                let scan = scan_marks(&img, &[Rgb([255, 0, 255])], density, None);
                assert!(!scan.marks.is_empty(), "{w}×{h} at {density}");
            }
            // A line in the last column and one in the last row alone: the
            // edge test looks one sample inward from there.
            let mut img = RgbaImage::from_pixel(w, h, image::Rgba([255, 255, 255, 255]));
            for y in 0..h {
                img.put_pixel(w - 1, y, image::Rgba([255, 0, 255, 255]));
            }
            for x in 0..w {
                img.put_pixel(x, h - 1, image::Rgba([255, 0, 255, 255]));
            }
            for density in [1.0, 2.0, 3.0] {
                let _ = scan_marks(&img, &[Rgb([255, 0, 255])], density, None);
            }
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
            let marks: Vec<PixelRect> =
                look(&img, &[color], scan, None, false).marks.iter().map(|r| r.padded(2, w, h)).collect();
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

    /// The maps a thread keeps from one image to the next come back all
    /// zero, so a look after others finds what a look in a fresh thread
    /// does: every marker fixture (one size) in turn, in both orders, with
    /// the colours that find its marks and the other-colour pass.
    #[test]
    fn a_look_after_others_finds_what_a_first_look_finds() {
        fn look_at(name: &str) -> MarkScan {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markers");
            let img = image::open(dir.join(name)).unwrap().into_rgba8();
            scan_marks(&img, &[[255, 0, 255], [255, 230, 0]].map(Rgb), 1.0, None)
        }
        let mut names = ["highlighter.png", "highlighter_q85.jpg", "lookalikes.png", "pen_shapes.png"]
            .into_iter()
            .chain(["pen_shapes_q85.jpg", "yellow_highlighter.png"])
            .collect::<Vec<&str>>();
        let mut first: Vec<MarkScan> =
            names.iter().map(|&name| std::thread::spawn(move || look_at(name)).join().unwrap()).collect();
        assert!(first.iter().filter(|scan| !scan.marks.is_empty()).count() >= 4, "{first:?}");
        for _ in 0..2 {
            for (name, expected) in names.iter().zip(&first) {
                assert_eq!(&look_at(name), expected, "{name}");
                let kept = Spare::take();
                assert_eq!(kept.alpha.len(), 400 * 800, "{name}: the opacities are kept");
                assert!(kept.alpha.iter().all(|&a| a == 0), "{name}: opacities left set");
                assert_eq!(kept.labels.len(), 100 * 200, "{name}: the labels are kept");
                assert!(kept.labels.iter().all(|&l| l == 0), "{name}: labels left set");
                kept.keep();
            }
            names.reverse();
            first.reverse();
        }
    }

    /// What is left of a one-pixel rectangle around a line of text when a
    /// copy dropped its top and bottom rows: two short upright lines far
    /// apart. What lies between them is masked; two such lines at other
    /// heights, or much farther apart for their length, are not a box.
    #[test]
    fn the_left_and_right_sides_of_a_wide_box_mask_what_lies_between() {
        let magenta = image::Rgba([255, 0, 255, 255]);
        let mut img = RgbaImage::from_pixel(1200, 300, image::Rgba([250, 250, 250, 255]));
        let upright = |img: &mut RgbaImage, x: u32, y: u32| {
            for y in y..y + 26 {
                img.put_pixel(x, y, magenta);
            }
        };
        // A box 300 px wide, 26 tall; two lines at different heights; two
        // lines 1 000 px apart.
        upright(&mut img, 100, 40);
        upright(&mut img, 400, 40);
        upright(&mut img, 100, 120);
        upright(&mut img, 400, 160);
        upright(&mut img, 50, 240);
        upright(&mut img, 1050, 240);
        let marks = find_marks(&img, &[Rgb([255, 0, 255])], 1.0, None);
        let covered = |x: u32, y: u32| marks.iter().any(|m| m.contains(x, y));
        assert!(covered(250, 53), "the box's inside is not masked: {marks:?}");
        assert!(!covered(250, 130) && !covered(250, 170), "lines at other heights joined: {marks:?}");
        assert!(!covered(550, 253), "lines far apart joined: {marks:?}");
    }

    /// A copy that drops rows can cut one of those two lines short: a short
    /// line (16 px, too short to be a side by itself) facing a whole one
    /// and lying within its length still makes a box; one that reaches
    /// past its end does not, and neither do two short lines.
    #[test]
    fn a_side_cut_short_makes_a_box_with_a_whole_one_it_faces() {
        let magenta = image::Rgba([255, 0, 255, 255]);
        let mut img = RgbaImage::from_pixel(1200, 300, image::Rgba([250, 250, 250, 255]));
        let upright = |img: &mut RgbaImage, x: u32, y: u32, len: u32| {
            for y in y..y + len {
                img.put_pixel(x, y, magenta);
            }
        };
        upright(&mut img, 100, 40, 26);
        upright(&mut img, 400, 45, 16);
        upright(&mut img, 100, 120, 26);
        upright(&mut img, 400, 140, 16);
        upright(&mut img, 100, 220, 16);
        upright(&mut img, 400, 220, 16);
        let marks = find_marks(&img, &[Rgb([255, 0, 255])], 1.0, None);
        let covered = |x: u32, y: u32| marks.iter().any(|m| m.contains(x, y));
        assert!(covered(250, 53), "the box's inside is not masked: {marks:?}");
        assert!(!covered(250, 150), "a short line reaching past the whole one's end joined: {marks:?}");
        assert!(!covered(250, 228), "two short lines joined: {marks:?}");
    }

    /// A translucent swipe over a teal card in a scaled copy: the filter
    /// spreads its edges over four rows, fading from 0.17 to 0.08, more
    /// than the pad reaches past its clear rows. Its box, padded, covers
    /// every row with a trace of it, and not the card beyond.
    #[test]
    fn a_swipe_over_a_coloured_card_is_masked_to_its_blurred_edges() {
        let (teal, magenta) = ([0u8, 123, 109], [255u8, 0, 255]);
        let over = |a: f32| {
            let c: [u8; 3] =
                [0, 1, 2].map(|i| (a * f32::from(magenta[i]) + (1.0 - a) * f32::from(teal[i])).round() as u8);
            image::Rgba([c[0], c[1], c[2], 255])
        };
        let mut img = RgbaImage::from_pixel(400, 240, image::Rgba([teal[0], teal[1], teal[2], 255]));
        let edge = [(0, 0.17), (1, 0.15), (2, 0.1), (3, 0.08), (4, 0.03)];
        for x in 50..350 {
            for y in 100..160 {
                img.put_pixel(x, y, over(0.3));
            }
            for (d, a) in edge {
                img.put_pixel(x, 160 + d, over(a));
                img.put_pixel(x, 99 - d, over(a));
            }
        }
        let marks = find_marks(&img, &[Rgb(magenta)], 2.0, None);
        let covered = |x: u32, y: u32| marks.iter().any(|m| m.padded(2, 400, 240).contains(x, y));
        for y in 96..164 {
            assert!(covered(200, y), "row {y} of the swipe is not masked: {marks:?}");
        }
        assert!(!covered(200, 170) && !covered(200, 90), "the card beyond is masked: {marks:?}");
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
                    let mixed = [0, 1, 2]
                        .map(|i| (cover * f32::from(color[i]) + (1.0 - cover) * f32::from(px.0[i])).round() as u8);
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

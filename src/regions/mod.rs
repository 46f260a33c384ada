//! Where to hide: every region source (command-line boxes, `--keep`, sidecar
//! files, ...) turns into one list of [`Region`]s in the pixel coordinates of
//! the upright image. A pixel is masked when any region covers it.

pub mod barcode;
mod boxes;
mod grid;
mod keep;
mod labelme;
mod markers;
mod polygon;
pub mod presets;
pub mod qr;
pub mod rules;
mod sidecar;
pub mod template;

use std::fmt;
use std::path::Path;

use image::RgbaImage;
use serde::{Serialize, Serializer};

pub use boxes::resolve_box;
pub use grid::{BlockGrid, align_to_blocks};
pub use keep::complement;
pub use labelme::{labelme_path, parse_labelme};
pub use markers::{
    MARKER_COLORS, MARKER_FAMILIES, MarkScan, MarkerFamily, OtherColourMark, find_marks, find_other_colour_marks,
    parse_marker_color, parse_marker_colors, residual_ink, scan_marks,
};
pub use polygon::Span;

use crate::error::FileError;
use crate::mask::{Coverage, MaskStyle};
use crate::spec::{BoxSpec, Rgb};

/// An axis-aligned rectangle of whole pixels, inside the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PixelRect {
    /// Left column.
    pub x: u32,
    /// Top row.
    pub y: u32,
    /// Width, at least 1.
    pub w: u32,
    /// Height, at least 1.
    pub h: u32,
}

impl PixelRect {
    /// The smallest whole-pixel rectangle containing the fractional box
    /// `(x, y, w, h)`, clamped to a `width`×`height` image. Edges round
    /// outward, so a fractional box never leaves a sliver unmasked. `None`
    /// when nothing of the box lies on the image.
    pub fn outward(x: f64, y: f64, w: f64, h: f64, width: u32, height: u32) -> Option<Self> {
        if !(x.is_finite() && y.is_finite() && w.is_finite() && h.is_finite()) || w <= 0.0 || h <= 0.0 {
            return None;
        }
        let clamp_x = |v: f64| v.clamp(0.0, f64::from(width));
        let clamp_y = |v: f64| v.clamp(0.0, f64::from(height));
        // Values are clamped to [0, side] before the casts, so they cannot wrap.
        let x0 = clamp_x(x.floor()) as u32;
        let y0 = clamp_y(y.floor()) as u32;
        let x1 = clamp_x((x + w).ceil()) as u32;
        let y1 = clamp_y((y + h).ceil()) as u32;
        (x1 > x0 && y1 > y0).then(|| PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
    }

    /// One past the right column.
    pub fn right(&self) -> u32 {
        self.x + self.w
    }

    /// One past the bottom row.
    pub fn bottom(&self) -> u32 {
        self.y + self.h
    }

    /// This rectangle grown by `pad` pixels on every side, clamped to the image.
    pub fn padded(&self, pad: u32, width: u32, height: u32) -> Self {
        let x0 = self.x.saturating_sub(pad);
        let y0 = self.y.saturating_sub(pad);
        let x1 = self.right().saturating_add(pad).min(width);
        let y1 = self.bottom().saturating_add(pad).min(height);
        PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
    }

    /// The overlap of two rectangles, if any.
    pub fn intersect(&self, other: &PixelRect) -> Option<PixelRect> {
        let x0 = self.x.max(other.x);
        let y0 = self.y.max(other.y);
        let x1 = self.right().min(other.right());
        let y1 = self.bottom().min(other.bottom());
        (x1 > x0 && y1 > y0).then(|| PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
    }

    /// Whether the pixel `(x, y)` lies inside.
    pub fn contains(&self, x: u32, y: u32) -> bool {
        x >= self.x && x < self.right() && y >= self.y && y < self.bottom()
    }

    /// Number of pixels covered.
    pub fn area(&self) -> u64 {
        u64::from(self.w) * u64::from(self.h)
    }

    /// This rectangle in an image scaled by `sx`×`sy`, rounded outward and
    /// clamped to the scaled image's `width`×`height`.
    pub fn scaled(&self, sx: f64, sy: f64, width: u32, height: u32) -> Option<PixelRect> {
        PixelRect::outward(
            f64::from(self.x) * sx,
            f64::from(self.y) * sy,
            f64::from(self.w) * sx,
            f64::from(self.h) * sy,
            width,
            height,
        )
    }
}

/// The outline of a region.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A rectangle.
    Rect(PixelRect),
    /// A closed polygon in fractional pixel coordinates (e.g. from LabelMe).
    Polygon {
        /// The vertices, in order.
        points: Vec<(f64, f64)>,
        /// The bounding rectangle of the grown polygon, rounded outward and clamped.
        bounds: PixelRect,
        /// How many pixels the polygon is grown by in every direction.
        grow: u32,
    },
}

/// Which source produced a region; shown in the report as `"source"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--box`.
    Box,
    /// The outside of `--keep` boxes.
    Keep,
    /// An `IMAGE.boxes` or LabelMe sidecar file.
    Sidecar,
    /// Strokes drawn in a marker colour.
    Marker,
    /// A named rule (config rules and built-in presets).
    Rule(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Box => f.write_str("box"),
            Source::Keep => f.write_str("keep"),
            Source::Sidecar => f.write_str("sidecar"),
            Source::Marker => f.write_str("marker"),
            Source::Rule(name) => write!(f, "rule:{name}"),
        }
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One area to hide, with how to hide it.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Its outline, already padded and clamped to the image.
    pub shape: Shape,
    /// Where it came from.
    pub source: Source,
    /// How it is masked.
    pub style: MaskStyle,
    /// A label from the source (a LabelMe shape label, a rule name), if any.
    pub label: Option<String>,
}

impl Region {
    /// A rectangular region.
    pub fn rect(rect: PixelRect, source: Source, style: MaskStyle) -> Self {
        Region { shape: Shape::Rect(rect), source, style, label: None }
    }

    /// The bounding rectangle.
    pub fn bounds(&self) -> PixelRect {
        match &self.shape {
            Shape::Rect(r) => *r,
            Shape::Polygon { bounds, .. } => *bounds,
        }
    }

    /// The covered pixels, as row spans sorted by row.
    pub fn spans(&self) -> Vec<Span> {
        match &self.shape {
            Shape::Rect(r) => (r.y..r.bottom()).map(|y| Span { y, x0: r.x, x1: r.right() }).collect(),
            Shape::Polygon { points, bounds, grow } => polygon::polygon_spans(points, *bounds, *grow),
        }
    }
}

/// What decides the regions of one image (besides the image itself).
#[derive(Debug, Clone, Default)]
pub struct RegionOptions {
    /// `--box`: rectangles applied to every image.
    pub boxes: Vec<BoxSpec>,
    /// `--keep`: everything outside their union is masked.
    pub keep: Vec<BoxSpec>,
    /// Read `IMAGE.boxes` and LabelMe `STEM.json` sidecars when present.
    pub sidecars: bool,
    /// Marker colours whose strokes mark what to hide (empty: none).
    pub markers: Vec<Rgb>,
    /// Grow every region by this many pixels.
    pub pad: u32,
    /// The style for regions whose source does not choose one.
    pub style: MaskStyle,
    /// Config-file rules and presets, in order.
    pub rules: Vec<rules::Rule>,
}

/// The regions of one image, and what was skipped on the way.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Every region, padded and clamped.
    pub regions: Vec<Region>,
    /// Things the user may have meant but that were not masked (e.g. a
    /// LabelMe line, which encloses no area), one line each.
    pub warnings: Vec<String>,
}

/// Every region of one upright image, from every source, padded and clamped.
///
/// `input` is the image's path, used to find its sidecar files.
pub fn find(image: &RgbaImage, input: &Path, opts: &RegionOptions) -> Result<Found, FileError> {
    let (width, height) = image.dimensions();
    let density = screen_density(width, height);
    let mut regions = Vec::new();
    let mut warnings = Vec::new();

    for spec in &opts.boxes {
        let rect = resolve_box(spec, width, height, density).map_err(FileError::Region)?;
        regions.push(Region::rect(rect, Source::Box, opts.style));
    }
    if !opts.keep.is_empty() {
        let mut kept = Vec::with_capacity(opts.keep.len());
        for spec in &opts.keep {
            kept.push(resolve_box(spec, width, height, density).map_err(FileError::Region)?);
        }
        regions.extend(complement(&kept, width, height).into_iter().map(|r| Region::rect(r, Source::Keep, opts.style)));
    }
    if opts.sidecars {
        for rect in sidecar::read_boxes_sidecar(input, width, height, density)? {
            regions.push(Region::rect(rect, Source::Sidecar, opts.style));
        }
        let labelme = labelme::read_labelme_sidecar(input, width, height)?;
        for (shape, label) in labelme.shapes {
            regions.push(Region { shape, source: Source::Sidecar, style: opts.style, label });
        }
        warnings.extend(labelme.warnings);
    }
    regions.extend(rules::apply(image, input, &opts.rules, opts.style, density)?);

    for region in &mut regions {
        pad_region(region, opts.pad, width, height);
    }
    if !opts.markers.is_empty() {
        // Strokes inside regions that are masked anyway are not looked at,
        // so what those regions hide never decides what else is masked.
        let hidden = (!regions.is_empty()).then(|| Coverage::of_regions(width, height, &regions));
        let scan = scan_marks(image, &opts.markers, density, hidden.as_ref());
        for rect in scan.marks {
            let mut region = Region::rect(rect, Source::Marker, opts.style);
            pad_region(&mut region, opts.pad, width, height);
            regions.push(region);
        }
        warnings.extend(other_colour_warnings(&scan.other_colours));
    }
    Ok(Found { regions, warnings })
}

/// One line per colour of marks drawn in a colour that is not a marker:
/// the colour, where its first mark is, and the option that masks them.
fn other_colour_warnings(marks: &[OtherColourMark]) -> Vec<String> {
    let mut colours: Vec<&'static str> = marks.iter().map(|m| m.colour).collect();
    colours.dedup();
    colours.sort_unstable();
    colours.dedup();
    colours
        .into_iter()
        .map(|colour| {
            let mine: Vec<&OtherColourMark> = marks.iter().filter(|m| m.colour == colour).collect();
            let r = mine[0].rect;
            let more = match mine.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            format!(
                "what looks like a mark in {colour} at {},{} ({}×{}){more} was not masked: {colour} is not a marker \
                 colour; `--marker {colour}` would mask it",
                r.x, r.y, r.w, r.h
            )
        })
        .collect()
}

/// Grows a region by `pad` pixels (rectangles and polygon bounds alike; the
/// mask rasteriser dilates polygons by the same amount).
fn pad_region(region: &mut Region, pad: u32, width: u32, height: u32) {
    match &mut region.shape {
        Shape::Rect(r) => *r = r.padded(pad, width, height),
        Shape::Polygon { bounds, grow, .. } => {
            *bounds = bounds.padded(pad, width, height);
            *grow += pad;
        }
    }
}

/// Pixels per dp (Android) or point (iOS) for a screenshot of this size.
///
/// Phones are laid out for widths of roughly 360–430 dp whatever their pixel
/// density, so a phone's short side divided by 360 gives its density
/// (1080 px wide → 3×, 720 → 2×, 1440 → 4×). Tablets (portrait, squarer than
/// 1.7:1) are laid out for about 800 dp. Landscape images squarer than 1.9:1
/// are taken as desktop screens: 1× up to a short side of about 1500 px, 2×
/// for HiDPI screens above that.
pub fn screen_density(width: u32, height: u32) -> f64 {
    let short = f64::from(width.min(height));
    let long = f64::from(width.max(height));
    let aspect = long / short.max(1.0);
    let density = if height >= width {
        if aspect >= 1.7 { short / 360.0 } else { short / 800.0 }
    } else if aspect >= 1.9 {
        short / 360.0
    } else {
        (short / 1000.0).round()
    };
    density.max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outward_rounding_covers_fractions() {
        let r = PixelRect::outward(10.2, 5.9, 3.1, 0.2, 100, 100).unwrap();
        assert_eq!(r, PixelRect { x: 10, y: 5, w: 4, h: 2 });
    }

    #[test]
    fn outward_clamps_and_rejects_outside() {
        assert_eq!(PixelRect::outward(-5.0, 90.0, 20.0, 50.0, 100, 100), Some(PixelRect { x: 0, y: 90, w: 15, h: 10 }));
        assert_eq!(PixelRect::outward(100.0, 0.0, 5.0, 5.0, 100, 100), None);
        assert_eq!(PixelRect::outward(0.0, 0.0, 0.0, 5.0, 100, 100), None);
    }

    #[test]
    fn padding_stays_on_the_image() {
        let r = PixelRect { x: 1, y: 1, w: 10, h: 10 }.padded(3, 12, 100);
        assert_eq!(r, PixelRect { x: 0, y: 0, w: 12, h: 14 });
    }

    #[test]
    fn density_of_common_phones() {
        assert_eq!(screen_density(1080, 2340), 3.0);
        assert_eq!(screen_density(720, 1600), 2.0);
        assert_eq!(screen_density(1440, 3200), 4.0);
        assert_eq!(screen_density(2340, 1080), 3.0);
        assert_eq!(screen_density(1080, 1920), 3.0);
        assert_eq!(screen_density(1920, 1080), 1.0);
        assert_eq!(screen_density(2880, 1800), 2.0);
        assert_eq!(screen_density(3840, 2160), 2.0);
        assert_eq!(screen_density(1600, 2560), 2.0);
        assert_eq!(screen_density(200, 100), 1.0);
    }
}

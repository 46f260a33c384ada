//! Geometry: where a region is and how it is painted, as plain data that
//! every stage shares. Regions are found by [`crate::regions`], painted by
//! [`crate::mask`], checked by [`crate::verify`] and reported by
//! [`crate::report`]; this leaf module depends on none of them, so data
//! flows one way.

mod coverage;
mod grid;
mod polygon;
mod style;

use std::fmt;

use serde::{Serialize, Serializer};

pub use coverage::Coverage;
pub use grid::BlockGrid;
pub use polygon::{Span, polygon_spans};
pub use style::{FillColor, MaskStyle};

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
            Shape::Polygon { points, bounds, grow } => polygon_spans(points, *bounds, *grow),
        }
    }
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
}

//! Rules: named, OCR-free recipes for where private things sit on a screen
//! ("the status bar", "the name beside the back arrow", "any QR code or barcode"),
//! applied to every image whose file name, size and aspect they match.
//!
//! Rules come from the config file and from the built-in presets; each match
//! becomes a [`Region`] whose source is `rule:NAME` and whose label is the
//! rule's name.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use image::{GrayImage, RgbaImage};
use regex::Regex;

use super::template::{self, Pattern};
use super::{PixelRect, Region, Source, barcode, qr};
use crate::error::FileError;
use crate::mask::MaskStyle;
use crate::spec::ValueError;
use crate::spec::{BoxSpec, Length};

/// One rule: where to hide, on which images.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The name: the report's `rule:NAME` and the region's label.
    pub name: String,
    /// The rule's own style; `None` takes the run's style.
    pub style: Option<MaskStyle>,
    /// Which images the rule applies to.
    pub when: When,
    /// What it hides on them.
    pub target: Target,
}

/// Conditions on an image; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct When {
    /// Matched against the file name (not the folder).
    pub file: Option<Regex>,
    /// Upright width in pixels.
    pub width: Option<Range>,
    /// Upright height in pixels.
    pub height: Option<Range>,
    /// Orientation or height ÷ width.
    pub aspect: Option<Aspect>,
}

/// An inclusive range; a missing end is open.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Range {
    /// Smallest value allowed.
    pub min: Option<f64>,
    /// Largest value allowed.
    pub max: Option<f64>,
}

impl Range {
    /// Whether `v` lies in the range.
    pub fn contains(&self, v: f64) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v <= m)
    }
}

impl std::str::FromStr for Range {
    type Err = ValueError;

    /// `MIN..MAX` (both included; either may be left out) or one number.
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let t = s.trim();
        let num = |p: &str| -> Result<Option<f64>, ValueError> {
            let p = p.trim();
            if p.is_empty() {
                return Ok(None);
            }
            p.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or_else(|| ValueError::NotARange(t.to_string()))
        };
        let range = match t.split_once("..") {
            Some((a, b)) => Range { min: num(a)?, max: num(b.strip_prefix('=').unwrap_or(b))? },
            None => {
                let v = num(t)?.ok_or_else(|| ValueError::NotARange(t.to_string()))?;
                Range { min: Some(v), max: Some(v) }
            }
        };
        if let (Some(a), Some(b)) = (range.min, range.max)
            && a > b
        {
            return Err(ValueError::EmptyRange { text: t.to_string(), min: a, max: b });
        }
        Ok(range)
    }
}

/// The shape of the image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Aspect {
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
    /// Height ÷ width within this range (a 1080×2340 phone is 2.17).
    Ratio(Range),
}

impl std::str::FromStr for Aspect {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "portrait" => Ok(Aspect::Portrait),
            "landscape" => Ok(Aspect::Landscape),
            other => {
                other.parse::<Range>().map(Aspect::Ratio).map_err(|_| ValueError::NotAnAspect(s.trim().to_string()))
            }
        }
    }
}

impl When {
    /// Whether an image called `file_name`, `width`×`height` pixels, qualifies.
    pub fn holds(&self, file_name: &str, width: u32, height: u32) -> bool {
        let (w, h) = (f64::from(width), f64::from(height));
        self.file.as_ref().is_none_or(|re| re.is_match(file_name))
            && self.width.is_none_or(|r| r.contains(w))
            && self.height.is_none_or(|r| r.contains(h))
            && self.aspect.is_none_or(|a| match a {
                Aspect::Portrait => height > width,
                Aspect::Landscape => width > height,
                Aspect::Ratio(r) => width > 0 && r.contains(h / w),
            })
    }
}

/// What a rule hides.
#[derive(Debug, Clone)]
pub enum Target {
    /// A box placed relative to the image.
    Box {
        /// `X,Y,W,H` as for `--box`.
        spec: BoxSpec,
        /// The point of the image (and of the box) that X,Y measure from;
        /// `None`: as `--box` (top-left, negative values from the far edge).
        anchor: Option<Anchor>,
    },
    /// A box placed relative to each place a UI element is found.
    Find(Box<FindTarget>),
    /// Every QR code and 1D barcode.
    Qr,
}

/// Where along one axis an anchor sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Left or top.
    Start,
    /// The middle.
    Center,
    /// Right or bottom.
    End,
}

/// An anchor point: a corner, the middle of an edge, or the centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Horizontal.
    pub x: Edge,
    /// Vertical.
    pub y: Edge,
}

/// The anchor names, as written in the config file.
pub const ANCHORS: &[(&str, Anchor)] = &[
    ("top-left", Anchor { x: Edge::Start, y: Edge::Start }),
    ("top", Anchor { x: Edge::Center, y: Edge::Start }),
    ("top-right", Anchor { x: Edge::End, y: Edge::Start }),
    ("left", Anchor { x: Edge::Start, y: Edge::Center }),
    ("center", Anchor { x: Edge::Center, y: Edge::Center }),
    ("centre", Anchor { x: Edge::Center, y: Edge::Center }),
    ("right", Anchor { x: Edge::End, y: Edge::Center }),
    ("bottom-left", Anchor { x: Edge::Start, y: Edge::End }),
    ("bottom", Anchor { x: Edge::Center, y: Edge::End }),
    ("bottom-right", Anchor { x: Edge::End, y: Edge::End }),
];

impl std::str::FromStr for Anchor {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let t = s.trim().to_ascii_lowercase();
        ANCHORS
            .iter()
            .find(|(n, _)| *n == t)
            .map(|(_, a)| *a)
            .ok_or_else(|| ValueError::NotAnAnchor(s.trim().to_string()))
    }
}

/// Which side of a found element the box goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Over the element itself.
    Over,
    /// To its right, by default up to the image's right edge.
    RightOf,
    /// To its left, by default up to the image's left edge.
    LeftOf,
    /// Below it, by default down to the image's bottom edge.
    Below,
    /// Above it, by default up to the image's top edge.
    Above,
}

/// A UI element to look for, and the box to hide relative to each match.
#[derive(Debug, Clone)]
pub struct FindTarget {
    /// The element's picture.
    pub pattern: Arc<Pattern>,
    /// Zero-mean normalised correlation a match must reach, in (0, 1].
    pub threshold: f32,
    /// The pixels per dp of the screenshot the template was cut from; when
    /// given, the template is scaled to each image's density first.
    pub density: Option<f64>,
    /// Where to look (`None`: everywhere).
    pub search: Option<BoxSpec>,
    /// Which side of the match the box goes.
    pub side: Side,
    /// Distance between the match and the box.
    pub gap: Length,
    /// Extra shift right (negative: left).
    pub dx: Option<Length>,
    /// Extra shift down (negative: up).
    pub dy: Option<Length>,
    /// Box width (default: the match's, or up to the edge for left/right).
    pub width: Option<Length>,
    /// Box height (default: the match's, or up to the edge for above/below).
    pub height: Option<Length>,
}

/// The region of every rule that applies to this image.
///
/// `style` is the run's style, for rules that do not choose their own.
pub fn apply(
    image: &RgbaImage,
    input: &Path,
    rules: &[Rule],
    style: MaskStyle,
    density: f64,
) -> Result<Vec<Region>, FileError> {
    let (width, height) = image.dimensions();
    let file_name = input.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    // Only decoded to gray when a rule looks at pixels, once per image.
    let gray: OnceLock<GrayImage> = OnceLock::new();
    let gray = || gray.get_or_init(|| template::luma(image));
    let mut regions = Vec::new();
    for rule in rules.iter().filter(|r| r.when.holds(&file_name, width, height)) {
        let rects = match &rule.target {
            Target::Box { spec, anchor } => {
                vec![place_box(spec, *anchor, width, height, density).ok_or_else(|| FileError::BoxOutside {
                    spec: *spec,
                    width,
                    height,
                    rule: Some(rule.name.clone()),
                })?]
            }
            Target::Find(found) => find_boxes(found, gray(), density),
            Target::Qr => {
                let mut found = qr::find(gray());
                found.extend(barcode::find(gray()));
                found
            }
        };
        let style = rule.style.unwrap_or(style);
        regions.extend(rects.into_iter().map(|r| Region {
            label: Some(rule.name.clone()),
            ..Region::rect(r, Source::Rule(rule.name.clone()), style)
        }));
    }
    Ok(regions)
}

/// Places a rule box: without an anchor exactly as `--box`; with one, X,Y
/// measure from that point of the image to the same point of the box,
/// inward from an edge (towards the centre) and right/down from a centre.
pub fn place_box(spec: &BoxSpec, anchor: Option<Anchor>, width: u32, height: u32, density: f64) -> Option<PixelRect> {
    let Some(anchor) = anchor else {
        let (x, y, w, h) = spec.resolve(width, height, density);
        return PixelRect::outward(x, y, w, h, width, height);
    };
    let (bw, bh) = (spec.w.to_px(width, density), spec.h.to_px(height, density));
    let along = |edge: Edge, offset: f64, size: f64, side: u32| match edge {
        Edge::Start => offset,
        Edge::Center => (f64::from(side) - size) / 2.0 + offset,
        Edge::End => f64::from(side) - size - offset,
    };
    let x = along(anchor.x, spec.x.to_px(width, density), bw, width);
    let y = along(anchor.y, spec.y.to_px(height, density), bh, height);
    PixelRect::outward(x, y, bw, bh, width, height)
}

/// Every box of a template rule on one image (clipped to the image; boxes
/// that fall entirely off it are dropped, as there is nothing to hide there).
fn find_boxes(found: &FindTarget, gray: &GrayImage, density: f64) -> Vec<PixelRect> {
    let (width, height) = gray.dimensions();
    let band = found.search.as_ref().and_then(|s| {
        let (x, y, w, h) = s.resolve(width, height, density);
        PixelRect::outward(x, y, w, h, width, height)
    });
    if found.search.is_some() && band.is_none() {
        return Vec::new();
    }
    let scale = found.density.map_or(1.0, |d| density / d);
    let matches = found.pattern.find(gray, found.threshold, band, scale);
    matches.into_iter().filter_map(|m| place_beside(found, m, width, height, density)).collect()
}

/// The box of a template rule for one match.
pub fn place_beside(found: &FindTarget, m: PixelRect, width: u32, height: u32, density: f64) -> Option<PixelRect> {
    let (iw, ih) = (f64::from(width), f64::from(height));
    let px_w = |l: Length| l.to_px(width, density);
    let px_h = |l: Length| l.to_px(height, density);
    let (mx, my, mw, mh) = (f64::from(m.x), f64::from(m.y), f64::from(m.w), f64::from(m.h));
    let (mr, mb) = (mx + mw, my + mh);
    let gap_x = px_w(found.gap);
    let gap_y = px_h(found.gap);
    let w = found.width.map(px_w);
    let h = found.height.map(px_h);
    let (x, y, w, h) = match found.side {
        Side::Over => (mx, my, w.unwrap_or(mw), h.unwrap_or(mh)),
        Side::RightOf => {
            let x = mr + gap_x;
            (x, my, w.unwrap_or(iw - x), h.unwrap_or(mh))
        }
        Side::LeftOf => {
            let w = w.unwrap_or(mx - gap_x);
            (mx - gap_x - w, my, w, h.unwrap_or(mh))
        }
        Side::Below => {
            let y = mb + gap_y;
            (mx, y, w.unwrap_or(mw), h.unwrap_or(ih - y))
        }
        Side::Above => {
            let h = h.unwrap_or(my - gap_y);
            (mx, my - gap_y - h, w.unwrap_or(mw), h)
        }
    };
    let x = x + found.dx.map_or(0.0, px_w);
    let y = y + found.dy.map_or(0.0, px_h);
    PixelRect::outward(x, y, w, h, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str) -> BoxSpec {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_parse_and_include_both_ends() {
        let r: Range = "720..1440".parse().unwrap();
        assert!(r.contains(720.0) && r.contains(1440.0) && !r.contains(1441.0));
        let r: Range = "1080..".parse().unwrap();
        assert!(r.contains(5000.0) && !r.contains(1079.0));
        let r: Range = "..=2.0".parse().unwrap();
        assert!(r.contains(2.0) && !r.contains(2.01));
        let r: Range = "1080".parse().unwrap();
        assert!(r.contains(1080.0) && !r.contains(1081.0));
        for bad in ["", "a..b", "5..3", "1..2..3", "NaN"] {
            assert!(bad.parse::<Range>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn when_needs_every_condition() {
        let when = When {
            file: Some(Regex::new("^KakaoTalk").unwrap()),
            width: Some("720..1440".parse().unwrap()),
            height: None,
            aspect: Some(Aspect::Portrait),
        };
        assert!(when.holds("KakaoTalk_20241125.png", 1080, 2340));
        assert!(!when.holds("Screenshot_20241125.png", 1080, 2340));
        assert!(!when.holds("KakaoTalk_20241125.png", 2340, 1080));
        assert!(!when.holds("KakaoTalk_20241125.png", 600, 1200));
        let ratio = When { aspect: Some("2..2.3".parse().unwrap()), ..When::default() };
        assert!(ratio.holds("a.png", 1080, 2340) && !ratio.holds("a.png", 1080, 1920));
        assert!(When::default().holds("", 1, 1));
        assert!("square".parse::<Aspect>().is_err());
    }

    #[test]
    fn anchored_boxes_measure_inward_from_their_anchor() {
        let at = |s: &str, a: &str| place_box(&spec(s), Some(a.parse().unwrap()), 1000, 2000, 2.0).unwrap();
        assert_eq!(at("0,0,100%,24dp", "bottom"), PixelRect { x: 0, y: 1952, w: 1000, h: 48 });
        assert_eq!(at("10,20,100,50", "bottom-right"), PixelRect { x: 890, y: 1930, w: 100, h: 50 });
        assert_eq!(at("0,0,200,100", "center"), PixelRect { x: 400, y: 950, w: 200, h: 100 });
        assert_eq!(at("-50,10,200,100", "top"), PixelRect { x: 350, y: 10, w: 200, h: 100 });
        assert_eq!(at("5,0,10%,10%", "left"), PixelRect { x: 5, y: 900, w: 100, h: 200 });
        // Without an anchor a rule box is a --box.
        assert_eq!(
            place_box(&spec("-100,-50,100,50"), None, 400, 300, 1.0),
            Some(PixelRect { x: 300, y: 250, w: 100, h: 50 })
        );
        assert_eq!(place_box(&spec("2000,0,10,10"), None, 400, 300, 1.0), None);
        assert!("middle".parse::<Anchor>().is_err());
    }

    fn found(side: Side) -> FindTarget {
        FindTarget {
            pattern: Arc::new(Pattern::new(GrayImage::from_fn(4, 4, |x, _| image::Luma([x as u8 * 60]))).unwrap()),
            threshold: 0.9,
            density: None,
            search: None,
            side,
            gap: "10".parse().unwrap(),
            dx: None,
            dy: None,
            width: None,
            height: None,
        }
    }

    #[test]
    fn boxes_beside_a_match_default_to_the_edge() {
        let m = PixelRect { x: 100, y: 200, w: 40, h: 30 };
        let at = |f: &FindTarget| place_beside(f, m, 400, 800, 1.0).unwrap();
        assert_eq!(at(&found(Side::RightOf)), PixelRect { x: 150, y: 200, w: 250, h: 30 });
        assert_eq!(at(&found(Side::LeftOf)), PixelRect { x: 0, y: 200, w: 90, h: 30 });
        assert_eq!(at(&found(Side::Below)), PixelRect { x: 100, y: 240, w: 40, h: 560 });
        assert_eq!(at(&found(Side::Above)), PixelRect { x: 100, y: 0, w: 40, h: 190 });
        assert_eq!(at(&found(Side::Over)), m);
        let sized = FindTarget {
            width: Some("50dp".parse().unwrap()),
            height: Some("20".parse().unwrap()),
            dy: Some("-5".parse().unwrap()),
            ..found(Side::RightOf)
        };
        assert_eq!(place_beside(&sized, m, 400, 800, 2.0), Some(PixelRect { x: 150, y: 195, w: 100, h: 20 }));
        let left = FindTarget { width: Some("30".parse().unwrap()), ..found(Side::LeftOf) };
        assert_eq!(at(&left), PixelRect { x: 60, y: 200, w: 30, h: 30 });
        // Nothing beside a match at the very edge.
        let edge = PixelRect { x: 360, y: 0, w: 40, h: 30 };
        assert_eq!(place_beside(&found(Side::RightOf), edge, 400, 800, 1.0), None);
    }
}

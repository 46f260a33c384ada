//! Where to hide: every region source (command-line boxes, `--keep`, sidecar
//! files, ...) turns into one list of [`Region`]s in the pixel coordinates of
//! the upright image. A pixel is masked when any region covers it.

pub mod barcode;
mod boxes;
mod keep;
mod labelme;
mod markers;
pub mod presets;
pub mod qr;
pub mod rules;
mod sidecar;
pub mod template;

use std::path::Path;

use image::RgbaImage;

pub use crate::geometry::{BlockGrid, PixelRect, Region, Shape, Source, Span};
pub use boxes::resolve_box;
pub use keep::complement;
pub use labelme::{labelme_path, parse_labelme};
pub use markers::{
    ColourPlaces, MARKER_FAMILIES, MarkScan, MarkerFamily, OtherColourMark, find_marks, find_other_colour_marks,
    parse_marker_color, parse_marker_colors, residual_ink, scan_marks,
};

use crate::error::FileError;
use crate::geometry::{Coverage, MaskStyle};
use crate::spec::{BoxSpec, Rgb};
use crate::warning::Warning;

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

impl RegionOptions {
    /// Whether any source of regions is on: when none is, no file gets a
    /// region and the summary says so once.
    pub fn has_any_source(&self) -> bool {
        !self.boxes.is_empty()
            || !self.keep.is_empty()
            || self.sidecars
            || !self.markers.is_empty()
            || !self.rules.is_empty()
    }
}

/// The regions of one image, the pixels they cover, and what was skipped
/// on the way.
#[derive(Debug, Clone)]
pub struct RegionSet {
    /// Every region, padded, clamped and (on JPEG inputs) grown to blocks.
    pub regions: Vec<Region>,
    /// The pixels they cover, built once.
    pub coverage: Coverage,
    /// Things the user may have meant but that were not masked (e.g. a
    /// LabelMe line, which encloses no area).
    pub warnings: Vec<Warning>,
    /// Where the image may hold colour, when markers were looked for: what
    /// [`residual_ink`] needs to read after masking.
    pub colour: Option<ColourPlaces>,
}

/// Every region of one upright image, from every source, padded, clamped
/// and, when `blocks` is given (a JPEG input), grown to whole compression
/// blocks.
///
/// `input` is the image's path, used to find its sidecar files.
pub fn find(
    image: &RgbaImage,
    input: &Path,
    opts: &RegionOptions,
    blocks: Option<&BlockGrid>,
) -> Result<RegionSet, FileError> {
    let (width, height) = image.dimensions();
    let density = screen_density(width, height);
    let mut regions = Vec::new();
    let mut warnings = Vec::new();

    for spec in &opts.boxes {
        let rect = resolve_box(spec, width, height, density)?;
        regions.push(Region::rect(rect, Source::Box, opts.style));
    }
    if !opts.keep.is_empty() {
        let mut kept = Vec::with_capacity(opts.keep.len());
        for spec in &opts.keep {
            kept.push(resolve_box(spec, width, height, density)?);
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

    let finish = |region: &mut Region| {
        pad_region(region, opts.pad, width, height);
        if let Some(grid) = blocks {
            region.shape = Shape::Rect(grid.cover(region.bounds(), width, height));
        }
    };
    for region in &mut regions {
        finish(region);
    }
    let mut coverage = Coverage::of_regions(width, height, &regions);
    let mut colour = None;
    if !opts.markers.is_empty() {
        // Strokes inside regions that are masked anyway are not looked at,
        // so what those regions hide never decides what else is masked.
        let hidden = (!regions.is_empty()).then_some(&coverage);
        let scan = scan_marks(image, &opts.markers, density, hidden);
        for rect in scan.marks {
            let mut region = Region::rect(rect, Source::Marker, opts.style);
            finish(&mut region);
            coverage.add(&region);
            regions.push(region);
        }
        warnings.extend(scan.other_colours.iter().map(|m| Warning::MarkerColour { colour: m.colour, rect: m.rect }));
        colour = scan.colour;
    }
    Ok(RegionSet { regions, coverage, warnings, colour })
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

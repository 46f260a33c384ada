//! LabelMe sidecars: `STEM.json` beside an image, in the format the labelme
//! annotation tool writes (`shapes[]` with `shape_type`, `points` and
//! `label`, plus `imageWidth`/`imageHeight`), so regions prepared on a
//! computer can be applied in a batch.
//!
//! What is done with each part, and why:
//! - `rectangle` and `mask` (whose two points bound its bitmap) become
//!   rectangles; `polygon`, `oriented_rectangle` and `circle` become
//!   polygons, masked as drawn rather than by their bounding box.
//! - `line`, `linestrip`, `point` and `points` enclose nothing, so there is
//!   nothing to mask: they are skipped with a warning.
//! - Any other `shape_type`, too few points, a shape with no area or one
//!   entirely off the image is an error: the file says to hide something
//!   and we cannot tell what, so the image fails rather than leaks.
//! - `imageWidth`/`imageHeight` that differ from the image mean the file
//!   was made for another image (or another size of it): an error, for the
//!   same reason. Missing or `null` sizes are not checked.
//! - A JSON file without a `shapes` field is not LabelMe: it is ignored
//!   with a warning. A file that is not JSON at all is an error, since a
//!   half-saved annotation looks just like that.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::sidecar::{SidecarText, read_sidecar};
use super::{PixelRect, Shape};
use crate::error::{FileError, ShapeProblem, SidecarProblem};
use crate::own_files::{LABELME_EXTENSION, MAX_LABELME_BYTES};
use crate::warning::Warning;

/// Most points a file may have in all: masking a polygon costs time in
/// proportion to its points times its height.
const MAX_POINTS: usize = 100_000;

/// Vertices of the polygon that stands for a circle. It is drawn around the
/// circle (its edges touch it), so it covers all of it.
const CIRCLE_VERTICES: usize = 32;

/// The LabelMe sidecar path of an image: its stem plus `.json`.
pub fn labelme_path(image: &Path) -> PathBuf {
    image.with_extension(LABELME_EXTENSION)
}

/// The shapes of one LabelMe file, placed on the image.
#[derive(Debug, Default)]
pub struct LabelMeShapes {
    /// Each shape to mask, with its label (`None` when empty).
    pub shapes: Vec<(Shape, Option<String>)>,
    /// What was skipped.
    pub warnings: Vec<Warning>,
}

#[derive(Deserialize)]
struct LabelFile {
    shapes: Vec<LabelShape>,
    #[serde(rename = "imageWidth", default)]
    image_width: Option<f64>,
    #[serde(rename = "imageHeight", default)]
    image_height: Option<f64>,
}

#[derive(Deserialize)]
struct LabelShape {
    #[serde(default)]
    label: Option<String>,
    points: Vec<[f64; 2]>,
    /// labelme reads a missing type as a polygon (files from old versions).
    #[serde(default)]
    shape_type: Option<String>,
}

/// Reads `image`'s LabelMe sidecar, if there is one, for a
/// `width`×`height` image.
pub fn read_labelme_sidecar(image: &Path, width: u32, height: u32) -> Result<LabelMeShapes, FileError> {
    let Some(SidecarText { file, text }) = read_sidecar(&labelme_path(image), MAX_LABELME_BYTES)? else {
        return Ok(LabelMeShapes::default());
    };
    let sidecar_error = |problem: SidecarProblem| FileError::Sidecar { file: file.clone(), problem };
    parse_labelme(&text, width, height)
        .map(|parsed| match parsed {
            Some(shapes) => shapes,
            None => LabelMeShapes { shapes: Vec::new(), warnings: vec![Warning::NotLabelMe { file: file.clone() }] },
        })
        .map_err(sidecar_error)
}

/// Parses the text of a LabelMe file for a `width`×`height` image. `None`
/// when it is JSON but not LabelMe.
pub fn parse_labelme(text: &str, width: u32, height: u32) -> Result<Option<LabelMeShapes>, SidecarProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let probe: serde_json::Value = serde_json::from_str(text).map_err(|e| SidecarProblem::NotJson(e.to_string()))?;
    if probe.get("shapes").is_none() {
        return Ok(None);
    }
    drop(probe);
    let file: LabelFile = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
        .map_err(|e| SidecarProblem::Field { path: e.path().to_string(), detail: e.inner().to_string() })?;

    for (field, declared, actual) in
        [("imageWidth", file.image_width, width), ("imageHeight", file.image_height, height)]
    {
        if let Some(declared) = declared
            && declared != f64::from(actual)
        {
            return Err(SidecarProblem::SizeMismatch { field, declared, width, height });
        }
    }

    let points: usize = file.shapes.iter().map(|s| s.points.len()).sum();
    if points > MAX_POINTS {
        return Err(SidecarProblem::TooManyPoints { points, max: MAX_POINTS });
    }
    let mut out = LabelMeShapes::default();
    for (i, s) in file.shapes.into_iter().enumerate() {
        let kind = s.shape_type.as_deref().unwrap_or("polygon");
        let at = |problem: ShapeProblem| SidecarProblem::Shape { index: i, kind: kind.to_string(), problem };
        let shape = match kind {
            "rectangle" | "mask" => rectangle(&s.points, width, height).map_err(at)?,
            "polygon" | "oriented_rectangle" => {
                let least = if kind == "polygon" { 3 } else { 4 };
                if s.points.len() < least {
                    return Err(at(ShapeProblem::TooFewPoints { least, has: s.points.len() }));
                }
                polygon(s.points.iter().map(|p| (p[0], p[1])).collect(), width, height).map_err(at)?
            }
            "circle" => circle(&s.points, width, height).map_err(at)?,
            "line" | "linestrip" | "point" | "points" => {
                out.warnings.push(Warning::LabelMeShapeSkipped { index: i, kind: kind.to_string() });
                continue;
            }
            other => return Err(SidecarProblem::UnknownShapeType { index: i, kind: other.to_string() }),
        };
        out.shapes.push((shape, s.label.filter(|l| !l.trim().is_empty())));
    }
    Ok(Some(out))
}

/// The bounding box of `points`: `(min x, min y, max x, max y)`.
fn extent(points: impl IntoIterator<Item = (f64, f64)>) -> (f64, f64, f64, f64) {
    points.into_iter().fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |(x0, y0, x1, y1), (x, y)| {
        (x0.min(x), y0.min(y), x1.max(x), y1.max(y))
    })
}

/// A rectangle from two (or more) corners. Like labelme's own mask export,
/// the pixel holding the far corner is included.
fn rectangle(points: &[[f64; 2]], width: u32, height: u32) -> Result<Shape, ShapeProblem> {
    if points.len() < 2 {
        return Err(ShapeProblem::Corners { has: points.len() });
    }
    let (x0, y0, x1, y1) = extent(points.iter().map(|p| (p[0], p[1])));
    if x1 <= x0 || y1 <= y0 {
        return Err(ShapeProblem::NoArea);
    }
    let (x0, y0) = (x0.floor(), y0.floor());
    let (x1, y1) = (x1.floor() + 1.0, y1.floor() + 1.0);
    PixelRect::outward(x0, y0, x1 - x0, y1 - y0, width, height).map(Shape::Rect).ok_or_else(|| off_image(width, height))
}

/// A polygon, masked as drawn.
fn polygon(points: Vec<(f64, f64)>, width: u32, height: u32) -> Result<Shape, ShapeProblem> {
    let (x0, y0, x1, y1) = extent(points.iter().copied());
    if x1 <= x0 || y1 <= y0 {
        return Err(ShapeProblem::NoArea);
    }
    let bounds = PixelRect::outward(x0, y0, x1 - x0, y1 - y0, width, height).ok_or_else(|| off_image(width, height))?;
    Ok(Shape::Polygon { points, bounds, grow: 0 })
}

/// A circle given by its centre and a point on it, as a polygon drawn
/// around it.
fn circle(points: &[[f64; 2]], width: u32, height: u32) -> Result<Shape, ShapeProblem> {
    let [[cx, cy], [px, py]] = match points {
        [c, p, ..] => [*c, *p],
        _ => return Err(ShapeProblem::Circle { has: points.len() }),
    };
    let r = (px - cx).hypot(py - cy);
    if r <= 0.0 {
        return Err(ShapeProblem::NoArea);
    }
    let step = std::f64::consts::TAU / CIRCLE_VERTICES as f64;
    let reach = r / (step / 2.0).cos();
    let vertices =
        (0..CIRCLE_VERTICES).map(|k| (cx + reach * (k as f64 * step).cos(), cy + reach * (k as f64 * step).sin()));
    polygon(vertices.collect(), width, height)
}

fn off_image(width: u32, height: u32) -> ShapeProblem {
    ShapeProblem::Outside { width, height }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> LabelMeShapes {
        parse_labelme(text, 400, 300).unwrap().unwrap()
    }

    #[test]
    fn rectangles_polygons_and_circles() {
        let got = shapes(
            r#"{"version": "5.5.0", "flags": {}, "imageWidth": 400, "imageHeight": 300, "imagePath": "a.png",
                "imageData": null, "shapes": [
                {"label": "phone", "points": [[50.0, 40.0], [10.0, 20.5]], "shape_type": "rectangle", "flags": {}},
                {"label": "", "points": [[0, 0], [30, 0], [0, 30]], "shape_type": "polygon"},
                {"label": "face", "points": [[100, 100], [110, 100]], "shape_type": "circle"},
                {"label": "old", "points": [[0, 0], [5, 0], [0, 5]]}
            ]}"#,
        );
        assert_eq!(got.shapes.len(), 4);
        assert_eq!(got.shapes[0], (Shape::Rect(PixelRect { x: 10, y: 20, w: 41, h: 21 }), Some("phone".into())));
        assert!(matches!(got.shapes[1], (Shape::Polygon { ref points, .. }, None) if points.len() == 3));
        match &got.shapes[2].0 {
            Shape::Polygon { bounds, .. } => {
                assert!(bounds.x <= 90 && bounds.right() >= 110 && bounds.y <= 90 && bounds.bottom() >= 110);
                assert!(bounds.x >= 88 && bounds.right() <= 112);
            }
            other => panic!("circle became {other:?}"),
        }
        assert!(matches!(got.shapes[3].0, Shape::Polygon { .. }), "no shape_type means polygon");
        assert!(got.warnings.is_empty());
    }

    #[test]
    fn shapes_without_area_are_skipped_with_a_warning() {
        let got = shapes(
            r#"{"shapes": [{"label": "a", "points": [[1, 1], [9, 9]], "shape_type": "line"},
                           {"label": "b", "points": [[1, 1]], "shape_type": "point"}]}"#,
        );
        assert!(got.shapes.is_empty());
        assert_eq!(got.warnings.len(), 2);
        assert!(got.warnings[0].to_string().contains("shapes[0] is a line"), "{:?}", got.warnings);
    }

    #[test]
    fn json_that_is_not_labelme_is_none() {
        assert!(parse_labelme(r#"{"title": "holiday", "people": []}"#, 10, 10).unwrap().is_none());
        assert!(parse_labelme("[1, 2, 3]", 10, 10).unwrap().is_none());
    }

    #[test]
    fn errors_name_the_line_or_the_field() {
        let err =
            parse_labelme("{\n  \"shapes\": [\n    {\"points\": [[1, 2]],,}\n  ]\n}", 10, 10).unwrap_err().to_string();
        assert!(err.starts_with("not valid JSON") && err.contains("line 3"), "{err}");
        let err = parse_labelme(r#"{"shapes": [{"points": [[1, 2], [3, 4]]}, {"points": [[1, "x"]]}]}"#, 10, 10)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("shapes[1].points[0][1]: invalid type"), "{err}");
        assert!(err.contains("column"), "{err}");
        let err = parse_labelme(r#"{"shapes": [{"label": "a"}]}"#, 10, 10).unwrap_err().to_string();
        assert!(err.contains("shapes[0]") && err.contains("missing field `points`"), "{err}");
        let err = parse_labelme(r#"{"shapes": [{"points": [[1, 2], [3, 4]], "shape_type": "blob"}]}"#, 10, 10)
            .unwrap_err()
            .to_string();
        assert!(err.contains("shapes[0].shape_type: `blob`"), "{err}");
        let err = parse_labelme(r#"{"shapes": [{"points": [[1, 2], [3, 4]], "shape_type": "polygon"}]}"#, 10, 10)
            .unwrap_err()
            .to_string();
        assert!(err.contains("shapes[0] (polygon): needs at least 3 points"), "{err}");
        let err = parse_labelme(r#"{"shapes": [{"points": [[50, 50], [60, 60]], "shape_type": "rectangle"}]}"#, 10, 10)
            .unwrap_err()
            .to_string();
        assert!(err.contains("entirely outside the 10×10 image"), "{err}");
    }

    #[test]
    fn a_size_mismatch_is_an_error() {
        let err = parse_labelme(r#"{"imageWidth": 1080, "imageHeight": 2340, "shapes": []}"#, 540, 1170)
            .unwrap_err()
            .to_string();
        assert!(err.contains("imageWidth is 1080 but the image is 540×1170"), "{err}");
        assert!(parse_labelme(r#"{"imageWidth": null, "imageHeight": 1170, "shapes": []}"#, 540, 1170).is_ok());
    }

    #[test]
    fn sidecar_path_replaces_the_extension() {
        assert_eq!(labelme_path(Path::new("a/shot.png")), PathBuf::from("a/shot.json"));
        assert_eq!(labelme_path(Path::new("a/스크린샷 1.2.png")), PathBuf::from("a/스크린샷 1.2.json"));
    }
}

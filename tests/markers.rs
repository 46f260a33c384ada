//! Marked regions: marker strokes drawn on screenshots (fixtures/markers,
//! with their ground truth) and LabelMe sidecars, checked pixel by pixel in
//! what the binary writes.

use std::path::{Path, PathBuf};

use image::RgbaImage;
use serde_json::Value;

use crate::util::*;

/// The fill colour the tests mask with: pure green occurs in no fixture.
const FILL: [u8; 4] = [0, 255, 0, 255];
const PAD: u32 = 2;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markers")
}

fn truth() -> Value {
    serde_json::from_slice(&std::fs::read(fixtures().join("truth.json")).unwrap()).unwrap()
}

/// `[x, y, w, h]` from the truth file.
fn rect(v: &Value) -> (u32, u32, u32, u32) {
    let n = |i: usize| v[i].as_u64().unwrap() as u32;
    (n(0), n(1), n(2), n(3))
}

fn inside(r: (u32, u32, u32, u32), x: u32, y: u32, grow: u32) -> bool {
    x + grow >= r.0 && x < r.0 + r.2 + grow && y + grow >= r.1 && y < r.1 + r.3 + grow
}

/// `r` grown by `pad`, then out to the 16-pixel block grid.
fn to_blocks(r: (u32, u32, u32, u32), pad: u32) -> (u32, u32, u32, u32) {
    let (x0, y0) = (r.0.saturating_sub(pad) / 16 * 16, r.1.saturating_sub(pad) / 16 * 16);
    let (x1, y1) = ((r.0 + r.2 + pad).div_ceil(16) * 16, (r.1 + r.3 + pad).div_ceil(16) * 16);
    (x0, y0, x1 - x0, y1 - y0)
}

fn masked(out: &RgbaImage, input: &RgbaImage, x: u32, y: u32) -> bool {
    out.get_pixel(x, y).0 == FILL && input.get_pixel(x, y).0 != FILL
}

/// Runs one fixture through the binary with a green fill and lossless
/// output; returns (input pixels, output pixels, report entry).
fn run_fixture(dir: &Dir, name: &str, marker: &str) -> (RgbaImage, RgbaImage, Value) {
    let input = dir.join(format!("in-{marker}/{name}"));
    std::fs::create_dir_all(input.parent().unwrap()).unwrap();
    std::fs::copy(fixtures().join(name), &input).unwrap();
    let out = dir.join(format!("out-{marker}"));
    let (code, stderr, report) = run_report(
        dir,
        &[
            &"--marker",
            &marker,
            &"--style",
            &"fill",
            &"--color",
            &"#00FF00",
            &"--format",
            &"png",
            &"--max-size",
            &"none",
            &"--name",
            &"{stem}",
            &"-o",
            &out,
            &input,
        ],
    );
    assert_eq!(code, 0, "{name}: {stderr}");
    let entry = entry(&report, name).clone();
    let output = decode(Path::new(entry["output"].as_str().unwrap()));
    (decode(&input), output, entry)
}

#[test]
fn every_marked_element_is_covered_and_nothing_else_is_touched() {
    let dir = Dir::new();
    let truth = truth();
    let mut table = Vec::new();
    for (name, t) in truth.as_object().unwrap() {
        let marker = t["marker"].as_str().unwrap();
        let (input, out, entry) = run_fixture(&dir, name, marker);
        assert_eq!(out.dimensions(), input.dimensions());
        let marked = t["marked"].as_array().unwrap();

        // One region per mark, all from the marker source: touching strokes
        // are one mark, and look-alikes are none.
        let regions = entry["regions"].as_array().unwrap();
        assert!(regions.iter().all(|r| r["source"] == "marker" && r["shape"] == "rect"), "{name}: {regions:?}");
        assert_eq!(regions.len(), marked.len(), "{name}: {regions:?}");

        for m in marked {
            let (element, stroke) = (rect(&m["element"]), rect(&m["stroke"]));
            for (what, r) in [("element", element), ("stroke", stroke)] {
                for y in r.1..r.1 + r.3 {
                    for x in r.0..r.0 + r.2 {
                        assert!(masked(&out, &input, x, y), "{name}: {} {what} pixel {x},{y} not masked", m["shape"]);
                    }
                }
            }
            // Collateral of this mark: masked pixels near it but outside the
            // element (the strokes around it and the pad), and beyond the
            // strokes' box grown by the pad.
            let near = (stroke.0.saturating_sub(20), stroke.1.saturating_sub(20), stroke.2 + 40, stroke.3 + 40);
            let (mut outside_element, mut beyond_pad) = (0, 0);
            for y in near.1..(near.1 + near.3).min(out.height()) {
                for x in near.0..(near.0 + near.2).min(out.width()) {
                    if masked(&out, &input, x, y) && !inside(element, x, y, 0) {
                        outside_element += 1;
                        if !inside(stroke, x, y, PAD) {
                            beyond_pad += 1;
                        }
                    }
                }
            }
            table.push(format!(
                "{name:24} {:46} element {:5} px covered; masked outside it {outside_element:5} px, beyond strokes+pad \
                 {beyond_pad} px",
                m["shape"].as_str().unwrap(),
                element.2 * element.3
            ));
        }

        // Nothing is masked beyond the pad around a mark, and everything
        // unmarked (text, magenta-ish icons, photos) is exactly as it was.
        // On a JPEG input a region also grows to whole compression blocks
        // (at most 16×16) and the reach of chroma upsampling (2 px).
        let boxes: Vec<_> = marked.iter().flat_map(|m| [rect(&m["element"]), rect(&m["stroke"])]).collect();
        let boxes: Vec<_> =
            if name.ends_with(".jpg") { boxes.iter().map(|&b| to_blocks(b, PAD + 1)).collect() } else { boxes };
        let grow = if name.ends_with(".jpg") { 2 } else { PAD + 1 };
        for y in 0..out.height() {
            for x in 0..out.width() {
                if masked(&out, &input, x, y) {
                    assert!(boxes.iter().any(|&b| inside(b, x, y, grow)), "{name}: {x},{y} masked far from any mark");
                }
            }
        }
        for u in t["untouched"].as_array().unwrap() {
            let r = rect(&u["box"]);
            for y in r.1..r.1 + r.3 {
                for x in r.0..r.0 + r.2 {
                    assert_eq!(out.get_pixel(x, y), input.get_pixel(x, y), "{name}: {} changed at {x},{y}", u["what"]);
                }
            }
        }
    }
    eprintln!("{}", table.join("\n"));
}

#[test]
fn marker_off_or_another_colour_masks_nothing() {
    let dir = Dir::new();
    for (name, marker) in
        [("pen_shapes.png", "off"), ("yellow_highlighter.png", "magenta"), ("highlighter.png", "blue")]
    {
        let (input, out, entry) = run_fixture(&dir, name, marker);
        assert_eq!(entry["regions"].as_array().unwrap().len(), 0, "{name} with --marker {marker}");
        assert!(out.pixels().zip(input.pixels()).all(|(a, b)| a == b), "{name} changed with --marker {marker}");
    }
}

#[test]
fn a_grey_marker_colour_is_a_usage_error() {
    let dir = Dir::new();
    let input = dir.write("a.png", &png(&screenshot(100, 200, 1)));
    let out = run(&[&"--marker", &"#808080", &"-o", &dir.join("out"), &input]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too grey"));
    assert!(!dir.join("out").exists());
}

/// A 300×500 screenshot with a LabelMe sidecar `shot.json`, masked with a
/// green fill; returns (input, output, report entry) or the report on failure.
fn run_labelme(dir: &Dir, json: &str, extra: &[&str]) -> (i32, String, Value) {
    dir.write("in/shot.png", &png(&screenshot(300, 500, 7)));
    dir.write("in/shot.json", json.as_bytes());
    dir.write("in/other.png", &png(&screenshot(300, 500, 8)));
    let out = dir.join("out");
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
        &"--marker",
        &"off",
        &"--style",
        &"fill",
        &"--color",
        &"#00FF00",
        &"--format",
        &"png",
        &"--name",
        &"{stem}",
        &"-o",
        &out,
    ];
    for e in extra {
        args.push(e);
    }
    let input = dir.join("in");
    args.push(&input);
    run_report(dir, &args)
}

#[test]
fn labelme_rectangles_and_polygons_are_masked_as_drawn() {
    let dir = Dir::new();
    let json = r#"{
      "version": "5.5.0", "flags": {},
      "shapes": [
        {"label": "phone", "points": [[40.0, 60.0], [160.0, 90.0]], "group_id": null, "description": "",
         "shape_type": "rectangle", "flags": {}, "mask": null},
        {"label": "face", "points": [[100.0, 200.0], [260.0, 200.0], [100.0, 360.0]], "group_id": null,
         "description": "", "shape_type": "polygon", "flags": {}, "mask": null}
      ],
      "imagePath": "shot.png", "imageData": null, "imageHeight": 500, "imageWidth": 300
    }"#;
    let (code, stderr, report) = run_labelme(&dir, json, &["--pad", "0"]);
    assert_eq!(code, 0, "{stderr}");
    let e = entry(&report, "shot.png");
    let input = decode(&dir.join("in/shot.png"));
    let out = decode(Path::new(e["output"].as_str().unwrap()));

    let regions = e["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 2, "{regions:?}");
    assert_eq!((regions[0]["source"].as_str(), regions[0]["shape"].as_str()), (Some("sidecar"), Some("rect")));
    assert_eq!(regions[0]["label"], "phone");
    assert_eq!((regions[1]["source"].as_str(), regions[1]["shape"].as_str()), (Some("sidecar"), Some("polygon")));
    assert_eq!(regions[1]["label"], "face");

    for y in 0..500u32 {
        for x in 0..300u32 {
            let p = out.get_pixel(x, y).0;
            let (fx, fy) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
            // The rectangle, including the pixel holding its far corner.
            let in_rect = (40..=160).contains(&x) && (60..=90).contains(&y);
            // The triangle: right of x=100, below y=200, left of x+y=460.
            let in_triangle = fx > 100.0 && fy > 200.0 && fx + fy < 460.0;
            let near_triangle_edge =
                (fx - 100.0).abs() < 1.0 || (fy - 200.0).abs() < 1.0 || (fx + fy - 460.0).abs() < 1.5;
            let in_triangle_box = (100..=260).contains(&x) && (200..=360).contains(&y);
            if in_rect || (in_triangle && !near_triangle_edge) {
                assert_eq!(p, FILL, "{x},{y} not masked");
            } else if !in_triangle_box || (!in_triangle && !near_triangle_edge) {
                // Outside the polygon's box, and inside the box but off the
                // polygon: untouched (a polygon is not masked as its box).
                assert_eq!(p, input.get_pixel(x, y).0, "{x},{y} changed");
            }
        }
    }
    // The other image of the batch has no sidecar and is left alone.
    assert_eq!(entry(&report, "other.png")["regions"].as_array().unwrap().len(), 0);
}

#[test]
fn labelme_shapes_without_area_and_foreign_json_give_warnings() {
    let dir = Dir::new();
    let json = r#"{"shapes": [
        {"label": "arrow", "points": [[10, 10], [200, 300]], "shape_type": "line"},
        {"label": "card", "points": [[10, 400], [100, 450]], "shape_type": "rectangle"}
    ], "imageWidth": 300, "imageHeight": 500}"#;
    let (code, stderr, report) = run_labelme(&dir, json, &[]);
    assert_eq!(code, 0, "{stderr}");
    let e = entry(&report, "shot.png");
    assert_eq!(e["regions"].as_array().unwrap().len(), 1);
    assert_eq!(e["regions"][0]["label"], "card");
    let warnings = e["warnings"].to_string();
    assert!(warnings.contains("shapes[0] is a line"), "{warnings}");

    let dir = Dir::new();
    let (code, stderr, report) = run_labelme(&dir, r#"{"title": "holiday", "people": ["a"]}"#, &[]);
    assert_eq!(code, 0, "{stderr}");
    let e = entry(&report, "shot.png");
    assert_eq!(e["regions"].as_array().unwrap().len(), 0);
    assert!(e["warnings"].to_string().contains("shot.json is not a LabelMe annotation"), "{e}");
}

#[test]
fn malformed_labelme_fails_that_image_with_the_line_or_field_and_the_batch_goes_on() {
    for (json, expect) in [
        // A syntax error: line and column.
        ("{\n  \"shapes\": [\n    {\"label\": \"a\", \"points\": [[1, 2], [3, 4]],, }\n  ]\n}", "line 3 column"),
        // A wrong type: the field, then line and column.
        (
            r#"{"shapes": [{"label": "a", "points": [[1, 2], [3, "four"]], "shape_type": "rectangle"}]}"#,
            "shapes[0].points[1][1]: invalid type",
        ),
        // A polygon with two points.
        (
            r#"{"shapes": [{"label": "a", "points": [[1, 2], [3, 4]], "shape_type": "polygon"}]}"#,
            "shapes[0] (polygon): needs at least 3 points",
        ),
        // An unknown shape type.
        (
            r#"{"shapes": [{"label": "a", "points": [[1, 2], [3, 4]], "shape_type": "ellipse"}]}"#,
            "shapes[0].shape_type: `ellipse`",
        ),
        // Made for another size of the image.
        (r#"{"shapes": [], "imageWidth": 600, "imageHeight": 1000}"#, "imageWidth is 600 but the image is 300×500"),
    ] {
        let dir = Dir::new();
        let (code, stderr, report) = run_labelme(&dir, json, &[]);
        assert_eq!(code, 1, "{expect}: {stderr}");
        let e = entry(&report, "shot.png");
        assert_eq!(e["status"], "error");
        let error = e["error"].as_str().unwrap();
        assert!(error.starts_with("shot.json: ") && error.contains(expect), "{expect}: {error}");
        assert!(stderr.contains("shot.json") && stderr.contains(expect), "{stderr}");
        assert_eq!(entry(&report, "other.png")["status"], "ok");
        assert_eq!(dir.list("out"), ["other.png"]);
    }
}

#[test]
fn strokes_inside_other_regions_decide_nothing() {
    // Twins that differ only inside a --box: one has a magenta scribble
    // there, reaching the box's edges. Marker detection never looks under
    // other regions, so the outputs are byte-identical.
    let plain = screenshot(300, 500, 9);
    let mut scribbled = plain.clone();
    for x in 60..200u32 {
        let y = 100 + (x % 40).min(40 - x % 40);
        fill(&mut scribbled, x, y, 6, 6, image::Rgb([255, 0, 255]));
    }
    let dir = Dir::new();
    let mut outs = Vec::new();
    for (side, img) in [("a", &plain), ("b", &scribbled)] {
        let input = dir.write(format!("{side}/shot.png"), &png(img));
        let out = dir.join(format!("out-{side}"));
        let r = run(&[&"--box", &"60,100,146,26", &"--name", &"{stem}", &"-o", &out, &input]);
        assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
        outs.push(std::fs::read(out.join("shot.png")).unwrap());
    }
    assert!(outs[0] == outs[1], "a scribble under a box changed the output");

    // The same scribble outside any box is found and masked.
    let input = dir.write("c/shot.png", &png(&scribbled));
    let (code, _, report) = run_report(&dir, &[&"-o", &dir.join("out-c"), &input]);
    assert_eq!(code, 0);
    let regions = report["files"][0]["regions"].as_array().unwrap().clone();
    assert_eq!(regions.len(), 1, "{regions:?}");
    assert_eq!(regions[0]["source"], "marker");
}

//! Irreversibility for the region sources that look at pixels or shapes:
//! marker strokes (opaque pen and see-through highlighter), rules anchored
//! to a matched UI element, and LabelMe polygons. Two screenshots that
//! differ only under what was marked give byte-identical files: neither
//! where the region lands nor what is drawn in it may depend on the secret.

use std::ffi::OsStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::{Rgb, RgbImage};

use crate::util::*;

/// Deterministic "text" (glyph-like bars) of `seed` in `rect`.
fn secret(img: &mut RgbImage, rect: (u32, u32, u32, u32), seed: u64) {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut x = rect.0;
    while x + 4 <= rect.0 + rect.2 {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        let w = 3 + (s % 6) as u32;
        let top = rect.1 + (s >> 8) as u32 % 4;
        let h = rect.3 - (top - rect.1) - (s >> 16) as u32 % 4;
        fill(img, x, top, w.min(rect.0 + rect.2 - x), h, Rgb([20 + (s >> 24) as u8 % 40, 20, 30]));
        x += w + 2 + (s >> 32) as u32 % 3;
    }
}

/// Runs shotmask on `a` and `b` (same names in two folders) with `args` and
/// returns both outputs' bytes.
fn outputs(dir: &Dir, name: &str, a: &[u8], b: &[u8], extra: &[(&str, &[u8])], args: &[&str]) -> [Vec<u8>; 2] {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run_id = RUNS.fetch_add(1, Ordering::Relaxed);
    ["a", "b"].map(|side| {
        let input = dir.write(format!("{side}/{name}"), if side == "a" { a } else { b });
        for (file, bytes) in extra {
            dir.write(format!("{side}/{file}"), bytes);
        }
        let out = dir.join(format!("out-{run_id}-{side}"));
        let mut all: Vec<&dyn AsRef<OsStr>> = args.iter().map(|s| s as &dyn AsRef<OsStr>).collect();
        all.extend([&"--name" as &dyn AsRef<OsStr>, &"{stem}", &"-o", &out, &input]);
        let r = run(&all);
        assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
        let files = list(&out);
        assert_eq!(files.len(), 1, "{files:?}");
        std::fs::read(out.join(&files[0])).unwrap()
    })
}

fn blend(under: Rgb<u8>, ink: [u8; 3], alpha: f32) -> Rgb<u8> {
    Rgb([0, 1, 2].map(|i| (alpha * f32::from(ink[i]) + (1.0 - alpha) * f32::from(under.0[i])).round() as u8))
}

/// A phone screenshot (2× density) with a secret line at `line`, marked by
/// `mark` (which draws over the image), for the secret of `seed`.
fn marked_screenshot(seed: u64, line: (u32, u32, u32, u32), mark: impl Fn(&mut RgbImage)) -> Vec<u8> {
    let mut img = screenshot(720, 900, 7);
    fill(&mut img, line.0 - 30, line.1 - 20, line.2 + 60, line.3 + 40, Rgb([255, 255, 255]));
    secret(&mut img, line, seed);
    mark(&mut img);
    png(&img)
}

#[test]
fn marker_regions_do_not_depend_on_what_is_under_the_ink() {
    let dir = Dir::new();
    let line = (120, 400, 300, 28);
    // An opaque pen box drawn around the secret, and a see-through
    // highlighter swiped across another: the highlighter's pixels are a
    // blend of ink and the secret beneath.
    let pen = |img: &mut RgbImage| {
        let (x0, y0, x1, y1) = (line.0 - 14, line.1 - 12, line.0 + line.2 + 14, line.1 + line.3 + 12);
        for t in 0..8 {
            fill(img, x0, y0 + t, x1 - x0, 1, Rgb([255, 0, 255]));
            fill(img, x0, y1 - t, x1 - x0, 1, Rgb([255, 0, 255]));
            fill(img, x0 + t, y0, 1, y1 - y0, Rgb([255, 0, 255]));
            fill(img, x1 - t, y0, 1, y1 - y0 + 1, Rgb([255, 0, 255]));
        }
    };
    let highlighter = |img: &mut RgbImage| {
        for y in line.1 - 6..line.1 + line.3 + 6 {
            for x in line.0 - 8..line.0 + line.2 + 8 {
                let p = *img.get_pixel(x, y);
                img.put_pixel(x, y, blend(p, [255, 0, 255], 0.4));
            }
        }
    };
    for (what, mark) in [("pen", &pen as &dyn Fn(&mut RgbImage)), ("highlighter", &highlighter)] {
        for args in [&["--max-size", "none"][..], &["--style", "blur", "--format", "jpeg", "--max-size", "120KB"]] {
            let a = marked_screenshot(1, line, mark);
            let b = marked_screenshot(2, line, mark);
            assert_ne!(a, b);
            let [oa, ob] = outputs(&dir, &format!("Screenshot_{what}.png"), &a, &b, &[], args);
            assert!(oa == ob, "{what} {args:?}: the output depends on the secret under the mark");
            // And a mark was found: the output is not the unmasked picture.
            let decoded = image::load_from_memory(&oa).unwrap().to_rgb8();
            let original = image::load_from_memory(&a).unwrap().to_rgb8();
            let mid = (line.0 + line.2 / 2, line.1 + line.3 / 2);
            assert_ne!(decoded.get_pixel(mid.0, mid.1), original.get_pixel(mid.0, mid.1), "{what}: nothing masked");
        }
    }
}

/// The rule tests' back arrow: a chevron in a ring.
fn back_arrow() -> RgbImage {
    RgbImage::from_fn(24, 24, |x, y| {
        let (dx, dy) = (x as i32 - 12, y as i32 - 12);
        let chevron = (x as i32 - 8 - (y as i32 - 12).abs()).abs() <= 1 && (4..20).contains(&y);
        if chevron {
            Rgb([10, 10, 10])
        } else if (90..=121).contains(&(dx * dx + dy * dy)) {
            Rgb([60, 60, 60])
        } else {
            Rgb([255, 255, 255])
        }
    })
}

#[test]
fn rule_regions_do_not_depend_on_what_is_in_the_box() {
    let dir = Dir::new();
    let config = "[[rule]]\nname = \"contact\"\nfind = \"back.png\"\nthreshold = 0.9\nright_of = 8\nwidth = 120\n";
    let arrow = (40u32, 90u32);
    let image = |seed: u64| {
        let mut img = screenshot(360, 720, 3);
        fill(&mut img, 0, arrow.1 - 8, 360, 40, Rgb([255, 255, 255]));
        image::imageops::replace(&mut img, &back_arrow(), i64::from(arrow.0), i64::from(arrow.1));
        // The contact name, inside the rule's box (8 px right of the arrow,
        // 120 px wide, as tall as the arrow).
        secret(&mut img, (arrow.0 + 24 + 10, arrow.1 + 2, 110, 20), seed);
        png(&img)
    };
    let (a, b) = (image(11), image(12));
    assert_ne!(a, b);
    let extra: [(&str, &[u8]); 2] = [("shotmask.toml", config.as_bytes()), ("back.png", &png(&back_arrow()))];
    for args in [&["--max-size", "none"][..], &["--style", "fill", "--format", "jpeg", "--max-size", "40KB"]] {
        // Both runs read the same config (the one written beside `a`).
        let config_arg = dir.join("a/shotmask.toml").to_string_lossy().into_owned();
        let mut all = vec!["--config", config_arg.as_str()];
        all.extend_from_slice(args);
        let [oa, ob] = outputs(&dir, "chat.png", &a, &b, &extra, &all);
        assert!(oa == ob, "{args:?}: the output depends on the name inside the rule's box");
        let masked = image::load_from_memory(&oa).unwrap().to_rgb8();
        let before = image::load_from_memory(&a).unwrap().to_rgb8();
        assert_ne!(masked.get_pixel(arrow.0 + 60, arrow.1 + 12), before.get_pixel(arrow.0 + 60, arrow.1 + 12));
    }
}

#[test]
fn labelme_polygons_do_not_depend_on_what_is_inside_them() {
    let dir = Dir::new();
    // A triangle; the secret is drawn only where it is well inside it.
    let tri = [(60.0f64, 40.0f64), (300.0, 70.0), (110.0, 260.0)];
    let inside = |x: f64, y: f64| {
        let edge = |(ax, ay): (f64, f64), (bx, by): (f64, f64)| {
            let len = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
            ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / len
        };
        let d = [edge(tri[0], tri[1]), edge(tri[1], tri[2]), edge(tri[2], tri[0])];
        d.iter().all(|&e| e > 3.0) || d.iter().all(|&e| e < -3.0)
    };
    let image = |seed: u64| {
        let mut img = screenshot(360, 320, 5);
        let mut s = seed;
        for y in 0..320 {
            for x in 0..360 {
                if inside(f64::from(x) + 0.5, f64::from(y) + 0.5) {
                    s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    img.put_pixel(x, y, Rgb([(s >> 56) as u8, (s >> 48) as u8, (s >> 40) as u8]));
                }
            }
        }
        png(&img)
    };
    let json = format!(
        r#"{{"version":"5.4.1","shapes":[{{"label":"account","shape_type":"polygon","points":[[{},{}],[{},{}],[{},{}]]}}],"imageWidth":360,"imageHeight":320}}"#,
        tri[0].0, tri[0].1, tri[1].0, tri[1].1, tri[2].0, tri[2].1
    );
    let (a, b) = (image(21), image(22));
    assert_ne!(a, b);
    for style in ["mosaic", "blur", "fill"] {
        for args in [
            &["--style", style, "--max-size", "none"][..],
            &["--style", style, "--format", "jpeg", "--max-size", "30KB"],
        ] {
            let [oa, ob] = outputs(&dir, "form.png", &a, &b, &[("form.json", json.as_bytes())], args);
            assert!(oa == ob, "{style} {args:?}: the output depends on the pixels inside the polygon");
        }
    }
}

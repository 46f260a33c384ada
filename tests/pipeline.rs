//! End to end on the bundled demo screenshots.

use std::path::Path;

use crate::util::*;

fn copy_demo(dir: &Dir) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let dst = dir.join("스크린샷 모음");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(src).unwrap().flatten() {
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
        }
    }
    dst
}

#[test]
fn demo_folder_gives_masked_renamed_verified_files() {
    let dir = Dir::new();
    let demo = copy_demo(&dir);
    let before: Vec<(String, Vec<u8>)> =
        list(&demo).into_iter().map(|n| (n.clone(), std::fs::read(demo.join(&n)).unwrap())).collect();
    let (code, stderr, report) = run_report(&dir, &[&demo]);
    assert_eq!(code, 0, "{stderr}");

    // Inputs untouched.
    for (name, bytes) in &before {
        assert_eq!(&std::fs::read(demo.join(name)).unwrap(), bytes, "{name} changed");
    }
    // Three outputs in `masked`, named label_date_n in capture order.
    let outputs = list(&demo.join("masked"));
    assert_eq!(
        outputs,
        ["스크린샷 모음_2024-11-25_1.png", "스크린샷 모음_2024-11-25_2.jpg", "스크린샷 모음_2024-11-25_3.png"]
    );
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    for f in files {
        assert_eq!(f["status"], "ok");
        assert_eq!(f["verified"], true);
        let out = Path::new(f["output"].as_str().unwrap());
        assert_eq!(std::fs::metadata(out).unwrap().len(), f["bytes_out"].as_u64().unwrap());
        assert!(f["bytes_out"].as_u64().unwrap() <= 1_000_000);
        assert_eq!(f["regions"][0]["source"], "sidecar");
    }
    let kakao = entry(&report, "Screenshot_20241125-093012_KakaoTalk.png");
    assert_eq!(kakao["meta"]["app"], "KakaoTalk");
    assert_eq!(kakao["meta"]["time"], "09:30:12");
    assert_eq!(kakao["meta"]["source"], "filename");
    assert_eq!(kakao["format"], "png");
    assert_eq!(kakao["regions"].as_array().unwrap().len(), 2);
    let mac = entry(&report, "오후 1.22.34.png");
    assert_eq!(mac["meta"]["time"], "13:22:34");
    assert_eq!(report["totals"]["ok"], 3);
}

#[test]
fn report_has_every_contract_field() {
    let dir = Dir::new();
    let demo = copy_demo(&dir);
    let (code, _, report) = run_report(&dir, &[&"--box", &"-30%,-12%,25%,8%", &demo]);
    assert_eq!(code, 0);
    assert_eq!(report["version"], 2);
    for key in ["files", "ok", "error", "bytes_in", "bytes_out", "seconds"] {
        assert!(report["totals"].get(key).is_some() || key == "files", "totals.{key}");
    }
    assert!(report["totals"]["files"].is_u64());
    for f in report["files"].as_array().unwrap() {
        for key in [
            "input",
            "output",
            "status",
            "error",
            "width",
            "height",
            "format",
            "bytes_in",
            "bytes_out",
            "quality",
            "verified",
            "scale",
            "meta",
            "regions",
        ] {
            assert!(f.get(key).is_some(), "missing {key}");
        }
        for key in ["date", "time", "app", "source"] {
            assert!(f["meta"].get(key).is_some(), "missing meta.{key}");
        }
        let boxed = f["regions"].as_array().unwrap().iter().find(|r| r["source"] == "box").unwrap();
        for key in ["x", "y", "w", "h", "source", "style"] {
            assert!(boxed.get(key).is_some(), "missing region {key}");
        }
        assert_eq!(boxed["style"], "mosaic");
        // -30% from the right, 25% wide: the box ends 5% before the right edge (plus 2 px pad;
        // on JPEG inputs, up to the end of its 16-px compression block and 2 px more).
        let w = f["width"].as_u64().unwrap() as f64;
        let right = boxed["x"].as_u64().unwrap() + boxed["w"].as_u64().unwrap();
        let slack = if f["input"].as_str().unwrap().ends_with(".jpg") { 3.0 + 18.0 } else { 3.0 };
        assert!((right as f64 - 0.95 * w).abs() <= slack, "{boxed} in width {w}");
    }
}

#[test]
fn masked_regions_really_change_and_the_rest_does_not() {
    let dir = Dir::new();
    let img = screenshot(300, 500, 1);
    let input = dir.write("in/a.png", &png(&img));
    let (code, stderr, report) = run_report(
        &dir,
        &[&"--box", &"40,60,120,40", &"--style", &"fill", &"--color", &"#00ff00", &"--name", &"{stem}", &input],
    );
    assert_eq!(code, 0, "{stderr}");
    let out = decode(Path::new(report["files"][0]["output"].as_str().unwrap()));
    assert_eq!(out.dimensions(), (300, 500));
    for y in 0..500 {
        for x in 0..300 {
            let inside = (38..162).contains(&x) && (58..102).contains(&y);
            let p = pixel(&out, x, y).0;
            if inside {
                assert_eq!(p, [0, 255, 0, 255], "{x},{y} not filled");
            } else {
                let o = img.get_pixel(x, y).0;
                assert_eq!([p[0], p[1], p[2]], o, "{x},{y} changed");
            }
        }
    }
}

#[test]
fn dry_run_plans_without_writing() {
    let dir = Dir::new();
    let demo = copy_demo(&dir);
    let out = run(&[&"--dry-run", &"--max-size", &"200KB", &demo]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("→ 스크린샷 모음_2024-11-25_1.png"), "{stdout}");
    assert!(!demo.join("masked").exists(), "a dry run created the output folder");

    // The sizes it announces are the sizes a real run writes.
    let (_, _, planned) = run_report(&dir, &[&"--dry-run", &"--max-size", &"200KB", &demo]);
    let (_, _, real) = run_report(&dir, &[&"--max-size", &"200KB", &demo]);
    for (p, r) in planned["files"].as_array().unwrap().iter().zip(real["files"].as_array().unwrap()) {
        assert_eq!(p["bytes_out"], r["bytes_out"]);
        assert_eq!(p["format"], r["format"]);
        assert_eq!(p["quality"], r["quality"]);
        assert_eq!(p["output"], r["output"]);
    }
    assert_eq!(planned["dry_run"], true);
}

//! The size ceiling: never exceeded, used well, and honest when it cannot hold.

use std::path::Path;

use crate::util::*;

#[test]
fn every_output_is_under_the_limit_across_a_spread_of_limits() {
    let dir = Dir::new();
    dir.write("in/ui.png", &png(&screenshot(720, 1560, 3)));
    dir.write("in/photo.png", &png(&photo(900, 1200, 5)));
    dir.write("in/photo.jpg", &jpeg(&photo(1000, 800, 6), 95));
    for limit in ["50KB", "120KB", "300KB", "800KiB", "2MB"] {
        let out = dir.join(format!("o-{limit}"));
        let (code, stderr, report) = run_report(&dir, &[&"--max-size", &limit, &"-o", &out, &dir.join("in")]);
        assert_eq!(code, 0, "{limit}: {stderr}");
        let bytes = spec_bytes(limit);
        for f in report["files"].as_array().unwrap() {
            let written = std::fs::metadata(Path::new(f["output"].as_str().unwrap())).unwrap().len();
            assert!(written <= bytes, "{limit}: {} is {written} bytes", f["input"]);
            assert_eq!(written, f["bytes_out"].as_u64().unwrap());
            // When the limit binds (lossy output), it is used well.
            if f["format"] == "jpeg" && f["quality"].as_u64().unwrap() < 90 && f["scale"] == 1.0 {
                assert!(written as f64 >= 0.8 * bytes as f64, "{limit}: {} only {written}", f["input"]);
            }
        }
    }
}

fn spec_bytes(s: &str) -> u64 {
    match s {
        "50KB" => 50_000,
        "120KB" => 120_000,
        "300KB" => 300_000,
        "800KiB" => 819_200,
        "2MB" => 2_000_000,
        _ => unreachable!(),
    }
}

#[test]
fn an_impossible_limit_fails_clearly_and_writes_nothing() {
    let dir = Dir::new();
    let input = dir.write("in/photo.png", &png(&photo(800, 800, 7)));
    let (code, stderr, report) = run_report(&dir, &[&"--max-size", &"2KB", &input]);
    assert_eq!(code, 1);
    let err = report["files"][0]["error"].as_str().unwrap();
    assert!(err.contains("cannot fit under 2.0 KB") && err.contains("smallest"), "{err}");
    assert!(err.contains("50% scale"), "{err}");
    assert!(stderr.contains("photo.png"), "{stderr}");
    assert!(list(&dir.join("in/masked")).is_empty());
}

#[test]
fn downscaling_respects_the_floor() {
    let dir = Dir::new();
    let input = dir.write("in/photo.png", &png(&photo(800, 600, 8)));
    let (code, _, report) = run_report(&dir, &[&"--max-size", &"25KB", &"--min-scale", &"0.3", &input]);
    assert_eq!(code, 0);
    let f = &report["files"][0];
    let scale = f["scale"].as_f64().unwrap();
    assert!((0.3..1.0).contains(&scale), "{f}");
    let out = decode(Path::new(f["output"].as_str().unwrap()));
    assert_eq!(out.width(), (800.0 * scale).round() as u32);
    // The default floor (0.5) makes the same limit fail rather than go lower.
    let (code, _, report) = run_report(&dir, &[&"--max-size", &"6KB", &"-o", &dir.join("o2"), &input]);
    assert_eq!(code, 1, "{report}");
}

#[test]
fn total_size_holds_for_the_whole_batch() {
    let dir = Dir::new();
    for i in 0..4 {
        dir.write(format!("in/p{i}.png"), &png(&photo(500, 400, 10 + i)));
    }
    let (code, stderr, report) = run_report(&dir, &[&"--total-size", &"200KB", &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    let sum: u64 = list(&dir.join("in/masked"))
        .iter()
        .map(|f| std::fs::metadata(dir.join("in/masked").join(f)).unwrap().len())
        .sum();
    assert!(sum <= 200_000, "{sum}");
    assert!(sum >= 150_000, "budget wasted: {sum}");
    for f in report["files"].as_array().unwrap() {
        assert!(f["budget"].as_u64().unwrap() >= f["bytes_out"].as_u64().unwrap());
    }
}

#[test]
fn jpeg_inputs_are_not_bloated() {
    let dir = Dir::new();
    let jpg = jpeg(&photo(600, 400, 9), 75);
    let input = dir.write("in/p.jpg", &jpg);
    let (code, _, report) = run_report(&dir, &[&"--max-size", &"none", &input]);
    assert_eq!(code, 0);
    let f = &report["files"][0];
    assert_eq!(f["format"], "jpeg");
    assert!(f["quality"].as_u64().unwrap() <= 76, "{f}");
    assert!(f["bytes_out"].as_u64().unwrap() <= jpg.len() as u64 * 11 / 10, "{f}");
}

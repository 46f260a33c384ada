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
    // Four different photos (`photo` seeds 2k and 2k+1 draw the same one,
    // and identical results are written once).
    for i in 0..4 {
        dir.write(format!("in/p{i}.png"), &png(&photo(500, 400, 10 + 2 * i)));
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

mod property {
    use image::{Rgb, RgbImage};
    use proptest::prelude::*;
    use shotmask::error::FileError;
    use shotmask::fit::{self, FitOptions, FormatChoice, SourceHint};
    use shotmask::load::InputFormat;

    /// A mix of flat UI and noise, by `seed` and `noise` (0 = flat, 100 =
    /// noise), on a flat or a gradient background.
    fn image(w: u32, h: u32, seed: u64, noise: u8, gradient: bool) -> image::RgbaImage {
        let mut s = seed | 1;
        let img = RgbImage::from_fn(w, h, |x, y| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            if (s % 100) < u64::from(noise) {
                Rgb([s as u8, (s >> 8) as u8, (s >> 16) as u8])
            } else if (y / 9) % 3 == 1 && (x / 4) % 5 < 3 {
                Rgb([20, 20, 20])
            } else if gradient {
                Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 200 - (s % 3) as u8])
            } else {
                Rgb([250, 240, (x % 256) as u8])
            }
        });
        image::DynamicImage::ImageRgb8(img).to_rgba8()
    }

    /// The check both properties make: at most the limit, or a clear failure.
    fn fits_or_says_so(img: &image::RgbaImage, limit: u64, format: usize) -> Result<(), TestCaseError> {
        let (w, _) = img.dimensions();
        let format = [FormatChoice::Auto, FormatChoice::Jpeg, FormatChoice::Png][format];
        let hint = SourceHint { format: InputFormat::Png, jpeg_quality: None };
        let opts = FitOptions { max_bytes: Some(limit), format, ..FitOptions::default() };
        match fit::fit(img, &hint, &opts) {
            Ok(f) => {
                prop_assert!(f.bytes.len() as u64 <= limit, "{} > {limit}", f.bytes.len());
                prop_assert!(f.scale >= 0.5 - 1e-9);
                let decoded = image::load_from_memory(&f.bytes).expect("decodes");
                prop_assert_eq!(decoded.width(), ((f64::from(w) * f.scale).round() as u32).clamp(1, w));
            }
            Err(e @ FileError::CannotFit { .. }) => {
                let msg = shotmask::text::in_language(shotmask::text::Lang::En, || e.to_string());
                prop_assert!(msg.contains("cannot fit under"), "{msg}")
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

        /// Whatever the image, limit and format: the result is at most the
        /// limit, or the file fails saying so. Never a byte over.
        #[test]
        fn the_limit_is_never_exceeded(
            w in 16u32..360, h in 16u32..360, seed in any::<u64>(), noise in 0u8..=100, gradient in any::<bool>(),
            limit in 1_500u64..150_000, format in 0usize..3,
        ) {
            fits_or_says_so(&image(w, h, seed, noise, gradient), limit, format)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

        /// The same at screenshot sizes, where the searches work from
        /// samples (the lossless estimate from 64 rows, JPEG predictions
        /// from 512) and scale down using what they learnt.
        #[test]
        fn the_limit_is_never_exceeded_at_screenshot_sizes(
            w in 300u32..1100, h in 520u32..1800, seed in any::<u64>(), noise in 0u8..=30, gradient in any::<bool>(),
            limit in 20_000u64..400_000, format in 0usize..3,
        ) {
            fits_or_says_so(&image(w, h, seed, noise, gradient), limit, format)?;
        }
    }
}

#[test]
fn total_size_gives_files_of_different_complexity_the_same_quality() {
    let dir = Dir::new();
    // A busy photo and a calm one: a proportional split would starve one.
    dir.write("in/busy.png", &png(&photo(600, 400, 21)));
    let calm = image::RgbImage::from_fn(600, 400, |x, y| image::Rgb([(x / 3) as u8, (y / 2) as u8, 120]));
    dir.write("in/calm.png", &png(&calm));
    let (code, stderr, report) =
        run_report(&dir, &[&"--total-size", &"60KB", &"--format", &"jpeg", &"--name", &"{stem}", &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    let q = |name: &str| entry(&report, name)["quality"].as_u64().unwrap() as i64;
    let sum: u64 = report["files"].as_array().unwrap().iter().map(|f| f["bytes_out"].as_u64().unwrap()).sum();
    assert!(sum <= 60_000, "{sum}");
    assert!((q("busy.png") - q("calm.png")).abs() <= 8, "{report}");
}

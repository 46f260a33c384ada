//! Warnings: a file that may still show something private is never passed
//! silently. Each warning is a report object with a stable code, a message
//! and, where it points at something, a place; the summary counts unmasked
//! files; `--strict` fails such files; the preview page shows them first.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::*;

/// `masked.png` has a box sidecar, `bare.png` nothing to mask.
fn two_shots(dir: &Dir) -> PathBuf {
    dir.write("in/masked.png", &png(&screenshot(160, 240, 1)));
    dir.write("in/masked.png.boxes", b"0,0,100%,20%\n");
    dir.write("in/bare.png", &png(&screenshot(160, 240, 2)));
    dir.join("in")
}

fn codes(f: &Value) -> Vec<String> {
    f["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_file_written_with_nothing_masked_gets_a_warning_and_the_summary_counts_it() {
    let dir = Dir::new();
    let input = two_shots(&dir);
    let (code, stderr, report) = run_report(&dir, &[&"-o", &dir.join("out"), &input]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["version"], 2);
    let bare = entry(&report, "bare.png");
    assert_eq!(bare["status"], "ok");
    assert_eq!(codes(bare), ["no-region"]);
    let w = &bare["warnings"][0];
    assert!(w["message"].as_str().unwrap().contains("nothing was masked"), "{w}");
    assert!(w["region"].is_null());
    assert!(codes(entry(&report, "masked.png")).is_empty());
    assert_eq!(report["totals"]["unmasked"], 1);
    let line = stderr.lines().find(|l| l.starts_with("warning:") && l.contains("bare.png")).expect("a warning line");
    assert!(line.contains("nothing was masked"), "{line}");
    let summary = stderr.lines().find(|l| l.starts_with("unmasked")).expect("a summary line");
    assert!(summary.contains("1 file written with nothing masked"), "{summary}");
}

#[test]
fn with_no_region_source_at_all_one_summary_line_says_so() {
    let dir = Dir::new();
    let input = two_shots(&dir);
    let (code, stderr, report) =
        run_report(&dir, &[&"--marker", &"off", &"--no-sidecars", &"-o", &dir.join("out"), &input]);
    assert_eq!(code, 0, "{stderr}");
    for name in ["bare.png", "masked.png"] {
        assert!(codes(entry(&report, name)).is_empty(), "{name}");
    }
    assert!(!stderr.contains("warning:"), "{stderr}");
    let summary = stderr.lines().find(|l| l.starts_with("unmasked")).expect("a summary line");
    assert!(summary.contains("no region source is on"), "{summary}");
}

#[test]
fn strict_fails_the_files_that_may_still_show_something() {
    let dir = Dir::new();
    let input = two_shots(&dir);
    for (how, args) in [("flag", vec!["--strict"]), ("config", vec![])] {
        let out = dir.join(format!("out-{how}"));
        if how == "config" {
            std::fs::write(input.join("shotmask.toml"), "strict = true\n").unwrap();
        }
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = args.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>).collect();
        all.extend([&"-o" as &dyn AsRef<std::ffi::OsStr>, &out, &input]);
        let (code, stderr, report) = run_report(&dir, &all);
        assert_eq!(code, 1, "{how}: {stderr}");
        let bare = entry(&report, "bare.png");
        assert_eq!((bare["status"].as_str(), bare["error_code"].as_str()), (Some("error"), Some("strict")), "{bare}");
        assert!(bare["error"].as_str().unwrap().contains("--strict"), "{bare}");
        assert!(bare["output"].is_null());
        assert_eq!(entry(&report, "masked.png")["status"], "ok");
        assert_eq!(report["strict"], true);
        assert_eq!(list(&out).len(), 1, "{how}: only the masked file is written");
        assert!(stderr.lines().any(|l| l.starts_with("strict")), "{stderr}");
    }
    // Even with no region source at all, --strict refuses unmasked files.
    let (code, _, report) = run_report(
        &dir,
        &[&"--no-config", &"--strict", &"--marker", &"off", &"--no-sidecars", &"-o", &dir.join("out-none"), &input],
    );
    assert_eq!(code, 1);
    assert_eq!(report["totals"]["error"], 2);
}

#[test]
fn warnings_that_do_not_leave_anything_visible_do_not_fail_strict_runs() {
    let dir = Dir::new();
    // A PNG with bytes after its end (the aCropalypse leak) and a box.
    let mut bytes = png(&screenshot(160, 240, 3));
    bytes.extend_from_slice(b"left over from an earlier, larger screenshot");
    dir.write("in/tail.png", &bytes);
    let (code, stderr, report) =
        run_report(&dir, &[&"--strict", &"--box", &"0,0,10%,10%", &"-o", &dir.join("out"), &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    let f = entry(&report, "tail.png");
    assert_eq!(codes(f), ["trailing-bytes"]);
}

#[test]
fn the_preview_page_shows_files_with_warnings_first() {
    let dir = Dir::new();
    let input = two_shots(&dir);
    // Named to sort after the masked one, so only the warning can put it first.
    std::fs::rename(input.join("bare.png"), input.join("z-bare.png")).unwrap();
    let page = dir.join("page.html");
    let preview = format!("--preview={}", page.display());
    let out = run(&[&preview, &"-o", &dir.join("out"), &input]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    let bare = html.find("z-bare.png").unwrap();
    let masked = html.find("masked.png\"").unwrap();
    assert!(bare < masked, "the file with a warning comes first");
    assert!(html.contains("data-code=\"no-region\""));
}

#[test]
fn the_readme_lists_every_warning_code() {
    let readme = include_str!("../README.md");
    for code in shotmask::warning::Warning::CODES {
        assert!(readme.contains(&format!("| `{code}` |")), "README.md does not list the warning code {code}");
    }
}

/// Red pen and highlighter marks on a phone screenshot.
fn red_marks(dir: &Dir) -> PathBuf {
    let scene = crate::marks_corpus::scenes::other_colour([0xFF, 0x3B, 0x30], 1);
    dir.write("red/marked.png", &png_rgba(&scene.img));
    dir.join("red")
}

#[test]
fn marks_in_another_colour_are_named_with_the_option_that_masks_them() {
    let dir = Dir::new();
    let input = red_marks(&dir);
    let (code, stderr, report) = run_report(&dir, &[&"-o", &dir.join("out"), &input]);
    assert_eq!(code, 0, "{stderr}");
    let f = entry(&report, "marked.png");
    let marks: Vec<&Value> =
        f["warnings"].as_array().unwrap().iter().filter(|w| w["code"] == "marker-colour").collect();
    assert!(!marks.is_empty(), "{f}");
    for w in &marks {
        assert!(w["message"].as_str().unwrap().contains("--marker red"), "{w}");
        assert!(w["region"]["w"].as_u64().unwrap() > 0, "{w}");
    }
    assert!(stderr.contains("--marker red"), "{stderr}");
    assert!(stderr.lines().any(|l| l.starts_with("check")), "the summary points at the warnings: {stderr}");
    // What the warning says works: with red as a marker they are masked.
    let (code, stderr, report) = run_report(&dir, &[&"--marker", &"magenta,red", &"-o", &dir.join("out2"), &input]);
    assert_eq!(code, 0, "{stderr}");
    let f = entry(&report, "marked.png");
    assert!(codes(f).iter().all(|c| c != "marker-colour" && c != "no-region"), "{f}");
    assert!(f["regions"].as_array().unwrap().len() >= marks.len(), "{f}");
    // And --strict refuses the file while red is not a marker.
    let (code, _, report) = run_report(&dir, &[&"--strict", &"-o", &dir.join("out3"), &input]);
    assert_eq!(code, 1);
    assert_eq!(entry(&report, "marked.png")["error_code"], "strict");
}

#[test]
fn coloured_ui_gets_no_colour_warning() {
    let dir = Dir::new();
    for variant in 0..4 {
        let scene = crate::marks_corpus::scenes::coloured_ui(variant);
        dir.write(format!("ui/{variant}.png"), &png_rgba(&scene.img));
    }
    let (code, stderr, report) = run_report(&dir, &[&"-o", &dir.join("out"), &dir.join("ui")]);
    assert_eq!(code, 0, "{stderr}");
    for f in report["files"].as_array().unwrap() {
        assert_eq!(codes(f), ["no-region"], "{f}");
    }
}

#[test]
fn marker_ink_left_after_masking_is_reported_where_it_is() {
    let dir = Dir::new();
    // A phone screenshot with a small magenta square: too small to be a
    // mark (a speck), but ink of the marker colour all the same.
    let mut img = screenshot(1080, 2340, 4);
    fill(&mut img, 500, 1500, 12, 12, image::Rgb([255, 0, 255]));
    dir.write("in/speck.png", &png(&img));
    let (code, stderr, report) = run_report(&dir, &[&"-o", &dir.join("out"), &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    let f = entry(&report, "speck.png");
    let left: Vec<&Value> = f["warnings"].as_array().unwrap().iter().filter(|w| w["code"] == "residual-ink").collect();
    assert_eq!(left.len(), 1, "{f}");
    let r = &left[0]["region"];
    let (x, y) = (r["x"].as_u64().unwrap(), r["y"].as_u64().unwrap());
    assert!((496..=500).contains(&x) && (1496..=1500).contains(&y), "{r}");
    // Masked over with a box, nothing is left to report.
    let (code, _, report) = run_report(&dir, &[&"--box", &"490,1490,40,40", &"-o", &dir.join("out2"), &dir.join("in")]);
    assert_eq!(code, 0);
    assert!(codes(entry(&report, "speck.png")).is_empty());
}

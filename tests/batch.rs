//! Batches: bad files fail alone, nothing is overwritten or half-written.

use crate::util::*;

/// A PNG header announcing `w`×`h` RGBA pixels, then an empty IDAT and IEND.
fn bomb_png(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend(png_chunk(b"IHDR", &ihdr));
    b.extend(png_chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    b.extend(png_chunk(b"IEND", &[]));
    b
}

#[test]
fn bad_files_fail_alone_with_one_line_each() {
    let dir = Dir::new();
    let good = png(&screenshot(200, 300, 1));
    dir.write("in/good 1.png", &good);
    dir.write("in/좋은 2.jpg", &jpeg(&screenshot(200, 300, 2), 90));
    let mut corrupt = good.clone();
    for b in corrupt.iter_mut().skip(100).take(200) {
        *b ^= 0x5A;
    }
    dir.write("in/corrupt.png", &corrupt);
    dir.write("in/truncated.png", &good[..good.len() / 3]);
    dir.write("in/empty.png", b"");
    dir.write("in/text.png", b"this is not an image at all");
    dir.write("in/huge.png", &bomb_png(50_000, 50_000));
    dir.write("in/notes.txt", b"meeting notes");

    let start = std::time::Instant::now();
    let (code, stderr, report) = run_report(&dir, &[&dir.join("in")]);
    assert!(start.elapsed().as_secs() < 30);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(list(&dir.join("in/masked")).len(), 2, "{stderr}");
    for bad in ["corrupt.png", "truncated.png", "empty.png", "text.png", "huge.png"] {
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(bad)).collect();
        assert_eq!(lines.len(), 1, "{bad}: {stderr}");
        assert!(lines[0].starts_with("error: "), "{}", lines[0]);
        let e = entry(&report, bad);
        assert_eq!(e["status"], "error");
        assert_eq!(e["output"], serde_json::Value::Null);
        assert!(!e["error"].as_str().unwrap().contains('\n'));
    }
    assert!(entry(&report, "huge.png")["error"].as_str().unwrap().contains("50000×50000"));
    assert_eq!(entry(&report, "notes.txt")["status"], "skipped");
    assert_eq!(report["totals"]["ok"], 2);
    assert_eq!(report["totals"]["error"], 5);
    // No temporary or partial files.
    for f in list(&dir.join("in/masked")) {
        assert!(!f.starts_with('.'), "left over: {f}");
    }
}

#[test]
fn running_twice_never_overwrites() {
    let dir = Dir::new();
    dir.write("in/Screenshot_20241125-093012_KakaoTalk.png", &png(&screenshot(200, 300, 1)));
    dir.write("in/Screenshot_20241125-101500_Chrome.png", &png(&screenshot(200, 300, 2)));
    let first = run(&[&dir.join("in")]);
    assert_eq!(first.status.code(), Some(0));
    let names = list(&dir.join("in/masked"));
    assert_eq!(names, ["in_2024-11-25_1.png", "in_2024-11-25_2.png"]);
    let before: Vec<Vec<u8>> = names.iter().map(|n| std::fs::read(dir.join("in/masked").join(n)).unwrap()).collect();
    // Someone replaces an output with their own file; it must survive too.
    std::fs::write(dir.join("in/masked/in_2024-11-25_2.png"), b"mine").unwrap();
    let (code, stderr, report) = run_report(&dir, &[&dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    // The first result is there already, byte for byte: not written again.
    // The second's file was replaced: it is written beside, never over it.
    assert_eq!(list(&dir.join("in/masked")), ["in_2024-11-25_1.png", "in_2024-11-25_2 (2).png", "in_2024-11-25_2.png"]);
    assert_eq!(std::fs::read(dir.join("in/masked/in_2024-11-25_1.png")).unwrap(), before[0]);
    assert_eq!(std::fs::read(dir.join("in/masked/in_2024-11-25_2.png")).unwrap(), b"mine");
    assert_eq!(std::fs::read(dir.join("in/masked/in_2024-11-25_2 (2).png")).unwrap(), before[1]);
    let files = report["files"].as_array().unwrap();
    let first = files.iter().find(|f| f["input"].as_str().unwrap().contains("093012")).unwrap();
    assert_eq!(first["existing"], true, "{first}");
    assert!(first["output"].as_str().unwrap().ends_with("in_2024-11-25_1.png"), "{first}");
    let second = files.iter().find(|f| f["input"].as_str().unwrap().contains("101500")).unwrap();
    assert_eq!(second["existing"], false, "{second}");
    assert_eq!(report["totals"]["existing"], 1);
    assert!(stderr.contains("already in the output folder"), "{stderr}");
}

#[test]
fn a_rerun_with_other_settings_says_earlier_results_are_beside() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&photo(400, 300, 3)));
    dir.write("in/b.png", &png(&photo(400, 300, 5)));
    let (code, stderr, _) = run_report(&dir, &[&"--max-size", &"60KB", &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("earlier"), "{stderr}");
    let (code, stderr, report) = run_report(&dir, &[&"--max-size", &"40KB", &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(list(&dir.join("in/masked")).len(), 4);
    assert_eq!(report["totals"]["earlier"], 2, "{report}");
    assert!(stderr.contains("2 files from earlier runs are beside these results"), "{stderr}");
    // The same settings again: nothing new, nothing said about earlier files
    // that are this run's results.
    let (code, stderr, report) = run_report(&dir, &[&"--max-size", &"40KB", &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(list(&dir.join("in/masked")).len(), 4);
    assert_eq!(report["totals"]["existing"], 2, "{report}");
    assert_eq!(report["totals"]["earlier"], 2, "{report}");
}

#[test]
fn names_colliding_by_case_or_normalisation_get_numbers() {
    let dir = Dir::new();
    // "결제오류" in NFD, and an existing file that differs only in case.
    let nfd = "\u{1100}\u{1167}\u{11AF}\u{110C}\u{1166}\u{110B}\u{1169}\u{1105}\u{1172}";
    dir.write("in/a.png", &png(&screenshot(100, 150, 1)));
    dir.write("in/b.png", &png(&screenshot(100, 150, 2)));
    dir.write("out/X.PNG", b"someone else's");
    let r = run(&[&"--name", &format!("{nfd}x"), &"-o", &dir.join("out"), &dir.join("in")]);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let names = list(&dir.join("out"));
    assert_eq!(names, ["X.PNG", "결제오류x (2).png", "결제오류x.png"]);
    // A new result (identical ones are not written twice).
    dir.write("in2/c.png", &png(&screenshot(100, 150, 3)));
    let r = run(&[&"--name", &"x", &"-o", &dir.join("out"), &dir.join("in2/c.png")]);
    assert_eq!(r.status.code(), Some(0));
    assert!(list(&dir.join("out")).contains(&"x (2).png".to_string()));
    assert_eq!(std::fs::read(dir.join("out/X.PNG")).unwrap(), b"someone else's");
}

#[test]
fn loose_files_go_beside_themselves_and_outputs_are_not_reread() {
    let dir = Dir::new();
    let a = dir.write("one/a.png", &png(&screenshot(100, 150, 1)));
    let b = dir.write("two/b.png", &png(&screenshot(100, 150, 2)));
    assert_eq!(run(&[&a, &b]).status.code(), Some(0));
    assert_eq!(list(&dir.join("one/masked")).len(), 1);
    assert_eq!(list(&dir.join("two/masked")).len(), 1);
    // A second run over the folder sees only a.png, not its own output.
    let (code, _, report) = run_report(&dir, &[&dir.join("one")]);
    assert_eq!(code, 0);
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
}

#[test]
fn recursive_runs_mirror_subfolders() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(100, 150, 1)));
    dir.write("in/sub/deeper/b.png", &png(&screenshot(100, 150, 2)));
    let (code, _, report) = run_report(&dir, &[&"-r", &"--name", &"{stem}", &dir.join("in")]);
    assert_eq!(code, 0);
    assert_eq!(report["files"].as_array().unwrap().len(), 2);
    assert!(dir.join("in/masked/a.png").exists());
    assert!(dir.join("in/masked/sub/deeper/b.png").exists());
    // Not recursive: only the top level.
    let (_, _, report) = run_report(&dir, &[&dir.join("in")]);
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
}

#[test]
fn missing_inputs_are_errors_and_the_rest_goes_on() {
    let dir = Dir::new();
    let a = dir.write("a.png", &png(&screenshot(100, 150, 1)));
    let (code, stderr, report) = run_report(&dir, &[&a, &dir.join("nope.png")]);
    assert_eq!(code, 1);
    assert!(stderr.contains("nope.png: no such file or folder"), "{stderr}");
    assert_eq!(report["totals"]["ok"], 1);
}

#[test]
fn a_box_outside_the_image_fails_that_image() {
    let dir = Dir::new();
    dir.write("in/small.png", &png(&screenshot(100, 100, 1)));
    dir.write("in/large.png", &png(&screenshot(600, 600, 2)));
    let (code, _, report) = run_report(&dir, &[&"--box", &"400,400,50,50", &dir.join("in")]);
    assert_eq!(code, 1);
    assert!(entry(&report, "small.png")["error"].as_str().unwrap().contains("outside the 100×100 image"));
    assert_eq!(entry(&report, "large.png")["status"], "ok");
}

#[test]
fn malformed_sidecar_fails_its_image_only() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(100, 150, 1)));
    dir.write("in/a.png.boxes", b"10,10,20,20\n10,10,twenty,20\n");
    dir.write("in/b.png", &png(&screenshot(100, 150, 2)));
    let (code, _, report) = run_report(&dir, &[&dir.join("in")]);
    assert_eq!(code, 1);
    let err = entry(&report, "a.png")["error"].as_str().unwrap();
    assert!(err.contains("a.png.boxes") && err.contains("line 2"), "{err}");
    assert_eq!(entry(&report, "b.png")["status"], "ok");
}

//! The config file and rules: where the config is found, what overrides
//! what, `--print-config`, malformed files, and rules (dp boxes, template
//! matches, QR codes, `when`) on generated screenshots, checked pixel by pixel.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use image::{Rgb, RgbImage, Rgba, RgbaImage};
use serde_json::Value;

use crate::util::*;

const RED: Rgba<u8> = Rgba([255, 0, 0, 255]);

/// Every rule test masks in flat red, unpadded, losslessly, so pixels can be
/// checked exactly.
const FILL_RED: &str = "style = \"fill\"\ncolor = \"#FF0000\"\npad = 0\nformat = \"png\"\nmax_size = \"none\"\n";

fn run_with_config(dir: &Dir, config: &str, inputs: &[&Path]) -> (i32, String, Value) {
    let cfg = dir.write("shotmask.toml", config.as_bytes());
    let mut args: Vec<&dyn AsRef<OsStr>> = vec![&"--config", &cfg];
    for i in inputs {
        args.push(i);
    }
    run_report(dir, &args)
}

fn output_of(report: &Value, name: &str) -> RgbaImage {
    let e = entry(report, name);
    assert_eq!(e["status"], "ok", "{e}");
    decode(Path::new(e["output"].as_str().unwrap()))
}

fn regions_of<'a>(report: &'a Value, name: &str) -> &'a Vec<Value> {
    entry(report, name)["regions"].as_array().unwrap()
}

/// Pixels of `after` inside `rect` are all red; every other pixel is as in `before`.
fn assert_only_rect_masked(before: &RgbImage, after: &RgbaImage, rect: (u32, u32, u32, u32), what: &str) {
    let (rx, ry, rw, rh) = rect;
    assert_eq!(before.dimensions(), after.dimensions(), "{what}");
    for (x, y, p) in after.enumerate_pixels() {
        let inside = x >= rx && x < rx + rw && y >= ry && y < ry + rh;
        if inside {
            assert_eq!(*p, RED, "{what}: ({x},{y}) inside {rect:?} not masked");
        } else {
            let Rgb([r, g, b]) = *before.get_pixel(x, y);
            assert_eq!(*p, Rgba([r, g, b, 255]), "{what}: ({x},{y}) outside {rect:?} changed");
        }
    }
}

#[test]
fn a_dp_rule_covers_the_same_element_on_720_1080_and_1440_wide_phones() {
    let dir = Dir::new();
    let mut inputs = Vec::new();
    let mut headers = Vec::new();
    for (i, width) in [720u32, 1080, 1440].into_iter().enumerate() {
        // Laid out in dp: a 56 dp chat header under a 24 dp status bar.
        let d = width / 360;
        let mut img = RgbImage::from_pixel(width, width * 16 / 9, Rgb([235, 235, 240]));
        fill(&mut img, 0, 0, width, 24 * d, Rgb([20, 20, 20]));
        fill(&mut img, 0, 24 * d, width, 56 * d, Rgb([40, 110, 200]));
        fill(&mut img, 72 * d, 40 * d, 120 * d, 20 * d, Rgb([250, 250, 250]));
        let name = format!("phone{i}_{width}.png");
        inputs.push(dir.write(&name, &png(&img)));
        headers.push((name, img, (0, 24 * d, width, 56 * d)));
    }
    let config = format!("{FILL_RED}[[rule]]\nname = \"chat-header\"\nbox = \"0,24dp,100%,56dp\"\n");
    let paths: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let (code, stderr, report) = run_with_config(&dir, &config, &paths);
    assert_eq!(code, 0, "{stderr}");
    for (name, before, header) in &headers {
        let regions = regions_of(&report, name);
        assert_eq!(regions.len(), 1, "{name}: {regions:?}");
        assert_eq!(regions[0]["source"], "rule:chat-header");
        assert_eq!(regions[0]["label"], "chat-header");
        assert_only_rect_masked(before, &output_of(&report, name), *header, name);
    }
}

/// A 24×24 back-arrow icon: a chevron on a ring.
fn back_arrow() -> RgbImage {
    RgbImage::from_fn(24, 24, |x, y| {
        let (dx, dy) = (x as i32 - 12, y as i32 - 12);
        let r2 = dx * dx + dy * dy;
        let chevron = (x as i32 - 8 - (y as i32 - 12).abs()).abs() <= 1 && (4..20).contains(&y);
        if chevron {
            Rgb([10, 10, 10])
        } else if (90..=121).contains(&r2) {
            Rgb([60, 60, 60])
        } else {
            Rgb([255, 255, 255])
        }
    })
}

/// A chat screen with the back arrow at (x, y) and a contact name (glyph
/// bars) 10 px to its right; returns the image and the name's box.
fn chat_with_header(x: u32, y: u32, seed: u64) -> (RgbImage, (u32, u32, u32, u32)) {
    let mut img = screenshot(360, 720, seed);
    fill(&mut img, 0, y - 8, 360, 40, Rgb([255, 255, 255]));
    image::imageops::replace(&mut img, &back_arrow(), i64::from(x), i64::from(y));
    let name = (x + 24 + 10, y + 4, 110, 16);
    for i in 0..9 {
        fill(&mut img, name.0 + i * 12, name.1, 9, name.3, Rgb([30, 30, 30]));
    }
    (img, name)
}

#[test]
fn a_template_rule_finds_a_shifted_element_and_masks_the_box_beside_it() {
    let dir = Dir::new();
    dir.write("icons/back.png", &png(&back_arrow()));
    let (first, name1) = chat_with_header(12, 60, 1);
    let (shifted, name2) = chat_with_header(53, 151, 2);
    let a = dir.write("first.png", &png(&first));
    let b = dir.write("shifted.png", &png(&shifted));
    // The box: 8 px right of the arrow, 120 px wide, from the arrow's top to its bottom.
    let config = format!(
        "{FILL_RED}[[rule]]\nname = \"contact-name\"\nfind = \"icons/back.png\"\nthreshold = 0.9\n\
         right_of = 8\nwidth = 120\n"
    );
    let (code, stderr, report) = run_with_config(&dir, &config, &[&a, &b]);
    assert_eq!(code, 0, "{stderr}");
    for (name, before, arrow) in [("first.png", &first, (12, 60)), ("shifted.png", &shifted, (53, 151))] {
        let regions = regions_of(&report, name);
        assert_eq!(regions.len(), 1, "{name}: {regions:?}");
        assert_eq!(regions[0]["source"], "rule:contact-name");
        let rect = (arrow.0 + 24 + 8, arrow.1, 120, 24);
        assert_eq!(
            (regions[0]["x"].as_u64(), regions[0]["y"].as_u64(), regions[0]["w"].as_u64(), regions[0]["h"].as_u64()),
            (Some(u64::from(rect.0)), Some(u64::from(rect.1)), Some(120), Some(24)),
            "{name}"
        );
        assert_only_rect_masked(before, &output_of(&report, name), rect, name);
    }
    // The name lies inside the masked box in both.
    for (n, arrow) in [(name1, (12u32, 60u32)), (name2, (53, 151))] {
        assert!(n.0 >= arrow.0 + 32 && n.0 + n.2 <= arrow.0 + 32 + 120 && n.1 >= arrow.1 && n.1 + n.3 <= arrow.1 + 24);
    }
}

/// A screenshot with a white card holding a QR code of 5 px modules at
/// (x, y); returns the image and the code's box.
fn screenshot_with_qr(x: u32, y: u32) -> (RgbImage, (u32, u32, u32, u32)) {
    let code = qrcode::QrCode::new(b"https://pay.example/to/8231-4410-2291?name=KIM").unwrap();
    let n = code.width() as u32;
    let m = 5;
    let mut img = screenshot(360, 720, 7);
    fill(&mut img, x - 4 * m, y - 4 * m, (n + 8) * m, (n + 8) * m, Rgb([255, 255, 255]));
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            fill(&mut img, x + (i as u32 % n) * m, y + (i as u32 / n) * m, m, m, Rgb([0, 0, 0]));
        }
    }
    (img, (x, y, n * m, n * m))
}

/// Runs `detect = "qr"` (as rule `rule`, then as the `qr-codes` preset) on
/// `img` saved as `name`: exactly one region covers `code` entirely, every
/// pixel of `code` is painted, nothing outside the region changes, and,
/// with `max_extra`, the region is at most that much larger than `code`.
fn assert_code_found_and_masked(
    img: &RgbImage,
    code: (u32, u32, u32, u32),
    name: &str,
    rule: &str,
    max_extra: Option<u32>,
) {
    let dir = Dir::new();
    let input = dir.write(name, &png(img));
    for config in [
        format!("{FILL_RED}[[rule]]\nname = \"{rule}\"\ndetect = \"qr\"\n"),
        format!("{FILL_RED}presets = [\"qr-codes\"]\n"),
    ] {
        let (code_, stderr, report) = run_with_config(&dir, &config, &[&input]);
        assert_eq!(code_, 0, "{stderr}");
        let regions = regions_of(&report, name);
        assert_eq!(regions.len(), 1, "{regions:?}");
        let want = if config.contains(rule) { format!("rule:{rule}") } else { "rule:qr-codes".to_string() };
        assert_eq!(regions[0]["source"], want.as_str());
        let r = &regions[0];
        let (x, y, w, h) = [&r["x"], &r["y"], &r["w"], &r["h"]].map(|v| v.as_u64().unwrap() as u32).into();
        assert!(
            x <= code.0 && y <= code.1 && x + w >= code.0 + code.2 && y + h >= code.1 + code.3,
            "{r} misses {code:?}"
        );
        if let Some(extra) = max_extra {
            assert!(w <= code.2 + extra && h <= code.3 + extra, "{r} is much larger than {code:?}");
        }
        let out = output_of(&report, name);
        for yy in code.1..code.1 + code.3 {
            for xx in code.0..code.0 + code.2 {
                assert_eq!(*out.get_pixel(xx, yy), RED, "({xx},{yy}) of the code in {name} is visible");
            }
        }
        assert_only_rect_masked(img, &out, (x, y, w, h), name);
    }
}

#[test]
fn a_qr_code_in_a_screenshot_is_found_and_masked() {
    let (img, qr) = screenshot_with_qr(90, 260);
    assert_code_found_and_masked(&img, qr, "pay.png", "payment-qr", None);
}

/// A screenshot with a white card holding an EAN-like barcode (95 modules of
/// 3 px, 60 px tall, bars of 1 to 4 modules) at (x, y); returns the image and
/// the bars' box.
fn screenshot_with_barcode(x: u32, y: u32) -> (RgbImage, (u32, u32, u32, u32)) {
    let (m, tall) = (3, 60);
    let mut img = screenshot(360, 720, 7);
    fill(&mut img, x - 12 * m, y - 10, 117 * m, tall + 20, Rgb([255, 255, 255]));
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    let mut modules = vec![true, false, true];
    let mut dark = false;
    while modules.len() < 92 {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        for _ in 0..(1 + s % 4).min(92 - modules.len() as u64) {
            modules.push(dark);
        }
        dark = !dark;
    }
    modules.extend([true, false, true]);
    for (i, d) in modules.iter().enumerate() {
        if *d {
            fill(&mut img, x + i as u32 * m, y, m, tall, Rgb([0, 0, 0]));
        }
    }
    (img, (x, y, 95 * m, tall))
}

#[test]
fn a_barcode_in_a_screenshot_is_found_and_masked() {
    let (img, bars) = screenshot_with_barcode(40, 330);
    assert_code_found_and_masked(&img, bars, "card.png", "membership", Some(20));
}

#[test]
fn a_rule_whose_when_does_not_match_leaves_the_image_untouched() {
    let dir = Dir::new();
    let img = screenshot(360, 720, 3);
    let input = dir.write("Screenshot_20241125-093012.png", &png(&img));
    let config = format!(
        "{FILL_RED}[[rule]]\nname = \"kakao-header\"\nwhen = {{ file = \"^KakaoTalk\" }}\nbox = \"0,0,100%,20%\"\n\
         [[rule]]\nname = \"tablets\"\nwhen = {{ width = \"600..\" }}\nbox = \"0,0,50%,50%\"\n\
         [[rule]]\nname = \"landscape\"\nwhen = {{ aspect = \"landscape\" }}\nbox = \"0,0,10,10\"\n"
    );
    let (code, stderr, report) = run_with_config(&dir, &config, &[&input]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(regions_of(&report, "Screenshot_20241125-093012.png").len(), 0);
    let out = output_of(&report, "Screenshot_20241125-093012.png");
    assert_only_rect_masked(&img, &out, (0, 0, 0, 0), "when");
    // The same rule applies once the file name matches.
    let kakao = dir.write("KakaoTalk_20241125_093012345.png", &png(&img));
    let (_, _, report) = run_with_config(&dir, &config, &[&kakao]);
    let regions = regions_of(&report, "KakaoTalk_20241125_093012345.png");
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0]["source"], "rule:kakao-header");
}

#[test]
fn presets_from_the_command_line() {
    let dir = Dir::new();
    let img = screenshot(360, 720, 4);
    let input = dir.write("a.png", &png(&img));
    let (code, stderr, report) = run_report(
        &dir,
        &[&"--preset", &"android-status-bar", &"--preset", &"ios-home-indicator", &"--no-config", &input],
    );
    assert_eq!(code, 0, "{stderr}");
    let regions = regions_of(&report, "a.png");
    let sources: Vec<&str> = regions.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["rule:android-status-bar", "rule:ios-home-indicator"]);
    // 360 px wide: 1 px per dp, padded by the default 2 px.
    assert_eq!((regions[0]["y"].as_u64(), regions[0]["h"].as_u64()), (Some(0), Some(48 + 2)));
    assert_eq!(regions[1]["y"].as_u64().unwrap() + regions[1]["h"].as_u64().unwrap(), 720);

    let out = run(&[&"--preset", &"list"]);
    assert_eq!(out.status.code(), Some(0));
    let list = String::from_utf8_lossy(&out.stdout);
    for name in ["android-status-bar", "android-nav-bar", "ios-status-bar", "ios-home-indicator", "qr-codes"] {
        assert!(list.contains(name), "{name} missing from {list}");
    }
    let out = run(&[&"--preset", &"nokia-status-bar", &input]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such preset"));
}

/// Runs `bin` in `cwd` with the user config folder at `xdg`.
fn run_bin(bin: &Path, xdg: &Path, args: &[&dyn AsRef<OsStr>]) -> Output {
    let mut cmd = Command::new(bin);
    cmd.args(args.iter().map(|a| a.as_ref())).env("XDG_CONFIG_HOME", xdg).stdin(Stdio::null());
    // The copy was just written: a child that another test forked in that
    // moment holds the write handle until it execs, and Linux refuses to
    // run a file open for writing ("text file busy"). That passes.
    for _ in 0..100 {
        match cmd.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            result => return result.expect("run shotmask"),
        }
    }
    panic!("{} stayed busy for 2 s", bin.display())
}

/// The `pad = ...` line of `--print-config`.
fn pad_line(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().find(|l| l.starts_with("pad = ")).map(str::to_string).unwrap_or_else(|| panic!("no pad in {text}"))
}

#[cfg(target_os = "linux")]
#[test]
fn config_discovery_order_each_level_and_flags_override() {
    let dir = Dir::new();
    // A copy of the binary, so "beside the executable" is a folder of ours.
    let bin = dir.join("bin/shotmask");
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    std::fs::copy(assert_cmd::cargo::cargo_bin!("shotmask"), &bin).unwrap();
    let xdg = dir.join("xdg");
    let input = dir.write("in/a.png", &png(&screenshot(100, 200, 1)));
    let in_dir = dir.join("in");

    let out = run_bin(&bin, &xdg, &[&"--print-config", &in_dir]);
    assert!(pad_line(&out).ends_with("# built-in default"), "{}", pad_line(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Config file: none found"));

    // 4. The user config folder.
    let user = dir.write("xdg/shotmask/shotmask.toml", b"# mine\npad = 11\n");
    let out = run_bin(&bin, &xdg, &[&"--print-config", &in_dir]);
    assert_eq!(pad_line(&out), format!("{:<40} # {}:2", "pad = 11", user.display()));
    assert!(String::from_utf8_lossy(&out.stdout).contains("found in the user config folder"));

    // 3. Beside the executable wins over the user config folder.
    let beside = dir.write("bin/shotmask.toml", b"pad = 12\n");
    let out = run_bin(&bin, &xdg, &[&"--print-config", &in_dir]);
    assert_eq!(pad_line(&out), format!("{:<40} # {}:1", "pad = 12", beside.display()));
    assert!(String::from_utf8_lossy(&out.stdout).contains("found beside the executable"));

    // 2. The input folder wins over beside the executable; a file given
    //    means its folder.
    let folder = dir.write("in/shotmask.toml", b"\n\npad = 13\n");
    for arg in [&in_dir, &input] {
        let out = run_bin(&bin, &xdg, &[&"--print-config", arg]);
        assert_eq!(pad_line(&out), format!("{:<40} # {}:3", "pad = 13", folder.display()));
    }

    // 1. --config wins over everything.
    let explicit = dir.write("elsewhere.toml", b"pad = 14\n");
    let out = run_bin(&bin, &xdg, &[&"--print-config", &"--config", &explicit, &in_dir]);
    assert_eq!(pad_line(&out), format!("{:<40} # {}:1", "pad = 14", explicit.display()));
    assert!(String::from_utf8_lossy(&out.stdout).contains("given with --config"));

    // A flag wins over the file; --no-config ignores every file.
    let out = run_bin(&bin, &xdg, &[&"--print-config", &"--pad", &"1", &in_dir]);
    assert_eq!(pad_line(&out), format!("{:<40} # --pad", "pad = 1"));
    let out = run_bin(&bin, &xdg, &[&"--print-config", &"--no-config", &in_dir]);
    assert_eq!(pad_line(&out), format!("{:<40} # built-in default", "pad = 2"));

    // And a real run uses what was found: pad 13 around the 10×10 box.
    let report = dir.join("r.json");
    let out = run_bin(&bin, &xdg, &[&"--report", &report, &"--box", &"20,20,10,10", &in_dir]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let r = &regions_of(&report, "a.png")[0];
    assert_eq!((r["x"].as_u64(), r["w"].as_u64()), (Some(7), Some(36)), "{r}");
}

#[test]
fn print_config_shows_each_value_and_where_it_came_from() {
    let dir = Dir::new();
    let cfg = dir.write(
        "cfg/shotmask.toml",
        b"style = \"blur\"\nmax_size = \"500KB\"\nlabel = \"bug-42\"\npresets = [\"ios-status-bar\"]\n\
          [[rule]]\nname = \"header\"\nbox = \"0,0,100%,10%\"\n",
    );
    let out = run(&[&"--print-config", &"--config", &cfg, &"--style", &"mosaic", &"--preset", &"qr-codes"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |key: &str| text.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{key} in {text}"));
    let at = |n: u32| format!("{}:{n}", cfg.display());
    assert!(line("style = \"mosaic\"").ends_with("# --style"), "{text}");
    assert!(line("max_size = 500000").contains(&at(2)), "{text}");
    assert!(line("label = \"bug-42\"").ends_with(&at(3)), "{text}");
    assert!(line("format = \"auto\"").ends_with("# built-in default"), "{text}");
    assert!(line("  \"ios-status-bar\",").ends_with(&at(4)), "{text}");
    assert!(line("  \"qr-codes\",").ends_with("# --preset"), "{text}");
    assert!(text.contains("header") && text.contains(&at(6)), "{text}");
    // What it prints is itself a valid config.
    let saved = dir.write("saved/shotmask.toml", text.as_bytes());
    let out = run(&[&"--print-config", &"--config", &saved]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_malformed_config_is_an_error_with_line_and_column_and_nothing_is_written() {
    let dir = Dir::new();
    let input = dir.write("in/a.png", &png(&screenshot(100, 200, 1)));
    for (text, place, message) in [
        ("pad = 2\ncolour = \"red\"\n", ":2:1:", "unknown field `colour`"),
        ("style = \"fill\"\nmax_size = \"twelve\"\n", ":2:12:", "not a size"),
        ("[[rule]]\nname = \"x\"\nbox = \"0,0,10,10\"\nwhen = { aspect = \"tall\" }\n", ":4:19:", "not an aspect"),
        ("[[rule]]\nname = \"x\"\nfind = \"icons/missing.png\"\n", ":3:8:", "cannot read the template picture"),
        ("pad = \n", ":1:7:", ""),
    ] {
        let cfg = dir.write("in/shotmask.toml", text.as_bytes());
        let out = run(&[&input]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let want = format!("error: {}{place}", cfg.display());
        assert!(stderr.starts_with(&want), "{text:?}: want {want}, got {stderr}");
        assert!(stderr.contains(message), "{text:?}: {stderr}");
        assert!(!dir.join("in/masked").exists(), "{text:?} wrote something");
    }
}

#[test]
fn init_config_writes_a_starter_once() {
    let dir = Dir::new();
    let target = dir.join("my.toml");
    let out = run(&[&"--init-config", &target]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let starter = std::fs::read_to_string(&target).unwrap();
    assert!(starter.contains("[[rule]]") && starter.contains("--print-config"));
    std::fs::write(&target, "pad = 3\n").unwrap();
    let out = run(&[&"--init-config", &target]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "pad = 3\n");
    // The starter, as written, is a valid config that changes nothing.
    let fresh = dir.join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    assert_eq!(run(&[&"--init-config", &fresh]).status.code(), Some(0));
    let out = run(&[&"--print-config", &"--config", &fresh.join("shotmask.toml")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("shotmask.toml:"));
}

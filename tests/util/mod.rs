//! Test harness: a temporary folder per test, synthetic screenshots, running
//! the real binary, and independent parsers for what the tests check in the
//! output files (PNG chunks, JPEG segments).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use image::{Rgb, RgbImage, Rgba, RgbaImage};
use serde_json::Value;

/// A temporary folder that lives as long as the test.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn join(&self, p: impl AsRef<Path>) -> PathBuf {
        self.tmp.path().join(p)
    }

    /// Creates `rel` (and its folders) with `bytes`.
    pub fn write(&self, rel: impl AsRef<Path>, bytes: &[u8]) -> PathBuf {
        let p = self.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// File names in `rel`, sorted.
    pub fn list(&self, rel: impl AsRef<Path>) -> Vec<String> {
        list(&self.join(rel))
    }
}

pub fn list(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Runs the binary with `args`, stdin closed.
pub fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("shotmask"));
    for a in args {
        cmd.arg(a);
    }
    cmd.stdin(std::process::Stdio::null());
    // A config file in the user's own config folder must not change the tests.
    cmd.env("XDG_CONFIG_HOME", std::env::temp_dir().join("shotmask-tests-no-user-config"));
    english(&mut cmd);
    cmd.output().expect("run shotmask")
}

/// Runs and returns (exit code, stderr, parsed report).
pub fn run_report(dir: &Dir, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, Value) {
    let report = dir.join(format!("report-{}.json", rand_suffix()));
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"--report", &report];
    all.extend_from_slice(args);
    let out = run(&all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = std::fs::read(&report).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), stderr, json)
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// A fake phone screenshot: a status bar, coloured chat bubbles with rows
/// of glyph-like dark marks, on a flat background. Deterministic in `seed`.
pub fn screenshot(w: u32, h: u32, seed: u64) -> RgbImage {
    let mut img = RgbImage::from_pixel(w, h, Rgb([186, 206, 224]));
    let mut rng = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    fill(&mut img, 0, 0, w, h / 25, Rgb([240, 240, 240]));
    let line = (h / 40).max(8);
    let mut y = h / 12;
    while y + 2 * line < h - h / 12 {
        let mine = next() % 2 == 0;
        let bw = w / 3 + (next() % u64::from(w / 3)) as u32;
        let x0 = if mine { w - bw - w / 20 } else { w / 20 };
        let bubble = if mine { Rgb([254, 229, 0]) } else { Rgb([255, 255, 255]) };
        fill(&mut img, x0, y, bw, line * 2, bubble);
        let mut gx = x0 + line / 2;
        while gx + line / 2 < x0 + bw - line / 2 {
            let gw = line / 3 + (next() % u64::from(line / 2)) as u32;
            fill(&mut img, gx, y + line / 2, gw.min(x0 + bw - gx), line, Rgb([30, 30, 30]));
            gx += gw + 2 + (next() % 4) as u32 * (line / 4);
        }
        y += line * 3;
    }
    img
}

/// Photo-like content: smooth gradients plus noise, which PNG cannot
/// compress well.
pub fn photo(w: u32, h: u32, seed: u64) -> RgbImage {
    let mut s = seed | 1;
    RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        let n = (s % 40) as i32 - 20;
        let c = |v: i32| (v + n).clamp(0, 255) as u8;
        Rgb([c((x * 255 / w) as i32), c((y * 255 / h) as i32), c(128 + ((x + y) % 64) as i32)])
    })
}

pub fn fill(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, c: Rgb<u8>) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, c);
        }
    }
}

pub fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

pub fn png_rgba(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).unwrap();
    out
}

pub fn decode(path: &Path) -> RgbaImage {
    image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).into_rgba8()
}

pub fn pixel(img: &RgbaImage, x: u32, y: u32) -> Rgba<u8> {
    *img.get_pixel(x, y)
}

/// CRC-32 (PNG), written here independently of the crate under test.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut v = (data.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(data);
    let mut c = kind.to_vec();
    c.extend_from_slice(data);
    v.extend_from_slice(&crc32(&c).to_be_bytes());
    v
}

/// Inserts chunks right after IHDR.
pub fn png_with_chunks(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let ihdr_end = 8 + 8 + 13 + 4;
    let mut out = png[..ihdr_end].to_vec();
    for c in chunks {
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&png[ihdr_end..]);
    out
}

/// (chunk types, bytes after IEND). Panics on a malformed file.
pub fn png_chunks(b: &[u8]) -> (Vec<String>, usize) {
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let mut i = 8;
    let mut kinds = Vec::new();
    loop {
        let n = u32::from_be_bytes(b[i..i + 4].try_into().unwrap()) as usize;
        let kind = String::from_utf8_lossy(&b[i + 4..i + 8]).into_owned();
        assert_eq!(crc32(&b[i + 4..i + 8 + n]), u32::from_be_bytes(b[i + 8 + n..i + 12 + n].try_into().unwrap()));
        i += 12 + n;
        kinds.push(kind.clone());
        if kind == "IEND" {
            return (kinds, b.len() - i);
        }
    }
}

/// Inserts segments right after SOI.
pub fn jpeg_with_segments(jpg: &[u8], segments: &[Vec<u8>]) -> Vec<u8> {
    let mut out = jpg[..2].to_vec();
    for s in segments {
        out.extend_from_slice(s);
    }
    out.extend_from_slice(&jpg[2..]);
    out
}

pub fn jpeg_segment(marker: u8, data: &[u8]) -> Vec<u8> {
    let mut v = vec![0xFF, marker];
    v.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
    v.extend_from_slice(data);
    v
}

/// (markers, bytes after EOI) by walking segments and scans.
pub fn jpeg_markers(b: &[u8]) -> (Vec<u8>, usize) {
    assert_eq!(&b[..2], &[0xFF, 0xD8], "not a JPEG");
    let mut i = 2;
    let mut markers = vec![0xD8];
    loop {
        assert_eq!(b[i], 0xFF, "marker expected at {i}");
        let m = b[i + 1];
        markers.push(m);
        if m == 0xD9 {
            return (markers, b.len() - (i + 2));
        }
        let n = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        i += 2 + n;
        if m == 0xDA {
            loop {
                if b[i] == 0xFF && b[i + 1] != 0 && !(0xD0..=0xD7).contains(&b[i + 1]) {
                    break;
                }
                i += 1;
            }
        }
    }
}

/// An EXIF APP1 payload ("Exif\0\0" + big-endian TIFF) with an
/// orientation, a GPS pointer to a GPS IFD, and a camera model string.
pub fn exif_block(orientation: u16, model: &str) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    let model_bytes = format!("{model}\0").into_bytes();
    // IFD0 with 3 entries at offset 8.
    let ifd0_len = 2 + 3 * 12 + 4;
    let gps_off = 8 + ifd0_len;
    let gps_len = 2 + 2 * 12 + 4;
    let model_off = gps_off + gps_len;
    t.extend_from_slice(&3u16.to_be_bytes());
    // Model (0x0110) ASCII
    t.extend_from_slice(&[0x01, 0x10, 0, 2]);
    t.extend_from_slice(&(model_bytes.len() as u32).to_be_bytes());
    t.extend_from_slice(&(model_off as u32).to_be_bytes());
    // Orientation (0x0112) SHORT
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    // GPS IFD pointer (0x8825) LONG
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    t.extend_from_slice(&(gps_off as u32).to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD: latitude ref 'N', longitude ref 'E'.
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0, 3, 0, 2, 0, 0, 0, 2, b'E', 0, 0, 0]);
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(&model_bytes);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    app1
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The report entry whose input ends with `name`.
pub fn entry<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["files"]
        .as_array()
        .and_then(|files| files.iter().find(|f| f["input"].as_str().is_some_and(|i| i.ends_with(name))))
        .unwrap_or_else(|| panic!("no report entry for {name} in {report}"))
}

/// The binary with stdin closed and no colour settings inherited, to add
/// arguments, environment or another stdin to.
pub fn command() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("shotmask"));
    cmd.stdin(std::process::Stdio::null());
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        cmd.env_remove(var);
    }
    english(&mut cmd);
    cmd
}

/// English messages whatever the machine's locale (tests that check the
/// language set their own).
pub fn english(cmd: &mut std::process::Command) {
    cmd.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
}

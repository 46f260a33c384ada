//! The candidate-matching attack (security notes T1.3), run for real.
//!
//! An attacker who knows the font and the layout renders every possible
//! secret, processes each one exactly as shotmask does, and picks the
//! candidate whose output is nearest to the published file. This recovered
//! 4-digit PINs from pixelation and blur at 100% in the research. Here the
//! secrets are 4-digit PINs in DejaVu Sans 16 px (the font's digits are
//! bundled in `fixtures/fonts`), all 10 000 candidates go through the same
//! stages as the published files, and the attack must do no better than
//! chance for every style, output format and region source. A naive block
//! pixelation and a naive blur, attacked by the same harness, must be
//! broken: that proves the harness would notice a leak.

use std::collections::HashMap;
use std::path::PathBuf;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgb, RgbImage, RgbaImage};
use shotmask::batch::Quiet;
use shotmask::fit::{self, SourceHint};
use shotmask::{Settings, load, mask, regions, verify};

use crate::adversary::settings;
use crate::util::*;

const FONT: &[u8] = include_bytes!("../fixtures/fonts/DejaVuSans-digits.ttf");
const W: u32 = 112;
const H: u32 = 40;
const BACKGROUND: [u8; 3] = [236, 237, 241];
const FIELD: [u8; 3] = [255, 255, 255];
/// Dark blue, like link or accent text: coloured ink also tests chroma.
const INK: [u8; 3] = [24, 52, 140];
/// Where the PIN starts (left edge of the first digit's advance, baseline).
const ORIGIN: (f32, f32) = (26.0, 26.0);
/// Number of published files attacked; the rest of the 10 000 are only candidates.
const SECRETS: usize = 40;

/// Renders 4-digit strings the way a phone or desktop shows a PIN field.
struct Renderer {
    /// Each digit at each of the four positions.
    glyphs: Vec<Vec<Glyph>>,
}

/// A rasterised glyph: `(left, top, width, height, coverage 0–1)`.
type Glyph = (i32, i32, u32, u32, Vec<f32>);

impl Renderer {
    fn new() -> Renderer {
        let font = FontRef::try_from_slice(FONT).expect("bundled font");
        // DejaVu "16 px" means 16 px per em, as Pillow and browsers size fonts.
        let scale = PxScale::from(16.0 * font.height_unscaled() / font.units_per_em().unwrap());
        let scaled = font.as_scaled(scale);
        let mut glyphs = vec![Vec::new(); 4];
        let mut x = ORIGIN.0;
        for slot in glyphs.iter_mut() {
            let mut advance = 0.0f32;
            for d in '0'..='9' {
                let id = scaled.glyph_id(d);
                advance = advance.max(scaled.h_advance(id));
                let g = id.with_scale_and_position(scale, point(x, ORIGIN.1));
                let outline = font.outline_glyph(g).expect("digit outline");
                let b = outline.px_bounds();
                let (w, h) = (b.width() as u32, b.height() as u32);
                let mut cov = vec![0.0; (w * h) as usize];
                outline.draw(|gx, gy, c| cov[(gy * w + gx) as usize] = c);
                slot.push((b.min.x as i32, b.min.y as i32, w, h, cov));
            }
            x += advance;
        }
        Renderer { glyphs }
    }

    /// The smallest pixel rectangle holding every digit at every position.
    fn ink_bounds(&self) -> (u32, u32, u32, u32) {
        let all = self.glyphs.iter().flatten();
        let x0 = all.clone().map(|g| g.0).min().unwrap();
        let y0 = all.clone().map(|g| g.1).min().unwrap();
        let x1 = all.clone().map(|g| g.0 + g.2 as i32).max().unwrap();
        let y1 = all.map(|g| g.1 + g.3 as i32).max().unwrap();
        (x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32)
    }

    /// A small screen: a white input field on a grey panel, holding `pin`.
    fn render(&self, pin: u32) -> RgbImage {
        let mut img = RgbImage::from_pixel(W, H, Rgb(BACKGROUND));
        fill(&mut img, 16, 6, 84, 28, Rgb([190, 192, 200]));
        fill(&mut img, 17, 7, 82, 26, Rgb(FIELD));
        let digits = [pin / 1000, pin / 100 % 10, pin / 10 % 10, pin % 10];
        let mut cov = vec![0.0f32; (W * H) as usize];
        for (slot, &d) in digits.iter().enumerate() {
            let (x0, y0, w, h, c) = &self.glyphs[slot][d as usize];
            for gy in 0..*h {
                for gx in 0..*w {
                    let i = ((y0 + gy as i32) as u32 * W + (x0 + gx as i32) as u32) as usize;
                    cov[i] = (cov[i] + c[(gy * w + gx) as usize]).min(1.0);
                }
            }
        }
        for (i, p) in img.pixels_mut().enumerate() {
            let a = cov[i];
            if a > 0.0 {
                p.0 = [0, 1, 2].map(|c| (f32::from(p.0[c]) * (1.0 - a) + f32::from(INK[c]) * a).round() as u8);
            }
        }
        img
    }
}

/// How a region reaches shotmask in this attack.
#[derive(Debug, Clone, Copy)]
enum RegionSource {
    /// `--box X,Y,W,H`.
    Box,
    /// `IMAGE.boxes` beside the image.
    Sidecar,
    /// `--keep` boxes around the PIN (everything else is masked).
    Keep,
}

const SOURCES: [RegionSource; 3] = [RegionSource::Box, RegionSource::Sidecar, RegionSource::Keep];

impl RegionSource {
    /// Command-line arguments (and the sidecar text, if any) that hide the
    /// rectangle `(x, y, w, h)`.
    fn args(self, (x, y, w, h): (u32, u32, u32, u32)) -> (Vec<String>, Option<String>) {
        let spec = format!("{x},{y},{w},{h}");
        match self {
            RegionSource::Box => (vec!["--box".into(), spec], None),
            RegionSource::Sidecar => (Vec::new(), Some(format!("# the PIN\n{spec}\n"))),
            RegionSource::Keep => {
                // Keep all but the PIN: four bands around it (pad 0, so the
                // kept bands are not eaten into).
                let keep = [
                    format!("0,0,{W},{y}"),
                    format!("0,{},{W},{}", y + h, H - y - h),
                    format!("0,{y},{x},{h}"),
                    format!("{},{y},{},{h}", x + w, W - x - w),
                ];
                let mut args: Vec<String> = keep.iter().flat_map(|k| ["--keep".to_string(), k.clone()]).collect();
                args.extend(["--pad".into(), "0".into()]);
                (args, None)
            }
        }
    }
}

/// load → regions → mask → fit → verify on one input file's bytes, as
/// `batch` runs them; `encoded` caches `fit` by its whole input (the masked
/// pixels and the hint), which is all `fit` may depend on.
struct Pipeline {
    settings: Settings,
    image_path: PathBuf,
    encoded: HashMap<(Vec<u8>, String), Vec<u8>>,
    encodes: usize,
}

impl Pipeline {
    fn new(settings: Settings, image_path: PathBuf) -> Self {
        Pipeline { settings, image_path, encoded: HashMap::new(), encodes: 0 }
    }

    /// The masked image (what `fit` receives) and the hint.
    fn masked(&self, input: &[u8]) -> (RgbaImage, SourceHint, Vec<regions::Region>, mask::Coverage) {
        let loaded = load::decode(input, &self.settings.limits).expect("decodes");
        let set = regions::find(&loaded.image, &self.image_path, &self.settings.regions, loaded.block_grid.as_ref())
            .expect("regions");
        let mut image = loaded.image;
        mask::apply(&mut image, &set.regions, &set.coverage);
        let (found, coverage) = (set.regions, set.coverage);
        let hint = SourceHint { format: loaded.format, jpeg_quality: loaded.jpeg_quality };
        (image, hint, found, coverage)
    }

    /// The output file's bytes.
    fn output(&mut self, input: &[u8]) -> Vec<u8> {
        let (image, hint, found, coverage) = self.masked(input);
        let key = (image.as_raw().clone(), format!("{:?} {:?}", hint.format, hint.jpeg_quality));
        if let Some(bytes) = self.encoded.get(&key) {
            return bytes.clone();
        }
        let fitted = fit::fit(&image, &hint, &self.settings.fit).expect("fits");
        verify::verify(&fitted, &found, &coverage).expect("verifies");
        self.encodes += 1;
        self.encoded.insert(key, fitted.bytes.clone());
        fitted.bytes
    }
}

/// What the attacker compares: the decoded output's RGB.
fn observe(bytes: &[u8]) -> Vec<u8> {
    image::load_from_memory(bytes).expect("output decodes").to_rgb8().into_raw()
}

/// The nearest-neighbour attack. `candidates[i]` is what candidate PIN `i`
/// looks like after processing; `observed` are published files with their
/// true PINs. Ties are scored fairly: a guess among `k` equally near
/// candidates that include the truth counts `1/k`. Returns the success rate.
fn attack(candidates: &[Vec<u8>], observed: &[(u32, Vec<u8>)]) -> f64 {
    // Identical outputs are compared once.
    let mut groups: HashMap<&[u8], Vec<u32>> = HashMap::new();
    for (pin, c) in candidates.iter().enumerate() {
        groups.entry(c.as_slice()).or_default().push(pin as u32);
    }
    let groups: Vec<(&[u8], Vec<u32>)> = groups.into_iter().collect();
    let mut score = 0.0;
    for (truth, obs) in observed {
        let mut best = u64::MAX;
        let mut nearest: Vec<usize> = Vec::new();
        for (gi, (feature, _)) in groups.iter().enumerate() {
            if let Some(d) = distance(feature, obs, best) {
                if d < best {
                    best = d;
                    nearest.clear();
                }
                nearest.push(gi);
            }
        }
        let tied: usize = nearest.iter().map(|&g| groups[g].1.len()).sum();
        if nearest.iter().any(|&g| groups[g].1.contains(truth)) {
            score += 1.0 / tied as f64;
        }
    }
    score / observed.len() as f64
}

/// Squared distance, or `None` as soon as it exceeds `bound`.
fn distance(a: &[u8], b: &[u8], bound: u64) -> Option<u64> {
    let mut d = 0u64;
    for (ca, cb) in a.chunks(256).zip(b.chunks(256)) {
        d += ca.iter().zip(cb).map(|(&x, &y)| u64::from(x.abs_diff(y)).pow(2)).sum::<u64>();
        if d > bound {
            return None;
        }
    }
    Some(d)
}

/// The PINs whose published files are attacked (fixed seed).
fn secret_pins() -> Vec<u32> {
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    let mut pins = Vec::new();
    while pins.len() < SECRETS {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        let pin = (s % 10_000) as u32;
        if !pins.contains(&pin) {
            pins.push(pin);
        }
    }
    pins
}

/// Every candidate PIN rendered and saved as the input file would be.
struct Inputs {
    files: Vec<Vec<u8>>,
    /// The box that hides the PIN: the ink of every digit, plus a pixel.
    pin_box: (u32, u32, u32, u32),
}

fn inputs(save: impl Fn(&RgbImage) -> Vec<u8>) -> Inputs {
    let r = Renderer::new();
    let (x, y, w, h) = r.ink_bounds();
    let pin_box = (x - 1, y - 1, w + 2, h + 2);
    let blank = r.render(0);
    let files = (0..10_000)
        .map(|pin| {
            let img = r.render(pin);
            // The inputs differ only inside the box.
            for (px, py, p) in img.enumerate_pixels() {
                let inside =
                    px >= pin_box.0 && px < pin_box.0 + pin_box.2 && py >= pin_box.1 && py < pin_box.1 + pin_box.3;
                assert!(inside || p == blank.get_pixel(px, py), "ink of {pin:04} outside the box at {px},{py}");
            }
            save(&img)
        })
        .collect();
    Inputs { files, pin_box }
}

/// Runs the attack on shotmask with `args` (plus the region source) and
/// returns the success rate. The published files come from the real
/// library entry point, `shotmask::run`, on files on disk; the candidates
/// from the same stages in memory, which the test checks agree byte for
/// byte on every published file.
fn attack_shotmask(inputs: &Inputs, source: RegionSource, args: &[&str], ext: &str) -> f64 {
    let dir = Dir::new();
    let (mut all, sidecar) = source.args(inputs.pin_box);
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--max-size".into(), "none".into(), "--name".into(), "{stem}".into()]);
    let image_path = dir.join(format!("in/pin.{ext}"));
    if let Some(text) = &sidecar {
        dir.write(format!("in/pin.{ext}.boxes"), text.as_bytes());
    }
    let mut pipeline = Pipeline::new(settings(&all), image_path);
    // Decoding each distinct output once is enough: decoding is a function of the bytes.
    let mut seen: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    let candidates: Vec<Vec<u8>> = inputs
        .files
        .iter()
        .map(|f| {
            let out = pipeline.output(f);
            seen.entry(out).or_insert_with_key(|o| observe(o)).clone()
        })
        .collect();

    let mut observed = Vec::new();
    for pin in secret_pins() {
        let case = dir.join(format!("s{pin:04}"));
        let input = dir.write(format!("s{pin:04}/pin.{ext}"), &inputs.files[pin as usize]);
        if let Some(text) = &sidecar {
            dir.write(format!("s{pin:04}/pin.{ext}.boxes"), text.as_bytes());
        }
        let mut s = settings(&all);
        s.inputs.out_dir = Some(case.join("out"));
        s.jobs = 1;
        let report = shotmask::run(&s, &[input], &Quiet).expect("usable output folder");
        let out = report.files[0].output.clone().unwrap_or_else(|| panic!("{pin:04}: {:?}", report.files[0].problem));
        let published = std::fs::read(out).unwrap();
        assert!(published == pipeline.output(&inputs.files[pin as usize]), "stages and run() disagree");
        observed.push((pin, observe(&published)));
    }
    attack(&candidates, &observed)
}

/// A naive "redaction" for the controls: `f` applied to the box.
fn attack_naive(inputs: &Inputs, f: impl Fn(&mut RgbImage, (u32, u32, u32, u32)), jpeg_q: Option<u8>) -> f64 {
    let process = |file: &[u8]| {
        let mut img = image::load_from_memory(file).unwrap().to_rgb8();
        f(&mut img, inputs.pin_box);
        match jpeg_q {
            Some(q) => observe(&jpeg(&img, q)),
            None => img.into_raw(),
        }
    };
    let candidates: Vec<Vec<u8>> = inputs.files.iter().map(|f| process(f)).collect();
    let observed: Vec<(u32, Vec<u8>)> =
        secret_pins().into_iter().map(|p| (p, candidates[p as usize].clone())).collect();
    attack(&candidates, &observed)
}

/// Block-average pixelation with the grid at the box origin (Greenshot,
/// GIMP, ShareX and friends).
fn pixelate(img: &mut RgbImage, (x, y, w, h): (u32, u32, u32, u32), block: u32) {
    for by in (y..y + h).step_by(block as usize) {
        for bx in (x..x + w).step_by(block as usize) {
            let (x1, y1) = ((bx + block).min(x + w), (by + block).min(y + h));
            let mut sum = [0u32; 3];
            for yy in by..y1 {
                for xx in bx..x1 {
                    for (s, v) in sum.iter_mut().zip(img.get_pixel(xx, yy).0) {
                        *s += u32::from(v);
                    }
                }
            }
            let n = (x1 - bx) * (y1 - by);
            let mean = Rgb(sum.map(|s| ((s + n / 2) / n) as u8));
            fill(img, bx, by, x1 - bx, y1 - by, mean);
        }
    }
}

/// Gaussian blur of the box (reading the pixels under it, as blur tools do).
fn blur(img: &mut RgbImage, (x, y, w, h): (u32, u32, u32, u32), sigma: f32) {
    let sub = image::imageops::crop_imm(img, x, y, w, h).to_image();
    let blurred = image::imageops::blur(&sub, sigma);
    image::imageops::replace(img, &blurred, i64::from(x), i64::from(y));
}

const CHANCE: f64 = 1.0 / 10_000.0;

#[test]
fn candidate_matching_attack_does_no_better_than_chance() {
    let png_inputs = inputs(png);
    let mut rates = Vec::new();
    for (style, style_args) in [
        ("fill", &["--style", "fill"][..]),
        ("fill auto", &["--style", "fill", "--color", "auto"]),
        ("mosaic", &["--style", "mosaic"]),
        ("blur", &["--style", "blur"]),
    ] {
        for format in ["png", "jpeg"] {
            for source in SOURCES {
                let mut args = style_args.to_vec();
                args.extend(["--format", format]);
                let rate = attack_shotmask(&png_inputs, source, &args, "png");
                eprintln!("attack on {style} / {format} / {source:?}: success {rate:.6} (chance {CHANCE})");
                rates.push((format!("{style} / {format} / {source:?}"), rate));
            }
        }
    }
    for (what, rate) in &rates {
        assert!((rate - CHANCE).abs() < 1e-12, "{what}: the attack succeeds {rate} of the time, chance is {CHANCE}");
    }
}

#[test]
fn the_attack_breaks_naive_pixelation_and_blur() {
    // The control: the same harness against what other tools do.
    let png_inputs = inputs(png);
    let pixelated = attack_naive(&png_inputs, |img, b| pixelate(img, b, 8), None);
    let pixelated_jpeg = attack_naive(&png_inputs, |img, b| pixelate(img, b, 8), Some(75));
    let blurred = attack_naive(&png_inputs, |img, b| blur(img, b, 4.0), Some(75));
    eprintln!(
        "control: 8 px pixelation {pixelated:.3}, + JPEG q75 {pixelated_jpeg:.3}, blur σ=4 + JPEG q75 {blurred:.3}"
    );
    for (what, rate) in [("pixelation", pixelated), ("pixelation + JPEG", pixelated_jpeg), ("blur + JPEG", blurred)] {
        assert!(rate >= 0.9, "the harness failed to break naive {what}: {rate}");
    }
}

#[test]
fn jpeg_inputs_leak_nothing_through_compression_around_the_box() {
    // A JPEG input spreads each block's content over the whole block (8×8,
    // or 16×16 with halved chroma as phones save), so pixels just outside a
    // tight box carry ringing from the digits inside it. Without growing
    // regions to whole blocks this attack recovered every PIN.
    let full_chroma = inputs(|img| jpeg(img, 90));
    let half_chroma = inputs(|img| {
        let mut out = Vec::new();
        let mut enc = jpeg_encoder::Encoder::new(&mut out, 90);
        enc.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
        enc.encode(img.as_raw(), W as u16, H as u16, jpeg_encoder::ColorType::Rgb).unwrap();
        out
    });
    for (chroma, inputs) in [("4:4:4", &full_chroma), ("4:2:0", &half_chroma)] {
        for (style, args) in [("fill", &["--style", "fill"][..]), ("mosaic", &["--style", "mosaic"])] {
            let rate = attack_shotmask(inputs, RegionSource::Box, &[args, &["--format", "png"]].concat(), "jpg");
            eprintln!("attack on a {chroma} JPEG input, {style}: success {rate:.6}");
            assert!((rate - CHANCE).abs() < 1e-12, "{chroma} {style}: the attack succeeds {rate} of the time");
        }
    }
}

//! How many marks of the generated ground-truth corpus (the one
//! `tests/marks_corpus.rs` checks) survive being forwarded: every scene
//! scaled to each size with four resampling filters, then re-saved as JPEG
//! at q70, q80 and q90 with 4:2:0 colour, halved either by averaging each
//! 2×2 block (as libjpeg does, the default) or, with `--point`, by taking
//! its top-left pixel. A mark counts when the detected boxes, grown by the
//! default pad, cover every pixel of its ink. Prints one table row per kind
//! and the worst share of an unmarked element masked; with `--misses`, each
//! mark not covered whole first.
//!
//! cargo run --release --example marks_sweep -- [--point] [--misses] [SCALE,...]

#[path = "../tests/marks_corpus/paint.rs"]
#[allow(dead_code)]
mod paint;
#[path = "../tests/marks_corpus/scenes.rs"]
#[allow(dead_code)]
mod scenes;

use std::collections::BTreeMap;

use image::RgbaImage;
use image::imageops::FilterType;
use jpeg_encoder::{ChromaSubsamplingMethod, ColorType, Encoder, SamplingFactor};
use shotmask::regions::find_marks;

/// The default `--pad`.
const PAD: u32 = 2;

fn forwarded(img: &RgbaImage, scale: f64, filter: FilterType, quality: u8, point: bool) -> RgbaImage {
    let (w, h) = img.dimensions();
    let (sw, sh) = (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1));
    let small = if (sw, sh) == (w, h) { img.clone() } else { image::imageops::resize(img, sw, sh, filter) };
    let rgb = image::DynamicImage::ImageRgba8(small).to_rgb8();
    let mut jpeg = Vec::new();
    let mut enc = Encoder::new(&mut jpeg, quality);
    enc.set_sampling_factor(SamplingFactor::R_4_2_0);
    enc.set_chroma_subsampling_method(if point {
        ChromaSubsamplingMethod::Nearest
    } else {
        ChromaSubsamplingMethod::Average
    });
    enc.encode(rgb.as_raw(), sw as u16, sh as u16, ColorType::Rgb).expect("encodes");
    image::load_from_memory(&jpeg).expect("decodes").into_rgba8()
}

/// The kind of a mark, without its anti-aliasing and screen density.
fn kind(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.first() {
        Some(&"pen") | Some(&"highlighter") => words[0].to_string(),
        _ => words
            .iter()
            .filter(|w| !matches!(**w, "aliased" | "anti-aliased") && !w.ends_with('×'))
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let point = args.iter().any(|a| a == "--point");
    let misses = args.iter().any(|a| a == "--misses");
    let scales: Vec<f64> = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![0.5, 0.6, 0.67, 0.75, 0.8, 0.9, 1.0]);
    let sources = scenes::originals();
    let filters = [FilterType::Triangle, FilterType::CatmullRom, FilterType::Lanczos3, FilterType::Nearest];
    // Per kind, per scale: marks, and marks whole.
    let mut tally: BTreeMap<String, BTreeMap<usize, (u32, u32)>> = BTreeMap::new();
    let mut worst = (0.0f64, String::new());
    for (si, &scale) in scales.iter().enumerate() {
        for filter in filters {
            for quality in [70u8, 80, 90] {
                for scene in &sources {
                    let img = forwarded(&scene.img, scale, filter, quality, point);
                    let (w, h) = img.dimensions();
                    let mut covered = vec![false; (w * h) as usize];
                    for r in find_marks(&img, &[scene.marker], scene.density * scale, None) {
                        let r = r.padded(PAD, w, h);
                        for y in r.y..r.bottom() {
                            covered[(y * w + r.x) as usize..(y * w + r.right()) as usize].fill(true);
                        }
                    }
                    let at = |&(x, y): &(u32, u32)| {
                        let map = |v: u32, max: u32| (((f64::from(v) + 0.5) * scale) as u32).min(max - 1);
                        (map(x, w), map(y, h))
                    };
                    let mut zones = Vec::new();
                    for m in &scene.marked {
                        let ink: Vec<(u32, u32)> = m.text.iter().chain(&m.stroke).map(at).collect();
                        let whole = ink.iter().all(|&(x, y)| covered[(y * w + x) as usize]);
                        let t = tally.entry(kind(&m.kind)).or_default().entry(si).or_default();
                        t.0 += 1;
                        t.1 += u32::from(whole);
                        if misses && !whole {
                            let left = ink.iter().filter(|&&(x, y)| !covered[(y * w + x) as usize]).count();
                            println!(
                                "missed: {}: {} at {scale}× {filter:?} q{quality} ({left} of {} ink pixels uncovered)",
                                scene.name,
                                m.kind,
                                ink.len()
                            );
                        }
                        let xs = ink.iter().map(|p| p.0);
                        let ys = ink.iter().map(|p| p.1);
                        let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0));
                        let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0));
                        zones.push((
                            x0.saturating_sub(PAD + 2),
                            y0.saturating_sub(PAD + 2),
                            x1 + PAD + 2,
                            y1 + PAD + 2,
                        ));
                    }
                    // What a mark hides includes the inside of its box.
                    for u in &scene.unmarked {
                        let outside: Vec<(u32, u32)> = u
                            .pixels
                            .iter()
                            .map(at)
                            .filter(|p| !zones.iter().any(|z| p.0 >= z.0 && p.0 <= z.2 && p.1 >= z.1 && p.1 <= z.3))
                            .collect();
                        if outside.is_empty() {
                            continue;
                        }
                        let hit = outside.iter().filter(|&&(x, y)| covered[(y * w + x) as usize]).count();
                        let share = hit as f64 / outside.len() as f64;
                        if share > worst.0 {
                            worst = (share, format!("{}: {} at {scale}× {filter:?} q{quality}", scene.name, u.what));
                        }
                    }
                }
            }
        }
    }
    let colour = if point { "point-sampled" } else { "averaged" };
    println!("marks whole, of those drawn ({colour} JPEG colour)\n");
    let header: Vec<String> = scales.iter().map(|s| format!("{s}×")).collect();
    println!("| kind | {} |", header.join(" | "));
    println!("|---|{}", "---|".repeat(scales.len()));
    for (kind, per_scale) in &tally {
        let cells: Vec<String> =
            (0..scales.len()).map(|i| per_scale.get(&i).map_or("-".into(), |(n, c)| format!("{c}/{n}"))).collect();
        println!("| {kind} | {} |", cells.join(" | "));
    }
    println!("\nworst collateral: {:.2} % of {}", 100.0 * worst.0, worst.1);
}

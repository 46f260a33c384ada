//! Writes each image as JPEG at the settings around the chroma choice of
//! `fit::jpeg::Ladder` (half chroma at q79, q85, q90; full chroma at q80,
//! q85, q90), with the encoder options shotmask uses, for
//! `benches/chroma_ladder.py` to score.
//!
//! cargo run --release --example jpeg_settings -- OUT_DIR FILE...

use std::path::Path;

use jpeg_encoder::{ColorType, Encoder, SamplingFactor};
use shotmask::load::{LoadLimits, load};

const SETTINGS: [(&str, u8, SamplingFactor); 6] = [
    ("H79", 79, SamplingFactor::R_4_2_2),
    ("H85", 85, SamplingFactor::R_4_2_2),
    ("H90", 90, SamplingFactor::R_4_2_2),
    ("F80", 80, SamplingFactor::R_4_4_4),
    ("F85", 85, SamplingFactor::R_4_4_4),
    ("F90", 90, SamplingFactor::R_4_4_4),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, files)) = args.split_first() else {
        eprintln!("usage: jpeg_settings OUT_DIR FILE...");
        std::process::exit(2);
    };
    for path in files {
        let loaded = match load(Path::new(path), &LoadLimits::default()) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("skipped: {path}: {e}");
                continue;
            }
        };
        // Over white, as shotmask flattens before a JPEG encode.
        let rgb = image::RgbImage::from_fn(loaded.image.width(), loaded.image.height(), |x, y| {
            let [r, g, b, a] = loaded.image.get_pixel(x, y).0;
            let over = |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255) as u8;
            image::Rgb([over(r), over(g), over(b)])
        });
        let (Ok(w), Ok(h)) = (u16::try_from(rgb.width()), u16::try_from(rgb.height())) else {
            eprintln!("skipped: {path}: too large for JPEG");
            continue;
        };
        let stem = Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for (tag, q, sampling) in SETTINGS {
            let mut bytes = Vec::new();
            let mut enc = Encoder::new(&mut bytes, q);
            enc.set_sampling_factor(sampling);
            enc.set_optimized_huffman_tables(true);
            // Narrow images are written progressive (see fit::jpeg).
            enc.set_progressive(rgb.width() < 544);
            if let Err(e) = enc.encode(rgb.as_raw(), w, h, ColorType::Rgb) {
                eprintln!("skipped: {path} {tag}: {e}");
                continue;
            }
            if let Err(e) = std::fs::write(Path::new(out).join(format!("{stem}.{tag}.jpg")), &bytes) {
                eprintln!("{out}: {e}");
                std::process::exit(1);
            }
        }
    }
}

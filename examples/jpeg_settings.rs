//! Writes each image as JPEG at the settings around the chroma choice of
//! shotmask's quality ladder (half chroma at q79, q85, q90; full chroma at
//! q80, q85, q90), with shotmask's own flattening and encoder, for
//! `benches/chroma_ladder.py` to score.
//!
//! cargo run --release --example jpeg_settings -- OUT_DIR FILE...

use std::path::Path;

use shotmask::fit::{Canvas, Chroma, JpegSetting, encode_jpeg};
use shotmask::load::{LoadLimits, load};

const SETTINGS: [(&str, u8, Chroma); 6] = [
    ("H79", 79, Chroma::Half),
    ("H85", 85, Chroma::Half),
    ("H90", 90, Chroma::Half),
    ("F80", 80, Chroma::Full),
    ("F85", 85, Chroma::Full),
    ("F90", 90, Chroma::Full),
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
        let canvas = Canvas::from_rgba(&loaded.image);
        let rgb = canvas.flattened();
        let stem = Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for (tag, quality, chroma) in SETTINGS {
            let bytes = match encode_jpeg(&rgb, JpegSetting { quality, chroma }) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("skipped: {path} {tag}: {e}");
                    continue;
                }
            };
            if let Err(e) = std::fs::write(Path::new(out).join(format!("{stem}.{tag}.jpg")), &bytes) {
                eprintln!("{out}: {e}");
                std::process::exit(1);
            }
        }
    }
}

//! The floor a size-limited re-encode is measured against: decode each
//! image (with shotmask's own loader, so every input the job reads counts)
//! and encode it once as JPEG quality 85 (jpeg-encoder, optimised Huffman
//! tables), in parallel over `-j N` threads, writing nothing.
//!
//! cargo run --release --example floor -- -j 2 FILE...

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use shotmask::load::{LoadLimits, load};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut jobs = 0;
    if args.first().is_some_and(|a| a == "-j") && args.len() > 1 {
        jobs = args[1].parse().unwrap_or(0);
        args.drain(..2);
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().expect("thread pool");
    let start = Instant::now();
    let bytes: u64 = pool.install(|| {
        args.par_iter()
            .map(|path| {
                let img = match load(Path::new(path), &LoadLimits::default()) {
                    Ok(loaded) => loaded.image,
                    Err(e) => {
                        eprintln!("skipped: {path}: {e}");
                        return 0;
                    }
                };
                let rgb = image::DynamicImage::ImageRgba8(img).into_rgb8();
                let mut out = Vec::new();
                let mut enc = jpeg_encoder::Encoder::new(&mut out, 85);
                enc.set_optimized_huffman_tables(true);
                match enc.encode(rgb.as_raw(), rgb.width() as u16, rgb.height() as u16, jpeg_encoder::ColorType::Rgb) {
                    Ok(()) => out.len() as u64,
                    Err(e) => {
                        eprintln!("{path}: {e}");
                        0
                    }
                }
            })
            .sum()
    });
    println!("{} images, {:.3} s, {bytes} bytes", args.len(), start.elapsed().as_secs_f64());
}

//! Per-image cost of the pipeline on a 1080×2340 phone screenshot (the demo
//! chat screen): decode, mask, fit under a limit, verify, and the whole
//! chain; plus one plain JPEG encode as the floor to compare against.
//!
//! cargo bench --bench pipeline

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use shotmask::fit::{self, FitOptions, FormatChoice, SourceHint};
use shotmask::load::{self, InputFormat, LoadLimits};
use shotmask::mask::{self, Coverage, MaskStyle};
use shotmask::regions::{PixelRect, Region, Source};
use shotmask::verify;

fn fixture() -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/Screenshot_20241125-093012_KakaoTalk.png");
    std::fs::read(p).expect("demo fixture")
}

fn regions(style: MaskStyle) -> Vec<Region> {
    [
        PixelRect { x: 186, y: 871, w: 329, h: 38 },
        PixelRect { x: 186, y: 1183, w: 587, h: 44 },
        PixelRect { x: 0, y: 0, w: 1080, h: 96 },
    ]
    .into_iter()
    .map(|r| Region::rect(r, Source::Box, style))
    .collect()
}

fn bench(c: &mut Criterion) {
    let bytes = fixture();
    let limits = LoadLimits::default();
    let loaded = load::decode(&bytes, &limits).expect("decodes");
    let hint = SourceHint { format: InputFormat::Png, jpeg_quality: None };

    let mut g = c.benchmark_group("1080x2340");
    g.sample_size(20);
    g.bench_function("decode png", |b| b.iter(|| load::decode(black_box(&bytes), &limits).map(|l| l.image.len())));
    let coverage = Coverage::of_regions(1080, 2340, &regions(MaskStyle::Mosaic));
    for style in [MaskStyle::Mosaic, MaskStyle::Blur] {
        g.bench_function(format!("mask {} (3 regions)", style.name()), |b| {
            b.iter_batched_ref(
                || loaded.image.clone(),
                |img| mask::apply(img, &regions(style), &coverage),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    let mut masked = loaded.image.clone();
    mask::apply(&mut masked, &regions(MaskStyle::Mosaic), &coverage);
    let rgb = image::DynamicImage::ImageRgba8(masked.clone()).to_rgb8();
    g.bench_function("floor: one jpeg encode q85", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut enc = jpeg_encoder::Encoder::new(&mut out, 85);
            enc.set_optimized_huffman_tables(true);
            enc.encode(rgb.as_raw(), 1080, 2340, jpeg_encoder::ColorType::Rgb).map(|_| out.len())
        })
    });
    // The JPEG encoder choice: `image`'s own encoder against jpeg-encoder's
    // settings, at the same quality. Sizes are printed once, times measured.
    let candidates: [(&str, Encode); 4] = [
        ("image JpegEncoder q75", |img| {
            let mut out = Vec::new();
            let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 75).encode_image(img);
            out
        }),
        ("jpeg-encoder q75 4:4:4", |img| jpeg_with(img, 75, jpeg_encoder::SamplingFactor::R_4_4_4, false)),
        ("jpeg-encoder q75 4:2:2", |img| jpeg_with(img, 75, jpeg_encoder::SamplingFactor::R_4_2_2, false)),
        ("jpeg-encoder q75 4:2:0 progressive", |img| jpeg_with(img, 75, jpeg_encoder::SamplingFactor::R_4_2_0, true)),
    ];
    for (name, encode) in candidates {
        eprintln!("{name}: {} bytes", encode(&rgb).len());
        g.bench_function(name, |b| b.iter(|| encode(black_box(&rgb)).len()));
    }
    for (name, limit, format) in [
        ("fit auto 1MB (lossless png)", 1_000_000, FormatChoice::Auto),
        ("fit jpeg 150KB", 150_000, FormatChoice::Jpeg),
        ("fit auto 60KB (palette png)", 60_000, FormatChoice::Auto),
    ] {
        let opts = FitOptions { max_bytes: Some(limit), format, ..FitOptions::default() };
        g.bench_function(name, |b| b.iter(|| fit::fit(black_box(&masked), &hint, &opts).map(|f| f.bytes.len())));
    }
    let opts = FitOptions { max_bytes: Some(150_000), format: FormatChoice::Jpeg, ..FitOptions::default() };
    let fitted = fit::fit(&masked, &hint, &opts).expect("fits");
    g.bench_function("verify jpeg", |b| {
        b.iter(|| verify::verify(black_box(&fitted), &regions(MaskStyle::Mosaic), &coverage).is_ok())
    });
    g.bench_function("whole pipeline, jpeg 150KB", |b| {
        b.iter(|| {
            let loaded = load::decode(black_box(&bytes), &limits).expect("decodes");
            let mut img = loaded.image;
            let regions = regions(MaskStyle::Mosaic);
            let coverage = Coverage::of_regions(1080, 2340, &regions);
            mask::apply(&mut img, &regions, &coverage);
            let fitted = fit::fit(&img, &hint, &opts).expect("fits");
            verify::verify(&fitted, &regions, &coverage).is_ok()
        })
    });
    g.finish();
}

/// One way to encode a JPEG, for comparing encoders.
type Encode = fn(&image::RgbImage) -> Vec<u8>;

fn jpeg_with(img: &image::RgbImage, q: u8, sampling: jpeg_encoder::SamplingFactor, progressive: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, q);
    enc.set_sampling_factor(sampling);
    enc.set_optimized_huffman_tables(true);
    enc.set_progressive(progressive);
    let _ = enc.encode(img.as_raw(), img.width() as u16, img.height() as u16, jpeg_encoder::ColorType::Rgb);
    out
}

criterion_group!(benches, bench);
criterion_main!(benches);

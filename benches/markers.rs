//! Cost of finding marker strokes on a 1080×2340 phone screenshot (the demo
//! chat screen with a filled pen box, a highlighter swipe and a scribble
//! drawn on it), next to one plain JPEG encode of the same image: detection
//! runs on every image by default, so it must cost far less than that.
//!
//! cargo bench --bench markers

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use image::{Rgba, RgbaImage};
use shotmask::load::{self, LoadLimits};
use shotmask::regions::{self, find_marks};
use shotmask::spec::Rgb;

const MAGENTA: [u8; 3] = [255, 0, 255];

fn blend(img: &mut RgbaImage, x: u32, y: u32, a: f32) {
    let p = img.get_pixel_mut(x, y);
    for (channel, ink) in p.0.iter_mut().zip(MAGENTA) {
        *channel = (a * f32::from(ink) + (1.0 - a) * f32::from(*channel)).round() as u8;
    }
}

/// The demo chat screen with three marks on the phone number, the bank
/// account and the order number.
fn marked_screenshot() -> RgbaImage {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/Screenshot_20241125-093012_KakaoTalk.png");
    let bytes = std::fs::read(p).expect("demo fixture");
    let mut img = load::decode(&bytes, &LoadLimits::default()).expect("decodes").image;
    // A filled pen box.
    for y in 865..915 {
        for x in 180..520 {
            img.put_pixel(x, y, Rgba([255, 0, 255, 255]));
        }
    }
    // A highlighter swipe at 40%.
    for y in 1176..1234 {
        for x in 180..780 {
            blend(&mut img, x, y, 0.4);
        }
    }
    // A zigzag scribble, 15 px wide.
    for x in 600..1000u32 {
        let phase = (x - 600) % 60;
        let yc = 2100 + if phase < 30 { phase * 2 } else { (60 - phase) * 2 };
        for y in yc - 7..yc + 8 {
            img.put_pixel(x, y, Rgba([255, 0, 255, 255]));
        }
    }
    img
}

fn bench(c: &mut Criterion) {
    let img = marked_screenshot();
    let (w, h) = img.dimensions();
    let density = regions::screen_density(w, h);
    let marks = find_marks(&img, &[Rgb(MAGENTA)], density, None);
    assert_eq!(marks.len(), 3, "the three marks are found: {marks:?}");

    let mut g = c.benchmark_group("1080x2340");
    g.sample_size(30);
    g.bench_function("markers: detect 1 colour", |b| {
        b.iter(|| find_marks(black_box(&img), &[Rgb(MAGENTA)], density, None))
    });
    let three = [Rgb(MAGENTA), Rgb([0xFF, 0xCC, 0x00]), Rgb([0x00, 0x7A, 0xFF])];
    g.bench_function("markers: detect 3 colours", |b| b.iter(|| find_marks(black_box(&img), &three, density, None)));
    let unmarked = load::decode(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/Screenshot_20241125-093012_KakaoTalk.png"),
        )
        .expect("demo fixture"),
        &LoadLimits::default(),
    )
    .expect("decodes")
    .image;
    g.bench_function("markers: detect 1 colour, nothing marked", |b| {
        b.iter(|| find_marks(black_box(&unmarked), &[Rgb(MAGENTA)], density, None))
    });
    let rgb = image::DynamicImage::ImageRgba8(img.clone()).to_rgb8();
    g.bench_function("floor: one jpeg encode q85", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut enc = jpeg_encoder::Encoder::new(&mut out, 85);
            enc.set_optimized_huffman_tables(true);
            enc.encode(rgb.as_raw(), w as u16, h as u16, jpeg_encoder::ColorType::Rgb).map(|_| out.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Cost of the marker work on a screenshot, next to one plain JPEG encode
//! of the same image: marks are looked for on every image by default, and
//! the residual check runs on every masked image, so together they must
//! cost at most a third of that encode.
//!
//! Two screens: the demo chat screenshot (1080×2340, a 3× phone) with a
//! filled pen box, a highlighter swipe and a scribble drawn on it; and the
//! demo macOS screenshot placed on a 1920×1080 desktop (a 1× screen, every
//! pixel looked at) with a one-pixel rectangle, a two-pixel ellipse and a
//! highlighter swipe.
//!
//! cargo bench --bench markers

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use image::{Rgba, RgbaImage};
use shotmask::load::{self, LoadLimits};
use shotmask::mask::{self, MaskStyle};
use shotmask::regions::{self, Region, Source, find_marks, residual_ink, scan_marks};
use shotmask::spec::Rgb;

const MAGENTA: [u8; 3] = [255, 0, 255];

fn blend(img: &mut RgbaImage, x: u32, y: u32, a: f32) {
    let p = img.get_pixel_mut(x, y);
    for (channel, ink) in p.0.iter_mut().zip(MAGENTA) {
        *channel = (a * f32::from(ink) + (1.0 - a) * f32::from(*channel)).round() as u8;
    }
}

fn demo(name: &str) -> RgbaImage {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo").join(name);
    let bytes = std::fs::read(p).expect("demo fixture");
    load::decode(&bytes, &LoadLimits::default()).expect("decodes").image
}

/// The demo chat screen with three marks on the phone number, the bank
/// account and the order number.
fn phone() -> RgbaImage {
    let mut img = demo("Screenshot_20241125-093012_KakaoTalk.png");
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

/// The macOS demo screenshot on a 1920×1080 desktop (a wallpaper gradient
/// and a dock), with a Paint-style one-pixel rectangle, a two-pixel
/// ellipse and a highlighter swipe.
fn desktop() -> RgbaImage {
    let window = demo("스크린샷 2024-11-25 오후 1.22.34.png");
    let mut img = RgbaImage::from_fn(1920, 1080, |x, y| Rgba([40 + (x / 24) as u8, 60 + (y / 20) as u8, 110, 255]));
    image::imageops::replace(&mut img, &window, 240, 60);
    for y in 1000..1070 {
        for x in 560..1360 {
            img.put_pixel(x, y, Rgba([236, 236, 240, 255]));
        }
    }
    for x in 400..700 {
        img.put_pixel(x, 300, Rgba([255, 0, 255, 255]));
        img.put_pixel(x, 330, Rgba([255, 0, 255, 255]));
    }
    for y in 300..=330 {
        img.put_pixel(400, y, Rgba([255, 0, 255, 255]));
        img.put_pixel(699, y, Rgba([255, 0, 255, 255]));
    }
    for i in 0..2000 {
        let t = i as f32 / 2000.0 * std::f32::consts::TAU;
        for r in [0.0, 1.0] {
            let (x, y) = (900.0 + (160.0 + r) * t.cos(), 600.0 + (40.0 + r) * t.sin());
            img.put_pixel(x as u32, y as u32, Rgba([255, 0, 255, 255]));
        }
    }
    for y in 760..784 {
        for x in 500..900 {
            blend(&mut img, x, y, 0.4);
        }
    }
    img
}

fn bench_screen(c: &mut Criterion, name: &str, img: &RgbaImage, marks_drawn: usize) {
    let (w, h) = img.dimensions();
    let density = regions::screen_density(w, h);
    let markers = [Rgb(MAGENTA)];
    let marks = find_marks(img, &markers, density, None);
    assert_eq!(marks.len(), marks_drawn, "{name}: every mark is found: {marks:?}");
    let scan = scan_marks(img, &markers, density, None);
    assert!(scan.other_colours.is_empty(), "{name}: {:?}", scan.other_colours);
    let masked_regions: Vec<Region> =
        marks.iter().map(|r| Region::rect(r.padded(2, w, h), Source::Marker, MaskStyle::Mosaic)).collect();
    let mut masked = img.clone();
    let coverage = mask::Coverage::of_regions(w, h, &masked_regions);
    mask::apply(&mut masked, &masked_regions, &coverage);
    assert_eq!(residual_ink(&masked, &coverage, &markers, None), vec![], "{name}: nothing left");

    let mut g = c.benchmark_group(name);
    g.sample_size(20);
    g.bench_function("markers: find_marks", |b| b.iter(|| find_marks(black_box(img), &markers, density, None)));
    g.bench_function("markers: scan_marks (marks and other colours)", |b| {
        b.iter(|| scan_marks(black_box(img), &markers, density, None))
    });
    g.bench_function("markers: residual_ink", |b| {
        b.iter(|| residual_ink(black_box(&masked), &coverage, &markers, scan.colour.as_ref()))
    });
    g.bench_function("markers: scan_marks + residual_ink", |b| {
        b.iter(|| {
            // The batch reads after masking only where the scan saw colour.
            let scan = scan_marks(black_box(img), &markers, density, None);
            let left = residual_ink(black_box(&masked), &coverage, &markers, scan.colour.as_ref());
            (scan, left)
        })
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

fn bench(c: &mut Criterion) {
    bench_screen(c, "1080x2340", &phone(), 3);
    bench_screen(c, "1920x1080", &desktop(), 3);
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Cost of the OCR-free rule detectors on a 1080×2340 phone screenshot (the
//! demo chat screen): template matching of two real UI elements cut from it
//! (the back arrow, found once; the avatar, found on every incoming message),
//! QR code detection with and without a code on screen, and 1D barcode
//! detection (no barcode on screen). Each runs on one core (no rayon inside).
//!
//! cargo bench --bench rules

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use image::{GrayImage, Luma, RgbaImage, imageops};
use shotmask::regions::template::{Pattern, luma};
use shotmask::regions::{barcode, qr};

fn fixture() -> RgbaImage {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/Screenshot_20241125-093012_KakaoTalk.png");
    image::open(p).expect("demo fixture").into_rgba8()
}

/// The screenshot with a 5-px-module QR code on a white card at (600, 1500).
fn with_qr(gray: &GrayImage) -> GrayImage {
    let code = qrcode::QrCode::new(b"https://pay.example/to/8231-4410-2291?name=KIM").expect("encodes");
    let n = code.width() as u32;
    let m = 5;
    let mut out = gray.clone();
    let (x, y) = (600, 1500);
    for yy in y - 4 * m..y + (n + 4) * m {
        for xx in x - 4 * m..x + (n + 4) * m {
            out.put_pixel(xx, yy, Luma([255]));
        }
    }
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            for k in 0..m * m {
                out.put_pixel(x + (i as u32 % n) * m + k % m, y + (i as u32 / n) * m + k / m, Luma([0]));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let image = fixture();
    assert_eq!(image.dimensions(), (1080, 2340));
    let gray = luma(&image);
    let arrow = Pattern::new(imageops::crop_imm(&gray, 56, 140, 40, 68).to_image()).expect("arrow");
    let avatar = Pattern::new(imageops::crop_imm(&gray, 32, 296, 108, 108).to_image()).expect("avatar");
    let avatars = avatar.find(&gray, 0.85, None, 1.0).len();
    assert_eq!(arrow.find(&gray, 0.85, None, 1.0).len(), 1);
    assert!(avatars >= 5, "{avatars} avatars");
    let qr_gray = with_qr(&gray);
    assert_eq!(qr::find(&qr_gray).len(), 1);
    assert_eq!(qr::find(&gray).len(), 0);
    assert_eq!(barcode::find(&gray).len(), 0);
    assert_eq!(barcode::find(&qr_gray).len(), 0);

    let mut g = c.benchmark_group("1080x2340 rules");
    g.sample_size(20);
    g.bench_function("gray conversion (once per image)", |b| b.iter(|| luma(black_box(&image))));
    g.bench_function("template 40x68 back arrow, whole image", |b| {
        b.iter(|| arrow.find(black_box(&gray), 0.85, None, 1.0))
    });
    g.bench_function(format!("template 108x108 avatar, whole image ({avatars} matches)"), |b| {
        b.iter(|| avatar.find(black_box(&gray), 0.85, None, 1.0))
    });
    g.bench_function("template 40x68 back arrow, cut at 2x, scaled 1.5x", |b| {
        let small = Pattern::new(imageops::resize(
            &imageops::crop_imm(&gray, 56, 140, 40, 68).to_image(),
            27,
            45,
            imageops::FilterType::Triangle,
        ))
        .expect("small arrow");
        b.iter(|| small.find(black_box(&gray), 0.8, None, 1.5))
    });
    g.bench_function("qr detect, no code on screen", |b| b.iter(|| qr::find(black_box(&gray))));
    g.bench_function("qr detect, one code on screen", |b| b.iter(|| qr::find(black_box(&qr_gray))));
    g.bench_function("barcode detect, no barcode on screen", |b| b.iter(|| barcode::find(black_box(&gray))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

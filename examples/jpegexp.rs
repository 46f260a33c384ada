use std::time::Instant;
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};
fn enc(img: &image::RgbImage, q: u8, prog: bool, opt: bool, sub: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = Encoder::new(&mut out, q);
    e.set_sampling_factor(if sub { SamplingFactor::R_4_2_0 } else { SamplingFactor::R_4_4_4 });
    e.set_progressive(prog);
    e.set_optimized_huffman_tables(opt);
    e.encode(img.as_raw(), img.width() as u16, img.height() as u16, ColorType::Rgb).unwrap();
    out
}
fn stripes(img: &image::RgbImage, every: u32) -> image::RgbImage {
    let (w, h) = img.dimensions();
    let rows: Vec<u32> = (0..h).filter(|y| (y / 16) % every == 0).collect();
    let mut out = image::RgbImage::new(w, rows.len() as u32);
    for (i, &y) in rows.iter().enumerate() { for x in 0..w { out.put_pixel(x, i as u32, *img.get_pixel(x, y)); } }
    out
}
fn main() {
    for path in std::env::args().skip(1) {
        let img = image::open(&path).unwrap().to_rgb8();
        println!("{path} {:?}", img.dimensions());
        for (name, prog, opt, sub) in [("base444", false, false, false), ("opt444", false, true, false), ("prog444", true, true, false), ("base420", false, false, true), ("opt420", false, true, true), ("prog420", true, true, true)] {
            let t = Instant::now();
            let mut n = 0;
            for _ in 0..3 { n = enc(&img, 85, prog, opt, sub).len(); }
            println!("  {name}: {} bytes {:?}", n, t.elapsed() / 3);
        }
        for every in [4u32, 8] {
            let p = stripes(&img, every);
            let mut line = format!("  stripes 1/{every}: ratio full/proxy at q =");
            for q in [40u8, 60, 75, 85, 90] {
                let f = enc(&img, q, true, true, q < 80).len() as f64;
                let s = enc(&p, q, true, true, q < 80).len() as f64;
                line += &format!(" {q}:{:.2}", f / s);
            }
            let t = Instant::now();
            enc(&p, 85, true, true, false);
            println!("{line}  (proxy encode {:?})", t.elapsed());
        }
    }
}

//! How legible an encoding is: SSIM on luma, the structural similarity of
//! what a reader sees, between the masked image and a candidate encoding.
//!
//! It only has to rank candidates of the same image (a palette PNG against
//! a JPEG), so a fast variant is enough: 8×8 windows every 8 pixels,
//! standard constants, luma only.

use super::canvas::Canvas;

/// Mean SSIM of two images of the same size, in [-1, 1] (1 = identical).
pub fn ssim(a: &Canvas, b: &Canvas) -> f64 {
    let (w, h) = a.dimensions();
    if b.dimensions() != (w, h) || w < 8 || h < 8 {
        return if same_pixels(a, b) { 1.0 } else { 0.0 };
    }
    const C1: f64 = (0.01 * 255.0) * (0.01 * 255.0);
    const C2: f64 = (0.03 * 255.0) * (0.03 * 255.0);
    let la = luma(a);
    let lb = luma(b);
    let mut total = 0.0;
    let mut windows = 0u64;
    for wy in (0..=h - 8).step_by(8) {
        for wx in (0..=w - 8).step_by(8) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0f64, 0.0f64, 0.0f64, 0.0f64, 0.0f64);
            for y in wy..wy + 8 {
                let row = (y * w) as usize;
                for x in wx..wx + 8 {
                    let (p, q) = (f64::from(la[row + x as usize]), f64::from(lb[row + x as usize]));
                    sa += p;
                    sb += q;
                    saa += p * p;
                    sbb += q * q;
                    sab += p * q;
                }
            }
            let n = 64.0;
            let (ma, mb) = (sa / n, sb / n);
            let va = (saa / n - ma * ma).max(0.0);
            let vb = (sbb / n - mb * mb).max(0.0);
            let cov = sab / n - ma * mb;
            total += ((2.0 * ma * mb + C1) * (2.0 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
            windows += 1;
        }
    }
    total / windows.max(1) as f64
}

fn luma(c: &Canvas) -> Vec<f32> {
    let (w, h) = c.dimensions();
    let mut out = Vec::with_capacity(w as usize * h as usize);
    match c {
        Canvas::Rgb(i) => out.extend(
            i.pixels().map(|p| 0.299 * f32::from(p.0[0]) + 0.587 * f32::from(p.0[1]) + 0.114 * f32::from(p.0[2])),
        ),
        Canvas::Rgba(i) => out.extend(i.pixels().map(|p| {
            // Composited over white, as it is shown.
            let a = f32::from(p.0[3]) / 255.0;
            let y = 0.299 * f32::from(p.0[0]) + 0.587 * f32::from(p.0[1]) + 0.114 * f32::from(p.0[2]);
            y * a + 255.0 * (1.0 - a)
        })),
    }
    out
}

fn same_pixels(a: &Canvas, b: &Canvas) -> bool {
    a.dimensions() == b.dimensions() && luma(a) == luma(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::RgbImage;

    fn text(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            if (y / 6) % 2 == 0 && (x / 3) % 3 != 0 { image::Rgb([20, 20, 20]) } else { image::Rgb([250, 250, 250]) }
        })
    }

    #[test]
    fn identical_is_one_and_damage_ranks_lower() {
        let a = Canvas::Rgb(text(64, 64));
        assert!((ssim(&a, &a) - 1.0).abs() < 1e-9);
        let mut slightly = text(64, 64);
        slightly.put_pixel(10, 10, image::Rgb([120, 120, 120]));
        let mut badly = text(64, 64);
        for p in badly.pixels_mut().step_by(3) {
            p.0 = [128, 128, 128];
        }
        let s1 = ssim(&a, &Canvas::Rgb(slightly));
        let s2 = ssim(&a, &Canvas::Rgb(badly));
        assert!(1.0 > s1 && s1 > s2, "{s1} {s2}");
    }
}

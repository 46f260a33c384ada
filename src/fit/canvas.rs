//! The pixels handed to the encoders: opaque images travel as RGB (a quarter
//! less to move, and PNG/JPEG need no alpha), others as RGBA.

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType as ResizeFilter, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::imageops::FilterType;
use std::borrow::Cow;

use image::{RgbImage, RgbaImage};
use rustc_hash::FxHashSet;

/// How an image changes from each pixel to its right neighbour.
#[derive(Debug, Clone, Copy)]
pub struct Texture {
    /// Share of pixels equal to their neighbour: high for flat UI, low for
    /// photos.
    pub equal: f64,
    /// Share that differ from it by at most 3 in every channel: gradients
    /// and photos, which compress best filtered.
    pub smooth: f64,
}

/// An image ready to encode.
#[derive(Debug, Clone, PartialEq)]
pub enum Canvas {
    /// Every pixel opaque.
    Rgb(RgbImage),
    /// Some pixels (partly) transparent.
    Rgba(RgbaImage),
}

impl Canvas {
    /// Drops the alpha channel when every pixel is opaque.
    pub fn from_rgba(img: &RgbaImage) -> Canvas {
        if img.as_raw().chunks_exact(4).all(|p| p[3] == 255) {
            let (w, h) = img.dimensions();
            let mut rgb = vec![0u8; img.as_raw().len() / 4 * 3];
            for (to, from) in rgb.chunks_exact_mut(3).zip(img.as_raw().chunks_exact(4)) {
                to.copy_from_slice(&from[..3]);
            }
            Canvas::Rgb(RgbImage::from_raw(w, h, rgb).unwrap_or_else(|| RgbImage::new(w, h)))
        } else {
            Canvas::Rgba(img.clone())
        }
    }

    /// Width and height.
    pub fn dimensions(&self) -> (u32, u32) {
        match self {
            Canvas::Rgb(i) => i.dimensions(),
            Canvas::Rgba(i) => i.dimensions(),
        }
    }

    /// Resampled to `width`×`height` with Catmull-Rom (sharp enough for
    /// text; alpha premultiplied while resampling), by `fast_image_resize`,
    /// 20–50× faster than `image`'s generic resampler on a phone screenshot.
    pub fn resized(&self, width: u32, height: u32) -> Canvas {
        let (w, h) = self.dimensions();
        let (pixel_type, data) = match self {
            Canvas::Rgb(i) => (PixelType::U8x3, i.as_raw().clone()),
            Canvas::Rgba(i) => (PixelType::U8x4, i.as_raw().clone()),
        };
        let fast = Image::from_vec_u8(w, h, data, pixel_type).ok().and_then(|src| {
            let mut dst = Image::new(width, height, pixel_type);
            let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(ResizeFilter::CatmullRom));
            Resizer::new().resize(&src, &mut dst, &opts).ok().map(|()| dst.into_vec())
        });
        // The fallback is not expected; it gives the same kind of result, slowly.
        match self {
            Canvas::Rgb(i) => Canvas::Rgb(
                fast.and_then(|v| RgbImage::from_raw(width, height, v))
                    .unwrap_or_else(|| image::imageops::resize(i, width, height, FilterType::CatmullRom)),
            ),
            Canvas::Rgba(i) => Canvas::Rgba(
                fast.and_then(|v| RgbaImage::from_raw(width, height, v))
                    .unwrap_or_else(|| image::imageops::resize(i, width, height, FilterType::CatmullRom)),
            ),
        }
    }

    /// Composited over white, as a viewer without alpha shows it (for JPEG).
    pub fn flattened(&self) -> Cow<'_, RgbImage> {
        match self {
            Canvas::Rgb(i) => Cow::Borrowed(i),
            Canvas::Rgba(i) => {
                let (w, h) = i.dimensions();
                let rgb = i
                    .as_raw()
                    .chunks_exact(4)
                    .flat_map(|p| {
                        let a = u32::from(p[3]);
                        [0, 1, 2].map(|c| ((u32::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8)
                    })
                    .collect();
                Cow::Owned(RgbImage::from_raw(w, h, rgb).unwrap_or_else(|| RgbImage::new(w, h)))
            }
        }
    }

    /// The pixel bytes, row after row, and the bytes per pixel.
    pub fn raw(&self) -> (&[u8], usize) {
        match self {
            Canvas::Rgb(i) => (i.as_raw(), 3),
            Canvas::Rgba(i) => (i.as_raw(), 4),
        }
    }

    /// How the image changes from pixel to pixel, on every eighth row.
    pub fn texture(&self) -> Texture {
        let (w, _) = self.dimensions();
        let (raw, channels) = self.raw();
        if w < 2 {
            return Texture { equal: 0.0, smooth: 0.0 };
        }
        let (mut equal, mut smooth, mut total) = (0u64, 0u64, 0u64);
        for row in raw.chunks_exact(w as usize * channels).step_by(8) {
            for (a, b) in row.chunks_exact(channels).zip(row.chunks_exact(channels).skip(1)) {
                let step = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
                equal += u64::from(step == 0);
                smooth += u64::from((1..=3).contains(&step));
                total += 1;
            }
        }
        let total = total.max(1) as f64;
        Texture { equal: equal as f64 / total, smooth: smooth as f64 / total }
    }

    /// The pixel at `(x, y)` as RGBA.
    pub fn rgba_at(&self, x: u32, y: u32) -> [u8; 4] {
        match self {
            Canvas::Rgb(i) => {
                let p = i.get_pixel(x, y).0;
                [p[0], p[1], p[2], 255]
            }
            Canvas::Rgba(i) => i.get_pixel(x, y).0,
        }
    }

    /// Counts distinct colours, stopping once there are more than `cap`.
    pub fn count_colors(&self, cap: usize) -> usize {
        let (raw, channels) = self.raw();
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        let mut last = None;
        for p in raw.chunks_exact(channels) {
            let key = p.iter().fold(0u32, |k, &c| k << 8 | u32::from(c));
            // Screenshots are runs of one colour: look each run up once.
            if last == Some(key) {
                continue;
            }
            last = Some(key);
            if seen.insert(key) && seen.len() > cap {
                break;
            }
        }
        seen.len()
    }
}

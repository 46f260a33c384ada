//! The pixels handed to the encoders: opaque images travel as RGB (a quarter
//! less to move, and PNG/JPEG need no alpha), others as RGBA.

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType as ResizeFilter, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::imageops::FilterType;
use image::{RgbImage, RgbaImage};

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
        if img.pixels().all(|p| p.0[3] == 255) {
            let (w, h) = img.dimensions();
            let rgb: Vec<u8> = img.as_raw().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
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
    pub fn flattened(&self) -> RgbImage {
        match self {
            Canvas::Rgb(i) => i.clone(),
            Canvas::Rgba(i) => {
                let (w, h) = i.dimensions();
                RgbImage::from_fn(w, h, |x, y| {
                    let p = i.get_pixel(x, y).0;
                    let a = u32::from(p[3]);
                    image::Rgb([0, 1, 2].map(|c| ((u32::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8))
                })
            }
        }
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
        let mut seen = std::collections::HashSet::with_capacity(cap + 1);
        let mut add = |key: u32| {
            seen.insert(key);
            seen.len() > cap
        };
        match self {
            Canvas::Rgb(i) => {
                for p in i.pixels() {
                    if add(u32::from_be_bytes([0, p.0[0], p.0[1], p.0[2]])) {
                        break;
                    }
                }
            }
            Canvas::Rgba(i) => {
                for p in i.pixels() {
                    if add(u32::from_be_bytes(p.0)) {
                        break;
                    }
                }
            }
        }
        seen.len()
    }
}

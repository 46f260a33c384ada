//! Lossless PNG through oxipng: it picks the smallest colour type (palette,
//! grey, RGB) and filter, with libdeflate. Only critical chunks are written.

use oxipng::{BitDepth, ColorType, Options, RawImage, StripChunks};

use super::canvas::Canvas;

/// Encodes losslessly. `effort` is an oxipng preset (0–6).
pub fn encode(canvas: &Canvas, effort: u8) -> Result<Vec<u8>, String> {
    let (w, h) = canvas.dimensions();
    let (color, data) = match canvas {
        Canvas::Rgb(i) => (ColorType::RGB { transparent_color: None }, i.as_raw().clone()),
        Canvas::Rgba(i) => (ColorType::RGBA, i.as_raw().clone()),
    };
    let raw = RawImage::new(w, h, color, BitDepth::Eight, data).map_err(|e| e.to_string())?;
    let mut opts = Options::from_preset(effort);
    opts.strip = StripChunks::All;
    opts.force = true;
    raw.create_optimized_png(&opts).map_err(|e| e.to_string())
}

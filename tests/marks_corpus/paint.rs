//! Drawing synthetic screens and the marks people put on them: text in the
//! bundled DejaVu digits, flat UI shapes, and pen, shape-tool and
//! highlighter strokes as coverage layers composited the way markup tools
//! do (`P = a·M + (1 − a)·B`).

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgba, RgbaImage};

const FONT: &[u8] = include_bytes!("../../fixtures/fonts/DejaVuSans-digits.ttf");

/// Coverage (0–1) of something drawn, per pixel of the screen.
#[derive(Clone)]
pub struct Layer {
    pub width: u32,
    pub height: u32,
    pub cover: Vec<f32>,
}

impl Layer {
    pub fn new(width: u32, height: u32) -> Layer {
        Layer { width, height, cover: vec![0.0; width as usize * height as usize] }
    }

    fn put(&mut self, x: i64, y: i64, c: f32) {
        if x >= 0 && y >= 0 && x < i64::from(self.width) && y < i64::from(self.height) {
            let i = y as usize * self.width as usize + x as usize;
            self.cover[i] = self.cover[i].max(c.clamp(0.0, 1.0));
        }
    }

    /// The pixels covered at least `min`.
    pub fn pixels(&self, min: f32) -> Vec<(u32, u32)> {
        let w = self.width as usize;
        self.cover
            .iter()
            .enumerate()
            .filter(|(_, c)| **c >= min)
            .map(|(i, _)| ((i % w) as u32, (i / w) as u32))
            .collect()
    }

    /// The box `(x, y, w, h)` of the pixels covered at least `min`.
    pub fn bounds(&self, min: f32) -> (u32, u32, u32, u32) {
        let px = self.pixels(min);
        let x0 = px.iter().map(|p| p.0).min().unwrap_or(0);
        let y0 = px.iter().map(|p| p.1).min().unwrap_or(0);
        let x1 = px.iter().map(|p| p.0 + 1).max().unwrap_or(0);
        let y1 = px.iter().map(|p| p.1 + 1).max().unwrap_or(0);
        (x0, y0, x1.saturating_sub(x0), y1.saturating_sub(y0))
    }

    /// Coverage by distance: every pixel whose centre lies within
    /// `width / 2` of the set `dist` measures, anti-aliased over one pixel
    /// or, `aliased`, all or nothing (as Paint draws). `bbox` bounds where
    /// to look.
    fn by_distance(&mut self, bbox: (f32, f32, f32, f32), width: f32, aliased: bool, dist: impl Fn(f32, f32) -> f32) {
        let (x0, y0, x1, y1) = bbox;
        let m = width / 2.0 + 2.0;
        for y in (y0 - m).floor().max(0.0) as i64..=(y1 + m).ceil() as i64 {
            for x in (x0 - m).floor().max(0.0) as i64..=(x1 + m).ceil() as i64 {
                let d = dist(x as f32 + 0.5, y as f32 + 0.5);
                let c = if aliased {
                    // A hair over half a pixel keeps one-pixel lines 8-connected.
                    if d <= (width / 2.0).max(0.6) { 1.0 } else { 0.0 }
                } else {
                    (width / 2.0 + 0.5 - d).clamp(0.0, 1.0)
                };
                if c > 0.0 {
                    self.put(x, y, c);
                }
            }
        }
    }

    /// A round-capped stroke through `points`, `width` pixels wide.
    pub fn polyline(&mut self, points: &[(f32, f32)], width: f32, aliased: bool) {
        let bbox = points.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |b, p| {
            (b.0.min(p.0), b.1.min(p.1), b.2.max(p.0), b.3.max(p.1))
        });
        self.by_distance(bbox, width, aliased, |px, py| segment_distance(points, px, py));
    }

    /// An axis-aligned rectangle outline of `width` pixels whose outer edge
    /// is `(x0, y0)`–`(x1, y1)` (exclusive), as a shape tool draws it.
    pub fn rect_outline(&mut self, x0: u32, y0: u32, x1: u32, y1: u32, width: u32) {
        for y in y0..y1 {
            for x in x0..x1 {
                let inner = x >= x0 + width && x + width < x1 && y >= y0 + width && y + width < y1;
                if !inner {
                    self.put(i64::from(x), i64::from(y), 1.0);
                }
            }
        }
    }

    /// A filled polygon, anti-aliased by 4×4 supersampling.
    pub fn polygon(&mut self, points: &[(f32, f32)]) {
        let bbox = points.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |b, p| {
            (b.0.min(p.0), b.1.min(p.1), b.2.max(p.0), b.3.max(p.1))
        });
        for y in bbox.1.floor().max(0.0) as i64..=bbox.3.ceil() as i64 {
            for x in bbox.0.floor().max(0.0) as i64..=bbox.2.ceil() as i64 {
                let mut n = 0;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let (px, py) = (x as f32 + (sx as f32 + 0.5) / 4.0, y as f32 + (sy as f32 + 0.5) / 4.0);
                        n += u32::from(inside(points, px, py));
                    }
                }
                if n > 0 {
                    self.put(x, y, n as f32 / 16.0);
                }
            }
        }
    }
}

/// Distance from `(px, py)` to the polyline through `points`.
fn segment_distance(points: &[(f32, f32)], px: f32, py: f32) -> f32 {
    points
        .windows(2)
        .map(|s| {
            let (a, b) = (s[0], s[1]);
            let (vx, vy) = (b.0 - a.0, b.1 - a.1);
            let len = (vx * vx + vy * vy).max(1e-6);
            let t = (((px - a.0) * vx + (py - a.1) * vy) / len).clamp(0.0, 1.0);
            ((px - a.0 - t * vx).powi(2) + (py - a.1 - t * vy).powi(2)).sqrt()
        })
        .fold(f32::MAX, f32::min)
}

/// Even-odd point-in-polygon.
fn inside(points: &[(f32, f32)], px: f32, py: f32) -> bool {
    let mut c = false;
    let n = points.len();
    for i in 0..n {
        let (a, b) = (points[i], points[(i + n - 1) % n]);
        if (a.1 > py) != (b.1 > py) && px < (b.0 - a.0) * (py - a.1) / (b.1 - a.1) + a.0 {
            c = !c;
        }
    }
    c
}

/// Points along an ellipse, closed, optionally wobbling like a hand-drawn
/// loop (`wobble` as a share of the radii) and overshooting its start.
pub fn ellipse_points(cx: f32, cy: f32, rx: f32, ry: f32, wobble: f32, overshoot: f32) -> Vec<(f32, f32)> {
    let n = 96;
    (0..=n + (overshoot * n as f32) as usize)
        .map(|i| {
            let t = i as f32 / n as f32 * std::f32::consts::TAU;
            let r = 1.0 + wobble * ((3.0 * t).sin() * 0.6 + (5.0 * t + 1.0).sin() * 0.4) + wobble * 0.3 * t;
            (cx + rx * r * t.cos(), cy + ry * r * t.sin())
        })
        .collect()
}

/// The screen being drawn.
pub struct Canvas {
    pub img: RgbaImage,
    font: FontRef<'static>,
}

impl Canvas {
    pub fn new(width: u32, height: u32, bg: [u8; 3]) -> Canvas {
        Canvas {
            img: RgbaImage::from_pixel(width, height, Rgba([bg[0], bg[1], bg[2], 255])),
            font: FontRef::try_from_slice(FONT).expect("bundled font"),
        }
    }

    pub fn layer(&self) -> Layer {
        Layer::new(self.img.width(), self.img.height())
    }

    /// Lays `color` over the screen where `layer` covers it, at `opacity`.
    pub fn composite(&mut self, layer: &Layer, color: [u8; 3], opacity: f32) {
        for (i, p) in self.img.pixels_mut().enumerate() {
            let a = layer.cover[i] * opacity;
            if a > 0.0 {
                for (v, &m) in p.0.iter_mut().zip(&color) {
                    *v = (f32::from(*v) * (1.0 - a) + f32::from(m) * a).round() as u8;
                }
            }
        }
    }

    /// A filled rectangle with corners rounded by `radius`, anti-aliased.
    pub fn rounded(&mut self, x: u32, y: u32, w: u32, h: u32, radius: f32, color: [u8; 3]) -> Layer {
        let mut layer = self.layer();
        let (x0, y0, x1, y1) = (x as f32, y as f32, (x + w) as f32, (y + h) as f32);
        let r = radius.min(w as f32 / 2.0).min(h as f32 / 2.0);
        for py in y..(y + h).min(self.img.height()) {
            for px in x..(x + w).min(self.img.width()) {
                let (fx, fy) = (px as f32 + 0.5, py as f32 + 0.5);
                let dx = (x0 + r - fx).max(fx - (x1 - r)).max(0.0);
                let dy = (y0 + r - fy).max(fy - (y1 - r)).max(0.0);
                let c = (r + 0.5 - (dx * dx + dy * dy).sqrt()).clamp(0.0, 1.0);
                layer.put(i64::from(px), i64::from(py), c);
            }
        }
        self.composite(&layer, color, 1.0);
        layer
    }

    /// Digits (and spaces) in DejaVu Sans, `size` pixels per em, with the
    /// baseline at `y` + `size`, from `x`. Returns the glyphs' coverage.
    pub fn text(&mut self, x: f32, y: f32, size: f32, s: &str, color: [u8; 3]) -> Layer {
        self.text_stretched(x, y, size, s, color, 1.0)
    }

    /// [`Canvas::text`] drawn `stretch` times wider.
    pub fn text_stretched(&mut self, x: f32, y: f32, size: f32, s: &str, color: [u8; 3], stretch: f32) -> Layer {
        let mut layer = self.layer();
        let units = self.font.units_per_em().unwrap_or(2048.0);
        let height = size * self.font.height_unscaled() / units;
        let scale = PxScale { x: height * stretch, y: height };
        let scaled = self.font.as_scaled(scale);
        let mut pen = x;
        for ch in s.chars() {
            let id = scaled.glyph_id(ch);
            if ch != ' ' {
                let g = id.with_scale_and_position(scale, point(pen, y + size));
                if let Some(outline) = self.font.outline_glyph(g) {
                    let b = outline.px_bounds();
                    outline.draw(|gx, gy, c| {
                        layer.put(b.min.x as i64 + i64::from(gx), b.min.y as i64 + i64::from(gy), c);
                    });
                }
            }
            pen += if ch == ' ' { size * 0.35 * stretch } else { scaled.h_advance(id) };
        }
        self.composite(&layer, color, 1.0);
        layer
    }

    /// The width `text` would take.
    pub fn text_width(&self, size: f32, s: &str) -> f32 {
        let units = self.font.units_per_em().unwrap_or(2048.0);
        let scale = PxScale::from(size * self.font.height_unscaled() / units);
        let scaled = self.font.as_scaled(scale);
        s.chars().map(|ch| if ch == ' ' { size * 0.35 } else { scaled.h_advance(scaled.glyph_id(ch)) }).sum()
    }
}

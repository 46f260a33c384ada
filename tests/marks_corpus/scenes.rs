//! The ground-truth corpus: synthetic phone and desktop screens with text
//! rows in bubbles, cards and panels, some of it marked with every kind of
//! mark the detector must find, and the exact pixels of what each mark
//! hides (its text) and of the mark itself.
//!
//! Every number drawn here is invented; everything is deterministic.

use image::RgbaImage;
use shotmask::regions::{MARKER_FAMILIES, MarkerFamily};
use shotmask::spec::Rgb;

use super::paint::{Canvas, Layer, ellipse_points};

/// One marked element: what the mark hides and the mark itself.
pub struct Marked {
    /// The kind of mark, for the per-kind tally.
    pub kind: String,
    /// Pixels of the text under the mark (glyph coverage ≥ 0.25).
    pub text: Vec<(u32, u32)>,
    /// Pixels of the mark's body (coverage ≥ 0.5).
    pub stroke: Vec<(u32, u32)>,
}

/// Something on the screen that is not marked and must stay readable.
pub struct Unmarked {
    pub what: String,
    pub pixels: Vec<(u32, u32)>,
}

/// One screen with its truth.
pub struct Scene {
    pub name: String,
    pub img: RgbaImage,
    /// Pixels per dp of the screen it stands for.
    pub density: f64,
    /// The `--marker` colour the marks are drawn in (a family's first
    /// shade, or a shade of it).
    pub marker: Rgb,
    pub marked: Vec<Marked>,
    pub unmarked: Vec<Unmarked>,
}

/// A background a row of text sits on.
#[derive(Clone, Copy)]
pub struct Surface {
    pub name: &'static str,
    pub fill: [u8; 3],
    pub text: [u8; 3],
}

pub const WHITE: Surface = Surface { name: "white", fill: [255, 255, 255], text: [20, 20, 20] };

/// The backgrounds highlighters are tried over: light and dark mode,
/// chat bubbles and saturated cards.
pub const SURFACES: &[Surface] = &[
    WHITE,
    Surface { name: "light grey", fill: [242, 242, 247], text: [20, 20, 20] },
    Surface { name: "dark mode", fill: [0, 0, 0], text: [255, 255, 255] },
    Surface { name: "dark grey", fill: [28, 28, 30], text: [235, 235, 245] },
    Surface { name: "blue bubble", fill: [0, 122, 255], text: [255, 255, 255] },
    Surface { name: "green bubble", fill: [52, 199, 89], text: [255, 255, 255] },
    Surface { name: "pale green bubble", fill: [220, 248, 198], text: [20, 20, 20] },
    Surface { name: "navy card", fill: [26, 35, 126], text: [255, 255, 255] },
    Surface { name: "red card", fill: [198, 40, 40], text: [255, 255, 255] },
    Surface { name: "purple card", fill: [94, 53, 177], text: [255, 255, 255] },
    Surface { name: "teal card", fill: [0, 121, 107], text: [255, 255, 255] },
    Surface { name: "yellow bubble", fill: [254, 229, 0], text: [25, 25, 25] },
];

/// A mark to draw over a row's secret.
#[derive(Clone, Copy)]
pub enum Mark {
    /// A zigzag pen scribble, `f32` dp wide.
    Scribble(f32),
    /// A hand-filled box.
    FilledBox,
    /// A hand-drawn pen outline, 4 dp wide.
    PenOutline,
    /// A shape tool's rectangle, `u32` px wide.
    Rect(u32),
    /// A shape tool's ellipse, `u32` px wide; anti-aliased unless `aliased`.
    Ellipse(u32),
    /// A freehand loop, `u32` px wide.
    Loop(u32),
    /// A highlighter swipe at this opacity.
    Swipe(f32),
}

impl Mark {
    fn name(&self, aliased: bool, density: f64) -> String {
        let d = format!("{density}×");
        let aa = if aliased { "aliased" } else { "anti-aliased" };
        match *self {
            Mark::Scribble(w) => format!("pen scribble {w} dp"),
            Mark::FilledBox => "pen filled box".into(),
            Mark::PenOutline => "pen outline".into(),
            Mark::Rect(t) => format!("rectangle {t} px {d}"),
            Mark::Ellipse(t) => format!("ellipse {t} px {aa} {d}"),
            Mark::Loop(t) => format!("freehand loop {t} px {aa} {d}"),
            Mark::Swipe(a) => format!("highlighter {a:.1}"),
        }
    }
}

/// A screen being laid out row by row.
pub struct Screen {
    canvas: Canvas,
    density: f64,
    /// Text size, pixels.
    size: f32,
    row: f32,
    y: f32,
    margin: f32,
    marked: Vec<Marked>,
    unmarked: Vec<Unmarked>,
    aliased: bool,
}

impl Screen {
    /// A phone screen (16 dp text, 48 dp rows).
    pub fn phone(width: u32, rows: u32, density: f64, bg: [u8; 3]) -> Screen {
        let d = density as f32;
        let height = ((rows as f32 + 1.0) * 48.0 * d) as u32;
        Screen::new(Canvas::new(width, height, bg), density, 16.0 * d, 48.0 * d)
    }

    /// A desktop window (13 px text, 30 px rows at 1×).
    pub fn desktop(width: u32, rows: u32, density: f64) -> Screen {
        let d = density as f32;
        let height = ((rows as f32 + 1.0) * 30.0 * d) as u32;
        let mut canvas = Canvas::new(width, height, [243, 243, 243]);
        canvas.rounded(
            (8.0 * d) as u32,
            (8.0 * d) as u32,
            width - (16.0 * d) as u32,
            height - (16.0 * d) as u32,
            0.0,
            [255, 255, 255],
        );
        Screen::new(canvas, density, 13.0 * d, 30.0 * d)
    }

    fn new(canvas: Canvas, density: f64, size: f32, row: f32) -> Screen {
        let margin = 16.0 * density as f32;
        Screen {
            canvas,
            density,
            size,
            row,
            y: row * 0.5,
            margin,
            marked: Vec::new(),
            unmarked: Vec::new(),
            aliased: false,
        }
    }

    /// Draws shape-tool marks all-or-nothing, as Paint does.
    pub fn aliased(mut self, aliased: bool) -> Screen {
        self.aliased = aliased;
        self
    }

    /// A row: `label` then `secret`, on `surface` (a bubble from the left
    /// margin over `cover` of the row's width; the screen itself when it
    /// is white and `cover` is 0). Marks the secret with `mark` in `color`
    /// when given. Returns the secret's box.
    pub fn row(&mut self, surface: Surface, cover: f32, label: &str, secret: &str, mark: Option<(Mark, [u8; 3])>) {
        let d = self.density as f32;
        let width = self.canvas.img.width() as f32;
        let (x0, y0) = (self.margin, self.y);
        let h = self.row - 8.0 * d;
        if cover > 0.0 {
            let w = ((width - 2.0 * self.margin) * cover) as u32;
            let layer = self.canvas.rounded(x0 as u32, y0 as u32, w, h as u32, 14.0 * d, surface.fill);
            self.unmarked.push(Unmarked { what: format!("{} surface", surface.name), pixels: layer.pixels(0.5) });
        }
        let ty = y0 + (h - self.size * 1.2) / 2.0;
        let tx = x0 + 12.0 * d;
        let label_layer = self.canvas.text(tx, ty, self.size, label, surface.text);
        self.unmarked.push(Unmarked { what: "label text".into(), pixels: label_layer.pixels(0.25) });
        // Room for an ellipse around the secret without touching the label.
        let sx = tx + self.canvas.text_width(self.size, label) + self.size * 4.0;
        let secret_layer = self.canvas.text(sx, ty, self.size, secret, surface.text);
        match mark {
            Some((mark, color)) => {
                let stroke = self.draw_mark(mark, &secret_layer, color);
                self.marked.push(Marked {
                    kind: mark.name(self.aliased, self.density),
                    text: secret_layer.pixels(0.25),
                    stroke: stroke.pixels(0.5),
                });
            }
            None => self.unmarked.push(Unmarked { what: "unmarked text".into(), pixels: secret_layer.pixels(0.25) }),
        }
        self.y += self.row;
    }

    /// A plain row of unmarked text on the screen.
    pub fn plain(&mut self, text: &str) {
        self.row(Surface { name: "screen", fill: [0; 3], text: [60, 60, 67] }, 0.0, text, "", None);
    }

    fn draw_mark(&mut self, mark: Mark, secret: &Layer, color: [u8; 3]) -> Layer {
        let d = self.density as f32;
        let (x, y, w, h) = secret.bounds(0.25);
        let (x0, y0, x1, y1) = (x as f32, y as f32, (x + w) as f32, (y + h) as f32);
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let mut layer = self.canvas.layer();
        let mut opacity = 1.0;
        match mark {
            Mark::Scribble(wdp) => {
                let width = wdp * d;
                let mut pts = Vec::new();
                let (mut px, mut up) = (x0 - 2.0 * d, true);
                while px < x1 + 2.0 * d {
                    pts.push((px, if up { y0 - 2.0 * d } else { y1 + 2.0 * d }));
                    px += 3.0 * width.max(2.0 * d);
                    up = !up;
                }
                pts.push((x1 + 2.0 * d, cy));
                layer.polyline(&pts, width, false);
            }
            Mark::FilledBox => {
                let m = 4.0 * d;
                layer.polygon(&[
                    (x0 - m, y0 - m + d),
                    (x1 + m, y0 - m - d),
                    (x1 + m - d, y1 + m),
                    (x0 - m - d, y1 + m + d),
                ]);
            }
            Mark::PenOutline => {
                let m = 8.0 * d;
                let pts = [
                    (x0 - m, y0 - m),
                    (x1 + m, y0 - m - d),
                    (x1 + m + d, y1 + m),
                    (x0 - m - d, y1 + m + d),
                    (x0 - m, y0 - m - 2.0 * d),
                ];
                layer.polyline(&pts, 4.0 * d, false);
            }
            Mark::Rect(t) => {
                let m = (5.0 * d) as u32;
                layer.rect_outline(x - m, y - m, x + w + m, y + h + m, t);
            }
            Mark::Ellipse(t) => {
                let (rx, ry) = (w as f32 / 2.0 * 1.42 + 3.0 * d, h as f32 / 2.0 * 1.42 + 3.0 * d);
                layer.polyline(&ellipse_points(cx, cy, rx, ry, 0.0, 0.0), t as f32, self.aliased);
            }
            Mark::Loop(t) => {
                let (rx, ry) = (w as f32 / 2.0 * 1.45 + 4.0 * d, h as f32 / 2.0 * 1.5 + 4.0 * d);
                layer.polyline(&ellipse_points(cx, cy, rx, ry, 0.05, 0.1), t as f32, self.aliased);
            }
            Mark::Swipe(a) => {
                opacity = a;
                let (h2, dy) = ((y1 - y0) / 2.0 + 5.0 * d, 0.01 * (x1 - x0));
                let (l, r) = (x0 - 3.0 * d, x1 + 3.0 * d);
                let mut band = vec![(l, cy - h2), (r, cy - h2 + dy), (r, cy + h2 + dy), (l, cy + h2)];
                // Rounded ends, as a marker's felt tip leaves them.
                for i in 1..8 {
                    let t = i as f32 / 8.0 * std::f32::consts::PI;
                    band.insert(2 + i - 1, (r + h2 * 0.4 * t.sin(), cy + dy - h2 * t.cos()));
                }
                band.extend((1..8).map(|i| {
                    let t = i as f32 / 8.0 * std::f32::consts::PI;
                    (l - h2 * 0.4 * t.sin(), cy + h2 * t.cos())
                }));
                layer.polygon(&band);
            }
        }
        self.canvas.composite(&layer, color, opacity);
        layer
    }

    pub fn finish(self, name: impl Into<String>, marker: Rgb) -> Scene {
        Scene {
            name: name.into(),
            img: self.canvas.img,
            density: self.density,
            marker,
            marked: self.marked,
            unmarked: self.unmarked,
        }
    }
}

/// Invented numbers, different per call.
pub fn number(seed: u32, groups: &[usize]) -> String {
    let mut s = seed.wrapping_mul(2654435761).wrapping_add(12345);
    groups
        .iter()
        .map(|&n| {
            (0..n)
                .map(|_| {
                    s ^= s << 13;
                    s ^= s >> 17;
                    s ^= s << 5;
                    char::from(b'0' + (s % 10) as u8)
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub const MAGENTA: [u8; 3] = [255, 0, 255];
pub const YELLOW: [u8; 3] = [0xFF, 0xCC, 0x00];

/// Pen marks on a 3× phone chat screen, light or dark.
pub fn pen_phone(dark: bool) -> Scene {
    let bg = if dark { [0, 0, 0] } else { [255, 255, 255] };
    let surface = if dark { Surface { name: "dark mode", fill: bg, text: [255, 255, 255] } } else { WHITE };
    let mut s = Screen::phone(1080, 11, 3.0, bg);
    let marks = [Mark::Scribble(5.0), Mark::FilledBox, Mark::PenOutline, Mark::Scribble(3.0), Mark::Scribble(8.0)];
    for (i, mark) in marks.iter().enumerate() {
        let i = i as u32;
        s.row(surface, 0.0, &number(i, &[2]), &number(100 + i, &[3, 4, 4]), None);
        s.row(surface, 0.0, &number(200 + i, &[2]), &number(300 + i, &[3, 4, 4]), Some((*mark, MAGENTA)));
    }
    s.finish(if dark { "pen on a dark phone" } else { "pen on a phone" }, Rgb(MAGENTA))
}

/// Shape-tool and freehand outlines, 1–3 px, on a 1× or 2× desktop.
pub fn thin_shapes(density: f64, aliased: bool) -> Scene {
    let width = (960.0 * density) as u32;
    let mut s = Screen::desktop(width, 19, density).aliased(aliased);
    let mut n = 0;
    for t in 1..=3 {
        for mark in [Mark::Rect(t), Mark::Ellipse(t), Mark::Loop(t)] {
            s.row(WHITE, 0.0, &number(n, &[4]), &number(50 + n, &[4, 4, 4]), None);
            s.row(WHITE, 0.0, &number(100 + n, &[4]), &number(150 + n, &[4, 4, 4]), Some((mark, MAGENTA)));
            n += 1;
        }
    }
    let aa = if aliased { "aliased" } else { "anti-aliased" };
    s.finish(format!("thin {aa} outlines at {density}×"), Rgb(MAGENTA))
}

/// Every original scene of the corpus: pens on a phone, thin outlines on
/// 1× and 2× desktops, highlighters in magenta and yellow.
pub fn originals() -> Vec<Scene> {
    let mut all = vec![pen_phone(false), pen_phone(true)];
    for density in [1.0, 2.0] {
        for aliased in [false, true] {
            all.push(thin_shapes(density, aliased));
        }
    }
    for color in [MAGENTA, YELLOW] {
        for part in 0..4 {
            all.push(highlighters(color, part));
        }
    }
    all
}

/// Highlighter swipes in `color` at 0.3–0.6 over every surface it can be
/// seen on, in bubbles of the surface's colour on a white or black screen;
/// `part` picks a quarter of the rows so that scenes stay small.
pub fn highlighters(color: [u8; 3], part: usize) -> Scene {
    let surfaces: Vec<Surface> = SURFACES.iter().copied().filter(|s| visible(color, s.fill)).collect();
    let opacities = [0.3, 0.4, 0.5, 0.6];
    let rows: Vec<(Surface, f32)> = surfaces
        .iter()
        .flat_map(|&s| opacities.iter().map(move |&a| (s, a)))
        .enumerate()
        .filter(|(i, _)| i % 4 == part)
        .map(|(_, r)| r)
        .collect();
    let dark = part % 2 == 1;
    let bg = if dark { [0, 0, 0] } else { [255, 255, 255] };
    let mut s = Screen::phone(1080, rows.len() as u32 * 2 + 2, 3.0, bg);
    for (i, (surface, a)) in rows.iter().enumerate() {
        let i = i as u32 + 20 * part as u32;
        s.row(*surface, 0.9, &number(i, &[2]), &number(500 + i, &[4, 4]), None);
        s.row(*surface, 0.9, &number(600 + i, &[2]), &number(700 + i, &[4, 4]), Some((Mark::Swipe(*a), color)));
    }
    // A swipe that crosses a bubble's edge onto the screen.
    let other = if dark { Surface { name: "dark mode", fill: bg, text: [255, 255, 255] } } else { WHITE };
    let edge = Surface { name: "a bubble's edge", text: other.text, ..surfaces[4 % surfaces.len()] };
    s.row(edge, 0.42, &number(900, &[2]), &number(901, &[4, 4, 4]), Some((Mark::Swipe(0.4), color)));
    s.finish(format!("highlighter {} part {part}", name(color)), Rgb(color))
}

/// Whether a highlighter in `color` can be seen over `fill` at all: not
/// over a background of its own hue.
pub fn visible(color: [u8; 3], fill: [u8; 3]) -> bool {
    let d: f32 = (0..3).map(|i| (f32::from(color[i]) - f32::from(fill[i])).powi(2)).sum::<f32>().sqrt();
    d >= 120.0
}

fn name(color: [u8; 3]) -> String {
    MARKER_FAMILIES
        .iter()
        .find(|f| f.shades.contains(&Rgb(color)))
        .map_or_else(|| Rgb(color).to_string(), |f| f.name.to_string())
}

/// Every shade of one preset family: a pen scribble and a highlighter
/// swipe in each, found with `--marker NAME`.
pub fn preset(family: &MarkerFamily) -> Scene {
    let mut s = Screen::phone(1080, family.shades.len() as u32 * 2 + 1, 3.0, [255, 255, 255]);
    for (i, shade) in family.shades.iter().enumerate() {
        let i = i as u32;
        s.row(WHITE, 0.0, &number(i, &[2]), &number(40 + i, &[3, 4, 4]), Some((Mark::Scribble(5.0), shade.0)));
        s.row(WHITE, 0.0, &number(80 + i, &[2]), &number(120 + i, &[4, 4]), Some((Mark::Swipe(0.4), shade.0)));
    }
    s.plain(&number(999, &[4, 4]));
    let mut scene = s.finish(format!("preset {}", family.name), family.colour());
    for m in &mut scene.marked {
        m.kind = format!("{} ({})", family.name, m.kind);
    }
    scene
}

/// Marks in `color` (a preset colour that is not the `--marker`): pen
/// scribbles and a highlighter swipe over numbers on a phone screen, and a
/// shape tool's rectangle, for the warning that names the colour.
pub fn other_colour(color: [u8; 3], seed: u32) -> Scene {
    let mut s = Screen::phone(1080, 9, 3.0, [255, 255, 255]);
    let marks = [Mark::Scribble(5.0), Mark::Swipe(0.4), Mark::Scribble(3.0), Mark::Rect(6)];
    for (i, mark) in marks.iter().enumerate() {
        let i = i as u32 + seed * 10;
        s.row(WHITE, 0.0, &number(i, &[2]), &number(300 + i, &[3, 4, 4]), None);
        s.row(WHITE, 0.0, &number(400 + i, &[2]), &number(500 + i, &[3, 4, 4]), Some((*mark, color)));
    }
    s.finish(format!("marks in {}", name(color)), Rgb(MAGENTA))
}

/// A phone screen full of coloured UI in the preset colours and nothing
/// marked: a blue header, red badges with counts, blue and green buttons,
/// yellow chat bubbles, a green toggle, blue links, red error text, a
/// selected row, a progress bar, coloured avatars and icons, an outlined
/// button and a translucent focus ring.
pub fn coloured_ui(variant: u32) -> Scene {
    let d = 3.0f32;
    let (w, h) = (1080u32, 2340u32);
    let mut c = Canvas::new(w, h, if variant.is_multiple_of(2) { [255, 255, 255] } else { [242, 242, 247] });
    let mut unmarked = Vec::new();
    let mut keep = |what: &str, layer: Layer| unmarked.push(Unmarked { what: what.into(), pixels: layer.pixels(0.5) });
    let px = |v: f32| (v * d) as u32;
    let blue = [0x00, 0x7A, 0xFF];
    let red = [0xFF, 0x3B, 0x30];
    let green = [0x34, 0xC7, 0x59];
    let yellow = [0xFE, 0xE5, 0x00];
    let orange = [0xFF, 0x95, 0x00];
    let purple = [0xAF, 0x52, 0xDE];
    // Header bar with a title.
    keep("header", c.rounded(0, 0, w, px(56.0), 0.0, blue));
    c.text(16.0 * d, 14.0 * d, 20.0 * d, &number(variant, &[2, 2]), [255, 255, 255]);
    let mut y = 72.0;
    // Chat list rows: avatar, name, preview, badge.
    for (i, avatar) in [purple, orange, green, blue, red].into_iter().enumerate() {
        let i = i as u32 + variant * 7;
        if i % 5 == 2 {
            keep("selected row", c.rounded(0, px(y - 6.0), w, px(64.0), 0.0, [214, 232, 255]));
        }
        keep("avatar", c.rounded(px(16.0), px(y), px(48.0), px(48.0), 24.0 * d, avatar));
        c.text(28.0 * d, (y + 12.0) * d, 18.0 * d, &number(i, &[2]), [255, 255, 255]);
        keep("name", c.text(80.0 * d, y * d, 16.0 * d, &number(10 + i, &[3, 4]), [20, 20, 20]));
        keep("preview", c.text(80.0 * d, (y + 24.0) * d, 14.0 * d, &number(20 + i, &[4, 4, 4]), [142, 142, 147]));
        if i.is_multiple_of(2) {
            keep("badge", c.rounded(w - px(48.0), px(y + 12.0), px(24.0), px(24.0), 12.0 * d, red));
            c.text(w as f32 - 42.0 * d, (y + 14.0) * d, 14.0 * d, &number(i, &[1]), [255, 255, 255]);
        }
        y += 70.0;
    }
    // Chat bubbles, KakaoTalk yellow and white, with text.
    for i in 0..4u32 {
        let mine = i % 2 == 0;
        let (bw, fill) = (180.0 + 30.0 * i as f32, if mine { yellow } else { [255, 255, 255] });
        let x = if mine { 1080.0 / d - bw - 16.0 } else { 16.0 };
        keep("bubble", c.rounded(px(x), px(y), px(bw), px(40.0), 14.0 * d, fill));
        keep("bubble text", c.text((x + 12.0) * d, (y + 10.0) * d, 16.0 * d, &number(40 + i, &[4, 4]), [25, 25, 25]));
        y += 52.0;
    }
    // Buttons: blue, green, red, with white labels; an outlined button.
    for (i, fill) in [blue, green, red].into_iter().enumerate() {
        let x = 16.0 + 120.0 * i as f32;
        keep("button", c.rounded(px(x), px(y), px(108.0), px(44.0), 10.0 * d, fill));
        c.text((x + 20.0) * d, (y + 12.0) * d, 16.0 * d, &number(50 + i as u32, &[4]), [255, 255, 255]);
    }
    y += 60.0;
    let mut outline = c.layer();
    outline.rect_outline(px(16.0), px(y), px(16.0 + 160.0), px(y + 44.0), 3);
    c.composite(&outline, blue, 1.0);
    keep("outlined button", outline);
    keep("outlined label", c.text(40.0 * d, (y + 12.0) * d, 16.0 * d, &number(60, &[4, 4]), blue));
    // A text field with a translucent blue focus ring.
    let mut ring = c.layer();
    ring.polyline(
        &[
            (200.0 * d, y * d),
            (340.0 * d, y * d),
            (340.0 * d, (y + 44.0) * d),
            (200.0 * d, (y + 44.0) * d),
            (200.0 * d, y * d),
        ],
        4.0 * d,
        false,
    );
    c.composite(&ring, blue, 0.5);
    keep("field text", c.text(210.0 * d, (y + 12.0) * d, 16.0 * d, &number(61, &[4, 2]), [20, 20, 20]));
    y += 64.0;
    // A toggle: green pill with a white knob.
    keep("toggle", c.rounded(px(16.0), px(y), px(51.0), px(31.0), 15.5 * d, green));
    c.rounded(px(38.0), px(y + 2.0), px(27.0), px(27.0), 13.5 * d, [255, 255, 255]);
    // Links, error and warning text.
    keep("link", c.text(90.0 * d, y * d, 16.0 * d, &number(70, &[4, 4, 4]), blue));
    keep("error text", c.text(90.0 * d, (y + 24.0) * d, 14.0 * d, &number(71, &[3, 3, 3, 3]), red));
    keep("warning text", c.text(90.0 * d, (y + 46.0) * d, 14.0 * d, &number(72, &[3, 3, 3]), orange));
    y += 80.0;
    // A progress bar, and icons.
    c.rounded(px(16.0), px(y), px(320.0), px(4.0), 2.0 * d, [229, 229, 234]);
    keep("progress bar", c.rounded(px(16.0), px(y), px(200.0), px(4.0), 2.0 * d, blue));
    y += 20.0;
    for (i, fill) in [orange, red, green, purple, yellow].into_iter().enumerate() {
        keep("icon", c.rounded(px(16.0 + 40.0 * i as f32), px(y), px(28.0), px(28.0), 8.0 * d, fill));
    }
    Scene {
        name: format!("coloured UI {variant}"),
        img: c.img,
        density: 3.0,
        marker: Rgb(MAGENTA),
        marked: Vec::new(),
        unmarked,
    }
}

/// A 1× desktop screen of text rendered with subpixel anti-aliasing (as
/// Windows' ClearType does): every glyph has red, blue and purple fringes
/// one pixel wide, which are neither marks nor marks in another colour.
pub fn subpixel_text() -> Scene {
    let (w, h) = (640u32, 360u32);
    // Glyphs drawn three times wider, filtered across subpixels by
    // ClearType's 1-2-3-2-1 kernel, then each third of a pixel lit into one
    // channel.
    let mut wide = Canvas::new(w * 3, h, [255, 255, 255]);
    let mut y = 12.0;
    let mut n = 0;
    while y < h as f32 - 30.0 {
        for (size, x) in [(12.0, 10.0), (14.0, 230.0), (16.0, 430.0)] {
            wide.text_stretched(x * 3.0, y, size, &number(n, &[2, 3, 4]), [0, 0, 0], 3.0);
            n += 1;
        }
        y += 22.0;
    }
    let sub = |x: i64, y: u32| f32::from(wide.img.get_pixel(x.clamp(0, i64::from(w * 3 - 1)) as u32, y).0[0]);
    let img = RgbaImage::from_fn(w, h, |x, y| {
        let c = |k: i64| {
            let s = i64::from(3 * x) + k;
            let v = sub(s - 2, y) + 2.0 * sub(s - 1, y) + 3.0 * sub(s, y) + 2.0 * sub(s + 1, y) + sub(s + 2, y);
            (v / 9.0).round() as u8
        };
        image::Rgba([c(0), c(1), c(2), 255])
    });
    let text = Unmarked {
        what: "subpixel text".into(),
        pixels: (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .filter(|&(x, y)| img.get_pixel(x, y).0[1] < 200)
            .collect(),
    };
    Scene {
        name: "subpixel text".into(),
        img,
        density: 1.0,
        marker: Rgb(MAGENTA),
        marked: Vec::new(),
        unmarked: vec![text],
    }
}

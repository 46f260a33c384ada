//! The colour test of one marker shade `M`: is a colour `P` that shade laid
//! over some background at some opacity `a`, `P = a·M + (1 − a)·B`?
//!
//! Over a neutral background (white, grey, black, text in those) the
//! chroma of `P` (its colour minus its own grey level) is exactly `a` times
//! the chroma of `M`: one projection gives `a`, the distance from that
//! direction says whether the hue is the marker's, and the grey level says
//! whether some neutral background fits. Over a coloured background `B`
//! (a chat bubble, a navy card) the same holds for `P − B` against `M − B`,
//! once `B` is known from the pixels beside the mark.

use crate::spec::Rgb;

/// Least opacity of a sample that is ink by itself. Highlighters are drawn
/// translucent, down to about 0.3; samples a little below still count, for
/// JPEG error, the anti-aliased edges of strokes and the contrast a scaled
/// copy loses.
pub(super) const MIN_SAMPLE_ALPHA: f32 = 0.2;
/// Least opacity of a faint sample, which is ink only beside one of at
/// least [`MIN_SAMPLE_ALPHA`]: a one-pixel line in a scaled JPEG copy
/// fades to this where it falls between two pixels and JPEG halves its
/// colour.
pub(super) const FAINT_ALPHA: f32 = 0.1;
/// Least opacity of a sample that may trace a line on from its clear part:
/// a shape tool's one-pixel side in a downscaled JPEG copy keeps this
/// much of its colour.
pub(super) const TRACE_ALPHA: f32 = 0.06;
/// Hue tolerance: chroma off the marker's direction, in RGB units, allowed
/// per sample: an absolute part for JPEG error, plus a part relative to the
/// ink's strength (0.1 ≈ 6°).
const HUE_ABS: f32 = 5.0;
const HUE_REL: f32 = 0.1;
/// How far (in RGB units) a sample's grey level may sit outside what a
/// neutral background allows.
const GREY_SLACK: f32 = 16.0;
/// Over a coloured background: least distance (RGB units) between the
/// marker and the background for the mark to be visible at all, and least
/// change the ink must make.
const MIN_CONTRAST: f32 = 60.0;
const MIN_CHANGE: f32 = 20.0;
/// Over a coloured background: error allowed off the line from `B` to `M`,
/// absolute (JPEG error) and relative to the change.
const LINE_ABS: f32 = 10.0;
const LINE_REL: f32 = 0.08;

/// The answer of a colour test for the last colour asked about: screens
/// are mostly runs of one colour, so most samples ask again.
pub(super) struct LastColour<C, A> {
    last: Option<(C, A)>,
}

impl<C: PartialEq + Copy, A: Copy> LastColour<C, A> {
    pub fn new() -> Self {
        LastColour { last: None }
    }

    /// `test(colour)`, or the answer kept from the last call when `colour`
    /// is the same.
    #[inline]
    pub fn answer(&mut self, colour: C, test: impl FnOnce(C) -> A) -> A {
        match self.last {
            Some((c, a)) if c == colour => a,
            _ => {
                let a = test(colour);
                self.last = Some((colour, a));
                a
            }
        }
    }
}

/// Answers of a colour test kept for the colours asked about, in a table
/// indexed by a hash of the colour (a colour takes its slot from the one
/// there before): a screen has few colours in many spans each (a gradient
/// wallpaper repeats every colour down a band of rows), and the test costs
/// more than a look up.
pub(super) struct ColourMemo<A> {
    /// Per slot, the colour (with a fourth byte of 1, so that no colour
    /// matches an empty slot) and its answer.
    slots: Vec<(u32, A)>,
}

/// Slots of a [`ColourMemo`]: a power of two, small enough to stay in the
/// fastest cache.
const MEMO_SLOTS: usize = 1 << 12;

impl<A: Copy + Default> ColourMemo<A> {
    pub fn new() -> Self {
        ColourMemo { slots: vec![(0, A::default()); MEMO_SLOTS] }
    }

    /// `test(colour)`, or the answer kept for `colour`.
    #[inline]
    pub fn answer(&mut self, colour: [u8; 3], test: impl FnOnce([u8; 3]) -> A) -> A {
        let key = u32::from_le_bytes([colour[0], colour[1], colour[2], 1]);
        // Fibonacci hashing: the top bits of the product.
        let slot = (key.wrapping_mul(0x9E37_79B9) >> (32 - MEMO_SLOTS.trailing_zeros())) as usize;
        let entry = &mut self.slots[slot];
        if entry.0 != key {
            *entry = (key, test(colour));
        }
        entry.1
    }
}

/// The opacity at which one of `inks` gives `p` over a neutral background
/// ([`Ink::alpha`]): the first that reaches [`MIN_SAMPLE_ALPHA`], else the
/// strongest, so that a shade seeing a trace does not hide one seeing more
/// (a paler shade of a family sees a faded line more strongly).
#[inline]
pub(super) fn alpha_of<'a>(inks: impl IntoIterator<Item = &'a Ink>, p: [u8; 3]) -> Option<f32> {
    let mut best: Option<f32> = None;
    for ink in inks {
        if !ink.may_be_ink(p) {
            continue;
        }
        if let Some(a) = ink.alpha(p) {
            if a >= MIN_SAMPLE_ALPHA {
                return Some(a);
            }
            best = Some(best.map_or(a, |b| b.max(a)));
        }
    }
    best
}

/// The colour test of one marker shade.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ink {
    /// The shade itself.
    pub m: [f32; 3],
    /// Three times the marker's chroma: `3M − (Mr+Mg+Mb)`.
    c: [f32; 3],
    /// `c × (1,1,1)`: the chroma direction across the marker's hue.
    n: [f32; 3],
    /// `1 / (c·M)`: turns `c·P` into the opacity `a`.
    inv_k: f32,
    /// Least `c·P` of a sample with opacity [`TRACE_ALPHA`], for the
    /// integer screen (`c` has whole components).
    u_min: i32,
    /// The same for [`FAINT_ALPHA`].
    u_faint: i32,
    /// `c` as whole numbers, for the integer screen.
    ci: [i32; 3],
    /// `Mr + Mg + Mb`.
    sum_m: f32,
    /// Allowed `|n·P|` is `hue_abs + hue_rel · c·P`.
    hue_abs: f32,
    hue_rel: f32,
}

impl Ink {
    /// The test for shade `m`; `None` for a grey, which has no hue to test.
    pub fn new(m: Rgb) -> Option<Ink> {
        let m = m.0.map(f32::from);
        let sum_m = m[0] + m[1] + m[2];
        let c = m.map(|v| 3.0 * v - sum_m);
        let k = c[0] * m[0] + c[1] * m[1] + c[2] * m[2];
        let norm = (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]).sqrt();
        if k <= 1.0 {
            return None;
        }
        // |c·P| / |c| is the chroma along the marker's hue and
        // |n·P| / (|c|·√3) the chroma across it, both in RGB units.
        let sqrt3 = 3f32.sqrt();
        Some(Ink {
            m,
            c,
            n: [c[1] - c[2], c[2] - c[0], c[0] - c[1]],
            inv_k: 1.0 / k,
            u_min: (TRACE_ALPHA * k).floor() as i32,
            u_faint: (FAINT_ALPHA * k).floor() as i32,
            ci: c.map(|v| v as i32),
            sum_m,
            hue_abs: norm * sqrt3 * HUE_ABS,
            hue_rel: sqrt3 * HUE_REL,
        })
    }

    /// The shade, as whole RGB.
    pub fn rgb(&self) -> [u8; 3] {
        self.m.map(|v| v as u8)
    }

    /// How much of the marker's chroma the colour `p` carries, whatever its
    /// hue: about 0 for neutral pixels.
    #[inline]
    pub fn strength(&self, p: [u8; 3]) -> f32 {
        let [r, g, b] = p.map(f32::from);
        (self.c[0] * r + self.c[1] * g + self.c[2] * b) * self.inv_k
    }

    /// The opacity of [`Ink::alpha`] when it is at least [`FAINT_ALPHA`],
    /// with the cheap integer screen first: for what looks for ink, not
    /// traces.
    #[inline]
    pub fn faint_alpha(&self, p: [u8; 3]) -> Option<f32> {
        if self.screen(p) < self.u_faint {
            return None;
        }
        self.alpha(p).filter(|&a| a >= FAINT_ALPHA)
    }

    /// Whether `p` passes the cheap integer screen of [`Ink::alpha`].
    #[inline]
    pub fn may_be_ink(&self, p: [u8; 3]) -> bool {
        self.screen(p) >= self.u_min
    }

    /// `c·P` in whole numbers: the marker's chroma `p` carries, for the
    /// integer screens.
    #[inline]
    fn screen(&self, p: [u8; 3]) -> i32 {
        let [r, g, b] = p.map(i32::from);
        self.ci[0] * r + self.ci[1] * g + self.ci[2] * b
    }

    /// The opacity at which the marker colour, laid over some neutral grey,
    /// gives the colour `p`; `None` when no opacity of at least
    /// [`TRACE_ALPHA`] over any grey does (within tolerance).
    #[inline]
    pub fn alpha(&self, p: [u8; 3]) -> Option<f32> {
        let [r, g, b] = p.map(f32::from);
        let u = self.c[0] * r + self.c[1] * g + self.c[2] * b;
        let a = u * self.inv_k;
        if a < TRACE_ALPHA {
            return None;
        }
        let v = self.n[0] * r + self.n[1] * g + self.n[2] * b;
        if v.abs() > self.hue_abs + self.hue_rel * u {
            return None;
        }
        // What is left after taking the ink out is three times (1 − a)
        // times the background's grey level, which lies in 0..=255.
        let rest = r + g + b - a * self.sum_m;
        let room = 3.0 * 255.0 * (1.0 - a).max(0.0);
        (rest >= -3.0 * GREY_SLACK && rest <= room + 3.0 * GREY_SLACK).then_some(a)
    }

    /// The grey level of the neutral background under `p`, when `p` is this
    /// ink at opacity `a` (`None` when the ink is too opaque to tell).
    pub fn grey_under(&self, p: [u8; 3], a: f32) -> Option<f32> {
        let [r, g, b] = p.map(f32::from);
        (a < 0.85).then(|| (r + g + b - a * self.sum_m) / (3.0 * (1.0 - a)))
    }

    /// The opacity at which the marker colour, laid over the background
    /// colour `bg`, gives `p`; `None` when no opacity of at least
    /// [`MIN_SAMPLE_ALPHA`] does, or when the marker over `bg` would hardly
    /// be visible (the same hue: a yellow highlighter on a yellow bubble).
    #[inline]
    pub fn alpha_over(&self, p: [u8; 3], bg: [u8; 3]) -> Option<f32> {
        self.alpha_over_from(p, bg, MIN_SAMPLE_ALPHA)
    }

    /// [`Ink::alpha_over`], down to an opacity of `least`.
    #[inline]
    pub fn alpha_over_from(&self, p: [u8; 3], bg: [u8; 3], least: f32) -> Option<f32> {
        let p = p.map(f32::from);
        let bg = bg.map(f32::from);
        let d = [self.m[0] - bg[0], self.m[1] - bg[1], self.m[2] - bg[2]];
        let dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
        if dd < MIN_CONTRAST * MIN_CONTRAST {
            return None;
        }
        let e = [p[0] - bg[0], p[1] - bg[1], p[2] - bg[2]];
        let a = (e[0] * d[0] + e[1] * d[1] + e[2] * d[2]) / dd;
        if !(least..=1.15).contains(&a) {
            return None;
        }
        let change = a * dd.sqrt();
        if change < MIN_CHANGE {
            return None;
        }
        let off = [e[0] - a * d[0], e[1] - a * d[1], e[2] - a * d[2]];
        let off = (off[0] * off[0] + off[1] * off[1] + off[2] * off[2]).sqrt();
        (off <= LINE_ABS + LINE_REL * change).then_some(a.min(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::markers::palette::MARKER_FAMILIES;

    fn blend(m: [u8; 3], a: f32, bg: [u8; 3]) -> [u8; 3] {
        [0, 1, 2].map(|i| (a * f32::from(m[i]) + (1.0 - a) * f32::from(bg[i])).round() as u8)
    }

    #[test]
    fn the_colour_memo_answers_as_the_test_does_and_asks_it_once_per_colour_while_kept() {
        let test = |c: [u8; 3]| u32::from(c[0]) * 7 + u32::from(c[1]) * 3 + u32::from(c[2]);
        let mut memo = ColourMemo::new();
        let mut asked = 0;
        // Many more colours than slots, so that colours take each
        // other's slots, each asked for twice in a row and once later.
        let colours: Vec<[u8; 3]> =
            (0..20_000u32).map(|i| [(i * 37) as u8, ((i * 101) >> 3) as u8, (i >> 7) as u8]).collect();
        for &c in &colours {
            for _ in 0..2 {
                let a = memo.answer(c, |c| {
                    asked += 1;
                    test(c)
                });
                assert_eq!(a, test(c), "{c:?}");
            }
        }
        assert!(asked <= colours.len(), "{asked}");
        for &c in colours.iter().rev() {
            assert_eq!(memo.answer(c, test), test(c), "{c:?}");
        }
    }

    #[test]
    fn ink_over_any_grey_gives_back_its_opacity() {
        for family in MARKER_FAMILIES {
            for &m in family.shades {
                let ink = Ink::new(m).unwrap();
                for a in [0.3f32, 0.45, 0.6, 1.0] {
                    for g in [0u8, 40, 128, 200, 255] {
                        let p = blend(m.0, a, [g; 3]);
                        let got = ink.alpha(p).unwrap_or_else(|| panic!("{m} at {a} over {g} not found"));
                        assert!((got - a).abs() < 0.05, "{m} at {a} over {g}: {got}");
                        assert!(ink.may_be_ink(p));
                    }
                }
            }
        }
    }

    #[test]
    fn ink_over_coloured_backgrounds_gives_back_its_opacity() {
        let yellow = [0xFF, 0xCC, 0x00];
        let ink = Ink::new(Rgb(yellow)).unwrap();
        for bg in [[0x00, 0x7A, 0xFF], [0x1A, 0x23, 0x7E], [0xC6, 0x28, 0x28], [0x34, 0xC7, 0x59], [0x1C, 0x1C, 0x1E]] {
            for a in [0.3f32, 0.45, 0.6] {
                let got = ink.alpha_over(blend(yellow, a, bg), bg).unwrap_or_else(|| panic!("{bg:?} at {a}"));
                assert!((got - a).abs() < 0.03, "{bg:?} at {a}: {got}");
            }
            // The background itself, and white text on it, are not ink.
            assert_eq!(ink.alpha_over(bg, bg), None);
        }
        // A yellow highlighter on a yellow bubble cannot be seen.
        let bubble = [0xFE, 0xE5, 0x00];
        assert_eq!(ink.alpha_over(blend(yellow, 0.4, bubble), bubble), None);
        // Blue over white is not yellow ink over white.
        assert_eq!(ink.alpha_over([0x00, 0x7A, 0xFF], [255, 255, 255]), None);
    }

    #[test]
    fn neighbouring_hues_and_greys_are_not_ink() {
        let ink = Ink::new(Rgb([255, 0, 255])).unwrap();
        for c in [
            [0xE0, 0x20, 0x8F], // a magenta-ish logo
            [0xC7, 0x15, 0x85], // medium violet red
            [0x7B, 0x1F, 0xA2], // deep purple
            [252, 228, 236],    // pastel pink
            [128, 128, 128],
            [255, 255, 255],
            [0, 0, 0],
            [255, 0, 0],
            [0, 0, 255],
        ] {
            assert_eq!(ink.alpha(c), None, "{c:?}");
        }
    }
}

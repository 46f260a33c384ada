//! The small values a user types, and their parsers: box specs
//! (`10,20,50%,4%`), byte sizes (`1.5MB`, `800KiB`), colours (`#ff00ff`,
//! `magenta`), styles, formats, scales, languages.
//!
//! The same parsers serve the command line, `.boxes` sidecars and the config
//! file, so one spelling means one thing everywhere. What is wrong with a
//! value is a [`ValueError`], worded by [`crate::text`].

use std::fmt;
use std::str::FromStr;

/// The unit of one box coordinate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    /// Image pixels.
    Px,
    /// Percent of the image side the coordinate runs along.
    Percent,
    /// Density-independent pixels: scaled by the image's inferred screen density.
    Dp,
}

/// One coordinate or length of a box spec, as typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    /// The number, negative for positions counted from the right or bottom edge.
    pub value: f64,
    /// The unit.
    pub unit: Unit,
}

impl Length {
    /// Pixels along a side of `side` pixels, at `density` pixels per dp.
    pub fn to_px(self, side: u32, density: f64) -> f64 {
        match self.unit {
            Unit::Px => self.value,
            Unit::Percent => self.value / 100.0 * f64::from(side),
            Unit::Dp => self.value * density,
        }
    }

    /// A position: negative values count back from the far edge.
    pub fn to_position(self, side: u32, density: f64) -> f64 {
        let px = self.to_px(side, density);
        if self.value.is_sign_negative() { f64::from(side) + px } else { px }
    }
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            Unit::Px => "",
            Unit::Percent => "%",
            Unit::Dp => "dp",
        };
        write!(f, "{}{unit}", self.value)
    }
}

impl FromStr for Length {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let t = s.trim();
        let (num, unit) = if let Some(n) = t.strip_suffix('%') {
            (n, Unit::Percent)
        } else if let Some(n) = t.strip_suffix("px") {
            (n, Unit::Px)
        } else if let Some(n) = t.strip_suffix("dp") {
            (n, Unit::Dp)
        } else {
            (t, Unit::Px)
        };
        let num = num.trim();
        let ok_chars = !num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
        let value: f64 = if ok_chars { num.parse().ok() } else { None }
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| ValueError::NotALength(t.to_string()))?;
        if unit == Unit::Percent && value.abs() > 100.0 {
            return Err(ValueError::OverHundredPercent(t.to_string()));
        }
        Ok(Length { value, unit })
    }
}

/// A rectangle as typed: `X,Y,W,H`, each in px, `%` or `dp`; negative X/Y
/// count from the right/bottom edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxSpec {
    /// Left edge (negative: from the right edge).
    pub x: Length,
    /// Top edge (negative: from the bottom edge).
    pub y: Length,
    /// Width, positive.
    pub w: Length,
    /// Height, positive.
    pub h: Length,
}

impl BoxSpec {
    /// The box on a `width`×`height` image, in fractional pixels
    /// `(x, y, w, h)`, not yet rounded or clamped.
    pub fn resolve(&self, width: u32, height: u32, density: f64) -> (f64, f64, f64, f64) {
        (
            self.x.to_position(width, density),
            self.y.to_position(height, density),
            self.w.to_px(width, density),
            self.h.to_px(height, density),
        )
    }
}

impl fmt::Display for BoxSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{},{}", self.x, self.y, self.w, self.h)
    }
}

impl FromStr for BoxSpec {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let parts: Vec<&str> = s.split(',').collect();
        if parts.len() != 4 {
            return Err(ValueError::NotABox(s.trim().to_string()));
        }
        let x: Length = parts[0].parse()?;
        let y: Length = parts[1].parse()?;
        let w: Length = parts[2].parse()?;
        let h: Length = parts[3].parse()?;
        for (side, len) in [(Side::Width, w), (Side::Height, h)] {
            if len.value <= 0.0 {
                return Err(ValueError::NotPositive { side, text: len.to_string() });
            }
        }
        Ok(BoxSpec { x, y, w, h })
    }
}

/// Parses a byte size: plain bytes, or `KB`/`MB`/`GB` (1000-based) and
/// `KiB`/`MiB`/`GiB` (1024-based), fractions allowed (`1.5MB`).
pub fn parse_size(s: &str) -> Result<u64, ValueError> {
    let t = s.trim();
    let bytes = parse_size::parse_size(t).map_err(|_| ValueError::NotASize(t.to_string()))?;
    if bytes == 0 {
        return Err(ValueError::ZeroSize(t.to_string()));
    }
    Ok(bytes)
}

/// Formats a byte count for people: `812 B`, `287.0 KB`, `1.50 MB` (1000-based,
/// as the size options are).
pub fn human_bytes(n: u64) -> String {
    let n = n as f64;
    if n < 1000.0 {
        format!("{n} B")
    } else if n < 1_000_000.0 {
        format!("{:.1} KB", n / 1000.0)
    } else if n < 1_000_000_000.0 {
        format!("{:.2} MB", n / 1_000_000.0)
    } else {
        format!("{:.2} GB", n / 1_000_000_000.0)
    }
}

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02X}{g:02X}{b:02X}")
    }
}

/// Colour names accepted wherever a colour is: the fill colour. Marker colour
/// names have their own table (they mean typical markup-pen colours).
const COLOR_NAMES: &[(&str, [u8; 3])] = &[
    ("black", [0, 0, 0]),
    ("white", [255, 255, 255]),
    ("gray", [128, 128, 128]),
    ("grey", [128, 128, 128]),
    ("red", [255, 0, 0]),
    ("green", [0, 128, 0]),
    ("blue", [0, 0, 255]),
    ("yellow", [255, 255, 0]),
    ("magenta", [255, 0, 255]),
    ("cyan", [0, 255, 255]),
    ("orange", [255, 165, 0]),
    ("purple", [128, 0, 128]),
    ("pink", [255, 192, 203]),
];

impl FromStr for Rgb {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let t = s.trim();
        let lower = t.to_ascii_lowercase();
        if let Some((_, c)) = COLOR_NAMES.iter().find(|(n, _)| *n == lower) {
            return Ok(Rgb(*c));
        }
        let hex = lower.strip_prefix('#').unwrap_or(&lower);
        let bad = || ValueError::NotAColour(t.to_string());
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let nibble = |i: usize| u8::from_str_radix(&hex[i..=i], 16).map_err(|_| bad());
        match hex.len() {
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
                Ok(Rgb([byte(0)?, byte(2)?, byte(4)?]))
            }
            3 => Ok(Rgb([nibble(0)? * 17, nibble(1)? * 17, nibble(2)? * 17])),
            _ => Err(bad()),
        }
    }
}

/// A side of a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Its width.
    Width,
    /// Its height.
    Height,
}

/// What is wrong with a value as typed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ValueError {
    /// Not `X,Y,W,H`.
    NotABox(String),
    /// Not a number of pixels, `%` or `dp`.
    NotALength(String),
    /// A percentage over 100.
    OverHundredPercent(String),
    /// A box width or height of 0 or less.
    NotPositive {
        /// Which side.
        side: Side,
        /// As typed.
        text: String,
    },
    /// Not a byte size.
    NotASize(String),
    /// A size of zero bytes.
    ZeroSize(String),
    /// Not a colour.
    NotAColour(String),
    /// Not a marker colour name or `#RRGGBB`.
    NotAMarkerColour(String),
    /// A marker colour too grey to tell from text.
    MarkerTooGrey(Rgb),
    /// Not a number.
    NotANumber(String),
    /// A scale outside 0.1–1.
    ScaleOutOfRange(String),
    /// Not fill, mosaic or blur.
    NotAStyle(String),
    /// Not auto, jpeg, png or keep.
    NotAFormat(String),
    /// Not a language shotmask speaks.
    NotALanguage(String),
    /// Not `K/N`.
    NotAShard(String),
    /// `K/0`.
    ShardCountZero(String),
    /// `K/N` with K ≥ N.
    ShardIndexTooLarge {
        /// As typed.
        text: String,
        /// N.
        count: u32,
    },
    /// Not `MIN..MAX` or a number.
    NotARange(String),
    /// `MIN..MAX` with MIN > MAX.
    EmptyRange {
        /// As typed.
        text: String,
        /// MIN.
        min: f64,
        /// MAX.
        max: f64,
    },
    /// Not portrait, landscape or a ratio range.
    NotAnAspect(String),
    /// Not an anchor name.
    NotAnAnchor(String),
    /// Not a detector name.
    NotADetector(String),
    /// Not a preset name.
    NotAPreset(String),
    /// Not a regular expression; the regex crate's words.
    NotARegex(String),
    /// An unknown `{token}` in a name template.
    UnknownToken(String),
    /// A `}` with no `{`.
    UnmatchedBrace(String),
    /// A `{` never closed.
    UnclosedBrace(String),
    /// An empty name template.
    EmptyTemplate,
    /// Not `true` or `false`.
    NotABoolean(String),
}

impl std::error::Error for ValueError {}

/// `--style`: how regions are hidden, as the user names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StyleName {
    /// A solid colour (see --color).
    Fill,
    /// Blocks shaded from the surrounding colours.
    Mosaic,
    /// A soft smudge shaded from the surrounding colours.
    Blur,
}

impl FromStr for StyleName {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        <StyleName as clap::ValueEnum>::from_str(s.trim(), true)
            .map_err(|_| ValueError::NotAStyle(s.trim().to_string()))
    }
}

impl StyleName {
    /// The name as typed.
    pub fn name(self) -> &'static str {
        match self {
            StyleName::Fill => "fill",
            StyleName::Mosaic => "mosaic",
            StyleName::Blur => "blur",
        }
    }
}

/// `--max-size`: a limit or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxSize {
    /// At most this many bytes.
    Bytes(u64),
    /// No limit.
    Unlimited,
}

impl FromStr for MaxSize {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" | "off" | "unlimited" => Ok(MaxSize::Unlimited),
            _ => parse_size(s).map(MaxSize::Bytes),
        }
    }
}

/// A byte size (`--total-size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl FromStr for ByteSize {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        parse_size(s).map(ByteSize)
    }
}

/// `--min-scale`: the smallest scale an image may shrink to, 0.1–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinScale(pub f64);

impl FromStr for MinScale {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let v: f64 = s.trim().parse().map_err(|_| ValueError::NotANumber(s.trim().to_string()))?;
        if (0.1..=1.0).contains(&v) { Ok(MinScale(v)) } else { Err(ValueError::ScaleOutOfRange(s.trim().to_string())) }
    }
}

/// A yes/no value (`strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl FromStr for Flag {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Ok(Flag(true)),
            "false" | "no" | "off" => Ok(Flag(false)),
            other => Err(ValueError::NotABoolean(other.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_spec_px_and_percent() {
        let b: BoxSpec = "0,0,100%,4%".parse().unwrap();
        assert_eq!(b.resolve(1080, 2000, 1.0), (0.0, 0.0, 1080.0, 80.0));
    }

    #[test]
    fn negative_positions_count_from_far_edge() {
        let b: BoxSpec = "-30%,-12%,25%,8%".parse().unwrap();
        let (x, y, w, h) = b.resolve(1000, 2000, 1.0);
        assert!((x - 700.0).abs() < 1e-9 && (y - 1760.0).abs() < 1e-9);
        assert!((w - 250.0).abs() < 1e-9 && (h - 160.0).abs() < 1e-9);
        let b: BoxSpec = "-100,-50,100,50".parse().unwrap();
        assert_eq!(b.resolve(400, 300, 1.0), (300.0, 250.0, 100.0, 50.0));
    }

    #[test]
    fn box_spec_units_and_spaces() {
        let b: BoxSpec = " 10px, 20 ,5.5%, 24dp".parse().unwrap();
        assert_eq!(b.x, Length { value: 10.0, unit: Unit::Px });
        assert_eq!(b.w, Length { value: 5.5, unit: Unit::Percent });
        assert_eq!(b.resolve(200, 100, 3.0).3, 72.0);
    }

    #[test]
    fn bad_box_specs_are_errors() {
        for s in
            ["", "1,2,3", "1,2,3,4,5", "a,0,10,10", "0,0,0,10", "0,0,10,-5", "0,0,150%,10", "0,0,1e3,4", "0,0,NaN,1"]
        {
            assert!(s.parse::<BoxSpec>().is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn sizes_follow_the_contract_units() {
        assert_eq!(parse_size("500KB").unwrap(), 500_000);
        assert_eq!(parse_size("1.5MB").unwrap(), 1_500_000);
        assert_eq!(parse_size("800KiB").unwrap(), 819_200);
        assert_eq!(parse_size("2MiB").unwrap(), 2_097_152);
        assert_eq!(parse_size("12345").unwrap(), 12_345);
        assert_eq!(parse_size("1mb").unwrap(), 1_000_000);
        for s in ["", "0", "abc", "-5KB", "1.5XB"] {
            assert!(parse_size(s).is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn colours() {
        assert_eq!("#FF00ff".parse::<Rgb>().unwrap(), Rgb([255, 0, 255]));
        assert_eq!("f0a".parse::<Rgb>().unwrap(), Rgb([255, 0, 170]));
        assert_eq!("Black".parse::<Rgb>().unwrap(), Rgb([0, 0, 0]));
        assert_eq!(Rgb([1, 171, 255]).to_string(), "#01ABFF");
        for s in ["#12345", "#GGGGGG", "nocolour", "#\u{ff46}\u{ff46}\u{ff46}"] {
            assert!(s.parse::<Rgb>().is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(812), "812 B");
        assert_eq!(human_bytes(287_000), "287.0 KB");
        assert_eq!(human_bytes(1_500_000), "1.50 MB");
    }
}

//! How a region is hidden: the style and its colour.

use std::str::FromStr;

use crate::spec::{Rgb, ValueError};

/// How a region is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum MaskStyle {
    /// One solid colour.
    Fill(FillColor),
    /// Blocks shaded from the surrounding colours (the default).
    #[default]
    Mosaic,
    /// A soft smudge shaded from the surrounding colours.
    Blur,
}

impl MaskStyle {
    /// The style's name as the CLI and the report spell it.
    pub fn name(&self) -> &'static str {
        match self {
            MaskStyle::Fill(_) => "fill",
            MaskStyle::Mosaic => "mosaic",
            MaskStyle::Blur => "blur",
        }
    }
}

/// The colour of a `fill`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FillColor {
    /// This colour.
    Solid(Rgb),
    /// The most common colour just outside the region, so text looks erased
    /// from its bubble or field.
    Auto,
}

impl Default for FillColor {
    fn default() -> Self {
        FillColor::Solid(Rgb([0, 0, 0]))
    }
}

impl FromStr for FillColor {
    type Err = ValueError;

    /// `auto`, `#RRGGBB`, `#RGB` or a colour name.
    fn from_str(s: &str) -> Result<Self, ValueError> {
        if s.trim().eq_ignore_ascii_case("auto") { Ok(FillColor::Auto) } else { s.parse::<Rgb>().map(FillColor::Solid) }
    }
}

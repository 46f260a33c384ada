//! The config file as written: every key, its type, and the parser it goes
//! through. Values go through the same parsers as the flags, so `max_size =
//! "1.5MB"` means what `--max-size 1.5MB` means; a bad value or an unknown
//! key is an error at its line and column, never ignored.

use std::fmt;
use std::marker::PhantomData;

use regex::Regex;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::cli::{self, FormatArg, MaxSize, StyleArg};
use crate::mask::FillColor;
use crate::name::Template;
use crate::regions::rules::{Anchor, Aspect, Range};
use crate::spec::{BoxSpec, Length, Rgb};

/// A value that is written as a string (or a bare number) and parsed by the
/// same function as its flag.
pub trait FromConfig: Sized {
    /// Parses the text of the value; the message says what is wrong.
    fn from_config(s: &str) -> Result<Self, String>;
}

/// A parsed value of type `T`.
#[derive(Debug, Clone)]
pub struct Val<T>(pub T);

impl<'de, T: FromConfig> Deserialize<'de> for Val<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<T: FromConfig> Visitor<'_> for V<T> {
            type Value = Val<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Val<T>, E> {
                T::from_config(s).map(Val).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Val<T>, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Val<T>, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Val<T>, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl FromConfig for StyleArg {
    fn from_config(s: &str) -> Result<Self, String> {
        <StyleArg as clap::ValueEnum>::from_str(s.trim(), true)
            .map_err(|_| format!("`{}` is not a style: use fill, mosaic or blur", s.trim()))
    }
}

impl FromConfig for FormatArg {
    fn from_config(s: &str) -> Result<Self, String> {
        <FormatArg as clap::ValueEnum>::from_str(s.trim(), true)
            .map_err(|_| format!("`{}` is not a format: use auto, jpeg, png or keep", s.trim()))
    }
}

impl FromConfig for FillColor {
    fn from_config(s: &str) -> Result<Self, String> {
        cli::parse_fill_color(s)
    }
}

impl FromConfig for MaxSize {
    fn from_config(s: &str) -> Result<Self, String> {
        cli::parse_max_size(s)
    }
}

/// A byte size (`total_size`).
#[derive(Debug, Clone, Copy)]
pub struct Bytes(pub u64);

impl FromConfig for Bytes {
    fn from_config(s: &str) -> Result<Self, String> {
        crate::spec::parse_size(s).map(Bytes)
    }
}

/// The smallest scale (`min_scale`).
#[derive(Debug, Clone, Copy)]
pub struct Scale(pub f64);

impl FromConfig for Scale {
    fn from_config(s: &str) -> Result<Self, String> {
        cli::parse_min_scale(s).map(Scale)
    }
}

impl FromConfig for Template {
    fn from_config(s: &str) -> Result<Self, String> {
        s.parse()
    }
}

impl FromConfig for BoxSpec {
    fn from_config(s: &str) -> Result<Self, String> {
        s.parse()
    }
}

impl FromConfig for Length {
    fn from_config(s: &str) -> Result<Self, String> {
        s.parse()
    }
}

impl FromConfig for Anchor {
    fn from_config(s: &str) -> Result<Self, String> {
        s.parse()
    }
}

impl FromConfig for Range {
    fn from_config(s: &str) -> Result<Self, String> {
        s.parse()
    }
}

impl FromConfig for Aspect {
    fn from_config(s: &str) -> Result<Self, String> {
        s.parse()
    }
}

impl FromConfig for Regex {
    fn from_config(s: &str) -> Result<Self, String> {
        Regex::new(s).map_err(|e| format!("not a valid regular expression: {}", one_line(&e.to_string())))
    }
}

/// A built-in detector (`detect = "qr"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detect {
    /// QR codes and 1D barcodes.
    Qr,
}

impl FromConfig for Detect {
    fn from_config(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "qr" | "qrcode" | "qr-code" => Ok(Detect::Qr),
            _ => Err(format!("`{}` is not a detector: use qr", s.trim())),
        }
    }
}

/// A preset name, checked against the built-in list.
#[derive(Debug, Clone)]
pub struct PresetName(pub String);

impl FromConfig for PresetName {
    fn from_config(s: &str) -> Result<Self, String> {
        let name = s.trim();
        match crate::regions::presets::rules(name) {
            Some(_) => Ok(PresetName(name.to_ascii_lowercase())),
            None => Err(format!("`{name}` is not a preset: use one of {}", crate::regions::presets::names())),
        }
    }
}

/// `marker`: a list of colours, one string of comma-separated colours, or `"off"`.
#[derive(Debug, Clone)]
pub struct MarkerList(pub Vec<Rgb>);

impl<'de> Deserialize<'de> for MarkerList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MarkerList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of colours, or \"off\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<MarkerList, E> {
                cli::parse_markers(s).map(|m| MarkerList(m.0)).map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MarkerList, A::Error> {
                let mut colors = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    colors.push(s.parse::<Rgb>().map_err(de::Error::custom)?);
                }
                Ok(MarkerList(colors))
            }
        }
        d.deserialize_any(V)
    }
}

/// The whole file. Every key is optional; a missing key takes the built-in
/// default (or the flag, which always wins).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// `--style`.
    pub style: Option<Spanned<Val<StyleArg>>>,
    /// `--color`.
    pub color: Option<Spanned<Val<FillColor>>>,
    /// `--pad`.
    pub pad: Option<Spanned<u32>>,
    /// `--marker`.
    pub marker: Option<Spanned<MarkerList>>,
    /// `--max-size`.
    pub max_size: Option<Spanned<Val<MaxSize>>>,
    /// `--total-size`.
    pub total_size: Option<Spanned<Val<Bytes>>>,
    /// `--format`.
    pub format: Option<Spanned<Val<FormatArg>>>,
    /// `--min-scale`.
    pub min_scale: Option<Spanned<Val<Scale>>>,
    /// `--name`.
    pub name: Option<Spanned<Val<Template>>>,
    /// `--label`.
    pub label: Option<Spanned<String>>,
    /// `--preset`, added to the ones given on the command line.
    pub presets: Option<Vec<Spanned<Val<PresetName>>>>,
    /// `[[rule]]` tables.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleFile>,
}

/// One `[[rule]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Shown as `rule:NAME` in the report.
    pub name: Spanned<String>,
    /// This rule's style.
    pub style: Option<Spanned<Val<StyleArg>>>,
    /// This rule's fill colour (implies `style = "fill"`).
    pub color: Option<Spanned<Val<FillColor>>>,
    /// Conditions on the image.
    #[serde(default)]
    pub when: WhenFile,
    /// A box placed on the image.
    #[serde(rename = "box")]
    pub boxed: Option<Spanned<Val<BoxSpec>>>,
    /// The point X,Y of `box` measure from.
    pub anchor: Option<Spanned<Val<Anchor>>>,
    /// A picture of a UI element to find, relative to the config file.
    pub find: Option<Spanned<String>>,
    /// How alike a match must be, 0–1.
    pub threshold: Option<Spanned<f64>>,
    /// Pixels per dp of the screenshot `find` was cut from.
    pub find_density: Option<Spanned<f64>>,
    /// Where to look for `find` (`X,Y,W,H`).
    pub search: Option<Spanned<Val<BoxSpec>>>,
    /// The box goes right of each match, this far from it.
    pub right_of: Option<Spanned<Val<Length>>>,
    /// The box goes left of each match.
    pub left_of: Option<Spanned<Val<Length>>>,
    /// The box goes below each match.
    pub below: Option<Spanned<Val<Length>>>,
    /// The box goes above each match.
    pub above: Option<Spanned<Val<Length>>>,
    /// Extra shift right.
    pub dx: Option<Spanned<Val<Length>>>,
    /// Extra shift down.
    pub dy: Option<Spanned<Val<Length>>>,
    /// Box width.
    pub width: Option<Spanned<Val<Length>>>,
    /// Box height.
    pub height: Option<Spanned<Val<Length>>>,
    /// A built-in detector instead of a box.
    pub detect: Option<Spanned<Val<Detect>>>,
}

/// A rule's `when` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenFile {
    /// Regular expression on the file name.
    pub file: Option<Val<Regex>>,
    /// Width range in pixels.
    pub width: Option<Val<Range>>,
    /// Height range in pixels.
    pub height: Option<Val<Range>>,
    /// portrait, landscape or a height÷width range.
    pub aspect: Option<Val<Aspect>>,
}

/// The last line of a multi-line message (regex errors draw diagrams).
fn one_line(s: &str) -> String {
    s.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or(s).to_string()
}

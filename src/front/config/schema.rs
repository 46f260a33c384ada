//! The config file's `[[rule]]` tables as written: every key, its type,
//! and the parser it goes through. The options the flags share are listed
//! in [`crate::front::options`]. A bad value or an unknown key is an error
//! at its line and column, never ignored.

use std::str::FromStr;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::front::options::Val;
use crate::geometry::FillColor;
use crate::regions::rules::{Anchor, Aspect, Range};
use crate::spec::{BoxSpec, Length, StyleName, ValueError};

/// A regular expression on file names (`when.file`).
#[derive(Debug, Clone)]
pub struct FileRegex(pub Regex);

impl FromStr for FileRegex {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        Regex::new(s).map(FileRegex).map_err(|e| ValueError::NotARegex(one_line(&e.to_string())))
    }
}

/// A built-in detector (`detect = "qr"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detect {
    /// QR codes and 1D barcodes.
    Qr,
}

impl FromStr for Detect {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "qr" | "qrcode" | "qr-code" => Ok(Detect::Qr),
            _ => Err(ValueError::NotADetector(s.trim().to_string())),
        }
    }
}

/// A preset name, checked against the built-in list.
#[derive(Debug, Clone)]
pub struct PresetName(pub String);

impl FromStr for PresetName {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let name = s.trim();
        match crate::regions::presets::rules(name) {
            Some(_) => Ok(PresetName(name.to_ascii_lowercase())),
            None => Err(ValueError::NotAPreset(name.to_string())),
        }
    }
}

/// One `[[rule]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Shown as `rule:NAME` in the report.
    pub name: Spanned<String>,
    /// This rule's style.
    pub style: Option<Spanned<Val<StyleName>>>,
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
    pub file: Option<Val<FileRegex>>,
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

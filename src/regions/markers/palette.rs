//! The marker colours shotmask knows by name: the preset pen and
//! highlighter colours of the common markup tools, grouped into families of
//! one hue. A name (or the exact `#RRGGBB` of a name) stands for every shade
//! of its family, because the same "red" is a different shade in every tool
//! and a detector tuned to one shade would miss the others.
//!
//! Sources of the shades (looked up for this table; where a tool's exact
//! values could not be found, the family relies on the neighbouring shades
//! and the detector's hue tolerance, about ±6° per shade):
//!
//! - iOS / iPadOS Markup (PencilKit's tool picker offers black, blue, green,
//!   yellow and red first) draws in Apple's system colours, light and dark
//!   variants: `systemRed` #FF3B30 / #FF453A, `systemYellow` #FFCC00 / #FFD60A,
//!   `systemGreen` #34C759 / #30D158, `systemBlue` #007AFF / #0A84FF, and so on
//!   (Apple HIG "Color"; the values as Flutter's Cupertino colours copy them,
//!   github.com/flutter/flutter packages/flutter/lib/src/cupertino/colors.dart).
//!   Older iOS green #4CD964 and teal #5AC8FA from the earlier HIG.
//! - macOS Preview and Markup on the Mac pick from the system colour panel's
//!   crayons; the default shape colour is its red. Crayon values: red #FF2600,
//!   orange #FF9300, yellow #FFFB00, green #00F900, cyan #00FDFF, blue #0433FF,
//!   purple #942192, magenta #FF40FF (github.com/meodai/color-names issue 59,
//!   "directly from the Apple system color palette").
//! - Paint (Windows 7 and later) colour box, first row: red #ED1C24, orange
//!   #FF7F27, yellow #FFF200, green #22B14C, turquoise #00A2E8, indigo #3F48CC,
//!   purple #A349A4. These are the values Paint shows under "Edit colours";
//!   no published document for them was found.
//! - Windows Snipping Tool / Snip & Sketch use the Windows Ink toolbar, whose
//!   built-in palette is not listed in Microsoft's documentation (the
//!   `InkToolbarPenButton.Palette` page only says the default is the built-in
//!   set). Its pens are vivid primaries and its highlighter yellow; the pure
//!   primaries below (#FF0000, #FFFF00, #00FF00) stand in for them.
//! - Google Photos and Pixel Markup, Samsung Gallery and Screen Write: their
//!   exact preset values were not found in any published source. Google's
//!   tools use Google's palette (red #EA4335, yellow #FBBC04, green #34A853,
//!   blue #4285F4) and Material colours (red #F44336, pink #E91E63, purple
//!   #9C27B0, blue #2196F3, cyan #00BCD4, green #4CAF50, yellow #FFEB3B, orange
//!   #FF9800), which are taken as the best-supported values; Samsung's presets
//!   are vivid primaries, covered by the same families.
//!
//! Black and white, which every tool offers first, cannot be told apart
//! from text and are not marker colours.

use super::grid::chroma;
use crate::spec::{Rgb, ValueError};

/// One named family of marker shades.
#[derive(Debug, Clone, Copy)]
pub struct MarkerFamily {
    /// The name `--marker` accepts.
    pub name: &'static str,
    /// The shades; the first is the one the name parses to.
    pub shades: &'static [Rgb],
}

impl MarkerFamily {
    /// The colour the name parses to: the first shade.
    pub fn colour(&self) -> Rgb {
        self.shades[0]
    }
}

/// Every named marker colour, as families of the shades the markup tools
/// use. The first shade of each is the colour the name stands for.
pub const MARKER_FAMILIES: &[MarkerFamily] = &[
    MarkerFamily { name: "magenta", shades: &[Rgb([0xFF, 0x00, 0xFF]), Rgb([0xFF, 0x40, 0xFF])] },
    MarkerFamily { name: "pink", shades: &[Rgb([0xFF, 0x2D, 0x55]), Rgb([0xFF, 0x37, 0x5F]), Rgb([0xE9, 0x1E, 0x63])] },
    MarkerFamily {
        name: "red",
        shades: &[
            Rgb([0xFF, 0x3B, 0x30]),
            Rgb([0xFF, 0x26, 0x00]),
            Rgb([0xED, 0x1C, 0x24]),
            Rgb([0xEA, 0x43, 0x35]),
            Rgb([0xFF, 0x00, 0x00]),
        ],
    },
    MarkerFamily {
        name: "orange",
        shades: &[Rgb([0xFF, 0x95, 0x00]), Rgb([0xFF, 0x7F, 0x27]), Rgb([0xFF, 0x98, 0x00])],
    },
    MarkerFamily {
        name: "yellow",
        shades: &[
            Rgb([0xFF, 0xCC, 0x00]),
            Rgb([0xFF, 0xD6, 0x0A]),
            Rgb([0xFF, 0xF2, 0x00]),
            Rgb([0xFF, 0xFF, 0x00]),
            Rgb([0xFB, 0xBC, 0x04]),
            Rgb([0xFF, 0xEB, 0x3B]),
        ],
    },
    MarkerFamily {
        name: "green",
        shades: &[
            Rgb([0x34, 0xC7, 0x59]),
            Rgb([0x4C, 0xD9, 0x64]),
            Rgb([0x22, 0xB1, 0x4C]),
            Rgb([0x34, 0xA8, 0x53]),
            Rgb([0x00, 0xF9, 0x00]),
            Rgb([0x4C, 0xAF, 0x50]),
        ],
    },
    MarkerFamily {
        name: "cyan",
        shades: &[
            Rgb([0x32, 0xAD, 0xE6]),
            Rgb([0x5A, 0xC8, 0xFA]),
            Rgb([0x00, 0xA2, 0xE8]),
            Rgb([0x00, 0xFD, 0xFF]),
            Rgb([0x00, 0xBC, 0xD4]),
        ],
    },
    MarkerFamily {
        name: "blue",
        shades: &[
            Rgb([0x00, 0x7A, 0xFF]),
            Rgb([0x0A, 0x84, 0xFF]),
            Rgb([0x42, 0x85, 0xF4]),
            Rgb([0x21, 0x96, 0xF3]),
            Rgb([0x04, 0x33, 0xFF]),
        ],
    },
    MarkerFamily { name: "indigo", shades: &[Rgb([0x58, 0x56, 0xD6]), Rgb([0x3F, 0x48, 0xCC])] },
    MarkerFamily {
        name: "purple",
        shades: &[
            Rgb([0xAF, 0x52, 0xDE]),
            Rgb([0xBF, 0x5A, 0xF2]),
            Rgb([0x9C, 0x27, 0xB0]),
            Rgb([0xA3, 0x49, 0xA4]),
            Rgb([0x94, 0x21, 0x92]),
        ],
    },
];

/// Least spread between a marker colour's strongest and weakest channel:
/// greyer colours cannot be told apart from text and shadows.
const MIN_MARKER_CHROMA: u8 = 80;

/// Parses one marker colour: a name from [`MARKER_FAMILIES`] or `#RRGGBB`/`#RGB`.
pub fn parse_marker_color(s: &str) -> Result<Rgb, ValueError> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let color = match MARKER_FAMILIES.iter().find(|f| f.name == lower) {
        Some(family) => family.colour(),
        None => {
            let hex = lower.strip_prefix('#').unwrap_or(&lower);
            if !(hex.chars().all(|c| c.is_ascii_hexdigit()) && matches!(hex.len(), 3 | 6)) {
                return Err(ValueError::NotAMarkerColour(t.to_string()));
            }
            t.parse::<Rgb>()?
        }
    };
    if chroma(&color.0) < MIN_MARKER_CHROMA {
        return Err(ValueError::MarkerTooGrey(color));
    }
    Ok(color)
}

/// Parses `--marker`: comma-separated colours, or `off`/`none` for no markers.
pub fn parse_marker_colors(s: &str) -> Result<Vec<Rgb>, ValueError> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("off") || t.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    t.split(',').map(parse_marker_color).collect()
}

/// The family a marker colour names: the family whose first shade it is.
pub fn family_of(color: Rgb) -> Option<&'static MarkerFamily> {
    MARKER_FAMILIES.iter().find(|f| f.colour() == color)
}

/// The shades to look for when `color` is a marker: its whole family when
/// it is a named colour, else just itself.
pub fn shades_of(color: Rgb) -> Vec<Rgb> {
    family_of(color).map_or_else(|| vec![color], |f| f.shades.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hex_parse_and_greys_are_refused() {
        assert_eq!(parse_marker_color("Magenta").unwrap(), Rgb([255, 0, 255]));
        assert_eq!(parse_marker_color("yellow").unwrap(), Rgb([0xFF, 0xCC, 0x00]));
        assert_eq!(parse_marker_color("indigo").unwrap(), Rgb([0x58, 0x56, 0xD6]));
        assert_eq!(parse_marker_color("#00ff00").unwrap(), Rgb([0, 255, 0]));
        assert_eq!(parse_marker_color("f0f").unwrap(), Rgb([255, 0, 255]));
        assert!(parse_marker_color("black").unwrap_err().to_string().contains("not a marker colour"));
        assert!(parse_marker_color("#808080").unwrap_err().to_string().contains("too grey"));
        assert!(parse_marker_color("#12").unwrap_err().to_string().contains("not a marker colour"));
        assert_eq!(parse_marker_colors("off").unwrap(), vec![]);
        assert_eq!(parse_marker_colors(" red, #0000FF").unwrap(), vec![Rgb([0xFF, 0x3B, 0x30]), Rgb([0, 0, 255])]);
    }

    #[test]
    fn every_name_is_a_family_and_every_shade_is_vivid() {
        for family in MARKER_FAMILIES {
            let name = family.name;
            assert_eq!(parse_marker_color(name).ok(), Some(family.colour()));
            assert_eq!(family_of(family.colour()).map(|f| f.name), Some(name));
            for &shade in family.shades {
                assert!(chroma(&shade.0) >= MIN_MARKER_CHROMA, "{name} {shade}");
            }
        }
        assert_eq!(shades_of(Rgb([1, 2, 200])), vec![Rgb([1, 2, 200])]);
        assert_eq!(shades_of(Rgb([0xFF, 0x3B, 0x30])).len(), 5);
    }
}

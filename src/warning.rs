//! Warnings: things worth knowing about a file that did not stop it, as
//! typed data with a stable code and, where it points at something, a
//! place in the image. [`crate::text`] words them.
//!
//! Some warnings say that something private may still be visible (no
//! region at all, marks in a colour that is not a marker, marker ink left
//! outside every region, a file cut short): `--strict` fails the file for
//! those ([`Warning::may_leave_something_visible`]).

use crate::geometry::PixelRect;

/// Something worth knowing about one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Nothing was masked in this file.
    NoRegion,
    /// What looks like a mark, in a markup-tool colour that is not a marker.
    MarkerColour {
        /// The colour's `--marker` name (`red`).
        colour: &'static str,
        /// Where.
        rect: PixelRect,
    },
    /// Ink of a marker colour left outside every region after masking.
    ResidualInk {
        /// Where.
        rect: PixelRect,
    },
    /// The input ends without its end marker, although its image data is whole.
    MissingEnd,
    /// The input has bytes after the end of its image (the aCropalypse leak);
    /// the output does not.
    TrailingBytes {
        /// How many.
        bytes: u64,
    },
    /// The output was scaled down to fit the size limit.
    Scaled {
        /// Output side / input side.
        scale: f64,
    },
    /// A LabelMe shape that encloses no area (a line, a point): not masked.
    LabelMeShapeSkipped {
        /// Index in `shapes`.
        index: usize,
        /// Its `shape_type`.
        kind: String,
    },
    /// A `.json` beside the image that is not a LabelMe annotation: ignored.
    NotLabelMe {
        /// The file's name.
        file: String,
    },
}

impl Warning {
    /// A stable English word for the report's `code`.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::NoRegion => "no-region",
            Warning::MarkerColour { .. } => "marker-colour",
            Warning::ResidualInk { .. } => "residual-ink",
            Warning::MissingEnd => "truncated-input",
            Warning::TrailingBytes { .. } => "trailing-bytes",
            Warning::Scaled { .. } => "scaled",
            Warning::LabelMeShapeSkipped { .. } => "labelme-shape-skipped",
            Warning::NotLabelMe { .. } => "not-labelme",
        }
    }

    /// Every code, for the README's list and its test.
    pub const CODES: [&'static str; 8] = [
        "no-region",
        "marker-colour",
        "residual-ink",
        "truncated-input",
        "trailing-bytes",
        "scaled",
        "labelme-shape-skipped",
        "not-labelme",
    ];

    /// The place in the image it points at, if any.
    pub fn region(&self) -> Option<PixelRect> {
        match self {
            Warning::MarkerColour { rect, .. } | Warning::ResidualInk { rect } => Some(*rect),
            _ => None,
        }
    }

    /// Whether it says that something private may still be visible in the
    /// output: these fail the file under `--strict`.
    pub fn may_leave_something_visible(&self) -> bool {
        matches!(
            self,
            Warning::NoRegion | Warning::MarkerColour { .. } | Warning::ResidualInk { .. } | Warning::MissingEnd
        )
    }

    /// Whether the console shows it only with `-v` (it is about the
    /// encoding, not about what is visible).
    pub fn is_minor(&self) -> bool {
        matches!(self, Warning::Scaled { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once() {
        let rect = PixelRect { x: 0, y: 0, w: 1, h: 1 };
        let all = [
            Warning::NoRegion,
            Warning::MarkerColour { colour: "red", rect },
            Warning::ResidualInk { rect },
            Warning::MissingEnd,
            Warning::TrailingBytes { bytes: 1 },
            Warning::Scaled { scale: 0.5 },
            Warning::LabelMeShapeSkipped { index: 0, kind: "line".into() },
            Warning::NotLabelMe { file: "a.json".into() },
        ];
        let codes: Vec<&str> = all.iter().map(Warning::code).collect();
        assert_eq!(codes, Warning::CODES);
    }
}

//! `IMAGE.boxes` sidecars: one `X,Y,W,H` per line, same syntax as `--box`,
//! `#` starts a comment.

use std::path::{Path, PathBuf};

use super::PixelRect;
use crate::error::{FileError, SidecarProblem};
use crate::own_files::{self, BOXES_EXTENSION, MAX_BOXES_BYTES};
use crate::spec::BoxSpec;

/// The `.boxes` sidecar path of an image: its full file name plus `.boxes`.
pub fn boxes_path(image: &Path) -> PathBuf {
    let mut name = image.as_os_str().to_owned();
    name.push(".");
    name.push(BOXES_EXTENSION);
    PathBuf::from(name)
}

/// The boxes of `image`'s `.boxes` sidecar, placed on a `width`×`height`
/// image; empty when there is no sidecar. A sidecar that is there but
/// cannot be read ([`own_files::read_bounded`]) fails the image.
pub fn read_boxes_sidecar(image: &Path, width: u32, height: u32, density: f64) -> Result<Vec<PixelRect>, FileError> {
    let Some(SidecarText { file, text }) = read_sidecar(&boxes_path(image), MAX_BOXES_BYTES)? else {
        return Ok(Vec::new());
    };
    let sidecar_error = |problem: SidecarProblem| FileError::Sidecar { file: file.clone(), problem };
    let specs = parse_boxes(&text).map_err(sidecar_error)?;
    specs
        .into_iter()
        .map(|(line, spec)| {
            let (x, y, w, h) = spec.resolve(width, height, density);
            PixelRect::outward(x, y, w, h, width, height)
                .ok_or_else(|| sidecar_error(SidecarProblem::BoxOutside { line, spec, width, height }))
        })
        .collect()
}

/// A sidecar's text and its file name (for messages).
pub(super) struct SidecarText {
    /// The sidecar's file name.
    pub file: String,
    /// Its whole text.
    pub text: String,
}

/// The text of the sidecar at `path`, if there is one. One that is there
/// but cannot be read ([`own_files::read_bounded`]: not a regular file,
/// larger than `limit`, unreadable) or is not UTF-8 fails the image.
pub(super) fn read_sidecar(path: &Path, limit: u64) -> Result<Option<SidecarText>, FileError> {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = match own_files::read_bounded(path, limit) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(reason) => return Err(FileError::SidecarUnusable { file, reason }),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(SidecarText { file, text })),
        Err(_) => Err(FileError::Sidecar { file, problem: SidecarProblem::NotText }),
    }
}

/// Parses the text of a `.boxes` file into `(line number, box)` pairs.
pub fn parse_boxes(text: &str) -> Result<Vec<(usize, BoxSpec)>, SidecarProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let spec: BoxSpec = line.parse().map_err(|error| SidecarProblem::BoxLine { line: i + 1, error })?;
        out.push((i + 1, spec));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_crlf() {
        let text = "\u{feff}# phone number\r\n10,20,30,40\r\n\r\n  -10%,0,5%,5%  # badge\n";
        let boxes = parse_boxes(text).unwrap();
        assert_eq!(boxes.len(), 2);
        assert_eq!(boxes[0].0, 2);
        assert_eq!(boxes[1].0, 4);
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse_boxes("1,2,3,4\n1,2,three,4\n").unwrap_err();
        assert!(matches!(err, SidecarProblem::BoxLine { line: 2, .. }), "{err:?}");
    }

    #[test]
    fn sidecar_path_appends_to_the_full_name() {
        assert_eq!(boxes_path(Path::new("a/b.png")), PathBuf::from("a/b.png.boxes"));
    }
}

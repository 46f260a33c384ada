//! Before a file is written, decode it again and prove three things: the
//! container holds nothing but the image (no metadata chunks or segments, no
//! bytes after the end), it decodes to the size we meant, and inside every
//! region it shows the masked pixels we encoded.

use crate::container;
use crate::error::FileError;
use crate::fit::{Fitted, OutputFormat};
use crate::load::{self, LoadLimits};
use crate::mask::Coverage;
use crate::regions::Region;

/// PNG chunks an output may contain.
const PNG_ALLOWED: [&[u8; 4]; 5] = [b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"];

/// JPEG markers an output may contain: SOI, APP0 (JFIF), DQT, SOF0–2, DHT,
/// DRI, SOS, RST0–7, EOI. No APP1–15 (EXIF, XMP, ICC, ...), no COM.
fn jpeg_marker_allowed(m: u8) -> bool {
    matches!(m, 0xD8 | 0xE0 | 0xDB | 0xC0..=0xC2 | 0xC4 | 0xDD | 0xDA | 0xD0..=0xD7 | 0xD9)
}

/// Largest mean per-channel difference allowed inside a region between what
/// was encoded and what decodes, for lossy output. Real compression error on
/// masks stays far below; showing the unmasked content would be far above.
const LOSSY_TOLERANCE: f64 = 16.0;

/// Checks `fitted` as described in the module documentation. `regions` and
/// `coverage` are in the coordinates of the unscaled image.
pub fn verify(fitted: &Fitted, regions: &[Region], coverage: &Coverage) -> Result<(), FileError> {
    let bytes = &fitted.bytes;
    let fail = |m: String| Err(FileError::Verify(m));
    match fitted.format {
        OutputFormat::Png => {
            let layout = container::png_layout(bytes).map_err(FileError::Verify)?;
            if let Some(bad) = layout.chunks.iter().find(|c| !PNG_ALLOWED.contains(c)) {
                return fail(format!("unexpected PNG chunk {}", String::from_utf8_lossy(bad)));
            }
            if layout.end != bytes.len() {
                return fail(format!("{} bytes after IEND", bytes.len() - layout.end));
            }
        }
        OutputFormat::Jpeg => {
            let layout = container::jpeg_layout(bytes).map_err(FileError::Verify)?;
            if let Some(bad) = layout.markers.iter().find(|m| !jpeg_marker_allowed(**m)) {
                return fail(format!("unexpected JPEG marker FF{bad:02X}"));
            }
            if layout.end != bytes.len() {
                return fail(format!("{} bytes after EOI", bytes.len() - layout.end));
            }
        }
    }

    let decoded = load::decode(bytes, &LoadLimits::default())
        .map_err(|e| FileError::Verify(format!("own output does not decode: {e}")))?
        .image;
    let (w, h) = fitted.pixels.dimensions();
    if decoded.dimensions() != (w, h) {
        let (dw, dh) = decoded.dimensions();
        return fail(format!("decodes as {dw}×{dh}, expected {w}×{h}"));
    }

    let (cw, ch) = coverage.dimensions();
    let (sx, sy) = (f64::from(w) / f64::from(cw), f64::from(h) / f64::from(ch));
    let lossless = fitted.is_exact();
    for region in regions {
        let Some(rect) = region.bounds().scaled(sx, sy, w, h) else { continue };
        let (mut diff, mut n) = (0u64, 0u64);
        for y in rect.y..rect.bottom() {
            let src_y = ((f64::from(y) + 0.5) / sy) as u32;
            for x in rect.x..rect.right() {
                if !coverage.is_covered(((f64::from(x) + 0.5) / sx) as u32, src_y) {
                    continue;
                }
                let want = fitted.pixels.rgba_at(x, y);
                let got = decoded.get_pixel(x, y).0;
                let d: u32 = (0..4).map(|c| u32::from(want[c].abs_diff(got[c]))).sum();
                if lossless && d != 0 {
                    return fail(format!("region at {},{} decodes differently from what was masked", rect.x, rect.y));
                }
                diff += u64::from(d);
                n += 1;
            }
        }
        if n > 0 && diff as f64 / (n as f64 * 3.0) > LOSSY_TOLERANCE {
            return fail(format!("region at {},{} is not masked in the encoded file", rect.x, rect.y));
        }
    }
    Ok(())
}

//! Before a file is written, decode it again and prove three things: the
//! container holds nothing but the image (no metadata chunks or segments, no
//! bytes after the end), it decodes to the size we meant, and inside every
//! region it shows the masked pixels we encoded.

use crate::container;
use crate::error::FileError;
use crate::fit::{Fitted, OutputFormat};
use crate::mask::Coverage;
use crate::regions::Region;
use image::{GenericImageView, ImageFormat};

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

    // Decoded as stored (RGB stays RGB): only the regions are compared, so
    // converting every pixel to RGBA first would be wasted.
    let format = match fitted.format {
        OutputFormat::Png => ImageFormat::Png,
        OutputFormat::Jpeg => ImageFormat::Jpeg,
    };
    let decoded = image::load_from_memory_with_format(bytes, format)
        .map_err(|e| FileError::Verify(format!("own output does not decode: {e}")))?;
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

#[cfg(test)]
mod tests {
    use image::{Rgb, RgbImage, RgbaImage};

    use super::*;
    use crate::fit::{self, Canvas, FitOptions, FormatChoice, SourceHint};
    use crate::load::InputFormat;
    use crate::mask::MaskStyle;
    use crate::regions::{PixelRect, Source};

    /// A screen with a "secret" (dark text) at 40,40 100×30, and that area
    /// masked, as the pipeline would hand them to `verify`.
    fn masked(format: FormatChoice) -> (RgbaImage, Fitted, Vec<Region>, Coverage) {
        let screen = RgbaImage::from_fn(240, 160, |x, y| {
            let secret = (40..140).contains(&x) && (40..70).contains(&y) && (x / 3 + y / 4) % 2 == 0;
            if secret { image::Rgba([10, 10, 10, 255]) } else { image::Rgba([235, 240, 250, 255]) }
        });
        let regions = vec![Region::rect(PixelRect { x: 40, y: 40, w: 100, h: 30 }, Source::Box, MaskStyle::Mosaic)];
        let mut image = screen.clone();
        let (w, h) = image.dimensions();
        let coverage = Coverage::of_regions(w, h, &regions);
        crate::mask::apply(&mut image, &regions, &coverage);
        let hint = SourceHint { format: InputFormat::Png, jpeg_quality: None };
        let fitted = fit::fit(&image, &hint, &FitOptions { format, ..FitOptions::default() }).unwrap();
        (screen, fitted, regions, coverage)
    }

    fn jpeg_of(rgb: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(rgb.as_raw(), rgb.width() as u16, rgb.height() as u16, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    #[test]
    fn a_faithful_file_passes() {
        for format in [FormatChoice::Png, FormatChoice::Jpeg] {
            let (_, fitted, regions, coverage) = masked(format);
            verify(&fitted, &regions, &coverage).unwrap();
        }
    }

    #[test]
    fn a_file_that_shows_the_secret_is_refused() {
        // The encoder "forgot" the mask: the bytes hold the original screen.
        let (screen, mut fitted, regions, coverage) = masked(FormatChoice::Png);
        let rgb = RgbImage::from_fn(240, 160, |x, y| {
            let p = screen.get_pixel(x, y).0;
            Rgb([p[0], p[1], p[2]])
        });
        let mut bytes = Vec::new();
        image::DynamicImage::ImageRgb8(rgb.clone())
            .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        fitted.bytes = bytes;
        let err = verify(&fitted, &regions, &coverage).unwrap_err();
        assert!(err.to_string().contains("decodes differently"), "{err}");

        // The same for JPEG, where small differences are allowed.
        let (_, mut fitted, regions, coverage) = masked(FormatChoice::Jpeg);
        fitted.bytes = jpeg_of(&rgb);
        let err = verify(&fitted, &regions, &coverage).unwrap_err();
        assert!(err.to_string().contains("not masked"), "{err}");
        // A faithful encode of the pixels it claims passes.
        let Canvas::Rgb(claimed) = &fitted.pixels else { panic!("JPEG pixels are RGB") };
        fitted.bytes = jpeg_of(claimed);
        verify(&fitted, &regions, &coverage).unwrap();
    }

    #[test]
    fn trailing_bytes_and_metadata_are_refused() {
        let (_, fitted, regions, coverage) = masked(FormatChoice::Png);
        let mut trailer = fitted.clone();
        trailer.bytes.extend_from_slice(b"old screenshot");
        assert!(verify(&trailer, &regions, &coverage).unwrap_err().to_string().contains("after IEND"));

        // A tEXt chunk slipped in after IHDR.
        let mut text = fitted.clone();
        let mut chunk = Vec::new();
        chunk.extend_from_slice(&7u32.to_be_bytes());
        chunk.extend_from_slice(b"tEXtGPS\0abc");
        let crc = container::crc32(&chunk[4..]);
        chunk.extend_from_slice(&crc.to_be_bytes());
        text.bytes.splice(33..33, chunk);
        assert!(verify(&text, &regions, &coverage).unwrap_err().to_string().contains("tEXt"));

        let (_, jpeg, regions, coverage) = masked(FormatChoice::Jpeg);
        let mut exif = jpeg.clone();
        exif.bytes.splice(2..2, [0xFF, 0xE1, 0x00, 0x08, b'E', b'x', b'i', b'f', 0, 0]);
        assert!(verify(&exif, &regions, &coverage).unwrap_err().to_string().contains("FFE1"));
    }

    #[test]
    fn a_file_of_the_wrong_size_is_refused() {
        let (_, mut fitted, regions, coverage) = masked(FormatChoice::Png);
        let Canvas::Rgb(p) = &fitted.pixels else { panic!("opaque input stays RGB") };
        let (w, h) = p.dimensions();
        fitted.pixels = Canvas::Rgb(RgbImage::new(w + 1, h));
        assert!(verify(&fitted, &regions, &coverage).unwrap_err().to_string().contains("decodes as"));
    }
}

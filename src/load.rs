//! Reading one image safely: bounded in bytes, pixels and memory, sniffed by
//! content (not extension), upright (EXIF orientation applied first), RGBA8.

use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbaImage};

use crate::container;
use crate::error::FileError;
use crate::geometry::BlockGrid;

/// Bounds on what one input may cost.
#[derive(Debug, Clone, Copy)]
pub struct LoadLimits {
    /// Largest input file read, in bytes (checked before reading).
    pub max_file_bytes: u64,
    /// Largest image, in pixels (checked from the header, before decoding).
    pub max_pixels: u64,
}

impl Default for LoadLimits {
    /// 256 MiB of file and 64 megapixels: an 8K×8K image or a 1440×40 000
    /// scrolling screenshot, about 256 MiB as RGBA.
    fn default() -> Self {
        LoadLimits { max_file_bytes: 256 << 20, max_pixels: 64_000_000 }
    }
}

/// The image formats shotmask reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// PNG (also APNG: first frame).
    Png,
    /// JPEG.
    Jpeg,
    /// WebP (lossy or lossless; first frame).
    WebP,
    /// GIF (first frame).
    Gif,
    /// BMP.
    Bmp,
}

impl InputFormat {
    /// The format's name in lower case, as the report spells formats.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Png => "png",
            InputFormat::Jpeg => "jpeg",
            InputFormat::WebP => "webp",
            InputFormat::Gif => "gif",
            InputFormat::Bmp => "bmp",
        }
    }

    /// Sniffs the format from the first bytes of a file.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(&container::PNG_SIGNATURE) {
            Some(InputFormat::Png)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(InputFormat::Jpeg)
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Some(InputFormat::WebP)
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Some(InputFormat::Gif)
        } else if head.starts_with(b"BM") && head.len() >= 14 {
            Some(InputFormat::Bmp)
        } else {
            None
        }
    }

    fn image_format(self) -> ImageFormat {
        match self {
            InputFormat::Png => ImageFormat::Png,
            InputFormat::Jpeg => ImageFormat::Jpeg,
            InputFormat::WebP => ImageFormat::WebP,
            InputFormat::Gif => ImageFormat::Gif,
            InputFormat::Bmp => ImageFormat::Bmp,
        }
    }
}

/// One decoded input.
#[derive(Debug)]
pub struct Loaded {
    /// The pixels, upright.
    pub image: RgbaImage,
    /// What the file was.
    pub format: InputFormat,
    /// The file's size in bytes.
    pub bytes_in: u64,
    /// The raw EXIF block, if any (read for the capture date, never copied).
    pub exif: Option<Vec<u8>>,
    /// For JPEG inputs, the quality they were last saved at (estimated).
    pub jpeg_quality: Option<u8>,
    /// Bytes after the end of the image (`IEND`/`EOI`): left over from an
    /// earlier, larger image when an editor did not truncate the file.
    pub trailing_bytes: u64,
    /// For JPEG inputs, the compression blocks (upright): regions must
    /// cover whole blocks, or the rest of a block shows what was inside.
    pub block_grid: Option<BlockGrid>,
    /// The file ends without its end marker although all of the image data
    /// is there (a JPEG whose last two bytes are missing).
    pub missing_end: bool,
}

/// Reads and decodes the image at `path`.
pub fn load(path: &Path, limits: &LoadLimits) -> Result<Loaded, FileError> {
    // Opening a pipe blocks until someone writes to it, and a device never
    // ends: only regular files are opened (and checked again once open).
    if !std::fs::metadata(path).map_err(FileError::Read)?.is_file() {
        return Err(FileError::NotAFile);
    }
    let mut file = std::fs::File::open(path).map_err(FileError::Read)?;
    let meta = file.metadata().map_err(FileError::Read)?;
    if !meta.is_file() {
        return Err(FileError::NotAFile);
    }
    let size = meta.len();
    if size > limits.max_file_bytes {
        return Err(FileError::InputTooLarge { size, limit: limits.max_file_bytes });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while we read it.
    file.by_ref().take(limits.max_file_bytes + 1).read_to_end(&mut bytes).map_err(FileError::Read)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(FileError::InputTooLarge { size: bytes.len() as u64, limit: limits.max_file_bytes });
    }
    decode(&bytes, limits)
}

/// Decodes an image held in memory.
pub fn decode(bytes: &[u8], limits: &LoadLimits) -> Result<Loaded, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    let format = InputFormat::sniff(bytes).ok_or(FileError::UnknownFormat)?;
    // The pixel budget is checked from the header first: decoders may read
    // and allocate before they report dimensions, and
    // `DynamicImage::from_decoder` allocates without checking `max_alloc`.
    if let Some((width, height)) = container::header_dimensions(bytes) {
        check_pixels(width, height, 0, limits)?;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(limits.max_pixels.saturating_mul(8));
    reader.limits(image_limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;

    // Again from the decoder's own view, before `from_decoder` allocates.
    let (width, height) = decoder.dimensions();
    check_pixels(width, height, decoder.total_bytes(), limits)?;
    if width == 0 || height == 0 {
        return Err(FileError::NoPixels { width, height });
    }
    let missing_end = format == InputFormat::Jpeg && jpeg_data_is_whole(bytes, width, height)?;
    // A broken EXIF block must not stop the image: it then counts as having
    // no orientation and no date.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let exif = decoder.exif_metadata().ok().flatten();
    let block_grid = match format {
        InputFormat::Jpeg => {
            container::jpeg_block_size(bytes).map(|block| BlockGrid::upright(block, width, height, orientation))
        }
        _ => None,
    };
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    img.apply_orientation(orientation);
    let image = img.into_rgba8();

    let (jpeg_quality, trailing_bytes) = match format {
        InputFormat::Jpeg => match container::jpeg_layout(bytes) {
            Ok(layout) => {
                (layout.luma_table.as_ref().map(container::estimate_jpeg_quality), (bytes.len() - layout.end) as u64)
            }
            Err(_) => (None, 0),
        },
        InputFormat::Png => (None, container::trailing_bytes(bytes).unwrap_or(0)),
        _ => (None, 0),
    };
    Ok(Loaded {
        image,
        format,
        bytes_in: bytes.len() as u64,
        exif,
        jpeg_quality,
        trailing_bytes,
        block_grid,
        missing_end,
    })
}

/// Checks that a JPEG holds all of its image data, before it is decoded:
/// image's JPEG decoder paints whatever is missing grey instead of failing,
/// so a file cut short (or read while being rewritten) would go out half
/// grey. `Ok(true)`: all the data is there but the end marker is missing.
fn jpeg_data_is_whole(bytes: &[u8], width: u32, height: u32) -> Result<bool, FileError> {
    // A few hundred bytes claiming 64 megapixels would cost seconds and a
    // gigabyte: every 8×8 block of a Huffman-coded JPEG takes at least one
    // bit, so a file smaller than that is cut short or forged.
    let blocks = u64::from(width.div_ceil(8)) * u64::from(height.div_ceil(8));
    if (bytes.len() as u64) < blocks / 8 {
        return Err(FileError::JpegTooShort { width, height, least: blocks / 8, actual: bytes.len() as u64 });
    }
    // One that ends before its end marker is decoded again, strictly: only
    // complete image data passes.
    if !container::jpeg_ends_early(bytes) {
        return Ok(false);
    }
    let strict = zune_core::options::DecoderOptions::default().set_strict_mode(true);
    zune_jpeg::JpegDecoder::new_with_options(zune_core::bytestream::ZCursor::new(bytes), strict)
        .decode()
        .map_err(|e| FileError::Truncated(one_line(&e.to_string())))?;
    Ok(true)
}

fn check_pixels(width: u32, height: u32, total_bytes: u64, limits: &LoadLimits) -> Result<(), FileError> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels || total_bytes > limits.max_pixels.saturating_mul(8) {
        return Err(FileError::TooManyPixels {
            width,
            height,
            megapixels: pixels.div_ceil(1_000_000),
            limit: limits.max_pixels / 1_000_000,
        });
    }
    Ok(())
}

fn decode_error(e: image::ImageError) -> FileError {
    FileError::Decode(one_line(&e.to_string()))
}

/// The report's errors are one line, whatever a decoder says.
fn one_line(msg: &str) -> String {
    msg.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_bytes(img: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn decodes_png_to_rgba() {
        let img = RgbaImage::from_pixel(7, 5, image::Rgba([1, 2, 3, 255]));
        let loaded = decode(&png_bytes(&img), &LoadLimits::default()).unwrap();
        assert_eq!(loaded.image, img);
        assert_eq!(loaded.format, InputFormat::Png);
        assert_eq!(loaded.trailing_bytes, 0);
    }

    #[test]
    fn huge_header_is_refused_before_decoding() {
        // A PNG header announcing 50 000 × 50 000 RGBA pixels, and nothing else.
        let mut png = container::PNG_SIGNATURE.to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&50_000u32.to_be_bytes());
        ihdr.extend_from_slice(&50_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        let mut body = b"IHDR".to_vec();
        body.extend_from_slice(&ihdr);
        png.extend_from_slice(&body);
        png.extend_from_slice(&container::crc32(&body).to_be_bytes());
        let start = std::time::Instant::now();
        let err = decode(&png, &LoadLimits::default()).unwrap_err();
        assert!(matches!(err, FileError::TooManyPixels { width: 50_000, height: 50_000, .. }), "{err}");
        assert!(err.to_string().contains("50000×50000"), "{err}");
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn sniffing_ignores_names() {
        assert_eq!(InputFormat::sniff(b"GIF89a...."), Some(InputFormat::Gif));
        assert_eq!(InputFormat::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(InputFormat::WebP));
        assert_eq!(InputFormat::sniff(b"hello world"), None);
        assert!(matches!(decode(b"hello", &LoadLimits::default()), Err(FileError::UnknownFormat)));
        assert!(matches!(decode(b"", &LoadLimits::default()), Err(FileError::Empty)));
    }

    #[test]
    fn a_tiny_jpeg_claiming_millions_of_pixels_is_refused() {
        let img = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 30, 30]));
        let mut jpg = Vec::new();
        img.write_to(&mut Cursor::new(&mut jpg), ImageFormat::Jpeg).unwrap();
        assert!(decode(&jpg, &LoadLimits::default()).is_ok());
        let sof = jpg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        jpg[sof + 5..sof + 9].copy_from_slice(&[0x1F, 0x3F, 0x1F, 0x3F]);
        let err = decode(&jpg, &LoadLimits::default()).unwrap_err();
        assert!(err.to_string().contains("7999×7999 JPEG takes at least"), "{err}");
    }

    #[test]
    fn jpegs_cut_anywhere_are_refused_and_one_missing_its_end_marker_is_not() {
        let img = image::RgbImage::from_fn(96, 64, |x, y| image::Rgb([x as u8 * 2, y as u8 * 3, 90]));
        let mut jpg = Vec::new();
        img.write_to(&mut Cursor::new(&mut jpg), ImageFormat::Jpeg).unwrap();
        let whole = decode(&jpg, &LoadLimits::default()).unwrap();
        assert!(!whole.missing_end);
        for percent in [2, 10, 30, 50, 70, 90, 99] {
            let cut = &jpg[..jpg.len() * percent / 100];
            match decode(cut, &LoadLimits::default()) {
                Err(FileError::Truncated(_) | FileError::Decode(_)) => {}
                other => panic!("cut at {percent}%: {:?}", other.map(|l| l.missing_end)),
            }
        }
        let no_end = decode(&jpg[..jpg.len() - 2], &LoadLimits::default()).unwrap();
        assert!(no_end.missing_end);
        assert_eq!(no_end.image, whole.image);
    }

    #[test]
    fn truncated_png_is_a_decode_error() {
        let img = RgbaImage::from_fn(64, 64, |x, y| image::Rgba([x as u8, y as u8, 7, 255]));
        let bytes = png_bytes(&img);
        let err = decode(&bytes[..bytes.len() / 2], &LoadLimits::default()).unwrap_err();
        assert!(matches!(err, FileError::Decode(_)), "{err}");
        assert!(!err.to_string().contains('\n'));
    }
}

//! Probe: what is known of an input before it is decoded, from one read of
//! its first bytes: its format, its upright size (for `{w}`/`{h}`), the
//! capture time in its EXIF block and its modification time (for naming),
//! and how much work it is (to start the largest first).
//!
//! The batch probes every input once, before any image is decoded, because
//! names depend on the capture order of the whole batch. Only regular files
//! are opened, and only the first [`HEAD_BYTES`] are read: EXIF blocks sit
//! at the start of a file (JPEG `APP1`; a PNG's `eXIf` comes before its
//! image data), and a hostile file could otherwise make the EXIF reader
//! follow any length it declares.

use std::io::Read;
use std::path::Path;

use jiff::civil::{Date, Time};

use crate::container;
use crate::load::InputFormat;

/// How much of each input the probe reads.
pub const HEAD_BYTES: u64 = 1 << 20;

/// What the probe found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Probe {
    /// The format, sniffed from the content.
    pub format: Option<InputFormat>,
    /// Width and height after EXIF orientation, from the headers.
    pub upright_size: Option<(u32, u32)>,
    /// EXIF `DateTimeOriginal`, else `DateTime`.
    pub exif_time: Option<(Date, Time)>,
    /// The modification time, in the local time zone.
    pub modified: Option<(Date, Time)>,
    /// Likely cost: the pixel count when the header holds one, else the
    /// file size (a compressed file holds at least a pixel per byte or so).
    pub work: u64,
}

/// Probes the file at `path`. Anything unreadable is simply unknown: the
/// loader reports it properly later.
pub fn probe(path: &Path) -> Probe {
    let Ok(meta) = std::fs::metadata(path) else { return Probe::default() };
    // Never open a pipe or device: opening a pipe waits for a writer.
    if !meta.is_file() {
        return Probe::default();
    }
    let modified = meta.modified().ok().and_then(local_time);
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut head));
    if read.is_err() {
        return Probe { modified, work: meta.len(), ..Probe::default() };
    }
    let format = InputFormat::sniff(&head);
    let size = container::header_dimensions(&head);
    let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&head)).ok();
    let exif_time = exif.as_ref().and_then(taken);
    let turned = exif
        .as_ref()
        .and_then(|e| e.get_field(exif::Tag::Orientation, exif::In::PRIMARY))
        .and_then(|f| f.value.get_uint(0))
        .is_some_and(|o| (5..=8).contains(&o));
    let upright_size = size.map(|(w, h)| if turned { (h, w) } else { (w, h) });
    let work = size.map_or(meta.len(), |(w, h)| u64::from(w) * u64::from(h));
    Probe { format, upright_size, exif_time, modified, work }
}

/// `DateTimeOriginal`, else `DateTime`.
fn taken(exif: &exif::Exif) -> Option<(Date, Time)> {
    [exif::Tag::DateTimeOriginal, exif::Tag::DateTime].into_iter().find_map(|tag| {
        let field = exif.get_field(tag, exif::In::PRIMARY)?;
        let exif::Value::Ascii(ref parts) = field.value else { return None };
        let dt = exif::DateTime::from_ascii(parts.first()?).ok()?;
        let date =
            Date::new(i16::try_from(dt.year).ok()?, i8::try_from(dt.month).ok()?, i8::try_from(dt.day).ok()?).ok()?;
        let time =
            Time::new(i8::try_from(dt.hour).ok()?, i8::try_from(dt.minute).ok()?, i8::try_from(dt.second).ok()?, 0)
                .ok()?;
        Some((date, time))
    })
}

/// A file time in the local time zone, to the second.
fn local_time(t: std::time::SystemTime) -> Option<(Date, Time)> {
    let zoned = jiff::Timestamp::try_from(t).ok()?.to_zoned_datetime(jiff::tz::TimeZone::system());
    Some((zoned.date(), zoned.time().with().subsec_nanosecond(0).build().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::{CaptureMeta, MetaSource, capture_meta};

    /// An EXIF APP1 payload (big-endian TIFF) with `DateTime` in IFD0 and
    /// `DateTimeOriginal` in the Exif IFD, each when given.
    fn exif_app1(original: Option<&str>, modified: Option<&str>) -> Vec<u8> {
        fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: usize) {
            t.extend(tag.to_be_bytes());
            t.extend(kind.to_be_bytes());
            t.extend(count.to_be_bytes());
            t.extend(u32::try_from(value).unwrap().to_be_bytes());
        }
        let n0 = u16::from(original.is_some()) + u16::from(modified.is_some());
        let exif_ifd = 8 + 2 + 12 * usize::from(n0) + 4;
        let strings = exif_ifd + if original.is_some() { 18 } else { 0 };
        let original_at = strings + if modified.is_some() { 20 } else { 0 };
        let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
        t.extend(n0.to_be_bytes());
        if modified.is_some() {
            entry(&mut t, 0x0132, 2, 20, strings);
        }
        if original.is_some() {
            entry(&mut t, 0x8769, 4, 1, exif_ifd);
        }
        t.extend(0u32.to_be_bytes());
        if original.is_some() {
            t.extend(1u16.to_be_bytes());
            entry(&mut t, 0x9003, 2, 20, original_at);
            t.extend(0u32.to_be_bytes());
        }
        for text in [modified, original].into_iter().flatten() {
            assert_eq!(text.len(), 19);
            t.extend(text.as_bytes());
            t.push(0);
        }
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(t);
        app1
    }

    /// A small JPEG carrying `app1` right after SOI.
    fn jpeg_with_exif(app1: &[u8]) -> Vec<u8> {
        let mut jpeg = Vec::new();
        image::RgbImage::from_pixel(16, 16, image::Rgb([200, 100, 50]))
            .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
        out.extend(app1);
        out.extend(&jpeg[2..]);
        out
    }

    fn meta_of(path: &Path) -> CaptureMeta {
        let p = probe(path);
        let stem = path.file_stem().unwrap().to_string_lossy();
        capture_meta(&stem, p.exif_time, p.modified)
    }

    fn described(m: &CaptureMeta) -> (Option<String>, Option<String>, Option<String>, MetaSource) {
        (m.date.map(|d| d.to_string()), m.time.map(|t| t.to_string()), m.app.clone(), m.source)
    }

    #[test]
    fn capture_meta_reads_the_name_then_exif_then_mtime() {
        let dir = tempfile::tempdir().unwrap();
        let both = jpeg_with_exif(&exif_app1(Some("2023:04:05 06:07:08"), Some("2023:12:31 23:59:59")));
        let named = dir.path().join("Screenshot_20241125-093012_KakaoTalk.jpg");
        std::fs::write(&named, &both).unwrap();
        assert_eq!(
            described(&meta_of(&named)),
            (Some("2024-11-25".into()), Some("09:30:12".into()), Some("KakaoTalk".into()), MetaSource::Filename)
        );
        let original = dir.path().join("IMG_1234.jpg");
        std::fs::write(&original, &both).unwrap();
        assert_eq!(
            described(&meta_of(&original)),
            (Some("2023-04-05".into()), Some("06:07:08".into()), None, MetaSource::Exif)
        );
        let modified_only = dir.path().join("image.jpg");
        std::fs::write(&modified_only, jpeg_with_exif(&exif_app1(None, Some("2023:12:31 23:59:59")))).unwrap();
        assert_eq!(
            described(&meta_of(&modified_only)),
            (Some("2023-12-31".into()), Some("23:59:59".into()), None, MetaSource::Exif)
        );
        // An impossible EXIF date is no date: the modification time decides.
        let bad = dir.path().join("bad.jpg");
        std::fs::write(&bad, jpeg_with_exif(&exif_app1(Some("2023:13:05 06:07:08"), None))).unwrap();
        let plain = dir.path().join("Screenshot (12).png");
        std::fs::write(&plain, b"not even an image").unwrap();
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        for path in [&bad, &plain] {
            std::fs::File::options().write(true).open(path).unwrap().set_modified(when).unwrap();
            let local =
                jiff::Timestamp::from_second(1_700_000_000).unwrap().to_zoned_datetime(jiff::tz::TimeZone::system());
            assert_eq!(
                described(&meta_of(path)),
                (Some(local.date().to_string()), Some(local.time().to_string()), None, MetaSource::Mtime),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn size_and_work_come_from_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        image::RgbImage::new(30, 20).save(&path).unwrap();
        let p = probe(&path);
        assert_eq!((p.format, p.upright_size, p.work), (Some(InputFormat::Png), Some((30, 20)), 600));
        assert_eq!(probe(&dir.path().join("missing.png")), Probe::default());
        assert_eq!(probe(dir.path()), Probe::default());
    }
}

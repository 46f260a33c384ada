//! Name: descriptive, sortable output names from what each file really is.
//!
//! The capture date, time and app come from the file name (a known
//! screenshot or messenger scheme, else any unambiguous date and time in
//! it), else from EXIF, else from the file's modification time. A template
//! turns them, with a label and the position in the batch, into one safe
//! file-name component.

mod apps;
mod calendar;
mod general;
mod label;
mod reader;
mod safe;
mod schemes;
mod suffix;
mod template;

use std::path::Path;

use jiff::civil::{Date, Time};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

pub use label::{FALLBACK_LABEL, default_label, is_generic_folder};
pub use reader::{GENERAL, NameInfo, parse_name};
pub use safe::{MAX_STEM, SEPARATORS, clean, collision_key, is_reserved, safe_stem, truncate};
pub use template::{DEFAULT_TEMPLATE, NameTemplate, Token};

/// Where a file's capture date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaSource {
    /// The file name: a known naming scheme, or a date written in it.
    Filename,
    /// EXIF `DateTimeOriginal` or `DateTime`.
    Exif,
    /// The file's modification time.
    Mtime,
}

/// When a screenshot was taken and of what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureMeta {
    /// Capture date.
    pub date: Option<Date>,
    /// Capture time.
    pub time: Option<Time>,
    /// App shown, if the name says.
    pub app: Option<String>,
    /// Where the date came from.
    pub source: MetaSource,
}

impl CaptureMeta {
    /// A sort key: capture date and time (undated files last).
    pub fn sort_key(&self) -> (Date, Time) {
        (self.date.unwrap_or(Date::MAX), self.time.unwrap_or(Time::MIN))
    }
}

/// Reads the capture metadata of the file at `path`: from its name, else
/// its EXIF block, else its modification time.
pub fn capture_meta(path: &Path) -> CaptureMeta {
    let stem: String = path.file_stem().map(|s| s.to_string_lossy().nfc().collect()).unwrap_or_default();
    if let Some(info) = parse_name(&stem) {
        return CaptureMeta { date: Some(info.date), time: info.time, app: info.app, source: MetaSource::Filename };
    }
    if let Some((date, time)) = exif_datetime(path) {
        return CaptureMeta { date: Some(date), time: Some(time), app: None, source: MetaSource::Exif };
    }
    let (date, time) = mtime(path).map_or((None, None), |(d, t)| (Some(d), Some(t)));
    CaptureMeta { date, time, app: None, source: MetaSource::Mtime }
}

/// How much of a file is searched for its EXIF block when naming. The
/// reader would otherwise follow any length a hostile file declares (a
/// sparse 1 GB file took 1 GB of memory) before the loader's size limit
/// ever applies; real EXIF blocks sit in the first kilobytes.
const EXIF_SEARCH_BYTES: u64 = 16 << 20;

/// `DateTimeOriginal`, else `DateTime`, from the file's EXIF block.
fn exif_datetime(path: &Path) -> Option<(Date, Time)> {
    use std::io::Read;
    // Never open a pipe or device: opening a pipe waits for a writer.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::new();
    std::fs::File::open(path).ok()?.take(EXIF_SEARCH_BYTES).read_to_end(&mut head).ok()?;
    let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(head)).ok()?;
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

/// The file's modification time, in the local time zone.
fn mtime(path: &Path) -> Option<(Date, Time)> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let zoned = jiff::Timestamp::try_from(modified).ok()?.to_zoned_datetime(jiff::tz::TimeZone::system());
    Some((zoned.date(), zoned.time().with().subsec_nanosecond(0).build().ok()?))
}

/// Everything naming needs to know about one input, gathered before any
/// image is decoded.
#[derive(Debug, Clone)]
pub struct NameInput {
    /// The original stem.
    pub stem: String,
    /// The name of the folder the file is in (the same whether the folder
    /// or the file was given).
    pub folder: String,
    /// Capture metadata.
    pub meta: CaptureMeta,
    /// Upright width and height, when the template needs them.
    pub size: Option<(u32, u32)>,
}

/// The desired output stem of one file (before collisions are resolved):
/// `position` is its 1-based place in capture order among `count` files.
/// Always one safe, non-empty file-name component within [`MAX_STEM`].
pub fn render_stem(
    template: &NameTemplate,
    label: Option<&str>,
    input: &NameInput,
    position: usize,
    count: usize,
) -> String {
    let width = count.max(1).to_string().len();
    let m = &input.meta;
    let date = m.date.map(|d| d.strftime("%Y-%m-%d").to_string()).unwrap_or_default();
    let time = m.time.map(|t| t.strftime("%H-%M-%S").to_string()).unwrap_or_default();
    let raw = |tok: Token| match tok {
        Token::Label => default_label(label, input),
        Token::App => m.app.clone().unwrap_or_default(),
        Token::Date => date.clone(),
        Token::Time => time.clone(),
        Token::DateTime => match (date.is_empty(), time.is_empty()) {
            (false, false) => format!("{date}_{time}"),
            _ => date.clone(),
        },
        Token::Stem => input.stem.clone(),
        Token::Folder => input.folder.clone(),
        Token::N => format!("{position:0width$}"),
        Token::W => input.size.map(|s| s.0.to_string()).unwrap_or_default(),
        Token::H => input.size.map(|s| s.1.to_string()).unwrap_or_default(),
    };
    // Each value is cleaned on its own, so none can add a path separator,
    // and loses separators at its ends, so none can double one.
    let mut values: Vec<(Token, String)> =
        Token::ALL.iter().map(|&t| (t, clean(&raw(t)).trim_matches(SEPARATORS).to_string())).collect();
    let render = |values: &[(Token, String)]| {
        template.render(|tok| values.iter().find(|(t, _)| *t == tok).map(|(_, v)| v.clone()).unwrap_or_default())
    };
    // Too long: shorten the longest free text (label, stem, ...) rather
    // than cut the end off, where the date and `{n}` usually are.
    for _ in 0..Token::ALL.len() {
        let over = clean(&render(&values)).len().saturating_sub(MAX_STEM);
        if over == 0 {
            break;
        }
        let longest = values.iter_mut().filter(|(t, _)| t.is_free_text()).max_by_key(|(_, v)| v.len());
        match longest {
            Some((_, v)) if !v.is_empty() => {
                *v = truncate(v, v.len().saturating_sub(over)).trim_end_matches(SEPARATORS).to_string();
            }
            _ => break,
        }
    }
    let stem = safe_stem(&render(&values));
    if stem.is_empty() { FALLBACK_LABEL.to_string() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(stem: &str, folder: &str) -> NameInput {
        let info = parse_name(stem);
        NameInput {
            stem: stem.into(),
            folder: folder.into(),
            meta: CaptureMeta {
                date: info.as_ref().map(|i| i.date),
                time: info.as_ref().and_then(|i| i.time),
                app: info.and_then(|i| i.app),
                source: MetaSource::Filename,
            },
            size: Some((1080, 2340)),
        }
    }

    #[test]
    fn default_names_are_descriptive() {
        let t = NameTemplate::default();
        let i = input("Screenshot_20241125-093012_KakaoTalk", "Screenshots");
        assert_eq!(render_stem(&t, None, &i, 3, 12), "KakaoTalk_2024-11-25_03");
        let i = input("Screenshot_20241125-093012_KakaoTalk", "결제오류");
        assert_eq!(render_stem(&t, None, &i, 1, 3), "결제오류_2024-11-25_1");
        assert_eq!(render_stem(&t, Some("내역"), &i, 1, 3), "내역_2024-11-25_1");
        let i = input("IMG_0001", "Downloads");
        assert_eq!(render_stem(&t, None, &i, 1, 1), "screenshot_1");
        // The same folder label whether the folder or the file was given.
        let i = input("IMG_0001", "결제오류");
        assert_eq!(render_stem(&t, None, &i, 1, 1), "결제오류_1");
    }

    #[test]
    fn hostile_labels_stay_one_component() {
        let t = NameTemplate::default();
        let i = input("a", "f");
        for label in ["../../etc", "/abs/path", "C:\\x", "CON", "a\0b", "..", "."] {
            let s = render_stem(&t, Some(label), &i, 1, 1);
            assert!(!s.contains('/') && !s.contains('\\') && !s.contains('\0') && !s.starts_with('.'), "{s}");
        }
        let s = render_stem(&"{label}".parse().unwrap(), Some("CON"), &i, 1, 1);
        assert_eq!(s, "_CON");
    }

    #[test]
    fn size_and_stem_tokens() {
        let t: NameTemplate = "{stem}_{w}x{h}".parse().unwrap();
        assert_eq!(render_stem(&t, None, &input("shot", "f"), 1, 1), "shot_1080x2340");
    }

    #[test]
    fn folder_datetime_and_app_tokens() {
        let t: NameTemplate = "{folder}_{app}_{datetime}_{n}".parse().unwrap();
        let i = input("KakaoTalk_Photo_2021-07-27-오후 6-26-39 001", "결제오류");
        assert_eq!(render_stem(&t, None, &i, 7, 120), "결제오류_KakaoTalk_2021-07-27_18-26-39_007");
        // No app and no time: their separators go with them.
        let i = input("IMG-20250315-WA0002", "f");
        let t: NameTemplate = "{datetime}_{time}_{n}".parse().unwrap();
        assert_eq!(render_stem(&t, None, &i, 2, 9), "2025-03-15_2");
    }

    #[test]
    fn long_labels_are_shortened_not_the_date_or_number() {
        let t = NameTemplate::default();
        let i = input("Screenshot_20241125-093012_KakaoTalk", "f");
        let label = "결제 오류 내역 ".repeat(40);
        let a = render_stem(&t, Some(&label), &i, 1, 100);
        let b = render_stem(&t, Some(&label), &i, 2, 100);
        assert!(a.len() <= MAX_STEM && a.ends_with("_2024-11-25_001"), "{a}");
        assert!(b.ends_with("_2024-11-25_002"), "{b}");
        assert!(a.starts_with("결제 오류 내역 결제"));
    }

    #[test]
    fn generic_folders_do_not_label() {
        let t = NameTemplate::default();
        let nfd: String = "스크린샷".nfd().collect();
        for folder in ["Screenshots", "Downloads", "바탕 화면", nfd.as_str(), "Captures d’écran"] {
            let i = input("Screenshot_20241125-093012_KakaoTalk", folder);
            assert_eq!(render_stem(&t, None, &i, 1, 1), "KakaoTalk_2024-11-25_1", "{folder}");
        }
    }

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
            described(&capture_meta(&named)),
            (Some("2024-11-25".into()), Some("09:30:12".into()), Some("KakaoTalk".into()), MetaSource::Filename)
        );
        let original = dir.path().join("IMG_1234.jpg");
        std::fs::write(&original, &both).unwrap();
        assert_eq!(
            described(&capture_meta(&original)),
            (Some("2023-04-05".into()), Some("06:07:08".into()), None, MetaSource::Exif)
        );
        let modified_only = dir.path().join("image.jpg");
        std::fs::write(&modified_only, jpeg_with_exif(&exif_app1(None, Some("2023:12:31 23:59:59")))).unwrap();
        assert_eq!(
            described(&capture_meta(&modified_only)),
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
                described(&capture_meta(path)),
                (Some(local.date().to_string()), Some(local.time().to_string()), None, MetaSource::Mtime),
                "{}",
                path.display()
            );
        }
    }

    mod properties {
        use proptest::prelude::*;
        use unicode_normalization::is_nfc;

        use super::super::*;
        use super::input;

        /// Text a user or a file system might hand us, hostile included.
        fn any_text() -> impl Strategy<Value = String> {
            prop_oneof![
                ".{0,40}",
                "[a-zA-Z0-9 ._/\\:*?<>|-]{0,20}",
                "[가-힣\u{1100}-\u{11FF}\u{300}-\u{36F}😀]{100,300}",
                prop::sample::select(vec![
                    "CON",
                    "nul",
                    "COM¹",
                    "lpt².txt",
                    "Con .log",
                    "..",
                    ".",
                    "/",
                    "\\",
                    " . ",
                    "결제오류",
                    "\u{1100}\u{1167}\u{11AF}",
                    "a\u{202E}gnp.exe",
                    "\u{0}",
                    "",
                ])
                .prop_map(String::from),
            ]
        }

        fn token_source(t: Token) -> &'static str {
            match t {
                Token::Label => "{label}",
                Token::App => "{app}",
                Token::Date => "{date}",
                Token::Time => "{time}",
                Token::DateTime => "{datetime}",
                Token::Stem => "{stem}",
                Token::Folder => "{folder}",
                Token::N => "{n}",
                Token::W => "{w}",
                Token::H => "{h}",
            }
        }

        /// Any template: literal text (braces escaped) and tokens.
        fn any_template() -> impl Strategy<Value = NameTemplate> {
            let part = prop_oneof![
                any_text().prop_map(|s| s.replace('{', "{{").replace('}', "}}")),
                prop::sample::select(Token::ALL.to_vec()).prop_map(|t| token_source(t).to_string()),
            ];
            prop::collection::vec(part, 1..6).prop_filter_map("empty template", |parts| parts.concat().parse().ok())
        }

        fn assert_one_safe_component(stem: &str) {
            assert!(!stem.is_empty());
            assert!(stem.len() <= MAX_STEM && stem.encode_utf16().count() <= MAX_STEM, "{stem:?}");
            assert!(is_nfc(stem), "{stem:?}");
            assert!(!stem.chars().any(|c| "<>:\"/\\|?*".contains(c) || c.is_control()), "{stem:?}");
            assert!(!stem.starts_with(['.', ' ']) && !stem.ends_with(['.', ' ']), "{stem:?}");
            assert!(!is_reserved(stem), "{stem:?}");
            assert_eq!(safe_stem(stem), stem, "not stable: {stem:?}");
            let file = format!("{stem} (99999).jpeg");
            assert!(file.len() <= 255 && file.encode_utf16().count() <= 255);
            let components: Vec<_> = std::path::Path::new(&file).components().collect();
            assert_eq!(components, [std::path::Component::Normal(file.as_ref())], "{stem:?}");
        }

        proptest! {
            #[test]
            fn any_label_and_template_give_one_safe_component(
                template in any_template(),
                label in any_text(),
                folder in any_text(),
                stem in any_text(),
                position in 1usize..500,
            ) {
                let mut i = input(&stem, &folder);
                i.stem = stem.clone();
                for user_label in [Some(label.as_str()), None] {
                    assert_one_safe_component(&render_stem(&template, user_label, &i, position, 500));
                }
            }

            #[test]
            fn safe_stems_are_nfc_and_stable(text in any_text()) {
                let s = safe_stem(&text);
                prop_assert!(is_nfc(&s));
                prop_assert_eq!(safe_stem(&s), s.clone());
                prop_assert!(s.len() <= MAX_STEM);
            }

            #[test]
            fn positions_keep_names_apart(label in any_text(), count in 1usize..120) {
                let t = NameTemplate::default();
                let i = input("Screenshot_20241125-093012_KakaoTalk", "f");
                let names: std::collections::HashSet<String> =
                    (1..=count).map(|n| collision_key(&render_stem(&t, Some(&label), &i, n, count))).collect();
                prop_assert_eq!(names.len(), count);
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]

            /// Reserved names never collide with each other or with files
            /// already there, however case and normalisation differ.
            #[test]
            fn reserved_names_never_collide(
                existing in prop::collection::vec("(a|A|ä|Ä|a\u{308}|CON|con)_?(1|2)?(\\.(png|PNG|jpg|JPEG|txt))?", 0..6),
                wanted in prop::collection::vec("(a|A|ä|Ä|a\u{308}|CON|con)_?(1|2)?( \\(2\\))?", 1..12),
            ) {
                let dir = tempfile::tempdir().unwrap();
                for name in &existing {
                    // Some spellings name the same file on this file system.
                    let _ = std::fs::write(dir.path().join(name), b"x");
                }
                let on_disk: std::collections::HashSet<String> = std::fs::read_dir(dir.path())
                    .unwrap()
                    .map(|e| collision_key(&e.unwrap().file_name().to_string_lossy()))
                    .collect();
                let reservations = crate::write::OutputFolders::new();
                let mut given = std::collections::HashSet::new();
                for w in &wanted {
                    let stem = reservations.reserve(dir.path(), &safe_stem(w));
                    assert_one_safe_component(&stem);
                    for ext in ["png", "jpg", "jpeg"] {
                        prop_assert!(!on_disk.contains(&collision_key(&format!("{stem}.{ext}"))), "{stem} is on disk");
                    }
                    prop_assert!(given.insert(collision_key(&stem)), "{stem} given twice");
                }
            }
        }
    }
}

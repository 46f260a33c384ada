//! Name: descriptive, sortable output names from what each file really is.
//!
//! The capture date, time and app come from the file name when it follows a
//! known screenshot or messenger scheme, else from EXIF, else from the file's
//! modification time. A template turns them, with a label and the position
//! in the batch, into one safe file-name component.

mod safe;
mod schemes;
mod template;

use std::path::Path;

use jiff::civil::{Date, Time};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

pub use safe::{MAX_STEM, collision_key, safe_stem, truncate};
pub use schemes::{NameInfo, parse_name};
pub use template::{DEFAULT_TEMPLATE, Template, Token};

/// Where a file's capture date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaSource {
    /// A known naming scheme in the file name.
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

/// `DateTimeOriginal`, else `DateTime`, from the file's EXIF block.
fn exif_datetime(path: &Path) -> Option<(Date, Time)> {
    let file = std::fs::File::open(path).ok()?;
    let exif = exif::Reader::new().read_from_container(&mut std::io::BufReader::new(file)).ok()?;
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

/// Folder names that say nothing about the content; a file from a folder so
/// named is labelled by its app instead.
const GENERIC_FOLDERS: &[&str] = &[
    "screenshots",
    "screenshot",
    "screen shots",
    "스크린샷",
    "캡처",
    "pictures",
    "picture",
    "photos",
    "images",
    "image",
    "img",
    "dcim",
    "camera",
    "downloads",
    "download",
    "desktop",
    "documents",
    "사진",
    "다운로드",
    "바탕 화면",
    "바탕화면",
    "문서",
    "bildschirmfotos",
    "captures",
    "captures d'écran",
    "スクリーンショット",
    "masked",
    "tmp",
    "temp",
];

/// Everything naming needs to know about one input, gathered before any
/// image is decoded.
#[derive(Debug, Clone)]
pub struct NameInput {
    /// The original stem.
    pub stem: String,
    /// The name of the folder the file is in.
    pub folder: String,
    /// Whether the file was found by listing a folder given on the command
    /// line (then that folder's name is a good default label).
    pub from_folder_arg: bool,
    /// Capture metadata.
    pub meta: CaptureMeta,
    /// Upright width and height, when the template needs them.
    pub size: Option<(u32, u32)>,
}

/// The label of one file: `--label`, else the folder it was dropped in (when
/// a folder was given and its name says something), else its app, else
/// `screenshot`.
pub fn default_label(user: Option<&str>, input: &NameInput) -> String {
    if let Some(l) = user {
        return l.to_string();
    }
    let folder = input.folder.trim();
    if input.from_folder_arg && !folder.is_empty() && !GENERIC_FOLDERS.contains(&folder.to_lowercase().as_str()) {
        return folder.to_string();
    }
    input.meta.app.clone().unwrap_or_else(|| "screenshot".to_string())
}

/// The desired output stem of one file (before collisions are resolved):
/// `position` is its 1-based place in capture order among `count` files.
pub fn render_stem(
    template: &Template,
    label: Option<&str>,
    input: &NameInput,
    position: usize,
    count: usize,
) -> String {
    let width = count.max(1).to_string().len();
    let m = &input.meta;
    let date = m.date.map(|d| d.strftime("%Y-%m-%d").to_string()).unwrap_or_default();
    let time = m.time.map(|t| t.strftime("%H-%M-%S").to_string()).unwrap_or_default();
    let rendered = template.render(|tok| {
        let raw = match tok {
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
        // Each value is made safe on its own, so none can add a separator.
        safe_stem(&raw)
    });
    let stem = safe_stem(&rendered);
    if stem.is_empty() { "screenshot".to_string() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(stem: &str, folder: &str, from_folder: bool) -> NameInput {
        let info = parse_name(stem);
        NameInput {
            stem: stem.into(),
            folder: folder.into(),
            from_folder_arg: from_folder,
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
        let t = Template::default();
        let i = input("Screenshot_20241125-093012_KakaoTalk", "Screenshots", true);
        assert_eq!(render_stem(&t, None, &i, 3, 12), "KakaoTalk_2024-11-25_03");
        let i = input("Screenshot_20241125-093012_KakaoTalk", "결제오류", true);
        assert_eq!(render_stem(&t, None, &i, 1, 3), "결제오류_2024-11-25_1");
        assert_eq!(render_stem(&t, Some("내역"), &i, 1, 3), "내역_2024-11-25_1");
        let i = input("IMG_0001", "x", false);
        assert_eq!(render_stem(&t, None, &i, 1, 1), "screenshot_1");
    }

    #[test]
    fn hostile_labels_stay_one_component() {
        let t = Template::default();
        let i = input("a", "f", false);
        for label in ["../../etc", "/abs/path", "C:\\x", "CON", "a\0b", "..", "."] {
            let s = render_stem(&t, Some(label), &i, 1, 1);
            assert!(!s.contains('/') && !s.contains('\\') && !s.contains('\0') && !s.starts_with('.'), "{s}");
        }
        let s = render_stem(&"{label}".parse().unwrap(), Some("CON"), &i, 1, 1);
        assert_eq!(s, "_CON");
    }

    #[test]
    fn size_and_stem_tokens() {
        let t: Template = "{stem}_{w}x{h}".parse().unwrap();
        assert_eq!(render_stem(&t, None, &input("shot", "f", false), 1, 1), "shot_1080x2340");
    }
}

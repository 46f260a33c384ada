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

/// The capture metadata of a file whose name has the stem `stem`: from the
/// name, else from its EXIF time, else from its modification time (both
/// read by [`crate::probe`]; naming itself reads nothing).
pub fn capture_meta(stem: &str, exif_time: Option<(Date, Time)>, modified: Option<(Date, Time)>) -> CaptureMeta {
    let stem: String = stem.nfc().collect();
    if let Some(info) = parse_name(&stem) {
        return CaptureMeta { date: Some(info.date), time: info.time, app: info.app, source: MetaSource::Filename };
    }
    if let Some((date, time)) = exif_time {
        return CaptureMeta { date: Some(date), time: Some(time), app: None, source: MetaSource::Exif };
    }
    let (date, time) = modified.map_or((None, None), |(d, t)| (Some(d), Some(t)));
    CaptureMeta { date, time, app: None, source: MetaSource::Mtime }
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
    /// The folder says nothing about the content although its name may not
    /// look generic (the user's home folder, named after the user).
    pub folder_is_generic: bool,
    /// The label when neither the folder nor the app gives one, in the
    /// run's language.
    pub fallback_label: String,
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
            folder_is_generic: false,
            fallback_label: FALLBACK_LABEL.into(),
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

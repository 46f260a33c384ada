//! Reading a file name: the table of known schemes first, for the app and
//! for digits only a scheme can explain, then the general reader for a date
//! and time anywhere in the name.

use jiff::civil::{Date, Time};
use unicode_normalization::UnicodeNormalization;

use super::apps;
use super::general;
use super::schemes::{self, Reading};

/// The scheme name the general reader reports.
pub const GENERAL: &str = "general";

/// What a file name told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInfo {
    /// Capture date.
    pub date: Date,
    /// Capture time, when the name has one.
    pub time: Option<Time>,
    /// App shown (or device, for simulator screenshots), when the name says.
    pub app: Option<String>,
    /// Which scheme matched, or [`GENERAL`] (for tests and `-v`).
    pub scheme: &'static str,
}

/// Reads capture date, time and app from a file stem (no extension).
pub fn parse_name(stem: &str) -> Option<NameInfo> {
    let name: String = stem.trim().nfc().collect();
    match schemes::read_known(&name) {
        Reading::Read(info) => Some(info),
        Reading::Impossible => None,
        Reading::Unknown => general::read(&name).map(|found| NameInfo {
            date: found.date,
            time: found.time,
            app: apps::app_marked_in(&name).map(str::to_string),
            scheme: GENERAL,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(stem: &str) -> Option<(String, Option<String>, Option<String>, &'static str)> {
        parse_name(stem)
            .map(|i| (i.date.to_string(), i.time.map(|t| t.strftime("%H:%M:%S").to_string()), i.app, i.scheme))
    }

    #[test]
    fn the_table_first_then_the_general_reader() {
        let kakao = read("Screenshot_20241125-093012_KakaoTalk").unwrap();
        assert_eq!((kakao.2.as_deref(), kakao.3), (Some("KakaoTalk"), "samsung"));
        let general = read("Smart_Select_20241125-093012").unwrap();
        assert_eq!(general, ("2024-11-25".into(), Some("09:30:12".into()), None, GENERAL));
        let marked = read("WhatsApp Image 2024-06-13 at 16.47.59(1)").unwrap();
        assert_eq!((marked.1.as_deref(), marked.2.as_deref()), (Some("16:47:59"), Some("WhatsApp")));
    }

    #[test]
    fn a_known_shape_with_an_impossible_date_is_not_read_again() {
        // The general reader would find 2024-11-25 in the month-13 name's
        // neighbour; the scheme's shape says the name is broken.
        assert_eq!(read("Screenshot_20241125-253012"), None);
        assert_eq!(read("KakaoTalk_Photo_2021-07-27-오후 13-26-39"), None);
    }

    #[test]
    fn nfd_names_from_macos_are_recognised() {
        let nfd: String = "스크린샷 2024-12-23 오후 1.22.34".nfd().collect();
        assert_ne!(nfd, "스크린샷 2024-12-23 오후 1.22.34");
        assert_eq!(parse_name(&nfd).map(|i| i.scheme), Some("macos-ko"));
        let nfd: String = "스크린샷 2024년 3월 5일 오후 3-04-05".nfd().collect();
        assert_eq!(read(&nfd).map(|r| r.1), Some(Some("15:04:05".into())));
    }
}

//! What a screenshot's original file name says: capture date, time and app,
//! for the naming schemes of real devices and apps.
//!
//! One table of patterns, tried in order. Each pattern uses named groups:
//! `y` `mo` `d` (date), `h` `mi` `s` (time), `ap` (AM/PM in any language
//! we know), `app` (app label) or `pkg` (Android package name). A pattern may
//! also name a fixed app (KakaoTalk names its own files).

use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use regex::Regex;

/// What a file name told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInfo {
    /// Capture date.
    pub date: Date,
    /// Capture time, when the name has one.
    pub time: Option<Time>,
    /// App shown, when the name says.
    pub app: Option<String>,
    /// Which scheme matched (for tests and `-v`).
    pub scheme: &'static str,
}

struct Scheme {
    name: &'static str,
    pattern: &'static str,
    app: Option<&'static str>,
}

/// The known schemes. Patterns are matched against the NFC stem (no
/// extension) with copy suffixes such as ` (1)` removed.
const SCHEMES: &[Scheme] = &[
    // Samsung One UI: Screenshot_20241125-093012_KakaoTalk (also `_` between
    // date and time); AOSP/Pixel: Screenshot_20241125-093012(-display-1).
    Scheme {
        name: "android",
        pattern: r"^Screenshot_(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})[-_](?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})(?:-display-\d+)?(?:_(?P<app>.+))?$",
        app: None,
    },
    // Older Android: Screenshot_2014-11-25-09-30-12.
    Scheme {
        name: "android-old",
        pattern: r"^Screenshot_(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})-(?P<h>\d{2})-(?P<mi>\d{2})-(?P<s>\d{2})$",
        app: None,
    },
    // macOS, English: "Screen Shot 2024-11-25 at 9.30.12 AM" (up to 13),
    // "Screenshot 2024-11-25 at 09.30.12" (14+, 24-hour locales, U+202F
    // before AM/PM).
    Scheme {
        name: "macos",
        pattern: r"^(?:Screen Shot|Screenshot) (?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2}) at (?P<h>\d{1,2})[.:](?P<mi>\d{2})[.:](?P<s>\d{2})(?:[\s\u{202F}]?(?P<ap>[AaPp][Mm]))?$",
        app: None,
    },
    // macOS, Korean: "스크린샷 2024-11-25 오후 1.22.34".
    Scheme {
        name: "macos-ko",
        pattern: r"^스크린샷 (?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2}) (?P<ap>오전|오후) (?P<h>\d{1,2})\.(?P<mi>\d{2})\.(?P<s>\d{2})$",
        app: None,
    },
    // Windows Snipping Tool: "Screenshot 2024-11-25 093012", Korean "스크린샷 2024-11-25 093012".
    Scheme {
        name: "windows-snip",
        pattern: r"^(?:Screenshot|스크린샷) (?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2}) (?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})$",
        app: None,
    },
    // KakaoTalk saves: KakaoTalk_20241125_093012345 (milliseconds at the end).
    Scheme {
        name: "kakaotalk",
        pattern: r"^KakaoTalk_(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})_(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})\d{0,3}$",
        app: Some("KakaoTalk"),
    },
    // KakaoTalk photo exports: KakaoTalk_Photo_2024-11-25-09-30-12 (001).
    Scheme {
        name: "kakaotalk-photo",
        pattern: r"^KakaoTalk_Photo_(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})-(?P<h>\d{2})-(?P<mi>\d{2})-(?P<s>\d{2})(?: \d{3})?$",
        app: Some("KakaoTalk"),
    },
];

static COMPILED: LazyLock<Vec<(&'static Scheme, Regex)>> =
    LazyLock::new(|| SCHEMES.iter().filter_map(|s| Regex::new(s.pattern).ok().map(|r| (s, r))).collect());

/// Copy suffixes file managers add: ` (1)`, ` - Copy`, ` 복사본`.
static COPY_SUFFIX: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?: \(\d+\)| - Copy(?: \(\d+\))?| - 복사본(?: \(\d+\))?)+$").ok());

/// Reads capture date, time and app from a file stem (NFC, no extension).
pub fn parse_name(stem: &str) -> Option<NameInfo> {
    let stem = match COPY_SUFFIX.as_ref() {
        Some(re) => re.replace(stem, ""),
        None => stem.into(),
    };
    COMPILED.iter().find_map(|(scheme, re)| {
        let caps = re.captures(&stem)?;
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
        let date = Date::new(num("y")?, i8::try_from(num("mo")?).ok()?, i8::try_from(num("d")?).ok()?).ok()?;
        let time = match (num("h"), num("mi"), num("s")) {
            (Some(h), Some(mi), Some(s)) => {
                let h = to_24h(h, caps.name("ap").map(|m| m.as_str()))?;
                Some(Time::new(h, i8::try_from(mi).ok()?, i8::try_from(s).ok()?, 0).ok()?)
            }
            _ => None,
        };
        let app = scheme
            .app
            .map(str::to_string)
            .or_else(|| caps.name("app").map(|m| m.as_str().trim().replace('_', " ")).filter(|a| !a.is_empty()));
        Some(NameInfo { date, time, app, scheme: scheme.name })
    })
}

/// A 12-hour clock reading in 24 hours: 12 AM is 0, 12 PM is 12.
fn to_24h(h: i16, am_pm: Option<&str>) -> Option<i8> {
    let h = i8::try_from(h).ok()?;
    let Some(ap) = am_pm else { return (0..24).contains(&h).then_some(h) };
    if !(1..=12).contains(&h) {
        return None;
    }
    let pm = matches!(ap.to_lowercase().as_str(), "pm" | "오후");
    Some(match (pm, h) {
        (false, 12) => 0,
        (false, h) => h,
        (true, 12) => 12,
        (true, h) => h + 12,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(stem: &str, date: &str, time: Option<&str>, app: Option<&str>) {
        let info = parse_name(stem).unwrap_or_else(|| panic!("{stem:?} not recognised"));
        assert_eq!(info.date.to_string(), date, "{stem}");
        assert_eq!(info.time.map(|t| t.strftime("%H:%M:%S").to_string()).as_deref(), time, "{stem}");
        assert_eq!(info.app.as_deref(), app, "{stem}");
    }

    #[test]
    fn known_schemes() {
        check("Screenshot_20241125-093012_KakaoTalk", "2024-11-25", Some("09:30:12"), Some("KakaoTalk"));
        check("Screenshot_20241125_093012_Samsung Internet", "2024-11-25", Some("09:30:12"), Some("Samsung Internet"));
        check("Screenshot_20241125-093012", "2024-11-25", Some("09:30:12"), None);
        check("Screenshot_20241125-093012-display-1", "2024-11-25", Some("09:30:12"), None);
        check("Screenshot_2014-11-25-21-30-12", "2014-11-25", Some("21:30:12"), None);
        check("Screen Shot 2024-11-25 at 9.30.12 AM", "2024-11-25", Some("09:30:12"), None);
        check("Screen Shot 2024-11-25 at 12.05.00 AM", "2024-11-25", Some("00:05:00"), None);
        check("Screenshot 2024-11-25 at 1.22.34\u{202F}PM", "2024-11-25", Some("13:22:34"), None);
        check("Screenshot 2024-11-25 at 13.22.34", "2024-11-25", Some("13:22:34"), None);
        check("스크린샷 2024-11-25 오후 1.22.34", "2024-11-25", Some("13:22:34"), None);
        check("스크린샷 2024-11-25 오전 12.01.02", "2024-11-25", Some("00:01:02"), None);
        check("Screenshot 2024-11-25 093012", "2024-11-25", Some("09:30:12"), None);
        check("스크린샷 2024-11-25 093012", "2024-11-25", Some("09:30:12"), None);
        check("KakaoTalk_20241125_093012345", "2024-11-25", Some("09:30:12"), Some("KakaoTalk"));
        check("KakaoTalk_Photo_2024-11-25-09-30-12 001", "2024-11-25", Some("09:30:12"), Some("KakaoTalk"));
        check("Screenshot_20241125-093012_KakaoTalk (1)", "2024-11-25", Some("09:30:12"), Some("KakaoTalk"));
    }

    #[test]
    fn not_screenshot_names() {
        for stem in ["IMG_1234", "image", "Screenshot (12)", "Screenshot_20241325-093012", "Screenshot_20241125-253012"]
        {
            assert_eq!(parse_name(stem), None, "{stem}");
        }
    }
}

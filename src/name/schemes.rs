//! The table of known naming schemes: where a screenshot or messenger
//! names its files after the capture time, and where its name says which
//! app was on screen.
//!
//! The general reader ([`super::general`]) finds dates anywhere; the table
//! keeps its place for what that reader cannot know: the app (`…_KakaoTalk`,
//! `…_com.whatsapp`, a window title, the messenger that saved the file) and
//! digits that are ambiguous without the scheme (LINE's unpadded month and
//! day, two-digit years, epoch milliseconds).
//!
//! One table, [`SCHEMES`], tried in order. A scheme is a regular expression
//! over the whole stem (NFC, no extension) with named groups, and a rule
//! saying where the app comes from. To support another scheme, add a row
//! here and a few names to the test tables.
//!
//! Groups: `y` (four-digit year) or `yy` (two digits, 20yy); `mo` and `d`,
//! or `md` (month and day run together without zero padding, as LINE
//! writes them); `h` `mi` and optionally `s`; `ap` (AM/PM in a language we
//! know); `ms` (milliseconds since 1970) or `epoch` (seconds), read in the
//! system time zone; `app` (read as the scheme's [`AppRule`] says).
//! Shorthands in angle brackets (`<DATE>`, `<H.M.S>`, ...) expand to the
//! usual groups, and `\d` means an ASCII digit.
//!
//! Copy suffixes ([`super::suffix`]) are taken off only when the name as it
//! is matches no scheme. A name that has a scheme's shape but an impossible
//! date or time (month 13, 25 o'clock, 13 PM) is not a date at all.

use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use regex::{Captures, Regex};

use super::apps;
use super::calendar::{self, Meridiem};
use super::reader::NameInfo;
use super::suffix;

/// Where a scheme's app name comes from.
#[derive(Debug, Clone, Copy)]
enum AppRule {
    /// The name says nothing about the app.
    None,
    /// The app that writes these names.
    Fixed(&'static str),
    /// The `app` group, as written (a package name, as some phones write
    /// instead, is read as [`AppRule::Package`]).
    Label,
    /// The `app` group is an Android package name (`com.whatsapp`).
    Package,
    /// The `app` group is a window title (`Inbox - Gmail - Google Chrome`):
    /// its last ` - ` part names the app, the rest may be private.
    WindowTitle,
}

struct Scheme {
    name: &'static str,
    pattern: &'static str,
    app: AppRule,
}

/// The known schemes, most specific first: a later, looser pattern (Xbox
/// Game Bar, ShareX) must not see names an earlier one explains.
const SCHEMES: &[Scheme] = &[
    // Samsung One UI: Screenshot_20241125-093012_KakaoTalk (One UI 1–3),
    // Screenshot_20241125_093012_Samsung Internet (One UI 4+), and its other
    // capture tools (Smart_Select_…, Screen_Recording_…); Huawei EMUI writes
    // the package instead: Screenshot_20200524_133213_com.huawei.android.launcher.
    Scheme {
        name: "samsung",
        pattern: r"^(?:Screenshot|Smart_Select|Screen_Recording)_<YMD>[-_]<HMS>_(?P<app>.+)$",
        app: AppRule::Label,
    },
    // AOSP and Pixel: Screenshot_20201215-090626, -display-N on a second screen.
    Scheme { name: "aosp", pattern: r"^Screenshot_<YMD>-<HMS>(?:-display-\d+)?$", app: AppRule::None },
    // KDE Spectacle: Screenshot_20230101_132234.
    Scheme { name: "kde-spectacle", pattern: r"^Screenshot_<YMD>_<HMS>$", app: AppRule::None },
    // Android 4–5: Screenshot_2014-11-25-21-30-12.
    Scheme { name: "android-old", pattern: r"^Screenshot_<DATE>-<H-M-S>$", app: AppRule::None },
    // MIUI/HyperOS (and others copying it): milliseconds, then the package:
    // Screenshot_2024-06-28-21-06-21-191_com.whatsapp, also `-edit`.
    Scheme {
        name: "miui",
        pattern: r"^Screenshot_<DATE>-<H-M-S>-\d{3}(?:-edit)?(?:_(?P<app>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+))?$",
        app: AppRule::Package,
    },
    // macOS, English: "Screen Shot 2019-12-23 at 9.49.52 PM" (up to 12),
    // "Screenshot 2024-07-16 at 11.57.21\u{202F}PM" (13+, U+202F from 14),
    // "… at 8.51.35\u{202F}pm" (en-GB/AU), "… at 14.20.13" (24-hour locales).
    Scheme { name: "macos", pattern: r"^(?:Screen Shot|Screenshot) <DATE> at <H.M.S><AMPM>$", app: AppRule::None },
    // macOS, Korean: "스크린샷 2024-12-23 오후 1.22.34"; 24-hour: "… 14.07.31".
    Scheme {
        name: "macos-ko", pattern: r"^스크린샷 <DATE> (?:(?P<ap>오전|오후) )?<H.M.S>$", app: AppRule::None
    },
    // macOS, German: "Bildschirmfoto 2023-11-29 um 13.13.44".
    Scheme { name: "macos-de", pattern: r"^Bildschirmfoto <DATE> um <H.M.S>$", app: AppRule::None },
    // macOS, French: "Capture d’écran 2020-08-09 à 22.21.11".
    Scheme { name: "macos-fr", pattern: r"^Capture d[’']écran <DATE> à <H.M.S>$", app: AppRule::None },
    // macOS, Japanese: "スクリーンショット 2021-12-09 21.41.24".
    Scheme { name: "macos-ja", pattern: r"^スクリーンショット <DATE> <H.M.S>$", app: AppRule::None },
    // macOS, Spanish: "Captura de pantalla 2023-07-14 a la(s) 15.37.49",
    // "… a las 9.18.36", 12-hour "… 1.44.33 p. m.".
    Scheme {
        name: "macos-es",
        pattern: r"^Captura de [Pp]antalla <DATE> a la(?:s|\(s\)) <H.M.S>(?:<SP>(?P<ap>[ap]\.<SP>?m\.))?$",
        app: AppRule::None,
    },
    // Xcode's iOS Simulator: "Simulator Screen Shot - iPhone 11 - 2021-04-08
    // at 09.33.07", "Simulator Screenshot - iPhone 15 Pro - …" (Xcode 15+).
    // The device stands in for the app.
    Scheme {
        name: "ios-simulator",
        pattern: r"^Simulator Screen ?[Ss]hot - (?P<app>.+) - <DATE> at <H.M.S><AMPM>$",
        app: AppRule::Label,
    },
    // Windows 11 Snipping Tool and Win+PrtScn: "Screenshot 2024-01-29 110729",
    // "스크린샷 2024-10-07 210655", "Capture d’écran 2025-12-04 105107",
    // "スクリーンショット 2024-12-20 054026", "Captura de pantalla 2023-12-17 175657".
    Scheme {
        name: "windows-snipping",
        pattern: r"^(?:Screenshot|스크린샷|Capture d[’']écran|スクリーンショット|Captura de pantalla) <DATE> <HMS>$",
        app: AppRule::None,
    },
    // GNOME Shell and gnome-screenshot: "Screenshot from 2023-07-04 16-20-53"
    // ("From" in GNOME 45+), translated: "Bildschirmfoto vom …", "Capture
    // d’écran du …", "스크린샷, …", "Captura de pantalla de …".
    Scheme {
        name: "gnome",
        pattern: r"^(?:Screenshot [Ff]rom|Bildschirmfoto vom|Capture d[’']écran du|스크린샷,|Captura de pantalla de) <DATE> <H-M-S>$",
        app: AppRule::None,
    },
    // Nextcloud's iOS auto-upload: "22-04-06 15-21-03 2160" (yy-mm-dd, then
    // the photo's number); two-digit years are read only in this shape.
    Scheme {
        name: "nextcloud-ios",
        pattern: r"^(?P<yy>\d{2})-(?P<mo>\d{2})-(?P<d>\d{2}) <H-M-S> \d{4}$",
        app: AppRule::None,
    },
    // Xbox Game Bar (Win+Alt+PrtScn): "<window title> 2023-05-10 12-18-56".
    Scheme { name: "xbox-game-bar", pattern: r"^(?P<app>.+) <DATE> <H-M-S>$", app: AppRule::WindowTitle },
    // NVIDIA overlay: "Desktop Screenshot 2023.05.08 - 01.00.59.88".
    Scheme {
        name: "nvidia",
        pattern: r"^(?P<app>.+) Screenshot (?P<y>\d{4})\.(?P<mo>\d{2})\.(?P<d>\d{2}) - <H.M.S>\.\d{2}$",
        app: AppRule::Label,
    },
    // Flameshot's default `%F_%H-%M`: 2023-01-01_13-22 (no seconds).
    Scheme { name: "flameshot", pattern: r"^<DATE>_(?P<h>\d{2})-(?P<mi>\d{2})$", app: AppRule::None },
    // Telegram Desktop: photo_2023-10-28_09-58-21.
    Scheme { name: "telegram", pattern: r"^photo_<DATE>_<H-M-S>$", app: AppRule::Fixed("Telegram") },
    // ShareX `%y-%mo-%d_%h-%mi-%s`, optionally after `%pn_` (process) or
    // `%t_` (window title): 2016-05-14_10-44-22, chrome_2016-05-14_10-44-22.
    Scheme { name: "sharex", pattern: r"^(?:(?P<app>.+)_)?<DATE>_<H-M-S>$", app: AppRule::WindowTitle },
    // KakaoTalk saves: KakaoTalk_20231205_170011141, `_01` for the next photo.
    Scheme {
        name: "kakaotalk",
        pattern: r"^KakaoTalk_<YMD>_<HMS>\d{0,3}(?:_\d{2})?$",
        app: AppRule::Fixed("KakaoTalk"),
    },
    // KakaoTalk for PC: KakaoTalk_Photo_2024-04-25-18-09-05 001.
    Scheme {
        name: "kakaotalk-photo",
        pattern: r"^KakaoTalk_Photo_<DATE>-<H-M-S>(?: \d{3})?$",
        app: AppRule::Fixed("KakaoTalk"),
    },
    // Older KakaoTalk for PC, 12-hour: KakaoTalk_Photo_2021-07-27-오후 6-26-39.
    Scheme {
        name: "kakaotalk-photo-12h",
        pattern: r"^KakaoTalk_Photo_<DATE>-(?P<ap>오전|오후) (?P<h>\d{1,2})-(?P<mi>\d{2})-(?P<s>\d{2})(?: \d{3})?$",
        app: AppRule::Fixed("KakaoTalk"),
    },
    // WhatsApp on Android: IMG-20250315-WA0002 (no time).
    Scheme { name: "whatsapp", pattern: r"^IMG-<YMD>-WA\d{4,}$", app: AppRule::Fixed("WhatsApp") },
    // WhatsApp Desktop/Web: "WhatsApp Image 2024-06-13 at 16.47.59", "… at
    // 10.25.33 PM", newer with a hash: "… at 21.34.12_8c6060b7".
    Scheme {
        name: "whatsapp-image",
        pattern: r"^WhatsApp Image <DATE> at <H.M.S><AMPM>(?:_[0-9a-f]{8})?$",
        app: AppRule::Fixed("WhatsApp"),
    },
    // Signal: signal-2023-05-26-101500, `_002` for the next attachment.
    Scheme { name: "signal", pattern: r"^signal-<DATE>-<HMS>(?:_\d{3})?$", app: AppRule::Fixed("Signal") },
    // LINE: LINE_P20210307_160303085; older versions do not pad month and
    // day: LINE_P2021629_232955 (2021-6-29).
    Scheme { name: "line", pattern: r"^LINE_P(?P<y>\d{4})(?P<md>\d{2,4})_<HMS>\d{0,3}$", app: AppRule::Fixed("LINE") },
    // WeChat saves: mmexport1451181351065 (epoch milliseconds), also after
    // a hash: mmexport880789df193ec7be33fa89e2ba448626_1620307573963.
    Scheme { name: "wechat", pattern: r"^mmexport(?:[0-9a-f]{32}_)?(?P<ms>\d{13})$", app: AppRule::Fixed("WeChat") },
    // WeChat's camera: wx_camera_1491222158366.
    Scheme { name: "wechat-camera", pattern: r"^wx_camera_(?P<ms>\d{13})$", app: AppRule::Fixed("WeChat") },
    // Facebook's "save photo": FB_IMG_1558876263914.
    Scheme { name: "facebook", pattern: r"^FB_IMG_(?P<ms>\d{13})$", app: AppRule::Fixed("Facebook") },
    // Android screenshots with the package glued on after a dot:
    // "Screenshot 20221106 211633.com.google.android.apps.nbu.paisa.user".
    Scheme {
        name: "android-package",
        pattern: r"^Screenshot <YMD> <HMS>\.(?P<app>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)$",
        app: AppRule::Package,
    },
    // Screenshots named by the epoch milliseconds: screenshot_1616779141888.
    Scheme { name: "screenshot-epoch", pattern: r"^screenshot_(?P<ms>\d{13})$", app: AppRule::None },
    // iOS screen recordings: RPReplay_Final1612345678 (epoch seconds).
    Scheme { name: "ios-screen-recording", pattern: r"^RPReplay_Final(?P<epoch>\d{10})$", app: AppRule::None },
    // LINE album downloads: LINE_ALBUM_<album>_251221_1 (album date, yymmdd).
    Scheme {
        name: "line-album",
        pattern: r"^LINE_ALBUM_.+_(?P<yy>\d{2})(?P<mo>\d{2})(?P<d>\d{2})_\d+(?:_\d+)?$",
        app: AppRule::Fixed("LINE"),
    },
];

/// The shorthands used in [`SCHEMES`].
const SHORTHANDS: &[(&str, &str)] = &[
    ("<DATE>", r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"),
    ("<YMD>", r"(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})"),
    ("<HMS>", r"(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})"),
    ("<H.M.S>", r"(?P<h>\d{1,2})\.(?P<mi>\d{2})\.(?P<s>\d{2})"),
    ("<H-M-S>", r"(?P<h>\d{2})-(?P<mi>\d{2})-(?P<s>\d{2})"),
    ("<AMPM>", r"(?:<SP>(?P<ap>[AaPp][Mm]))?"),
    // A space, no-break space or the narrow no-break space of macOS 14+.
    ("<SP>", r"[ \u{A0}\u{202F}]"),
];

/// Expands the shorthands; `\d` becomes ASCII-only (the regex crate's `\d`
/// also matches other scripts' digits, which no scheme writes).
fn expand(pattern: &str) -> String {
    let mut p = pattern.to_string();
    for (short, long) in SHORTHANDS {
        p = p.replace(short, long);
    }
    p.replace(r"\d", "[0-9]")
}

static COMPILED: LazyLock<Vec<(&'static Scheme, Regex)>> =
    LazyLock::new(|| SCHEMES.iter().filter_map(|s| Regex::new(&expand(s.pattern)).ok().map(|r| (s, r))).collect());

/// What the table says about a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A scheme read it.
    Read(NameInfo),
    /// A scheme's shape with an impossible date or time: not a date.
    Impossible,
    /// No scheme has this shape.
    Unknown,
}

/// Reads `name` (NFC, trimmed) with the table: as it is, then without one
/// copy suffix after another.
pub fn read_known(name: &str) -> Reading {
    let mut candidate = name;
    for _ in 0..=suffix::MAX_SUFFIXES {
        let mut shaped = false;
        for (scheme, re) in COMPILED.iter() {
            if let Some(caps) = re.captures(candidate) {
                shaped = true;
                if let Some(info) = read(scheme, &caps) {
                    return Reading::Read(info);
                }
            }
        }
        if shaped {
            return Reading::Impossible;
        }
        match suffix::strip_one(candidate) {
            Some(shorter) => candidate = shorter,
            None => break,
        }
    }
    Reading::Unknown
}

/// The date, time and app one match says, if the date and time exist.
fn read(scheme: &Scheme, caps: &Captures) -> Option<NameInfo> {
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    let num = |name: &str| group(name).and_then(|s| s.parse::<i64>().ok());
    let instant = match (num("ms"), num("epoch")) {
        (Some(ms), _) => Some(ms),
        (None, Some(seconds)) => Some(seconds.checked_mul(1000)?),
        (None, None) => None,
    };
    let (date, time) = match instant {
        Some(ms) => calendar::local_from_epoch_millis(ms).map(|(d, t)| (d, Some(t)))?,
        None => (written_date(&group, &num)?, written_time(&group, &num)?),
    };
    let app = group("app").and_then(|raw| match scheme.app {
        AppRule::Label if apps::is_package(raw.trim()) => Some(apps::app_name(raw.trim())),
        AppRule::Label => clean_app(raw),
        AppRule::Package => Some(apps::app_name(raw)),
        AppRule::WindowTitle => clean_app(title_app(raw)),
        AppRule::None | AppRule::Fixed(_) => None,
    });
    let app = match scheme.app {
        AppRule::Fixed(name) => Some(name.to_string()),
        _ => app,
    };
    Some(NameInfo { date, time, app, scheme: scheme.name })
}

/// The date a match writes out, if it is plausible.
fn written_date<'a>(group: &impl Fn(&str) -> Option<&'a str>, num: &impl Fn(&str) -> Option<i64>) -> Option<Date> {
    let year = match (num("y"), num("yy")) {
        (Some(y), _) => y,
        (None, Some(yy)) => 2000 + yy,
        (None, None) => return None,
    };
    match group("md") {
        Some(md) => month_day(year, md),
        None => calendar::plausible_date(year, num("mo")?, num("d")?),
    }
}

/// The time of day a match writes out: `Some(None)` when it has none,
/// `None` when it has one that does not exist.
fn written_time<'a>(
    group: &impl Fn(&str) -> Option<&'a str>,
    num: &impl Fn(&str) -> Option<i64>,
) -> Option<Option<Time>> {
    let (Some(hour), Some(minute)) = (num("h"), num("mi")) else { return Some(None) };
    let meridiem = match group("ap") {
        Some(word) => Some(Meridiem::parse(word)?),
        None => None,
    };
    calendar::plausible_time(hour, minute, num("s").unwrap_or(0), meridiem).map(Some)
}

/// The last part of a window title (`Inbox - Gmail - Google Chrome` →
/// `Google Chrome`): titles name the app last, and the rest may be private.
fn title_app(title: &str) -> &str {
    [" - ", " — ", " – "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| i + sep.len()))
        .max()
        .map_or(title, |start| &title[start..])
}

/// Labels that name no app: NVIDIA's "Desktop" capture, and the word
/// capture tools put where ShareX or Xbox Game Bar put a window
/// (`Screenshot_2026-02-09_10-23-56`, `Screenshot 2017-05-08 13-45-10`).
const NOT_APPS: &[&str] =
    &["desktop", "screenshot", "screenshots", "screen shot", "capture", "snapshot", "image", "photo"];

/// An app label without copy suffixes or stray separators; `None` when
/// nothing telling is left (only digits, or a placeholder).
fn clean_app(raw: &str) -> Option<String> {
    let s = suffix::strip_from_label(raw.trim()).trim_matches(|c: char| c.is_whitespace() || matches!(c, '_' | '-'));
    let telling = s.chars().any(|c| !c.is_ascii_digit()) && !NOT_APPS.contains(&s.to_lowercase().as_str());
    telling.then(|| apps::known_spelling(s).map_or_else(|| s.to_string(), str::to_string))
}

/// A date from a year and LINE's month and day: `0307` is 3-7; unpadded
/// `629` is 6-29, `831` 8-31, `104` 10-4 (unpadded parts never start with
/// 0); `114` could be 1-14 or 11-4, so it is no date.
fn month_day(year: i64, md: &str) -> Option<Date> {
    let number = |s: &str| s.parse::<i64>().ok();
    if md.len() == 4 {
        return calendar::plausible_date(year, number(&md[..2])?, number(&md[2..])?);
    }
    let readings: Vec<Date> = (1..md.len())
        .filter_map(|cut| {
            let (m, d) = md.split_at(cut);
            if m.starts_with('0') || d.starts_with('0') {
                return None;
            }
            calendar::plausible_date(year, number(m)?, number(d)?)
        })
        .collect();
    match readings.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// (stem, scheme, date, time, app).
    type Row = (&'static str, &'static str, &'static str, Option<&'static str>, Option<&'static str>);

    /// Real-looking names of every family.
    #[rustfmt::skip]
    const NAMES: &[Row] = &[
        // Samsung One UI: both separators, labels with spaces, copies.
        ("Screenshot_20241125-093012_KakaoTalk", "samsung", "2024-11-25", Some("09:30:12"), Some("KakaoTalk")),
        ("Screenshot_20231113_165226_Samsung Internet", "samsung", "2023-11-13", Some("16:52:26"), Some("Samsung Internet")),
        ("Screenshot_20240912-064012_WhatsApp", "samsung", "2024-09-12", Some("06:40:12"), Some("WhatsApp")),
        ("Screenshot_20250717_140344_Samsung Internet (1)", "samsung", "2025-07-17", Some("14:03:44"), Some("Samsung Internet")),
        ("Screenshot_20240229_235959_NAVER Map", "samsung", "2024-02-29", Some("23:59:59"), Some("NAVER Map")),
        ("Screenshot_20241125_093012_KakaoTalk_1", "samsung", "2024-11-25", Some("09:30:12"), Some("KakaoTalk")),
        ("Screenshot_20231113_165226_1", "samsung", "2023-11-13", Some("16:52:26"), None),
        ("Smart_Select_20190805-205427_Chrome", "samsung", "2019-08-05", Some("20:54:27"), Some("Chrome")),
        ("Screenshot_20200524_133213_com.huawei.android.launcher", "samsung", "2020-05-24", Some("13:32:13"), Some("Launcher")),
        // AOSP / Pixel.
        ("Screenshot_20201215-090626", "aosp", "2020-12-15", Some("09:06:26"), None),
        ("Screenshot_20201215-090626-display-1", "aosp", "2020-12-15", Some("09:06:26"), None),
        ("Screenshot_20201215-090626 (2)", "aosp", "2020-12-15", Some("09:06:26"), None),
        // KDE Spectacle.
        ("Screenshot_20230101_132234", "kde-spectacle", "2023-01-01", Some("13:22:34"), None),
        ("Screenshot_20230101_000000-1", "kde-spectacle", "2023-01-01", Some("00:00:00"), None),
        // Older Android.
        ("Screenshot_2014-11-25-21-30-12", "android-old", "2014-11-25", Some("21:30:12"), None),
        ("Screenshot_2015-01-03-07-05-09 - Copy", "android-old", "2015-01-03", Some("07:05:09"), None),
        // MIUI: milliseconds and a package.
        ("Screenshot_2024-06-28-21-06-21-191_com.whatsapp", "miui", "2024-06-28", Some("21:06:21"), Some("WhatsApp")),
        ("Screenshot_2025-07-31-19-27-55-856_us.zoom.videomeetings", "miui", "2025-07-31", Some("19:27:55"), Some("Zoom")),
        ("Screenshot_2025-02-20-11-50-24-142-edit_com.whatsapp", "miui", "2025-02-20", Some("11:50:24"), Some("WhatsApp")),
        ("Screenshot_2023-05-10-14-38-41-123_com.kakao.talk", "miui", "2023-05-10", Some("14:38:41"), Some("KakaoTalk")),
        ("Screenshot_2023-05-10-14-38-41-123_com.example.payments", "miui", "2023-05-10", Some("14:38:41"), Some("Payments")),
        ("Screenshot_2023-05-10-14-38-41-123", "miui", "2023-05-10", Some("14:38:41"), None),
        // macOS, English: old and new, 12 and 24 hours, U+202F, lower case.
        ("Screen Shot 2019-12-23 at 9.49.52 PM", "macos", "2019-12-23", Some("21:49:52"), None),
        ("Screen Shot 2024-11-25 at 12.05.00 AM", "macos", "2024-11-25", Some("00:05:00"), None),
        ("Screen Shot 2019-12-06 at 12.34.17 PM", "macos", "2019-12-06", Some("12:34:17"), None),
        ("Screenshot 2024-07-16 at 11.57.21\u{202F}PM", "macos", "2024-07-16", Some("23:57:21"), None),
        ("Screenshot 2026-01-22 at 8.51.35\u{202F}pm", "macos", "2026-01-22", Some("20:51:35"), None),
        ("Screenshot 2024-01-26 at 14.20.13", "macos", "2024-01-26", Some("14:20:13"), None),
        ("Screenshot 2024-01-04 at 7.58.28\u{202F}AM (1)", "macos", "2024-01-04", Some("07:58:28"), None),
        ("Screen Shot 2020-04-11 at 4.40.59 PM copy", "macos", "2020-04-11", Some("16:40:59"), None),
        // macOS, localised.
        ("스크린샷 2024-12-23 오후 1.22.34", "macos-ko", "2024-12-23", Some("13:22:34"), None),
        ("스크린샷 2024-11-25 오전 12.01.02", "macos-ko", "2024-11-25", Some("00:01:02"), None),
        ("스크린샷 2024-03-11 14.07.31", "macos-ko", "2024-03-11", Some("14:07:31"), None),
        ("스크린샷 2024-11-25 오후 12.30.00 복사본", "macos-ko", "2024-11-25", Some("12:30:00"), None),
        ("Bildschirmfoto 2023-11-29 um 13.13.44", "macos-de", "2023-11-29", Some("13:13:44"), None),
        ("Capture d’écran 2020-08-09 à 22.21.11", "macos-fr", "2020-08-09", Some("22:21:11"), None),
        ("スクリーンショット 2021-12-09 21.41.24", "macos-ja", "2021-12-09", Some("21:41:24"), None),
        ("スクリーンショット 2021-12-15 0.12.00", "macos-ja", "2021-12-15", Some("00:12:00"), None),
        ("Captura de pantalla 2023-07-14 a la(s) 15.37.49", "macos-es", "2023-07-14", Some("15:37:49"), None),
        ("Captura de pantalla 2023-10-29 a la(s) 1.44.33\u{202F}p.\u{A0}m.", "macos-es", "2023-10-29", Some("13:44:33"), None),
        // iOS Simulator.
        ("Simulator Screen Shot - iPhone 11 - 2021-04-08 at 09.33.07", "ios-simulator", "2021-04-08", Some("09:33:07"), Some("iPhone 11")),
        ("Simulator Screenshot - iPhone 15 Pro - 2024-06-30 at 23.54.45", "ios-simulator", "2024-06-30", Some("23:54:45"), Some("iPhone 15 Pro")),
        ("Simulator Screen Shot - iPad (8th generation) - 2021-04-08 at 09.33.07", "ios-simulator", "2021-04-08", Some("09:33:07"), Some("iPad (8th generation)")),
        // Windows Snipping Tool.
        ("Screenshot 2024-01-29 110729", "windows-snipping", "2024-01-29", Some("11:07:29"), None),
        ("스크린샷 2024-10-07 210655", "windows-snipping", "2024-10-07", Some("21:06:55"), None),
        ("Capture d’écran 2025-12-04 105107", "windows-snipping", "2025-12-04", Some("10:51:07"), None),
        ("Capture d'écran 2025-11-01 042258", "windows-snipping", "2025-11-01", Some("04:22:58"), None),
        ("スクリーンショット 2024-12-20 054026", "windows-snipping", "2024-12-20", Some("05:40:26"), None),
        ("Screenshot 2024-01-14 202057 - Copy", "windows-snipping", "2024-01-14", Some("20:20:57"), None),
        ("스크린샷 2024-11-14 185809 - 복사본 (2)", "windows-snipping", "2024-11-14", Some("18:58:09"), None),
        // Nextcloud iOS.
        ("22-04-06 15-21-03 2160", "nextcloud-ios", "2022-04-06", Some("15:21:03"), None),
        // Xbox Game Bar: the window title's last part names the app.
        ("Stitch - Projects - Google Chrome 2026-05-20 21-58-53", "xbox-game-bar", "2026-05-20", Some("21:58:53"), Some("Google Chrome")),
        ("ffxiv_dx11 2023-05-10 12-18-56", "xbox-game-bar", "2023-05-10", Some("12:18:56"), Some("ffxiv_dx11")),
        ("Minecraft 2023-03-01 08-00-01 (1)", "xbox-game-bar", "2023-03-01", Some("08:00:01"), Some("Minecraft")),
        // GNOME: from/From, duplicates, translations.
        ("Screenshot from 2023-07-04 16-20-53", "gnome", "2023-07-04", Some("16:20:53"), None),
        ("Screenshot From 2024-12-06 09-15-00", "gnome", "2024-12-06", Some("09:15:00"), None),
        ("Screenshot from 2023-02-18 00-16-10-1", "gnome", "2023-02-18", Some("00:16:10"), None),
        ("Screenshot from 2017-05-21 12-24-03 - 2", "gnome", "2017-05-21", Some("12:24:03"), None),
        ("Bildschirmfoto vom 2025-09-25 18-10-02", "gnome", "2025-09-25", Some("18:10:02"), None),
        ("Capture d’écran du 2025-08-04 16-45-01", "gnome", "2025-08-04", Some("16:45:01"), None),
        ("스크린샷, 2023-01-28 17-57-33", "gnome", "2023-01-28", Some("17:57:33"), None),
        ("Captura de pantalla de 2023-08-29 17-39-47", "gnome", "2023-08-29", Some("17:39:47"), None),
        // NVIDIA overlay.
        ("Desktop Screenshot 2023.05.08 - 01.00.59.88", "nvidia", "2023-05-08", Some("01:00:59"), None),
        ("Cyberpunk 2077 Screenshot 2023.01.21 - 15.55.47.31", "nvidia", "2023-01-21", Some("15:55:47"), Some("Cyberpunk 2077")),
        // Flameshot: minutes only; `_1` duplicates.
        ("2023-01-01_13-22", "flameshot", "2023-01-01", Some("13:22:00"), None),
        ("2023-01-01_13-22_1", "flameshot", "2023-01-01", Some("13:22:00"), None),
        // ShareX date names; the process or window before them.
        ("2016-05-14_10-44-22", "sharex", "2016-05-14", Some("10:44:22"), None),
        ("chrome_2016-05-14_10-44-22", "sharex", "2016-05-14", Some("10:44:22"), Some("Chrome")),
        ("Screenshot_2026-02-09_10-23-56", "sharex", "2026-02-09", Some("10:23:56"), None),
        ("Screenshot 20221106 211633.com.google.android.apps.nbu.paisa.user", "android-package", "2022-11-06", Some("21:16:33"), Some("Google Pay")),
        ("Inbox - Gmail - Google Chrome_2016-05-14_10-44-22", "sharex", "2016-05-14", Some("10:44:22"), Some("Google Chrome")),
        // KakaoTalk.
        ("KakaoTalk_20231205_170011141", "kakaotalk", "2023-12-05", Some("17:00:11"), Some("KakaoTalk")),
        ("KakaoTalk_20231205_170011141_01", "kakaotalk", "2023-12-05", Some("17:00:11"), Some("KakaoTalk")),
        ("KakaoTalk_Photo_2024-04-25-18-09-05 001", "kakaotalk-photo", "2024-04-25", Some("18:09:05"), Some("KakaoTalk")),
        ("KakaoTalk_Photo_2022-09-15-20-31-04", "kakaotalk-photo", "2022-09-15", Some("20:31:04"), Some("KakaoTalk")),
        ("KakaoTalk_Photo_2021-07-27-오후 6-26-39", "kakaotalk-photo-12h", "2021-07-27", Some("18:26:39"), Some("KakaoTalk")),
        ("KakaoTalk_Photo_2021-07-27-오후 6-25-38 001", "kakaotalk-photo-12h", "2021-07-27", Some("18:25:38"), Some("KakaoTalk")),
        ("KakaoTalk_Photo_2021-07-27-오전 12-05-00", "kakaotalk-photo-12h", "2021-07-27", Some("00:05:00"), Some("KakaoTalk")),
        // Telegram.
        ("photo_2023-10-28_09-58-21", "telegram", "2023-10-28", Some("09:58:21"), Some("Telegram")),
        ("photo_2023-01-21_08-49-02 (2)", "telegram", "2023-01-21", Some("08:49:02"), Some("Telegram")),
        // WhatsApp.
        ("IMG-20250315-WA0002", "whatsapp", "2025-03-15", None, Some("WhatsApp")),
        ("WhatsApp Image 2024-06-13 at 16.47.59", "whatsapp-image", "2024-06-13", Some("16:47:59"), Some("WhatsApp")),
        ("WhatsApp Image 2024-02-13 at 10.25.33 PM (1)", "whatsapp-image", "2024-02-13", Some("22:25:33"), Some("WhatsApp")),
        ("WhatsApp Image 2024-02-29 at 21.34.12_8c6060b7", "whatsapp-image", "2024-02-29", Some("21:34:12"), Some("WhatsApp")),
        // Signal.
        ("signal-2023-05-26-101500", "signal", "2023-05-26", Some("10:15:00"), Some("Signal")),
        ("signal-2023-03-05-020104_003", "signal", "2023-03-05", Some("02:01:04"), Some("Signal")),
        // LINE, padded and not.
        ("LINE_P20210307_160303085", "line", "2021-03-07", Some("16:03:03"), Some("LINE")),
        ("LINE_P2021629_232955", "line", "2021-06-29", Some("23:29:55"), Some("LINE")),
        ("LINE_P2022831_200638", "line", "2022-08-31", Some("20:06:38"), Some("LINE")),
        ("LINE_P2020104_231746", "line", "2020-10-04", Some("23:17:46"), Some("LINE")),
        ("LINE_ALBUM_2025秋_251221_1", "line-album", "2025-12-21", None, Some("LINE")),
    ];

    /// Names that carry no capture date: camera and generic names, random
    /// ShareX names, and scheme-shaped names with impossible dates or times.
    const NOT_DATES: &[&str] = &[
        "IMG_1234",
        "IMG_1234 (1)",
        "image",
        "Screenshot",
        "Screenshot (12)",
        "스크린샷",
        "DSC01234",
        "Xk3vJ9aQ2m",
        "chrome_AbCdEf1234",
        "firefox_qWERTY1234",
        "20240101",
        "photo_2023",
        "signal-2023-05-26",
        "KakaoTalk_Photo",
        "Screenshot_20241325-093012",
        "Screenshot_20241125-253012",
        "Screenshot_20241100-093012",
        "Screen Shot 2024-02-30 at 9.30.12 AM",
        "Screen Shot 2024-11-25 at 13.30.12 PM",
        "Screen Shot 2024-11-25 at 0.30.12 AM",
        "Screenshot 2024-11-25 at 9.61.12",
        "WhatsApp Image 2023-02-29 at 10.00.00",
        "KakaoTalk_Photo_2021-07-27-오후 13-26-39",
        // ShareX shape with second 61: not re-read as Flameshot's 13:22.
        "2023-01-01_13-22-61",
        // LINE's unpadded 114 is 1-14 or 11-4.
        "LINE_P2021114_234136",
        "Screenshot_18991231-120000",
    ];

    fn describe(info: &NameInfo) -> (&'static str, String, Option<String>, Option<String>) {
        (info.scheme, info.date.to_string(), info.time.map(|t| t.strftime("%H:%M:%S").to_string()), info.app.clone())
    }

    /// Names that hold an instant: (stem, scheme, milliseconds, app).
    const INSTANTS: &[(&str, &str, i64, &str)] = &[
        ("mmexport1451181351065", "wechat", 1_451_181_351_065, "WeChat"),
        ("mmexport880789df193ec7be33fa89e2ba448626_1620307573963", "wechat", 1_620_307_573_963, "WeChat"),
        ("wx_camera_1491222158366", "wechat-camera", 1_491_222_158_366, "WeChat"),
        ("FB_IMG_1558876263914", "facebook", 1_558_876_263_914, "Facebook"),
        ("RPReplay_Final1612345678", "ios-screen-recording", 1_612_345_678_000, ""),
        ("screenshot_1616779141888", "screenshot-epoch", 1_616_779_141_888, ""),
    ];

    fn known(stem: &str) -> Option<NameInfo> {
        match read_known(stem) {
            Reading::Read(info) => Some(info),
            Reading::Impossible | Reading::Unknown => None,
        }
    }

    #[test]
    fn every_family_is_recognised() {
        assert!(NAMES.len() >= 60);
        for &(stem, scheme, date, time, app) in NAMES {
            let info = known(stem).unwrap_or_else(|| panic!("{stem:?} not recognised"));
            let expected = (scheme, date.to_string(), time.map(str::to_string), app.map(str::to_string));
            assert_eq!(describe(&info), expected, "{stem:?}");
        }
    }

    #[test]
    fn instants_are_read_in_the_system_time_zone() {
        for &(stem, scheme, ms, app) in INSTANTS {
            let info = known(stem).unwrap_or_else(|| panic!("{stem:?} not recognised"));
            let local = jiff::Timestamp::from_millisecond(ms).unwrap().to_zoned_datetime(jiff::tz::TimeZone::system());
            let time = local.time().with().subsec_nanosecond(0).build().unwrap();
            let app = (!app.is_empty()).then(|| app.to_string());
            assert_eq!(
                (info.scheme, info.date, info.time, info.app),
                (scheme, local.date(), Some(time), app),
                "{stem}"
            );
        }
        assert_eq!(read_known("FB_IMG_0431959199123"), Reading::Impossible, "1983 is no screenshot date");
    }

    #[test]
    fn every_scheme_compiles_and_has_test_names() {
        assert_eq!(COMPILED.len(), SCHEMES.len(), "a pattern does not compile");
        let tested: HashSet<&str> = NAMES.iter().map(|n| n.1).chain(INSTANTS.iter().map(|n| n.1)).collect();
        for s in SCHEMES {
            assert!(tested.contains(s.name), "scheme {} has no test names", s.name);
        }
    }

    #[test]
    fn names_without_a_real_date_are_not_read() {
        for stem in NOT_DATES {
            assert_eq!(known(stem), None, "{stem:?}");
        }
    }

    #[test]
    fn impossible_dates_in_a_known_shape_are_no_dates() {
        for stem in ["Screenshot_20241325-093012", "Screen Shot 2024-11-25 at 13.30.12 PM", "LINE_P2021114_234136"] {
            assert_eq!(read_known(stem), Reading::Impossible, "{stem:?}");
        }
        assert_eq!(read_known("IMG_1234"), Reading::Unknown);
    }
}

//! Readable app names for Android package names.
//!
//! MIUI and similar Android skins end screenshot names with the package of
//! the app on screen (`…_com.kakao.talk`); a support agent wants to read
//! `KakaoTalk`. Known packages come from a small table; any other package
//! is shown by its most telling part (`com.example.payments` → `Payments`).
//!
//! Names the scheme table does not know can still say which messenger
//! saved them (`WhatsApp Image …(1)`, `signal-…-982-1`, `微信图片_…`): a
//! second small table of such marks names the app for the general reader.

use std::sync::LazyLock;

use regex::Regex;

/// Package → the name people know the app by. Lower case keys.
const PACKAGES: &[(&str, &str)] = &[
    ("com.android.chrome", "Chrome"),
    ("com.android.mms", "Messages"),
    ("com.android.settings", "Settings"),
    ("com.android.vending", "Play Store"),
    ("com.coupang.mobile", "Coupang"),
    ("com.discord", "Discord"),
    ("com.facebook.katana", "Facebook"),
    ("com.facebook.orca", "Messenger"),
    ("com.google.android.apps.maps", "Google Maps"),
    ("com.google.android.apps.messaging", "Messages"),
    ("com.google.android.apps.nbu.paisa.user", "Google Pay"),
    ("com.google.android.gm", "Gmail"),
    ("com.google.android.youtube", "YouTube"),
    ("com.instagram.android", "Instagram"),
    ("com.kakao.talk", "KakaoTalk"),
    ("com.kakao.taxi", "Kakao T"),
    ("com.kakaobank.channel", "KakaoBank"),
    ("com.miui.gallery", "Gallery"),
    ("com.miui.home", "Home screen"),
    ("com.nhn.android.search", "NAVER"),
    ("com.nhn.android.nmap", "NAVER Map"),
    ("com.samsung.android.messaging", "Messages"),
    ("com.sec.android.app.sbrowser", "Samsung Internet"),
    ("com.spotify.music", "Spotify"),
    ("com.tencent.mm", "WeChat"),
    ("com.twitter.android", "X"),
    ("com.whatsapp", "WhatsApp"),
    ("com.whatsapp.w4b", "WhatsApp Business"),
    ("com.zhiliaoapp.musically", "TikTok"),
    ("jp.naver.line.android", "LINE"),
    ("net.daum.android.map", "KakaoMap"),
    ("org.mozilla.firefox", "Firefox"),
    ("org.telegram.messenger", "Telegram"),
    ("org.thoughtcrime.securesms", "Signal"),
    ("us.zoom.videomeetings", "Zoom"),
    ("viva.republica.toss", "Toss"),
];

/// Marks in a file name that say which app saved it, for names no scheme
/// explains: (pattern, app). Only apps that save received images under
/// their own names; a capture tool's name says nothing about the app shown.
const MARKS: &[(&str, &str)] = &[
    (r"(?i)whatsapp|^(?:IMG|VID|STK|AUD|PTT)-[0-9]{8}-WA[0-9]{4}", "WhatsApp"),
    (r"(?i)kakaotalk|카카오톡", "KakaoTalk"),
    (r"(?i)^telegram|^photo_[0-9]{4}-[0-9]{2}-[0-9]{2}_", "Telegram"),
    (r"^signal-", "Signal"),
    (r"^LINE_", "LINE"),
    (r"(?i)^viber_", "Viber"),
    (r"^(?:微信图片|mmexport|wx_camera_)|(?i)^wechat ?image", "WeChat"),
    (r"^QQ图片", "QQ"),
    (r"^FB_IMG_", "Facebook"),
    (r"(?i)^skype_picture", "Skype"),
];

static COMPILED_MARKS: LazyLock<Vec<(Regex, &'static str)>> =
    LazyLock::new(|| MARKS.iter().filter_map(|(p, app)| Regex::new(p).ok().map(|r| (r, *app))).collect());

/// The app whose mark `name` carries, if any.
pub fn app_marked_in(name: &str) -> Option<&'static str> {
    COMPILED_MARKS.iter().find(|(re, _)| re.is_match(name)).map(|(_, app)| *app)
}

/// The usual spelling of an app a name writes in its own case
/// (ShareX's process name `chrome` → `Chrome`, `telegram` → `Telegram`).
pub fn known_spelling(label: &str) -> Option<&'static str> {
    PACKAGES
        .iter()
        .map(|(_, name)| *name)
        .chain(MARKS.iter().map(|(_, name)| *name))
        .find(|name| name.eq_ignore_ascii_case(label))
}

/// Whether `label` is an Android package name (`com.huawei.android.launcher`)
/// rather than an app's display name.
pub fn is_package(label: &str) -> bool {
    let parts: Vec<&str> = label.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// Package-name parts that say nothing about the app.
const GENERIC_PARTS: &[&str] =
    &["com", "org", "net", "co", "io", "app", "apps", "android", "mobile", "client", "main", "global", "phone"];

/// The name people know the app of `package` by.
pub fn app_name(package: &str) -> String {
    let lower = package.to_ascii_lowercase();
    if let Some((_, name)) = PACKAGES.iter().find(|(p, _)| *p == lower) {
        return (*name).to_string();
    }
    let telling = package
        .split('.')
        .rev()
        .find(|part| !part.is_empty() && !GENERIC_PARTS.contains(&part.to_ascii_lowercase().as_str()));
    match telling {
        Some(part) => {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        None => package.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_packages_get_their_names() {
        assert_eq!(app_name("com.whatsapp"), "WhatsApp");
        assert_eq!(app_name("com.kakao.talk"), "KakaoTalk");
        assert_eq!(app_name("US.ZOOM.VIDEOMEETINGS"), "Zoom");
    }

    #[test]
    fn other_packages_are_shown_by_their_telling_part() {
        assert_eq!(app_name("com.example.payments"), "Payments");
        assert_eq!(app_name("kr.co.shop.android"), "Shop");
        assert_eq!(app_name("com.android"), "com.android");
    }

    #[test]
    fn marks_name_messengers() {
        assert_eq!(MARKS.len(), COMPILED_MARKS.len(), "a mark does not compile");
        assert_eq!(app_marked_in("WhatsApp Image 2024-06-13 at 16.47.59(1)"), Some("WhatsApp"));
        assert_eq!(app_marked_in("IMG-20250315-WA0002(1)"), Some("WhatsApp"));
        assert_eq!(app_marked_in("signal-2024-08-17-21-58-10-982-1"), Some("Signal"));
        assert_eq!(app_marked_in("微信图片_20190313163023"), Some("WeChat"));
        assert_eq!(app_marked_in("微信截图_20190313163023"), None);
        assert_eq!(app_marked_in("IMG_20241125_093012"), None);
    }

    #[test]
    fn known_apps_keep_their_spelling() {
        assert_eq!(known_spelling("chrome"), Some("Chrome"));
        assert_eq!(known_spelling("TELEGRAM"), Some("Telegram"));
        assert_eq!(known_spelling("kakaotalk"), Some("KakaoTalk"));
        assert_eq!(known_spelling("ffxiv_dx11"), None);
    }

    #[test]
    fn packages_are_told_from_labels() {
        assert!(is_package("com.whatsapp"));
        assert!(is_package("com.huawei.android.launcher"));
        assert!(!is_package("Samsung Internet"));
        assert!(!is_package("KakaoTalk"));
        assert!(!is_package("Google.Chrome"));
        assert!(!is_package("www.example.com1."));
    }

    #[test]
    fn the_table_is_lower_case_and_unique() {
        for (i, (p, _)) in PACKAGES.iter().enumerate() {
            assert_eq!(*p, p.to_ascii_lowercase());
            assert!(PACKAGES[i + 1..].iter().all(|(q, _)| q != p), "{p} twice");
        }
    }
}

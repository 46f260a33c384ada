//! Readable app names for Android package names.
//!
//! MIUI and similar Android skins end screenshot names with the package of
//! the app on screen (`…_com.kakao.talk`); a support agent wants to read
//! `KakaoTalk`. Known packages come from a small table; any other package
//! is shown by its most telling part (`com.example.payments` → `Payments`).

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
    fn the_table_is_lower_case_and_unique() {
        for (i, (p, _)) in PACKAGES.iter().enumerate() {
            assert_eq!(*p, p.to_ascii_lowercase());
            assert!(PACKAGES[i + 1..].iter().all(|(q, _)| q != p), "{p} twice");
        }
    }
}

//! Making any text a single file-name component that every OS accepts, and
//! deciding when two names are "the same" the way NTFS and APFS do.

use unicode_normalization::UnicodeNormalization;

/// Longest stem we produce, in UTF-8 bytes and in UTF-16 units. Leaves room
/// under the 255 limit for a ` (99999)` collision suffix and an extension.
pub const MAX_STEM: usize = 230;

/// Device names Windows reserves, also with any extension (`NUL.tar.gz`).
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "conin$", "conout$", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
    "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// Whether a character may not appear in a portable file name: path
/// separators and the characters Windows forbids, control characters, and
/// invisible format or bidirectional controls (which can disguise an
/// extension, e.g. `photo\u{202E}gnp.exe`).
fn forbidden(c: char) -> bool {
    matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Turns `text` into a safe stem: NFC, forbidden characters replaced by `_`,
/// no leading dots or spaces, no trailing dots or spaces, not a reserved
/// device name, at most [`MAX_STEM`] bytes and UTF-16 units (cut on a
/// character boundary). Empty input gives an empty string.
pub fn safe_stem(text: &str) -> String {
    let mut s: String = text.nfc().map(|c| if forbidden(c) { '_' } else { c }).collect();
    s = truncate(&s, MAX_STEM);
    let trimmed_start = s.trim_start_matches(['.', ' ']);
    let mut s = trimmed_start.trim_end_matches(['.', ' ']).to_string();
    let head = s.split('.').next().unwrap_or("").trim_end().to_lowercase();
    if RESERVED.contains(&head.as_str()) {
        s.insert(0, '_');
        s = truncate(&s, MAX_STEM);
    }
    s
}

/// The longest prefix of `s` within `max` UTF-8 bytes and `max` UTF-16 units.
pub fn truncate(s: &str, max: usize) -> String {
    let (mut bytes, mut units) = (0, 0);
    let mut end = 0;
    for c in s.chars() {
        bytes += c.len_utf8();
        units += c.len_utf16();
        if bytes > max || units > max {
            break;
        }
        end += c.len_utf8();
    }
    s[..end].to_string()
}

/// The key under which two names collide on a case-insensitive,
/// normalisation-insensitive file system (NFC, then lower case).
pub fn collision_key(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_forbidden_characters_are_replaced() {
        assert_eq!(safe_stem("../etc/passwd"), "_etc_passwd");
        assert_eq!(safe_stem("a<b>c:d\"e|f?g*h\\i"), "a_b_c_d_e_f_g_h_i");
        assert_eq!(safe_stem("photo\u{202E}gnp.exe"), "photo_gnp.exe");
        assert_eq!(safe_stem("tab\there\u{0}"), "tab_here_");
    }

    #[test]
    fn reserved_names_get_a_prefix() {
        for name in ["CON", "nul", "NUL.tar", "com1", "COM¹", "LPT0", "CONIN$", "aux.foo", "Con "] {
            let s = safe_stem(name);
            assert!(s.starts_with('_'), "{name} -> {s}");
        }
        assert_eq!(safe_stem("console"), "console");
    }

    #[test]
    fn trailing_dots_and_spaces_go() {
        assert_eq!(safe_stem("report. . ."), "report");
        assert_eq!(safe_stem("  .hidden"), "hidden");
        assert_eq!(safe_stem("..."), "");
    }

    #[test]
    fn nfd_korean_becomes_nfc() {
        let nfd: String = "결제오류".nfd().collect();
        assert_ne!(nfd, "결제오류");
        assert_eq!(safe_stem(&nfd), "결제오류");
    }

    #[test]
    fn long_names_are_cut_on_character_boundaries() {
        let long = "가".repeat(200);
        let s = safe_stem(&long);
        assert!(s.len() <= MAX_STEM && s.chars().all(|c| c == '가'));
        assert_eq!(s.len(), 228);
        let emoji = "😀".repeat(100);
        let s = safe_stem(&emoji);
        assert!(s.encode_utf16().count() <= MAX_STEM);
    }

    #[test]
    fn collisions_ignore_case_and_normalisation() {
        let nfd: String = "Ä.png".nfd().collect();
        assert_eq!(collision_key(&nfd), collision_key("ä.PNG"));
    }
}

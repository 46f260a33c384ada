//! Making any text a single file-name component that every OS accepts, and
//! deciding when two names are "the same" the way NTFS and APFS do.

use unicode_normalization::UnicodeNormalization;

/// Longest stem we produce, in UTF-8 bytes and in UTF-16 units. Leaves room
/// under the 255 limit of every common file system for a collision suffix
/// (` (4294967295)`, 13) and an extension (`.jpeg`, 5).
pub const MAX_STEM: usize = 230;

/// Device names Windows reserves, also with any extension (`NUL.tar.gz`)
/// and with the superscript digits Windows counts as digits.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "conin$", "conout$", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
    "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// Characters that only separate words in a name; tokens and names never
/// start or end with them.
pub const SEPARATORS: &[char] = &['_', '-', ' ', '.', ',', '·'];

/// Whether a character may not appear in a portable file name: path
/// separators and the characters Windows forbids, control characters, line
/// and paragraph separators, and invisible format or bidirectional controls
/// (which can disguise an extension, e.g. `photo\u{202E}gnp.exe`).
fn forbidden(c: char) -> bool {
    matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        || c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
}

/// `text` in NFC with every forbidden character replaced by `_`: safe to
/// put inside a name, not yet a whole name.
pub fn clean(text: &str) -> String {
    // Replace before composing: a forbidden character must not hide a
    // combining mark from the character before it.
    text.chars().map(|c| if forbidden(c) { '_' } else { c }).nfc().collect()
}

/// Turns `text` into a safe stem: NFC, forbidden characters replaced by `_`,
/// no leading dots or spaces (hidden files, `..`), no trailing dots or
/// spaces (Windows drops them), not a reserved device name, at most
/// [`MAX_STEM`] UTF-8 bytes and UTF-16 units (cut on a character boundary).
/// Empty input, or input of only dots and spaces, gives an empty string.
pub fn safe_stem(text: &str) -> String {
    let s = truncate(&clean(text), MAX_STEM);
    let mut s = s.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']).to_string();
    if is_reserved(&s) {
        s.insert(0, '_');
        s = truncate(&s, MAX_STEM).trim_end_matches(['.', ' ']).to_string();
    }
    s
}

/// Whether Windows reserves `name` for a device: `CON`, `com1.txt`,
/// `LPT¹ .log` (case, extensions and spaces before the dot do not help).
pub fn is_reserved(name: &str) -> bool {
    let head = name.split('.').next().unwrap_or("").trim_end_matches(' ').to_lowercase();
    RESERVED.contains(&head.as_str())
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
/// normalisation-insensitive file system (NTFS, APFS): NFC, then case
/// folded. Folding through upper case also catches letters NTFS upcases to
/// the same letter (`ſ` and `s`, `K` and the Kelvin sign); treating a few
/// more names as equal than a file system would only costs a `(2)`.
pub fn collision_key(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    nfc.to_uppercase().to_lowercase().nfc().collect()
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
        assert_eq!(safe_stem("line\u{2028}break"), "line_break");
    }

    #[test]
    fn reserved_names_get_a_prefix() {
        for name in ["CON", "nul", "NUL.tar", "com1", "COM¹", "lpt²", "LPT0", "CONIN$", "aux.foo", "Con ", "PRN .txt"]
        {
            let s = safe_stem(name);
            assert!(s.starts_with('_'), "{name} -> {s}");
            assert!(!is_reserved(&s), "{name} -> {s}");
        }
        for name in ["console", "com10", "lpt", "nul_1", "CON_2024-11-25_1"] {
            assert_eq!(safe_stem(name), name);
        }
    }

    #[test]
    fn trailing_dots_and_spaces_go() {
        assert_eq!(safe_stem("report. . ."), "report");
        assert_eq!(safe_stem("  .hidden"), "hidden");
        assert_eq!(safe_stem("..."), "");
        assert_eq!(safe_stem(".."), "");
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
        assert!(s.encode_utf16().count() <= MAX_STEM && s.len() <= MAX_STEM);
        assert_eq!(s.chars().count(), 57);
    }

    #[test]
    fn collisions_ignore_case_and_normalisation() {
        let nfd: String = "Ä.png".nfd().collect();
        assert_eq!(collision_key(&nfd), collision_key("ä.PNG"));
        assert_eq!(collision_key("Straße"), collision_key("STRASSE"));
        assert_eq!(collision_key("\u{212A}elvin"), collision_key("kelvin"));
        assert_ne!(collision_key("a.png"), collision_key("b.png"));
    }
}

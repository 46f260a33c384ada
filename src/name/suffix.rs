//! Copy and edit suffixes: what people, file managers and apps add to a
//! name when they copy or edit a file (` (1)`, `(1)`, `-1`, `_1`, ` copy`,
//! ` - Copy`, ` - 복사본`, `-edited`, `_edit`, `~2`).
//!
//! A suffix says nothing about the capture, so a scheme is matched without
//! it. Suffixes are taken off one at a time, from the end, and only when a
//! name as it is matches no scheme: some schemes' own digits end in `-N` or
//! `_N` (`…-display-1`, Flameshot's `…_13-22`).

use std::sync::LazyLock;

use regex::Regex;

/// "Copy" as file managers write it: Windows Explorer (` - Copy`) and
/// Finder (` copy`) in the languages we know.
const COPY_WORDS: &str = "copy|kopie|copie|copia|복사본|コピー|副本";

/// The suffixes a label may end with too (app labels in Samsung names:
/// `…_Samsung Internet (1)`, `…_KakaoTalk_1`).
fn label_suffixes() -> String {
    [
        // ` (1)` from Windows, browsers and macOS; `(1)` glued on by some
        // Android apps and cloud exports.
        r" ?\([0-9]{1,4}\)".to_string(),
        // Windows Explorer: ` - Copy`, ` - Copy (2)`, ` - 복사본`.
        format!(r"(?i: - (?:{COPY_WORDS}))(?: \([0-9]+\))?"),
        // Finder: ` copy`, ` copy 2`, ` 복사본`; Japanese `のコピー`.
        format!(r"(?i: (?:{COPY_WORDS})|のコピー)(?: [0-9]+)?"),
        // Editors: `-edited` (Google Photos), `_edit`, `-edit`, ` edited`.
        r"(?i:[-_ ]edit(?:ed)?)(?:[-_ ]?[0-9]{1,3})?".to_string(),
        // Google Photos and some galleries: `~2`.
        r"~[0-9]{1,3}".to_string(),
        // Numbered saves: `-1` (GNOME Shell), `_1` (Flameshot, KakaoTalk).
        r"[-_][0-9]{1,3}".to_string(),
    ]
    .join("|")
}

/// One suffix at the end of a whole name: the label suffixes, and also
/// ` - 2` (gnome-screenshot) and ` 2`, which in a label end real names
/// (`iPhone 11`, `Galaxy S23`).
static NAME_SUFFIX: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!("(?:{}| - [0-9]+| [0-9]{{1,3}})$", label_suffixes())).ok());

/// One suffix at the end of an app label.
static LABEL_SUFFIX: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(&format!("(?:{})$", label_suffixes())).ok());

/// How many suffixes come off a label at most (`a (1) - Copy (2)`).
pub const MAX_SUFFIXES: usize = 3;

/// `name` without its last copy or edit suffix, or `None` when it has none
/// (or is nothing but one).
pub fn strip_one(name: &str) -> Option<&str> {
    strip(&NAME_SUFFIX, name)
}

/// `label` without the copy and edit suffixes at its end.
pub fn strip_from_label(label: &str) -> &str {
    let mut label = label;
    for _ in 0..MAX_SUFFIXES {
        match strip(&LABEL_SUFFIX, label) {
            Some(shorter) => label = shorter,
            None => break,
        }
    }
    label
}

fn strip<'a>(suffix: &Option<Regex>, name: &'a str) -> Option<&'a str> {
    let m = suffix.as_ref()?.find(name)?;
    (m.start() > 0).then(|| &name[..m.start()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_patterns_compile() {
        assert!(NAME_SUFFIX.is_some() && LABEL_SUFFIX.is_some());
    }

    #[test]
    fn suffixes_come_off_one_at_a_time() {
        let cases = [
            ("a (1)", "a"),
            ("a(12)", "a"),
            ("a - Copy (2)", "a"),
            ("a - 복사본", "a"),
            ("a - コピー", "a"),
            ("a copy 2", "a"),
            ("a Kopie", "a"),
            ("a 복사본", "a"),
            ("aのコピー", "a"),
            ("a-edited", "a"),
            ("a_edit", "a"),
            ("a-EDITED-1", "a"),
            ("a~2", "a"),
            ("a-1", "a"),
            ("a_12", "a"),
            ("a - 2", "a"),
            ("a 2", "a"),
            ("a (1) - Copy", "a (1)"),
        ];
        for (name, want) in cases {
            assert_eq!(strip_one(name), Some(want), "{name:?}");
        }
        for none in ["a_1234", "(1)", "-edited", "a", "acopy", "a.copy"] {
            assert_eq!(strip_one(none), None, "{none:?}");
        }
    }

    #[test]
    fn labels_keep_their_own_numbers() {
        assert_eq!(strip_from_label("Samsung Internet (1)"), "Samsung Internet");
        assert_eq!(strip_from_label("KakaoTalk_1"), "KakaoTalk");
        assert_eq!(strip_from_label("iPhone 11"), "iPhone 11");
        assert_eq!(strip_from_label("Galaxy S23 - Copy (2)"), "Galaxy S23");
        assert_eq!(strip_from_label("Chrome-edited (1)"), "Chrome");
    }
}

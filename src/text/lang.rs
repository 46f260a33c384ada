//! Which language to speak: `--lang` or `lang = "..."` in the config when
//! given, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, in that order, as
//! POSIX reads them; on Windows, which has no `LANG`, the user's UI
//! language), else English. Locale names are negotiated, so `ko_KR.UTF-8`,
//! `ko-KR` and `ko` all mean Korean.

use std::fmt;
use std::str::FromStr;

use crate::spec::ValueError;

/// A language shotmask speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (also the fallback for every other language).
    #[default]
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Every language, in catalogue order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// Its code, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language a locale name means, if shotmask speaks it: POSIX
    /// (`ko_KR.UTF-8`, `ko_KR@euro`) and BCP 47 (`ko-KR`, `ko-Kore-KR`)
    /// forms alike. `C` and `POSIX` mean English.
    pub fn negotiate(locale: &str) -> Option<Lang> {
        let base = locale.split(['.', '@']).next().unwrap_or("").trim();
        if base.is_empty() {
            return None;
        }
        if base.eq_ignore_ascii_case("C") || base.eq_ignore_ascii_case("POSIX") {
            return Some(Lang::En);
        }
        let id: unic_langid::LanguageIdentifier = base.replace('_', "-").parse().ok()?;
        match id.language.as_str() {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set (an unknown language there
    /// means English), else the system's UI language, else English.
    pub fn from_environment() -> Lang {
        Lang::from_variables(|name| std::env::var(name).ok(), sys_locale::get_locale)
    }

    /// [`Lang::from_environment`] with the variables and the system's
    /// language passed in.
    pub fn from_variables(var: impl Fn(&str) -> Option<String>, system: impl FnOnce() -> Option<String>) -> Lang {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = var(name).filter(|v| !v.trim().is_empty()) {
                return Lang::negotiate(&value).unwrap_or(Lang::En);
            }
        }
        system().and_then(|l| Lang::negotiate(&l)).unwrap_or(Lang::En)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        Lang::negotiate(s).ok_or_else(|| ValueError::NotALanguage(s.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_are_negotiated() {
        for ko in ["ko_KR.UTF-8", "ko-KR", "ko", "ko_KR", "KO", "ko-Kore-KR", "ko_KR.eucKR@x"] {
            assert_eq!(Lang::negotiate(ko), Some(Lang::Ko), "{ko}");
        }
        for en in ["en_US.UTF-8", "en-GB", "C", "POSIX", "C.UTF-8"] {
            assert_eq!(Lang::negotiate(en), Some(Lang::En), "{en}");
        }
        assert_eq!(Lang::negotiate("fr_FR.UTF-8"), None);
        assert_eq!(Lang::negotiate(""), None);
        assert!("de".parse::<Lang>().is_err());
    }

    #[test]
    fn lc_all_wins_then_lc_messages_then_lang_then_the_system() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        let system_ko = || Some("ko-KR".to_string());
        assert_eq!(Lang::from_variables(env(&[("LANG", "ko_KR.UTF-8")]), || None), Lang::Ko);
        assert_eq!(Lang::from_variables(env(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "C")]), || None), Lang::En);
        assert_eq!(Lang::from_variables(env(&[("LANG", "C"), ("LC_MESSAGES", "ko_KR.UTF-8")]), || None), Lang::Ko);
        assert_eq!(Lang::from_variables(env(&[("LANG", "fr_FR.UTF-8")]), system_ko), Lang::En);
        assert_eq!(Lang::from_variables(env(&[("LANG", "")]), system_ko), Lang::Ko);
        assert_eq!(Lang::from_variables(env(&[]), || None), Lang::En);
    }
}

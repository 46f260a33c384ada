//! Text: the one place where typed data becomes sentences, in the run's
//! language.
//!
//! Every sentence a user reads is a message in a Fluent catalogue,
//! `i18n/{en,ko}/shotmask.ftl`, embedded in the binary. `tr!` looks one up
//! by id in the language chosen for the run; the `fl!` macro under it checks
//! at compile time that the id exists in the English catalogue and that the
//! arguments match, and a test checks that both catalogues hold the same
//! messages with the same variables, and that every message is used.
//!
//! The typed errors and warnings of the pipeline get their `Display` here
//! ([`errors`]), so the pipeline never words anything itself. The language
//! is set once, before anything is printed ([`set_language`]); until then,
//! and for anything a catalogue lacks, it is English.

mod errors;
pub mod help;
mod lang;

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::FluentLanguageLoader;
use rust_embed::RustEmbed;

pub use lang::Lang;

/// The catalogues, embedded.
#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Catalogues;

/// One loader per language, each falling back to English, made the first
/// time that language speaks (a run speaks one: start-up parses one
/// catalogue, or two for Korean with its English fallback).
static LOADERS: [LazyLock<FluentLanguageLoader>; 2] =
    [LazyLock::new(|| loader_for(Lang::En)), LazyLock::new(|| loader_for(Lang::Ko))];

fn loader_for(lang: Lang) -> FluentLanguageLoader {
    let loader = i18n_embed::fluent::fluent_language_loader!();
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    // Both catalogues are compiled in and a test loads each, so this
    // cannot fail at run time; if it did, the English fallback would
    // still speak.
    let _ = loader.load_languages(&Catalogues, &[id]);
    // No Unicode isolation marks around arguments: they show as garbage in
    // terminals and file names.
    loader.set_use_isolating(false);
    loader
}

/// The language in use: an index into [`Lang::ALL`].
static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A language for this thread only ([`in_language`]), over [`CURRENT`].
    static OVERRIDE: std::cell::Cell<Option<u8>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` speaking `lang` on this thread only: for tests, and for
/// rendering one thing in a language other than the run's.
pub fn in_language<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0) as u8;
    let before = OVERRIDE.with(|o| o.replace(Some(index)));
    let out = f();
    OVERRIDE.with(|o| o.set(before));
    out
}

fn current_index() -> usize {
    usize::from(OVERRIDE.with(std::cell::Cell::get).unwrap_or_else(|| CURRENT.load(Ordering::Relaxed)))
}

/// Speaks `lang` from now on.
pub fn set_language(lang: Lang) {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    CURRENT.store(index as u8, Ordering::Relaxed);
}

/// The language in use.
pub fn language() -> Lang {
    Lang::ALL.get(current_index()).copied().unwrap_or_default()
}

/// The loader of the language in use (for [`tr!`]).
#[doc(hidden)]
pub fn loader() -> &'static FluentLanguageLoader {
    &LOADERS[current_index().min(LOADERS.len() - 1)]
}

#[cfg(test)]
fn load_errors(lang: Lang) -> Option<String> {
    let loader = i18n_embed::fluent::fluent_language_loader!();
    let id: unic_langid::LanguageIdentifier = lang.code().parse().ok()?;
    loader.load_languages(&Catalogues, &[id]).err().map(|e| e.to_string())
}

/// The message `id` in the language in use, with its arguments:
/// `tr!("summary-written", count = n)`. The id and the argument names are
/// checked against the English catalogue at compile time.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::text::loader(), $id)
    };
    ($id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::text::loader(), $id, $($args)*)
    };
}

/// A byte count for people: `812 B`, `287.0 KB`, `1.50 MB` (1000-based, as
/// the size options are).
pub fn bytes(n: u64) -> String {
    crate::spec::human_bytes(n)
}

/// A byte count as people write limits: `1 MB`, `500 KB`, `1.5 MB`.
pub fn round_bytes(n: u64) -> String {
    let s = bytes(n);
    match s.split_once(' ') {
        Some((num, unit)) if num.contains('.') => {
            format!("{} {unit}", num.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => s,
    }
}

/// A scale as a percentage: `75%`.
pub fn percent(scale: f64) -> String {
    format!("{:.0}%", scale * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    /// Message id → the variables it uses, in one catalogue.
    fn catalogue(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let path = format!("{}/i18n/{}/shotmask.ftl", env!("CARGO_MANIFEST_DIR"), lang.code());
        let text = std::fs::read_to_string(&path).unwrap();
        let resource =
            fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_vars(p, &mut vars);
                    }
                    out.insert(m.id.name.to_string(), vars);
                }
                ast::Entry::Junk { content } => panic!("{path}: cannot parse {content:?}"),
                _ => {}
            }
        }
        out
    }

    fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for element in &p.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(i) => inline_vars(i, vars),
        }
    }

    fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }

    /// Every message id the code asks for with the `tr` macro.
    fn used_ids() -> BTreeSet<String> {
        let call = regex::Regex::new(r#"(?:^|[^A-Za-z0-9_])tr!\(\s*"([a-z0-9-]+)""#).unwrap();
        let mut ids = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    ids.extend(call.captures_iter(&text).map(|c| c[1].to_string()));
                }
            }
        }
        ids
    }

    #[test]
    fn both_catalogues_have_the_same_messages_and_variables_and_every_message_is_used() {
        let en = catalogue(Lang::En);
        let ko = catalogue(Lang::Ko);
        let en_ids: BTreeSet<&String> = en.keys().collect();
        let ko_ids: BTreeSet<&String> = ko.keys().collect();
        assert_eq!(en_ids.difference(&ko_ids).collect::<Vec<_>>(), Vec::<&&String>::new(), "missing in Korean");
        assert_eq!(ko_ids.difference(&en_ids).collect::<Vec<_>>(), Vec::<&&String>::new(), "only in Korean");
        for (id, vars) in &en {
            assert_eq!(Some(vars), ko.get(id), "the variables of {id} differ");
        }
        let used = used_ids();
        let unused: Vec<&String> = en.keys().filter(|id| !used.contains(*id)).collect();
        assert!(unused.is_empty(), "messages no code uses: {unused:?}");
        let unknown: Vec<&String> = used.iter().filter(|id| !en.contains_key(*id)).collect();
        assert!(unknown.is_empty(), "ids missing from the catalogues: {unknown:?}");
    }

    #[test]
    fn every_catalogue_loads() {
        for lang in Lang::ALL {
            assert_eq!(load_errors(lang), None, "{lang}");
        }
    }

    #[test]
    fn each_language_speaks_its_own_words() {
        let summary = |lang| in_language(lang, || tr!("summary-written"));
        assert_eq!(summary(Lang::En), "written");
        assert_eq!(in_language(Lang::En, language), Lang::En);
        assert_eq!(in_language(Lang::Ko, language), Lang::Ko);
        assert_eq!(language(), Lang::En, "the override is for one call only");
    }

    #[test]
    fn sizes_read_as_limits_are_written() {
        assert_eq!(round_bytes(1_000_000), "1 MB");
        assert_eq!(round_bytes(1_500_000), "1.5 MB");
        assert_eq!(round_bytes(500_000), "500 KB");
        assert_eq!(round_bytes(812), "812 B");
    }
}

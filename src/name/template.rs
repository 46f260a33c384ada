//! Output name templates: `{label}_{date}_{n}` and friends.
//!
//! Each token's value is made safe on its own before it is put in, so no
//! value can add a path separator; an empty value takes one neighbouring
//! separator with it, so names never get doubled or dangling separators.

use std::fmt;
use std::str::FromStr;

use super::safe::SEPARATORS;
use crate::spec::ValueError;

/// A template token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// `{label}`: `--label`, else the folder, app or `screenshot`.
    Label,
    /// `{app}`: the app the screenshot shows, from its name.
    App,
    /// `{date}`: capture date, `YYYY-MM-DD`.
    Date,
    /// `{time}`: capture time, `HH-MM-SS`.
    Time,
    /// `{datetime}`: `YYYY-MM-DD_HH-MM-SS`.
    DateTime,
    /// `{stem}`: the original file name without extension.
    Stem,
    /// `{folder}`: the name of the folder the input is in.
    Folder,
    /// `{n}`: 1-based position in capture order, zero-padded to the batch.
    N,
    /// `{w}`: image width in pixels.
    W,
    /// `{h}`: image height in pixels.
    H,
}

const TOKENS: &[(&str, Token)] = &[
    ("label", Token::Label),
    ("app", Token::App),
    ("date", Token::Date),
    ("time", Token::Time),
    ("datetime", Token::DateTime),
    ("stem", Token::Stem),
    ("folder", Token::Folder),
    ("n", Token::N),
    ("w", Token::W),
    ("h", Token::H),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Lit(String),
    Tok(Token),
}

/// A parsed `--name` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameTemplate {
    parts: Vec<Part>,
    source: String,
}

/// The default template: label (the folder dropped, else the app, else
/// `screenshot`, or `--label`), capture date, position in capture order
/// across the batch. Names with one label sort by capture time.
pub const DEFAULT_TEMPLATE: &str = "{label}_{date}_{n}";

impl Default for NameTemplate {
    fn default() -> Self {
        DEFAULT_TEMPLATE.parse().unwrap_or(NameTemplate { parts: vec![Part::Tok(Token::N)], source: "{n}".into() })
    }
}

impl fmt::Display for NameTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl FromStr for NameTemplate {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let mut closed = false;
                    let name: String = chars
                        .by_ref()
                        .take_while(|&c| {
                            closed = c == '}';
                            !closed
                        })
                        .collect();
                    if !closed {
                        return Err(ValueError::UnclosedBrace(s.to_string()));
                    }
                    let tok = TOKENS
                        .iter()
                        .find(|(n, _)| *n == name.trim())
                        .map(|(_, t)| *t)
                        .ok_or(ValueError::UnknownToken(name))?;
                    if !lit.is_empty() {
                        parts.push(Part::Lit(std::mem::take(&mut lit)));
                    }
                    parts.push(Part::Tok(tok));
                }
                '}' => return Err(ValueError::UnmatchedBrace(s.to_string())),
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        if parts.is_empty() {
            return Err(ValueError::EmptyTemplate);
        }
        Ok(NameTemplate { parts, source: s.to_string() })
    }
}

impl Token {
    /// Every token.
    pub const ALL: [Token; 10] = [
        Token::Label,
        Token::App,
        Token::Date,
        Token::Time,
        Token::DateTime,
        Token::Stem,
        Token::Folder,
        Token::N,
        Token::W,
        Token::H,
    ];

    /// Its name, as written between braces in a template.
    pub fn name(self) -> &'static str {
        TOKENS.iter().find(|(_, t)| *t == self).map_or("", |(n, _)| n)
    }

    /// Whether the value is free text of any length (and so the one to
    /// shorten when a name gets too long), not a number or date.
    pub fn is_free_text(self) -> bool {
        matches!(self, Token::Label | Token::App | Token::Stem | Token::Folder)
    }
}

/// Whether `c` only separates words.
fn is_separator(c: char) -> bool {
    SEPARATORS.contains(&c)
}

impl NameTemplate {
    /// Whether the template uses `token`.
    pub fn uses(&self, token: Token) -> bool {
        self.parts.contains(&Part::Tok(token))
    }

    /// Renders with `value(token)` giving each token's already-safe text.
    /// An empty value takes the separators next to it along: those before
    /// it, or at the start those after it (`{label}_{app}_{n}` without an
    /// app is `label_n`, not `label__n`). Separators at either end go too.
    pub fn render(&self, value: impl Fn(Token) -> String) -> String {
        // (text, is a literal); an empty token value is empty text.
        let mut items: Vec<(String, bool)> = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) => (s.clone(), true),
                Part::Tok(t) => (value(*t), false),
            })
            .collect();
        for i in 0..items.len() {
            if items[i].1 || !items[i].0.is_empty() {
                continue;
            }
            let before = (0..i).rev().find(|&j| !items[j].0.is_empty());
            let after = (i + 1..items.len()).find(|&j| !items[j].0.is_empty());
            match (before, after) {
                (Some(j), _) if items[j].1 => {
                    let keep = items[j].0.trim_end_matches(is_separator).len();
                    items[j].0.truncate(keep);
                }
                (None, Some(j)) if items[j].1 => {
                    let drop = items[j].0.len() - items[j].0.trim_start_matches(is_separator).len();
                    items[j].0.drain(..drop);
                }
                _ => {}
            }
        }
        let joined: String = items.into_iter().map(|(text, _)| text).collect();
        joined.trim_matches(is_separator).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &str, f: impl Fn(Token) -> &'static str) -> String {
        t.parse::<NameTemplate>().unwrap().render(|tok| f(tok).to_string())
    }

    #[test]
    fn all_tokens_render() {
        let out = render("{label}-{app}-{date}-{time}-{datetime}-{stem}-{folder}-{n}-{w}x{h}", |t| match t {
            Token::Label => "L",
            Token::App => "A",
            Token::Date => "D",
            Token::Time => "T",
            Token::DateTime => "DT",
            Token::Stem => "S",
            Token::Folder => "F",
            Token::N => "07",
            Token::W => "1080",
            Token::H => "2340",
        });
        assert_eq!(out, "L-A-D-T-DT-S-F-07-1080x2340");
    }

    #[test]
    fn empty_tokens_drop_one_separator() {
        let vals = |t| match t {
            Token::Label => "결제오류",
            Token::N => "3",
            _ => "",
        };
        assert_eq!(render("{label}_{date}_{n}", vals), "결제오류_3");
        assert_eq!(render("{date}_{label}_{n}", vals), "결제오류_3");
        assert_eq!(render("{label}_{n}_{date}", vals), "결제오류_3");
        assert_eq!(render("{app} - {label}", vals), "결제오류");
        assert_eq!(render("shot {app}{date}", vals), "shot");
        assert_eq!(render("x_{app}_y{n}", vals), "x_y3");
        assert_eq!(render("{label}{app}_{n}", vals), "결제오류_3");
        assert_eq!(render("{app}-{date}-{n}", vals), "3");
        assert_eq!(render("{app}_{date}", vals), "");
        assert_eq!(render("{label}_{app}_{date}", vals), "결제오류");
    }

    #[test]
    fn no_double_or_trailing_separators_whatever_is_empty() {
        let t: NameTemplate = "{label}_{app}-{date} {time}.{n}".parse().unwrap();
        for mask in 0u8..32 {
            let out = t.render(|tok| {
                let (bit, text) = match tok {
                    Token::Label => (0, "L"),
                    Token::App => (1, "A"),
                    Token::Date => (2, "D"),
                    Token::Time => (3, "T"),
                    Token::N => (4, "7"),
                    _ => (5, ""),
                };
                if mask & (1 << bit) != 0 { text.to_string() } else { String::new() }
            });
            let chars: Vec<char> = out.chars().collect();
            assert!(chars.windows(2).all(|w| !(is_separator(w[0]) && is_separator(w[1]))), "{mask:05b}: {out:?}");
            assert!(!out.starts_with(is_separator) && !out.ends_with(is_separator), "{mask:05b}: {out:?}");
        }
    }

    #[test]
    fn literal_braces_and_errors() {
        assert_eq!(render("{{x}}_{n}", |_| "1"), "{x}_1");
        assert!("{nope}".parse::<NameTemplate>().unwrap_err().to_string().contains("unknown token `{nope}`"));
        assert!("a}b".parse::<NameTemplate>().is_err());
        assert!("".parse::<NameTemplate>().is_err());
    }
}

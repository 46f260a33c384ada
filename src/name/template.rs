//! Output name templates: `{label}_{date}_{n}` and friends.
//!
//! Each token's value is made safe on its own before it is put in, so no
//! value can add a path separator; an empty value takes one neighbouring
//! separator with it, so names never get doubled or dangling separators.

use std::fmt;
use std::str::FromStr;

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
pub struct Template {
    parts: Vec<Part>,
    source: String,
}

/// The default template: label (folder, app or `--label`), capture date,
/// position in the batch. Sorts by label, then capture time.
pub const DEFAULT_TEMPLATE: &str = "{label}_{date}_{n}";

impl Default for Template {
    fn default() -> Self {
        DEFAULT_TEMPLATE.parse().unwrap_or(Template { parts: vec![Part::Tok(Token::N)], source: "{n}".into() })
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl FromStr for Template {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
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
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let tok = TOKENS.iter().find(|(n, _)| *n == name.trim()).map(|(_, t)| *t).ok_or_else(|| {
                        let known: Vec<String> = TOKENS.iter().map(|(n, _)| format!("{{{n}}}")).collect();
                        format!("unknown token `{{{name}}}` in name template; known: {}", known.join(" "))
                    })?;
                    if !lit.is_empty() {
                        parts.push(Part::Lit(std::mem::take(&mut lit)));
                    }
                    parts.push(Part::Tok(tok));
                }
                '}' => return Err(format!("unmatched `}}` in name template `{s}` (write `}}}}` for a literal brace)")),
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        if parts.is_empty() {
            return Err("the name template is empty".into());
        }
        Ok(Template { parts, source: s.to_string() })
    }
}

/// Characters that only separate tokens; dropped along with an empty token.
fn is_separator_text(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '_' | '-' | ' ' | '.' | ',' | '·'))
}

impl Template {
    /// Whether the template uses `token`.
    pub fn uses(&self, token: Token) -> bool {
        self.parts.contains(&Part::Tok(token))
    }

    /// Renders with `value(token)` giving each token's already-safe text.
    pub fn render(&self, value: impl Fn(Token) -> String) -> String {
        let mut items: Vec<Option<String>> = Vec::with_capacity(self.parts.len());
        let mut is_tok: Vec<bool> = Vec::with_capacity(self.parts.len());
        for p in &self.parts {
            match p {
                Part::Lit(s) => {
                    items.push(Some(s.clone()));
                    is_tok.push(false);
                }
                Part::Tok(t) => {
                    let v = value(*t);
                    items.push((!v.is_empty()).then_some(v));
                    is_tok.push(true);
                }
            }
        }
        // An empty token removes the separator before it (or, at the start,
        // the one after it).
        for i in 0..items.len() {
            if !is_tok[i] || items[i].is_some() {
                continue;
            }
            let before = (0..i).rev().find(|&j| items[j].is_some());
            let after = (i + 1..items.len()).find(|&j| items[j].is_some());
            let pick = match (before, after) {
                (Some(j), _) if !is_tok[j] && items[j].as_deref().is_some_and(is_separator_text) => Some(j),
                (_, Some(j)) if !is_tok[j] && items[j].as_deref().is_some_and(is_separator_text) => Some(j),
                _ => None,
            };
            if let Some(j) = pick {
                items[j] = None;
            }
        }
        let joined: String = items.into_iter().flatten().collect();
        joined.trim_matches(|c| matches!(c, '_' | '-' | ' ' | '.' | ',' | '·')).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &str, f: impl Fn(Token) -> &'static str) -> String {
        t.parse::<Template>().unwrap().render(|tok| f(tok).to_string())
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
    }

    #[test]
    fn literal_braces_and_errors() {
        assert_eq!(render("{{x}}_{n}", |_| "1"), "{x}_1");
        assert!("{nope}".parse::<Template>().unwrap_err().contains("unknown token `{nope}`"));
        assert!("a}b".parse::<Template>().is_err());
        assert!("".parse::<Template>().is_err());
    }
}

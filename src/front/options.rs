//! The options that both a flag and the config file can set, listed once.
//!
//! `shared_options!` turns the table at the bottom into: [`Layer`] (the
//! values set at one level: the flags, or the file), [`FileLayer`] (the
//! same as the file writes them, each value with its place in the file),
//! and [`KEYS`] (every key with its flag, in the order `--print-config`
//! shows them). Each value is parsed by its type's `FromStr`, in
//! [`crate::spec`] or beside its type, for flags and file alike.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use std::str::FromStr;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use super::config::schema::{PresetName, RuleFile};
use crate::fit::FormatChoice;
use crate::geometry::FillColor;
use crate::name::NameTemplate;
use crate::spec::{ByteSize, Flag, MaxSize, MinScale, Rgb, StyleName, ValueError};
use crate::text::Lang;

/// A value written as a string (or a bare number or boolean, or a list of
/// strings meaning the same as one comma-separated string) and parsed by
/// the same `FromStr` as its flag.
#[derive(Debug, Clone)]
pub struct Val<T>(pub T);

impl<'de, T: FromStr<Err = ValueError>> Deserialize<'de> for Val<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: FromStr<Err = ValueError>> Visitor<'de> for V<T> {
            type Value = Val<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Val<T>, E> {
                s.parse().map(Val).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Val<T>, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Val<T>, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Val<T>, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Val<T>, E> {
                self.visit_str(if v { "true" } else { "false" })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val<T>, A::Error> {
                let mut items: Vec<String> = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    items.push(s);
                }
                self.visit_str(&items.join(","))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// How a value is written back in TOML (`--print-config`).
pub trait ToToml {
    /// The value as TOML.
    fn to_toml(&self) -> String;
}

/// A TOML string.
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl ToToml for StyleName {
    fn to_toml(&self) -> String {
        quote(self.name())
    }
}

impl ToToml for FillColor {
    fn to_toml(&self) -> String {
        match self {
            FillColor::Auto => quote("auto"),
            FillColor::Solid(c) => quote(&c.to_string()),
        }
    }
}

impl ToToml for Pixels {
    fn to_toml(&self) -> String {
        self.0.to_string()
    }
}

impl ToToml for Markers {
    fn to_toml(&self) -> String {
        if self.0.is_empty() {
            quote("off")
        } else {
            format!("[{}]", self.0.iter().map(|c| quote(&c.to_string())).collect::<Vec<_>>().join(", "))
        }
    }
}

impl ToToml for MaxSize {
    fn to_toml(&self) -> String {
        match self {
            MaxSize::Bytes(b) => b.to_string(),
            MaxSize::Unlimited => quote("none"),
        }
    }
}

impl ToToml for ByteSize {
    fn to_toml(&self) -> String {
        self.0.to_string()
    }
}

impl ToToml for FormatChoice {
    fn to_toml(&self) -> String {
        quote(self.name())
    }
}

impl ToToml for MinScale {
    fn to_toml(&self) -> String {
        self.0.to_string()
    }
}

impl ToToml for NameTemplate {
    fn to_toml(&self) -> String {
        quote(&self.to_string())
    }
}

impl ToToml for Label {
    fn to_toml(&self) -> String {
        quote(&self.0)
    }
}

impl ToToml for Flag {
    fn to_toml(&self) -> String {
        self.0.to_string()
    }
}

impl ToToml for Lang {
    fn to_toml(&self) -> String {
        quote(self.code())
    }
}

/// `--pad`: pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pixels(pub u32);

impl FromStr for Pixels {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        s.trim().parse().map(Pixels).map_err(|_| ValueError::NotANumber(s.trim().to_string()))
    }
}

/// `--marker`: the marker colours (empty: off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markers(pub Vec<Rgb>);

impl FromStr for Markers {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        crate::regions::parse_marker_colors(s).map(Markers)
    }
}

/// `--label`: any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label(pub String);

impl FromStr for Label {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        Ok(Label(s.to_string()))
    }
}

macro_rules! shared_options {
    ($( $(#[doc = $doc:literal])* $key:ident: $ty:ty = $flag:literal; )*) => {
        /// The shared options as set at one level (the flags, or the config
        /// file); `None`: not set there.
        #[derive(Debug, Clone, Default)]
        pub struct Layer {
            $( $(#[doc = $doc])* pub $key: Option<$ty>, )*
        }

        /// The config file as written: the shared options, each with where
        /// it is in the file, the presets and the rules.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct FileLayer {
            $( $(#[doc = $doc])* pub $key: Option<Spanned<Val<$ty>>>, )*
            /// `presets = [...]`, added to the `--preset` ones.
            pub presets: Option<Vec<Spanned<Val<PresetName>>>>,
            /// `[[rule]]` tables.
            #[serde(default, rename = "rule")]
            pub rules: Vec<RuleFile>,
        }

        impl FileLayer {
            /// The values alone.
            pub fn values(&self) -> Layer {
                Layer { $( $key: self.$key.as_ref().map(|v| v.get_ref().0.clone()), )* }
            }

            /// Where in the file `key` is set, if it is.
            pub fn span(&self, key: &str) -> Option<Range<usize>> {
                match key {
                    $( stringify!($key) => self.$key.as_ref().map(Spanned::span), )*
                    _ => None,
                }
            }
        }

        impl Layer {
            /// Whether `key` is set at this level.
            pub fn is_set(&self, key: &str) -> bool {
                match key {
                    $( stringify!($key) => self.$key.is_some(), )*
                    _ => false,
                }
            }

            /// Each key set here or, where not, in `lower`.
            pub fn or(self, lower: Layer) -> Layer {
                Layer { $( $key: self.$key.or(lower.$key), )* }
            }

            /// The value of `key` as TOML, if set.
            pub fn toml(&self, key: &str) -> Option<String> {
                match key {
                    $( stringify!($key) => self.$key.as_ref().map(ToToml::to_toml), )*
                    _ => None,
                }
            }
        }

        /// Every shared key with its flag, in `--print-config` order.
        pub const KEYS: &[(&str, &str)] = &[ $( (stringify!($key), $flag), )* ];
    };
}

// To add an option that the config file can set too: a line here, a field
// in `flags::Flags` (and its line in `Flags::layer`), and its use in
// `resolve::settings`. The front end's module doc has the whole recipe.
shared_options! {
    /// `--style`.
    style: StyleName = "--style";
    /// `--color`.
    color: FillColor = "--color";
    /// `--pad`.
    pad: Pixels = "--pad";
    /// `--marker`.
    marker: Markers = "--marker";
    /// `--max-size`.
    max_size: MaxSize = "--max-size";
    /// `--total-size`.
    total_size: ByteSize = "--total-size";
    /// `--format`.
    format: FormatChoice = "--format";
    /// `--min-scale`.
    min_scale: MinScale = "--min-scale";
    /// `--name`.
    name: NameTemplate = "--name";
    /// `--label`.
    label: Label = "--label";
    /// `--strict`.
    strict: Flag = "--strict";
    /// `--lang`.
    lang: Lang = "--lang";
}

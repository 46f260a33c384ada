//! Resolution: the flags, the config file and the built-in defaults merged
//! once into [`Settings`], remembering where each value came from, so that
//! `--print-config` is a loop over the options.
//!
//! Every shared option takes the flag's value, else the file's, else the
//! default. The one interplay, "`--color` means fill", is decided here and
//! nowhere else.

use std::path::{Path, PathBuf};

use super::config::{self, Loaded};
use super::flags::Flags;
use super::options::{KEYS, Label, Layer, Markers, Pixels};
use crate::error::UsageError;
use crate::fit::FormatChoice;
use crate::geometry::{FillColor, MaskStyle};
use crate::name::NameTemplate;
use crate::settings::{DEFAULT_MARKER, DEFAULT_MAX_SIZE, DEFAULT_PAD, Settings};
use crate::spec::{Flag, MaxSize, MinScale, StyleName};
use crate::text::Lang;

/// Where a value in effect came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A flag, e.g. `--pad`.
    Flag(&'static str),
    /// The config file, at `FILE:LINE`.
    File(String),
    /// The built-in default.
    Default,
    /// `--color` or `color` without a style: fill.
    ImpliedByColor,
    /// The locale (`lang`).
    Locale,
}

/// The settings of a run, with where each came from.
#[derive(Debug)]
pub struct Resolved {
    /// What the run uses.
    pub settings: Settings,
    /// The config file, if one was used.
    pub config: Option<Loaded>,
    /// Whether `--no-config` was given.
    pub no_config: bool,
    /// The value in effect of every shared option that has one.
    pub values: Layer,
    /// Where each shared option's value came from, in [`KEYS`] order.
    pub origins: Vec<(&'static str, Origin)>,
    /// The presets in effect, each with where it was named.
    pub presets: Vec<(String, Origin)>,
}

/// The built-in defaults of the shared options (`lang`: the locale's).
fn defaults() -> Layer {
    Layer {
        style: Some(StyleName::Mosaic),
        color: Some(FillColor::default()),
        pad: Some(Pixels(DEFAULT_PAD)),
        marker: Some(Markers(vec![DEFAULT_MARKER])),
        max_size: Some(MaxSize::Bytes(DEFAULT_MAX_SIZE)),
        total_size: None,
        format: Some(FormatChoice::Auto),
        min_scale: Some(MinScale(crate::fit::DEFAULT_MIN_SCALE)),
        name: Some(NameTemplate::default()),
        label: None,
        strict: Some(Flag(false)),
        lang: Some(Lang::from_environment()),
    }
}

/// Merges `flags`, the config file (found as the flags say) and the
/// defaults.
pub fn resolve(flags: &Flags) -> Result<Resolved, UsageError> {
    let config = if flags.no_config {
        None
    } else {
        config::discover(flags.config.as_deref(), &flags.paths).map_err(UsageError::Config)?
    };
    let from_flags = flags.layer();
    let from_file = config.as_ref().map(|c| c.file.values()).unwrap_or_default();
    let style = mask_style(&from_flags, &from_file)?;

    let mut origins = Vec::with_capacity(KEYS.len());
    for &(key, flag) in KEYS {
        let implied = key == "style" && !from_flags.is_set("style");
        let origin =
            if implied && (from_flags.is_set("color") || (!from_file.is_set("style") && from_file.is_set("color"))) {
                Origin::ImpliedByColor
            } else if from_flags.is_set(key) {
                Origin::Flag(flag)
            } else if let (true, Some(c)) = (from_file.is_set(key), &config) {
                c.file.span(key).map_or(Origin::Default, |span| Origin::File(c.at(span)))
            } else if key == "lang" {
                Origin::Locale
            } else {
                Origin::Default
            };
        origins.push((key, origin));
    }
    let values = from_flags.or(from_file).or(defaults());

    let mut presets: Vec<(String, Origin)> = config
        .as_ref()
        .map(|c| c.presets().map(|(name, span)| (name.to_string(), Origin::File(c.at(span)))).collect())
        .unwrap_or_default();
    for p in &flags.preset {
        let name = p.trim().to_ascii_lowercase();
        if !presets.iter().any(|(n, _)| *n == name) {
            presets.push((name, Origin::Flag("--preset")));
        }
    }

    let mut settings = settings(flags, &values, style);
    settings.regions.rules = config::rules(&flags.preset, config.as_ref()).map_err(UsageError::NoSuchPreset)?;
    for (flag, file) in
        [("--report", flags.report.as_deref()), ("--preview", flags.preview.as_ref().and_then(|p| p.as_deref()))]
    {
        if let Some(file) = file {
            check_new_file(flag, file)?;
        }
    }
    Ok(Resolved { settings, config, no_config: flags.no_config, values, origins, presets })
}

/// The style in effect. `--color` alone means fill, whatever style the
/// file names; the file's colour applies only when the style in effect is
/// fill.
fn mask_style(flags: &Layer, file: &Layer) -> Result<MaskStyle, UsageError> {
    let default_color = FillColor::default();
    Ok(match (flags.style, flags.color, file.style, file.color) {
        (Some(StyleName::Fill) | None, Some(color), ..) => MaskStyle::Fill(color),
        (Some(_), Some(_), ..) => return Err(UsageError::ColorNeedsFill),
        (Some(style), None, _, file_color) | (None, None, Some(style), file_color) => {
            styled(style, file_color.unwrap_or(default_color))
        }
        (None, None, None, Some(color)) => MaskStyle::Fill(color),
        (None, None, None, None) => MaskStyle::Mosaic,
    })
}

fn styled(style: StyleName, color: FillColor) -> MaskStyle {
    match style {
        StyleName::Fill => MaskStyle::Fill(color),
        StyleName::Mosaic => MaskStyle::Mosaic,
        StyleName::Blur => MaskStyle::Blur,
    }
}

/// The settings for `values` (every shared option resolved) and the
/// flag-only options.
fn settings(flags: &Flags, values: &Layer, style: MaskStyle) -> Settings {
    let mut s = Settings::default();
    s.inputs.recursive = flags.recursive;
    s.inputs.out_dir = flags.out.clone();
    s.inputs.shard = flags.shard;
    s.regions.boxes = flags.boxes.clone();
    s.regions.keep = flags.keep.clone();
    s.regions.sidecars = !flags.no_sidecars;
    s.regions.style = style;
    if let Some(Pixels(pad)) = values.pad {
        s.regions.pad = pad;
    }
    if let Some(Markers(colors)) = &values.marker {
        s.regions.markers = colors.clone();
    }
    s.fit.max_bytes = match values.max_size {
        Some(MaxSize::Bytes(b)) => Some(b),
        Some(MaxSize::Unlimited) => None,
        None => Some(DEFAULT_MAX_SIZE),
    };
    s.fit.format = values.format.unwrap_or_default();
    if let Some(MinScale(m)) = values.min_scale {
        s.fit.min_scale = m;
    }
    s.total_bytes = values.total_size.map(|t| t.0);
    if let Some(total) = s.total_bytes {
        // No single file can use more than the whole budget.
        s.fit.max_bytes = Some(s.fit.max_bytes.map_or(total, |m| m.min(total)));
    }
    if let Some(t) = &values.name {
        s.template = t.clone();
    }
    s.label = values.label.clone().map(|Label(l)| l);
    s.strict = values.strict.is_some_and(|Flag(on)| on);
    s.lang = values.lang.unwrap_or_default();
    s.jobs = flags.jobs.map_or(0, usize::from);
    s.dry_run = flags.dry_run;
    s
}

/// A file the run will write at exactly this path: nothing may be there
/// (shotmask never replaces a file, and the path may well be an input), and
/// its folder must exist. Checked before any work.
fn check_new_file(flag: &'static str, file: &Path) -> Result<(), UsageError> {
    if std::fs::symlink_metadata(file).is_ok() {
        return Err(UsageError::WouldReplace { flag, path: file.to_path_buf() });
    }
    if let Some(dir) = file.parent().filter(|p| !p.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(UsageError::NoSuchFolder { flag, path: file.to_path_buf(), folder: dir.to_path_buf() });
    }
    Ok(())
}

impl Resolved {
    /// The config file's path, if one is used.
    pub fn config_path(&self) -> Option<&PathBuf> {
        self.config.as_ref().map(|c| &c.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front::flags::{Parsed, parse};

    fn resolved(args: &[&str]) -> Result<Resolved, String> {
        let all = ["shotmask", "--no-config"].iter().chain(args).map(std::ffi::OsString::from).collect();
        match parse(all) {
            Parsed::Flags(f) => resolve(&f).map_err(|e| e.to_string()),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn settings_resolve_defaults_and_flags() {
        let s = resolved(&["a"]).unwrap().settings;
        assert_eq!(s.fit.max_bytes, Some(DEFAULT_MAX_SIZE));
        assert_eq!(s.regions.style, MaskStyle::Mosaic);
        assert_eq!(s.regions.markers, vec![crate::spec::Rgb([255, 0, 255])]);
        assert!(!s.strict);
        let s = resolved(&["--marker", "off", "--strict", "a"]).unwrap().settings;
        assert!(s.regions.markers.is_empty());
        assert!(s.strict);
        let s = resolved(&["--max-size", "none", "--color", "auto", "a"]).unwrap().settings;
        assert_eq!(s.fit.max_bytes, None);
        assert_eq!(s.regions.style, MaskStyle::Fill(FillColor::Auto));
        let s = resolved(&["--max-size", "1.5MB", "--style", "blur", "-j", "2", "a"]).unwrap().settings;
        assert_eq!(s.fit.max_bytes, Some(1_500_000));
        assert_eq!(s.jobs, 2);
        assert!(resolved(&["--style", "blur", "--color", "red", "a"]).is_err());
        assert!(resolved(&["--report", "/no/such/dir/r.json", "a"]).is_err());
        let s = resolved(&["--total-size", "300KB", "a"]).unwrap().settings;
        assert_eq!((s.total_bytes, s.fit.max_bytes), (Some(300_000), Some(300_000)));
    }

    fn with_file(text: &str, args: &[&str]) -> Resolved {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("shotmask.toml");
        std::fs::write(&path, text).unwrap();
        let mut all: Vec<std::ffi::OsString> = vec!["shotmask".into(), "--config".into(), path.into()];
        all.extend(args.iter().map(std::ffi::OsString::from));
        let Parsed::Flags(f) = parse(all) else { panic!() };
        resolve(&f).unwrap()
    }

    #[test]
    fn values_go_through_the_flag_parsers() {
        let r = with_file(
            "style = \"fill\"\ncolor = \"auto\"\npad = 5\nmarker = [\"red\", \"#00FF00\"]\nmax_size = \"1.5MB\"\n\
             total_size = 20000000\nformat = \"JPEG\"\nname = \"{date}_{n}\"\nlabel = \"bug 42\"\n\
             presets = [\"android-status-bar\"]\nstrict = true\nlang = \"ko\"\n",
            &["a"],
        );
        let s = r.settings;
        assert_eq!(s.regions.style, MaskStyle::Fill(FillColor::Auto));
        assert_eq!(s.regions.pad, 5);
        assert_eq!(s.regions.markers.len(), 2);
        assert_eq!(s.fit.max_bytes, Some(1_500_000));
        assert_eq!(s.total_bytes, Some(20_000_000));
        assert_eq!(s.fit.format, FormatChoice::Jpeg);
        assert_eq!(s.template.to_string(), "{date}_{n}");
        assert_eq!(s.label.as_deref(), Some("bug 42"));
        assert_eq!(s.regions.rules.len(), 1);
        assert!(s.strict);
        assert_eq!(s.lang, Lang::Ko);
    }

    #[test]
    fn flags_win_over_the_file() {
        let r = with_file("style = \"blur\"\npad = 9\ncolor = \"red\"", &["--pad", "1", "--style", "mosaic", "a"]);
        assert_eq!(r.settings.regions.pad, 1);
        // The file's colour does not turn a --style mosaic into an error.
        assert_eq!(r.settings.regions.style, MaskStyle::Mosaic);
        // --color alone means fill, even when the file says blur.
        let r = with_file("style = \"blur\"\npad = 9\ncolor = \"red\"", &["--color", "auto", "a"]);
        assert_eq!(r.settings.regions.style, MaskStyle::Fill(FillColor::Auto));
        let pad = r.origins.iter().find(|(k, _)| *k == "pad").unwrap();
        assert!(matches!(&pad.1, Origin::File(at) if at.ends_with("shotmask.toml:2")), "{pad:?}");
    }
}

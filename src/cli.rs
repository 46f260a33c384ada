//! The command line: flags as the user types them (`Cli`), validated by
//! clap, then resolved once into [`Settings`].

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{ArgAction, Parser, ValueEnum};

use crate::config;
use crate::error::UsageError;
use crate::fit::FormatChoice;
use crate::mask::{FillColor, MaskStyle};
use crate::name::Template;
use crate::regions;
use crate::settings::{DEFAULT_MAX_SIZE, Settings};
use crate::shard::Shard;
use crate::spec::{self, BoxSpec, Rgb};

/// What `shotmask` with no arguments prints: enough to get going, including
/// from Explorer.
pub const SHORT_HELP: &str = "\
shotmask: make screenshots safe to send.

It hides what you mark (boxes, sidecar files, marker strokes), strips all
metadata, fits each file under a size limit and names it by date and app.
Results go to a folder `masked` next to your screenshots; nothing is
overwritten.

Usage:
  shotmask [OPTIONS] FILE|FOLDER...
  shotmask --box 0,0,100%,4% Screenshots/      hide the status bar
  shotmask --max-size 500KB --label 결제오류 *.png

On Windows you can also drop screenshots or a folder onto shotmask.exe;
the window stays open until you press Enter.
With no options, each result is at most 1 MB (fine for e-mail and support
forms); choose another limit with --max-size.

Run `shotmask --help` for every option.";

const AFTER_HELP: &str = "\
Sizes: 500KB, 1.5MB (1000-based), 800KiB, 2MiB (1024-based) or bytes.
Boxes: X,Y,W,H in px or % of the side; negative X/Y count from the right or
bottom edge (--box -30%,-12%,25%,8%). A sidecar IMAGE.boxes holds one box per line;
a LabelMe STEM.json next to the image is read too.
Marks drawn on a screenshot in magenta (pen, filled or outlined box, highlighter)
are masked: --marker COLOR to use another colour, --marker off to stop.
Rules and defaults live in shotmask.toml (in the screenshots' folder, beside
the executable or in your config folder): `--init-config` writes a starter,
`--print-config` shows what is in effect, `--preset list` the built-in rules.

Every style is irreversible: what is painted inside a region depends only on
the pixels around it, never on what was there.";

/// Command-line flags, exactly as given.
#[derive(Debug, Clone, Default, Parser)]
#[command(
    name = "shotmask",
    version = crate::shell::VERSION,
    about = "Make screenshots safe to send: mask, strip metadata, fit under a size limit, rename.",
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Cli {
    /// Image files and folders, in any mix. A folder means the images directly in it.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Where results go [default: a folder `masked` inside each input folder, or beside loose files].
    #[arg(short, long, value_name = "DIR", help_heading = "Output")]
    pub out: Option<PathBuf>,

    /// Descend into subfolders (their outputs mirror the folder structure).
    #[arg(short, long, help_heading = "Output")]
    pub recursive: bool,

    /// A rectangle to hide on every image, in px or % (repeatable).
    #[arg(long = "box", value_name = "X,Y,W,H", value_parser = parse_box, allow_hyphen_values = true, action = ArgAction::Append, help_heading = "Regions")]
    pub boxes: Vec<BoxSpec>,

    /// Hide everything outside these rectangles (repeatable).
    #[arg(long, value_name = "X,Y,W,H", value_parser = parse_box, allow_hyphen_values = true, action = ArgAction::Append, help_heading = "Regions")]
    pub keep: Vec<BoxSpec>,

    /// Grow every region by PX pixels [default: 2].
    #[arg(long, value_name = "PX", help_heading = "Regions")]
    pub pad: Option<u32>,

    /// Marker colours of strokes drawn on the screenshots to mark what to hide: #RRGGBB or a name, comma-separated, or `off` [default: magenta].
    #[arg(long, value_name = "COLOR[,COLOR...]", value_parser = parse_markers, help_heading = "Regions")]
    pub marker: Option<Markers>,

    /// Ignore sidecar files (IMAGE.boxes, LabelMe STEM.json).
    #[arg(long, help_heading = "Regions")]
    pub no_sidecars: bool,

    /// How regions are hidden [default: mosaic].
    #[arg(long, value_enum, value_name = "STYLE", help_heading = "Masking")]
    pub style: Option<StyleArg>,

    /// Colour for `fill`: #RRGGBB, a name, or `auto` (the colour around the region) [default: black].
    #[arg(long, value_name = "COLOR", value_parser = parse_fill_color, help_heading = "Masking")]
    pub color: Option<FillColor>,

    /// Every output file is at most SIZE bytes; `none` for no limit [default: 1MB].
    #[arg(long, value_name = "SIZE", value_parser = parse_max_size, help_heading = "Size and format")]
    pub max_size: Option<MaxSize>,

    /// All outputs of the run together are at most SIZE bytes.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help_heading = "Size and format")]
    pub total_size: Option<u64>,

    /// Output format: auto picks the most legible that fits [default: auto].
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = "Size and format")]
    pub format: Option<FormatArg>,

    /// Smallest scale allowed when an image must shrink to fit, 0.1–1 [default: 0.5].
    #[arg(long, value_name = "FRACTION", value_parser = parse_min_scale, help_heading = "Size and format")]
    pub min_scale: Option<f64>,

    /// Output name template: {label} {app} {date} {time} {datetime} {stem} {folder} {n} {w} {h} [default: {label}_{date}_{n}].
    // clap turns every `{n}` in help text into a line break; a word joiner
    // (U+2060, invisible) inside the braces keeps `{n}` as printed text.
    #[arg(long, value_name = "TEMPLATE", value_parser = parse_template, help_heading = "Naming",
          help = "Output name template: {label} {app} {date} {time} {datetime} {stem} {folder} {\u{2060}n} {w} {h} \
                  [default: {label}_{date}_{\u{2060}n}]")]
    pub name: Option<Template>,

    /// Text for {label} [default: the folder's name, else the app, else `screenshot`].
    #[arg(long, value_name = "TEXT", help_heading = "Naming")]
    pub label: Option<String>,

    /// Worker threads [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), help_heading = "Run")]
    pub jobs: Option<u16>,

    /// Decide everything (names, formats, exact sizes) but write no image.
    #[arg(long, help_heading = "Run")]
    pub dry_run: bool,

    /// Write a JSON report to FILE.
    #[arg(long, value_name = "FILE", help_heading = "Run")]
    pub report: Option<PathBuf>,

    /// Print only errors.
    #[arg(short, long, conflicts_with = "verbose", help_heading = "Run")]
    pub quiet: bool,

    /// Print a line per file.
    #[arg(short, long, help_heading = "Run")]
    pub verbose: bool,

    /// Add a built-in rule set, e.g. android-status-bar (repeatable); `--preset list` describes them all.
    #[arg(long, value_name = "NAME", action = ArgAction::Append, help_heading = "Regions")]
    pub preset: Vec<String>,

    /// Read settings and rules from FILE [default: the first shotmask.toml in the input folder, beside the executable, or in the user config folder].
    #[arg(long, value_name = "FILE", help_heading = "Config")]
    pub config: Option<PathBuf>,

    /// Use no config file: only the flags and built-in defaults.
    #[arg(long, conflicts_with = "config", help_heading = "Config")]
    pub no_config: bool,

    /// Print the settings in effect and where each comes from, then exit.
    #[arg(long, help_heading = "Config")]
    pub print_config: bool,

    /// Write a commented starter config to PATH (never over an existing file), then exit [default: shotmask.toml].
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = config::FILE_NAME, help_heading = "Config")]
    pub init_config: Option<PathBuf>,

    /// Never wait for Enter at the end (a window opened by dropping files onto shotmask.exe waits, so it can be read).
    #[arg(long, help_heading = "Run")]
    pub no_pause: bool,

    /// Also write an HTML page with each original beside its result and every region outlined, to check before sending. It shows the originals UNMASKED, so it goes beside them, never into the output folder [default: shotmask-preview-UNMASKED-do-not-send.html].
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, help_heading = "Run")]
    pub preview: Option<Option<PathBuf>>,

    /// Also read paths from FILE, one per line (`-`: standard input).
    #[arg(long, value_name = "FILE|-", help_heading = "Scale-out")]
    pub files_from: Option<PathBuf>,

    /// Process only shard K of N, K from 0 to N-1: a split by path that is the same on every machine and in any argument order.
    #[arg(long, value_name = "K/N", help_heading = "Scale-out")]
    pub shard: Option<Shard>,

    /// Print the completion script for SHELL and exit (`shotmask completions SHELL` works too).
    #[arg(long, value_enum, value_name = "SHELL", exclusive = true, help_heading = "Shell")]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) and exit: `shotmask --man > shotmask.1`.
    #[arg(long, exclusive = true, help_heading = "Shell")]
    pub man: bool,
}

/// `shotmask completions SHELL` is shorthand for `--completions SHELL`, but
/// only as the very first argument and only when nothing named `completions`
/// exists here: a file or folder of that name is then never mistaken for the
/// command (it is an error saying how to write either). `./completions`
/// always means the path.
fn completions_shorthand(args: &mut [OsString], exists: impl Fn(&Path) -> bool) -> Result<(), String> {
    if args.get(1).is_none_or(|a| a != "completions") {
        return Ok(());
    }
    if exists(Path::new("completions")) {
        return Err("`completions` is both a file or folder here and a command: write `./completions` \
                    to process the path, or `--completions SHELL` for a completion script"
            .into());
    }
    args[1] = "--completions".into();
    Ok(())
}

/// `--style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StyleArg {
    /// A solid colour (see --color).
    Fill,
    /// Blocks shaded from the surrounding colours.
    Mosaic,
    /// A soft smudge shaded from the surrounding colours.
    Blur,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Lossless PNG when it fits, else the best JPEG.
    Auto,
    /// Always JPEG.
    Jpeg,
    /// Always PNG.
    Png,
    /// The input's format.
    Keep,
}

/// `--marker`: the marker colours, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markers(pub Vec<Rgb>);

/// The parser of the flag, shared with the config file.
pub(crate) fn parse_markers(s: &str) -> Result<Markers, String> {
    regions::parse_marker_colors(s).map(Markers)
}

/// `--max-size`: a limit or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxSize {
    /// At most this many bytes.
    Bytes(u64),
    /// No limit.
    Unlimited,
}

fn parse_box(s: &str) -> Result<BoxSpec, String> {
    s.parse()
}

fn parse_size(s: &str) -> Result<u64, String> {
    spec::parse_size(s)
}

/// The parser of the flag, shared with the config file.
pub(crate) fn parse_max_size(s: &str) -> Result<MaxSize, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "none" | "off" | "unlimited" => Ok(MaxSize::Unlimited),
        _ => spec::parse_size(s).map(MaxSize::Bytes),
    }
}

/// The parser of the flag, shared with the config file.
pub(crate) fn parse_fill_color(s: &str) -> Result<FillColor, String> {
    if s.trim().eq_ignore_ascii_case("auto") { Ok(FillColor::Auto) } else { s.parse::<Rgb>().map(FillColor::Solid) }
}

/// The parser of the flag, shared with the config file.
pub(crate) fn parse_min_scale(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.1..=1.0).contains(&v) { Ok(v) } else { Err(format!("`{s}` is not between 0.1 and 1")) }
}

/// A file the run will write at exactly this path: nothing may be there
/// (shotmask never replaces a file, and the path may well be an input), and
/// its folder must exist. Checked before any work.
fn check_new_file(flag: &str, file: &Path) -> Result<(), UsageError> {
    if std::fs::symlink_metadata(file).is_ok() {
        return Err(UsageError::new(format!(
            "{flag} {}: something is already there, and shotmask never replaces a file; name a new file",
            file.display()
        )));
    }
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent
        && !dir.is_dir()
    {
        return Err(UsageError::new(format!("{flag} {}: the folder {} does not exist", file.display(), dir.display())));
    }
    Ok(())
}

fn parse_template(s: &str) -> Result<Template, String> {
    s.parse()
}

impl Cli {
    /// Parses `args` (the first is the program name). Usage errors print
    /// clap's message and exit with status 2.
    pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Cli {
        let mut args: Vec<OsString> = args.into_iter().collect();
        if let Err(message) = completions_shorthand(&mut args, Path::exists) {
            use clap::CommandFactory;
            Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message).exit();
        }
        Cli::parse_from(args)
    }

    /// Whether nothing at all was given (then a short help is printed).
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.files_from.is_none()
    }

    /// The PATH arguments, then the paths listed by `--files-from`.
    pub fn input_paths(&self) -> Result<Vec<PathBuf>, UsageError> {
        let mut paths = self.paths.clone();
        if let Some(list) = &self.files_from {
            paths.extend(crate::inputs::read_list(list)?);
        }
        Ok(paths)
    }

    /// Resolves the flags, the config file and the presets into settings.
    pub fn settings(&self) -> Result<Settings, UsageError> {
        self.resolve().map(|(settings, _)| settings)
    }

    /// Finds and reads the config file (unless `--no-config`), takes every
    /// option the flags leave unset from it, and resolves the result.
    pub fn resolve(&self) -> Result<(Settings, Option<config::Loaded>), UsageError> {
        let loaded = if self.no_config { None } else { config::discover(self.config.as_deref(), &self.paths)? };
        let merged = match &loaded {
            Some(c) => c.fill(self.clone()),
            None => self.clone(),
        };
        let mut settings = merged.settings_from_flags()?;
        settings.regions.rules = config::rules(&self.preset, loaded.as_ref())?;
        Ok((settings, loaded))
    }

    /// Resolves the flags alone (no config file, no presets) into settings.
    pub fn settings_from_flags(&self) -> Result<Settings, UsageError> {
        let mut s = Settings::default();
        s.inputs.recursive = self.recursive;
        s.inputs.out_dir = self.out.clone();
        s.inputs.shard = self.shard;
        s.regions.boxes = self.boxes.clone();
        s.regions.keep = self.keep.clone();
        if let Some(pad) = self.pad {
            s.regions.pad = pad;
        }
        s.regions.sidecars = !self.no_sidecars;
        if let Some(Markers(colors)) = &self.marker {
            s.regions.markers = colors.clone();
        }
        if self.color.is_some() && !matches!(self.style, None | Some(StyleArg::Fill)) {
            return Err(UsageError::new("--color only applies to --style fill"));
        }
        s.regions.style = match self.style {
            Some(StyleArg::Fill) => MaskStyle::Fill(self.color.unwrap_or_default()),
            Some(StyleArg::Blur) => MaskStyle::Blur,
            Some(StyleArg::Mosaic) => MaskStyle::Mosaic,
            None if self.color.is_some() => MaskStyle::Fill(self.color.unwrap_or_default()),
            None => MaskStyle::Mosaic,
        };
        s.fit.max_bytes = match self.max_size {
            Some(MaxSize::Bytes(b)) => Some(b),
            Some(MaxSize::Unlimited) => None,
            None => Some(DEFAULT_MAX_SIZE),
        };
        s.fit.format = match self.format {
            None | Some(FormatArg::Auto) => FormatChoice::Auto,
            Some(FormatArg::Jpeg) => FormatChoice::Jpeg,
            Some(FormatArg::Png) => FormatChoice::Png,
            Some(FormatArg::Keep) => FormatChoice::Keep,
        };
        if let Some(m) = self.min_scale {
            s.fit.min_scale = m;
        }
        s.total_bytes = self.total_size;
        if let Some(total) = self.total_size {
            // No single file can use more than the whole budget.
            s.fit.max_bytes = Some(s.fit.max_bytes.map_or(total, |m| m.min(total)));
        }
        if let Some(t) = &self.name {
            s.template = t.clone();
        }
        s.label = self.label.clone();
        s.jobs = self.jobs.map_or(0, usize::from);
        s.dry_run = self.dry_run;
        for (flag, file) in
            [("--report", self.report.as_deref()), ("--preview", self.preview.as_ref().and_then(|p| p.as_deref()))]
        {
            if let Some(file) = file {
                check_new_file(flag, file)?;
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(["shotmask", "--no-config"].into_iter().chain(args.iter().copied()))
    }

    #[test]
    fn negative_boxes_parse_as_typed() {
        let cli = parse(&["--box", "-30%,-12%,25%,8%", "--keep", "-10,-10,5,5", "a.png"]).unwrap();
        assert_eq!(cli.boxes.len(), 1);
        assert_eq!(cli.keep.len(), 1);
        assert_eq!(cli.paths, [PathBuf::from("a.png")]);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["--max-size", "not-a-size", "a"][..],
            &["--box", "1,2,3", "a"],
            &["--style", "swirl", "a"],
            &["--color", "#12", "a"],
            &["--name", "{nope}", "a"],
            &["--jobs", "0", "a"],
            &["--min-scale", "2", "a"],
            &["-q", "-v", "a"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn settings_resolve_defaults_and_flags() {
        let s = parse(&["a"]).unwrap().settings().unwrap();
        assert_eq!(s.fit.max_bytes, Some(DEFAULT_MAX_SIZE));
        assert_eq!(s.regions.style, MaskStyle::Mosaic);
        assert_eq!(s.regions.markers, vec![Rgb([255, 0, 255])]);
        let s = parse(&["--marker", "off", "a"]).unwrap().settings().unwrap();
        assert!(s.regions.markers.is_empty());
        let s = parse(&["--marker", "#FF0000,yellow", "a"]).unwrap().settings().unwrap();
        assert_eq!(s.regions.markers, vec![Rgb([255, 0, 0]), Rgb([0xFF, 0xCC, 0x00])]);
        assert!(parse(&["--marker", "black", "a"]).is_err());
        let s = parse(&["--max-size", "none", "--color", "auto", "a"]).unwrap().settings().unwrap();
        assert_eq!(s.fit.max_bytes, None);
        assert_eq!(s.regions.style, MaskStyle::Fill(FillColor::Auto));
        let s = parse(&["--max-size", "1.5MB", "--style", "blur", "-j", "2", "a"]).unwrap().settings().unwrap();
        assert_eq!(s.fit.max_bytes, Some(1_500_000));
        assert_eq!(s.jobs, 2);
        assert!(parse(&["--style", "blur", "--color", "red", "a"]).unwrap().settings().is_err());
        assert!(parse(&["--report", "/no/such/dir/r.json", "a"]).unwrap().settings().is_err());
    }

    #[test]
    fn completions_shorthand_never_takes_a_users_path() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let mut a = args(&["shotmask", "completions", "bash"]);
        completions_shorthand(&mut a, |_| false).unwrap();
        assert_eq!(a, args(&["shotmask", "--completions", "bash"]));
        let cli = Cli::try_parse_from(&a).unwrap();
        assert_eq!(cli.completions, Some(clap_complete::Shell::Bash));
        assert!(cli.paths.is_empty());
        // A folder named `completions` exists: refuse rather than guess.
        let mut a = args(&["shotmask", "completions", "bash"]);
        assert!(completions_shorthand(&mut a, |p| p == Path::new("completions")).is_err());
        // Anywhere but first, and spelled as a path, it is a path.
        for v in [&["shotmask", "a.png", "completions"][..], &["shotmask", "./completions"]] {
            let mut a = args(v);
            completions_shorthand(&mut a, |_| false).unwrap();
            assert_eq!(a, args(v));
        }
        // --completions cannot be mixed with work to do.
        assert!(parse(&["--completions", "bash", "a.png"]).is_err());
    }

    #[test]
    fn preview_takes_a_file_only_with_equals() {
        let cli = parse(&["--preview", "shots"]).unwrap();
        assert_eq!(cli.preview, Some(None));
        assert_eq!(cli.paths, [PathBuf::from("shots")]);
        let cli = parse(&["--preview=p.html", "shots"]).unwrap();
        assert_eq!(cli.preview, Some(Some(PathBuf::from("p.html"))));
    }

    #[test]
    fn shard_and_files_from_resolve() {
        let cli = parse(&["--shard", "2/3", "--files-from", "-"]).unwrap();
        assert!(!cli.is_empty());
        assert_eq!(cli.settings().unwrap().inputs.shard, Some(Shard { index: 2, count: 3 }));
        assert_eq!(parse(&["--shard", "3/3", "a"]).unwrap_err().exit_code(), 2);
    }
}

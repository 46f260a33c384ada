//! The command line as typed: [`Flags`], defined with clap's derive and
//! built at run time with every help text from the catalogue, in the run's
//! language ([`command`]). Values go through the same parsers as the config
//! file's ([`crate::spec`] and [`super::options`]).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser};

use super::options::{Label, Layer, Markers, Pixels};
use crate::fit::FormatChoice;
use crate::geometry::FillColor;
use crate::name::NameTemplate;
use crate::shard::Shard;
use crate::spec::{BoxSpec, ByteSize, Flag, MaxSize, MinScale, StyleName, ValueError};
use crate::text::Lang;

impl FromStr for FormatChoice {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(FormatChoice::Auto),
            "jpeg" | "jpg" => Ok(FormatChoice::Jpeg),
            "png" => Ok(FormatChoice::Png),
            "keep" => Ok(FormatChoice::Keep),
            _ => Err(ValueError::NotAFormat(s.trim().to_string())),
        }
    }
}

/// Command-line flags, exactly as given. Help texts come from the
/// catalogue ([`command`]); the comments here are for the code's readers.
#[derive(Debug, Clone, Default, Parser)]
#[command(name = "shotmask", version = crate::VERSION, max_term_width = 100)]
pub struct Flags {
    /// Image files and folders, in any mix.
    #[arg(value_name = "PATH", help_heading = "inputs")]
    pub paths: Vec<PathBuf>,

    /// `-o`: where results go.
    #[arg(short, long, value_name = "DIR", help_heading = "output")]
    pub out: Option<PathBuf>,

    /// `-r`: descend into subfolders.
    #[arg(short, long, help_heading = "output")]
    pub recursive: bool,

    /// `--box`, repeatable.
    #[arg(long = "box", value_name = "X,Y,W,H", allow_hyphen_values = true, action = ArgAction::Append, help_heading = "regions")]
    pub boxes: Vec<BoxSpec>,

    /// `--keep`, repeatable.
    #[arg(long, value_name = "X,Y,W,H", allow_hyphen_values = true, action = ArgAction::Append, help_heading = "regions")]
    pub keep: Vec<BoxSpec>,

    /// `--pad`.
    #[arg(long, value_name = "PX", help_heading = "regions")]
    pub pad: Option<Pixels>,

    /// `--marker`.
    #[arg(long, value_name = "COLOR[,COLOR...]", help_heading = "regions")]
    pub marker: Option<Markers>,

    /// `--no-sidecars`.
    #[arg(long, help_heading = "regions")]
    pub no_sidecars: bool,

    /// `--preset`, repeatable.
    #[arg(long, value_name = "NAME", action = ArgAction::Append, help_heading = "regions")]
    pub preset: Vec<String>,

    /// `--style`.
    #[arg(long, value_name = "STYLE", hide_possible_values = true, help_heading = "masking")]
    pub style: Option<StyleName>,

    /// `--color`.
    #[arg(long, value_name = "COLOR", help_heading = "masking")]
    pub color: Option<FillColor>,

    /// `--strict`.
    #[arg(long, help_heading = "masking")]
    pub strict: bool,

    /// `--max-size`.
    #[arg(long, value_name = "SIZE", help_heading = "size")]
    pub max_size: Option<MaxSize>,

    /// `--total-size`.
    #[arg(long, value_name = "SIZE", help_heading = "size")]
    pub total_size: Option<ByteSize>,

    /// `--format`.
    #[arg(long, value_name = "FORMAT", help_heading = "size")]
    pub format: Option<FormatChoice>,

    /// `--min-scale`.
    #[arg(long, value_name = "FRACTION", help_heading = "size")]
    pub min_scale: Option<MinScale>,

    /// `--name`.
    #[arg(long, value_name = "TEMPLATE", help_heading = "naming")]
    pub name: Option<NameTemplate>,

    /// `--label`.
    #[arg(long, value_name = "TEXT", help_heading = "naming")]
    pub label: Option<String>,

    /// `-j`.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), help_heading = "run")]
    pub jobs: Option<u16>,

    /// `--dry-run`.
    #[arg(long, help_heading = "run")]
    pub dry_run: bool,

    /// `--report`.
    #[arg(long, value_name = "FILE", help_heading = "run")]
    pub report: Option<PathBuf>,

    /// `-q`.
    #[arg(short, long, conflicts_with = "verbose", help_heading = "run")]
    pub quiet: bool,

    /// `-v`.
    #[arg(short, long, help_heading = "run")]
    pub verbose: bool,

    /// `--no-pause`.
    #[arg(long, help_heading = "run")]
    pub no_pause: bool,

    /// `--preview[=FILE]`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, help_heading = "run")]
    pub preview: Option<Option<PathBuf>>,

    /// `--lang`.
    #[arg(long, value_name = "LANG", help_heading = "run")]
    pub lang: Option<Lang>,

    /// `--config`.
    #[arg(long, value_name = "FILE", help_heading = "config")]
    pub config: Option<PathBuf>,

    /// `--no-config`.
    #[arg(long, conflicts_with = "config", help_heading = "config")]
    pub no_config: bool,

    /// `--print-config`.
    #[arg(long, help_heading = "config")]
    pub print_config: bool,

    /// `--init-config[=PATH]`.
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = crate::own_files::CONFIG_FILE, help_heading = "config")]
    pub init_config: Option<PathBuf>,

    /// `--files-from`.
    #[arg(long, value_name = "FILE|-", help_heading = "scale")]
    pub files_from: Option<PathBuf>,

    /// `--shard`.
    #[arg(long, value_name = "K/N", help_heading = "scale")]
    pub shard: Option<Shard>,

    /// `--completions`.
    #[arg(
        long,
        value_enum,
        value_name = "SHELL",
        exclusive = true,
        hide_possible_values = true,
        help_heading = "shell"
    )]
    pub completions: Option<clap_complete::Shell>,

    /// `--man`.
    #[arg(long, exclusive = true, help_heading = "shell")]
    pub man: bool,
}

impl Flags {
    /// The shared options as the flags set them.
    pub fn layer(&self) -> Layer {
        Layer {
            style: self.style,
            color: self.color,
            pad: self.pad,
            marker: self.marker.clone(),
            max_size: self.max_size,
            total_size: self.total_size,
            format: self.format,
            min_scale: self.min_scale,
            name: self.name.clone(),
            label: self.label.clone().map(Label),
            strict: self.strict.then_some(Flag(true)),
            lang: self.lang,
        }
    }

    /// Whether nothing at all was given (then a short help is printed).
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.files_from.is_none()
    }
}

/// The clap command with every text in the language in use: each
/// argument's help and heading, the about line, the examples after the
/// options, and clap's own `-h`/`-V` lines.
pub fn command() -> clap::Command {
    let cmd = Flags::command()
        .about(crate::text::help::about())
        .override_usage(crate::tr!("help-usage-line"))
        .after_help(crate::text::help::after_help())
        .after_long_help(crate::text::help::after_help())
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(crate::text::help::flag("help"))
                .help_heading(crate::text::help::heading("run")),
        )
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(crate::text::help::flag("version"))
                .help_heading(crate::text::help::heading("run")),
        )
        .help_template(crate::text::help::template());
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    ids.into_iter().fold(cmd, |cmd, id| {
        cmd.mut_arg(&id, |a| {
            let heading = a.get_help_heading().map(crate::text::help::heading);
            let help = crate::text::help::flag(a.get_id().as_str());
            let a = a.help(help);
            match heading {
                Some(h) => a.help_heading(h),
                None => a,
            }
        })
    })
}

/// What parsing the command line ends in.
#[derive(Debug)]
pub enum Parsed {
    /// Flags to act on.
    Flags(Box<Flags>),
    /// `--help` or `--version`: the text to print on stdout, exit 0.
    Print(String),
    /// Bad usage (exit 2).
    Error(crate::error::UsageError),
}

/// Parses `args` (the first is the program name).
pub fn parse(args: Vec<OsString>) -> Parsed {
    let mut args = args;
    if completions_shorthand(&mut args, Path::exists).is_err() {
        return Parsed::Error(crate::error::UsageError::CompletionsAmbiguous);
    }
    let mut cmd = command();
    match cmd.try_get_matches_from_mut(args) {
        Ok(matches) => match Flags::from_arg_matches(&matches) {
            Ok(flags) => Parsed::Flags(Box::new(flags)),
            Err(e) => Parsed::Error(usage_error(&e)),
        },
        Err(e) => match e.kind() {
            clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                Parsed::Print(e.render().to_string())
            }
            _ => Parsed::Error(usage_error(&e)),
        },
    }
}

/// A clap error as ours: a value our parser refused keeps its typed error
/// (worded in the run's language); anything else (an unknown flag, a
/// missing value) is worded by [`crate::text`] from what clap says.
fn usage_error(e: &clap::Error) -> crate::error::UsageError {
    use clap::error::{ContextKind, ContextValue};
    let flag = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => s.split_whitespace().next().unwrap_or(s).to_string(),
        _ => String::new(),
    };
    if let Some(error) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<ValueError>()) {
        return crate::error::UsageError::Value { flag, error: error.clone() };
    }
    crate::error::UsageError::CommandLine(crate::text::help::clap_error(e))
}

/// `shotmask completions SHELL` is shorthand for `--completions SHELL`, but
/// only as the very first argument and only when nothing named `completions`
/// exists here: a file or folder of that name is then never mistaken for the
/// command (it is an error saying how to write either). `./completions`
/// always means the path.
fn completions_shorthand(args: &mut [OsString], exists: impl Fn(&Path) -> bool) -> Result<(), ()> {
    if args.get(1).is_none_or(|a| a != "completions") {
        return Ok(());
    }
    if exists(Path::new("completions")) {
        return Err(());
    }
    args[1] = "--completions".into();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_flags(args: &[&str]) -> Result<Flags, String> {
        let all: Vec<OsString> = ["shotmask", "--no-config"].iter().chain(args.iter()).map(OsString::from).collect();
        match parse(all) {
            Parsed::Flags(f) => Ok(*f),
            Parsed::Print(p) => Err(p),
            Parsed::Error(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn negative_boxes_parse_as_typed() {
        let flags = parse_flags(&["--box", "-30%,-12%,25%,8%", "--keep", "-10,-10,5,5", "a.png"]).unwrap();
        assert_eq!(flags.boxes.len(), 1);
        assert_eq!(flags.keep.len(), 1);
        assert_eq!(flags.paths, [PathBuf::from("a.png")]);
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
            &["--lang", "fr", "a"],
        ] {
            assert!(parse_flags(args).is_err(), "{args:?}");
        }
        let err = crate::text::in_language(Lang::En, || parse_flags(&["--box", "1,2,3", "a"]).unwrap_err());
        assert!(err.contains("--box") && err.contains("`1,2,3` is not a box"), "{err}");
    }

    #[test]
    fn completions_shorthand_never_takes_a_users_path() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let mut a = args(&["shotmask", "completions", "bash"]);
        completions_shorthand(&mut a, |_| false).unwrap();
        assert_eq!(a, args(&["shotmask", "--completions", "bash"]));
        let Parsed::Flags(flags) = parse(a) else { panic!() };
        assert_eq!(flags.completions, Some(clap_complete::Shell::Bash));
        assert!(flags.paths.is_empty());
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
        assert!(parse_flags(&["--completions", "bash", "a.png"]).is_err());
    }

    #[test]
    fn preview_takes_a_file_only_with_equals() {
        let flags = parse_flags(&["--preview", "shots"]).unwrap();
        assert_eq!(flags.preview, Some(None));
        assert_eq!(flags.paths, [PathBuf::from("shots")]);
        let flags = parse_flags(&["--preview=p.html", "shots"]).unwrap();
        assert_eq!(flags.preview, Some(Some(PathBuf::from("p.html"))));
    }

    #[test]
    fn shard_files_from_and_lang_parse() {
        let flags = parse_flags(&["--shard", "2/3", "--files-from", "-", "--lang", "ko_KR.UTF-8"]).unwrap();
        assert!(!flags.is_empty());
        assert_eq!(flags.shard, Some(Shard { index: 2, count: 3 }));
        assert_eq!(flags.lang, Some(Lang::Ko));
        assert!(parse_flags(&["--shard", "3/3", "a"]).is_err());
    }

    #[test]
    fn help_and_version_are_printed_not_errors() {
        assert!(matches!(parse(vec!["shotmask".into(), "--help".into()]), Parsed::Print(_)));
        assert!(matches!(parse(vec!["shotmask".into(), "-V".into()]), Parsed::Print(_)));
    }
}

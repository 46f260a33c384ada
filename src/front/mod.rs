//! The front end: from the command line and the config file to one
//! [`Settings`] and a [`Mode`] that tells `main` what to do.
//!
//! - [`flags`]: the clap definition ([`flags::Flags`]), built at run time
//!   with every help text in the run's language;
//! - [`config`]: finding, reading and checking `shotmask.toml`, and its
//!   rules;
//! - [`options`]: the options both can set, listed once;
//! - [`resolve`]: flags, file and defaults merged into [`Settings`], with
//!   where each value came from (so `--print-config` is a loop).
//!
//! Value types and their parsers live in [`crate::spec`] (or beside their
//! type), shared by flags, config file and sidecars.
//!
//! # Adding an option
//!
//! 1. A field in [`flags::Flags`] (a flag-only option stops here, plus its
//!    use in `resolve::settings`); its help text is `help-FLAG-ID` in both
//!    catalogues (`i18n/*/shotmask.ftl`).
//! 2. If the config file can set it too: a line in the `shared_options!`
//!    table of [`options`] (key, type, flag) and its value in
//!    `Flags::layer`; its default in `resolve::defaults`; a commented line
//!    in both starter files.
//! 3. Its use in `resolve::settings`, into [`Settings`].
//!
//! `--print-config`, the config schema and the origin of the value follow
//! from the table.

pub mod config;
pub mod flags;
pub mod options;
pub mod resolve;

use std::ffi::OsString;
use std::path::PathBuf;

use crate::error::UsageError;
use crate::settings::Settings;
use crate::text::Lang;
pub use resolve::{Origin, Resolved};

/// What a run of the program does.
#[derive(Debug)]
pub enum Mode {
    /// No arguments: the short help (also what a double-click shows).
    ShortHelp,
    /// `--help` or `--version`: print this on stdout.
    Print(String),
    /// `--completions SHELL`.
    Completions(clap_complete::Shell),
    /// `--man`.
    Man,
    /// `--init-config [PATH]`.
    InitConfig(PathBuf),
    /// `--preset list`.
    PresetList,
    /// `--print-config`.
    PrintConfig(Box<Resolved>),
    /// Process images.
    Run(Box<Run>),
}

/// Everything a batch run needs from the front end.
#[derive(Debug)]
pub struct Run {
    /// The settings the workers share.
    pub settings: Settings,
    /// The PATH arguments, then the paths of `--files-from`.
    pub paths: Vec<PathBuf>,
    /// What the console shows and writes besides the images.
    pub console: ConsoleOptions,
}

/// What the console does besides running the batch.
#[derive(Debug, Clone, Default)]
pub struct ConsoleOptions {
    /// `--report FILE`.
    pub report: Option<PathBuf>,
    /// `--preview[=FILE]`: `Some(None)` for the default name.
    pub preview: Option<Option<PathBuf>>,
    /// `-q` / `-v`.
    pub verbosity: Verbosity,
    /// `--no-pause`.
    pub no_pause: bool,
}

/// How much the console says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// Only errors.
    Quiet,
    /// Progress, warnings, summary.
    #[default]
    Normal,
    /// Also a line per file.
    Verbose,
}

/// The front end's answer: a mode, with `--no-pause` known even when
/// parsing failed part-way (the window a drop opened must still wait).
#[derive(Debug)]
pub struct Invocation {
    /// What to do, or why nothing can be done.
    pub mode: Result<Mode, UsageError>,
    /// `--no-pause` was given.
    pub no_pause: bool,
}

/// Reads the command line (`args`, the program name first) and the config
/// file, sets the language, and decides what to do.
pub fn invocation(args: Vec<OsString>) -> Invocation {
    let no_pause = args.iter().any(|a| a == "--no-pause");
    crate::text::set_language(early_language(&args));
    let flags = match flags::parse(args) {
        flags::Parsed::Flags(f) => f,
        flags::Parsed::Print(text) => return Invocation { mode: Ok(Mode::Print(text)), no_pause },
        flags::Parsed::Error(e) => return Invocation { mode: Err(e), no_pause },
    };
    Invocation { mode: mode(&flags), no_pause }
}

/// The language before the command line is parsed, for `--help` and usage
/// errors: `--lang`, else the `lang` of a config file found without the
/// inputs' folders, else the locale.
fn early_language(args: &[OsString]) -> Lang {
    let value_of = |flag: &str| {
        let eq = format!("{flag}=");
        args.iter().enumerate().find_map(|(i, a)| {
            let a = a.to_str()?;
            if a == flag {
                args.get(i + 1).and_then(|v| v.to_str()).map(str::to_string)
            } else {
                a.strip_prefix(&eq).map(str::to_string)
            }
        })
    };
    if let Some(lang) = value_of("--lang").and_then(|v| v.parse().ok()) {
        return lang;
    }
    if !args.iter().any(|a| a == "--no-config")
        && let Some(lang) = config::early_lang(value_of("--config").as_deref().map(std::path::Path::new))
    {
        return lang;
    }
    Lang::from_environment()
}

/// The settings a command line (`args`, the program name first) resolves
/// to, config file included: what the tests and benches use to drive the
/// library exactly as the command line does.
pub fn settings(args: Vec<OsString>) -> Result<Settings, UsageError> {
    match flags::parse(args) {
        flags::Parsed::Flags(f) => resolve::resolve(&f).map(|r| r.settings),
        flags::Parsed::Print(text) => Err(UsageError::CommandLine(text)),
        flags::Parsed::Error(e) => Err(e),
    }
}

fn mode(flags: &flags::Flags) -> Result<Mode, UsageError> {
    if let Some(shell) = flags.completions {
        return Ok(Mode::Completions(shell));
    }
    if flags.man {
        return Ok(Mode::Man);
    }
    if let Some(path) = &flags.init_config {
        return Ok(Mode::InitConfig(path.clone()));
    }
    if flags.preset.iter().any(|p| p.trim().eq_ignore_ascii_case("list")) {
        return Ok(Mode::PresetList);
    }
    if flags.print_config {
        let resolved = resolve::resolve(flags)?;
        crate::text::set_language(resolved.settings.lang);
        return Ok(Mode::PrintConfig(Box::new(resolved)));
    }
    if flags.is_empty() {
        return Ok(Mode::ShortHelp);
    }
    let mut resolved = resolve::resolve(flags)?;
    crate::text::set_language(resolved.settings.lang);
    resolved.settings.fallback_label = crate::tr!("label-fallback");
    let mut paths = flags.paths.clone();
    if let Some(list) = &flags.files_from {
        paths.extend(crate::inputs::read_list(list)?);
    }
    let verbosity = if flags.quiet {
        Verbosity::Quiet
    } else if flags.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let console = ConsoleOptions {
        report: flags.report.clone(),
        preview: flags.preview.clone(),
        verbosity,
        no_pause: flags.no_pause,
    };
    Ok(Mode::Run(Box::new(Run { settings: resolved.settings, paths, console })))
}

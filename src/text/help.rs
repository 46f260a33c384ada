//! The help texts: `--help` built at run time from the catalogue, and
//! clap's own errors worded from what clap reports.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::tr;

/// The one-line description at the top of `--help`.
pub fn about() -> String {
    tr!("help-about")
}

/// The examples and notes after the options.
pub fn after_help() -> String {
    tr!("help-after")
}

/// The layout of `--help`: clap's own, with the words around it translated.
pub fn template() -> String {
    format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", tr!("help-usage"))
}

/// The heading of a group of options, from its key in [`crate::front::flags`].
pub fn heading(key: &str) -> String {
    match key {
        "inputs" => tr!("help-heading-inputs"),
        "output" => tr!("help-heading-output"),
        "regions" => tr!("help-heading-regions"),
        "masking" => tr!("help-heading-masking"),
        "size" => tr!("help-heading-size"),
        "naming" => tr!("help-heading-naming"),
        "config" => tr!("help-heading-config"),
        "scale" => tr!("help-heading-scale"),
        "shell" => tr!("help-heading-shell"),
        "run" => tr!("help-heading-run"),
        // Already translated (a second pass over the same command).
        other => other.to_string(),
    }
}

/// The help of one argument, by its clap id.
pub fn flag(id: &str) -> String {
    match id {
        "paths" => tr!("help-paths"),
        "help" => tr!("help-help"),
        "version" => tr!("help-version"),
        "out" => tr!("help-out"),
        "recursive" => tr!("help-recursive"),
        "boxes" => tr!("help-box"),
        "keep" => tr!("help-keep"),
        "pad" => tr!("help-pad"),
        "marker" => tr!("help-marker"),
        "no_sidecars" => tr!("help-no-sidecars"),
        "preset" => tr!("help-preset"),
        "style" => tr!("help-style"),
        "color" => tr!("help-color"),
        "strict" => tr!("help-strict"),
        "max_size" => tr!("help-max-size"),
        "total_size" => tr!("help-total-size"),
        "format" => tr!("help-format"),
        "min_scale" => tr!("help-min-scale"),
        "name" => tr!("help-name"),
        "label" => tr!("help-label"),
        "jobs" => tr!("help-jobs"),
        "dry_run" => tr!("help-dry-run"),
        "report" => tr!("help-report"),
        "quiet" => tr!("help-quiet"),
        "verbose" => tr!("help-verbose"),
        "lang" => tr!("help-lang"),
        "no_pause" => tr!("help-no-pause"),
        "preview" => tr!("help-preview"),
        "config" => tr!("help-config"),
        "no_config" => tr!("help-no-config"),
        "print_config" => tr!("help-print-config"),
        "init_config" => tr!("help-init-config"),
        "files_from" => tr!("help-files-from"),
        "shard" => tr!("help-shard"),
        "completions" => tr!("help-completions"),
        "man" => tr!("help-man"),
        _ => String::new(),
    }
}

/// A clap error other than a refused value, in the language in use: its
/// first line translated, then clap's usage line and a pointer to `--help`.
pub fn clap_error(e: &clap::Error) -> String {
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let first = match e.kind() {
        ErrorKind::UnknownArgument => tr!("clap-unknown-argument", arg = arg),
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue).is_empty() => {
            tr!("clap-missing-value", arg = arg)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            tr!("clap-invalid-value", value = context(ContextKind::InvalidValue), arg = arg)
        }
        ErrorKind::ArgumentConflict if context(ContextKind::PriorArg) == arg => tr!("clap-repeated", arg = arg),
        ErrorKind::ArgumentConflict => tr!("clap-conflict", arg = arg, other = context(ContextKind::PriorArg)),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            tr!("clap-too-many", value = context(ContextKind::InvalidValue), arg = arg)
        }
        ErrorKind::NoEquals => tr!("clap-no-equals", arg = arg),
        _ => {
            // Anything rarer: clap's own first line.
            let rendered = e.render().to_string();
            rendered.lines().next().unwrap_or("").trim_start_matches("error: ").to_string()
        }
    };
    let usage = e
        .render()
        .to_string()
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .map(|l| format!("\n\n{} {}", tr!("help-usage"), l.trim_start_matches("Usage:").trim()))
        .unwrap_or_default();
    format!("{first}{usage}\n\n{}", tr!("usage-more"))
}

//! Settings: every option resolved once, before any file is touched. The
//! workers share one immutable `Settings`; tests and benches build it
//! directly (`Settings { dry_run: true, ..Settings::default() }`).

use crate::fit::FitOptions;
use crate::inputs::InputOptions;
use crate::load::LoadLimits;
use crate::name::NameTemplate;
use crate::regions::RegionOptions;
use crate::spec::Rgb;
use crate::text::Lang;

/// The per-file limit when none is given: small enough for any mail or
/// support form that takes attachments, large enough that a phone
/// screenshot stays lossless or near it.
pub const DEFAULT_MAX_SIZE: u64 = 1_000_000;

/// Default `--pad`: covers the anti-aliased fringe around what was boxed.
pub const DEFAULT_PAD: u32 = 2;

/// Default `--marker`: magenta, a colour screenshots rarely contain.
pub const DEFAULT_MARKER: Rgb = Rgb([0xFF, 0x00, 0xFF]);

/// Everything a run needs to know.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Which files, and where outputs go.
    pub inputs: InputOptions,
    /// Where to mask.
    pub regions: RegionOptions,
    /// How to encode (per-file limit, format, scale floor).
    pub fit: FitOptions,
    /// `--total-size`: all outputs together at most this many bytes.
    pub total_bytes: Option<u64>,
    /// Output name template.
    pub template: NameTemplate,
    /// `--label`.
    pub label: Option<String>,
    /// The label when neither `--label`, the folder nor the app gives one,
    /// in the run's language.
    pub fallback_label: String,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Decide everything, write nothing.
    pub dry_run: bool,
    /// Bounds on each input.
    pub limits: LoadLimits,
    /// `--strict`: a warning that something may still be visible fails its file.
    pub strict: bool,
    /// The language of every message (and of the report's messages).
    pub lang: Lang,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            inputs: InputOptions::default(),
            regions: RegionOptions {
                sidecars: true,
                pad: DEFAULT_PAD,
                markers: vec![DEFAULT_MARKER],
                ..RegionOptions::default()
            },
            fit: FitOptions { max_bytes: Some(DEFAULT_MAX_SIZE), ..FitOptions::default() },
            total_bytes: None,
            template: NameTemplate::default(),
            label: None,
            fallback_label: crate::name::FALLBACK_LABEL.to_string(),
            jobs: 0,
            dry_run: false,
            limits: LoadLimits::default(),
            strict: false,
            lang: Lang::En,
        }
    }
}

//! Batch: the whole run. Inputs are expanded and named first (names depend on
//! the capture order of the whole batch), then every image goes through
//! load → regions → mask → fit → verify → write on the worker threads, one
//! image per worker at a time, so memory stays bounded. A failing file
//! becomes one report entry; the rest go on.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::budget::{self, Need};
use crate::error::{FileError, UsageError};
use crate::fit::{self, FitOptions, OutputFormat, SourceHint};
use crate::inputs::{self, Entry, Input};
use crate::load;
use crate::mask;
use crate::name::{self, CaptureMeta, NameInput};
use crate::probe;
use crate::regions;
use crate::report::{FileReport, MetaReport, Problem, RegionReport, Report, Status, Totals};
use crate::settings::Settings;
use crate::verify;
use crate::warning::Warning;
use crate::write::{self, OutputFolders, Placed};

/// Hears about progress; the console draws it, tests ignore it.
pub trait Observer: Sync {
    /// The number of images about to be processed.
    fn planned(&self, _images: usize) {}
    /// An image is being processed.
    fn started(&self, _input: &Path) {}
    /// An input is done (written, failed or skipped).
    fn finished(&self, _report: &FileReport) {}
    /// Whether to stop handing out files (Ctrl-C): files in flight finish,
    /// the rest are reported as not processed.
    fn should_stop(&self) -> bool {
        false
    }
}

/// An observer that ignores everything.
pub struct Quiet;
impl Observer for Quiet {}

/// One image with its plan.
#[derive(Debug)]
struct Job {
    /// Position in the report (the order inputs were given or found).
    slot: usize,
    input: Input,
    meta: CaptureMeta,
    stem: String,
    /// Likely cost ([`probe::Probe::work`]): the largest images start
    /// first, so no worker is left with a big one at the end.
    work: u64,
}

/// An image encoded and verified, or its failure already as a report entry.
type Outcome = Result<Encoded, Box<FileReport>>;

/// An image encoded and verified, not yet written.
struct Encoded {
    fitted_bytes: Vec<u8>,
    format: OutputFormat,
    quality: Option<u8>,
    colors: Option<u16>,
    scale: f64,
    encodes: u32,
    /// Predicted JPEG sizes, when the budget pass asked for them.
    curve: Vec<(u8, u64)>,
    report: FileReport,
}

/// Runs the batch over `paths` and reports on every input. An output
/// location that cannot be used is an error before any image is read.
pub fn run(settings: &Settings, paths: &[PathBuf], observer: &dyn Observer) -> Result<Report, UsageError> {
    let start = Instant::now();
    inputs::check_out_dir(paths, &settings.inputs)?;
    let found = inputs::expand(paths, &settings.inputs);
    let mut files: Vec<Option<FileReport>> = vec![None; found.len()];
    let mut images = Vec::new();
    for (slot, f) in found.into_iter().enumerate() {
        match f {
            Entry::Image(input) => images.push((slot, input)),
            Entry::Skipped { path, reason } => {
                files[slot] = Some(FileReport::skipped(display(&path), Problem::Skipped(reason)));
            }
            Entry::Error { path, error } => files[slot] = Some(FileReport::failed(display(&path), error)),
        }
    }
    let mut dirs: Vec<PathBuf> = images.iter().map(|(_, i)| i.out_dir.clone()).collect();
    dirs.sort();
    dirs.dedup();
    write::prepare_folders(&dirs, settings.dry_run)?;
    for r in files.iter().flatten() {
        observer.finished(r);
    }

    let folders = OutputFolders::new();
    let jobs = plan(settings, images, &folders);
    observer.planned(jobs.len());
    if !settings.dry_run {
        for d in &dirs {
            write::remove_stale_temps(d);
        }
    }

    let pool = rayon::ThreadPoolBuilder::new().num_threads(settings.jobs).build();
    let process = || match settings.total_bytes {
        None => largest_first(&jobs)
            .map(|(_, job)| {
                let report = if observer.should_stop() {
                    not_started(job)
                } else {
                    finish(settings, job, encode_isolated(settings, job, observer, settings.fit.max_bytes), &folders)
                };
                observer.finished(&report);
                (job.slot, report)
            })
            .collect::<Vec<_>>(),
        Some(total) => fit_total(settings, &jobs, total, observer, &folders),
    };
    let results = match &pool {
        Ok(pool) => pool.install(process),
        Err(_) => process(),
    };
    for (slot, report) in results {
        files[slot] = Some(report);
    }
    let files: Vec<FileReport> = files.into_iter().flatten().collect();
    let mut totals = Totals::of(&files, start.elapsed().as_secs_f64());
    totals.earlier = folders.earlier_beside();
    let interrupted = observer.should_stop();
    Ok(Report { version: 2, dry_run: settings.dry_run, interrupted, strict: settings.strict, files, totals })
}

/// The entry of an image left alone because the run was stopped.
fn not_started(job: &Job) -> FileReport {
    let mut r = FileReport::skipped(display(&job.input.path), Problem::NotStarted);
    r.meta = Some(MetaReport::from(&job.meta));
    r
}

/// Reads what naming needs, orders images by capture time and reserves each
/// a free output name, in that order (so names are the same on every run
/// over the same files).
fn plan(settings: &Settings, images: Vec<(usize, Input)>, folders: &OutputFolders) -> Vec<Job> {
    let home = dirs::home_dir().and_then(|h| std::fs::canonicalize(h).ok());
    let mut named: Vec<(usize, Input, u64, NameInput)> = images
        .into_par_iter()
        .map(|(slot, input)| {
            let probe = probe::probe(&input.path);
            let stem = input.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let meta = name::capture_meta(&stem, probe.exif_time, probe.modified);
            // A file given by a bare name sits in the current folder, as
            // when `.` is given.
            let parent = input
                .path
                .parent()
                .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
                .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
            let folder = parent
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // The home folder is named after the user: never a label.
            let folder_is_generic = parent.is_some() && parent == home;
            let name_input = NameInput {
                stem,
                folder,
                folder_is_generic,
                fallback_label: settings.fallback_label.clone(),
                meta,
                size: probe.upright_size,
            };
            (slot, input, probe.work, name_input)
        })
        .collect();
    named.sort_by(|a, b| a.3.meta.sort_key().cmp(&b.3.meta.sort_key()).then_with(|| a.1.path.cmp(&b.1.path)));
    let count = named.len();
    named
        .into_iter()
        .enumerate()
        .map(|(i, (slot, input, work, ni))| {
            let desired = name::render_stem(&settings.template, settings.label.as_deref(), &ni, i + 1, count);
            let stem = folders.reserve(&input.out_dir, &desired);
            Job { slot, input, meta: ni.meta, stem, work }
        })
        .collect()
}

/// The jobs, largest first, handed to the workers one at a time in that
/// order (longest-first scheduling: the batch ends when its last image
/// does, so a big image must not be the last one started).
/// Each job comes with its position in `jobs`.
fn largest_first(jobs: &[Job]) -> impl ParallelIterator<Item = (usize, &Job)> {
    let mut order: Vec<(usize, &Job)> = jobs.iter().enumerate().collect();
    order.sort_by(|(i, a), (j, b)| b.work.cmp(&a.work).then(i.cmp(j)));
    order.into_iter().par_bridge()
}

/// `encode`, with a panic turned into this file's error.
fn encode_isolated(settings: &Settings, job: &Job, observer: &dyn Observer, limit: Option<u64>) -> Outcome {
    observer.started(&job.input.path);
    let input = display(&job.input.path);
    match catch_unwind(AssertUnwindSafe(|| encode(settings, job, limit))) {
        Ok(Ok(e)) => Ok(e),
        Ok(Err(e)) => Err(Box::new(failed(job, e))),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Box::new(FileReport::failed(input, FileError::Internal(msg))))
        }
    }
}

fn failed(job: &Job, e: FileError) -> FileReport {
    let mut r = FileReport::failed(display(&job.input.path), e);
    r.meta = Some(MetaReport::from(&job.meta));
    r
}

/// Load → regions → mask → fit → verify, for one image, under `limit` bytes.
fn encode(settings: &Settings, job: &Job, limit: Option<u64>) -> Result<Encoded, FileError> {
    let loaded = load::load(&job.input.path, &settings.limits)?;
    let (width, height) = loaded.image.dimensions();
    let found = regions::find(&loaded.image, &job.input.path, &settings.regions, loaded.block_grid.as_ref())?;
    let mut image = loaded.image;
    mask::apply(&mut image, &found.regions, &found.coverage);

    let mut warnings = found.warnings;
    // Marker ink still visible outside every region after masking: a mark
    // the detector did not take whole, or one too faint for it.
    if !settings.regions.markers.is_empty() {
        let left = regions::residual_ink(&image, &found.coverage, &settings.regions.markers, found.colour.as_ref());
        warnings.extend(left.into_iter().map(|rect| Warning::ResidualInk { rect }));
    }
    // With no region source at all, one line of the summary says so
    // instead of a warning on every file (unless --strict fails them).
    if found.regions.is_empty() && (settings.regions.has_any_source() || settings.strict) {
        warnings.push(Warning::NoRegion);
    }
    if loaded.missing_end {
        warnings.push(Warning::MissingEnd);
    }
    if loaded.trailing_bytes > 0 {
        warnings.push(Warning::TrailingBytes { bytes: loaded.trailing_bytes });
    }
    if settings.strict
        && let Some(w) = warnings.iter().find(|w| w.may_leave_something_visible())
    {
        return Err(FileError::Strict(w.clone()));
    }

    let hint = SourceHint { format: loaded.format, jpeg_quality: loaded.jpeg_quality };
    let opts = FitOptions { max_bytes: limit, ..settings.fit };
    let fitted = fit::fit(&image, &hint, &opts)?;
    drop(image);
    verify::verify(&fitted, &found.regions, &found.coverage)?;
    if fitted.scale < 1.0 {
        warnings.push(Warning::Scaled { scale: fitted.scale });
    }

    let mut report = FileReport::new(display(&job.input.path), Status::Ok);
    report.width = Some(width);
    report.height = Some(height);
    report.bytes_in = Some(loaded.bytes_in);
    report.meta = Some(MetaReport::from(&job.meta));
    report.regions = found.regions.iter().map(RegionReport::from).collect();
    report.verified = true;
    report.warnings = warnings;
    Ok(Encoded {
        format: fitted.format,
        quality: fitted.quality(),
        colors: fitted.colors,
        scale: fitted.scale,
        encodes: fitted.encodes,
        curve: fitted.curve,
        fitted_bytes: fitted.bytes,
        report,
    })
}

/// Writes (unless this is a dry run) and completes the report entry.
fn finish(settings: &Settings, job: &Job, encoded: Outcome, folders: &OutputFolders) -> FileReport {
    let e = match encoded {
        Ok(e) => e,
        Err(r) => return *r,
    };
    let mut report = e.report;
    report.format = Some(e.format.name());
    report.quality = e.quality;
    report.colors = e.colors;
    report.scale = Some(e.scale);
    report.encodes = e.encodes;
    report.bytes_out = Some(e.fitted_bytes.len() as u64);
    let ext = e.format.extension();
    let dir = &job.input.out_dir;
    if settings.dry_run {
        let (path, existing) = match folders.existing(dir, &e.fitted_bytes) {
            Some(path) => (path, true),
            None => (dir.join(format!("{}.{ext}", job.stem)), false),
        };
        report.output = Some(display(&path));
        report.existing = existing;
        return report;
    }
    match folders.place(dir, &job.stem, ext, &e.fitted_bytes) {
        Ok(placed) => {
            report.existing = matches!(placed, Placed::Existing(_));
            report.output = Some(display(placed.path()));
        }
        Err(err) => {
            let encodes = report.encodes;
            report = failed(job, err);
            report.encodes = encodes;
        }
    }
    report
}

/// `--total-size`: encode every file under the per-file limit; if the sum is
/// over the budget, share it out ([`budget::allocate`]: the highest common
/// JPEG quality that fits) and encode again the files whose share is below
/// their first result.
fn fit_total(
    settings: &Settings,
    jobs: &[Job],
    total: u64,
    observer: &dyn Observer,
    folders: &OutputFolders,
) -> Vec<(usize, FileReport)> {
    let first_pass = Settings { fit: FitOptions { want_curve: true, ..settings.fit }, ..settings.clone() };
    // `None`: not started, the run was stopped.
    let mut first: Vec<(usize, Option<Outcome>)> = largest_first(jobs)
        .map(|(i, job)| {
            let outcome = (!observer.should_stop())
                .then(|| encode_isolated(&first_pass, job, &Silent(observer), settings.fit.max_bytes));
            (i, outcome)
        })
        .collect();
    // Back in the order of `jobs`.
    first.sort_by_key(|(i, _)| *i);
    let first: Vec<Option<Outcome>> = first.into_iter().map(|(_, outcome)| outcome).collect();
    let needs: Vec<Need> = first
        .iter()
        .filter_map(|r| r.as_ref().and_then(|r| r.as_ref().ok()))
        .map(|e| Need { current: e.fitted_bytes.len() as u64, curve: e.curve.clone() })
        .collect();
    let mut shares = budget::allocate(&needs, total).into_iter();
    let mut planned: Vec<(&Job, Option<Outcome>, Option<u64>)> = jobs
        .iter()
        .zip(first)
        .map(|(job, enc)| {
            let share = enc.as_ref().and_then(|e| e.as_ref().ok()).and_then(|_| shares.next());
            (job, enc, share)
        })
        .collect();
    // Largest first again (see `largest_first`); the sort is stable.
    planned.sort_by_key(|p| std::cmp::Reverse(p.0.work));
    let results: Vec<(usize, FileReport)> = planned
        .into_iter()
        .par_bridge()
        .map(|(job, enc, share)| {
            let report = match (enc, share) {
                (None, _) => not_started(job),
                (Some(Ok(e)), Some(share)) if (e.fitted_bytes.len() as u64) > share => {
                    let first_encodes = e.encodes;
                    let mut report = if observer.should_stop() {
                        not_started(job)
                    } else {
                        let second = encode_isolated(settings, job, &Silent(observer), Some(share));
                        finish(settings, job, second, folders)
                    };
                    report.budget = Some(share);
                    report.encodes += first_encodes;
                    report
                }
                (Some(enc), share) => {
                    let mut report = finish(settings, job, enc, folders);
                    report.budget = share;
                    report
                }
            };
            (job.slot, report)
        })
        .collect();
    for (_, r) in &results {
        observer.finished(r);
    }
    results
}

/// Passes `started` through but holds `finished` back (the total-size pass
/// reports each file once, at the end).
struct Silent<'a>(&'a dyn Observer);
impl Observer for Silent<'_> {
    fn started(&self, input: &Path) {
        self.0.started(input);
    }

    fn should_stop(&self) -> bool {
        self.0.should_stop()
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

//! Preview (`--preview`): one self-contained HTML page that shows each
//! original beside its result, with every masked region outlined and labelled
//! with its source, so a person can see at a glance that nothing was missed.
//!
//! An HTML page rather than a contact-sheet image: the images stay at full
//! resolution and zoom like any web page, the labels are real text (no font
//! to bundle), it opens with a double click on every system, and the result
//! is embedded byte for byte, so what is checked is exactly what is sent.
//! Everything is inline (`data:` URIs, no script, a policy that forbids any
//! fetch), so the file can be moved or opened offline.
//!
//! By design the page shows the originals unmasked: it is for the user's own
//! eyes. It is named to say so, written beside the originals (never inside
//! an output folder) and says so at its top.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use image::ImageEncoder;
use rayon::prelude::*;

use crate::error::FileError;
use crate::load::{self, InputFormat, LoadLimits};
use crate::own_files::OUTPUT_FOLDER;
use crate::report::{FileReport, Report, Status};
use crate::text::bytes;
use crate::tr;
use crate::warning::Warning;
use crate::write;

pub use crate::own_files::PREVIEW_STEM;

/// Where the page goes when no file is named: the folder of the first PATH
/// argument (or the folder of that file), beside the originals. Never a
/// folder named `masked`.
pub fn default_dir(first_arg: Option<&Path>) -> PathBuf {
    let dir = match first_arg {
        Some(p) if p.is_dir() => p.to_path_buf(),
        Some(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => PathBuf::new(),
    };
    let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
    match std::fs::canonicalize(&dir) {
        Ok(c) if c.file_name().is_some_and(|n| n == OUTPUT_FOLDER) => c.parent().map_or(c.clone(), Path::to_path_buf),
        _ => dir,
    }
}

/// Writes the page for `report` as a new file: `dir/shotmask-preview-….html`
/// (a free name, never over an existing file), or exactly `file` when given
/// (an error if something is there already).
/// Originals are read again (upright, within `limits`); results are read
/// back from disk.
pub fn write_page(report: &Report, dir: &Path, file: Option<&Path>, limits: &LoadLimits) -> Result<PathBuf, FileError> {
    let fill = |f: &mut std::fs::File| render(report, limits, &mut BufWriter::new(f));
    match file {
        None => write::write_new_with(dir, PREVIEW_STEM, "html", fill),
        Some(path) => write::write_new_at(path, fill).map(|()| path.to_path_buf()),
    }
}

/// Writes the whole page to `out`, in the run's language. Files with
/// warnings come first (then failures, then the rest), each warning
/// outlined where it points.
pub fn render(report: &Report, limits: &LoadLimits, out: &mut impl Write) -> io::Result<()> {
    let t = &report.totals;
    let dry = if report.dry_run { tr!("preview-dry") } else { String::new() };
    let totals = tr!(
        "preview-totals",
        written = t.ok,
        dry = dry,
        failed = t.error,
        skipped = t.skipped,
        regions = t.regions,
        before = bytes(t.bytes_in),
        after = bytes(t.bytes_out)
    );
    write!(
        out,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style></head><body>\n\
         <header class=\"warning\">{}</header>\n<p class=\"totals\">{}</p>\n",
        crate::text::language().code(),
        escape(&tr!("preview-title")),
        tr!("preview-warning"),
        escape(&totals),
    )?;
    // Warnings first: they are what must be looked at before sending.
    let rank = |f: &FileReport| match f.status {
        Status::Ok if f.warnings.iter().any(Warning::may_leave_something_visible) => 0,
        Status::Error => 1,
        Status::Ok => 2,
        Status::Skipped => 3,
    };
    let mut order: Vec<&FileReport> = report.files.iter().collect();
    order.sort_by_key(|f| rank(f));
    // A few files at a time: bounded memory, all cores busy.
    let chunk = rayon::current_num_threads().max(1) * 2;
    for files in order.chunks(chunk) {
        let sections: Vec<String> = files.par_iter().map(|f| section(f, report.dry_run, limits)).collect();
        for s in sections {
            out.write_all(s.as_bytes())?;
        }
    }
    out.write_all(b"</body></html>\n")?;
    out.flush()
}

const STYLE: &str = "\
body{font:14px/1.4 system-ui,sans-serif;margin:0 1.5em 3em;background:#f4f4f5;color:#18181b}\
.warning{position:sticky;top:0;z-index:9;background:#b91c1c;color:#fff;padding:.7em 1em;margin:0 -1.5em 1em}\
section{background:#fff;border-radius:8px;padding:.8em 1em;margin:1em 0;box-shadow:0 1px 3px #0002}\
h2{font-size:15px;margin:0 0 .3em;word-break:break-all}.meta{color:#52525b;margin:0 0 .6em}\
.pair{display:flex;gap:1.5em;align-items:flex-start}figure{margin:0;flex:1 1 0;max-width:48%}\
figcaption{font-weight:600;margin-bottom:1.2em}.before figcaption{color:#b91c1c}.after figcaption{color:#15803d}\
.frame{position:relative;line-height:0;border:1px solid #d4d4d8}.frame img{width:100%;height:auto}\
.region{position:absolute;box-sizing:border-box;border:2px solid #f0f;outline:1px solid #fff}\
.region.polygon{border-style:dashed}\
.region span{position:absolute;left:-2px;bottom:100%;background:#f0f;color:#fff;font:600 11px/1.3 system-ui,sans-serif;\
padding:0 3px;white-space:nowrap}\
.region.warn{border:3px dashed #ea580c}.region.warn span{background:#ea580c}\
.warnings{background:#fff7ed;border-left:4px solid #ea580c;padding:.4em .8em;margin:0 0 .6em}.warnings li{margin:.2em 0}\
.error h2{color:#b91c1c}.skipped{opacity:.7}.none{padding:2em;color:#71717a;line-height:1.4}";

/// One input's section.
fn section(f: &FileReport, dry_run: bool, limits: &LoadLimits) -> String {
    let mut s = String::new();
    let input = escape(&f.input);
    let problem = f.problem.as_ref().map(|p| p.to_string()).unwrap_or_default();
    match f.status {
        Status::Error => {
            let _ = writeln!(
                s,
                "<section class=\"file error\" data-input=\"{input}\"><h2>{input}</h2><p>{}</p></section>",
                escape(&tr!("preview-failed", error = problem))
            );
        }
        Status::Skipped => {
            let _ = writeln!(
                s,
                "<section class=\"file skipped\" data-input=\"{input}\"><h2>{input}</h2><p>{}</p></section>",
                escape(&tr!("preview-skipped", reason = problem))
            );
        }
        Status::Ok => {
            let output = f.output.as_deref().unwrap_or("");
            let encoding = match (f.quality, f.colors) {
                (Some(q), _) => tr!("preview-quality", quality = q),
                (None, Some(c)) => tr!("encoding-colours", count = c),
                (None, None) => tr!("encoding-lossless"),
            };
            let meta = tr!(
                "preview-meta",
                width = f.width.unwrap_or(0),
                height = f.height.unwrap_or(0),
                format = f.format.unwrap_or("-"),
                encoding = encoding,
                before = bytes(f.bytes_in.unwrap_or(0)),
                after = bytes(f.bytes_out.unwrap_or(0)),
                regions = f.regions.len()
            );
            let _ = write!(
                s,
                "<section class=\"file ok\" data-input=\"{input}\"><h2>{input} → {}</h2><p class=\"meta\">{}</p>",
                escape(output),
                escape(&meta)
            );
            if !f.warnings.is_empty() {
                let _ = write!(s, "<ul class=\"warnings\" aria-label=\"{}\">", escape(&tr!("preview-warnings")));
                for (i, w) in f.warnings.iter().enumerate() {
                    let _ = write!(s, "<li data-code=\"{}\">W{} {}</li>", w.code(), i + 1, escape(&w.to_string()));
                }
                s.push_str("</ul>");
            }
            s.push_str("<div class=\"pair\">");
            let original = original_uri(Path::new(&f.input), limits);
            figure(&mut s, f, "before", "original", &tr!("preview-original"), original);
            let result = if dry_run {
                Err(tr!("preview-not-written"))
            } else {
                std::fs::read(output)
                    .map(|bytes| data_uri(f.format.map_or("image/png", mime), &bytes))
                    .map_err(|e| tr!("preview-cannot-read", path = output, detail = e.to_string()))
            };
            figure(&mut s, f, "after", "result", &tr!("preview-result"), result);
            s.push_str("</div></section>\n");
        }
    }
    s
}

/// A figure: the image with every region and every place a warning points
/// at outlined, or why it is missing.
fn figure(s: &mut String, f: &FileReport, class: &str, role: &str, caption: &str, uri: Result<String, String>) {
    let _ = write!(s, "<figure class=\"{class}\"><figcaption>{}</figcaption>", escape(caption));
    match uri {
        Err(why) => {
            let _ = write!(s, "<div class=\"none\">{}</div>", escape(&why));
        }
        Ok(uri) => {
            let _ = write!(s, "<div class=\"frame\"><img data-role=\"{role}\" alt=\"{role}\" src=\"{uri}\">");
            let (w, h) = (f64::from(f.width.unwrap_or(1).max(1)), f64::from(f.height.unwrap_or(1).max(1)));
            let mut outline = |kind: &str, rect: (u32, u32, u32, u32), title: &str, label: &str| {
                let (x, y, rw, rh) = rect;
                let _ = write!(
                    s,
                    "<div class=\"region {kind}\" style=\"left:{:.4}%;top:{:.4}%;width:{:.4}%;height:{:.4}%\" \
                     title=\"{} x={x} y={y} w={rw} h={rh}\"><span>{}</span></div>",
                    100.0 * f64::from(x) / w,
                    100.0 * f64::from(y) / h,
                    100.0 * f64::from(rw) / w,
                    100.0 * f64::from(rh) / h,
                    escape(title),
                    escape(label),
                );
            };
            for (i, r) in f.regions.iter().enumerate() {
                let label = match &r.label {
                    Some(l) => format!("{} {} · {}", i + 1, r.source, l),
                    None => format!("{} {}", i + 1, r.source),
                };
                outline(r.shape, (r.x, r.y, r.w, r.h), &r.source.to_string(), &label);
            }
            for (i, warning) in f.warnings.iter().enumerate() {
                if let Some(r) = warning.region() {
                    outline("warn", (r.x, r.y, r.w, r.h), warning.code(), &format!("W{} {}", i + 1, warning.code()));
                }
            }
            s.push_str("</div>");
        }
    }
    s.push_str("</figure>");
}

/// The original, upright (as regions are placed) and without its metadata:
/// lossless PNG, or JPEG at high quality when the original was a JPEG.
fn original_uri(path: &Path, limits: &LoadLimits) -> Result<String, String> {
    let loaded = load::load(path, limits).map_err(|e| e.to_string())?;
    let (w, h) = loaded.image.dimensions();
    let mut bytes = Vec::new();
    let encoded = if loaded.format == InputFormat::Jpeg {
        let rgb = image::DynamicImage::ImageRgba8(loaded.image).into_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
            .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8)
            .map(|()| "image/jpeg")
    } else {
        image::codecs::png::PngEncoder::new_with_quality(
            &mut bytes,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(&loaded.image, w, h, image::ExtendedColorType::Rgba8)
        .map(|()| "image/png")
    };
    encoded.map(|m| data_uri(m, &bytes)).map_err(|e| tr!("preview-cannot-show", detail = e.to_string()))
}

fn mime(format: &str) -> &'static str {
    match format {
        "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        _ => "image/png",
    }
}

fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", STANDARD.encode(bytes))
}

/// Text for HTML content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels_cannot_break_out_of_the_page() {
        assert_eq!(escape(r#"<img src=x onerror="a">&'"#), "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn the_default_folder_is_beside_the_originals_never_an_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let shots = dir.path().join("shots");
        std::fs::create_dir_all(shots.join(OUTPUT_FOLDER)).unwrap();
        std::fs::write(shots.join("a.png"), b"x").unwrap();
        assert_eq!(default_dir(Some(&shots)), shots);
        assert_eq!(default_dir(Some(&shots.join("a.png"))), shots);
        let masked = default_dir(Some(&shots.join(OUTPUT_FOLDER)));
        assert_eq!(masked, std::fs::canonicalize(&shots).unwrap());
        assert_eq!(default_dir(Some(Path::new("a.png"))), PathBuf::from("."));
    }
}

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
use crate::spec::human_bytes;
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

/// Writes the whole page to `out`.
pub fn render(report: &Report, limits: &LoadLimits, out: &mut impl Write) -> io::Result<()> {
    let t = &report.totals;
    write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>shotmask preview: originals UNMASKED, do not send</title>\n<style>{STYLE}</style></head><body>\n\
         <header class=\"warning\"><strong>For your eyes only.</strong> The left column shows your original \
         screenshots <em>unmasked</em>. Do not send or share this page: send the files in the output folder. \
         Every region that was hidden is outlined and labelled with where it came from.</header>\n\
         <p class=\"totals\">{} written{} · {} failed · {} skipped · {} region{} masked · {} → {}</p>\n",
        t.ok,
        if report.dry_run { " (dry run: nothing was written)" } else { "" },
        t.error,
        t.skipped,
        t.regions,
        plural(t.regions),
        human_bytes(t.bytes_in),
        human_bytes(t.bytes_out),
    )?;
    // A few files at a time: bounded memory, all cores busy.
    let chunk = rayon::current_num_threads().max(1) * 2;
    for files in report.files.chunks(chunk) {
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
.error h2{color:#b91c1c}.skipped{opacity:.7}.none{padding:2em;color:#71717a;line-height:1.4}";

/// One input's section.
fn section(f: &FileReport, dry_run: bool, limits: &LoadLimits) -> String {
    let mut s = String::new();
    let input = escape(&f.input);
    match f.status {
        Status::Error => {
            let _ = writeln!(
                s,
                "<section class=\"file error\" data-input=\"{input}\"><h2>{input}</h2><p>failed: {}</p></section>",
                escape(f.error.as_deref().unwrap_or("failed"))
            );
        }
        Status::Skipped => {
            let _ = writeln!(
                s,
                "<section class=\"file skipped\" data-input=\"{input}\"><h2>{input}</h2><p>skipped: {}</p></section>",
                escape(f.error.as_deref().unwrap_or("not an image"))
            );
        }
        Status::Ok => {
            let output = f.output.as_deref().unwrap_or("");
            let quality = match (f.quality, f.colors) {
                (Some(q), _) => format!("quality {q}"),
                (None, Some(c)) => format!("{c} colours"),
                (None, None) => "lossless".to_string(),
            };
            let _ = write!(
                s,
                "<section class=\"file ok\" data-input=\"{input}\"><h2>{input} → {}</h2>\
                 <p class=\"meta\">{}×{} · {} {quality} · {} → {} · {} region{}</p><div class=\"pair\">",
                escape(output),
                f.width.unwrap_or(0),
                f.height.unwrap_or(0),
                f.format.unwrap_or("-"),
                human_bytes(f.bytes_in.unwrap_or(0)),
                human_bytes(f.bytes_out.unwrap_or(0)),
                f.regions.len(),
                plural(f.regions.len()),
            );
            let original = original_uri(Path::new(&f.input), limits);
            figure(&mut s, f, "before", "original", "Original (UNMASKED)", original);
            let result = if dry_run {
                Err("dry run: nothing was written".to_string())
            } else {
                std::fs::read(output)
                    .map(|bytes| data_uri(f.format.map_or("image/png", mime), &bytes))
                    .map_err(|e| format!("cannot read {output}: {e}"))
            };
            figure(&mut s, f, "after", "result", "Result (what you send)", result);
            s.push_str("</div></section>\n");
        }
    }
    s
}

/// A figure: the image with every region outlined, or why it is missing.
fn figure(s: &mut String, f: &FileReport, class: &str, role: &str, caption: &str, uri: Result<String, String>) {
    let _ = write!(s, "<figure class=\"{class}\"><figcaption>{caption}</figcaption>");
    match uri {
        Err(why) => {
            let _ = write!(s, "<div class=\"none\">{}</div>", escape(&why));
        }
        Ok(uri) => {
            let _ = write!(s, "<div class=\"frame\"><img data-role=\"{role}\" alt=\"{role}\" src=\"{uri}\">");
            let (w, h) = (f64::from(f.width.unwrap_or(1).max(1)), f64::from(f.height.unwrap_or(1).max(1)));
            for (i, r) in f.regions.iter().enumerate() {
                let label = match &r.label {
                    Some(l) => format!("{} {} · {}", i + 1, r.source, l),
                    None => format!("{} {}", i + 1, r.source),
                };
                let _ = write!(
                    s,
                    "<div class=\"region {}\" style=\"left:{:.4}%;top:{:.4}%;width:{:.4}%;height:{:.4}%\" \
                     title=\"{} x={} y={} w={} h={}\"><span>{}</span></div>",
                    r.shape,
                    100.0 * f64::from(r.x) / w,
                    100.0 * f64::from(r.y) / h,
                    100.0 * f64::from(r.w) / w,
                    100.0 * f64::from(r.h) / h,
                    escape(&r.source.to_string()),
                    r.x,
                    r.y,
                    r.w,
                    r.h,
                    escape(&label),
                );
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
    encoded.map(|m| data_uri(m, &bytes)).map_err(|e| format!("cannot show the original: {e}"))
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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

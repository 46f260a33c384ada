//! Inputs: what the PATH arguments mean. Files and folders in any mix (what
//! Windows passes when files are dropped on the executable); a folder means
//! the images directly in it, or below it with `--recursive`. Output folders
//! are never read back.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{FileError, ListProblem, UsageError};
use crate::load::InputFormat;
use crate::own_files::{
    self, BOXES_EXTENSION, CONFIG_FILE, LABELME_EXTENSION, MAX_LIST_BYTES, OUTPUT_FOLDER, PREVIEW_STEM,
};
use crate::shard::{self, Shard};

/// File extensions taken as images even when their content is not
/// recognised (they then fail with a clear error instead of being skipped).
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "jpe", "jfif", "webp", "gif", "bmp", "apng"];

/// One image to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as given or found.
    pub path: PathBuf,
    /// The folder argument it was found in, if any.
    pub root: Option<PathBuf>,
    /// Where its output goes.
    pub out_dir: PathBuf,
}

/// What one argument or folder entry turned out to be.
#[derive(Debug)]
pub enum Entry {
    /// An image to process.
    Image(Input),
    /// Not an image, or not to be read: skipped, with the reason.
    Skipped {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: SkipReason,
    },
    /// An argument that cannot be used (missing, unreadable folder).
    Error {
        /// The path.
        path: PathBuf,
        /// Why.
        error: FileError,
    },
}

/// Why a file given or found is left alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Its content is no image format shotmask reads.
    NotAnImage,
}

impl SkipReason {
    /// A stable English word for the report's `error_code`.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::NotAnImage => "not-an-image",
        }
    }
}

/// How to expand the arguments.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// Descend into subfolders.
    pub recursive: bool,
    /// `--out`: one output folder for everything.
    pub out_dir: Option<PathBuf>,
    /// `--shard K/N`: keep only the inputs of this shard.
    pub shard: Option<Shard>,
}

impl InputOptions {
    /// Whether `path` (found in the folder argument `root`, if any) belongs
    /// to this run's shard.
    fn in_shard(&self, path: &Path, root: Option<&Path>) -> bool {
        self.shard.is_none_or(|s| s.takes(&shard::key(path, root)))
    }
}

/// Expands PATH arguments into images (sorted by path within each folder),
/// skipped files and errors, each path once.
pub fn expand(paths: &[PathBuf], opts: &InputOptions) -> Vec<Entry> {
    let out_canonical = opts.out_dir.as_ref().and_then(|d| std::fs::canonicalize(d).ok());
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for arg in paths {
        let meta = match std::fs::metadata(arg) {
            Ok(m) if m.is_file() && !opts.in_shard(arg, None) => continue,
            Err(_) if !opts.in_shard(arg, None) => continue,
            Ok(m) => m,
            Err(e) => {
                let error =
                    if e.kind() == std::io::ErrorKind::NotFound { FileError::Missing } else { FileError::Read(e) };
                found.push(Entry::Error { path: arg.clone(), error });
                continue;
            }
        };
        if meta.is_dir() {
            scan_folder(arg, opts, out_canonical.as_deref(), &mut seen, &mut found);
        } else if !meta.is_file() {
            found.push(Entry::Error { path: arg.clone(), error: FileError::NotAFile });
        } else if let Some(image) = classify(arg, true)
            && seen.insert(identity(arg))
        {
            let out_dir = match &opts.out_dir {
                Some(d) => d.clone(),
                None => arg.parent().unwrap_or(Path::new("")).join(OUTPUT_FOLDER),
            };
            found.push(match image {
                Ok(()) => Entry::Image(Input { path: arg.clone(), root: None, out_dir }),
                Err(reason) => Entry::Skipped { path: arg.clone(), reason },
            });
        }
    }
    found
}

/// Refuses an `--out` folder that is also where inputs are (a folder given,
/// or the folder of a file given, or a link to either): its results would
/// be taken as inputs by the next run over the same folder.
pub fn check_out_dir(paths: &[PathBuf], opts: &InputOptions) -> Result<(), UsageError> {
    let Some(out) = &opts.out_dir else { return Ok(()) };
    let Ok(out_canonical) = std::fs::canonicalize(out) else { return Ok(()) };
    for arg in paths {
        let folder = if arg.is_dir() {
            Some(arg.as_path())
        } else {
            arg.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        };
        if folder.and_then(|f| std::fs::canonicalize(f).ok()).is_some_and(|f| f == out_canonical) {
            return Err(UsageError::OutIsInputFolder { out: out.clone(), input: arg.clone() });
        }
    }
    Ok(())
}

/// `--files-from`: the paths listed in `list` (`-`: standard input), one per
/// line. Empty lines are ignored and a line ends at `\n` or `\r\n`; nothing
/// else is trimmed (names may start or end with spaces). Relative paths are
/// relative to the current folder. UTF-8, with or without a byte-order mark,
/// or UTF-16 with its mark (what Windows PowerShell 5 writes with `>`).
pub fn read_list(list: &Path) -> Result<Vec<PathBuf>, UsageError> {
    let stdin = list == Path::new("-");
    let fail = |problem| UsageError::FilesFrom { list: (!stdin).then(|| list.to_path_buf()), problem };
    // A pipe is fine here (`--files-from <(find ...)`), but never more
    // than MAX_LIST_BYTES of it.
    let bytes = if stdin {
        own_files::read_limited(std::io::stdin().lock(), MAX_LIST_BYTES)
    } else {
        match std::fs::metadata(list) {
            Ok(m) if m.is_dir() => return Err(fail(ListProblem::IsAFolder)),
            _ => std::fs::File::open(list)
                .map_err(own_files::OwnFileError::Io)
                .and_then(|f| own_files::read_limited(f, MAX_LIST_BYTES)),
        }
    }
    .map_err(|e| fail(ListProblem::Read(e)))?;
    parse_list(&bytes).map_err(fail)
}

fn parse_list(bytes: &[u8]) -> Result<Vec<PathBuf>, ListProblem> {
    let utf16 = |le: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| if le { [c[0], c[1]] } else { [c[1], c[0]] });
        String::from_utf16(&units.map(u16::from_le_bytes).collect::<Vec<_>>())
            .map(String::into_bytes)
            .map_err(|_| ListProblem::BadUtf16)
    };
    let text: std::borrow::Cow<'_, [u8]> = match bytes {
        [0xFF, 0xFE, ..] => utf16(true)?.into(),
        [0xFE, 0xFF, ..] => utf16(false)?.into(),
        [0xEF, 0xBB, 0xBF, rest @ ..] => rest.into(),
        _ => bytes.into(),
    };
    let mut paths = Vec::new();
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        paths.push(path_from_bytes(line).ok_or(ListProblem::NotText { line: i + 1 })?);
    }
    Ok(paths)
}

/// Unix paths are bytes; elsewhere they must be text.
fn path_from_bytes(b: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(b)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(b).ok().map(PathBuf::from)
    }
}

fn scan_folder(
    root: &Path,
    opts: &InputOptions,
    out_canonical: Option<&Path>,
    seen: &mut HashSet<PathBuf>,
    found: &mut Vec<Entry>,
) {
    let base_out = opts.out_dir.clone().unwrap_or_else(|| root.join(OUTPUT_FOLDER));
    let walker = walkdir::WalkDir::new(root)
        .min_depth(1)
        .max_depth(if opts.recursive { usize::MAX } else { 1 })
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let is_dir = e.file_type().is_dir();
            let name = e.file_name().to_string_lossy();
            // Never read outputs back: the default output folder anywhere,
            // and the --out folder wherever it is.
            !(is_dir
                && (name == OUTPUT_FOLDER
                    || name.starts_with('.')
                    || out_canonical.is_some_and(|o| std::fs::canonicalize(e.path()).is_ok_and(|c| c == o))))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                if !opts.in_shard(&path, Some(root)) {
                    continue;
                }
                let error = FileError::CannotList(e.to_string());
                found.push(Entry::Error { path, error });
                continue;
            }
        };
        let path = entry.path();
        if !opts.in_shard(path, Some(root)) {
            continue;
        }
        // Follow symlinks to files; walkdir does not follow them into folders.
        let is_file = entry.file_type().is_file() || (entry.path_is_symlink() && path.is_file());
        if !is_file {
            // Folders are passed over; a pipe, device, dangling link or link
            // loop named like an image is reported, never opened.
            if has_image_extension(path) && !path.is_dir() {
                let error = match std::fs::metadata(path) {
                    Err(e) => FileError::Read(e),
                    Ok(_) => FileError::NotAFile,
                };
                found.push(Entry::Error { path: path.to_path_buf(), error });
            }
            continue;
        }
        let Some(kind) = classify(path, false) else { continue };
        if !seen.insert(identity(path)) {
            continue;
        }
        let rel_dir = path.parent().and_then(|p| p.strip_prefix(root).ok()).unwrap_or(Path::new(""));
        let out_dir = base_out.join(rel_dir);
        found.push(match kind {
            Ok(()) => Entry::Image(Input { path: path.to_path_buf(), root: Some(root.to_path_buf()), out_dir }),
            Err(reason) => Entry::Skipped { path: path.to_path_buf(), reason },
        });
    }
}

fn has_image_extension(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    IMAGE_EXTENSIONS.contains(&ext.as_str())
}

/// `Some(Ok)` for an image, `Some(Err(reason))` for a file to mention as
/// skipped, `None` for a file to pass over silently (our sidecars, config,
/// hidden files) when `explicit` is false.
fn classify(path: &Path, explicit: bool) -> Option<Result<(), SkipReason>> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if IMAGE_EXTENSIONS.contains(&ext.as_str()) || sniff(path).is_some() {
        return Some(Ok(()));
    }
    let companion = name.starts_with('.')
        || ext == BOXES_EXTENSION
        || ext == LABELME_EXTENSION
        || name == CONFIG_FILE
        || name.starts_with(PREVIEW_STEM);
    // A `.boxes` sidecar is ours even when named on the command line: `*`
    // (typed, or expanded on Windows) lists it beside its image.
    if (companion && !explicit) || ext == BOXES_EXTENSION {
        return None;
    }
    Some(Err(SkipReason::NotAnImage))
}

fn sniff(path: &Path) -> Option<InputFormat> {
    let mut head = [0u8; 16];
    let mut file = std::fs::File::open(path).ok()?;
    let n = file.read(&mut head).ok()?;
    InputFormat::sniff(&head[..n])
}

/// The same file reached twice (a folder and a file inside it, `./a` and
/// `a`) is processed once.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n0000000000";

    #[test]
    fn folders_files_and_skips() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("b.png"), PNG).unwrap();
        std::fs::write(d.join("a.dat"), PNG).unwrap();
        std::fs::write(d.join("notes.txt"), b"hello").unwrap();
        std::fs::write(d.join("b.png.boxes"), b"1,2,3,4").unwrap();
        std::fs::create_dir(d.join("masked")).unwrap();
        std::fs::write(d.join("masked/out.png"), PNG).unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/c.jpg"), b"\xff\xd8\xff\xe0").unwrap();

        let found = expand(&[d.to_path_buf()], &InputOptions::default());
        let images: Vec<_> = found
            .iter()
            .filter_map(|f| match f {
                Entry::Image(i) => Some(i.path.file_name().unwrap().to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        assert_eq!(images, ["a.dat", "b.png"]);
        assert!(found.iter().any(|f| matches!(f, Entry::Skipped { path, .. } if path.ends_with("notes.txt"))));
        assert_eq!(found.len(), 3);
        let Entry::Image(first) = &found[0] else { panic!() };
        assert_eq!(first.out_dir, d.join("masked"));

        let found = expand(&[d.to_path_buf()], &InputOptions { recursive: true, ..InputOptions::default() });
        let sub = found.iter().find_map(|f| match f {
            Entry::Image(i) if i.path.ends_with("sub/c.jpg") => Some(i),
            _ => None,
        });
        assert_eq!(sub.unwrap().out_dir, d.join("masked").join("sub"));
        assert!(!found.iter().any(|f| matches!(f, Entry::Image(i) if i.path.ends_with("out.png"))));
    }

    #[test]
    fn lists_in_every_encoding_windows_and_unix_write() {
        let want = vec![PathBuf::from("a b.png"), PathBuf::from("폴더/스크린샷.png"), PathBuf::from(" c.png")];
        let text = "a b.png\r\n폴더/스크린샷.png\n\n c.png\n";
        assert_eq!(parse_list(text.as_bytes()).unwrap(), want);
        let bom8 = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(parse_list(&bom8).unwrap(), want);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(parse_list(&utf16).unwrap(), want);
        assert!(parse_list(b"").unwrap().is_empty());
    }

    #[test]
    fn a_glob_that_lists_sidecars_does_not_mention_them() {
        let dir = tempfile::tempdir().unwrap();
        let image = dir.path().join("a.png");
        let sidecar = dir.path().join("a.png.boxes");
        let notes = dir.path().join("a.txt");
        std::fs::write(&image, PNG).unwrap();
        std::fs::write(&sidecar, b"1,2,3,4").unwrap();
        std::fs::write(&notes, b"hi").unwrap();
        let found = expand(&[image, sidecar, notes], &InputOptions::default());
        assert_eq!(found.len(), 2);
        assert!(matches!(&found[1], Entry::Skipped { path, .. } if path.ends_with("a.txt")));
    }

    #[test]
    fn missing_paths_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.png");
        std::fs::write(&p, PNG).unwrap();
        let found =
            expand(&[p.clone(), dir.path().to_path_buf(), dir.path().join("nope.png")], &InputOptions::default());
        assert_eq!(found.len(), 2);
        assert!(matches!(&found[1], Entry::Error { error, .. } if error.to_string().contains("no such file")));
    }
}

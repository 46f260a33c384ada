//! Write: new files only, atomically, never over anything, and never the
//! same result twice.
//!
//! Every file shotmask writes (images, the report, the preview page, the
//! starter config) goes through here. It is written to a temporary file in
//! its destination folder, flushed to disk, then renamed to its final name
//! with a rename that fails rather than replace. A killed run leaves at
//! most a hidden temporary file, which a later run removes; never a
//! half-written file under a final name. Inputs are never opened for
//! writing.
//!
//! Whether a temporary file is still being written is told by an advisory
//! lock its writer holds on it, not by process ids: those mean nothing to a
//! run in another PID namespace (a second container on the same volume) or
//! on another machine sharing the folder.
//!
//! An image result byte-identical to a file already in its output folder is
//! not written again: the earlier file is the result (dropping the same
//! screenshots twice gives no ` (2)` copies).

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use crate::error::{FileError, OutputFolderProblem, UsageError};
use crate::name::collision_key;
use crate::own_files::{TEMP_PREFIX, TEMP_SUFFIX};

/// Extensions an output may get; a stem is free only if none is taken.
const OUTPUT_EXTENSIONS: [&str; 3] = ["jpg", "png", "jpeg"];

/// On file systems without locks, a temporary file this old is taken as
/// left behind by a killed run.
const UNLOCKED_STALE_AGE: Duration = Duration::from_secs(600);

/// Where an image result went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// Written as a new file.
    New(PathBuf),
    /// A file with exactly these bytes was already in the folder: nothing
    /// was written.
    Existing(PathBuf),
}

impl Placed {
    /// The file that holds the result.
    pub fn path(&self) -> &Path {
        match self {
            Placed::New(p) | Placed::Existing(p) => p,
        }
    }
}

/// The output folders of a run: the names taken in each (files already on
/// disk, and stems handed out in this run) and the results in each, so
/// that names never collide and identical results are not written twice.
/// Names are compared as NTFS and APFS compare them (case- and
/// normalisation-insensitively). Shared by the workers.
#[derive(Debug, Default)]
pub struct OutputFolders {
    folders: Mutex<HashMap<PathBuf, Arc<Mutex<Folder>>>>,
}

/// What one output folder holds.
#[derive(Debug, Default)]
struct Folder {
    /// Collision keys of every name in the folder when first looked at.
    names: HashSet<String>,
    /// Stems handed out in this run.
    stems: HashSet<String>,
    /// Images in the folder: those there before the run, and those written
    /// since.
    images: Vec<KnownImage>,
}

/// An image file in an output folder.
#[derive(Debug)]
struct KnownImage {
    path: PathBuf,
    len: u64,
    /// A hash of its bytes, once known.
    digest: Option<u64>,
    /// Whether it was there before this run.
    earlier: bool,
    /// Whether this run's results include it (written, or found identical).
    used: bool,
}

impl OutputFolders {
    /// No folder looked at yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn folder(&self, dir: &Path) -> Arc<Mutex<Folder>> {
        let mut folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(folders.entry(dir.to_path_buf()).or_insert_with(|| Arc::new(Mutex::new(Folder::listing(dir)))))
    }

    /// Reserves a stem in `dir` based on `stem`: itself if free, else
    /// `stem (2)`, `stem (3)`, ... Deterministic for a given folder content
    /// and call order.
    pub fn reserve(&self, dir: &Path, stem: &str) -> String {
        let folder = self.folder(dir);
        let mut taken = folder.lock().unwrap_or_else(PoisonError::into_inner);
        let mut k = 1u64;
        loop {
            let candidate = if k == 1 { stem.to_string() } else { format!("{stem} ({k})") };
            let key = collision_key(&candidate);
            let on_disk = OUTPUT_EXTENSIONS.iter().any(|ext| taken.names.contains(&format!("{key}.{ext}")));
            if !on_disk && !taken.stems.contains(&key) {
                taken.stems.insert(key);
                return candidate;
            }
            k += 1;
        }
    }

    /// The file in `dir` that already holds exactly `bytes`, if any.
    pub fn existing(&self, dir: &Path, bytes: &[u8]) -> Option<PathBuf> {
        let folder = self.folder(dir);
        let mut f = folder.lock().unwrap_or_else(PoisonError::into_inner);
        f.identical(bytes).map(|i| {
            f.images[i].used = true;
            f.images[i].path.clone()
        })
    }

    /// Places an image result in `dir`: the file already there with exactly
    /// these bytes, else a new file `stem.ext` (or `stem (2).ext` and so on
    /// if that name appeared since it was reserved).
    pub fn place(&self, dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<Placed, FileError> {
        let folder = self.folder(dir);
        // Held while writing, so that two identical results of one run are
        // not both written.
        let mut f = folder.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(i) = f.identical(bytes) {
            f.images[i].used = true;
            return Ok(Placed::Existing(f.images[i].path.clone()));
        }
        let path = write_new(dir, stem, ext, bytes)?;
        f.images.push(KnownImage {
            path: path.clone(),
            len: bytes.len() as u64,
            digest: Some(digest(bytes)),
            earlier: false,
            used: true,
        });
        Ok(Placed::New(path))
    }

    /// How many images in the output folders were there before this run
    /// and are not among its results: earlier results beside the new ones.
    pub fn earlier_beside(&self) -> usize {
        let folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
        folders
            .values()
            .map(|f| {
                f.lock().unwrap_or_else(PoisonError::into_inner).images.iter().filter(|i| i.earlier && !i.used).count()
            })
            .sum()
    }
}

impl Folder {
    /// What is in `dir` now (nothing when it does not exist yet).
    fn listing(dir: &Path) -> Folder {
        let mut folder = Folder::default();
        let Ok(entries) = std::fs::read_dir(dir) else { return folder };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let key = collision_key(&name);
            let is_image = OUTPUT_EXTENSIONS.iter().any(|ext| key.ends_with(&format!(".{ext}")));
            if is_image
                && let Ok(meta) = std::fs::metadata(entry.path())
                && meta.is_file()
            {
                folder.images.push(KnownImage {
                    path: entry.path(),
                    len: meta.len(),
                    digest: None,
                    earlier: true,
                    used: false,
                });
            }
            folder.names.insert(key);
        }
        folder.images.sort_by(|a, b| a.path.cmp(&b.path));
        folder
    }

    /// The index of an image with exactly `bytes`.
    fn identical(&mut self, bytes: &[u8]) -> Option<usize> {
        let len = bytes.len() as u64;
        let want = digest(bytes);
        for (i, known) in self.images.iter_mut().enumerate() {
            if known.len != len {
                continue;
            }
            if known.digest.is_none() {
                known.digest = read_exactly(&known.path, len).map(|b| digest(&b));
            }
            if known.digest == Some(want) && read_exactly(&known.path, len).is_some_and(|b| b == bytes) {
                return Some(i);
            }
        }
        None
    }
}

/// A fast hash of `bytes`, to compare files before comparing them byte for byte.
fn digest(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// The bytes of the regular file at `path` if it holds exactly `len` bytes.
fn read_exactly(path: &Path, len: u64) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(len + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 == len).then_some(bytes)
}

/// Writes `bytes` as `dir/stem.ext`, creating `dir` if needed. If that name
/// is taken (by another program since it was reserved), `stem (2).ext` and
/// so on are tried; nothing is ever replaced. Returns the path written.
pub fn write_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf, FileError> {
    write_new_with(dir, stem, ext, |file| file.write_all(bytes))
}

/// [`write_new`] for content produced piece by piece: `fill` writes it into
/// the temporary file, which then gets its final name the same way.
pub fn write_new_with(
    dir: &Path,
    stem: &str,
    ext: &str,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<PathBuf, FileError> {
    let write_err = |path: &Path, source| FileError::Write { path: path.to_path_buf(), source };
    std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
    let mut tmp = filled_temp(dir, fill).map_err(|(path, e)| write_err(&path, e))?;
    for k in 1u32..=10_000 {
        let name = if k == 1 { format!("{stem}.{ext}") } else { format!("{stem} ({k}).{ext}") };
        let target = dir.join(&name);
        match tmp.persist_noclobber(&target) {
            Ok(_) => return Ok(target),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(write_err(&target, e.error)),
        }
    }
    Err(write_err(dir, std::io::Error::other("no free name")))
}

/// Writes a new file at exactly `path`, atomically; fails with
/// [`std::io::ErrorKind::AlreadyExists`] if anything is there.
pub fn write_new_at(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let write_err = |path: &Path, source| FileError::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(write_err(path, std::io::ErrorKind::AlreadyExists.into()));
    }
    let tmp = filled_temp(dir, fill).map_err(|(path, e)| write_err(&path, e))?;
    tmp.persist_noclobber(path).map_err(|e| write_err(path, e.error))?;
    Ok(())
}

/// A new temporary file in `dir`, locked while it lives, with `fill`'s
/// content flushed to disk. On error, the path it concerns.
fn filled_temp(
    dir: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile, (PathBuf, std::io::Error)> {
    let mut tmp = locked_temp(dir).map_err(|e| (dir.to_path_buf(), e))?;
    fill(tmp.as_file_mut()).map_err(|e| (tmp.path().to_path_buf(), e))?;
    tmp.as_file().sync_all().map_err(|e| (tmp.path().to_path_buf(), e))?;
    Ok(tmp)
}

/// A new, empty temporary file in `dir` with our name pattern, holding an
/// exclusive advisory lock on itself, so that no other run takes it for
/// one a killed run left behind.
fn locked_temp(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Ordinary file permissions (the umask still applies), not tempfile's 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut last = std::io::Error::other("cannot create a temporary file");
    for _ in 0..8 {
        let tmp = builder.tempfile_in(dir)?;
        match tmp.as_file().try_lock() {
            Ok(()) => {}
            // Another run's cleanup has it for a moment and will remove it.
            Err(std::fs::TryLockError::WouldBlock) => continue,
            // No locks on this file system: cleanups then go by age.
            Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => return Ok(tmp),
            Err(std::fs::TryLockError::Error(e)) => {
                last = e;
                continue;
            }
        }
        // Between its creation and our lock, another run's cleanup may
        // have taken the unlocked file for a stale one and removed it.
        if still_named(&tmp) {
            return Ok(tmp);
        }
    }
    Err(last)
}

/// Whether the temporary file's name still leads to the file we hold.
fn still_named(tmp: &tempfile::NamedTempFile) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (tmp.as_file().metadata(), std::fs::symlink_metadata(tmp.path())) {
            (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        tmp.path().exists()
    }
}

/// Checks, before any image is read, that results can go into every folder
/// of `dirs`: each is a folder or can be made one, and (unless this is a
/// dry run, which creates nothing) a file can be created in it. Creates the
/// folders that are missing.
pub fn prepare_folders(dirs: &[PathBuf], dry_run: bool) -> Result<(), UsageError> {
    for dir in dirs {
        let unusable = |problem| UsageError::OutputFolder { folder: dir.clone(), problem };
        // The nearest part of the path that exists must be a folder.
        let mut probe = dir.as_path();
        loop {
            match std::fs::metadata(probe) {
                Ok(m) if m.is_dir() => break,
                Ok(_) if probe == dir.as_path() => return Err(unusable(OutputFolderProblem::IsAFile)),
                Ok(_) => return Err(unusable(OutputFolderProblem::UnderAFile(probe.to_path_buf()))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => match probe.parent() {
                    Some(p) if !p.as_os_str().is_empty() => probe = p,
                    _ => break,
                },
                Err(e) => return Err(unusable(OutputFolderProblem::Io(e))),
            }
        }
        if dry_run {
            continue;
        }
        std::fs::create_dir_all(dir).map_err(|e| unusable(OutputFolderProblem::Io(e)))?;
        locked_temp(dir).map_err(|e| unusable(OutputFolderProblem::Io(e)))?;
    }
    Ok(())
}

/// Removes temporary files that killed runs left in `dir`: ours by name,
/// and not locked by the run writing them (whatever machine or PID
/// namespace it runs in). Where the file system has no locks, only files
/// older than ten minutes are removed. Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file) = std::fs::File::open(entry.path()) else { continue };
        let stale = match file.try_lock() {
            Ok(()) => true,
            Err(std::fs::TryLockError::WouldBlock) => false,
            Err(std::fs::TryLockError::Error(_)) => file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > UNLOCKED_STALE_AGE),
        };
        // Removed while we hold its lock, so no writer can take it meanwhile.
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temps(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(TEMP_PREFIX))
            .collect()
    }

    #[test]
    fn reservations_skip_taken_names_case_insensitively() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Shot.JPG"), b"x").unwrap();
        let r = OutputFolders::new();
        assert_eq!(r.reserve(dir.path(), "shot"), "shot (2)");
        assert_eq!(r.reserve(dir.path(), "SHOT"), "SHOT (3)");
        assert_eq!(r.reserve(dir.path(), "other"), "other");
    }

    #[test]
    fn write_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), "a", "png", b"one").unwrap();
        let second = write_new(dir.path(), "a", "png", b"two").unwrap();
        assert_eq!(first.file_name().unwrap(), "a.png");
        assert_eq!(second.file_name().unwrap(), "a (2).png");
        assert_eq!(std::fs::read(first).unwrap(), b"one");
        assert!(temps(dir.path()).is_empty());
        let exact = dir.path().join("r.json");
        write_new_at(&exact, |f| f.write_all(b"{}")).unwrap();
        let again = write_new_at(&exact, |f| f.write_all(b"[]")).unwrap_err();
        assert!(
            matches!(&again, FileError::Write { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists)
        );
        assert_eq!(std::fs::read(&exact).unwrap(), b"{}");
        assert!(temps(dir.path()).is_empty());
    }

    #[test]
    fn identical_results_are_placed_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("old.png"), b"same bytes").unwrap();
        std::fs::write(dir.path().join("other.png"), b"other byte").unwrap();
        let folders = OutputFolders::new();
        let stem = folders.reserve(dir.path(), "new");
        assert_eq!(
            folders.place(dir.path(), &stem, "png", b"same bytes").unwrap(),
            Placed::Existing(dir.path().join("old.png"))
        );
        let fresh = folders.place(dir.path(), &stem, "png", b"fresh bytes").unwrap();
        assert_eq!(fresh, Placed::New(dir.path().join("new.png")));
        // Written in this run counts too.
        assert_eq!(
            folders.place(dir.path(), "again", "png", b"fresh bytes").unwrap(),
            Placed::Existing(dir.path().join("new.png"))
        );
        assert_eq!(folders.earlier_beside(), 1, "other.png sits beside the results");
        assert_eq!(folders.existing(dir.path(), b"other byte"), Some(dir.path().join("other.png")));
        assert_eq!(folders.earlier_beside(), 0);
    }

    #[test]
    fn stale_temps_are_told_by_their_lock() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".shotmask-abc.tmp");
        let live = dir.path().join(".shotmask-def.tmp");
        let foreign = dir.path().join(".other-abc.tmp");
        for p in [&stale, &live, &foreign] {
            std::fs::write(p, b"x").unwrap();
        }
        let held = std::fs::File::open(&live).unwrap();
        held.lock().unwrap();
        assert_eq!(remove_stale_temps(dir.path()), 1);
        assert!(!stale.exists() && live.exists() && foreign.exists());
        drop(held);
        assert_eq!(remove_stale_temps(dir.path()), 1);
        assert!(!live.exists());
    }

    #[test]
    fn a_temp_being_written_holds_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = locked_temp(dir.path()).unwrap();
        assert_eq!(remove_stale_temps(dir.path()), 0);
        assert!(tmp.path().exists());
    }
}

//! Write: new files only, atomically, never over anything.
//!
//! Each output is written to a temporary file in its destination folder,
//! flushed to disk, then renamed to its final name with a rename that fails
//! rather than replace. A killed run leaves at most a hidden temporary file,
//! which the next run removes; never a half-written file under a final name.
//! Inputs are never opened for writing.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::FileError;
use crate::name::collision_key;

/// Prefix of our temporary files (hidden on Unix).
const TEMP_PREFIX: &str = ".shotmask-";
/// Suffix of our temporary files.
const TEMP_SUFFIX: &str = ".tmp";
/// Extensions an output may get; a stem is free only if none is taken.
const OUTPUT_EXTENSIONS: [&str; 3] = ["jpg", "png", "jpeg"];

/// Output names taken so far in each destination folder: files already on
/// disk, and stems handed out in this run. Names are compared as NTFS and
/// APFS compare them (case- and normalisation-insensitively).
#[derive(Debug, Default)]
pub struct Reservations {
    dirs: HashMap<PathBuf, Taken>,
}

#[derive(Debug, Default)]
struct Taken {
    files: HashSet<String>,
    stems: HashSet<String>,
}

impl Reservations {
    /// No names taken yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves a stem in `dir` based on `stem`: itself if free, else
    /// `stem (2)`, `stem (3)`, ... Deterministic for a given folder content
    /// and call order.
    pub fn reserve(&mut self, dir: &Path, stem: &str) -> String {
        let taken =
            self.dirs.entry(dir.to_path_buf()).or_insert_with(|| Taken { files: listing(dir), stems: HashSet::new() });
        for k in 1u32.. {
            let candidate = if k == 1 { stem.to_string() } else { format!("{stem} ({k})") };
            let key = collision_key(&candidate);
            let on_disk = OUTPUT_EXTENSIONS.iter().any(|ext| taken.files.contains(&format!("{key}.{ext}")));
            if !on_disk && !taken.stems.contains(&key) {
                taken.stems.insert(key);
                return candidate;
            }
        }
        unreachable!("u32 ran out of collision suffixes")
    }
}

/// Collision keys of the names in `dir` (empty when it does not exist yet).
fn listing(dir: &Path) -> HashSet<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(Result::ok).map(|e| collision_key(&e.file_name().to_string_lossy())).collect()
        })
        .unwrap_or_default()
}

/// Writes `bytes` as `dir/stem.ext`, creating `dir` if needed. If that name
/// appeared since it was reserved (another program), `stem (2).ext` and so
/// on are tried; nothing is ever replaced. Returns the path written.
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
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Ordinary file permissions (the umask still applies), not tempfile's 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| write_err(dir, e))?;
    fill(tmp.as_file_mut()).map_err(|e| write_err(tmp.path(), e))?;
    tmp.as_file().sync_all().map_err(|e| write_err(tmp.path(), e))?;
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

/// Removes temporary files that an earlier, killed run left in `dir`: ours by
/// name, and either from a process that no longer runs or older than ten
/// minutes. With `shared` (other runs, perhaps on other machines whose
/// process ids mean nothing here, may be writing into `dir` right now, as
/// with `--shard`), only files older than ten minutes are removed. Returns
/// how many were removed.
pub fn remove_stale_temps(dir: &Path, shared: bool) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX).filter(|_| name.ends_with(TEMP_SUFFIX)) else { continue };
        let pid: Option<u32> = rest.split('-').next().and_then(|p| p.parse().ok());
        if pid == Some(std::process::id()) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .map(|t| now.duration_since(t).unwrap_or_default() > Duration::from_secs(600))
            .unwrap_or(false);
        let dead = !shared && pid.is_some_and(|p| !process_alive(p));
        if (old || dead) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a process with this id runs; only Linux can tell cheaply, so
/// elsewhere temporary files are removed by age alone.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_skip_taken_names_case_insensitively() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Shot.JPG"), b"x").unwrap();
        let mut r = Reservations::new();
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
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stale_temps_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // Pid 0 is never a user process.
        let stale = dir.path().join(".shotmask-0-abc.tmp");
        let mine = dir.path().join(format!(".shotmask-{}-abc.tmp", std::process::id()));
        let foreign = dir.path().join(".other-0-abc.tmp");
        for p in [&stale, &mine, &foreign] {
            std::fs::write(p, b"x").unwrap();
        }
        assert_eq!(remove_stale_temps(dir.path(), true), 0, "another shard's file");
        assert_eq!(remove_stale_temps(dir.path(), false), 1);
        assert!(!stale.exists() && mine.exists() && foreign.exists());
    }
}

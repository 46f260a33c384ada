//! The files shotmask reads or writes besides images: their names, and how
//! each one is read.
//!
//! Images are bounded, type-checked and never overwritten; the other files
//! get the same care here, in one place. Every one of them is read only
//! when it is a regular file (after links), opened without blocking (a
//! FIFO named like a sidecar would otherwise hang the batch), and read up
//! to a documented size. A file that is present but cannot be used is an
//! error for whoever asked for it, never taken as absent: a sidecar beside
//! an image means "hide this", and skipping it would leak.

use std::io::Read;
use std::path::Path;

/// The folder created inside each input folder (or beside loose files) when
/// no `--out` is given. Folders of this name are never read as input.
pub const OUTPUT_FOLDER: &str = "masked";

/// The config file looked for in each place.
pub const CONFIG_FILE: &str = "shotmask.toml";

/// The folder inside the user config folder.
pub const CONFIG_FOLDER: &str = "shotmask";

/// The preview page's file name without extension: it must not be mistaken
/// for something to send.
pub const PREVIEW_STEM: &str = "shotmask-preview-UNMASKED-do-not-send";

/// The extension of a box sidecar, added to the image's whole file name
/// (`shot.png.boxes`).
pub const BOXES_EXTENSION: &str = "boxes";

/// The extension of a LabelMe sidecar, in place of the image's extension
/// (`shot.json` for `shot.png`).
pub const LABELME_EXTENSION: &str = "json";

/// Prefix of our temporary files (hidden on Unix).
pub const TEMP_PREFIX: &str = ".shotmask-";

/// Suffix of our temporary files.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Largest `.boxes` sidecar: one short line per box, so a megabyte is tens
/// of thousands of boxes.
pub const MAX_BOXES_BYTES: u64 = 1 << 20;

/// Largest LabelMe sidecar. labelme embeds the image as base64 by default,
/// so files of a few megabytes are normal.
pub const MAX_LABELME_BYTES: u64 = 64 << 20;

/// Largest config file: the longest real one is a few kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Largest `--files-from` list: a million paths of 60 bytes.
pub const MAX_LIST_BYTES: u64 = 64 << 20;

/// Longest file name most file systems hold, in bytes (ext4, APFS) or
/// UTF-16 units (NTFS). A sidecar name longer than that cannot exist.
const MAX_NAME_LEN: usize = 255;

/// Why a file that is present could not be used.
#[derive(Debug)]
pub enum OwnFileError {
    /// A folder, pipe, device or socket where a file was expected.
    NotAFile(FileKind),
    /// A link to something that does not exist.
    DanglingLink,
    /// Larger than the bound for its kind.
    TooLarge {
        /// Its size, or the bytes read before giving up.
        size: u64,
        /// The bound.
        limit: u64,
    },
    /// Reading failed.
    Io(std::io::Error),
}

impl std::error::Error for OwnFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OwnFileError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// What a path is, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A directory.
    Folder,
    /// A FIFO.
    Pipe,
    /// A block or character device.
    Device,
    /// A Unix socket.
    Socket,
    /// Anything else.
    Other,
}

impl FileKind {
    fn of(t: std::fs::FileType) -> FileKind {
        if t.is_dir() {
            return FileKind::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileKind::Pipe;
            }
            if t.is_block_device() || t.is_char_device() {
                return FileKind::Device;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
        }
        FileKind::Other
    }
}

/// Reads the file at `path` whole, if it is there: `Ok(None)` when nothing
/// is at `path` (or its name is too long for any file system to hold), an
/// error when something is there but is not a regular file of at most
/// `limit` bytes, or cannot be read.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, OwnFileError> {
    if name_too_long(path) {
        return Ok(None);
    }
    match std::fs::symlink_metadata(path) {
        Ok(_) => {}
        Err(e) if is_absent(&e) => return Ok(None),
        Err(e) => return Err(OwnFileError::Io(e)),
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        // The name is there (we just saw it) but leads nowhere.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(OwnFileError::DanglingLink),
        Err(e) => return Err(OwnFileError::Io(e)),
    };
    if !meta.is_file() {
        return Err(OwnFileError::NotAFile(FileKind::of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(OwnFileError::TooLarge { size: meta.len(), limit });
    }
    let file = open_nonblocking(path).map_err(OwnFileError::Io)?;
    // Checked again on what was opened: the path may have been swapped for
    // a pipe or a device since.
    let opened = file.metadata().map_err(OwnFileError::Io)?;
    if !opened.is_file() {
        return Err(OwnFileError::NotAFile(FileKind::of(opened.file_type())));
    }
    read_limited(file, limit).map(Some)
}

/// Reads `source` to its end, but no more than `limit` bytes: a source that
/// goes on (a file growing while it is read, a pipe) is an error, not a
/// memory bill.
pub fn read_limited(source: impl Read, limit: u64) -> Result<Vec<u8>, OwnFileError> {
    let mut bytes = Vec::new();
    source.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(OwnFileError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(OwnFileError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Whether an error means there is nothing at the path.
fn is_absent(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::InvalidFilename)
}

/// Whether the last component of `path` is longer than any file system
/// holds, so that nothing can be there.
fn name_too_long(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        #[cfg(windows)]
        {
            use std::os::windows::ffi::OsStrExt;
            n.encode_wide().count() > MAX_NAME_LEN
        }
        #[cfg(not(windows))]
        {
            n.len() > MAX_NAME_LEN
        }
    })
}

/// Opens `path` for reading without waiting: opening a FIFO for reading
/// blocks until a writer comes, and one never may.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_present_and_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.boxes");
        assert!(read_bounded(&p, 10).unwrap().is_none());
        std::fs::write(&p, b"0,0,1,1").unwrap();
        assert_eq!(read_bounded(&p, 10).unwrap().unwrap(), b"0,0,1,1");
        assert!(matches!(read_bounded(&p, 3), Err(OwnFileError::TooLarge { size: 7, limit: 3 })));
        let folder = dir.path().join("b.boxes");
        std::fs::create_dir(&folder).unwrap();
        assert!(matches!(read_bounded(&folder, 10), Err(OwnFileError::NotAFile(FileKind::Folder))));
    }

    #[test]
    fn a_name_too_long_for_the_disk_is_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(format!("{}.png.boxes", "가".repeat(84)));
        assert!(read_bounded(&p, 10).unwrap().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_pipes_and_devices_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let dangling = dir.path().join("d.boxes");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(matches!(read_bounded(&dangling, 10), Err(OwnFileError::DanglingLink)));
        let zero = dir.path().join("z.boxes");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(read_bounded(&zero, 10), Err(OwnFileError::NotAFile(FileKind::Device))));
        let fifo = dir.path().join("f.boxes");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(read_bounded(&fifo, 10), Err(OwnFileError::NotAFile(FileKind::Pipe))));
    }

    #[test]
    fn a_source_that_goes_on_is_cut_at_the_limit() {
        let endless = std::io::repeat(b'x');
        assert!(matches!(read_limited(endless, 1000), Err(OwnFileError::TooLarge { size: 1001, limit: 1000 })));
    }
}

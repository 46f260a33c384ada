//! Typed errors. Each variant renders as one line, without the file name: the
//! caller (report, console) says which file it is about.

use std::path::PathBuf;

/// Why one input file could not be turned into an output file.
///
/// These end up as the report's one-line `"error"` and as one line on stderr;
/// the batch always goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Read(#[source] std::io::Error),
    /// The file is larger than the input cap; it was not read.
    #[error("file is {size} bytes, above the {limit}-byte input limit")]
    InputTooLarge {
        /// Size of the file on disk.
        size: u64,
        /// The cap.
        limit: u64,
    },
    /// The file is empty.
    #[error("file is empty")]
    Empty,
    /// The path is a device, pipe or socket, not a file; it was not opened.
    #[error("not a regular file (a device, pipe or socket)")]
    NotAFile,
    /// The content is not an image format shotmask reads.
    #[error("not a supported image (PNG, JPEG, WebP, GIF or BMP)")]
    UnknownFormat,
    /// The header announces more pixels than we allow; nothing was allocated.
    #[error("image is {width}×{height} ({megapixels} megapixels), above the {limit}-megapixel limit")]
    TooManyPixels {
        /// Announced width.
        width: u32,
        /// Announced height.
        height: u32,
        /// width × height in megapixels, rounded.
        megapixels: u64,
        /// The limit in megapixels.
        limit: u64,
    },
    /// The image decoder failed (corrupt data).
    #[error("cannot decode the image: {0}")]
    Decode(String),
    /// The file ends before the image does: part of it is missing (cut
    /// short, or being rewritten while it was read).
    #[error("the file is cut short: it ends before the end of the image ({0})")]
    Truncated(String),
    /// A region could not be placed on this image.
    #[error("{0}")]
    Region(String),
    /// A sidecar file is there but cannot be used (a folder, a pipe, a
    /// dangling link, too large, unreadable): the image fails rather than
    /// go out without the regions it asks for.
    #[error("{file} {reason}")]
    SidecarUnusable {
        /// The sidecar's file name.
        file: String,
        /// What is wrong with it.
        #[source]
        reason: crate::own_files::OwnFileError,
    },
    /// A sidecar file (`.boxes`, LabelMe `.json`) is malformed.
    #[error("{file}: {message}")]
    Sidecar {
        /// The sidecar's file name.
        file: String,
        /// What is wrong, with line or field.
        message: String,
    },
    /// No encoding fits under the byte limit.
    #[error("{0}")]
    CannotFit(String),
    /// An encoder failed.
    #[error("cannot encode: {0}")]
    Encode(String),
    /// The encoded output failed its own check; it was not written.
    #[error("output failed verification: {0}")]
    Verify(String),
    /// Writing the output failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// Where we tried to write.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input path does not exist or cannot be listed.
    #[error("{0}")]
    Input(String),
    /// A bug: a panic was caught while processing this file.
    #[error("internal error while processing this file: {0}")]
    Internal(String),
}

impl FileError {
    /// A stable English word for the report's `error_code`.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Read(_) => "read",
            FileError::InputTooLarge { .. } => "too-large",
            FileError::Empty => "empty",
            FileError::NotAFile => "not-a-file",
            FileError::UnknownFormat => "unknown-format",
            FileError::TooManyPixels { .. } => "too-many-pixels",
            FileError::Decode(_) => "decode",
            FileError::Truncated(_) => "truncated",
            FileError::Region(_) => "region",
            FileError::SidecarUnusable { .. } | FileError::Sidecar { .. } => "sidecar",
            FileError::CannotFit(_) => "cannot-fit",
            FileError::Encode(_) => "encode",
            FileError::Verify(_) => "verify",
            FileError::Write { .. } => "write",
            FileError::Input(_) => "input",
            FileError::Internal(_) => "internal",
        }
    }
}

/// Bad usage or configuration: nothing is written and the exit status is 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl UsageError {
    /// Builds a usage error from anything printable.
    pub fn new(message: impl Into<String>) -> Self {
        UsageError(message.into())
    }
}

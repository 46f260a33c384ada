//! shotmask makes screenshots safe to send: it hides private regions
//! irreversibly, strips every byte of metadata, fits each file under a size
//! limit and names it descriptively, for a whole folder at once.
//!
//! The pipeline's stages are the modules, and data flows one way through
//! them: [`inputs`] → [`name`] (names are planned for the whole batch
//! first) → [`load`] → [`regions`] → [`mask`] → [`fit`] → [`verify`] →
//! [`write`] → [`report`], on plain data from [`geometry`], [`spec`] and
//! [`warning`]. [`batch`] runs it over many files in parallel. [`front`]
//! turns the command line and the config file into [`Settings`];
//! [`console`] runs it and prints, every sentence coming from [`text`],
//! with [`preview`] (the page to check before sending), [`shard`]
//! (splitting a job across machines) and [`shell`] (completions, man page,
//! version). ARCHITECTURE.md has the map.

#![deny(missing_docs)]

pub mod batch;
pub mod budget;
pub mod console;
pub mod container;
pub mod error;
pub mod fit;
pub mod front;
pub mod geometry;
pub mod inputs;
pub mod interrupt;
pub mod load;
pub mod mask;
pub mod name;
pub mod own_files;
pub mod preview;
pub mod probe;
pub mod regions;
pub mod report;
pub mod settings;
pub mod shard;
pub mod shell;
pub mod spec;
pub mod text;
pub mod verify;
pub mod warning;
pub mod write;

pub use batch::run;

/// `--version`: the package version, then the git commit and its date when
/// built from a git checkout (see `build.rs`), e.g. `0.1.0 (3f2a9c1e0b7d 2024-11-25)`.
pub const VERSION: &str = env!("SHOTMASK_VERSION");
pub use settings::Settings;

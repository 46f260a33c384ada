//! shotmask makes screenshots safe to send: it hides private regions
//! irreversibly, strips every byte of metadata, fits each file under a size
//! limit and names it descriptively, for a whole folder at once.
//!
//! The pipeline's stages are the modules, and data flows one way through
//! them: [`inputs`] → [`load`] → [`regions`] → [`mask`] → [`fit`] →
//! [`verify`] → [`name`] → [`write`] → [`report`]. [`batch`] runs it over
//! many files in parallel; [`cli`] and [`console`] are the command line,
//! with [`preview`] (the page to check before sending), [`shard`] (splitting
//! a job across machines) and [`shell`] (completions, man page, version).

#![deny(missing_docs)]

pub mod batch;
pub mod budget;
pub mod cli;
pub mod config;
pub mod console;
pub mod container;
pub mod error;
pub mod fit;
pub mod inputs;
pub mod interrupt;
pub mod load;
pub mod mask;
pub mod name;
pub mod own_files;
pub mod preview;
pub mod regions;
pub mod report;
pub mod settings;
pub mod shard;
pub mod shell;
pub mod spec;
pub mod verify;
pub mod write;

pub use batch::run;
pub use settings::Settings;

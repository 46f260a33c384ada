//! Integration tests: the real binary on real image files, checking pixels
//! and bytes of what it writes. One test binary (it links once).

mod util;

mod batch;
mod cli;
mod console;
mod markers;
mod naming;
mod orientation;
mod pipeline;
mod preview;
mod rules;
mod safety;
mod scale;
mod size;

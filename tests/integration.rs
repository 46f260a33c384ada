//! Integration tests: the real binary on real image files, checking pixels
//! and bytes of what it writes. One test binary (it links once).

mod adversary;
mod util;

mod architecture;
mod attack;
mod batch;
mod cli;
mod console;
mod crash;
mod golden;
mod hostile;
mod irreversible;
mod language;
mod leaks;
mod markers;
mod marks_corpus;
mod names_hostile;
mod names_real_world;
mod naming;
mod orientation;
mod other_files;
mod pipeline;
mod preview;
mod rules;
mod safety;
mod scale;
mod size;
mod sources_irreversible;
mod warnings;

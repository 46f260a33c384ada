//! What the marker detector finds in a set of screenshots that nobody
//! marked: with the default marker (magenta), every mark it reports and
//! every "mark in another colour" it would warn about is a false alarm.
//! Prints one line per file that has any, and the share of files with an
//! other-colour warning (kept under 1 in 25 on the comparison corpus).
//!
//! cargo run --example marks_survey -- FILE...

use std::path::Path;

use shotmask::load::{LoadLimits, load};
use shotmask::regions::{scan_marks, screen_density};
use shotmask::spec::Rgb;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let (mut read, mut with_marks, mut with_warnings) = (0, 0, 0);
    for path in &files {
        let img = match load(Path::new(path), &LoadLimits::default()) {
            Ok(loaded) => loaded.image,
            Err(e) => {
                eprintln!("skipped: {path}: {e}");
                continue;
            }
        };
        read += 1;
        let (w, h) = img.dimensions();
        let scan = scan_marks(&img, &[Rgb([255, 0, 255])], screen_density(w, h), None);
        with_marks += usize::from(!scan.marks.is_empty());
        with_warnings += usize::from(!scan.other_colours.is_empty());
        if !scan.marks.is_empty() || !scan.other_colours.is_empty() {
            let others: Vec<String> = scan
                .other_colours
                .iter()
                .map(|o| format!("{} at {},{} {}×{}", o.colour, o.rect.x, o.rect.y, o.rect.w, o.rect.h))
                .collect();
            println!(
                "{path}: {} magenta marks {:?}; other colours: {}",
                scan.marks.len(),
                scan.marks,
                others.join(", ")
            );
        }
    }
    println!(
        "{read} files: {with_marks} with a magenta mark, {with_warnings} with an other-colour warning ({:.1} %)",
        100.0 * with_warnings as f64 / read.max(1) as f64
    );
}

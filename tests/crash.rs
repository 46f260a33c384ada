//! Crash safety (T2.4): a batch killed at random moments (fixed seed)
//! never leaves a partial file under a final name, never touches its
//! inputs, and the next run cleans up its temporary files.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::adversary::*;
use crate::util::*;

/// Whether `name` is one of shotmask's temporary files.
fn is_temp(name: &str) -> bool {
    name.starts_with(".shotmask-") && name.ends_with(".tmp")
}

/// Every final-named file in `out` decodes, passes the container checks
/// and is byte for byte one of the complete outputs; returns (final files,
/// temporary files).
fn check_out_dir(out: &Path, complete: &HashSet<Vec<u8>>) -> (usize, usize) {
    let names = list(out);
    let temps = names.iter().filter(|n| is_temp(n)).count();
    for name in names.iter().filter(|n| !is_temp(n)) {
        let path = out.join(name);
        assert_clean_output(&path);
        assert!(complete.contains(&std::fs::read(&path).unwrap()), "{name} is not a complete output");
    }
    (names.len() - temps, temps)
}

#[test]
fn a_killed_batch_leaves_only_whole_files_and_untouched_inputs() {
    let dir = Dir::new();
    let mut inputs = Vec::new();
    for i in 0..36u64 {
        let (name, bytes) = if i % 3 == 0 {
            (format!("in/shot-{i:02}.jpg"), jpeg(&photo(360, 480, i), 92))
        } else {
            (format!("in/shot-{i:02}.png"), png(&screenshot(360, 640, i)))
        };
        inputs.push((dir.write(&name, &bytes), bytes));
    }
    let args = |out: &Path| -> Vec<String> {
        ["--box", "0,0,100%,6%", "--max-size", "120KB", "--name", "{stem}", "-o"]
            .iter()
            .map(|s| s.to_string())
            .chain([out.display().to_string(), dir.join("in").display().to_string()])
            .collect()
    };

    // One uninterrupted run: the complete outputs, and how long a run lasts
    // (only to spread the kills over it).
    let reference = dir.join("reference");
    let started = Instant::now();
    let r = run(&args(&reference).iter().map(|s| s as &dyn AsRef<std::ffi::OsStr>).collect::<Vec<_>>());
    let span = started.elapsed();
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let complete: HashSet<Vec<u8>> =
        list(&reference).iter().map(|n| std::fs::read(reference.join(n)).unwrap()).collect();
    assert_eq!(complete.len(), inputs.len());

    let out = dir.join("out");
    let mut rng = Seeded::new(0xC4A5);
    let (mut killed_mid_write, mut kills) = (0, 0);
    for round in 0..10 {
        // Within the first 60% of a run, so nearly every kill lands inside one.
        let delay = Duration::from_millis(rng.below((span.as_millis() * 6 / 10).max(2) as u64));
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("shotmask"))
            .args(args(&out))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL: no cleanup code runs
            kills += 1;
        }
        child.wait().unwrap();
        let (finals, temps) = check_out_dir(&out, &complete);
        killed_mid_write += usize::from(temps > 0);
        eprintln!("round {round}: killed after {delay:?}: {finals} whole files, {temps} temporary");
        for (path, bytes) in &inputs {
            assert!(std::fs::read(path).unwrap() == *bytes, "{} changed", path.display());
        }
    }
    eprintln!("{kills} kills, {killed_mid_write} left temporary files behind");
    assert!(kills >= 3, "too few kills landed inside a run ({kills})");

    // The next complete run removes the temporary files and writes everything.
    let r = run(&args(&out).iter().map(|s| s as &dyn AsRef<std::ffi::OsStr>).collect::<Vec<_>>());
    assert_eq!(r.status.code(), Some(0));
    let (finals, temps) = check_out_dir(&out, &complete);
    assert_eq!(temps, 0, "temporary files survived the next run: {:?}", list(&out));
    assert!(finals >= inputs.len());
    for (path, bytes) in &inputs {
        assert!(std::fs::read(path).unwrap() == *bytes, "{} changed", path.display());
    }
}

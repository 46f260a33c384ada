//! Puts the git commit into `--version` (`SHOTMASK_VERSION`): `0.1.0
//! (3f2a9c1e0b7d 2024-11-25)` from a git checkout, plain `0.1.0` from a
//! source archive or crates.io, or when git is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    println!("cargo:rerun-if-changed=build.rs");
    // Only our own checkout: not a repository that happens to contain the
    // unpacked source somewhere below it.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let top = git(&["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    let ours = match (manifest, top) {
        (Some(m), Some(t)) => std::fs::canonicalize(m).ok() == std::fs::canonicalize(t).ok(),
        _ => false,
    };
    let commit = if ours { git(&["log", "-1", "--format=%h %cs", "--abbrev=12"]) } else { None };
    let full = match commit {
        Some(commit) if !commit.is_empty() => format!("{version} ({commit})"),
        _ => version.to_string(),
    };
    println!("cargo:rustc-env=SHOTMASK_VERSION={full}");
    if !ours {
        return;
    }
    // Rebuild when HEAD moves: HEAD itself (a checkout) and the branch refs
    // (a commit). Only paths that exist, or cargo would rerun every time.
    let dirs = [git(&["rev-parse", "--git-dir"]), git(&["rev-parse", "--git-common-dir"])];
    for dir in dirs.into_iter().flatten().map(PathBuf::from) {
        for watched in [dir.join("HEAD"), dir.join("packed-refs"), dir.join("refs").join("heads")] {
            if watched.exists() {
                println!("cargo:rerun-if-changed={}", watched.display());
            }
        }
    }
}

/// The trimmed output of a git command run in the package folder, if git is
/// there and succeeds.
fn git(args: &[&str]) -> Option<String> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let out = Command::new("git").args(args).current_dir(Path::new(&dir)).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    let dir_arg = args.first().is_some_and(|a| *a == "rev-parse");
    // rev-parse gives paths relative to the package folder.
    Some(if dir_arg { Path::new(&dir).join(&text).display().to_string() } else { text })
}

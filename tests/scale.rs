//! Scale-out hooks: `--files-from` and `--shard K/N` split one job across
//! processes or machines; their reports merge by concatenating `files`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

use serde_json::Value;

use crate::util::*;

/// Tiny images in nested folders with Korean and spaced names, a note, and
/// the list of them all (plus a path that does not exist).
fn job(dir: &Dir) -> Vec<PathBuf> {
    let names = [
        "a.png",
        "b.png",
        "스크린샷 1.png",
        "스크린샷 2.jpg",
        "sub/c d.png",
        "sub/e.png",
        "sub/깊은/f.png",
        "g.png",
        "h.jpg",
        "i.png",
        "j.png",
    ];
    let mut paths = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let img = screenshot(40, 64, i as u64);
        let bytes = if name.ends_with(".jpg") { jpeg(&img, 90) } else { png(&img) };
        paths.push(dir.write(PathBuf::from("in").join(name), &bytes));
    }
    paths.push(dir.write("in/notes.txt", b"not an image"));
    paths.push(dir.join("in/gone.png"));
    paths
}

fn run_json(dir: &Dir, args: &[&dyn AsRef<std::ffi::OsStr>], stdin: Option<&[u8]>) -> (i32, Value) {
    let report = dir.join(format!("report-{}.json", next_id()));
    let mut cmd = command();
    cmd.current_dir(dir.path()).arg("--dry-run").arg("--report").arg(&report);
    for a in args {
        cmd.arg(a);
    }
    let out = match stdin {
        None => cmd.output().unwrap(),
        Some(bytes) => {
            let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
            child.stdin.take().unwrap().write_all(bytes).unwrap();
            child.wait_with_output().unwrap()
        }
    };
    let json: Value = serde_json::from_slice(&std::fs::read(&report).unwrap_or_default())
        .unwrap_or_else(|_| panic!("no report: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), json)
}

fn next_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// How many times each input appears in the reports' `files`, concatenated.
fn counts(reports: &[Value]) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for r in reports {
        for f in r["files"].as_array().unwrap() {
            *seen.entry(f["input"].as_str().unwrap().to_string()).or_insert(0) += 1;
        }
    }
    seen
}

fn list_bytes(paths: &[PathBuf]) -> Vec<u8> {
    paths.iter().map(|p| format!("{}\n", p.display())).collect::<String>().into_bytes()
}

#[test]
fn shards_of_a_list_cover_every_input_exactly_once_in_any_order() {
    let dir = Dir::new();
    // Relative paths, as a list made with `find in` would hold (and the
    // split is then the same on every run of this test).
    let paths: Vec<PathBuf> = job(&dir).iter().map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf()).collect();
    let list = dir.write("list.txt", &list_bytes(&paths));
    let mut reversed = paths.clone();
    reversed.reverse();
    let reversed_list = dir.write("reversed.txt", &list_bytes(&reversed));

    let (code, whole) = run_json(&dir, &[&"--files-from", &list], None);
    assert_eq!(code, 1, "the missing path is an error");
    let all = counts(std::slice::from_ref(&whole));
    assert_eq!(all.len(), paths.len());

    let mut shards = Vec::new();
    for k in 0..3 {
        let shard = format!("{k}/3");
        let (_, forward) = run_json(&dir, &[&"--shard", &shard, &"--files-from", &list], None);
        // The same shard from a list in another order, read from stdin.
        let (_, backward) = run_json(&dir, &[&"--shard", &shard, &"--files-from", &"-"], Some(&list_bytes(&reversed)));
        assert_eq!(counts(std::slice::from_ref(&forward)), counts(std::slice::from_ref(&backward)), "{shard}");
        let (_, from_file) = run_json(&dir, &[&"--shard", &shard, &"--files-from", &reversed_list], None);
        assert_eq!(counts(std::slice::from_ref(&forward)), counts(std::slice::from_ref(&from_file)), "{shard}");
        assert!(!forward["files"].as_array().unwrap().is_empty(), "{shard} is empty: a poor split");
        shards.push(forward);
    }
    // Concatenated, the shard reports are the whole job, each input once.
    assert_eq!(counts(&shards), all);
    let ok: u64 = shards.iter().map(|r| r["totals"]["ok"].as_u64().unwrap()).sum();
    assert_eq!(ok, whole["totals"]["ok"].as_u64().unwrap());
}

#[test]
fn shards_of_a_folder_cover_every_file_exactly_once_wherever_it_is() {
    let dir = Dir::new();
    job(&dir);
    let (_, whole) = run_json(&dir, &[&"-r", &dir.join("in")], None);
    let all = counts(std::slice::from_ref(&whole));
    assert_eq!(all.len(), 12, "{all:?}");
    let mut shards = Vec::new();
    for k in 0..4 {
        shards.push(run_json(&dir, &[&"-r", &"--shard", &format!("{k}/4"), &dir.join("in")], None).1);
    }
    assert_eq!(counts(&shards), all);

    // The same folder somewhere else splits the same way: shards go by the
    // path inside the folder given, not by where it is mounted.
    std::fs::rename(dir.join("in"), dir.join("moved")).unwrap();
    let (_, moved) = run_json(&dir, &[&"-r", &"--shard", &"1/4", &dir.join("moved")], None);
    let rel = |r: &Value, root: &str| -> Vec<String> {
        let root = dir.join(root);
        let mut v: Vec<String> = r["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| PathBuf::from(f["input"].as_str().unwrap()).strip_prefix(&root).unwrap().display().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(rel(&moved, "moved"), rel(&shards[1], "in"));
}

#[test]
fn an_empty_shard_succeeds_with_an_empty_report() {
    let dir = Dir::new();
    let one = dir.write("in/only.png", &png(&screenshot(40, 64, 1)));
    let codes: Vec<(i32, usize)> = (0..2)
        .map(|k| {
            let (code, r) = run_json(&dir, &[&"--shard", &format!("{k}/2"), &one], None);
            (code, r["files"].as_array().unwrap().len())
        })
        .collect();
    let mut sizes: Vec<usize> = codes.iter().map(|c| c.1).collect();
    sizes.sort();
    assert_eq!(sizes, [0, 1]);
    assert!(codes.iter().all(|c| c.0 == 0), "{codes:?}");
}

#[test]
fn bad_lists_and_shards_are_usage_errors() {
    let dir = Dir::new();
    let a = dir.write("a.png", &png(&screenshot(40, 64, 1)));
    for args in [
        vec![&"--files-from" as &dyn AsRef<std::ffi::OsStr>, &"/no/such/list.txt"],
        vec![&"--shard", &"3/3", &a],
        vec![&"--shard", &"1", &a],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(!dir.join("masked").exists());
    }
}

//! Files other than images get the images' guarantees: sidecars and the
//! config file are read only when they are regular files of a bounded size
//! (a present but unusable one fails, never passes over), nothing written
//! replaces anything, temporary files are told apart by their locks, cut
//! JPEGs fail, outputs are never read back, an unusable output folder is
//! one error up front, names reach the terminal escaped, and Ctrl-C or
//! SIGTERM ends a run with its summary and report.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::adversary::*;
use crate::util::*;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

fn report_at(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

fn temps_in(dir: &Path) -> Vec<String> {
    list(dir).into_iter().filter(|n| n.starts_with(".shotmask-")).collect()
}

#[test]
fn the_report_and_the_preview_never_replace_a_file() {
    let dir = Dir::new();
    let a = dir.write("shots/a.png", &png(&screenshot(200, 300, 1)));
    let original = std::fs::read(&a).unwrap();
    let notes = dir.write("notes.html", b"<p>my notes</p>");
    let old_report = dir.write("r.json", b"{\"mine\": true}");
    for (flag, target) in [("--report", &a), ("--report", &old_report)] {
        let out = run(&[&"-o", &dir.join("out"), &flag, target, &dir.join("shots")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {}: {stderr}", target.display());
        assert!(stderr.contains("never replaces"), "{stderr}");
    }
    let preview = format!("--preview={}", notes.display());
    let out = run(&[&"-o", &dir.join("out"), &preview, &dir.join("shots")]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&a).unwrap(), original);
    assert_eq!(std::fs::read(&notes).unwrap(), b"<p>my notes</p>");
    assert_eq!(std::fs::read(&old_report).unwrap(), b"{\"mine\": true}");
    assert!(list(&dir.join("out")).is_empty(), "nothing is written before the check");

    // New files are written whole, and leave no temporary file beside them.
    let report = dir.join("new.json");
    let page = dir.join("new.html");
    let preview = format!("--preview={}", page.display());
    let out = run(&[&"-o", &dir.join("out"), &"--report", &report, &preview, &dir.join("shots")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(report_at(&report)["totals"]["ok"], 1);
    assert!(std::fs::read_to_string(&page).unwrap().ends_with("</html>\n"));
    assert!(temps_in(dir.path()).is_empty(), "{:?}", list(dir.path()));
}

#[test]
fn a_fifo_named_as_a_sidecar_fails_its_image_and_the_batch_goes_on() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(120, 200, 1)));
    dir.write("in/b.png", &png(&screenshot(120, 200, 2)));
    dir.write("in/c.png", &png(&screenshot(120, 200, 3)));
    mkfifo(&dir.join("in/a.png.boxes"));
    mkfifo(&dir.join("in/b.json"));
    let report = dir.join("r.json");
    let p = probe(&[&"--report", &report, &"-o", &dir.join("out"), &dir.join("in")], Duration::from_secs(120));
    assert!(!p.hung, "the batch waited on a pipe: {p:?}");
    assert_eq!(p.code, Some(1), "{}", p.stderr);
    let report = report_at(&report);
    for (name, sidecar) in [("a.png", "a.png.boxes"), ("b.png", "b.json")] {
        let f = entry(&report, name);
        assert_eq!(f["status"], "error", "{f}");
        assert_eq!(f["error_code"], "sidecar", "{f}");
        let error = f["error"].as_str().unwrap();
        assert!(error.contains(sidecar) && error.contains("pipe"), "{error}");
    }
    assert_eq!(entry(&report, "c.png")["status"], "ok");
    assert_eq!(list(&dir.join("out")).len(), 1);
}

#[test]
fn hostile_sidecars_and_config_files_cost_little() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new();
    dir.write("zero/a.png", &png(&screenshot(120, 200, 1)));
    symlink("/dev/zero", dir.join("zero/a.png.boxes")).unwrap();
    dir.write("sparse/a.png", &png(&screenshot(120, 200, 1)));
    let sparse = std::fs::File::create(dir.join("sparse/a.png.boxes")).unwrap();
    sparse.set_len(3 << 30).unwrap();
    dir.write("json/a.png", &png(&screenshot(120, 200, 1)));
    std::fs::File::create(dir.join("json/a.json")).unwrap().set_len(3 << 30).unwrap();
    for case in ["zero", "sparse", "json"] {
        let report = dir.join(format!("{case}.json"));
        let args: [&dyn AsRef<OsStr>; 5] = [&"--report", &report, &"-o", &dir.join("out"), &dir.join(case)];
        let p = probe(&args, Duration::from_secs(120));
        eprintln!(
            "{case} sidecar: exit {:?} in {:.2} s, peak RSS {:.1} MiB",
            p.code,
            p.elapsed.as_secs_f64(),
            p.max_rss_mib()
        );
        assert_eq!(p.code, Some(1), "{case}: {}", p.stderr);
        assert!(p.max_rss_mib() < 200.0, "{case}: peak RSS {:.1} MiB", p.max_rss_mib());
        let f = entry(&report_at(&report), "a.png").clone();
        assert_eq!(f["error_code"], "sidecar", "{f}");
    }

    // A 1 GB config file, and a junk one whose single line is 900 KB.
    dir.write("shots/a.png", &png(&screenshot(120, 200, 1)));
    std::fs::File::create(dir.join("big.toml")).unwrap().set_len(1 << 30).unwrap();
    dir.write("junk.toml", &vec![b'x'; 900_000]);
    for config in ["big.toml", "junk.toml"] {
        let p = probe(
            &[&"--config", &dir.join(config), &"-o", &dir.join("out"), &dir.join("shots")],
            Duration::from_secs(120),
        );
        eprintln!(
            "{config}: exit {:?} in {:.2} s, peak RSS {:.1} MiB",
            p.code,
            p.elapsed.as_secs_f64(),
            p.max_rss_mib()
        );
        assert_eq!(p.code, Some(2), "{config}: {}", p.stderr);
        assert!(p.stderr.len() < 2_000, "{config}: {} bytes of error", p.stderr.len());
        assert!(p.stderr.contains(config), "{}", p.stderr);
        assert!(p.max_rss_mib() < 200.0, "{config}: peak RSS {:.1} MiB", p.max_rss_mib());
    }
    assert!(list(&dir.join("out")).is_empty());
}

#[test]
fn sidecars_and_config_files_that_exist_but_cannot_be_used_are_errors() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new();
    for name in ["dangling", "folder", "device", "good"] {
        dir.write(format!("in/{name}.png"), &png(&screenshot(120, 200, name.len() as u64)));
    }
    symlink("nowhere.boxes", dir.join("in/dangling.png.boxes")).unwrap();
    std::fs::create_dir(dir.join("in/folder.json")).unwrap();
    symlink("/dev/null", dir.join("in/device.json")).unwrap();
    let (code, stderr, report) = run_report(&dir, &[&"-o", &dir.join("out"), &dir.join("in")]);
    assert_eq!(code, 1, "{stderr}");
    for (name, why) in [("dangling.png", "does not exist"), ("folder.png", "folder"), ("device.png", "device")] {
        let f = entry(&report, name);
        assert_eq!((f["status"].as_str(), f["error_code"].as_str()), (Some("error"), Some("sidecar")), "{f}");
        assert!(f["error"].as_str().unwrap().contains(why), "{f}");
        assert!(f["output"].is_null());
    }
    assert_eq!(entry(&report, "good.png")["status"], "ok");
    assert_eq!(list(&dir.join("out")).len(), 1);

    // A config file that is there but is a folder, or a dangling link: exit 2.
    for (folder, make) in [("cfg-folder", 0), ("cfg-link", 1)] {
        dir.write(format!("{folder}/a.png"), &png(&screenshot(120, 200, 1)));
        let config = dir.join(folder).join("shotmask.toml");
        if make == 0 {
            std::fs::create_dir(&config).unwrap();
        } else {
            symlink("gone.toml", &config).unwrap();
        }
        let out = run(&[&"-o", &dir.join("cfg-out"), &dir.join(folder)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{folder}: {stderr}");
        assert!(stderr.contains("shotmask.toml"), "{stderr}");
    }
    assert!(list(&dir.join("cfg-out")).is_empty());
}

#[test]
fn an_input_name_of_255_bytes_is_processed() {
    let dir = Dir::new();
    // 83 Hangul syllables (3 bytes each) and `.png`: 253 bytes. `NAME.boxes`
    // cannot exist on this file system, so there is no sidecar.
    let name = format!("{}.png", "가".repeat(83));
    assert!(name.len() > 250 && name.len() <= 255);
    dir.write(format!("in/{name}"), &png(&screenshot(120, 200, 1)));
    let (code, stderr, report) = run_report(&dir, &[&"--box", &"0,0,10,10", &"-o", &dir.join("out"), &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["files"][0]["status"], "ok", "{report}");
}

#[test]
fn a_locked_temporary_file_is_left_alone_by_runs_in_other_pid_namespaces() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(120, 200, 1)));
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let live = out.join(".shotmask-live.tmp");
    let dead = out.join(".shotmask-dead.tmp");
    std::fs::write(&live, b"being written").unwrap();
    std::fs::write(&dead, b"left by a killed run").unwrap();
    let held = std::fs::File::open(&live).unwrap();
    held.lock().unwrap();
    // In a PID namespace of its own where it can (root), so that this
    // process's id means nothing to it; else as a plain child.
    let isolated =
        std::process::Command::new("unshare").args(["--pid", "--fork", "true"]).status().is_ok_and(|s| s.success());
    let mut cmd = if isolated {
        let mut c = std::process::Command::new("unshare");
        c.args(["--pid", "--fork"]).arg(assert_cmd::cargo::cargo_bin!("shotmask"));
        c
    } else {
        eprintln!("unshare --pid is not permitted here: the run is an ordinary child process");
        std::process::Command::new(assert_cmd::cargo::cargo_bin!("shotmask"))
    };
    let status = cmd.arg("-o").arg(&out).arg(dir.join("in")).stdin(std::process::Stdio::null()).status().unwrap();
    assert!(status.success());
    assert!(live.exists(), "a live run's temporary file was removed");
    assert!(!dead.exists(), "a dead run's temporary file was kept");
    drop(held);
}

/// Two batches writing into one folder from separate PID namespaces, the
/// second started again and again while the first runs: the first loses
/// nothing.
#[test]
fn two_runs_in_separate_pid_namespaces_share_an_output_folder() {
    if !std::process::Command::new("unshare").args(["--pid", "--fork", "true"]).status().is_ok_and(|s| s.success()) {
        eprintln!("skipped: unshare --pid is not permitted here (covered by the lock test above)");
        return;
    }
    let dir = Dir::new();
    for i in 0..24u64 {
        dir.write(format!("long/p{i:02}.png"), &png(&photo(900, 700, 2 * i)));
    }
    dir.write("short/s.png", &png(&screenshot(120, 200, 1)));
    let out = dir.join("out");
    let spawn = |input: &str, report: &Path| {
        std::process::Command::new("unshare")
            .args(["--pid", "--fork"])
            .arg(assert_cmd::cargo::cargo_bin!("shotmask"))
            .args(["-j", "1", "--max-size", "80KB", "--report"])
            .arg(report)
            .arg("-o")
            .arg(&out)
            .arg(dir.join(input))
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let long_report = dir.join("long.json");
    let mut long = spawn("long", &long_report);
    let mut others = 0;
    while long.try_wait().unwrap().is_none() {
        let r = dir.join(format!("short{others}.json"));
        let status = spawn("short", &r).wait().unwrap();
        assert!(status.success());
        others += 1;
    }
    assert!(long.wait().unwrap().success(), "the long run failed");
    let report = report_at(&long_report);
    assert_eq!(report["totals"]["ok"], 24, "{report}");
    eprintln!("{others} other runs cleaned the folder while the long one wrote into it");
    assert!(others >= 2);
    assert!(temps_in(&out).is_empty());
}

#[test]
fn jpegs_cut_short_fail_and_one_missing_only_its_end_marker_is_written_with_a_warning() {
    let dir = Dir::new();
    let whole = jpeg(&photo(640, 480, 7), 90);
    for percent in [2usize, 40, 75, 99] {
        dir.write(format!("in/cut{percent:02}.jpg"), &whole[..whole.len() * percent / 100]);
    }
    dir.write("in/no-end.jpg", &whole[..whole.len() - 2]);
    dir.write("in/whole.jpg", &whole);
    let (code, stderr, report) = run_report(&dir, &[&"-o", &dir.join("out"), &dir.join("in")]);
    assert_eq!(code, 1, "{stderr}");
    for percent in [2, 40, 75, 99] {
        let f = entry(&report, &format!("cut{percent:02}.jpg"));
        assert_eq!(f["status"], "error", "{f}");
        assert!(matches!(f["error_code"].as_str(), Some("truncated" | "decode")), "{f}");
    }
    let f = entry(&report, "no-end.jpg");
    assert_eq!(f["status"], "ok", "{f}");
    assert!(f["warnings"].to_string().contains("end marker"), "{f}");
    // All of its image data is there: its result is the whole file's, byte
    // for byte (so it is written once).
    let whole = entry(&report, "whole.jpg");
    assert_eq!(whole["status"], "ok");
    assert_eq!(whole["output"], f["output"]);
    assert_eq!(list(&dir.join("out")).len(), 1);
}

#[test]
fn an_output_folder_that_is_an_input_folder_is_refused() {
    let dir = Dir::new();
    dir.write("shots/a.png", &png(&screenshot(120, 200, 1)));
    std::os::unix::fs::symlink(dir.join("shots"), dir.join("link")).unwrap();
    for out in [dir.join("shots"), dir.join("link"), dir.join("shots/.")] {
        for input in [dir.join("shots"), dir.join("shots/a.png")] {
            let r = run(&[&"-o", &out, &input]);
            let stderr = String::from_utf8_lossy(&r.stderr);
            assert_eq!(r.status.code(), Some(2), "-o {} {}: {stderr}", out.display(), input.display());
            assert!(stderr.contains("read back"), "{stderr}");
        }
    }
    assert_eq!(list(&dir.join("shots")), ["a.png"]);
}

#[test]
fn an_output_location_that_cannot_work_is_one_error_before_any_work() {
    let dir = Dir::new();
    for i in 0..3 {
        dir.write(format!("shots/{i}.png"), &png(&screenshot(120, 200, i)));
    }
    let file = dir.write("file", b"a file");
    dir.write("other/a.png", &png(&screenshot(120, 200, 9)));
    dir.write("other/masked", b"a file named like the output folder");
    let (shots, sub, other) = (dir.join("shots"), file.join("sub"), dir.join("other"));
    let cases: [(&str, Vec<&dyn AsRef<OsStr>>); 4] = [
        ("-o is a file", vec![&"-o", &file, &shots]),
        ("-o under a file", vec![&"-o", &sub, &shots]),
        ("masked is a file", vec![&other]),
        ("-o cannot be created", vec![&"-o", &"/proc/shotmask-cannot-be-here", &shots]),
    ];
    for (what, args) in cases {
        let report = dir.join("r.json");
        let mut all: Vec<&dyn AsRef<OsStr>> = vec![&"--report", &report];
        all.extend(args);
        let r = run(&all);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{what}: {stderr}");
        assert_eq!(stderr.lines().filter(|l| l.contains("error")).count(), 1, "{what}: one error: {stderr}");
        assert!(stderr.contains("output folder"), "{what}: {stderr}");
        assert!(!report.exists(), "{what}: nothing is written");
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"a file");
}

#[test]
fn file_names_reach_the_terminal_escaped() {
    let dir = Dir::new();
    dir.write("in/clear\u{1b}[2Jscreen.png", b"not an image at all");
    dir.write("in/two\nlines.png", b"not an image either");
    dir.write("in/good.png", &png(&screenshot(120, 200, 1)));
    let (code, stderr, report) = run_report(&dir, &[&"-o", &dir.join("out"), &dir.join("in")]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "a raw escape reached the terminal: {stderr:?}");
    assert!(stderr.contains("clear\\u{1b}[2Jscreen.png"), "{stderr}");
    let line = stderr.lines().find(|l| l.contains("two")).unwrap();
    assert!(line.contains("two\\u{a}lines.png") && line.contains("not a supported"), "{line}");
    // The report keeps the names exact.
    assert!(
        report["files"].as_array().unwrap().iter().any(|f| f["input"].as_str().unwrap().ends_with("two\nlines.png"))
    );
}

/// A batch long enough to be stopped in the middle: 30 photos, one worker.
fn long_batch(dir: &Dir) -> PathBuf {
    for i in 0..30u64 {
        dir.write(format!("in/p{i:02}.png"), &png(&photo(1200, 900, 2 * i)));
    }
    dir.join("in")
}

/// Starts a run over `input`, waits until its first result is written,
/// sends `signals` (5 ms apart) and returns (exit code, stderr).
fn signalled(input: &Path, out: &Path, report: &Path, signals: &[i32]) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = command()
        .args(["-j", "1", "--max-size", "100KB", "--report"])
        .arg(report)
        .arg("-o")
        .arg(out)
        .arg(input)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while list(out).iter().all(|n| n.starts_with('.')) {
        assert!(started.elapsed() < Duration::from_secs(120), "no result written");
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be stopped");
        std::thread::sleep(Duration::from_millis(20));
    }
    for &s in signals {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, s) };
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (status.code(), stderr)
}

#[test]
fn ctrl_c_and_sigterm_stop_with_a_summary_and_a_report_of_what_was_done() {
    let dir = Dir::new();
    let input = long_batch(&dir);
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let out = dir.join(format!("out{signal}"));
        let report = dir.join(format!("r{signal}.json"));
        let (status, stderr) = signalled(&input, &out, &report, &[signal]);
        assert_eq!(status, Some(code), "{stderr}");
        assert!(stderr.contains("stopped") && stderr.contains("written"), "no summary: {stderr}");
        let report = report_at(&report);
        assert_eq!(report["interrupted"], true);
        let files = report["files"].as_array().unwrap();
        let ok: Vec<&Value> = files.iter().filter(|f| f["status"] == "ok").collect();
        let left = files.iter().filter(|f| f["error_code"] == "interrupted").count();
        assert!(!ok.is_empty() && left > 0, "{} written, {left} left", ok.len());
        assert_eq!(ok.len() + left, 30);
        // What the report says was written is there, whole; nothing else is.
        let written: Vec<String> = list(&out);
        assert_eq!(written.len(), ok.len(), "{written:?}");
        for f in ok {
            assert_clean_output(Path::new(f["output"].as_str().unwrap()));
        }
    }
}

#[test]
fn a_second_ctrl_c_ends_the_run_at_once() {
    let dir = Dir::new();
    let input = long_batch(&dir);
    let (out, report) = (dir.join("out"), dir.join("r.json"));
    let (status, _) = signalled(&input, &out, &report, &[libc::SIGINT, libc::SIGINT]);
    assert_eq!(status, Some(130));
    // It did not wait to write the report.
    assert!(!report.exists());
    // The next run removes what the abrupt end left, and writes everything.
    let r = run(&[&"--max-size", &"100KB", &"-o", &out, &input]);
    assert_eq!(r.status.code(), Some(0));
    assert!(temps_in(&out).is_empty());
    assert_eq!(list(&out).len(), 30);
}

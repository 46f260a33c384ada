//! What a person sees on the terminal: the summary, errors, colour, the
//! drag-and-drop pause, and the shell niceties.

use std::io::Read;
use std::process::{Command, Output, Stdio};

use crate::util::*;

fn output(cmd: &mut Command) -> (i32, String, String) {
    let out: Output = cmd.output().expect("run shotmask");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// The value of a summary row (`written     2 files` → `2 files`).
fn row<'a>(stderr: &'a str, label: &str) -> &'a str {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix(label).filter(|rest| rest.starts_with(' ')).map(str::trim))
        .unwrap_or_else(|| panic!("no `{label}` row in:\n{stderr}"))
}

#[test]
fn a_corrupt_file_fails_alone_and_the_summary_and_exit_code_say_so() {
    let dir = Dir::new();
    dir.write("내 사진/a.png", &png(&screenshot(200, 300, 1)));
    dir.write("내 사진/스크린샷 2.jpg", &jpeg(&screenshot(200, 300, 2), 90));
    let mut corrupt = png(&screenshot(200, 300, 3));
    corrupt.truncate(corrupt.len() / 2);
    dir.write("내 사진/corrupt.png", &corrupt);
    dir.write("내 사진/notes.txt", b"not an image");

    let (code, _, stderr) = output(command().arg(dir.join("내 사진")));
    assert_eq!(code, 1, "{stderr}");
    let written = dir.list("내 사진/masked");
    assert_eq!(written.len(), 2, "{written:?}");
    for name in &written {
        decode(&dir.join("내 사진/masked").join(name));
    }
    assert_eq!(row(&stderr, "written"), "2 files");
    assert_eq!(row(&stderr, "failed"), "1 file (listed above)");
    assert_eq!(row(&stderr, "skipped"), "1 file (not an image)");
    assert!(row(&stderr, "size").ends_with("each at most 1 MB"), "{stderr}");
    assert_eq!(row(&stderr, "regions"), "0 masked");
    assert_eq!(row(&stderr, "outputs"), dir.join("내 사진/masked").display().to_string());
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("corrupt.png")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].starts_with("error: ") && errors[0].contains("cannot decode"), "{}", errors[0]);
}

#[test]
fn quiet_prints_only_errors_and_verbose_a_line_per_file() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(120, 200, 1)));
    dir.write("in/b.png", &png(&screenshot(120, 200, 2)));
    dir.write("in/bad.png", b"\x89PNG\r\n\x1a\nnot really");

    let (code, stdout, stderr) = output(command().arg("-q").arg(dir.join("in")));
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains("bad.png"), "{stderr}");

    let (code, _, stderr) = output(command().arg("-v").arg(dir.join("in")));
    assert_eq!(code, 1);
    for name in ["a.png", "b.png"] {
        let line = stderr.lines().find(|l| l.contains(name) && l.contains(" → ")).unwrap_or_else(|| panic!("{stderr}"));
        assert!(line.contains("masked"), "{line}");
    }
}

#[test]
fn colour_only_when_allowed_and_never_with_no_color() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(120, 200, 1)));
    dir.write("in/bad.png", b"junk that is not an image");
    let run = |env: &[(&str, &str)]| {
        let mut cmd = command();
        cmd.arg("--dry-run").arg(dir.join("in"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        output(&mut cmd).2
    };
    // Forced on (as a terminal would have it): the error and the summary are coloured.
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\x1b["), "{forced:?}");
    // NO_COLOR wins, even over a forced setting.
    for env in [&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")][..], &[("NO_COLOR", "1")]] {
        let plain = run(env);
        assert!(!plain.contains('\x1b'), "{env:?}: {plain:?}");
        assert!(plain.contains("error: ") && plain.contains("failed      1 file"), "{plain}");
    }
    // Not a terminal (a pipe here): no colour.
    let piped = run(&[]);
    assert!(!piped.contains('\x1b'), "{piped:?}");
}

/// Runs with stdin a pipe that stays open and is never written to: a tool
/// that waited for Enter would hang there, so it is killed after a generous
/// guard and the test fails.
fn exits_without_waiting(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String) {
    let mut cmd = command();
    for a in args {
        cmd.arg(a);
    }
    let mut child = cmd.stdin(Stdio::piped()).stderr(Stdio::piped()).stdout(Stdio::null()).spawn().unwrap();
    let _stdin_kept_open = child.stdin.take();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("shotmask still running with {} arguments: it waited for input on a pipe", args.len());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap();
    assert!(!stderr.contains("Press Enter"), "{stderr}");
    (status.code().unwrap_or(-1), stderr)
}

#[test]
fn never_pauses_when_stdin_is_not_a_terminal() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(120, 200, 1)));
    assert_eq!(exits_without_waiting(&[&dir.join("in")]).0, 0);
    assert_eq!(exits_without_waiting(&[&dir.join("missing")]).0, 1);
    assert_eq!(exits_without_waiting(&[&"--box", &"1,2,3", &dir.join("in")]).0, 2);
    assert_eq!(exits_without_waiting(&[]).0, 0);
}

#[test]
fn completions_as_a_word_never_hide_a_folder_of_that_name() {
    let dir = Dir::new();
    let (code, stdout, stderr) = output(command().current_dir(dir.path()).args(["completions", "bash"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("_shotmask") && stdout.contains("--max-size"), "{stdout}");
    let (code, stdout, _) = output(command().args(["--completions", "powershell"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("Register-ArgumentCompleter"));

    // Now a folder named `completions` holds screenshots.
    dir.write("completions/a.png", &png(&screenshot(120, 200, 1)));
    let (code, stdout, stderr) = output(command().current_dir(dir.path()).args(["completions", "bash"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("./completions"), "{stderr}");
    assert!(!dir.join("completions/masked").exists());
    let (code, _, stderr) = output(command().current_dir(dir.path()).arg("./completions"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(dir.list("completions/masked").len(), 1);
}

#[test]
fn help_prints_the_n_token_instead_of_breaking_the_line() {
    let (code, help, _) = output(command().arg("--help"));
    assert_eq!(code, 0);
    let line = help.lines().find(|l| l.contains("[default: {label}_{date}_")).unwrap_or_else(|| panic!("{help}"));
    assert!(line.trim_end().ends_with("n}]"), "{line}");
}

#[test]
fn man_page_and_version() {
    let (code, man, _) = output(command().arg("--man"));
    assert_eq!(code, 0);
    assert!(man.contains(".TH shotmask"), "{}", &man[..man.len().min(300)]);
    assert!(man.contains("files\\-from") && man.contains("no\\-pause"));

    let (code, version, _) = output(command().arg("--version"));
    assert_eq!(code, 0);
    assert!(version.starts_with(&format!("shotmask {}", env!("CARGO_PKG_VERSION"))), "{version}");
    // Built from a git checkout: the commit is named.
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if let Some(head) = head {
        assert!(version.contains(&head[..12]), "{version} does not name {head}");
    }
}

#[test]
fn the_summary_names_the_one_output_folder_of_a_recursive_run() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(120, 200, 1)));
    dir.write("in/sub folder/b.png", &png(&screenshot(120, 200, 2)));
    let (code, _, stderr) = output(command().arg("-r").arg(dir.join("in")));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(row(&stderr, "outputs"), dir.join("in/masked").display().to_string());
    dir.write("other/c.png", &png(&screenshot(120, 200, 3)));
    let (_, _, stderr) = output(command().arg(dir.join("in")).arg(dir.join("other")));
    assert_eq!(row(&stderr, "outputs"), "2 folders named `masked`, beside the inputs");
}

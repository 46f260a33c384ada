//! Command-line behaviour: usage errors, help.

use crate::util::*;

#[test]
fn bad_usage_exits_2_and_writes_nothing() {
    let dir = Dir::new();
    let a = dir.write("a.png", &png(&screenshot(100, 150, 1)));
    for args in [
        vec!["--max-size", "not-a-size"],
        vec!["--box", "1,2,3"],
        vec!["--style", "swirl"],
        vec!["--name", "{nope}"],
        vec!["--style", "blur", "--color", "red"],
        vec!["--report", "/no/such/folder/r.json"],
    ] {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = args.iter().map(|s| s as &dyn AsRef<std::ffi::OsStr>).collect();
        all.push(&a);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("error"), "{args:?}: {stderr}");
        assert!(!dir.join("masked").exists(), "{args:?} wrote something");
    }
}

#[test]
fn no_arguments_print_a_short_help_with_drag_and_drop() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("drop screenshots"), "{stdout}");
    assert!(stdout.lines().count() < 25);
}

#[test]
fn a_folder_without_images_is_a_usage_error() {
    let dir = Dir::new();
    dir.write("in/readme.txt", b"hi");
    let out = run(&[&dir.join("in")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no images found"));
}

#[test]
fn help_lists_every_contract_option() {
    let out = run(&[&"--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for opt in [
        "--out",
        "--recursive",
        "--box",
        "--keep",
        "--pad",
        "--style",
        "--color",
        "--max-size",
        "--total-size",
        "--format",
        "--name",
        "--label",
        "--jobs",
        "--dry-run",
        "--report",
        "--quiet",
        "--verbose",
    ] {
        assert!(help.contains(opt), "{opt} missing from --help");
    }
}

//! Names: what a dropped folder of real-looking screenshots is called
//! afterwards, where each date came from, and the dry-run plan.

use std::path::Path;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::util::*;

/// "결제오류" as macOS writes it (NFD: separate jamo).
fn payment_error_nfd() -> String {
    "결제오류".nfd().collect()
}

/// The stems of the files in `dir`, sorted as a file manager sorts them.
fn stems(dir: &Path) -> Vec<String> {
    list(dir).iter().map(|n| Path::new(n).file_stem().unwrap().to_string_lossy().into_owned()).collect()
}

fn output_stem(report: &Value, input: &str) -> String {
    let out = entry(report, input)["output"].as_str().unwrap_or_else(|| panic!("{input} has no output: {report}"));
    Path::new(out).file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_dropped_folder_gives_sortable_descriptive_names() {
    let dir = Dir::new();
    let folder = dir.join(payment_error_nfd());
    // Listed by name, these are not in capture order.
    let kakao_screen = "Screenshot_20241125-093012_KakaoTalk.png";
    let mac_nfd: String = "스크린샷 2024-11-24 오후 11.05.00.png".nfd().collect();
    let kakao_save = "KakaoTalk_20241125_081500123.jpg";
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(kakao_screen), png(&screenshot(200, 360, 1))).unwrap();
    std::fs::write(folder.join(&mac_nfd), png(&screenshot(200, 360, 2))).unwrap();
    std::fs::write(folder.join(kakao_save), jpeg(&screenshot(200, 360, 3), 90)).unwrap();

    let (code, stderr, report) = run_report(&dir, &[&folder]);
    assert_eq!(code, 0, "{stderr}");
    // Label from the folder (in NFC), date from each name, position in
    // capture order: a file manager's sort is the capture order.
    let written = stems(&folder.join("masked"));
    assert_eq!(written, ["결제오류_2024-11-24_1", "결제오류_2024-11-25_2", "결제오류_2024-11-25_3"]);
    assert_eq!(output_stem(&report, "11.05.00.png"), "결제오류_2024-11-24_1");
    assert_eq!(output_stem(&report, kakao_save), "결제오류_2024-11-25_2");
    assert_eq!(output_stem(&report, kakao_screen), "결제오류_2024-11-25_3");
    for name in list(&folder.join("masked")) {
        assert_eq!(name.nfc().collect::<String>(), name, "not NFC: {name}");
    }
    let mac = entry(&report, "11.05.00.png");
    assert_eq!((&mac["meta"]["date"], &mac["meta"]["time"]), (&"2024-11-24".into(), &"23:05:00".into()));
    assert_eq!(entry(&report, kakao_save)["meta"]["app"], "KakaoTalk");
}

/// A JPEG whose EXIF block has `DateTimeOriginal` (in the Exif IFD).
fn jpeg_taken_at(img: &image::RgbImage, when: &str) -> Vec<u8> {
    assert_eq!(when.len(), 19);
    // Big-endian TIFF: IFD0 with one pointer to the Exif IFD, which holds
    // one ASCII entry whose 20 bytes follow it.
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend(1u16.to_be_bytes());
    t.extend([0x87, 0x69, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]);
    t.extend(0u32.to_be_bytes());
    t.extend(1u16.to_be_bytes());
    t.extend([0x90, 0x03, 0, 2, 0, 0, 0, 20, 0, 0, 0, 44]);
    t.extend(0u32.to_be_bytes());
    t.extend(when.as_bytes());
    t.push(0);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(t);
    jpeg_with_segments(&jpeg(img, 90), &[jpeg_segment(0xE1, &app1)])
}

#[test]
fn the_report_says_where_each_date_came_from() {
    let dir = Dir::new();
    dir.write("in/Screen Shot 2019-12-23 at 9.49.52 PM.png", &png(&screenshot(160, 240, 1)));
    dir.write("in/IMG_1234.jpg", &jpeg_taken_at(&screenshot(160, 240, 2), "2023:04:05 06:07:08"));
    let plain = dir.write("in/image.png", &png(&screenshot(160, 240, 3)));
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    std::fs::File::options().write(true).open(&plain).unwrap().set_modified(when).unwrap();

    let (code, stderr, report) = run_report(&dir, &[&"--name", &"{datetime}_{app}_{n}", &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    let meta = |name: &str| entry(&report, name)["meta"].clone();
    assert_eq!(
        meta("at 9.49.52 PM.png"),
        serde_json::json!({"date": "2019-12-23", "time": "21:49:52", "app": null, "source": "filename"})
    );
    assert_eq!(
        meta("IMG_1234.jpg"),
        serde_json::json!({"date": "2023-04-05", "time": "06:07:08", "app": null, "source": "exif"})
    );
    let local = jiff::Timestamp::from_second(1_600_000_000).unwrap().to_zoned_datetime(jiff::tz::TimeZone::system());
    let (date, time) = (local.date().to_string(), local.strftime("%H:%M:%S").to_string());
    assert_eq!(meta("image.png"), serde_json::json!({"date": date, "time": time, "app": null, "source": "mtime"}));
    // {datetime} and {n} by capture time; the empty {app} leaves no "__".
    assert_eq!(output_stem(&report, "at 9.49.52 PM.png"), "2019-12-23_21-49-52_1");
    assert_eq!(output_stem(&report, "IMG_1234.jpg"), "2023-04-05_06-07-08_3");
    assert_eq!(output_stem(&report, "image.png"), format!("{date}_{}_2", local.strftime("%H-%M-%S")));
}

#[test]
fn hostile_templates_and_labels_stay_one_file_in_the_output_folder() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(100, 150, 1)));
    dir.write("in/b.png", &png(&screenshot(100, 150, 2)));
    let out = dir.join("out");
    let (code, stderr, _) =
        run_report(&dir, &[&"--name", &"../{label}/..\\{n}.", &"--label", &"../../CON", &"-o", &out, &dir.join("in")]);
    assert_eq!(code, 0, "{stderr}");
    let names = list(&out);
    assert_eq!(names.len(), 2, "{names:?}");
    for n in &names {
        assert!(!n.contains('/') && !n.contains('\\') && !n.starts_with('.'), "{n}");
    }
    // Nothing escaped the output folder.
    assert_eq!(list(dir.path()).iter().filter(|n| !n.starts_with("report-")).count(), 2);
}

#[test]
fn dry_run_prints_an_aligned_original_to_new_name_table() {
    let dir = Dir::new();
    let folder = dir.join("결제오류");
    dir.write("결제오류/Screenshot_20241125-093012_KakaoTalk.png", &png(&screenshot(120, 200, 1)));
    dir.write("결제오류/스크린샷 2024-11-24 오후 11.05.00.png", &png(&screenshot(120, 200, 2)));
    dir.write("결제오류/signal-2023-05-26-101500.png", &png(&screenshot(120, 200, 3)));
    let out = run(&[&"--dry-run", &folder]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!folder.join("masked").exists(), "a dry run wrote something");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().filter(|l| l.contains('→')).collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    let row = |original: &str| *lines.iter().find(|l| l.contains(original)).unwrap_or_else(|| panic!("{stdout}"));
    assert!(row("signal-2023-05-26-101500.png").contains("→ 결제오류_2023-05-26_1.png"), "{stdout}");
    assert!(row("오후 11.05.00.png").contains("→ 결제오류_2024-11-24_2.png"), "{stdout}");
    assert!(row("KakaoTalk.png").contains("→ 결제오류_2024-11-25_3.png"), "{stdout}");
    // Arrows and new names start in the same terminal column on every row.
    let columns: Vec<usize> =
        lines.iter().map(|l| unicode_width::UnicodeWidthStr::width(&l[..l.find('→').unwrap()])).collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{stdout}");
    let header = stdout.lines().find(|l| l.contains("original")).unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(unicode_width::UnicodeWidthStr::width(&header[..header.find("new name").unwrap()]), columns[0] + 2);
}

/// Four screenshots of one day, in the order a file manager lists them:
/// three name their app (KakaoTalk, Samsung Internet, WhatsApp with a copy
/// suffix glued on), the macOS one none.
const AFTERNOON: [&str; 4] = [
    "Screenshot_20241125-093012_KakaoTalk.png",
    "Screenshot_20241125_101500_Samsung Internet.png",
    "WhatsApp Image 2024-11-25 at 16.47.59(1).jpeg",
    "스크린샷 2024-11-25 오후 1.22.34.png",
];

/// Writes the afternoon's screenshots into `folder`; their paths.
fn write_afternoon(folder: &Path) -> Vec<std::path::PathBuf> {
    std::fs::create_dir_all(folder).unwrap();
    AFTERNOON
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let path = folder.join(name);
            let img = screenshot(120, 200, i as u64);
            std::fs::write(&path, if name.ends_with(".jpeg") { jpeg(&img, 90) } else { png(&img) }).unwrap();
            path
        })
        .collect()
}

/// The output stems of a run with `args`, written into `out`.
fn names_of_run(dir: &Dir, out: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<String> {
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"-o", &out];
    all.extend_from_slice(args);
    let (code, stderr, _) = run_report(dir, &all);
    assert_eq!(code, 0, "{stderr}");
    stems(out)
}

#[test]
fn a_folder_and_its_files_dropped_one_by_one_get_the_same_names() {
    // Capture order: KakaoTalk 09:30, Samsung Internet 10:15, the macOS
    // shot 13:22, WhatsApp 16:47.
    let by_app =
        ["KakaoTalk_2024-11-25_1", "Samsung Internet_2024-11-25_2", "screenshot_2024-11-25_3", "WhatsApp_2024-11-25_4"];
    let by_folder =
        ["결제오류_2024-11-25_1", "결제오류_2024-11-25_2", "결제오류_2024-11-25_3", "결제오류_2024-11-25_4"];
    let nfd = payment_error_nfd();
    for (folder_name, expected) in [(nfd.as_str(), by_folder), ("Downloads", by_app), ("바탕 화면", by_app)] {
        let dir = Dir::new();
        let folder = dir.join(folder_name);
        let files = write_afternoon(&folder);
        let folder_drop = names_of_run(&dir, &dir.join("out-folder"), &[&folder]);
        // Windows passes a multi-file drop as one argument per file.
        let file_args: Vec<&dyn AsRef<std::ffi::OsStr>> = files.iter().map(|f| f as _).collect();
        let file_drop = names_of_run(&dir, &dir.join("out-files"), &file_args);
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(folder_drop, expected, "{folder_name}: the folder dropped");
        assert_eq!(file_drop, expected, "{folder_name}: its files dropped");
        // Files given by bare names, from inside their folder, as `.` would be.
        let out = dir.join("out-bare");
        let bare = command()
            .current_dir(&folder)
            .arg("-o")
            .arg(&out)
            .args(AFTERNOON)
            .env("XDG_CONFIG_HOME", dir.join("no-config"))
            .output()
            .unwrap();
        assert!(bare.status.success(), "{folder_name}: {}", String::from_utf8_lossy(&bare.stderr));
        assert_eq!(stems(&out), expected, "{folder_name}: bare names");
    }
}

#[test]
fn files_from_several_folders_each_take_their_own_folders_label() {
    let dir = Dir::new();
    let payment = write_afternoon(&dir.join("결제오류"));
    let delivery = dir.join("배송문의");
    std::fs::create_dir_all(&delivery).unwrap();
    let late = delivery.join("Screenshot_20241126-080000_Coupang.png");
    std::fs::write(&late, png(&screenshot(120, 200, 9))).unwrap();
    let downloads = dir.join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let loose = downloads.join("Screenshot_20241124-230000_Toss.png");
    std::fs::write(&loose, png(&screenshot(120, 200, 10))).unwrap();

    let out = dir.join("out");
    let args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&payment[0], &late, &payment[3], &loose];
    let mut expected = ["Toss_2024-11-24_1", "결제오류_2024-11-25_2", "결제오류_2024-11-25_3", "배송문의_2024-11-26_4"];
    expected.sort();
    assert_eq!(names_of_run(&dir, &out, &args), expected);
}

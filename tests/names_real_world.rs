//! Real-world file names: how the name reader does on names of
//! screenshots, messenger saves, camera and cloud uploads and capture tools
//! that other people wrote down, each row with its source.
//!
//! Sources (the key in each row's comment):
//! - `ente-test`: ente-io/ente, web upload tests (`DATE_TIME_PARSING_TEST_FILE_NAMES`
//!   and the file-name-to-JSON cases of its Google Takeout matcher).
//! - `ente-date`: ente-io/ente, web/packages/gallery/services/upload/date.ts (comments).
//! - `ente-3851`: github.com/ente-io/ente/issues/3851 (Signal for Android batch names).
//! - `pp-path`: photoprism/photoprism, pkg/txt/datetime_filepath_test.go.
//! - `pp-title`: photoprism/photoprism, pkg/txt/file_title_test.go.
//! - `immich-go`: simulot/immich-go, internal/filenames/{namesdate,info,huawei,samsung}_test.go.
//! - `perl-wa`: perlancar/perl-Regexp-Pattern-Filename-Media-WhatsApp (examples).
//! - `picar`: yuekcc/picar, internal/picarcore/photo_test.go.
//! - `restoredates`: alexandermueller/RestoreDates, README.md.
//! - `wechatexif`: YelloooBlue/WechatExif, README.md.
//! - `wa-exif-7`: github.com/icecore2/whatsapp-media-date-to-exif/issues/7.
//! - `xfce`: avienvy/XFCE-Better-Screenshot, README.md (xfce4-screenshooter name).
//! - `ff-4211`: github.com/mozilla-services/screenshots/issues/4211 (Firefox Screenshots).
//! - `qtox`: github.com/qTox/qTox/pull/2340.
//! - `screengrab`: github.com/lxqt/screengrab/issues/383.
//! - `gpth-436`: github.com/TheLastGimbus/GooglePhotosTakeoutHelper/issues/436.
//! - `twdl-6`: github.com/miguelmalvarez/downloadTwitterPictures/pull/6.
//! - `gofullpage`: README images of GeorgiLukanov87/spearfishing_app,
//!   fahimmahatab/Dmoney-API-Automation-With-Rest-Assured,
//!   20211129028-HavvaYuksel/20211129028-HavvaYuksel_Final and
//!   itpmanis/itp-react-passwordGenerator (GoFullPage, mrcoles/full-page-screen-capture-chrome-extension).
//! - `gifcap`: github.com/joaomoreno/gifcap/pull/49.
//! - `chromeos-8`: github.com/burnsboyamazing/jordan-scoville/issues/8.
//! - `greenshot`: github.com/greenshot/greenshot/issues/757 and /issues/1319.
//! - `j2me-935`: github.com/nikita36078/J2ME-Loader/issues/935.
//! - `lu0`: lu0/dotfiles_linuxMint, scripts/screenshot-watcher.sh.
//! - `tpak`: tpak/renamescreenshots, README.md.
//! - `koyashiro`: koyashiro/windows-screenshot-renamer (README and its patterns).
//! - `by2048`: By2048/script, rename/screen.py.
//! - `sharex-6105`: github.com/ShareX/ShareX/issues/6105.
//! - `i3`: iddl/i3-dotfiles, home/.i3/screenshot.sh.
//! - `snipaste-1589`: github.com/Snipaste/feedback/issues/1589 (the default name format).
//! - `spectacle`: DaNik516/nixOS, modules/programs/kde/kde-files.nix (Spectacle's format).
//! - `kshare`: ArsenArsen/KShare, docs/wiki/Settings.md (default name format).
//! - `steam`: byteframe/Game, screenshots/sync_steam.sh, and a Steam screenshot
//!   manager's README (`70_20240122134553_1.png`).
//! - `ddms`: LucoMoro/Scraped_CRs, after_crs/after_CR_20967-1.java (Android DDMS
//!   "save screen image" default name).
//! - `flameshot-nix`: cor/nixos-config, home-modules/flameshot.nix (`%F-%H%M%S`).
//! - `rems`: AntonioNoack/RemsEngine, tests `me.anno.tests.files` (screenshot renamer).
//! - `kouri-103`: github.com/KouriChat/KouriChat/issues/103 (WeChat for PC `微信图片_`).
//! - `eos-3`: github.com/EndeavourOS-Community-Editions/openbox/pull/3.
//! - `phux`: phux/.dotfiles, roles/i3/files/i3/screenshot.sh.
//! - `jstehli`: jstehli/dotfiles, .dotfiles/scripts/screenshot_select.sh.
//! - `securecam`: SecureCamera/SecureCameraAndroid, camera/PhotoDef.kt.
//! - `tex`: synthetik.au/tex/10-settings-and-preferences/04-save-settings.html.
//! - `pageshot-2445`: github.com/mozilla-services/screenshots/issues/2445.
//! - `gallery-dl-7151`: github.com/mikf/gallery-dl/issues/7151.
//! - `zim`: Osndok/zim-plugin-screenshot2, README (Zim's stock screenshot name).
//! - `canvas`: github.com/cestfredy/obsidian-canvas-node-screenshot/releases (1.0.1).
//! - `asset`: taravudh/asset, MOBILE_PHOTO_GUIDE.md.
//! - `milestone-155`: github.com/MilestoneSystemsInc/PowerShellSamples/issues/155.
//! - `tempfile`: JC-Choo/SampleApplication, AnyExt.kt (`JPEG_yyyyMMdd_HHmmss_` temp files).
//! - `linkedin`: a LinkedIn post image helper's doc comment (`20250114_001.png`).
//! - `kingtheguy`: KingTheGuy/dots, herbstluftwm/.config/herbstluftwm/screen_shot.sh.
//! - `minds-52`: github.com/Minds/minds/issues/52.
//! - `linebot`: ohoshi-sora/Linebot_3_spring, LINEImageResourse.java.
//! - `ipcam`: BoomSec/Megapixel-IP-Camera-POC, CameraSnaps/readme.md.
//! - `polacode-135`: github.com/octref/polacode/pull/135.
//! - `savescreenshot-3`: github.com/M-Reimer/savescreenshot/issues/3.
//! - `screengrab-374`: github.com/lxqt/screengrab/issues/374.
//!
//! A row marked `(format)` is built from the default naming format its source
//! documents, not copied from a file listing.

use shotmask::name::{GENERAL, NameInfo, parse_name};

/// A name with a capture time written in it: (stem, family, date, time, app).
type Row = (&'static str, &'static str, &'static str, Option<&'static str>, Option<&'static str>);

#[rustfmt::skip]
const NAMES: &[Row] = &[
    // Samsung One UI screenshots: the app on screen is named last.
    ("Screenshot_20220807-195908_Firefox", "Samsung screenshot", "2022-08-07", Some("19:59:08"), Some("Firefox")), // ente-test
    // AOSP and Pixel screenshots.
    ("Screenshot_20220507-195908", "AOSP screenshot", "2022-05-07", Some("19:59:08"), None), // ente-test
    ("Screenshot_20181227-152914", "AOSP screenshot", "2018-12-27", Some("15:29:14"), None), // ente-date
    ("Screenshot_20221013-175337", "AOSP screenshot", "2022-10-13", Some("17:53:37"), None), // j2me-935
    ("TimeRiderII_20221013-175337", "J2ME Loader screenshot", "2022-10-13", Some("17:53:37"), None), // j2me-935
    // MIUI-style screenshots (milliseconds after the time).
    ("Screenshot_2022-06-21-16-51-29-164_newFormat", "MIUI screenshot", "2022-06-21", Some("16:51:29"), None), // ente-test
    // Android screenshots with the package glued on.
    ("Screenshot 20221106 211633.com.google.android.apps.nbu.paisa.user", "Android screenshot with package", "2022-11-06", Some("21:16:33"), Some("Google Pay")), // ente-test
    // Signal for Android (milliseconds, then -N in a batch) and Desktop.
    ("signal-2022-12-17-15-16-04-718", "Signal Android", "2022-12-17", Some("15:16:04"), Some("Signal")), // ente-test
    ("signal-2024-08-17-21-58-10-982-1", "Signal Android", "2024-08-17", Some("21:58:10"), Some("Signal")), // ente-date
    ("signal-2024-09-24-20-19-49-610", "Signal Android", "2024-09-24", Some("20:19:49"), Some("Signal")), // ente-3851
    ("signal-2024-09-24-20-19-49-610-1", "Signal Android", "2024-09-24", Some("20:19:49"), Some("Signal")), // ente-3851
    ("signal-2024-09-24-20-19-49-610-2", "Signal Android", "2024-09-24", Some("20:19:49"), Some("Signal")), // ente-3851
    ("signal-2018-08-21-100217", "Signal Desktop", "2018-08-21", Some("10:02:17"), Some("Signal")), // ente-date
    // OneDrive's iOS camera upload.
    ("20170923_220934000_iOS", "OneDrive iOS upload", "2017-09-23", Some("22:09:34"), None), // ente-test
    ("20230427_145116000_iOS", "OneDrive iOS upload", "2023-04-27", Some("14:51:16"), None), // ente-date
    // Samsung camera, bursts included.
    ("20221107_231730", "Samsung camera", "2022-11-07", Some("23:17:30"), None), // ente-test
    ("20231207_101605_001", "Samsung camera", "2023-12-07", Some("10:16:05"), None), // immich-go
    ("20231207_101605_031", "Samsung camera", "2023-12-07", Some("10:16:05"), None), // immich-go
    // Dropbox camera uploads.
    ("2020-11-01 02.31.02", "Dropbox camera upload", "2020-11-01", Some("02:31:02"), None), // ente-test
    ("2022-02-18 16.00.12-DCMX", "Dropbox camera upload", "2022-02-18", Some("16:00:12"), None), // ente-test
    // Android cameras: IMG_, IMG-, with milliseconds and bursts.
    ("IMG_20210921_144423", "Android camera", "2021-09-21", Some("14:44:23"), None), // ente-test
    ("IMG_20210921_144423_783", "Android camera", "2021-09-21", Some("14:44:23"), None), // ente-test
    ("IMG_20171111_030128", "Android camera", "2017-11-11", Some("03:01:28"), None), // immich-go
    ("IMG_20151106_212111", "Android camera", "2015-11-06", Some("21:21:11"), None), // picar
    ("IMG-20151106-212111", "Android camera", "2015-11-06", Some("21:21:11"), None), // picar
    ("20151106 150215", "Android camera", "2015-11-06", Some("15:02:15"), None), // picar
    ("IMG_20231014_183246_BURST001_COVER", "Huawei burst", "2023-10-14", Some("18:32:46"), None), // immich-go
    ("IMG_20231014_183246_BURST002", "Huawei burst", "2023-10-14", Some("18:32:46"), None), // immich-go
    ("00015IMG_00015_BURST20171111030039_COVER", "Nexus burst", "2017-11-11", Some("03:00:39"), None), // immich-go
    ("DSC_0001_BURST20230709220904977", "Sony Xperia burst", "2023-07-09", Some("22:09:04"), None), // immich-go
    ("DSC_0052_BURST20230709220904977_COVER", "Sony Xperia burst", "2023-07-09", Some("22:09:04"), None), // immich-go
    ("00001IMG_00001_BURST20171111030039", "Nexus burst", "2017-11-11", Some("03:00:39"), None), // immich-go
    ("00100lPORTRAIT_00100_BURST20181229213517346_COVER", "Pixel portrait burst", "2018-12-29", Some("21:35:17"), None), // immich-go
    ("00000PORTRAIT_00000_BURST20190828181853475", "Pixel portrait burst", "2019-08-28", Some("18:18:53"), None), // immich-go
    // Oppo and Realme cameras (no separator), edited and copied.
    ("IMG20210211125718-edited", "Oppo camera", "2021-02-11", Some("12:57:18"), None), // ente-test
    ("IMG20210211174722", "Oppo camera", "2021-02-11", Some("17:47:22"), None), // ente-test
    ("IMG20210211174722(1)", "Oppo camera", "2021-02-11", Some("17:47:22"), None), // ente-test
    // Pixel camera (PXL_, as Google Takeout exports them too).
    ("PXL_20241231_151646544.MP", "Pixel camera", "2024-12-31", Some("15:16:46"), None), // ente-test
    ("PXL_20240827_094331806.PORTRAIT(1)", "Pixel camera", "2024-08-27", Some("09:43:31"), None), // ente-test
    ("PXL_20240506_142610305.LONG_EXPOSURE-01.COVER", "Pixel camera", "2024-05-06", Some("14:26:10"), None), // ente-test
    ("PXL_20211120_223243932.MOTION-02.ORIGINAL", "Pixel camera", "2021-11-20", Some("22:32:43"), None), // ente-test
    ("PXL_20220909_154515546.TS", "Pixel camera", "2022-09-09", Some("15:45:15"), None), // immich-go
    ("PXL_20231026_210642603", "Pixel camera", "2023-10-26", Some("21:06:42"), None), // immich-go
    ("PXL_20201005_180522322_stitch", "Pixel camera", "2020-10-05", Some("18:05:22"), None), // restoredates
    ("PXL_20231207_032111247.RAW-02.ORIGINAL", "Pixel camera", "2023-12-07", Some("03:21:11"), None), // immich-go
    ("PXL_20231207_032111247.RAW-01.COVER", "Pixel camera", "2023-12-07", Some("03:21:11"), None), // immich-go
    ("PXL_20230330_184138390.MOTION-01.COVER", "Pixel camera", "2023-03-30", Some("18:41:38"), None), // immich-go
    ("PXL_20230809_203029471.LONG_EXPOSURE-01.COVER", "Pixel camera", "2023-08-09", Some("20:30:29"), None), // immich-go
    ("PXL_20240615_204528165.NIGHT.RAW-02.ORIGINAL", "Pixel camera", "2024-06-15", Some("20:45:28"), None), // immich-go
    ("PXL_20240615_204528165.NIGHT.RAW-01.COVER", "Pixel camera", "2024-06-15", Some("20:45:28"), None), // immich-go
    // Google Photos edits.
    ("20220322_205147-edited(1)", "Google Photos edit", "2022-03-22", Some("20:51:47"), None), // ente-test
    // Other devices' own names.
    ("Bebop2_20180719194940+0200", "Parrot drone", "2018-07-19", Some("19:49:40"), None), // immich-go
    ("AR_EFFECT_20141126193511", "Samsung AR camera", "2014-11-26", Some("19:35:11"), None), // immich-go
    // WhatsApp for Android (date only) and WhatsApp Web.
    ("IMG-20171218-WA0028", "WhatsApp Android", "2017-12-18", None, Some("WhatsApp")), // ente-date
    ("IMG-20191120-WA0001", "WhatsApp Android", "2019-11-20", None, Some("WhatsApp")), // pp-path
    ("VID-20191120-WA0001", "WhatsApp Android", "2019-11-20", None, Some("WhatsApp")), // pp-path
    ("IMG-20210922-WA0001", "WhatsApp Android", "2021-09-22", None, Some("WhatsApp")), // perl-wa
    ("IMG-20260831-WA0005", "WhatsApp Android", "2026-08-31", None, Some("WhatsApp")), // wa-exif-7
    ("WhatsApp Image 2026-08-31 at 15.41.14", "WhatsApp Web", "2026-08-31", Some("15:41:14"), Some("WhatsApp")), // wa-exif-7
    ("WhatsApp Image 2026-08-31 at 15.41.14 (1)", "WhatsApp Web", "2026-08-31", Some("15:41:14"), Some("WhatsApp")), // wa-exif-7
    // Telegram exports renamed by their tools.
    ("telegram_2020_01_30_09_57_18", "Telegram export", "2020-01-30", Some("09:57:18"), Some("Telegram")), // pp-path
    ("telegram_2020-01-30_09-57-18", "Telegram export", "2020-01-30", Some("09:57:18"), Some("Telegram")), // pp-path
    ("telegram_2020-01-30_09-18", "Telegram export", "2020-01-30", Some("09:18:00"), Some("Telegram")), // pp-path
    // macOS screenshots (and names renamed after them).
    ("Screenshot 2019-05-21 at 10.45.52", "macOS screenshot", "2019-05-21", Some("10:45:52"), None), // pp-path
    ("Screenshot 2019_05_21 at 10.45.52", "macOS screenshot", "2019-05-21", Some("10:45:52"), None), // pp-path
    ("Screenshot 2019-05-21 at 10545.52", "macOS screenshot", "2019-05-21", None, None), // pp-path
    ("Screenshot 2024-05-24 at 1.23.45 PM", "macOS screenshot", "2024-05-24", Some("13:23:45"), None), // tpak
    ("screenshot 2024-05-24 at 13.23.45", "macOS screenshot", "2024-05-24", Some("13:23:45"), None), // tpak
    // Nextcloud's iOS upload (two-digit years only in this shape).
    ("22-04-06 15-21-03 2160", "Nextcloud iOS upload", "2022-04-06", Some("15:21:03"), None), // pp-path
    ("05-04-06 15-21-03 2160", "Nextcloud iOS upload", "2005-04-06", Some("15:21:03"), None), // pp-path
    // GNOME screenshots.
    ("Screenshot from 2022-12-17 19-45-43", "GNOME screenshot", "2022-12-17", Some("19:45:43"), None), // immich-go
    ("Screenshot from 2020-12-21 19-19-35 one two", "GNOME screenshot", "2020-12-21", Some("19:19:35"), None), // lu0
    // Xfce screenshooter.
    ("Screenshot_2026-02-09_10-23-56", "Xfce screenshooter", "2026-02-09", Some("10:23:56"), None), // xfce
    // KDE Spectacle.
    ("Screenshot_20231028_095821", "KDE Spectacle", "2023-10-28", Some("09:58:21"), None), // spectacle (format)
    // KShare.
    ("Screenshot 2017-05-08 13-45-10", "KShare", "2017-05-08", Some("13:45:10"), None), // kshare (format)
    // Windows Snipping Tool in Japanese, new and old.
    ("スクリーンショット 2026-02-13 123456", "Windows Snipping Tool", "2026-02-13", Some("12:34:56"), None), // koyashiro
    ("Screenshot 2026-02-13 123456", "Windows Snipping Tool", "2026-02-13", Some("12:34:56"), None), // koyashiro
    ("スクリーンショット_20260213_123456", "Windows Snipping Tool (old)", "2026-02-13", Some("12:34:56"), None), // koyashiro
    // Snipaste.
    ("Screenshot_2020-06-24_10-15-30", "Snipaste", "2020-06-24", Some("10:15:30"), None), // snipaste-1589 (format)
    // Firefox Screenshots (unpadded month and day, then the page title).
    ("Screenshot-2018-3-8 GeoGuessr - Let’s explore the world", "Firefox Screenshots", "2018-03-08", None, None), // ff-4211
    // GoFullPage: the page's host and path, then the date and time.
    ("screencapture-127-0-0-1-8000-2023-07-30-11_30_29", "GoFullPage", "2023-07-30", Some("11:30:29"), None), // gofullpage
    ("screencapture-192-168-1-100-1839-index-html-2023-10-21-18_11_29", "GoFullPage", "2023-10-21", Some("18:11:29"), None), // gofullpage
    ("screencapture-localhost-4200-login-2023-06-14-19_48_51", "GoFullPage", "2023-06-14", Some("19:48:51"), None), // gofullpage
    ("screencapture-itp-react-passwordgenerator-netlify-app-2023-09-26-00_50_14", "GoFullPage", "2023-09-26", Some("00:50:14"), None), // gofullpage
    // qTox.
    ("qTox_Screenshot_2015-10-04 12-58-19.651", "qTox screenshot", "2015-10-04", Some("12:58:19"), None), // qtox
    ("qTox_Screenshot_2015-10-04 13-01-32.421", "qTox screenshot", "2015-10-04", Some("13:01:32"), None), // qtox
    // LXQt ScreenGrab.
    ("screenshot-20250208101623", "LXQt ScreenGrab", "2025-02-08", Some("10:16:23"), None), // screengrab
    ("20250208101623", "LXQt ScreenGrab", "2025-02-08", Some("10:16:23"), None), // screengrab
    // gifcap and ChromeOS recordings.
    ("Recording 2021-02-04 at 17.43.30", "gifcap recording", "2021-02-04", Some("17:43:30"), None), // gifcap
    ("Screen recording 2024-02-12 9.27.04 PM", "ChromeOS screen recording", "2024-02-12", Some("21:27:04"), None), // chromeos-8
    // Greenshot with a date-only pattern and the window title.
    ("2025-12-22 Facebook", "Greenshot", "2025-12-22", None, None), // greenshot
    // Steam screenshots (game id, timestamp, number).
    ("70_20240122134553_1", "Steam screenshot", "2024-01-22", Some("13:45:53"), None), // steam
    ("20210612192512_1", "Steam screenshot", "2021-06-12", Some("19:25:12"), None), // steam (format)
    // Android DDMS "save screen image".
    ("device-20120315093012", "Android DDMS capture", "2012-03-15", Some("09:30:12"), None), // ddms (format)
    // Other capture tools and scripts with a date in their default name.
    ("2023-10-28-095821", "Flameshot (dated pattern)", "2023-10-28", Some("09:58:21"), None), // flameshot-nix (format)
    ("28.10.2023-09.58.21", "dotted day-first timestamp", "2023-10-28", Some("09:58:21"), None), // rems (format)
    ("Screenshot-2022-01-11_10:15:30", "EndeavourOS Openbox", "2022-01-11", Some("10:15:30"), None), // eos-3 (format)
    ("screenshot_2023-10-28_09-58-21", "i3 screenshot script", "2023-10-28", Some("09:58:21"), None), // phux (format)
    ("photo_20250101_120000_12", "SecureCamera", "2025-01-01", Some("12:00:00"), None), // securecam (format)
    ("tex_20260418_153042", "Tex capture", "2026-04-18", Some("15:30:42"), None), // tex
    ("capture-20260418_153042", "Tex capture", "2026-04-18", Some("15:30:42"), None), // tex
    ("Page-Shot-2017-03-21 Example Domain", "Firefox Page Shot", "2017-03-21", None, None), // pageshot-2445 (format)
    ("2025.03.10 14-22-05 989340003138066", "gallery-dl", "2025-03-10", Some("14:22:05"), None), // gallery-dl-7151 (format)
    // WeChat for PC.
    ("微信图片_20250223123456", "WeChat for PC", "2025-02-23", Some("12:34:56"), Some("WeChat")), // kouri-103 (format)
    ("test-20161002-103540", "Zim screenshot", "2016-10-02", Some("10:35:40"), None), // zim
    ("canvas-node-screenshot-2026-09-19-143210", "Obsidian canvas screenshot", "2026-09-19", Some("14:32:10"), None), // canvas
    ("550e8400-e29b-41d4-a716-446655440000_photo_1_2025-01-29T10-30-45-123Z", "asset photo app", "2025-01-29", Some("10:30:45"), None), // asset
    ("Kamera 4_2024-10-04_06-29-49.755", "Milestone XProtect snapshot", "2024-10-04", Some("06:29:49"), None), // milestone-155
    ("JPEG_20230621_153045_8312702461862471203", "Android camera intent", "2023-06-21", Some("15:30:45"), None), // tempfile (format)
    ("20250114_001", "dated counter", "2025-01-14", None, None), // linkedin
    ("2023-10-28_1920x1080", "scrot (dated pattern)", "2023-10-28", None, None), // kingtheguy (format)
    // ChromeOS, as GitHub's alt text wrote it (dots become spaces): the
    // space-separated time is not read.
    ("Screenshot 2024-02-12 9 28 15 PM", "ChromeOS screenshot", "2024-02-12", None, None), // chromeos-8
    // Downloaders and exporters.
    ("2022-04-21_640fea6c-bb0a-cf02-951c-00d09ac2d3cc", "Google Takeout helper", "2022-04-21", None, None), // gpth-436
    ("2018-12-05 20:17:33", "Twitter downloader", "2018-12-05", Some("20:17:33"), None), // twdl-6
    ("20130518_142022_3D657EBD", "PhotoPrism import", "2013-05-18", Some("14:20:22"), None), // pp-path
    // Plain timestamps as tools and people write them.
    ("2019-10-31 155703", "plain timestamp", "2019-10-31", Some("15:57:03"), None), // ente-test
    ("2018-04-12 19:24:49", "plain timestamp", "2018-04-12", Some("19:24:49"), None), // pp-path
    ("2024-05-05", "plain timestamp", "2024-05-05", None, None), // immich-go
    ("2023-07-20 14:15:30", "plain timestamp", "2023-07-20", Some("14:15:30"), None), // immich-go
    ("20001010120000", "plain timestamp", "2000-10-10", Some("12:00:00"), None), // immich-go
    ("2023_07_20_10_09_20", "plain timestamp", "2023-07-20", Some("10:09:20"), None), // immich-go
    ("2020_01_01_16_50_02", "plain timestamp", "2020-01-01", Some("16:50:02"), None), // restoredates
    ("20200101165002", "plain timestamp", "2020-01-01", Some("16:50:02"), None), // restoredates
    ("20200102-204030-Berlin-Germany-2020-3h4", "dated photo title", "2020-01-02", Some("20:40:30"), None), // pp-title
    // Day- and month-first dates, read when only one order is possible.
    ("05.21.2019", "month-first date", "2019-05-21", None, None), // pp-path
    ("21.05.2019", "day-first date", "2019-05-21", None, None), // pp-path
];

/// Names that hold an instant: (stem, family, milliseconds since 1970, app).
#[rustfmt::skip]
const INSTANTS: &[(&str, &str, i64, Option<&str>)] = &[
    ("mmexport1451181351065", "WeChat save", 1_451_181_351_065, Some("WeChat")), // wechatexif
    ("mmexport1598266474988", "WeChat save", 1_598_266_474_988, Some("WeChat")), // wechatexif
    ("mmexport1595675049299", "WeChat save", 1_595_675_049_299, Some("WeChat")), // wechatexif
    ("mmexport1598068123769", "WeChat save", 1_598_068_123_769, Some("WeChat")), // wechatexif
    ("mmexport1552442218240", "WeChat save", 1_552_442_218_240, Some("WeChat")), // wechatexif
    ("mmexporteb7b2a858123a721c3c4bc5636c90756_1660142644280", "WeChat save", 1_660_142_644_280, Some("WeChat")), // wechatexif
    ("mmexport4d931b739159e49b4998a52d0d951c32_1652692638797", "WeChat save", 1_652_692_638_797, Some("WeChat")), // wechatexif
    ("mmexport880789df193ec7be33fa89e2ba448626_1620307573963", "WeChat save", 1_620_307_573_963, Some("WeChat")), // wechatexif
    ("wx_camera_1485320643539", "WeChat camera", 1_485_320_643_539, Some("WeChat")), // wechatexif
    ("wx_camera_1491222158366", "WeChat camera", 1_491_222_158_366, Some("WeChat")), // wechatexif
    ("screenshot_1616779141888", "Android screenshot (epoch)", 1_616_779_141_888, None), // by2048
];

/// Names that carry no capture date, or a number that only looks like one:
/// (stem, source).
#[rustfmt::skip]
const NO_DATES: &[(&str, &str)] = &[
    // iPhone and camera counters.
    ("IMG_1159", "ente-test"),
    ("IMG_1234", "immich-go"),
    ("IMG_1123", "immich-go"),
    ("IMG_4568", "pp-title"),
    ("IQVG4929", "pp-title"),
    ("WRNI2074", "pp-path"),
    ("OZBJ8443", "pp-path"),
    ("file2314", "pp-path"),
    // Snapchat's random numbers.
    ("Snapchat-431959199", "ente-test"),
    ("Snapchat-400000000", "ente-test"),
    ("Snapchat-900000000", "ente-test"),
    ("Snapchat-100-10-20-19-15-12", "ente-test"),
    // Copies of undated names, ids and hashes.
    ("skytree (2)", "ente-test"),
    ("21345678901234567890123456789012345678901234567", "ente-test"),
    ("IMG2021021(4455)74722(1)", "ente-test"),
    ("IMG2021021.json74722(1)", "ente-test"),
    ("IMG2021021(1)74722(1)", "ente-test"),
    ("mmexport673f7593af33172f9497aefc2d94d6c5", "wechatexif"),
    ("mmexport06b0f4d885c00e928451c95d6f9a0362", "wechatexif"),
    ("mmexport6e9ff964e9287ea3b1bdc7bb6c02cdc6", "wechatexif"),
    ("hdImg_fca160f09db16418bc981da99a16b082", "wechatexif"),
    ("EaycddvU0AAfuUR", "pp-title"),
    // Flickr and pixiv ids next to titles and years.
    ("queen-city-yacht-club--toronto-island_7999432607_o", "pp-title"),
    ("tim-robbins--tiff-2012_7999233420_o", "pp-title"),
    ("changing-of-the-guard--buckingham-palace_7925318070_o", "pp-title"),
    ("えく - スカイフレア (82063926) ", "pp-title"),
    ("Cyka - swappable mag (82405706) ", "pp-title"),
    ("dishwasher1910 - Friedrich the smol (82201574) 1ページ", "pp-title"),
    // Words without numbers.
    ("fo", "pp-path"),
    ("foo", "perl-wa"),
    ("main", "picar"),
    ("first.second.third", "picar"),
    // A year, a month, impossible or implausible dates and times.
    ("2018", "pp-path"),
    ("2024", "immich-go"),
    ("2024-05", "immich-go"),
    ("2020-01-00", "pp-path"),
    ("19991231", "immich-go"),
    ("20223112-125200", "immich-go"),
    ("1020-01-30_09-57-18", "pp-path"),
    ("2020-01-30_25-57-18", "pp-path"),
    ("2020-01-30_09-87-18-23", "pp-path"),
    ("22-04-06 66-22-03 2160", "pp-path"),
    ("88-04-06 15-21-03 2160", "pp-path"),
    // Two-digit years outside a scheme that says so.
    ("991231-125200", "immich-go"),
    ("260812_001", "greenshot"),
    ("231028-095821", "i3 (format)"),
    ("screenshot-231028-095821", "jstehli (format)"),
    // Windows' numbered screenshots.
    ("スクリーンショット (1)", "koyashiro"),
    ("Screenshot (12)", "rems (format)"),
    // Hashes, addresses and names that say nothing.
    ("Print_Screen[7D3F5C03]", "sharex-6105"),
    ("69.69.69.69420_image", "ipcam"),
    ("SaveImageRouter", "minds-52"),
    ("image", "linebot"),
    ("code", "polacode-135"),
    ("saved_page", "savescreenshot-3"),
    ("screen", "screengrab-374"),
];

/// Names that do carry a time we deliberately do not read, and why:
/// (stem, source, reason). Each must give no date.
#[rustfmt::skip]
const NOT_READ: &[(&str, &str, &str)] = &[
    ("Snap 001 • 16 02 2022 05h 44m 12s •  ShareX", "sharex-6105",
        "a custom ShareX pattern: day first with spaces and unit letters; no scheme says which order"),
    ("1542973795701", "wechatexif", "a bare 13-digit number is as often an id as an instant"),
    ("capture1607504248779", "wechatexif", "epoch milliseconds after a generic word: no scheme vouches for them"),
    ("mmqrcode1459160191298", "wechatexif", "a WeChat QR code, not a screenshot; epoch only in known save names"),
    ("microMsg.1469511764264", "wechatexif", "WeChat's temporary file; epoch only in known save names"),
    ("90-04-06 15-21-03 2160", "pp-path", "a two-digit year read as 2090 is implausible (PhotoPrism reads 1990)"),
    ("ss 20-12-21 19-19-35 one two", "lu0", "a two-digit year outside a scheme that says so"),
    ("test-57F1294C", "zim", "hexadecimal epoch seconds: indistinguishable from a hash"),
];

fn described(info: &NameInfo) -> (String, Option<String>, Option<String>) {
    (info.date.to_string(), info.time.map(|t| t.strftime("%H:%M:%S").to_string()), info.app.clone())
}

#[test]
fn every_real_name_is_read_right() {
    let mut wrong = Vec::new();
    for &(stem, family, date, time, app) in NAMES {
        let want = (date.to_string(), time.map(str::to_string), app.map(str::to_string));
        match parse_name(stem) {
            Some(info) if described(&info) == want => {}
            got => wrong.push(format!("{stem:?} ({family}): got {:?}, want {want:?}", got.as_ref().map(described))),
        }
    }
    for &(stem, family, millis, app) in INSTANTS {
        let local = jiff::Timestamp::from_millisecond(millis).unwrap().to_zoned_datetime(jiff::tz::TimeZone::system());
        let want = (local.date().to_string(), Some(local.strftime("%H:%M:%S").to_string()), app.map(str::to_string));
        match parse_name(stem) {
            Some(info) if described(&info) == want => {}
            got => wrong.push(format!("{stem:?} ({family}): got {:?}, want {want:?}", got.as_ref().map(described))),
        }
    }
    assert!(wrong.is_empty(), "{} names read wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn names_without_a_date_give_none() {
    let dated: Vec<String> = NO_DATES
        .iter()
        .map(|(stem, _)| *stem)
        .chain(NOT_READ.iter().map(|(stem, _, _)| *stem))
        .filter_map(|stem| parse_name(stem).map(|i| format!("{stem:?} -> {:?}", described(&i))))
        .collect();
    assert!(dated.is_empty(), "false dates:\n{}", dated.join("\n"));
}

#[test]
fn the_table_is_large_and_varied() {
    let mut families: Vec<&str> = NAMES.iter().map(|r| r.1).chain(INSTANTS.iter().map(|r| r.1)).collect();
    families.sort_unstable();
    families.dedup();
    let positives = NAMES.len() + INSTANTS.len();
    let negatives = NO_DATES.len() + NOT_READ.len();
    let total = positives + negatives;
    let by_table = NAMES
        .iter()
        .map(|r| r.0)
        .chain(INSTANTS.iter().map(|r| r.0))
        .filter(|stem| parse_name(stem).is_some_and(|i| i.scheme != GENERAL))
        .count();
    println!(
        "{total} names: {positives} dated ({} families), {negatives} without a date ({} deliberately not read); \
         {by_table} read by the scheme table, {} by the general reader",
        families.len(),
        NOT_READ.len(),
        positives - by_table
    );
    assert!(total >= 200, "{total} names");
    assert!(families.len() >= 50, "{} families", families.len());
    assert!(negatives * 5 >= total, "{negatives} negatives of {total}");
}

//! The `{label}` of a file: one rule however the files arrive.
//!
//! A file is labelled by the folder it sits in, whether that folder was
//! dropped or the file itself (a multi-file drop on Windows passes each file
//! on its own), so the same files get the same names both ways. A folder
//! whose name says nothing about the content (Downloads, Screenshots, DCIM,
//! 바탕 화면, ...) gives no label: then the app the name shows does, else
//! [`FALLBACK_LABEL`].

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::NameInput;

/// The label when neither the folder nor the name says anything.
pub const FALLBACK_LABEL: &str = "screenshot";

/// Folder names that say nothing about the content, lower case: the
/// system's own folders and the ones phones, messengers and capture tools
/// save into, in English, Korean, Japanese, Chinese, German, French and
/// Spanish.
const GENERIC_FOLDERS: &[&str] = &[
    // System folders.
    "desktop",
    "documents",
    "downloads",
    "download",
    "pictures",
    "picture",
    "photos",
    "images",
    "image",
    "img",
    "camera roll",
    "saved pictures",
    "my pictures",
    "바탕 화면",
    "바탕화면",
    "문서",
    "다운로드",
    "사진",
    "그림",
    "デスクトップ",
    "書類",
    "ダウンロード",
    "ピクチャ",
    "写真",
    "画像",
    "桌面",
    "文档",
    "下载",
    "图片",
    "schreibtisch",
    "dokumente",
    "bilder",
    "bureau",
    "téléchargements",
    "escritorio",
    "documentos",
    "descargas",
    "imágenes",
    // Where cameras and capture tools save.
    "dcim",
    "camera",
    "카메라",
    "screenshots",
    "screenshot",
    "screen shots",
    "screen recordings",
    "스크린샷",
    "캡처",
    "スクリーンショット",
    "截图",
    "屏幕截图",
    "bildschirmfotos",
    "captures",
    "captures d'écran",
    "captures d’écran",
    "capturas de pantalla",
    "camera uploads",
    // Where messengers save what they receive: the app says as much.
    "kakaotalk",
    "whatsapp images",
    "telegram",
    "telegram images",
    "line",
    "wechat",
    "weixin",
    // Scratch and our own.
    "masked",
    "tmp",
    "temp",
];

/// DCF folders cameras and phones create under DCIM (`100APPLE`,
/// `101_PANA`, `100ANDRO`).
static CAMERA_FOLDER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^[1-9][0-9]{2}[A-Z0-9_]{5}$").ok());

/// Whether a folder's name says nothing about its content.
pub fn is_generic_folder(folder: &str) -> bool {
    let name: String = folder.trim().nfc().collect();
    GENERIC_FOLDERS.contains(&name.to_lowercase().as_str())
        || CAMERA_FOLDER.as_ref().is_some_and(|re| re.is_match(&name))
}

/// The label of one file: `--label`, else the folder it sits in (unless
/// its name is generic), else its app, else [`FALLBACK_LABEL`].
pub fn default_label(user: Option<&str>, input: &NameInput) -> String {
    if let Some(label) = user {
        return label.to_string();
    }
    let folder: String = input.folder.trim().nfc().collect();
    if !folder.is_empty() && !input.folder_is_generic && !is_generic_folder(&folder) {
        return folder;
    }
    input.meta.app.clone().unwrap_or_else(|| input.fallback_label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_folders_in_every_language_and_form() {
        let nfd: String = "스크린샷".nfd().collect();
        for folder in ["Downloads", "DESKTOP", " 바탕 화면 ", nfd.as_str(), "Captures d’écran", "100APPLE", "101_PANA"]
        {
            assert!(is_generic_folder(folder), "{folder:?}");
        }
        for folder in ["결제오류", "Bug 1234", "2024-11-25", "100apple", "Downloads old"] {
            assert!(!is_generic_folder(folder), "{folder:?}");
        }
    }

    #[test]
    fn the_table_is_lower_case_nfc_and_unique() {
        assert!(CAMERA_FOLDER.is_some());
        for (i, f) in GENERIC_FOLDERS.iter().enumerate() {
            assert_eq!(*f, f.to_lowercase(), "{f}");
            assert_eq!(*f, f.nfc().collect::<String>(), "{f}");
            assert!(GENERIC_FOLDERS[i + 1..].iter().all(|g| g != f), "{f} twice");
        }
    }
}

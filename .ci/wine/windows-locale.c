/* Test scaffolding for the Wine smoke test only: never shipped, never
 * committed as a binary (.ci/wine-smoke compiles it into a temporary folder).
 *
 * Wine copies the Unix environment, LANG and LC_ALL included, into the
 * Windows environment, where shotmask reads them before the Windows UI
 * language; a Windows machine normally has none of them. This runs a
 * command with LC_ALL, LC_MESSAGES and LANG removed from its Windows
 * environment, so that only the UI language can choose shotmask's language,
 * and exits with the command's exit status:
 *
 *     windows-locale.exe Z:\path\to\shotmask.exe ARGS...
 *
 * Wine takes the UI language from the Unix locale it was started with
 * (LC_ALL=ko_KR.UTF-8 gives ko-KR), not from the Windows environment nor the
 * registry. Without a command, this prints the UI language as Windows
 * reports it (GetUserPreferredUILanguages is what sys-locale reads) and the
 * three variables as the command would see them:
 *
 *     ui-language=0412 preferred=ko-KR LC_ALL=(unset) LC_MESSAGES=(unset) LANG=(unset)
 *
 * (cmd.exe's `set LC_ALL=` would clear them too, but Wine 8's cmd garbles
 * non-ASCII arguments such as a Korean folder name.) */
#define _WIN32_WINNT 0x0600
#include <windows.h>
#include <stdio.h>

static const wchar_t *const names[] = {L"LC_ALL", L"LC_MESSAGES", L"LANG"};

int wmain(int argc, wchar_t **argv) {
    (void)argv;
    for (int i = 0; i < 3; i++) {
        SetEnvironmentVariableW(names[i], NULL);
    }
    if (argc < 2) {
        ULONG count = 0, length = 256;
        wchar_t languages[256];
        if (!GetUserPreferredUILanguages(MUI_LANGUAGE_NAME, &count, languages, &length)) {
            languages[0] = 0;
        }
        printf("ui-language=%04x preferred=%ls", GetUserDefaultUILanguage(), languages);
        for (int i = 0; i < 3; i++) {
            wchar_t value[64];
            DWORD n = GetEnvironmentVariableW(names[i], value, 64);
            printf(" %ls=%ls", names[i], n ? value : L"(unset)");
        }
        printf("\n");
        return 0;
    }

    /* The command line after our own name, passed on as it is. */
    wchar_t *rest = GetCommandLineW();
    if (*rest == L'"') {
        for (rest++; *rest && *rest != L'"'; rest++) {
        }
        if (*rest) {
            rest++;
        }
    } else {
        while (*rest && *rest != L' ' && *rest != L'\t') {
            rest++;
        }
    }
    while (*rest == L' ' || *rest == L'\t') {
        rest++;
    }

    STARTUPINFOW startup;
    PROCESS_INFORMATION process;
    ZeroMemory(&startup, sizeof startup);
    startup.cb = sizeof startup;
    if (!CreateProcessW(NULL, rest, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &process)) {
        fprintf(stderr, "windows-locale: cannot run %ls: error %lu\n", rest, GetLastError());
        return 127;
    }
    WaitForSingleObject(process.hProcess, INFINITE);
    DWORD status = 1;
    GetExitCodeProcess(process.hProcess, &status);
    return (int)status;
}

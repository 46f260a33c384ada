/* Test scaffolding for the Wine smoke test only: never shipped, never
 * committed as a binary (.ci/wine-smoke compiles it into a temporary folder).
 *
 * Rust's std (1.78 and later) imports ProcessPrng from bcryptprimitives.dll,
 * which Windows 10 and later have and Wine 8 lacks: without it the .exe
 * exits at once with c0000135. This stub forwards to RtlGenRandom
 * (SystemFunction036 in advapi32.dll), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

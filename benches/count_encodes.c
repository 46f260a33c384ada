/* Counts JPEG encodes in tools that use the system libjpeg (ImageMagick,
 * jpegoptim): loaded with LD_PRELOAD, it wraps jpeg_start_compress and
 * appends the process's count to the file named by COUNT_FILE at exit.
 * Built and used by benches/compare.sh only. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef void (*start_fn)(void *, int);
static unsigned long count;

static void report(void) {
    const char *path = getenv("COUNT_FILE");
    if (path && count) {
        FILE *out = fopen(path, "a");
        if (out) {
            fprintf(out, "%lu\n", count);
            fclose(out);
        }
    }
}

void jpeg_start_compress(void *cinfo, int write_all_tables) {
    static start_fn real;
    if (!real) {
        real = (start_fn)dlsym(RTLD_NEXT, "jpeg_start_compress");
        if (!real) {
            /* ImageMagick loads libjpeg from a dlopen()ed coder module, out
             * of RTLD_NEXT's reach: look it up in the loaded library. */
            void *lib = dlopen("libjpeg.so.62", RTLD_NOW | RTLD_NOLOAD);
            if (lib)
                real = (start_fn)dlsym(lib, "jpeg_start_compress");
        }
        if (!real)
            abort();
        atexit(report);
    }
    count++;
    real(cinfo, write_all_tables);
}

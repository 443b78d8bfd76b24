/* Error codes to text, and the library's free function. */
#include "newsclaims.h"
#include <stdlib.h>

const char *nc_strerror(int code)
{
    switch (code) {
    case NC_OK: return "success";
    case NC_ENOMEM: return "out of memory";
    case NC_EIO: return "read error";
    case NC_EBINARY: return "binary file (NUL bytes in its first KiB)";
    case NC_EGZIP: return "corrupt or truncated gzip data";
    case NC_ERULES: return "invalid rule or data file";
    case NC_EJSON: return "malformed JSON";
    case NC_EINVAL: return "invalid argument";
    case NC_ETOOBIG: return "input exceeds the size limit";
    case NC_ENOTFOUND: return "no such file or directory";
    case NC_EHTML: return "HTML could not be parsed";
    case NC_ELIMIT: return "matching limit reached";
    default: return "unknown error";
    }
}

void nc_free(void *ptr) { free(ptr); }

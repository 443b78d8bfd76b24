/* Fuzzes one JSON Lines input line: parsing, then the record it gives. */
#include "fuzz_common.h"
#include "input/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nc_jsonl_doc doc;
    memset(&doc, 0, sizeof doc);
    if (nc_jsonl_parse((const char *)data, size, 1, "text", "id", &doc))
        abort();
    nc_record *rec;
    nc_source src = {.path = "fuzz.jsonl", .id = doc.id, .url = doc.url, .title = doc.title};
    int rc = doc.error ? nc_record_new_failed(&rec, &src, size, doc.error)
                       : nc_record_new(&rec, fuzz_context(), doc.text, doc.len, NC_FORMAT_AUTO, &src);
    if (rc)
        abort();
    fuzz_check_record(rec, size ? data[size - 1] : 0);
    nc_record_free(rec);
    nc_jsonl_doc_clear(&doc);
    return 0;
}

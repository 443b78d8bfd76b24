/* Bench helper: writes each articleBody of an article-extraction ground
 * truth file (id -> {"articleBody": text}) to DIR/ID.txt.
 * usage: gt2txt GROUND_TRUTH.json DIR */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gt2txt GROUND_TRUTH.json DIR\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "%s: read error\n", argv[1]);
        fclose(f);
        free(buf);
        return 1;
    }
    fclose(f);
    buf[n] = '\0';
    cJSON *root = cJSON_Parse(buf);
    free(buf);
    if (!root) {
        fprintf(stderr, "%s: invalid JSON\n", argv[1]);
        return 1;
    }
    int written = 0, rc = 0;
    for (cJSON *item = root->child; item; item = item->next) {
        cJSON *body = cJSON_GetObjectItemCaseSensitive(item, "articleBody");
        if (!cJSON_IsString(body) || !item->string || strchr(item->string, '/'))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.txt", argv[2], item->string);
        FILE *out = fopen(path, "wb");
        if (!out || fputs(body->valuestring, out) == EOF) {
            perror(path);
            rc = 1;
        }
        if (out)
            fclose(out);
        written++;
    }
    cJSON_Delete(root);
    printf("%d\n", written);
    return rc;
}

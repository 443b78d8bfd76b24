/* newsclaims: the command line. The options table below drives both the
 * parsing and --help. This is the only file that exits.
 *
 * Exit status: 0 every document was processed; 1 some document could not be
 * read or decoded, or ran past --timeout (named on stderr, still given a
 * record); 2 usage error or invalid rule files; 128 + the signal when
 * SIGINT/SIGTERM stopped the run (whole records written). */
#include "cli/batch.h"
#include "cli/conllu.h"
#include "newsclaims.h"
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_DOC_ERRORS 1
#define EXIT_USAGE 2

enum opt_id {
    OPT_JOBS = 'j', OPT_HELP = 'h', OPT_VERSION = 'V', OPT_OUTPUT = 'o', OPT_NUL = '0',
    OPT_JSONL = 256, OPT_TEXT_FIELD, OPT_ID_FIELD, OPT_WITH_TEXT, OPT_PRETTY, OPT_FORMAT,
    OPT_RULES, OPT_EXPLAIN, OPT_MAX_BYTES, OPT_CHECK_RULES, OPT_BODY_ONLY, OPT_REFERENCE_DATE, OPT_STATS, OPT_TIMEOUT,
    OPT_RESUME, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_KEEP_FIELDS, OPT_FILES_FROM, OPT_OUTPUT_FORMAT, OPT_TABLE,
    OPT_COMPLETION, OPT_TAG_CONLLU
};

typedef struct option_def {
    const char *name;
    int id;          /* short option letter, or an OPT_ value above 255 */
    const char *arg; /* argument name, NULL for a flag; "[=NAME]": optional (--name or --name=ARG) */
    const char *values; /* for the shell completions: the words the
                           argument can be (space-separated), "@dir" for a
                           folder, "@file" for a file, NULL for anything */
    const char *help;
} option_def;

static int optional_arg(const option_def *o) { return o->arg && o->arg[0] == '['; }

static const option_def options[] = {
    {"jsonl", OPT_JSONL, NULL, NULL, "input is JSON Lines: one article per line (from files or stdin)"},
    {"text-field", OPT_TEXT_FIELD, "NAME", NULL, "JSONL field holding the article text (default: text)"},
    {"id-field", OPT_ID_FIELD, "NAME", NULL, "JSONL field holding the document id (default: id)"},
    {"format", OPT_FORMAT, "FMT", "auto text html", "input format: auto (sniff the content), text or html (default: auto)"},
    {"jobs", OPT_JOBS, "N", NULL, "process N documents in parallel (default: number of cores); output order is input order"},
    {"output-format", OPT_OUTPUT_FORMAT, "FMT", "jsonl csv tsv html",
     "jsonl (default: one JSON record per line), csv or tsv (a table, see --table), html (one report page)"},
    {"table", OPT_TABLE, "ITEMS", "figures claims actors",
     "rows of --output-format csv or tsv: figures (default, one per casualty figure), claims or actors"},
    {"with-text", OPT_WITH_TEXT, NULL, NULL, "include the document text (the text spans point into) in each record"},
    {"explain", OPT_EXPLAIN, NULL, NULL, "add the matched text to each extracted item"},
    {"pretty", OPT_PRETTY, NULL, NULL, "indent the JSON output (two spaces)"},
    {"body-only", OPT_BODY_ONLY, NULL, NULL, "write only each document's text (for HTML: the extracted article body), documents separated by a form-feed line"},
    {"reference-date", OPT_REFERENCE_DATE, "DATE", NULL, "treat DATE (YYYY-MM-DD, end of that day UTC, or an ISO 8601 time) as now: later publication dates are refused"},
    {"rules", OPT_RULES, "DIR", "@dir", "load *.rules (and data files) from DIR instead of the built-in ones"},
    {"check-rules", OPT_CHECK_RULES, NULL, NULL, "run every rule's examples, report failures, and exit"},
    {"tag-conllu", OPT_TAG_CONLLU, NULL, NULL, "read CoNLL-U on standard input, write it back with UPOS and XPOS predicted, and exit"},
    {"max-bytes", OPT_MAX_BYTES, "N", NULL, "skip documents larger than N bytes, with an error (default: 268435456)"},
    {"timeout", OPT_TIMEOUT, "SECONDS", NULL, "give up on a document after SECONDS (default 60; 0 = no limit): its record says status \"timeout\""},
    {"files-from", OPT_FILES_FROM, "FILE", "@file", "also read the paths listed in FILE (- for stdin), one per line, after any PATH"},
    {"null", OPT_NUL, NULL, NULL, "the --files-from list is NUL-separated (as find -print0 writes it)"},
    {"output", OPT_OUTPUT, "FILE", "@file", "write the records to FILE instead of standard output"},
    {"resume", OPT_RESUME, NULL, NULL, "with -o FILE: keep the records already in FILE (cutting a torn last line), skip their inputs (by source.path and source.id), append the rest"},
    {"keep-fields", OPT_KEEP_FIELDS, "LIST", NULL, "copy these JSONL input fields (a,b,c, or all but the text) into source.fields"},
    {"progress", OPT_PROGRESS, NULL, NULL, "show progress on stderr (default: when stderr is a terminal)"},
    {"no-progress", OPT_NO_PROGRESS, NULL, NULL, "never show progress"},
    {"stats", OPT_STATS, "[=FMT]", "text json", "print to stderr how many documents were read, written, failed and skipped, bytes, time, WARC records skipped by kind and CPU time by stage; FMT text (default) or json"},
    {"completion", OPT_COMPLETION, "SHELL", "bash zsh", "print the completion script for SHELL (bash or zsh) and exit"},
    {"help", OPT_HELP, NULL, NULL, "show this help and exit"},
    {"version", OPT_VERSION, NULL, NULL, "show the version, the output schema and the built-in data, and exit"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

static void usage(FILE *f)
{
    fprintf(f, "usage: newsclaims [OPTIONS] [PATH...]\n\n"
               "Extract from news articles the casualty figures (killed, injured, missing,\n"
               "arrested, displaced, ... with the count as written, who was counted and who\n"
               "reports it), the actors involved (countries, organisations, people, groups,\n"
               "with stable ids) and the sourced claims (who says what, with which cue and\n"
               "stance): one JSON record per article, or a CSV/TSV table, or an HTML report.\n"
               "PATH is a file, a folder (read recursively, in sorted order: .txt .text .html\n"
               ".htm .xhtml .shtml .warc .wet or no extension, each optionally .gz), or - for\n"
               "standard input (the default). WARC and WET files (Common Crawl), found by\n"
               "their content, give one document per HTML or text response or conversion.\n\nOptions:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        char left[64];
        const option_def *o = &options[i];
        const char *sep = !o->arg || optional_arg(o) ? "" : " ";
        if (o->id < 256)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->id, o->name, sep, o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, sep, o->arg ? o->arg : "");
        fprintf(f, "  %-26s %s\n", left, o->help);
    }
    fprintf(f, "\nExamples:\n"
               "  newsclaims article.html                     one record, as JSON\n"
               "  newsclaims --output-format csv saved/ > figures.csv\n"
               "                                              every casualty figure of a folder, a row each\n"
               "  newsclaims --output-format html saved/ > report.html\n"
               "                                              a page to check the extraction by eye\n"
               "\nExit status: 0 all documents processed; 1 some document could not be read or\n"
               "decoded, or ran past --timeout (named on stderr, still given a record);\n"
               "2 usage error or invalid rules; 130/143 stopped by SIGINT/SIGTERM (whole\n"
               "records written: --resume continues).\n"
               "The record format is docs/schema.md (schema " NC_SCHEMA "); see also newsclaims(1).\n");
}

/* ---- shell completions, from the table above ---- */

/* The help text's first clause, for a completion menu. */
static void short_help(const char *help, char *out, size_t cap)
{
    size_t n = strcspn(help, ";:(");
    if (n >= cap)
        n = cap - 1;
    while (n && help[n - 1] == ' ')
        n--;
    memcpy(out, help, n);
    out[n] = '\0';
}

static void completion_bash(FILE *f)
{
    fprintf(f, "# bash completion for newsclaims (written by newsclaims --completion bash)\n"
               "_newsclaims() {\n"
               "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
               "    case $prev in\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const option_def *o = &options[i];
        if (!o->arg || optional_arg(o)) /* an optional argument is never the next word */
            continue;
        fprintf(f, "        --%s", o->name);
        if (o->id < 256)
            fprintf(f, "|-%c", o->id);
        if (!o->values)
            fprintf(f, ") return ;;\n");
        else if (strcmp(o->values, "@dir") == 0)
            fprintf(f, ") COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n");
        else if (strcmp(o->values, "@file") == 0)
            fprintf(f, ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n");
        else
            fprintf(f, ") COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); return ;;\n", o->values);
    }
    fprintf(f, "    esac\n    if [[ $cur == -* ]]; then\n        COMPREPLY=($(compgen -W \"");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        fprintf(f, "%s--%s", i ? " " : "", options[i].name);
        if (options[i].id < 256)
            fprintf(f, " -%c", options[i].id);
    }
    fprintf(f, "\" -- \"$cur\"))\n        return\n    fi\n"
               "    COMPREPLY=($(compgen -f -- \"$cur\"))\n}\n"
               "complete -o filenames -F _newsclaims newsclaims\n");
}

static void completion_zsh(FILE *f)
{
    fprintf(f, "#compdef newsclaims\n# zsh completion for newsclaims (written by newsclaims --completion zsh)\n"
               "_arguments -s \\\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const option_def *o = &options[i];
        char desc[128], action[160], arg[32];
        short_help(o->help, desc, sizeof desc);
        for (char *p = desc; *p; p++) /* nothing that ends a zsh spec or its quoting */
            if (*p == '[' || *p == ']' || *p == '\'' || *p == '\\')
                *p = ' ';
        /* "[=FMT]": an optional argument, only as --name=FMT ("=-", "::") */
        int opt_arg = optional_arg(o);
        snprintf(arg, sizeof arg, "%.*s", o->arg ? (int)strcspn(o->arg + 2 * opt_arg, "]") : 0,
                 o->arg ? o->arg + 2 * opt_arg : "");
        const char *colon = opt_arg ? "::" : ":";
        if (!o->arg)
            action[0] = '\0';
        else if (!o->values)
            snprintf(action, sizeof action, "%s%s: ", colon, arg);
        else if (strcmp(o->values, "@dir") == 0)
            snprintf(action, sizeof action, "%s%s:_files -/", colon, arg);
        else if (strcmp(o->values, "@file") == 0)
            snprintf(action, sizeof action, "%s%s:_files", colon, arg);
        else
            snprintf(action, sizeof action, "%s%s:(%s)", colon, arg, o->values);
        if (o->id < 256)
            fprintf(f, "  '(-%c --%s)'{-%c,--%s}'[%s]%s' \\\n", o->id, o->name, o->id, o->name, desc, action);
        else
            fprintf(f, "  '--%s%s[%s]%s' \\\n", o->name, !o->arg ? "" : opt_arg ? "=-" : "=", desc, action);
    }
    fprintf(f, "  '*:article file or folder:_files'\n");
}

/* --version: the program, the record schema, the data it carries. */
static int version(void)
{
    char err[1024];
    nc_context *ctx;
    printf("newsclaims %s\nschema %s\n", nc_version(), NC_SCHEMA);
    if (nc_context_new(&ctx, NULL, err, sizeof err)) {
        fprintf(stderr, "newsclaims: built-in data: %s\n", err);
        return EXIT_USAGE;
    }
    printf("data %s: %zu rules, %zu languages\n", nc_data_version(), nc_context_rule_count(ctx),
           nc_context_language_count(ctx));
    nc_context_free(ctx);
    return 0;
}

/* The signal that asked the run to stop; a second one ends it at once. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    if (interrupted) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    interrupted = sig;
}

/* Exit status after writing to stdout: code, or 1 when the output could
 * not be written (a full disk: `newsclaims --help > /dev/full`). */
static int flush_stdout(int code)
{
    if (fflush(stdout) == EOF || ferror(stdout)) {
        fprintf(stderr, "newsclaims: error writing output: %s\n", strerror(errno));
        return EXIT_DOC_ERRORS;
    }
    return code;
}

static void report_example(const char *msg, void *user) { fprintf((FILE *)user, "%s\n", msg); }

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    /* digits only: strtoull would take " -1" as a huge number */
    if (s[0] < '0' || s[0] > '9')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v > SIZE_MAX)
        return -1;
    *out = (size_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    struct option longopts[N_OPTIONS + 1];
    char shortopts[3 * N_OPTIONS + 1];
    size_t ns = 0;
    for (size_t i = 0; i < N_OPTIONS; i++) {
        longopts[i] = (struct option){options[i].name,
                                      !options[i].arg       ? no_argument
                                      : optional_arg(&options[i]) ? optional_argument
                                                            : required_argument,
                                      NULL, options[i].id};
        if (options[i].id < 256) {
            shortopts[ns++] = (char)options[i].id;
            if (options[i].arg)
                shortopts[ns++] = ':';
            if (optional_arg(&options[i]))
                shortopts[ns++] = ':';
        }
    }
    shortopts[ns] = '\0';
    memset(&longopts[N_OPTIONS], 0, sizeof longopts[N_OPTIONS]);

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    nc_batch_options opt = {
        .jobs = cores > 0 ? (int)(cores > 64 ? 64 : cores) : 1,
        .text_field = "text", .id_field = "id", .format = NC_FORMAT_AUTO,
        .max_bytes = 256u << 20, .timeout = 60, .out = stdout, .err = stderr,
    };
    const char *rules_dir = NULL, *output = NULL;
    int check_rules = 0, want_stats = 0, stats_json = 0, resume = 0, progress = -1, table_given = 0, tag_conllu = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case OPT_JSONL: opt.jsonl = 1; break;
        case OPT_TEXT_FIELD: opt.text_field = optarg; break;
        case OPT_ID_FIELD: opt.id_field = optarg; break;
        case OPT_WITH_TEXT: opt.output.json_flags |= NC_JSON_WITH_TEXT; break;
        case OPT_EXPLAIN: opt.output.json_flags |= NC_JSON_EXPLAIN; break;
        case OPT_PRETTY: opt.output.json_flags |= NC_JSON_PRETTY; break;
        case OPT_OUTPUT_FORMAT:
            if (strcmp(optarg, "jsonl") == 0) opt.output.format = NC_OUTPUT_JSONL;
            else if (strcmp(optarg, "csv") == 0) opt.output.format = NC_OUTPUT_CSV;
            else if (strcmp(optarg, "tsv") == 0) opt.output.format = NC_OUTPUT_TSV;
            else if (strcmp(optarg, "html") == 0) opt.output.format = NC_OUTPUT_HTML;
            else {
                fprintf(stderr, "newsclaims: --output-format must be jsonl, csv, tsv or html, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_TABLE:
            table_given = 1;
            if (strcmp(optarg, "figures") == 0) opt.output.table = NC_TABLE_FIGURES;
            else if (strcmp(optarg, "claims") == 0) opt.output.table = NC_TABLE_CLAIMS;
            else if (strcmp(optarg, "actors") == 0) opt.output.table = NC_TABLE_ACTORS;
            else {
                fprintf(stderr, "newsclaims: --table must be figures, claims or actors, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_COMPLETION:
            if (strcmp(optarg, "bash") == 0) completion_bash(stdout);
            else if (strcmp(optarg, "zsh") == 0) completion_zsh(stdout);
            else {
                fprintf(stderr, "newsclaims: --completion must be bash or zsh, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            return flush_stdout(0);
        case OPT_RULES: rules_dir = optarg; break;
        case OPT_CHECK_RULES: check_rules = 1; break;
        case OPT_TAG_CONLLU: tag_conllu = 1; break;
        case OPT_BODY_ONLY: opt.body_only = 1; break;
        case OPT_REFERENCE_DATE:
            if (nc_parse_reference_date(optarg, &opt.reference_time)) {
                fprintf(stderr, "newsclaims: --reference-date must be YYYY-MM-DD or an ISO 8601 date and time, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_STATS:
            want_stats = 1;
            if (optarg && strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0) {
                fprintf(stderr, "newsclaims: --stats takes text or json, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            stats_json = optarg && strcmp(optarg, "json") == 0;
            break;
        case OPT_OUTPUT: output = optarg; break;
        case OPT_FILES_FROM: opt.files_from = optarg; break;
        case OPT_NUL: opt.files_from_nul = 1; break;
        case OPT_RESUME: resume = 1; break;
        case OPT_PROGRESS: progress = 1; break;
        case OPT_NO_PROGRESS: progress = 0; break;
        case OPT_KEEP_FIELDS:
            if (!*optarg || optarg[0] == ',' || optarg[strlen(optarg) - 1] == ',' || strstr(optarg, ",,")) {
                fprintf(stderr, "newsclaims: --keep-fields takes field names separated by commas, or all, not '%s'\n",
                        optarg);
                return EXIT_USAGE;
            }
            opt.keep_fields = optarg;
            break;
        case OPT_TIMEOUT: {
            char *end;
            errno = 0;
            opt.timeout = strtod(optarg, &end);
            /* written the negated way so that NaN fails too */
            if (errno || end == optarg || *end || !(opt.timeout >= 0 && opt.timeout <= 1e6)) {
                fprintf(stderr, "newsclaims: --timeout must be a number of seconds, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case OPT_FORMAT:
            if (strcmp(optarg, "auto") == 0) opt.format = NC_FORMAT_AUTO;
            else if (strcmp(optarg, "text") == 0) opt.format = NC_FORMAT_TEXT;
            else if (strcmp(optarg, "html") == 0) opt.format = NC_FORMAT_HTML;
            else {
                fprintf(stderr, "newsclaims: --format must be auto, text or html, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_JOBS: {
            size_t n;
            if (parse_size(optarg, &n) || n < 1 || n > 256) {
                fprintf(stderr, "newsclaims: --jobs must be a number from 1 to 256, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            opt.jobs = (int)n;
            break;
        }
        case OPT_MAX_BYTES:
            if (parse_size(optarg, &opt.max_bytes) || !opt.max_bytes) {
                fprintf(stderr, "newsclaims: --max-bytes must be a positive number, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_HELP: usage(stdout); return flush_stdout(0);
        case OPT_VERSION: return flush_stdout(version());
        default:
            if (optopt && optopt < 256 && strchr(shortopts, optopt) && c == ':')
                fprintf(stderr, "newsclaims: option -%c needs an argument\n", optopt);
            else
                fprintf(stderr, "newsclaims: unknown or incomplete option '%s'\n", argv[optind - 1]);
            fprintf(stderr, "Try 'newsclaims --help'.\n");
            return EXIT_USAGE;
        }
    }

    if (tag_conllu && optind < argc) {
        fprintf(stderr, "newsclaims: --tag-conllu reads standard input only, not '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    if (opt.files_from_nul && !opt.files_from) {
        fprintf(stderr, "newsclaims: -0 goes with --files-from FILE\n");
        return EXIT_USAGE;
    }
    if (resume && !output) {
        fprintf(stderr, "newsclaims: --resume needs -o FILE (the output to resume)\n");
        return EXIT_USAGE;
    }
    if (resume && (opt.output.json_flags & NC_JSON_PRETTY || opt.body_only || opt.output.format != NC_OUTPUT_JSONL)) {
        fprintf(stderr, "newsclaims: --resume reads one JSON record per line: not with --pretty, --body-only "
                        "or --output-format csv, tsv, html\n");
        return EXIT_USAGE;
    }
    if (table_given && opt.output.format != NC_OUTPUT_CSV && opt.output.format != NC_OUTPUT_TSV) {
        fprintf(stderr, "newsclaims: --table goes with --output-format csv or tsv\n");
        return EXIT_USAGE;
    }
    if (opt.body_only && opt.output.format != NC_OUTPUT_JSONL) {
        fprintf(stderr, "newsclaims: --body-only writes text, not --output-format %s\n",
                opt.output.format == NC_OUTPUT_HTML ? "html" : opt.output.format == NC_OUTPUT_CSV ? "csv" : "tsv");
        return EXIT_USAGE;
    }

    char err[1024];
    nc_context *ctx;
    int rc = nc_context_new(&ctx, rules_dir, err, sizeof err);
    if (rc) {
        fprintf(stderr, "newsclaims: %s\n", rc == NC_ERULES ? err : nc_strerror(rc));
        return EXIT_USAGE;
    }
    if (check_rules) {
        size_t passed, failed;
        rc = nc_context_check_examples(ctx, report_example, stderr, &passed, &failed);
        nc_context_free(ctx);
        if (rc) {
            fprintf(stderr, "newsclaims: %s\n", nc_strerror(rc));
            return EXIT_USAGE;
        }
        printf("rule examples: %zu passed, %zu failed\n", passed, failed);
        return flush_stdout(failed ? EXIT_DOC_ERRORS : 0);
    }

    if (tag_conllu) {
        size_t sentences, tokens, bad;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        rc = nc_conllu_tag(ctx, "-", stdout, stderr, &sentences, &tokens, &bad);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        nc_context_free(ctx);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (want_stats)
            fprintf(stderr, "newsclaims: stats: %zu sentences, %zu tokens, %zu bad lines, %.3f s\n",
                    sentences, tokens, bad, secs);
        if (rc || fflush(stdout)) {
            fprintf(stderr, "newsclaims: %s\n", rc ? nc_strerror(rc) : strerror(errno));
            return EXIT_DOC_ERRORS;
        }
        return bad ? EXIT_DOC_ERRORS : 0;
    }
    signal(SIGPIPE, SIG_IGN); /* a closed pipe shows up as EPIPE: stop quietly */
    nc_resume *done = NULL;
    if (output && (rc = nc_output_open(output, resume, &opt.out, &done, err, sizeof err))) {
        fprintf(stderr, "newsclaims: %s\n", rc == NC_ENOMEM ? nc_strerror(rc) : err);
        nc_context_free(ctx);
        return rc == NC_EJSON ? EXIT_USAGE : EXIT_DOC_ERRORS;
    }
    if (done && nc_resume_torn(done))
        fprintf(stderr, "newsclaims: %s: cut a torn last line; resuming after %zu records\n", output,
                nc_resume_records(done));
    opt.resume = done;
    opt.output.keep_fields = opt.keep_fields;
    opt.ctx = ctx;
    opt.progress = progress < 0 ? isatty(2) : progress;
    opt.progress_tty = isatty(2);
    opt.stage_times = want_stats;
    /* SIGINT/SIGTERM: finish what is running, write whole records, exit
     * 128 + the signal; no SA_RESTART, so that a blocked read returns */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    opt.interrupt = &interrupted;
    nc_batch_stats stats;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = nc_batch_run(&opt, argv + optind, (size_t)(argc - optind), &stats);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (want_stats)
        nc_batch_stats_print(stderr, &stats, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
                             stats_json);
    nc_context_free(ctx);
    nc_resume_free(done);
    int write_failed = ferror(opt.out) || stats.write_errno;
    int write_errno = stats.write_errno;
    if (output && fclose(opt.out) == EOF) {
        write_failed = 1;
        if (!write_errno)
            write_errno = errno;
    }
    if (stats.interrupted)
        return 128 + stats.interrupted;
    if (rc == NC_EIO) /* the --files-from list could not be opened (said already) */
        return EXIT_USAGE;
    if (rc) {
        fprintf(stderr, "newsclaims: %s\n", nc_strerror(rc));
        return EXIT_DOC_ERRORS;
    }
    if (stats.pipe_closed)
        return stats.failed ? EXIT_DOC_ERRORS : 0;
    if (write_failed) {
        fprintf(stderr, "newsclaims: error writing output: %s\n", strerror(write_errno ? write_errno : EIO));
        return EXIT_DOC_ERRORS;
    }
    return stats.failed ? EXIT_DOC_ERRORS : 0;
}

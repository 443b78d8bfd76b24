/* The keyword prefilter: which rules a sentence can match, from its
 * words (see nc_ruleset_candidates in ruleset.h). */
#include "rules/ruleset_int.h"
#include "newsclaims.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>


/* FNV-1a, computed byte by byte so that a word's prefixes hash on the way */
#define HASH_START 1469598103934665603ULL
#define HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 1099511628211ULL)

static uint64_t hash_word(const char *s, size_t n)
{
    uint64_t h = HASH_START;
    for (size_t i = 0; i < n; i++)
        h = HASH_STEP(h, s[i]);
    return h;
}

static keyword *lookup_hashed(const nc_ruleset *rs, uint64_t h, const char *s, size_t n, int prefix)
{
    if (!rs->table_size)
        return NULL;
    size_t mask = rs->table_size - 1;
    for (size_t i = (h ^ (uint64_t)prefix) & mask;; i = (i + 1) & mask) {
        keyword *k = &rs->table[i];
        if (!k->word)
            return NULL;
        if (k->hash == h && k->prefix == prefix && k->len == n && memcmp(k->word, s, n) == 0)
            return k;
    }
}

static keyword *lookup(const nc_ruleset *rs, const char *s, size_t n, int prefix)
{
    return lookup_hashed(rs, hash_word(s, n), s, n, prefix);
}

/* Records a new keyword (lower case, n >= 1) in the length filters. */
static void note_length(nc_ruleset *rs, const char *low, size_t n, int prefix)
{
    int first = low[0] - 'a', last = low[n - 1] - 'a';
    if (first < 0 || first >= 26 || last < 0 || last >= 26)
        return; /* not a letter: no word of the text can match it */
    if (prefix)
        rs->prefix_lengths[first] |= 1ULL << n; /* n < 64, checked by the caller */
    else
        rs->exact_lengths[first][last] |= 1ULL << (n < 63 ? n : 63);
}

static int add_keyword(nc_ruleset *rs, const char *w, size_t n, size_t rule, const char *file,
                       int line, char *err, size_t errlen)
{
    int prefix = n > 1 && w[n - 1] == '*';
    if (prefix)
        n--;
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)w[i])) {
            nc_rs_err(err, errlen, file, line, "keyword \"%.*s\" must be letters (a final * makes a prefix)", (int)n, w);
            return NC_ERULES;
        }
    if (prefix && n >= 64) {
        nc_rs_err(err, errlen, file, line, "prefix keyword too long");
        return NC_ERULES;
    }
    char low[256];
    if (n >= sizeof low) {
        nc_rs_err(err, errlen, file, line, "keyword too long");
        return NC_ERULES;
    }
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    keyword *k = lookup(rs, low, n, prefix);
    if (!k) {
        size_t mask = rs->table_size - 1;
        uint64_t h = hash_word(low, n);
        size_t i = (h ^ (uint64_t)prefix) & mask;
        while (rs->table[i].word)
            i = (i + 1) & mask;
        k = &rs->table[i];
        k->word = nc_strndup(low, n);
        k->len = n;
        k->hash = h;
        k->bits = calloc(rs->words, sizeof(uint64_t));
        if (!k->word || !k->bits)
            return NC_ENOMEM;
        k->prefix = prefix;
        note_length(rs, low, n, prefix);
    }
    k->bits[rule / 64] |= 1ULL << (rule % 64);
    return 0;
}

/* Adds the last word of each entry of a numbers alternation
 * ("seventeen|a\\s+few|...") to the table as a number word. */
static int add_number_words(nc_ruleset *rs, const char *alternation)
{
    for (const char *p = alternation; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        const char *w = p + n;
        while (w > p && isalpha((unsigned char)w[-1]))
            w--;
        size_t wn = (size_t)(p + n - w);
        if (wn && wn < 64) {
            char low[64];
            for (size_t i = 0; i < wn; i++)
                low[i] = (char)tolower((unsigned char)w[i]);
            keyword *k = lookup(rs, low, wn, 0);
            if (!k) {
                size_t mask = rs->table_size - 1;
                uint64_t h = hash_word(low, wn);
                size_t i = h & mask;
                while (rs->table[i].word)
                    i = (i + 1) & mask;
                k = &rs->table[i];
                k->word = nc_strndup(low, wn);
                k->bits = calloc(rs->words, sizeof(uint64_t));
                if (!k->word || !k->bits)
                    return NC_ENOMEM;
                k->len = wn;
                k->hash = h;
                note_length(rs, low, wn, 0);
            }
            k->number = 1;
        }
        p = bar ? bar + 1 : p + n;
    }
    return 0;
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

int nc_rs_build_prefilter(nc_ruleset *rs, const kw_list *kws, const nc_numbers *numbers, char *err,
                          size_t errlen)
{
    size_t groups = 0;
    for (size_t i = 0; i < kws->n; i++)
        groups += count_char(kws->items[i].words, ';');
    if (groups && !(rs->and_groups = calloc(groups, sizeof *rs->and_groups)))
        return NC_ENOMEM;
    rs->words = (rs->n + groups) / 64 + 1;
    rs->always = calloc(rs->words, sizeof(uint64_t));
    rs->need_number = calloc(rs->words, sizeof(uint64_t));
    rs->need_two = calloc(rs->words, sizeof(uint64_t));
    rs->need_name = calloc(rs->words, sizeof(uint64_t));
    if (!rs->always || !rs->need_number || !rs->need_two || !rs->need_name)
        return NC_ENOMEM;
    for (size_t i = 0; i < rs->n; i++) {
        if (rs->rules[i].needs_number)
            rs->need_number[i / 64] |= 1ULL << (i % 64);
        if (rs->rules[i].needs_number > 1)
            rs->need_two[i / 64] |= 1ULL << (i % 64);
        if (rs->rules[i].needs_name)
            rs->need_name[i / 64] |= 1ULL << (i % 64);
    }
    size_t total = 0;
    for (size_t i = 0; i < kws->n; i++)
        for (const char *p = kws->items[i].words; *p; p++)
            total += isspace((unsigned char)*p) != 0;
    total += kws->n + groups + 1 + count_char(nc_numbers_word_alternation(numbers), '|') +
             count_char(nc_numbers_vague_alternation(numbers), '|') + 2;
    rs->table_size = 16;
    while (rs->table_size < total * 2)
        rs->table_size *= 2;
    rs->table = calloc(rs->table_size, sizeof *rs->table);
    if (!rs->table)
        return NC_ENOMEM;
    char *has_kw = calloc(rs->n + 1, 1);
    if (!has_kw)
        return NC_ENOMEM;
    int rc = add_number_words(rs, nc_numbers_word_alternation(numbers));
    if (!rc)
        rc = add_number_words(rs, nc_numbers_vague_alternation(numbers));
    for (size_t i = 0; i < kws->n && !rc; i++) {
        size_t rule = kws->items[i].rule, slot = rule;
        const nc_rule *r = &rs->rules[rule];
        for (const char *p = kws->items[i].words; *p && !rc;) {
            if (*p == ';') { /* the next keywords: line */
                slot = rs->n + rs->n_and_groups;
                rs->and_groups[rs->n_and_groups++] = (struct nc_and_group){rule, slot};
                p++;
                continue;
            }
            while (*p && (isspace((unsigned char)*p) || *p == ','))
                p++;
            const char *q = p;
            while (*q && !isspace((unsigned char)*q) && *q != ',' && *q != ';')
                q++;
            if (q > p) {
                rc = add_keyword(rs, p, (size_t)(q - p), slot, r->file, kws->items[i].line, err, errlen);
                has_kw[rule] = 1;
            }
            p = q;
        }
    }
    for (size_t i = 0; i < rs->n; i++)
        if (!has_kw[i])
            rs->always[i / 64] |= 1ULL << (i % 64);
    free(has_kw);
    return rc;
}

/* ASCII letters to lower case; 0 for everything else (word breaks) */
static const unsigned char ascii_lower[256] = {
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
    ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
    ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
    ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
    ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
    ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
    ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
    ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

/* Looks the word tok[0, n) (lower case, n <= sizeof tok of the caller)
 * up as exact keyword and, where the filters allow, its prefixes as prefix
 * keywords; ORs the rules of what it finds into bits. Hashes only as far
 * as the longest length worth a probe. Returns 1 if it is a number word. */
static int word_hits(const nc_ruleset *rs, const char *tok, size_t n, uint64_t prefixes, int exact,
                     uint64_t *bits)
{
    int number = 0;
    size_t last = exact ? n : 0;
    if (prefixes) {
        size_t top = 63 - (size_t)__builtin_clzll(prefixes); /* the longest prefix keyword */
        if (top > last)
            last = top;
    }
    uint64_t h = HASH_START;
    for (size_t L = 1; L <= last; L++) {
        h = HASH_STEP(h, tok[L - 1]);
        const keyword *k;
        if ((prefixes >> L & 1) && (k = lookup_hashed(rs, h, tok, L, 1)))
            for (size_t w = 0; w < rs->words; w++)
                bits[w] |= k->bits[w];
        if (L == n && exact && (k = lookup_hashed(rs, h, tok, n, 0))) {
            number |= k->number;
            for (size_t w = 0; w < rs->words; w++)
                bits[w] |= k->bits[w];
        }
    }
    return number;
}

/* The ASCII-letter words of text[0, len) (a token that is not plain ASCII
 * letters: "d'Ivoire", "U.S.", "Élysée", "3rd"), as the keywords see
 * them. Returns how many are number words. */
static int bytes_hits(const nc_ruleset *rs, const char *text, size_t len, uint64_t *bits)
{
    char tok[64];
    size_t i = 0;
    const unsigned char *t = (const unsigned char *)text;
    int number = 0;
    while (i < len) {
        while (i < len && !ascii_lower[t[i]])
            i++;
        if (i >= len)
            break;
        /* a word: its letters, then its first letter and length decide
         * whether any keyword can be it or a prefix of it */
        size_t s = i;
        while (i < len && ascii_lower[t[i]])
            i++;
        size_t n = i - s;
        int first = ascii_lower[t[s]] - 'a', end = ascii_lower[t[i - 1]] - 'a';
        /* prefix keywords of length n or less (all lengths are below 64) */
        uint64_t prefixes = rs->prefix_lengths[first] & (n < 63 ? (2ULL << n) - 1 : ~0ULL);
        /* exact keywords are compared for words of up to sizeof tok letters */
        int exact = n <= sizeof tok && (rs->exact_lengths[first][end] >> (n < 63 ? n : 63) & 1);
        if (!prefixes && !exact)
            continue;
        size_t m = n < sizeof tok ? n : sizeof tok;
        for (size_t k = 0; k < m; k++)
            tok[k] = (char)ascii_lower[t[s + k]];
        number += word_hits(rs, tok, n, prefixes, exact, bits);
    }
    return number;
}

void nc_ruleset_candidates(const nc_ruleset *rs, const nc_document *doc, size_t si, uint64_t *bits)
{
    memcpy(bits, rs->always, rs->words * sizeof(uint64_t));
    const nc_tokens *tk = &doc->tokens;
    int numbers = 0, has_name = 0, prev_cap = 0; /* numbers: how many (or more) */
    if (!tk->sent_first) { /* no stream: read the sentence's bytes */
        const nc_sentence *s = &doc->sentences[si];
        for (size_t i = s->start; i < s->end; i++) {
            unsigned char c = (unsigned char)doc->text[i];
            numbers += c >= '0' && c <= '9' && (i == s->start || !(doc->text[i - 1] >= '0' && doc->text[i - 1] <= '9'));
            /* a capital starting a word right after a capitalised word and a space */
            if (i == s->start || doc->text[i - 1] == ' ') {
                int cap = c >= 'A' && c <= 'Z';
                has_name |= cap && prev_cap && i > s->start;
                prev_cap = cap;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'' || c == ' ')) {
                prev_cap = 0; /* punctuation ends the run */
            }
        }
        numbers += bytes_hits(rs, doc->text + s->start, s->end - s->start, bits);
    }
    int by_lexicon = tk->lex && tk->lex == rs->lex;
    for (size_t i = tk->sent_first ? tk->sent_first[si] : 0, e = tk->sent_first ? tk->sent_first[si + 1] : 0;
         i < e; i++) {
        const nc_token *t = &tk->items[i];
        if (t->kind != NC_TOKEN_WORD)
            continue;
        if (!(t->flags & NC_TOKEN_ALPHA)) {
            numbers += (t->flags & NC_TOKEN_HAS_DIGIT) != 0;
            numbers += bytes_hits(rs, doc->text + t->start, t->end - t->start, bits);
            continue;
        }
        /* a word of ASCII letters: its key is the text lower-cased, its hash
         * the prefilter's, and the tokenizer has looked it up already */
        size_t n = t->key_len;
        uint64_t prefixes = rs->prefix_lengths[t->key[0] - 'a'] & (n < 63 ? (2ULL << n) - 1 : ~0ULL);
        if (prefixes)
            word_hits(rs, t->key, n, prefixes, 0, bits);
        const keyword *k = NULL;
        if (by_lexicon) {
            uint32_t v = nc_lexicon_get(tk->lex, t->lex, NC_LEX_RULE);
            k = v ? &rs->table[v - 1] : NULL;
        } else if (n <= 64 && (rs->exact_lengths[t->key[0] - 'a'][t->key[n - 1] - 'a'] >> (n < 63 ? n : 63) & 1)) {
            k = lookup_hashed(rs, nc_token_hash(t), t->key, n, 0);
        }
        if (k) {
            numbers += k->number;
            for (size_t w = 0; w < rs->words; w++)
                bits[w] |= k->bits[w];
        }
    }
    if (numbers < 2)
        for (size_t w = 0; w < rs->words; w++)
            bits[w] &= ~(numbers ? rs->need_two[w] : rs->need_number[w]);
    /* a name: read only when a candidate needs one */
    uint64_t want_name = 0;
    for (size_t w = 0; w < rs->words; w++)
        want_name |= bits[w] & rs->need_name[w];
    if (want_name && tk->sent_first)
        for (size_t i = tk->sent_first[si], e = tk->sent_first[si + 1]; i < e && !has_name; i++) {
            const nc_token *t = &tk->items[i];
            int cap = t->kind == NC_TOKEN_WORD && (t->flags & NC_TOKEN_CAP);
            has_name = cap && prev_cap && (t->flags & NC_TOKEN_SPACE);
            prev_cap = cap;
        }
    if (want_name && !has_name)
        for (size_t w = 0; w < rs->words; w++)
            bits[w] &= ~rs->need_name[w];
    for (size_t g = 0; g < rs->n_and_groups; g++) {
        size_t slot = rs->and_groups[g].slot, rule = rs->and_groups[g].rule;
        if (!(bits[slot / 64] >> (slot % 64) & 1))
            bits[rule / 64] &= ~(1ULL << (rule % 64));
    }
}

int nc_ruleset_index(nc_ruleset *rs, nc_lexicon *lex)
{
    for (size_t i = 0; i < rs->table_size; i++) {
        const keyword *k = &rs->table[i];
        if (!k->word || k->prefix || k->len > 64)
            continue;
        uint32_t id;
        int rc = nc_lexicon_add(lex, k->word, k->len, &id);
        if (rc)
            return rc;
        nc_lexicon_set(lex, id, NC_LEX_RULE, (uint32_t)i + 1);
    }
    rs->lex = lex;
    return 0;
}

void nc_ruleset_use_lexicon(nc_ruleset *rs, const nc_lexicon *lex) { rs->lex = lex; }

void nc_rs_free_prefilter(nc_ruleset *rs)
{
    for (size_t i = 0; rs->table && i < rs->table_size; i++) {
        free(rs->table[i].word);
        free(rs->table[i].bits);
    }
    free(rs->table);
    free(rs->always);
    free(rs->need_number);
    free(rs->need_two);
    free(rs->need_name);
    free(rs->and_groups);
}

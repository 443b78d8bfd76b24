#!/usr/bin/env python3
"""Per-token UPOS and XPOS accuracy of a tagged CoNLL-U file against gold.

usage: pos_score.py GOLD.conllu[.gz] PREDICTED.conllu[.gz] [--confusions N]

Word lines only (IDs 1, 2, ...; multiword ranges and empty nodes are not
scored); the two files must hold the same words in the same order, as
`newsclaims --tag-conllu < GOLD > PREDICTED` writes them.
"""
import collections
import gzip
import sys


def words(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                yield cols[1], cols[3], cols[4]


def main():
    args, nconf = sys.argv[1:], 0
    if "--confusions" in args:
        k = args.index("--confusions")
        nconf = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    gold, pred = list(words(args[0])), list(words(args[1]))
    if len(gold) != len(pred) or any(g[0] != p[0] for g, p in zip(gold, pred)):
        sys.exit("pos_score: the files do not hold the same words")
    up = sum(g[1] == p[1] for g, p in zip(gold, pred))
    xp = sum(g[2] == p[2] for g, p in zip(gold, pred))
    n = len(gold)
    print(f"tokens {n}  UPOS {up / n:.4f}  XPOS {xp / n:.4f}")
    if nconf:
        c = collections.Counter((g[1], p[1]) for g, p in zip(gold, pred) if g[1] != p[1])
        for (g, p), k in c.most_common(nconf):
            print(f"  gold {g:6} tagged {p:6} {k}")


if __name__ == "__main__":
    main()

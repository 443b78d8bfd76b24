#!/bin/sh
# The conventions of a Unix tool: `make install` (into a temporary
# DESTDIR) puts the man page, the bash and zsh completions and the
# versioned shared library where they belong; `man -l` renders the page and
# it describes every option; the completions load in bash and zsh (zsh is
# installed here when missing and possible, else skipped with a message)
# and complete options and their values; a program linked against the
# installed library gets nc_version().
# Run from the repository root; prints "shell: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
SUITE=shell
. tests/cli/lib.sh

D=$T/inst
P=/usr/local
if make -s install BUILD="${BUILD#$ROOT/}" DESTDIR="$D" PREFIX="$P" > "$T/install.log" 2>&1; then
    ok "make install into a DESTDIR"
else
    nok "make install into a DESTDIR" "$(tail -c 300 "$T/install.log" | tr '\n' ' ')"
    finish
fi
MANPAGE=$D$P/share/man/man1/newsclaims.1
BASHC=$D$P/share/bash-completion/completions/newsclaims
ZSHC=$D$P/share/zsh/site-functions/_newsclaims
for f in "$MANPAGE" "$BASHC" "$ZSHC" "$D$P/lib/libnewsclaims.a" "$D$P/include/newsclaims.h"; do
    if [ -f "$f" ]; then ok "installed ${f#$D}"; else nok "installed ${f#$D}" "missing"; fi
done

# ---- the shared library ----
VERSION=$(sed -n 's/^#define NC_VERSION "\(.*\)"/\1/p' include/newsclaims.h)
MAJOR=${VERSION%%.*}
eq "libnewsclaims.so -> .so.$MAJOR -> .so.$VERSION" \
    "$(readlink "$D$P/lib/libnewsclaims.so") $(readlink "$D$P/lib/libnewsclaims.so.$MAJOR")" \
    "libnewsclaims.so.$MAJOR libnewsclaims.so.$VERSION"
if command -v readelf > /dev/null 2>&1; then
    eq "SONAME is libnewsclaims.so.$MAJOR" \
        "$(readelf -d "$D$P/lib/libnewsclaims.so.$VERSION" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')" \
        "libnewsclaims.so.$MAJOR"
else
    skip "SONAME" "readelf not found"
fi
cat > "$T/v.c" << 'EOF'
#include <newsclaims.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    printf("%s %s %d\n", nc_version(), NC_SCHEMA, (int)strlen(nc_data_version()));
    return strcmp(nc_version(), NC_VERSION) != 0;
}
EOF
# a library built for make sanitize needs its sanitizer runtimes in the program too
SAN=
if command -v ldd > /dev/null 2>&1 && ldd "$D$P/lib/libnewsclaims.so.$VERSION" 2> /dev/null | grep -q libasan; then
    SAN="-fsanitize=address,undefined"
fi
# shellcheck disable=SC2086
if ${CC:-cc} $SAN -I"$D$P/include" "$T/v.c" -L"$D$P/lib" -lnewsclaims -o "$T/v" > "$T/cc.log" 2>&1; then
    eq "a program linked with the installed library: nc_version()" \
        "$(LD_LIBRARY_PATH=$D$P/lib "$T/v")" "$VERSION newsclaims/2 8"
    if command -v ldd > /dev/null 2>&1; then
        eq "it needs the SONAME" "$(LD_LIBRARY_PATH=$D$P/lib ldd "$T/v" | grep -c "libnewsclaims.so.$MAJOR =>")" 1
    fi
else
    nok "a program linked with the installed library" "$(head -c 300 "$T/cc.log")"
fi

# ---- the man page ----
if command -v man > /dev/null 2>&1; then
    MANWIDTH=100 man -l "$MANPAGE" > "$T/man.txt" 2> "$T/man.err"
    if [ -s "$T/man.txt" ] && grep -q '^NEWSCLAIMS(1)' "$T/man.txt" && [ ! -s "$T/man.err" ]; then
        ok "man -l renders the installed page"
    else
        nok "man -l renders the installed page" "$(head -c 300 "$T/man.err")"
    fi
    eq "man page: version" "$(grep -c "newsclaims $VERSION" "$T/man.txt")" 1
    missing=
    for opt in $("$NC" --help | sed -n 's/^ *\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z-]*\).*/\2/p'); do
        grep -qF -- "$opt" "$T/man.txt" || missing="$missing $opt"
    done
    eq "man page describes every option of --help" "$missing" ""
    for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES; do
        grep -q "^$s" "$T/man.txt" || missing="$missing $s"
    done
    eq "man page sections" "$missing" ""
else
    skip "man -l renders the installed page" "man not found"
fi

# ---- bash ----
if command -v bash > /dev/null 2>&1; then
    # complete WORDS...: what the completion offers for the last word
    bcomplete() {
        bash --norc --noprofile -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _newsclaims; [ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
            sh "$BASHC" "$@" 2> "$T/bash.err" | sort | tr '\n' ' '
    }
    if bash --norc --noprofile -c '. "$1" && complete -p newsclaims' sh "$BASHC" > "$T/bash.out" 2>&1 &&
        grep -q -- '-F _newsclaims' "$T/bash.out"; then
        ok "bash: the completion loads"
    else
        nok "bash: the completion loads" "$(head -c 300 "$T/bash.out")"
    fi
    eq "bash: --output-f completes the option" "$(bcomplete newsclaims --output-f)" "--output-format "
    eq "bash: --output-format completes its values" "$(bcomplete newsclaims --output-format '')" "csv html jsonl tsv "
    eq "bash: --table c" "$(bcomplete newsclaims -j 2 --table c)" "claims "
    eq "bash: -j takes a number: nothing offered" "$(bcomplete newsclaims -j '')" ""
    mkdir -p "$T/wd/articles"
    eq "bash: a path completes as a file" "$(cd "$T/wd" && bcomplete newsclaims art)" "articles "
    eq "bash: every option is offered" \
        "$(bcomplete newsclaims -- | tr ' ' '\n' | grep -c '^--')" "$("$NC" --help | grep -c '^ *\(-[A-Za-z0-9], \)\{0,1\}--')"
else
    skip "bash completion" "bash not found"
fi

# ---- zsh ----
if ! command -v zsh > /dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1 && [ -z "${NC_NO_INSTALL:-}" ]; then
    echo "# installing zsh for the completion test"
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y --no-install-recommends zsh > "$T/apt.log" 2>&1 ||
        { apt-get update > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y --no-install-recommends zsh > "$T/apt.log" 2>&1; }
fi
if command -v zsh > /dev/null 2>&1; then
    if zsh -n "$ZSHC" 2> "$T/zsh.err"; then ok "zsh: the completion parses"; else nok "zsh: the completion parses" "$(head -c 300 "$T/zsh.err")"; fi
    eq "zsh: compinit finds it for newsclaims" \
        "$(zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -d "$2"; print -r -- $_comps[newsclaims]' zsh "${ZSHC%/*}" "$T/zcd" 2>&1)" "_newsclaims"
    # an interactive zsh in a pseudo-terminal: type, press Tab, read the list
    cat > "$T/z.zsh" << 'EOF'
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "PS1='>'; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -d $2; zstyle ':completion:*' list-prompt ''"
zpty -w -n z "$3"$'\t'
all=
for i in {1..100}; do
  if zpty -r -t z chunk; then all+=$chunk; else sleep 0.05; fi
  [[ $all == *$4* ]] && break
done
zpty -d z
print -r -- "${all##*$'\r'$'\n'}" | tr -d '\r'
EOF
    zlist() { timeout 30 zsh -f "$T/z.zsh" "${ZSHC%/*}" "$T/zcd2" "$1" "$2" 2> /dev/null | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' | tr -s ' ' ' '; }
    eq "zsh: --output-format completes its values" \
        "$(zlist 'newsclaims --output-format ' tsv | grep -o 'csv html jsonl tsv' | head -n 1)" "csv html jsonl tsv"
    eq "zsh: --tab completes to --table" "$(zlist 'newsclaims --tab' 'table' | grep -o -- '--table' | head -n 1)" "--table"
else
    skip "zsh completion" "zsh not found and could not be installed"
fi
finish

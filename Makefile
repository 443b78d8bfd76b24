# newsclaims — build, test, install.  `make help` lists the targets.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS    := libxml-2.0 libpcre2-8 libcjson zlib
# clang: the libFuzzer harnesses (make fuzz, make fuzz-smoke)
DEBIAN_PACKAGES := build-essential pkg-config libxml2-dev libpcre2-dev libcjson-dev zlib1g-dev clang
# for make check-dask only: installed when they can be, skipped (saying so) when not
OPTIONAL_PACKAGES := python3-dask python3-distributed

BUILD   ?= build
# Evaluated on first use, not when the Makefile is read, so that
# `make deps run` finds the packages `deps` has just installed.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null))$(PKG_LIBS)
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -fPIC -Iinclude -Isrc \
              -fvisibility=hidden -DNC_BUILDING_LIBRARY $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS  = $(PKG_LIBS) -lpthread -lm $(EXTRA_LDFLAGS)

# The folders follow the pipeline: input -> document -> text -> rules ->
# extract/{casualty,actors,claims} -> link -> emit; core ties them together.
LIB_SRC := $(sort $(wildcard src/util/*.c src/core/*.c src/input/*.c src/document/*.c src/text/*.c \
             src/rules/*.c src/extract/*/*.c src/link/*.c src/emit/*.c src/cli/*.c))
# the library but the gazetteer image (tools/gazgen.c builds it with the
# library), the part-of-speech table (tools/pos_table.c) and the rules' code
# (tools/rulec.c, with the library, the image and the table)
CORE_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/builtin_data.o $(BUILD)/obj/gen/lang_table.o
LIB_OBJ := $(CORE_OBJ) $(BUILD)/obj/gen/gazetteer_image.o $(BUILD)/obj/gen/rule_code.o $(BUILD)/obj/gen/pos_model.o
GAZ_DATA := $(sort $(wildcard data/actors/*.txt))
# The part-of-speech model: trained by `make tagger-model` from the treebank,
# compiled into a table at build time (tools/pos_table.c).
POS_MODEL := data/pos/en-ewt.model
POS_TRAIN ?= ../shared/bench/pos/en_ewt-ud-train.conllu.gz
POS_DEV   ?= ../shared/bench/pos/en_ewt-ud-dev.conllu.gz
POS_TRAIN_OPTS ?=
# Embedded as text, but places.txt (4.7 MB): the gazetteer image holds it,
# and only a --rules folder with actor files of its own parses actor text.
DATA    := $(sort $(filter-out data/actors/places.txt,$(wildcard data/*.txt data/actors/*.txt data/rules/*.rules)))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# The version is the header's NC_VERSION; the shared library's SONAME
# carries its major number (libnewsclaims.so.0), bumped when the ABI breaks.
VERSION := $(shell sed -n 's/^\#define NC_VERSION "\(.*\)"/\1/p' include/newsclaims.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME  := libnewsclaims.so.$(SOMAJOR)

BIN     := $(BUILD)/newsclaims
STATIC  := $(BUILD)/libnewsclaims.a
SHARED  := $(BUILD)/libnewsclaims.so.$(VERSION)
MAN     := $(BUILD)/newsclaims.1
# shell completions, written by the binary from its options table
BASH_COMPLETION := $(BUILD)/completions/newsclaims
ZSH_COMPLETION  := $(BUILD)/completions/_newsclaims

.PHONY: all deps run check check-dask unit sanitize bench fuzz fuzz-smoke valgrind install uninstall clean help tagger-model
FUZZERS := text html jsonl rules numbers input warc lines stream walk
REPLAY_BIN := $(FUZZERS:%=$(BUILD)/tests/replay_%)
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 6
# inputs beyond a few KiB only repeat the same paths, slower
FUZZ_MAX_LEN ?= 8192
# (tests/fuzz/seeds.sh keeps every seed under it.) Harnesses that need
# another: fuzz_walk reads three bytes a step, 40 steps (mutating what
# follows is wasted runs)
FUZZ_MAX_LEN_walk ?= 120
# "name:max_len" for each harness, for the loops of fuzz and fuzz-smoke
FUZZ_RUNS = $(foreach f,$(FUZZERS),$(f):$(or $(FUZZ_MAX_LEN_$(f)),$(FUZZ_MAX_LEN)))
# -entropic=0: libFuzzer's entropic scheduler spends ~80% of the time in its
# own bookkeeping on harnesses that run the whole pipeline
# what coverage leaves out (why: in the file)
FUZZ_COVERAGE = -fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt
FUZZ_FLAGS = -entropic=0 -timeout=10 -rss_limit_mb=2048
all: $(BIN) $(STATIC) $(SHARED) $(MAN) $(BASH_COMPLETION) $(ZSH_COMPLETION)

help:
	@echo "make deps       install the Debian build dependencies (apt-get, as root)"
	@echo "make            build $(BIN) and the libraries"
	@echo "make run        run newsclaims on the bundled sample article"
	@echo "make check      build and run the whole test suite"
	@echo "make check-dask run examples/dask on a 2-worker Dask LocalCluster, compare with a local run"
	@echo "make tagger-model  retrain $(POS_MODEL) from the treebank (POS_TRAIN, POS_DEV) and report dev accuracy"
	@echo "make sanitize   run the test suite under ASan + UBSan"
	@echo "make bench      throughput and peak memory over a folder of articles"
	@echo "make fuzz       build the libFuzzer harnesses (clang) and run each FUZZ_SECONDS (default 600); fails on a finding"
	@echo "make fuzz-smoke the same, each for FUZZ_SMOKE_SECONDS (default 6: about a minute); fails on a finding"
	@echo "make valgrind   run the test suite's binaries under valgrind memcheck"
	@echo "make install    install binary, header, libraries, pkg-config file, man page, bash and zsh"
	@echo "                completions (PREFIX, DESTDIR)"

deps:
	@if pkg-config --exists $(PKGS) 2>/dev/null && command -v cc >/dev/null && command -v clang >/dev/null; then \
	  echo "deps: already installed"; \
	else \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEBIAN_PACKAGES); \
	fi
	@if /usr/bin/python3 -c 'import dask.bag, distributed' 2>/dev/null; then \
	  echo "deps: $(OPTIONAL_PACKAGES) already installed"; \
	elif { apt-get update >/dev/null 2>&1 || true; } && \
	     DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(OPTIONAL_PACKAGES) >/dev/null 2>&1; then \
	  echo "deps: installed $(OPTIONAL_PACKAGES)"; \
	else \
	  echo "deps: could not install $(OPTIONAL_PACKAGES): make check-dask will be skipped"; \
	fi

run: $(BIN)
	$(BIN) --pretty data/sample/article.txt

# the tagger's dense weight rows are added as vectors: gcc's -O2 cost model
# leaves that loop (int16 weights into int32 scores) scalar. Only where the
# compiler knows the flag (clang, for the fuzzers, does not; it vectorises
# the loop at -O2 anyway). Evaluated once, when first used.
VECT_FLAGS = $(eval VECT_FLAGS := $(shell $(CC) -fvect-cost-model=cheap -x c -c /dev/null -o /dev/null 2>/dev/null && echo -ftree-vectorize -fvect-cost-model=cheap))$(VECT_FLAGS)
$(BUILD)/obj/src/text/pos.o: ALL_CFLAGS += $(VECT_FLAGS)

# the fuzz build's objects are compiled with the coverage ignore list
ifeq ($(BUILD),build-fuzz)
$(LIB_OBJ): tests/fuzz/coverage-ignore.txt
# Comparison tracing (trace-cmp) lets libFuzzer learn the constants a
# parser compares its input with ("WARC/1.0", "id:", a charset name); the
# readers keep it. Past them the comparisons are of hashes, counts, flags
# and model scores, where it guides nothing and cost a third of each
# fuzz_text input (perf): the tokenizer, tagger and extractors keep
# their edge coverage but not the tracing.
FUZZ_NO_CMP_DIRS = src/text src/extract src/emit src/link
FUZZ_NO_CMP_OBJ = $(filter $(FUZZ_NO_CMP_DIRS:%=$(BUILD)/obj/%/%),$(LIB_OBJ))
$(FUZZ_NO_CMP_OBJ): ALL_CFLAGS += -fno-sanitize-coverage=trace-cmp
endif
$(BUILD)/obj/%.o: %.c $(wildcard include/*.h src/*/*.h src/*/*/*.h) | check-pkgs
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

check-pkgs:
	@pkg-config --exists $(PKGS) || { echo "missing build dependencies: run 'make deps' (as root)"; exit 1; }
.PHONY: check-pkgs

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror $< -o $@

$(BUILD)/gen/builtin_data.c: $(BUILD)/embed $(DATA)
	@mkdir -p $(dir $@)
	$(BUILD)/embed $@ $(DATA)

# the language profiles as ready tables (src/text/langid_table.h)
$(BUILD)/langtable: tools/langtable.c src/text/langid.c src/text/chars.c src/text/langid_table.h src/text/langid.h src/text/chars.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror -Iinclude -Isrc tools/langtable.c src/text/langid.c src/text/chars.c -lm -o $@

$(BUILD)/gen/lang_table.c: $(BUILD)/langtable data/languages.txt
	@mkdir -p $(dir $@)
	$(BUILD)/langtable data/languages.txt $@

$(BUILD)/obj/gen/lang_table.o: $(BUILD)/gen/lang_table.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/gen/builtin_data.o: $(BUILD)/gen/builtin_data.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# the generators link the library without the tables they generate
$(BUILD)/libcore.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/gazgen: tools/gazgen.c $(BUILD)/libcore.a $(BUILD)/obj/gen/pos_model.o $(BUILD)/gen/rule_code_none.c
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/gen/rule_code_none.c $(BUILD)/obj/gen/pos_model.o $(BUILD)/libcore.a $(LDLIBS) -o $@

# The actor data compiled into a gazetteer image, linked in with .incbin:
# start-up reads it in place instead of parsing the data files.
$(BUILD)/gen/gazetteer.bin: $(BUILD)/gazgen $(GAZ_DATA) $(DATA)
	rm -rf $(BUILD)/gen/rulesdir && mkdir -p $(BUILD)/gen/rulesdir
	ln -s $(abspath data/actors) $(BUILD)/gen/rulesdir/actors
	for f in $(abspath $(wildcard data/*.txt data/rules/*.rules)); do ln -s "$$f" $(BUILD)/gen/rulesdir/; done
	$(BUILD)/gazgen $@ $(BUILD)/gen/rulesdir

$(BUILD)/obj/gen/gazetteer_image.o: $(BUILD)/gen/gazetteer.bin
	@mkdir -p $(dir $@)
	printf '%s\n' '.section .rodata' '.balign 64' '.globl nc_gaz_image' '.hidden nc_gaz_image' 'nc_gaz_image:' \
	  '.incbin "$<"' '.globl nc_gaz_image_end' '.hidden nc_gaz_image_end' 'nc_gaz_image_end:' \
	  '.section .note.GNU-stack,"",@progbits' | $(CC) $(CFLAGS) $(EXTRA_CFLAGS) -c -x assembler - -o $@

$(BUILD)/pos_table: tools/pos_table.c $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libcore.a $(LDLIBS) -o $@

$(BUILD)/gen/pos_model.c: $(BUILD)/pos_table $(POS_MODEL)
	@mkdir -p $(dir $@)
	$(BUILD)/pos_table $(POS_MODEL) $@

# a big table of constants: no optimisation needed, and none is faster to compile
$(BUILD)/obj/gen/pos_model.o: $(BUILD)/gen/pos_model.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O0 -g0 -c $< -o $@

# the trainer too: it must build when the model file is being replaced
$(BUILD)/train_pos: tools/train_pos.c $(BUILD)/libcore.a
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libcore.a $(LDLIBS) -o $@

tagger-model: $(BUILD)/train_pos
	$(BUILD)/train_pos $(POS_TRAIN_OPTS) $(POS_TRAIN) $(POS_DEV) $(POS_MODEL)

# rulec runs the library (with no prebuilt code) over the built-in rules
$(BUILD)/gen/rule_code_none.c:
	@mkdir -p $(dir $@)
	printf '#include "core/builtin.h"\nconst unsigned char nc_builtin_rule_code[1];\nconst size_t nc_builtin_rule_code_len = 0;\n' > $@

$(BUILD)/rulec: tools/rulec.c $(CORE_OBJ) $(BUILD)/obj/gen/gazetteer_image.o $(BUILD)/obj/gen/pos_model.o $(BUILD)/gen/rule_code_none.c
	$(CC) $(ALL_CFLAGS) tools/rulec.c $(BUILD)/gen/rule_code_none.c $(CORE_OBJ) $(BUILD)/obj/gen/gazetteer_image.o $(BUILD)/obj/gen/pos_model.o $(LDLIBS) -o $@

$(BUILD)/gen/rule_code.c: $(BUILD)/rulec
	$(BUILD)/rulec $@

$(BUILD)/obj/gen/rule_code.o: $(BUILD)/gen/rule_code.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(STATIC): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LDLIBS)
	ln -sf $(notdir $@) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libnewsclaims.so

$(MAN): docs/newsclaims.1.in include/newsclaims.h
	sed -e 's|@VERSION@|$(VERSION)|' -e "s|@DATE@|$$(date -u -r docs/newsclaims.1.in +%Y-%m-%d)|" $< > $@

$(BASH_COMPLETION): $(BIN)
	@mkdir -p $(dir $@)
	$(BIN) --completion bash > $@

$(ZSH_COMPLETION): $(BIN)
	@mkdir -p $(dir $@)
	$(BIN) --completion zsh > $@

$(BIN): src/main.c $(STATIC)
	$(CC) $(ALL_CFLAGS) src/main.c $(STATIC) $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< $(STATIC) $(LDLIBS) -o $@

$(BUILD)/tests/schema_check: tests/schema/schema_check.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $< $(STATIC) $(LDLIBS) -o $@

unit: $(UNIT_BIN)

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $< tests/fuzz/replay.c $(STATIC) $(LDLIBS) -o $@

# libFuzzer harnesses: the library built again with clang's coverage and sanitizers
lib: $(STATIC)
.PHONY: lib fuzz-lib
fuzz-lib:
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="-O2 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined $(FUZZ_COVERAGE)" lib

build-fuzz/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h tests/fuzz/coverage-ignore.txt fuzz-lib
	@mkdir -p $(dir $@)
	clang $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined $(FUZZ_COVERAGE) -Itests/fuzz $< build-fuzz/libnewsclaims.a $(LDLIBS) -o $@

# every harness in turn, each FUZZ_SECONDS; a finding does not stop the
# others, but fails the target at the end (logs in build-fuzz/NAME.log)
fuzz: $(FUZZERS:%=build-fuzz/fuzz/fuzz_%)
	@sh tests/fuzz/seeds.sh build-fuzz/corpus
	@failed=; for run in $(FUZZ_RUNS); do f=$${run%%:*}; \
	  mkdir -p build-fuzz/found/$$f; \
	  if build-fuzz/fuzz/fuzz_$$f $(FUZZ_FLAGS) -max_len=$${run#*:} -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=build-fuzz/found/$$f/ build-fuzz/corpus/$$f > build-fuzz/$$f.log 2>&1; then \
	    echo "fuzz $$f: $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' build-fuzz/$$f.log)"; \
	  else \
	    tail -30 build-fuzz/$$f.log; echo "fuzz $$f: FAILED (input in build-fuzz/found/$$f/)"; failed="$$failed $$f"; \
	  fi; \
	done; [ -z "$$failed" ] || { echo "make fuzz: findings in$$failed"; exit 1; }

# every harness briefly (CI): a crash, leak, hang or failed check fails the
# target, and the input is left in build-fuzz/found/NAME/ (keep it in
# tests/fuzz/regressions/NAME/ once fixed)
fuzz-smoke: $(FUZZERS:%=build-fuzz/fuzz/fuzz_%)
	@sh tests/fuzz/seeds.sh build-fuzz/corpus
	@for run in $(FUZZ_RUNS); do f=$${run%%:*}; \
	  mkdir -p build-fuzz/found/$$f; \
	  if build-fuzz/fuzz/fuzz_$$f $(FUZZ_FLAGS) -max_len=$${run#*:} -max_total_time=$(FUZZ_SMOKE_SECONDS) -artifact_prefix=build-fuzz/found/$$f/ build-fuzz/corpus/$$f > build-fuzz/$$f.log 2>&1; then \
	    echo "fuzz-smoke $$f: $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' build-fuzz/$$f.log)"; \
	  else \
	    tail -30 build-fuzz/$$f.log; echo "fuzz-smoke $$f: FAILED (input in build-fuzz/found/$$f/)"; exit 1; \
	  fi; \
	done

valgrind: $(BIN) $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/tests/schema_check
	@NEWSCLAIMS_NO_JIT=1 NC_HUGE_REPS=2000 BUILD=$(BUILD) VALGRIND="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --quiet" sh tests/run_all.sh

check: $(BIN) $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/tests/schema_check
	@BUILD=$(BUILD) sh tests/run_all.sh

check-dask: $(BIN)
	@sh examples/dask/check.sh $(BIN)

# NC_HUGE_REPS: the "huge" HTML page at 10 MB, not 50 MB: under ASan the
# 50 MB one (420,000 figures, 4 GB of JSON) runs for minutes and proves no more
sanitize:
	NC_HUGE_REPS=42000 $(MAKE) BUILD=build-san CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" check

bench: $(BIN)
	@BUILD=$(BUILD) sh tests/bench.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/newsclaims
	install -m 644 include/newsclaims.h $(DESTDIR)$(PREFIX)/include/newsclaims.h
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/libnewsclaims.a
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/libnewsclaims.so.$(VERSION)
	ln -sf libnewsclaims.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libnewsclaims.so
	install -m 644 $(MAN) $(DESTDIR)$(PREFIX)/share/man/man1/newsclaims.1
	install -m 644 $(BASH_COMPLETION) $(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsclaims
	install -m 644 $(ZSH_COMPLETION) $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsclaims
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	  newsclaims.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/newsclaims.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/newsclaims $(DESTDIR)$(PREFIX)/include/newsclaims.h \
	  $(DESTDIR)$(PREFIX)/lib/libnewsclaims.a $(DESTDIR)$(PREFIX)/lib/libnewsclaims.so \
	  $(DESTDIR)$(PREFIX)/lib/$(SONAME) $(DESTDIR)$(PREFIX)/lib/libnewsclaims.so.$(VERSION) \
	  $(DESTDIR)$(PREFIX)/share/man/man1/newsclaims.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsclaims \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsclaims \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/newsclaims.pc

clean:
	rm -rf build build-san build-fuzz

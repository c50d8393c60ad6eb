# ismsc: `make` builds the compiler and renders the example ISMS into out/;
# `make check` runs every test. Both first install the Debian packages
# listed in .ci/debian-packages when some are missing.

VERSION = 0.1.0
PREFIX ?= /usr/local
DATADIR = $(PREFIX)/share/ismsc

PKGS = libxml-2.0 libxslt libexslt pangocairo pangoft2 fontconfig glib-2.0 cairo
# recursive on purpose: expanded after the deps step has installed pkg-config
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE \
	-DISMSC_VERSION='"$(VERSION)"' -DISMSC_DATADIR='"$(DATADIR)"' \
	$(PKG_CFLAGS) $(CFLAGS)
LDLIBS = $(PKG_LIBS) -lhyphen -lm

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

SRCS = src/diag.c src/load.c src/link.c src/transform.c src/fonts.c \
	src/pipeline.c src/cli.c src/cmd_build.c src/cmd_typeset.c src/rng.c \
	src/shape.c src/figure.c src/typeset.c src/paint.c src/pack.c
# the command line around the stages: progress, init, import, spreadsheets
SRCS += src/progress.c src/cmd_init.c src/cmd_import.c src/csv.c
# the git workflow: incremental builds, revision data, packs, change reports
SRCS += src/state.c src/git.c src/cmd_pack.c src/cmd_diff.c
# languages and branding: the organization's language and logo
SRCS += src/brand.c src/image.c src/files.c
# the no-change rebuild (state.h)
SRCS += src/fingerprint.c
MAIN = src/main.c
OBJS = $(SRCS:src/%.c=build/%.o)
SAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)
UNITS = $(patsubst tests/unit/%.c,build/%,$(wildcard tests/unit/test_*.c))
# the fuzz harnesses (tests/fuzz/fuzz_NAME.c) and their regression runners
FUZZ = load layout
FUZZ_REGRESS = $(FUZZ:%=build/fuzz-regress-%)

all: ismsc example

DEPS_STAMP = build/.deps
deps: $(DEPS_STAMP)
$(DEPS_STAMP): .ci/debian-packages
	@sh .ci/install-deps .ci/debian-packages
	@mkdir -p build && touch $@

build/%.o: src/%.c $(DEPS_STAMP)
	@mkdir -p build
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -MMD -c -o $@ $<

build/asan/%.o: src/%.c $(DEPS_STAMP)
	@mkdir -p build/asan
	@echo "  CC      $< (sanitizers)"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -MMD -c -o $@ $<

ismsc: $(OBJS) build/main.o
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/ismsc: $(SAN_OBJS) build/asan/main.o
	@echo "  LD      $@"
	@$(CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

example: ismsc
	./ismsc build -o out policies

# units link every stage but main
build/test_%: tests/unit/test_%.c tests/unit/helpers.h $(OBJS)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -Isrc -o $@ $(filter-out %.h,$^) $(LDLIBS) -lcmocka

check: ismsc $(UNITS) $(FUZZ_REGRESS)
	@sh tests/run.sh ./ismsc $(UNITS) $(FUZZ_REGRESS)

# the whole suite again with AddressSanitizer and UBSan
check-asan: build/asan/ismsc
	@$(MAKE) --no-print-directory build-asan-units
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=print_stacktrace=1 ISMSC_SLOW=3 \
	    sh tests/run.sh build/asan/ismsc $(UNITS:build/%=build/asan/%) \
	    $(FUZZ_REGRESS:build/%=build/asan/%)

build-asan-units: $(UNITS:build/%=build/asan/%) $(FUZZ_REGRESS:build/%=build/asan/%)
build/asan/test_%: tests/unit/test_%.c tests/unit/helpers.h $(SAN_OBJS)
	@echo "  CC      $< (sanitizers)"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Isrc -o $@ $(filter-out %.h,$^) $(LDLIBS) -lcmocka

# Hardening (issue 6). The fuzz harnesses of tests/fuzz/ without libFuzzer:
# each runs its regression cases (tests/fuzz/regress/NAME/) in make check.
build/fuzz-regress-%: tests/fuzz/fuzz_%.c tests/fuzz/regress.c tests/fuzz/fuzz.h $(OBJS)
	@echo "  CC      $@"
	@$(CC) $(ALL_CFLAGS) -Isrc -DREGRESS='"tests/fuzz/regress/$*"' -o $@ $(filter-out %.h,$^) $(LDLIBS)
build/asan/fuzz-regress-%: tests/fuzz/fuzz_%.c tests/fuzz/regress.c tests/fuzz/fuzz.h $(SAN_OBJS)
	@echo "  CC      $@ (sanitizers)"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Isrc -DREGRESS='"tests/fuzz/regress/$*"' -o $@ $(filter-out %.h,$^) $(LDLIBS)

# make fuzz [FUZZ_TIME=60]: each libFuzzer harness runs FUZZ_TIME seconds
# under ASan and UBSan, from seeds made of the test inputs and the
# regression cases (clang and compiler-rt installed on demand). A finding
# stops it, its input saved as build/fuzz/crash-*: fix it, then add the
# input to tests/fuzz/regress/NAME/ so that make check keeps it fixed.
FUZZ_TIME ?= 60
FUZZ_CC = clang
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
FUZZ_OBJS = $(SRCS:src/%.c=build/fuzz/%.o)
build/fuzz/.deps:
	@mkdir -p build/fuzz
	@printf 'clang\nlibclang-rt-14-dev\n' > build/fuzz/packages
	@sh .ci/install-deps build/fuzz/packages && touch $@
build/fuzz/%.o: src/%.c $(DEPS_STAMP) build/fuzz/.deps
	@echo "  CC      $< (libFuzzer)"
	@$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -c -o $@ $<
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJS)
	@echo "  LD      $@"
	@$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc -o $@ $< $(FUZZ_OBJS) $(LDLIBS)
fuzz: ismsc $(FUZZ:%=build/fuzz/fuzz_%)
	@sh tests/fuzz/seeds.sh ./ismsc build/fuzz/seeds
	@for h in $(FUZZ); do \
	    echo "fuzz $$h: $(FUZZ_TIME) s"; mkdir -p build/fuzz/corpus-$$h; \
	    ISMSC_DATADIR=$(CURDIR) LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	        build/fuzz/fuzz_$$h -max_total_time=$(FUZZ_TIME) \
	        -timeout=30 -rss_limit_mb=4096 -max_len=262144 -close_fd_mask=2 \
	        -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/ build/fuzz/corpus-$$h \
	        build/fuzz/seeds/$$h tests/fuzz/regress/$$h || exit 1; \
	done

# make check-valgrind: the suite again under valgrind's memcheck, every
# error fatal, known library leaks suppressed (tests/valgrind.supp, each
# with its reason); slow, so not part of check. Installs valgrind on demand.
check-valgrind: ismsc $(UNITS) $(FUZZ_REGRESS)
	@mkdir -p build/valgrind
	@printf 'valgrind\n' > build/valgrind/packages
	@sh .ci/install-deps build/valgrind/packages
	@sh tests/valgrind.sh ./ismsc $(UNITS) $(FUZZ_REGRESS)

.PHONY: fuzz check-valgrind
.SECONDARY: $(FUZZ_OBJS)
-include $(FUZZ_OBJS:.o=.d)

# ismsc against the peer tools on the same data (bench/README.md); by hand
# only, never part of check. e.g. make bench BENCH_ARGS='--runs 1 --scales 100'
BENCH_ARGS ?=
bench: ismsc
	bash bench/run.sh --no-build $(BENCH_ARGS)
.PHONY: bench

# make install [PREFIX=/usr/local] [DESTDIR=staging]: the binary, its data
# (schema, stylesheets with the catalogue and init templates, fonts) in
# $(DATADIR), and the manual pages. The binary finds its data at
# ../share/ismsc from its own folder, so a staged or moved tree works, else
# at $(DATADIR) as compiled in. INSTALL_BIN installs another build of the
# binary (the tests install the one they test).
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
INSTALL ?= install
INSTALL_BIN ?= ismsc
DATA_DIRS = schema stylesheets fonts
install: $(INSTALL_BIN)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
	$(INSTALL) -m 755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/ismsc
	find $(DATA_DIRS) -type f ! -name '.*' | LC_ALL=C sort | while read -r f; do \
	    $(INSTALL) -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; \
	done
	$(INSTALL) -m 644 doc/ismsc.1 $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 doc/ismsc-sources.5 $(DESTDIR)$(MANDIR)/man5/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ismsc $(DESTDIR)$(MANDIR)/man1/ismsc.1 \
	    $(DESTDIR)$(MANDIR)/man5/ismsc-sources.5
	rm -rf $(DESTDIR)$(DATADIR)

# review and replace the golden page trees of tests/golden/ one by one
regen-golden: ismsc
	@sh tests/regen-golden.sh ./ismsc

clean:
	rm -rf build ismsc out

.PHONY: all deps example check check-asan build-asan-units clean regen-golden install uninstall
-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) build/main.d build/asan/main.d

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
MAIN = src/main.c
OBJS = $(SRCS:src/%.c=build/%.o)
SAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)
UNITS = $(patsubst tests/unit/%.c,build/%,$(wildcard tests/unit/test_*.c))

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

check: ismsc $(UNITS)
	@sh tests/run.sh ./ismsc $(UNITS)

# the whole suite again with AddressSanitizer and UBSan
check-asan: build/asan/ismsc
	@$(MAKE) --no-print-directory build-asan-units
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/run.sh build/asan/ismsc $(UNITS:build/%=build/asan/%)

build-asan-units: $(UNITS:build/%=build/asan/%)
build/asan/test_%: tests/unit/test_%.c tests/unit/helpers.h $(SAN_OBJS)
	@echo "  CC      $< (sanitizers)"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Isrc -o $@ $(filter-out %.h,$^) $(LDLIBS) -lcmocka

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

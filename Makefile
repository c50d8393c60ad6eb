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
	src/pipeline.c src/cli.c src/cmd_build.c \
	src/shape.c src/figure.c src/typeset.c src/paint.c src/pack.c
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

clean:
	rm -rf build ismsc out

.PHONY: all deps example check check-asan build-asan-units clean
-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) build/main.d build/asan/main.d

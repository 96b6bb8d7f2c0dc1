# askdoc: the build. `make` builds build/askdoc; `make test` runs the whole
# suite; `make run` installs what is missing (as root), builds, creates a
# demo database on first run and serves http://127.0.0.1:8080.
#
# Variables: CC (gcc or clang), SAN=1 (ASan+UBSan build in build-san/),
# BUILD (output folder).

CC ?= cc
SAN ?=
ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT = -O1 -g
else
BUILD ?= build
SANFLAGS =
OPT = -O2 -g
endif

PKGS = libmicrohttpd sqlite3 libsodium icu-uc icu-i18n jansson libcmark libcurl zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS ?= $(OPT)
CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	-Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(SANFLAGS) -pthread -MMD -MP
LDFLAGS += $(SANFLAGS) -pthread
LDLIBS += $(PKG_LIBS) -lstemmer -lm

SRCS := $(shell find src -name '*.c' ! -name main.c | sort)
OBJS := $(SRCS:%.c=$(BUILD)/obj/%.o)
EMBED_FILES := $(shell find templates static -type f 2>/dev/null | sort) $(shell find data -type f \( -name "*.tsv" -o -name "*.txt" \) 2>/dev/null | sort)
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TESTS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test unit e2e browser format format-check clean
all: $(BUILD)/askdoc $(TESTS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBED_FILES) Makefile
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ "" $(EMBED_FILES)

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -c $< -o $@

$(BUILD)/libaskdoc.a: $(OBJS) $(BUILD)/obj/gen/embedded.o
	rm -f $@
	ar rcs $@ $^

$(BUILD)/askdoc: $(BUILD)/obj/src/main.o $(BUILD)/libaskdoc.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libaskdoc.a tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libaskdoc.a $(LDFLAGS) $(LDLIBS)

deps:
	@sh tools/deps.sh test

run:
	@sh tools/deps.sh run
	@$(MAKE) --no-print-directory $(BUILD)/askdoc
	@sh tools/run.sh $(BUILD)/askdoc

# The whole suite: unit tests, the Mustache conformance tests, end-to-end
# tests against the real binary. The last line is the total.
test: deps
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh $(BUILD)

unit: all
	@sh tests/run.sh $(BUILD) unit

e2e: all
	@sh tests/run.sh $(BUILD) e2e

browser: all
	@sh tests/run.sh $(BUILD) browser

# ---- fuzzing (issue 7; fuzz/, fuzz/run.sh) ----
# libFuzzer targets built with clang, ASan and UBSan into build-fuzz/.
# `make fuzz` runs each FUZZ_SECONDS (default 600), `make fuzz-smoke` each
# FUZZ_SMOKE_SECONDS (CI), FUZZ_JOBS at a time (default: CPUs).
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_NAMES := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SAN = -fsanitize=address,undefined,fuzzer-no-link \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
.PHONY: fuzz fuzz-build fuzz-smoke
fuzz-build:
	@$(MAKE) --no-print-directory CC=clang SAN=1 BUILD=$(FUZZ_BUILD) \
		SANFLAGS="$(FUZZ_SAN)" $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz/fuzz_%)

fuzz: fuzz-build
	@sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	@sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS)

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c $(BUILD)/libaskdoc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libaskdoc.a \
		$(LDFLAGS) $(LDLIBS)
-include $(wildcard $(BUILD)/fuzz/*.d)
# ---- end of fuzzing ----

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'tools/*.c' 'bench/*.c')

format-check:
	clang-format --dry-run -Werror $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'tools/*.c' 'bench/*.c')

clean:
	rm -rf build build-san

-include $(OBJS:.o=.d) $(BUILD)/obj/src/main.d

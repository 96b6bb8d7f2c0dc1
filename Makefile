# askdoc: the build. `make` builds build/askdoc; `make test` runs the whole
# suite; `make run` installs what is missing (as root), builds, creates a
# demo database on first run and serves http://127.0.0.1:8080.
#
# Variables: CC (gcc or clang), SAN=1 (ASan+UBSan build in build-san/),
# BUILD (output folder). `make install` / `make uninstall` take PREFIX
# (/usr/local), DESTDIR and the folders below.

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
# PostgreSQL's client library when it is there (tools/deps.sh installs it);
# without it the store is built for SQLite only.
ifneq ($(shell pkg-config --exists libpq 2>/dev/null && echo yes),)
PKGS += libpq
PG_DEFS = -DASKDOC_WITH_PG
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS ?= $(OPT)
CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	-Isrc -I$(BUILD)/gen $(PG_DEFS) $(PKG_CFLAGS) $(SANFLAGS) -pthread -MMD -MP
LDFLAGS += $(SANFLAGS) -pthread
LDLIBS += $(PKG_LIBS) -lstemmer -lm

SRCS := $(shell find src -name '*.c' ! -name main.c | sort)
OBJS := $(SRCS:%.c=$(BUILD)/obj/%.o)
EMBED_FILES := $(shell find templates static -type f 2>/dev/null | sort) $(shell find data -type f \( -name "*.tsv" -o -name "*.txt" \) 2>/dev/null | sort)
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TESTS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/askdoc
UNITDIR ?= $(PREFIX)/lib/systemd/system
MAN := $(BUILD)/man/askdoc.1 $(BUILD)/man/askdoc.conf.5

.PHONY: all deps run test unit e2e browser format format-check clean \
	install uninstall
all: $(BUILD)/askdoc $(TESTS) $(MAN) $(BUILD)/askdoc.conf.example

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBED_FILES) Makefile
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ "" $(EMBED_FILES)

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -c $< -o $@

# The statistical emergency layer (src/safety/redflag_model.c): the
# trainer reads the labelled sets and writes the weights as C. It links
# everything but the model (librules.a), so the rules it learns from are
# the ones built here. Same files, same bytes; a few seconds.
RF_MODEL_OBJ := $(BUILD)/obj/src/safety/redflag_model.o
RF_TRAIN_DATA := $(sort $(wildcard tests/data/safety/redflag*.tsv)) \
	$(sort $(wildcard tests/data/outside/safety-ext-*-redflag.tsv))

$(BUILD)/librules.a: $(filter-out $(RF_MODEL_OBJ),$(OBJS))
	rm -f $@
	ar rcs $@ $^

$(BUILD)/tools/rf_train: tools/rf_train.c $(BUILD)/librules.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/librules.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/gen/redflag_model.c: $(BUILD)/tools/rf_train $(RF_TRAIN_DATA)
	@mkdir -p $(dir $@)
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/tools/rf_train $@ $(RF_TRAIN_DATA)

$(BUILD)/obj/gen/redflag_model.o: $(BUILD)/gen/redflag_model.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The statistical name layer (src/safety/pii_name_feat.c), the same way:
# tools/pii_train.c learns from the personal-data sets and writes
# build/gen/pii_name_model.c. PII_NAME_MODEL=0 builds it switched off
# (the rules alone); bench/pii_name_cv.sh says whether it helps.
PII_NAME_MODEL ?= 1
PII_TRAIN_DATA := $(sort $(wildcard tests/data/safety/pii*.tsv)) \
	$(sort $(wildcard tests/data/outside/safety-ext-*-pii.tsv))

$(BUILD)/tools/pii_train: tools/pii_train.c $(BUILD)/librules.a \
		$(BUILD)/obj/gen/embedded.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/librules.a $(BUILD)/obj/gen/embedded.o $(LDFLAGS) $(LDLIBS)

$(BUILD)/gen/pii_name_model.c: $(BUILD)/tools/pii_train $(PII_TRAIN_DATA)
	@mkdir -p $(dir $@)
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/tools/pii_train \
		$(if $(filter 0,$(PII_NAME_MODEL)),--off) $@ $(PII_TRAIN_DATA)

$(BUILD)/obj/gen/pii_name_model.o: $(BUILD)/gen/pii_name_model.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libaskdoc.a: $(OBJS) $(BUILD)/obj/gen/embedded.o \
		$(BUILD)/obj/gen/redflag_model.o $(BUILD)/obj/gen/pii_name_model.o
	rm -f $@
	ar rcs $@ $^

$(BUILD)/askdoc: $(BUILD)/obj/src/main.o $(BUILD)/libaskdoc.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libaskdoc.a tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libaskdoc.a $(LDFLAGS) $(LDLIBS)

# The manual pages and the example configuration come from the option
# table (`askdoc --man`, `askdoc config example`): they cannot disagree
# with --help.
$(BUILD)/man/askdoc.1: $(BUILD)/askdoc
	@mkdir -p $(dir $@)
	$(BUILD)/askdoc --man 1 >$@.tmp && mv $@.tmp $@

$(BUILD)/man/askdoc.conf.5: $(BUILD)/askdoc
	@mkdir -p $(dir $@)
	$(BUILD)/askdoc --man 5 >$@.tmp && mv $@.tmp $@

$(BUILD)/askdoc.conf.example: $(BUILD)/askdoc
	{ echo "# askdoc.conf: settings of askdoc serve (askdoc.conf(5))."; \
	  echo "# Every setting, commented out, with its default."; \
	  $(BUILD)/askdoc config example; } >$@.tmp && mv $@.tmp $@

# The binary, the manual pages, the default templates and static files
# (a starting point for --templates and --static; the binary has them
# compiled in), the example configuration and the systemd unit (its
# ExecStart pointing at BINDIR).
install: $(BUILD)/askdoc $(MAN) $(BUILD)/askdoc.conf.example
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
	install -m 755 $(BUILD)/askdoc $(DESTDIR)$(BINDIR)/askdoc
	install -m 644 $(BUILD)/man/askdoc.1 $(DESTDIR)$(MANDIR)/man1/askdoc.1
	install -m 644 $(BUILD)/man/askdoc.conf.5 \
		$(DESTDIR)$(MANDIR)/man5/askdoc.conf.5
	install -m 644 $(BUILD)/askdoc.conf.example \
		$(DESTDIR)$(DATADIR)/askdoc.conf.example
	for f in $$(find templates static -type f | sort); do \
		install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; \
	done
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/bin/askdoc|$(BINDIR)/askdoc|' dist/askdoc.service \
		>$(DESTDIR)$(UNITDIR)/askdoc.service
	chmod 644 $(DESTDIR)$(UNITDIR)/askdoc.service

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/askdoc $(DESTDIR)$(MANDIR)/man1/askdoc.1 \
		$(DESTDIR)$(MANDIR)/man5/askdoc.conf.5 \
		$(DESTDIR)$(UNITDIR)/askdoc.service
	rm -rf $(DESTDIR)$(DATADIR)

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

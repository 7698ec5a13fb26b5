# The two commands of the README, and a few helpers around meson.
#   make run    install what is missing, build, load the demo on first run, serve the web interface and the API
#   make check  install what is missing, build, run every test (also under ASan+UBSan), and
#               fuzz every parser of outside input for a while (docs/fuzzing.md)

BUILD     ?= build
SANBUILD  ?= build-san
FUZZBUILD ?= build-fuzz
DB        ?= var/salescoach.db
LISTEN    ?= 127.0.0.1:8080
MESON_SETUP = meson setup --reconfigure

.PHONY: all deps test-deps build run check test test-san screenshots fuzz-build fuzz-check fuzz bench bench-reports bench-api bench-login bench-web bench-import \
	format format-check clean

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

$(SANBUILD)/build.ninja:
	meson setup $(SANBUILD) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	@if [ ! -f "$(DB)" ]; then \
		echo "salescoach: creating $(DB) with the demo organisation"; \
		$(BUILD)/salescoach --db "$(DB)" demo || exit 1; \
	else \
		$(BUILD)/salescoach --db "$(DB)" overview && \
		$(BUILD)/salescoach --db "$(DB)" demo --logins; \
	fi
	@echo
	@echo "salescoach: open http://$(LISTEN)/ and log in as one of the people above (password"
	@echo "            demo-password); the API is at http://$(LISTEN)/api/ (docs/api.md). Ctrl-C stops it."
	$(BUILD)/salescoach --db "$(DB)" serve --listen "$(LISTEN)"

# The tests also need Chromium (the browser tests of tests/web): installed here, not by make run.
test-deps:
	@./scripts/install-deps.sh --test

test: test-deps build
	meson test -C $(BUILD) --print-errorlogs

# The browser tests again, keeping a screenshot of each role's main page at 1280 and 390 px,
# in Dutch and English, in docs/screenshots (linked from the README).
screenshots: test-deps build
	SCREENSHOTS=$(CURDIR)/docs/screenshots meson test -C $(BUILD) --suite web --print-errorlogs

test-san: test-deps $(SANBUILD)/build.ninja
	ninja -C $(SANBUILD)
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1 \
	meson test -C $(SANBUILD) --print-errorlogs --timeout-multiplier 3

# The libFuzzer targets of tests/fuzz (docs/fuzzing.md), built with clang in their own build
# folder: every tests/fuzz/fuzz_NAME.c with its corpus tests/fuzz/corpus/NAME/. Meson looks for
# them when it configures, so the folder is configured again when that list changes.
FUZZ_LIST = $(FUZZBUILD)/fuzz-targets.txt

fuzz-build: deps
	@if [ ! -f $(FUZZBUILD)/build.ninja ]; then \
		CC=clang meson setup $(FUZZBUILD) -Dfuzz=true -Db_sanitize=address,undefined \
			-Db_lundef=false || exit 1; \
		ls tests/fuzz/fuzz_*.c > $(FUZZ_LIST); \
	elif ! ls tests/fuzz/fuzz_*.c | cmp -s - $(FUZZ_LIST); then \
		meson setup --reconfigure $(FUZZBUILD) || exit 1; \
		ls tests/fuzz/fuzz_*.c > $(FUZZ_LIST); \
	fi
	ninja -C $(FUZZBUILD)

# Every file of every corpus once through its target (the crashes found once are among them),
# then each target fuzzed for FUZZ_CHECK_SECONDS on a copy of its corpus, FUZZ_JOBS at a time,
# all of it within FUZZ_CHECK_BUDGET seconds: fails, printing the input, on a crash, a leak or
# a timeout. FUZZ_TARGETS=a,b picks targets. Nothing is written into the repository.
FUZZ_CHECK_SECONDS ?= 60
FUZZ_CHECK_BUDGET  ?= 330
FUZZ_JOBS          ?= 2
FUZZ_TARGETS       ?=
fuzz-check: fuzz-build
	meson test -C $(FUZZBUILD) --suite fuzz --print-errorlogs
	python3 tools/fuzz.py check --build $(FUZZBUILD) --seconds $(FUZZ_CHECK_SECONDS) \
		--budget $(FUZZ_CHECK_BUDGET) --jobs $(FUZZ_JOBS) --only "$(FUZZ_TARGETS)"

# The long run: each target for FUZZ_SECONDS, FUZZ_LONG_JOBS at a time; what it finds is merged
# into tests/fuzz/corpus/ and the corpus minimised (commit it), and the figures printed.
FUZZ_SECONDS   ?= 600
FUZZ_LONG_JOBS ?= 1
fuzz: fuzz-build
	python3 tools/fuzz.py run --build $(FUZZBUILD) --seconds $(FUZZ_SECONDS) \
		--jobs $(FUZZ_LONG_JOBS) --only "$(FUZZ_TARGETS)"

# Sanitizers first, then fuzzing, then the plain build, so the output ends in its summary.
check: test-san fuzz-check test

# The pitfall monitor on 10,000 reps with 36 months of history, beside a floor measured in
# the same run; generates var/bench.db first when needed; then the same on a throwaway
# PostgreSQL the file is copied into, the copy's time, and the ratios (bench/bench_pg.sh,
# docs/benchmarks.md).
bench: build
	BUILD="$(BUILD)" sh bench/bench_pg.sh alerts

# Each report of a range of months (coverage, programmes, ...) as the local administrator over
# the default range and over 36 months, on the same organisation, beside the same floor measured
# in the same run: best and median ms, ratios, and whether each is within 1 s
# (bench/bench_reports.c, docs/benchmarks.md). BENCH_REPORTS_RUNS sets the number of runs.
BENCH_REPORTS_RUNS ?= 5
bench-reports: build
	$(BUILD)/bench/bench_reports --db var/bench.db --runs $(BENCH_REPORTS_RUNS)

# The HTTP API under load with wrk: GET /api/me/coachees as a coach of var/bench.db, and a
# rep's observations and self-assessments, beside GET /api/health, the floor; then the rows
# that repeating the coach's session list adds to the access log; last, POST /api/sessions
# as the coach (the sessions it adds are deleted again). Installs wrk and generates
# var/bench.db when missing (bench/bench_api.sh, docs/benchmarks.md). BENCH_DURATION,
# BENCH_CONNECTIONS, BENCH_THREADS, BENCH_REPEAT.
bench-api: build
	BUILD="$(BUILD)" sh bench/bench_api.sh

# Whether a login's time tells why it failed: 20 logins of each kind (right password, wrong
# password, unknown address, no account, inactive person), medians and ratios to the right
# password's (bench/bench_login.c, docs/benchmarks.md). BENCH_LOGIN_RUNS sets the number.
BENCH_LOGIN_RUNS ?= 20
bench-login: build
	$(BUILD)/bench/bench_login --runs $(BENCH_LOGIN_RUNS)

# `salescoach import results` of 1,000,000 generated monthly results (10,000 people x 100
# months) beside the sqlite3 shell's .import of the same file, the floor, in the same run:
# rates, ratio and memory (bench/bench_import.sh, docs/benchmarks.md). BENCH_PEOPLE and
# BENCH_MONTHS set the size.
bench-import: build
	BUILD="$(BUILD)" sh bench/bench_import.sh

# The web interface in headless Chromium (bench/web.mjs, docs/benchmarks.md): the compressed
# bytes (brotli and gzip) of everything the login page and each role's main page load, and the
# time to the coach's first render of /coaching beside the bare GET /api/me/coachees, median of
# BENCH_WEB_RUNS runs each, on a fresh copy of the demo.
BENCH_WEB_RUNS ?= 20
bench-web: test-deps build
	SALESCOACH_BIN=$(BUILD)/salescoach SALESCOACH_NOW=2026-11-28T12:00:00Z TZ=UTC \
		BENCH_WEB_RUNS=$(BENCH_WEB_RUNS) node bench/web.mjs

SOURCES = $(shell find src tests bench -name "*.[ch]")

format:
	clang-format -i $(SOURCES)

format-check:
	clang-format --dry-run -Werror $(SOURCES)

clean:
	rm -rf $(BUILD) $(SANBUILD) $(FUZZBUILD)

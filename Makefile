# The two commands of the README, and a few helpers around meson.
#   make run    install what is missing, build, load the demo on first run, serve the API
#   make check  install what is missing, build, run every test (also under ASan+UBSan)

BUILD     ?= build
SANBUILD  ?= build-san
DB        ?= var/salescoach.db
LISTEN    ?= 127.0.0.1:8080
MESON_SETUP = meson setup --reconfigure

.PHONY: all deps build run check test test-san bench bench-api bench-login format format-check clean

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
	@echo "salescoach: the API is at http://$(LISTEN)/api/ (docs/api.md); Ctrl-C stops it"
	$(BUILD)/salescoach --db "$(DB)" serve --listen "$(LISTEN)"

test: build
	meson test -C $(BUILD) --print-errorlogs

test-san: deps $(SANBUILD)/build.ninja
	ninja -C $(SANBUILD)
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1 \
	meson test -C $(SANBUILD) --print-errorlogs

# Sanitizers first, then the plain build, so the output ends in its summary.
check: test-san test

# The pitfall monitor on 10,000 reps with 36 months of history, beside a floor measured in
# the same run; generates var/bench.db first when needed (docs/benchmarks.md).
bench: build
	$(BUILD)/bench/bench_alerts --db var/bench.db

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

SOURCES = $(shell find src tests bench -name "*.[ch]")

format:
	clang-format -i $(SOURCES)

format-check:
	clang-format --dry-run -Werror $(SOURCES)

clean:
	rm -rf $(BUILD) $(SANBUILD)

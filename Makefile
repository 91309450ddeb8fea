# runcore: `make run` to use it, `make test` to check it. Both install or check what they need first.
PREFIX ?= /usr/local
SWIFT ?= swift
BIN := .build/release/runcore
# Where runcore's routines lived before they were compiled into it: removed by install and uninstall.
OLD_BUNDLE := runcore_RoutineFiles.resources
ARGS ?=

.PHONY: deps test-deps build link-order run test install uninstall bench-deps bench bench-import bench-long stress sanitize screenshots clean

deps:
	@bash scripts/check-deps.sh

# Release builds link the Swift libraries into the binary: start-up takes half the time (5.8 ms against
# 10.9 ms for --version here) and peak memory is lower (28 MB against 33 MB). The binary is linked at a fixed
# address (not position-independent): the loader then has no 86,000 relocations to apply and 200 fewer pages
# to copy before `main` (1 ms of each start here), at the price of address randomisation for runcore's own code.
# lld (part of the Swift toolchain) lays out the functions a session runs together, in the order of
# scripts/link-order.txt (`make link-order` makes it from a profile; see scripts/link-order.py): a countdown
# then maps 5 MB less of the binary (peak RSS 23.3 → 18.2 MB). A stale list only costs memory.
LINK := -Xlinker -no-pie -Xswiftc -use-ld=lld -Xlinker --symbol-ordering-file=$(CURDIR)/scripts/link-order.txt \
  -Xlinker --no-warn-symbol-ordering
build: deps
	$(SWIFT) build -c release --product runcore --static-swift-stdlib $(LINK)

# The list changes no command line, so the binary is removed to be linked again with it.
link-order: build
	@command -v valgrind >/dev/null || apt-get install -y -qq valgrind
	python3 scripts/link-order.py
	rm -f $(BIN)
	$(MAKE) build

run: build
	@$(BIN) $(ARGS)

# The tests check runcore's readers and writers against the field's own tools (Garmin's FIT SDK, gpxpy,
# icalendar): installed with pip when missing.
test: deps test-deps
	$(SWIFT) test

test-deps:
	@python3 -c 'import garmin_fit_sdk, gpxpy, icalendar' 2>/dev/null \
	  || python3 -m pip install -q --disable-pip-version-check -r Tests/requirements.txt

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/runcore
	strip --strip-all $(DESTDIR)$(PREFIX)/bin/runcore
	rm -rf $(DESTDIR)$(PREFIX)/bin/$(OLD_BUNDLE)
	install -m 644 doc/runcore.1 $(DESTDIR)$(PREFIX)/share/man/man1/runcore.1
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/runcore
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_runcore
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/runcore.fish

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/runcore $(DESTDIR)$(PREFIX)/bin/$(OLD_BUNDLE) \
	  $(DESTDIR)$(PREFIX)/share/man/man1/runcore.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/runcore \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_runcore \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/runcore.fish

# The peers measured beside runcore: termdown (pip) and tty-clock, a C clock, the limit (Debian's package).
bench-deps:
	@command -v termdown >/dev/null || python3 -m pip install -q termdown==2.0.0
	@test -x /usr/bin/time || apt-get install -y -qq time
	@command -v tty-clock >/dev/null || apt-get install -y -qq tty-clock || (apt-get update -qq && apt-get install -y -qq tty-clock)

bench: build bench-deps
	python3 bench/bench.py
	python3 bench/import_bench.py

# Import alone: gzip bombs of 4 and 32 GiB, a GPX of 1,000,000 points (time and peak memory).
bench-import: build
	@test -x /usr/bin/time || apt-get install -y -qq time
	python3 bench/import_bench.py

bench-long: build bench-deps
	python3 bench/bench.py --long

# The hardening tests at full length: 100,000 fuzz cases, 1,000 resizes, 100 signals each, 500 kill -9.
stress: deps test-deps
	RUNCORE_STRESS=1 RUNCORE_FUZZ_CASES=100000 $(SWIFT) test --filter 'FuzzTests|HardeningTests'

# The unit tests under AddressSanitizer and ThreadSanitizer, each in its own build folder.
UNIT_TESTS := 'RoutineKitTests|RoutineFilesTests|HistoryTests|TerminalUITests|RunnerLogTests|ActivityFilesTests|RuncoreAppTests|CLITests'
sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  $(SWIFT) test --scratch-path .build-asan --sanitize=address --filter $(UNIT_TESTS)
	$(SWIFT) test --scratch-path .build-tsan --sanitize=thread --filter $(UNIT_TESTS)

# The key screens in a real xterm under Xvfb, dark and light, as PNGs in doc/screens/ (installs xterm, Xvfb,
# xdotool and ImageMagick when root). SCENES=menu (or session, hold) renews only those pictures.
SCENES ?=
screenshots: build
	bash scripts/screenshots.sh $(SCENES)

clean:
	rm -rf .build .build-asan .build-tsan

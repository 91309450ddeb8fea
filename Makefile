# runcore: `make run` to use it, `make test` to check it. Both install or check what they need first.
PREFIX ?= /usr/local
SWIFT ?= swift
BIN := .build/release/runcore
BUNDLE := runcore_RoutineFiles.resources
ARGS ?=

.PHONY: deps build run test install uninstall bench bench-long stress sanitize clean

deps:
	@bash scripts/check-deps.sh

build: deps
	$(SWIFT) build -c release --product runcore

run: build
	@$(BIN) $(ARGS)

test: deps
	$(SWIFT) test

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/runcore
	rm -rf $(DESTDIR)$(PREFIX)/bin/$(BUNDLE)
	cp -R .build/release/$(BUNDLE) $(DESTDIR)$(PREFIX)/bin/$(BUNDLE)
	install -m 644 doc/runcore.1 $(DESTDIR)$(PREFIX)/share/man/man1/runcore.1
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/runcore
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_runcore
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/runcore.fish

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/runcore $(DESTDIR)$(PREFIX)/bin/$(BUNDLE) \
	  $(DESTDIR)$(PREFIX)/share/man/man1/runcore.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/runcore \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_runcore \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/runcore.fish

clean:
	rm -rf .build

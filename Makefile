# Two commands: `make run` (set up and start the app; demo mode without a key) and `make test`.
# `make bundle` builds and checks the one-folder PyInstaller bundle (slow: not part of `make test`).
# All three build the translations first (`make translations`); `make ts` refreshes the Qt sources.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BUNDLE_STAMP := $(VENV)/.installed-bundle
I18N_STAMP := $(VENV)/.installed-i18n
# translations: gettext sources (fluxdesk/locale/<code>.po) -> .mo for the Qt-free layers and the CLI;
# Qt sources (fluxdesk/ui/translations/fluxdesk_<code>.ts) -> .qm for the window. The compiled files are
# built, never committed (.gitignore), and shipped in the wheel and the bundle.
LOCALE_DIR := fluxdesk/locale
QT_TS_DIR := fluxdesk/ui/translations
PO_FILES := $(wildcard $(LOCALE_DIR)/*.po)
MO_FILES := $(patsubst $(LOCALE_DIR)/%.po,$(LOCALE_DIR)/%/LC_MESSAGES/fluxdesk.mo,$(PO_FILES))
TS_FILES := $(wildcard $(QT_TS_DIR)/fluxdesk_*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
# the languages with a full .ts (fluxdesk_en.ts holds only the English plural forms of %n strings)
TS_LANGUAGES := ar ko
QT_LIBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6
# what Qt's xcb platform plugin links against: a real window on an X11 desktop (not needed offscreen)
XCB_LIBS := libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 \
	libxcb-xkb1 libxkbcommon-x11-0
# what the packaging tests run: the desktop-file and AppStream validators, a D-Bus daemon for the
# notification tests (dbus-daemon --session is all they start), zsh and fish for the completions, groff
# for the man page
TEST_TOOLS := desktop-file-utils appstream dbus zsh fish groff-base

.PHONY: run test lint bench sysdeps sysdeps-gui sysdeps-test bundle completions clean translations ts pot

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e .
	@touch $@

# blackforest (BFL's official client, for tests) pins pillow==10.4.0: installed without its pins so the
# suite runs on the Pillow the app gets; its real needs (pydantic, requests) are in the test extras
$(TEST_STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip install --quiet --no-deps 'blackforest==0.1.3'
	@touch $@ $(STAMP) $(I18N_STAMP)

# babel compiles the gettext catalogues (a build tool: never imported by fluxdesk; the test extras have it)
$(I18N_STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[i18n]'
	@touch $@ $(STAMP)

$(LOCALE_DIR)/%/LC_MESSAGES/fluxdesk.mo: $(LOCALE_DIR)/%.po | $(I18N_STAMP)
	@mkdir -p $(@D)
	$(VENV)/bin/pybabel compile --domain fluxdesk --locale $* --input-file $< --output-file $@

$(QT_TS_DIR)/%.qm: $(QT_TS_DIR)/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(MO_FILES) $(QM_FILES)

# the Qt sources from the window's code (every translate() call); obsolete entries dropped
ts: $(STAMP)
	@for lang in $(TS_LANGUAGES) en; do \
	  ts=$(QT_TS_DIR)/fluxdesk_$$lang.ts; previous=$$(mktemp); \
	  if [ -f $$ts ]; then cp $$ts $$previous; fi; \
	  $(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations relative -source-language en -extensions py \
	    -target-language $$lang fluxdesk/ui -ts $$ts || exit 1; \
	  $(PY) packaging/ts_numerus.py $$lang $$ts $$previous || exit 1; rm -f $$previous; \
	done

# Qt needs a few system libraries (and the tests a few tools); install them when missing and we may
# (root, apt-get present).
define install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "warning: could not install$$missing"; \
	  else echo "warning: these system packages are missing:$$missing"; fi; \
	fi
endef

sysdeps:
	$(call install_missing,$(QT_LIBS))

sysdeps-gui: sysdeps
	$(call install_missing,$(XCB_LIBS))

sysdeps-test: sysdeps
	$(call install_missing,$(TEST_TOOLS))

run: $(STAMP) sysdeps-gui translations
	$(VENV)/bin/fluxdesk

test: $(TEST_STAMP) sysdeps-test translations
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/ruff check .
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

$(BUNDLE_STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[bundle]'
	@touch $@ $(STAMP)

# the one-folder bundle in dist/fluxdesk, built from packaging/fluxdesk.spec, then checked (CLI, window,
# worker process, plugins) by packaging/bundle.py, which prints its size and build time
bundle: $(BUNDLE_STAMP) sysdeps-gui translations
	$(PY) packaging/bundle.py

# the shell completions and man page shipped in the package, from the parser (a test checks they are current)
completions: $(STAMP)
	$(PY) -m fluxdesk.cli.docs

# the Qt-free layers' sentences for translators (the window's are Qt's .ts files): `_`, `ngettext` and
# `N_` as gettext keywords, plus `_counted` (argparse's counted words, marked in fluxdesk/i18n); the
# simulator plays the provider and says nothing a user reads, so it is left out
POT := fluxdesk/locale/fluxdesk.pot
pot: $(TEST_STAMP)
	@mkdir -p $(dir $(POT))
	$(VENV)/bin/pybabel extract --no-default-keywords -k _ -k ngettext:1,2 -k N_ -k _counted:1,2 \
	  --ignore-dirs=sim --sort-by-file --no-wrap \
	  --project=fluxdesk --copyright-holder="the fluxdesk authors" --version=$$($(PY) -c 'import fluxdesk; print(fluxdesk.__version__)') \
	  -o $(POT) fluxdesk
	@for lang in $(TS_LANGUAGES); do \
	  $(VENV)/bin/pybabel update --no-wrap --no-fuzzy-matching --ignore-obsolete --domain fluxdesk --locale $$lang \
	    --input-file $(POT) --output-file $(LOCALE_DIR)/$$lang.po || exit 1; \
	done

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/client_throughput.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/library_scale.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/ui_responsiveness.py
	$(PY) bench/startup.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache $(MO_FILES) $(QM_FILES)

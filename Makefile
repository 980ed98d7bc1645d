# neon-rs: build, test, install. See README.md.
#
#   make            build build/lib/libneonrs.{so,a}, build/neon/libneon.so.27, build/ssl/libssl.so.3
#   make check      every test (installs what it needs first)
#   make demo       a C example, linked through pkg-config, on our libneon and libssl against
#                   embedded HTTP and HTTPS (TLS 1.3 resumption) servers
#   make fuzz       run every fuzz target for FUZZ_SECONDS (default 60) each (fuzz/run.sh)
#   make bench      benchmarks of our libneon/libssl against the system ones (bench/run.sh)
#   make deb        build/deb/neon-rs_VERSION_ARCH.deb (packaging/make-deb.sh; private directory,
#                   neonrs-run wrapper)
#   make install    PREFIX=/usr/local LIBDIR=$(PREFIX)/lib DESTDIR=
#   make headers    regenerate include/ from the Rust source

PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR    ?=
CARGO      ?= cargo
CC         ?= cc
STRIP      ?= strip

# rustup installs cargo here; make it visible to this make too.
export PATH := $(HOME)/.cargo/bin:$(PATH)

BUILD   := build
STATIC  := target/release/libneonrs.a
LIBS    := $(BUILD)/lib/libneonrs.so $(BUILD)/lib/libneonrs.a $(BUILD)/neon/libneon.so.27 \
           $(BUILD)/ssl/libssl.so.3
HEADERS := $(wildcard include/neonrs/*.h)

.PHONY: all deps cargo-build headers check check-headers check-rust check-c demo deb bench fuzz install clean FORCE

all: $(LIBS)

# Installs build and test prerequisites when missing (apt-get, rustup).
deps:
	@tools/ensure-deps.sh

cargo-build: $(STATIC)

# cargo decides what to rebuild; make then compares the archive's new time
# with the shared objects' (a recipe-less rule would let make keep the old
# time and skip the relink once).
$(STATIC): FORCE
	$(CARGO) build --release --lib

$(BUILD)/lib/libneonrs.a: $(STATIC)
	@mkdir -p $(@D)
	cp $(STATIC) $@

$(BUILD)/lib/libneonrs.so: $(STATIC) tools/link-shared.sh tools/neon-nodes.txt
	@mkdir -p $(@D)
	tools/link-shared.sh $(STATIC) $@ libneonrs.so.0 neon ssl
	ln -sf libneonrs.so $(@D)/libneonrs.so.0

$(BUILD)/neon/libneon.so.27: $(STATIC) tools/link-shared.sh tools/neon-nodes.txt
	@mkdir -p $(@D)
	tools/link-shared.sh $(STATIC) $@ libneon.so.27 neon
	ln -sf libneon.so.27 $(@D)/libneon.so
	# Debian's GnuTLS build of neon (used by litmus) has the same ABI.
	ln -sf libneon.so.27 $(@D)/libneon-gnutls.so.27

$(BUILD)/ssl/libssl.so.3: $(STATIC) tools/link-shared.sh tools/libssl-3.0.0-exports.txt
	@mkdir -p $(@D)
	tools/link-shared.sh $(STATIC) $@ libssl.so.3 ssl

headers:
	$(CARGO) run -q --release -p headergen -- . include

# include/ must match what the generator makes from the current source.
check-headers:
	@rm -rf $(BUILD)/headers-fresh
	$(CARGO) run -q --release -p headergen -- . $(BUILD)/headers-fresh --check $(BUILD)/abi
	@diff -ru include $(BUILD)/headers-fresh || { echo "include/ is stale: run 'make headers' and commit"; exit 1; }
	@echo "headers: include/ is fresh"

# Built first, then run under a time limit: a hung test fails the check
# instead of eating the CI budget.
check-rust:
	$(CARGO) test --release --workspace -q --no-run
	timeout 900 $(CARGO) test --release --workspace -q

check-c: all check-headers
	c-tests/run.sh

check: deps
	$(MAKE) check-rust
	$(MAKE) check-c

demo: deps all
	c-tests/demo/run.sh

# A Debian package of neon-rs (dpkg-deb, no network): the libraries in
# /usr/lib/<triplet>/neonrs beside Debian's, and the neonrs-run wrapper.
deb: all
	packaging/make-deb.sh build/deb

# Black-box benchmarks (bench/run.sh): the same C programs against the system
# libneon/libssl and ours; prints a table, also in build/bench/table.md; then
# PROPFIND parsing (bench/propfind.sh, build/bench/propfind.md).
bench: deps all
	bench/run.sh
	bench/propfind.sh

# cargo-fuzz targets (fuzz/), one after the other; not part of check, whose
# cargo test replays their corpora (tests/fuzz_corpus.rs).
fuzz:
	fuzz/run.sh

install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/neonrs
	install -m 644 $(BUILD)/lib/libneonrs.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/lib/libneonrs.so $(DESTDIR)$(LIBDIR)/libneonrs.so.0
	ln -sf libneonrs.so.0 $(DESTDIR)$(LIBDIR)/libneonrs.so
	install -d $(DESTDIR)$(LIBDIR)/neonrs-ssl
	install -m 755 $(BUILD)/ssl/libssl.so.3 $(DESTDIR)$(LIBDIR)/neonrs-ssl/
	install -m 755 $(BUILD)/neon/libneon.so.27 $(DESTDIR)$(LIBDIR)/
	# The build keeps line tables for valgrind and profiles; installed
	# libraries do not need them (38 MB -> 6 MB per shared object).
	$(STRIP) --strip-debug $(DESTDIR)$(LIBDIR)/libneonrs.so.0 $(DESTDIR)$(LIBDIR)/libneon.so.27 \
	    $(DESTDIR)$(LIBDIR)/neonrs-ssl/libssl.so.3 $(DESTDIR)$(LIBDIR)/libneonrs.a
	ln -sf libneon.so.27 $(DESTDIR)$(LIBDIR)/libneon.so
	ln -sf libneon.so.27 $(DESTDIR)$(LIBDIR)/libneon-gnutls.so.27
	install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/neonrs/
	for pc in neonrs neon; do \
	  sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	      pkgconfig/$$pc.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/$$pc.pc; \
	done

clean:
	rm -rf $(BUILD)
	$(CARGO) clean

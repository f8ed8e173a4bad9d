# make check-fresh (issue 19) - included by the top Makefile; not part of
# make check (it downloads packages and takes an hour or more):
#
#   make check-fresh [FRESH="user demo-check check deb"]
#
# tests/fresh/run.sh: fresh Debian 12 roots made by mmdebstrap, a clone of
# HEAD in each: another user told what to install; make demo then make
# check as root; make -j2 check alone; the Debian packages built, linted,
# installed and used on a kernel. Run it whenever the Makefile's
# dependencies change.
.PHONY: check-fresh
FRESH ?=

check-fresh:
	@scripts/deps.sh mmdebstrap git
	tests/fresh/run.sh $(FRESH)

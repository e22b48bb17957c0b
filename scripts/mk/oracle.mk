# make oracle PROG=file.c|static-binary [ARGS="..."] [ORACLE_FLAGS="--capture ..."]: run a
# program on a Debian Linux kernel in QEMU and print its output, to compare with Spindle's
# (scripts/linux-oracle.sh, docs/oracle.md). Included by the top-level Makefile. It downloads
# the kernel on first use, so it is not part of `make test`, which must work offline.

PROG ?=
ARGS ?=
ORACLE_FLAGS ?=

.PHONY: oracle
oracle:
	@test -n "$(PROG)" || { echo "usage: make oracle PROG=file.c [ARGS=...] [ORACLE_FLAGS=...]" >&2; exit 2; }
	@scripts/linux-oracle.sh $(ORACLE_FLAGS) $(PROG) $(ARGS)

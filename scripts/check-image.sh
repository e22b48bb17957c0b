#!/bin/sh
# Usage: check-image.sh NM PASS1_ELF FINAL_ELF
# Two checks on the linked kernel, failing the build when either breaks:
#  1. Every function has the same address in both links, so the embedded symbol table
#     (taken from the first link) is true for the final image.
#  2. Each loadable segment's file offset minus its physical address is the same, so QEMU's
#     multiboot1 loader (a.out kludge: one flat copy of the file) loads it correctly.
set -eu
nm_tool=$1 pass1=$2 final=$3
texts() { "$nm_tool" -n --defined-only "$1" | awk '$2 ~ /^[tT]$/ && $3 !~ /^kernel_.*_(start|end)$/ { print $1, $3 }'; }
if [ "$(texts "$pass1")" != "$(texts "$final")" ]; then
    echo "check-image: function addresses moved between the two links; ksyms would lie" >&2
    exit 1
fi
deltas=$(LC_ALL=C readelf -lW "$final" | awk '$1 == "LOAD" { print $2, $4 }' |
    while read -r offset paddr; do echo $((offset - paddr)); done | sort -u | wc -l)
if [ "$deltas" -ne 1 ]; then
    echo "check-image: segments are not laid out flat (offset - paddr differs); see linker.ld" >&2
    LC_ALL=C readelf -lW "$final" >&2
    exit 1
fi

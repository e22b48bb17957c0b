#!/bin/sh
# Usage: gen-ksyms.sh NM KERNEL_ELF > ksyms.S
# Emits the kernel's function symbols (text, sorted by address) as the .ksyms tables read by
# kernel/lib/ksyms.c. With no ELF (the first link) it emits empty tables.
set -eu
nm_tool=$1
elf=${2:-}
{
    if [ -n "$elf" ]; then
        "$nm_tool" -n --defined-only "$elf" | awk '$2 ~ /^[tT]$/ && $3 !~ /^kernel_.*_(start|end)$/ { print $1, $3 }'
    fi
} | awk '
    BEGIN { n = 0 }
    { address[n] = $1; name[n] = $2; n++ }
    END {
        print "\t.section .ksyms, \"a\""
        print "\t.align 8"
        print "\t.global ksyms_count, ksyms_addresses, ksyms_name_offsets, ksyms_names"
        print "ksyms_count:\n\t.quad " n
        print "ksyms_addresses:"
        for (i = 0; i < n; i++) print "\t.quad 0x" address[i]
        print "ksyms_name_offsets:"
        offset = 0
        for (i = 0; i < n; i++) { print "\t.long " offset; offset += length(name[i]) + 1 }
        print "ksyms_names:"
        for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
    }'

#!/usr/bin/env bash
# Run the benchmark program (user/bench/, docs/performance.md) as init on Spindle and on a
# Debian Linux kernel in the same QEMU with the same flags, and compare the figures.
#
# Usage: scripts/bench.sh spindle|linux|compare|table [icount|wall]
#   spindle   boot build/kernel.elf with init=/bin/bench (make kernel initramfs first)
#   linux     boot build/oracle/vmlinuz (fetched once by scripts/linux-oracle.sh's machinery)
#             with an initramfs holding only /init = build/bench/bench and /bin/true
#   compare   both, then the table
#   table     the table from the last two runs' results
# Mode icount (default): QEMU -icount shift=0,sleep=off, the TSC counts instructions and every
# figure is repeatable to the unit. Mode wall: plain TCG, TSC-calibrated nanoseconds, which
# vary with the host's load.
#
# Results: build/bench/{spindle,linux}-MODE.txt (the "bench:" lines), serial logs next to them.
# LINUX_APPEND="words" adds to Linux's command line (e.g. mitigations=off); ORACLE_KERNEL
# boots another Linux kernel; BENCH_TIMEOUT (seconds, default 900) bounds each boot.
set -u
cd "$(dirname "$0")/.."
what=${1:-}
mode=${2:-icount}
out=build/bench
timeout=${BENCH_TIMEOUT:-900}
mkdir -p "$out"

case $mode in
    icount) icount=(-icount shift=0,sleep=off) ;;
    wall) icount=() ;;
    *) echo "bench.sh: mode is icount or wall, not $mode" >&2; exit 2 ;;
esac
# The machine both kernels get: one CPU, TCG, no devices beyond q35's own and a serial port.
machine=(-machine q35 -cpu max -smp 1 -m 512M -accel tcg "${icount[@]}" -nodefaults
         -display none -monitor none -no-reboot
         -device isa-debug-exit,iobase=0xf4,iosize=0x04)

# boot NAME KERNEL INITRD APPEND: run QEMU, keep the log, extract the bench lines.
boot() {
    local name=$1 kernel=$2 initrd=$3 append=$4
    local log="$out/$name-$mode.log" result="$out/$name-$mode.txt"
    echo "bench.sh: $name, $mode mode (log: $log)" >&2
    timeout "$timeout" qemu-system-x86_64 "${machine[@]}" -serial "file:$log" \
        -kernel "$kernel" -initrd "$initrd" -append "$append"
    local status=$?
    tr -d '\r' < "$log" | grep -a '^bench: ' > "$result.new"
    if ! grep -q '^bench: done, 0 failed' "$result.new"; then
        echo "bench.sh: $name did not finish cleanly (QEMU status $status); see $log" >&2
        cat "$result.new" >&2
        exit 1
    fi
    mv "$result.new" "$result"
    cat "$result"
}

run_spindle() {
    [ -f build/kernel.elf ] && [ -f build/initramfs.cpio ] ||
        { echo "bench.sh: make kernel initramfs first" >&2; exit 2; }
    boot spindle build/kernel.elf build/initramfs.cpio "loglevel=0 init=/bin/bench $mode"
}

run_linux() {
    local kernel=${ORACLE_KERNEL:-build/oracle/vmlinuz}
    if [ ! -f "$kernel" ]; then
        # linux-oracle.sh fetches and caches the Debian kernel the first time it runs.
        scripts/linux-oracle.sh build/user/true >/dev/null 2>&1
        [ -f "$kernel" ] || { echo "bench.sh: no Linux kernel at $kernel" >&2; exit 2; }
    fi
    local image="$out/linux-rootfs"
    rm -rf "$image"
    mkdir -p "$image/bin" "$image/dev" "$image/proc" "$image/tmp"
    cp build/bench/bench "$image/init" && cp build/user/true "$image/bin/true" || exit 2
    build/mkinitramfs "$image" > "$out/linux.cpio" || exit 2
    boot linux "$kernel" "$out/linux.cpio" \
        "console=ttyS0 quiet loglevel=0 panic=-1 ${LINUX_APPEND:-} rdinit=/init $mode"
}

# The table: operation, Spindle, Linux, and Spindle's cost over Linux's (below 1: cheaper).
table() {
    local spindle="$out/spindle-$mode.txt" linux="$out/linux-$mode.txt"
    [ -f "$spindle" ] && [ -f "$linux" ] ||
        { echo "bench.sh: run both kernels first ($spindle, $linux)" >&2; exit 2; }
    awk -v mode="$mode" '
        $1 == "bench:" && NF >= 4 && $3 ~ /^[0-9.]+$/ && $4 != "failed" && $2 != "tsc" {
            key = $2
            if (FILENAME == ARGV[1]) { s[key] = $3; unit[key] = $4; order[++n] = key }
            else l[key] = $3
        }
        END {
            printf "%-16s %14s %14s %8s  %s\n", "operation", "Spindle", "Linux", "ratio", "unit"
            for (i = 1; i <= n; i++) {
                k = order[i]
                ratio = "-"
                if (k in l && s[k] > 0 && l[k] > 0)
                    ratio = sprintf("%.2f", unit[k] ~ /MiB/ ? l[k] / s[k] : s[k] / l[k])
                printf "%-16s %14s %14s %8s  %s\n", k, s[k], (k in l) ? l[k] : "-", ratio, unit[k]
            }
            print ""
            print "ratio: Spindle cost / Linux cost (for bandwidth, Linux MiB/s / Spindle MiB/s); below 1: Spindle is cheaper"
            if (s["fork"] > 0)
                printf "goal fork_64M <= 2x fork:        Spindle %.2fx, Linux %.2fx\n", s["fork_64M"] / s["fork"], l["fork_64M"] / l["fork"]
            if (s["coroutine"] > 0)
                printf "goal coroutine >= 50x cheaper than thread_pingpong: Spindle %.0fx, Linux %.0fx\n", s["thread_pingpong"] / s["coroutine"], l["thread_pingpong"] / l["coroutine"]
            if (s["coroutine_bare"] > 0)
                printf "     (the bare register swap:                       Spindle %.0fx, Linux %.0fx)\n", s["thread_pingpong"] / s["coroutine_bare"], l["thread_pingpong"] / l["coroutine_bare"]
        }' "$spindle" "$linux"
}

case $what in
    spindle) run_spindle ;;
    linux) run_linux ;;
    compare) run_spindle && run_linux && echo && table ;;
    table) table ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac

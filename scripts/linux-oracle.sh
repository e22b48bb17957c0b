#!/usr/bin/env bash
# Linux is the oracle: run a static program on a real Debian Linux kernel in QEMU and print
# what it printed, so Spindle's output can be compared with it. See docs/oracle.md.
#
# Usage: scripts/linux-oracle.sh [options] PROGRAM.c|STATIC-BINARY [ARGS...]
#   A .c file is built with musl-gcc -static (build/oracle/bin/NAME); a binary is used as is.
#   It runs as /test (also at /tests/NAME, as in Spindle's image) with ARGS, under
#   scripts/oracle-init.c as /init: proc on /proc, devtmpfs on /dev, tmpfs on /dev/shm and /tmp.
#
#   --with FILE[=PATH]  also put FILE in the image at PATH (default /tests/NAME); a .c is built.
#                       Repeatable. E.g. musl-tour.c wants --with tests/musl/musl-hello.c
#   --capture           the program's stdout is a regular file, printed after it exits (stdio
#                       buffers fully, as under tests/user/musl_test.c); default: the console
#   --timeout SECONDS   give up after this long (default 180; TCG boots Linux in ~10 s)
#   --raw               print the whole serial log (kernel messages too), not just the program
#   --cpu MODEL         QEMU CPU model (default max, as `make run`)
#   --append "WORDS"    more kernel command-line words; --raw --append loglevel=7 shows the boot
#
# Prints the program's stdout and stderr (merged, as the console saw them, without \r) on
# stdout, and "oracle: exit status N" on stderr. Exit status: the program's (128 + N if
# signal N killed it); 125 if the oracle itself failed (no kernel, no boot, timeout).
#
# The kernel is fetched once: `apt-get download` of the linux-image-*-cloud-amd64 package
# that linux-image-cloud-amd64 depends on, unpacked with dpkg-deb into build/oracle/. Later
# runs are offline. ORACLE_KERNEL=/path/to/vmlinuz uses another kernel; ACCEL picks QEMU's
# accelerator (default tcg); MUSL_CC and ORACLE_CFLAGS change how .c files are built. The
# last run's serial log stays in build/oracle/serial.log.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/build/oracle"
timeout=180 capture=0 raw=0 cpu=max append=""
extras=()
while [ $# -gt 0 ]; do
    case $1 in
        --with) extras+=("$2"); shift ;;
        --capture) capture=1 ;;
        --timeout) timeout=$2; shift ;;
        --raw) raw=1 ;;
        --cpu) cpu=$2; shift ;;
        --append) append=$2; shift ;;
        -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
        --) shift; break ;;
        -*) echo "linux-oracle: unknown option $1" >&2; exit 125 ;;
        *) break ;;
    esac
    shift
done
if [ $# -lt 1 ]; then
    echo "usage: scripts/linux-oracle.sh [options] PROGRAM.c|STATIC-BINARY [ARGS...] (--help)" >&2
    exit 125
fi
program=$1
shift

fail() {
    echo "linux-oracle: $*" >&2
    exit 125
}

for tool in "${MUSL_CC:-musl-gcc}" qemu-system-x86_64 dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (scripts/ensure-deps.sh installs it)"
done
mkdir -p "$work/bin" || fail "cannot create $work"
# This run's image and log, so that two runs at once do not trample each other.
run_dir=$(mktemp -d "$work/run.XXXXXX") || fail "cannot create a directory in $work"
trap 'rm -rf "$run_dir"' EXIT

# build_or_take FILE: print the path of a static binary for FILE, building a .c first.
build_or_take() {
    local source=$1 name output
    [ -f "$source" ] || fail "no such file: $source"
    case $source in
        *.c)
            name=$(basename "$source" .c)
            output="$work/bin/$name"
            # shellcheck disable=SC2086 # ORACLE_CFLAGS is a list of flags
            "${MUSL_CC:-musl-gcc}" -static ${ORACLE_CFLAGS:--O2 -Wall -Wextra} -o "$run_dir/$name" \
                "$source" -lpthread >&2 || fail "building $source failed"
            mv -f "$run_dir/$name" "$output"
            ;;
        *) output=$source ;;
    esac
    # A dynamically linked program would fail to exec for want of its interpreter.
    if LC_ALL=C readelf -l "$output" 2>/dev/null | grep -q 'Requesting program interpreter'; then
        fail "$source is dynamically linked; build it with musl-gcc -static"
    fi
    echo "$output"
}

# fetch_kernel: print the path of a cached Debian cloud kernel, downloading it the first time.
fetch_kernel() {
    if [ -n "${ORACLE_KERNEL:-}" ]; then
        [ -f "$ORACLE_KERNEL" ] || fail "ORACLE_KERNEL=$ORACLE_KERNEL does not exist"
        echo "$ORACLE_KERNEL"
        return
    fi
    if [ -f "$work/vmlinuz" ]; then
        echo "$work/vmlinuz"
        return
    fi
    local package
    package=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
        awk '/Depends: linux-image-/ { print $2; exit }')
    if [ -z "$package" ] && [ "$(id -u)" -eq 0 ]; then
        echo "linux-oracle: apt-get update (package lists are missing)" >&2
        apt-get update -q >&2
        package=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
            awk '/Depends: linux-image-/ { print $2; exit }')
    fi
    [ -n "$package" ] || fail "apt-cache knows no linux-image-cloud-amd64; run apt-get update"
    echo "linux-oracle: fetching $package (once; cached in build/oracle/)" >&2
    local download="$run_dir/download"
    mkdir -p "$download"
    # apt drops privileges to _apt for the download; a directory it can write avoids a warning.
    chmod 755 "$run_dir" && chmod 777 "$download"
    (cd "$download" && apt-get download -q "$package" >&2) || fail "apt-get download $package failed"
    local deb
    deb=$(find "$download" -maxdepth 1 -name '*.deb' | head -n 1)
    [ -n "$deb" ] || fail "apt-get download left no .deb"
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$download" --wildcards './boot/vmlinuz-*' ||
        fail "no vmlinuz in $deb"
    mv "$download"/boot/vmlinuz-* "$work/vmlinuz" || fail "no vmlinuz in $deb"
    basename "$deb" .deb > "$work/vmlinuz.version"
    echo "$work/vmlinuz"
}

kernel=$(fetch_kernel) || exit 125
binary=$(build_or_take "$program") || exit 125
init="$work/oracle-init"
if [ ! -x "$init" ] || [ "$root/scripts/oracle-init.c" -nt "$init" ]; then
    "${MUSL_CC:-musl-gcc}" -static -O2 -Wall -Wextra -Werror -o "$run_dir/oracle-init" \
        "$root/scripts/oracle-init.c" || fail "building scripts/oracle-init.c failed"
    mv -f "$run_dir/oracle-init" "$init"
fi
make -s --no-print-directory -C "$root" build/mkinitramfs >&2 || fail "building the mkinitramfs tool failed"

# The image: /init, /test, /tests/NAME, the --with files, and /oracle-args.
image="$run_dir/rootfs"
mkdir -p "$image/tests" "$image/tmp" "$image/bin" || fail "cannot create $image"
name=$(basename "$program" .c)
for target in init test "tests/$name"; do
    if [ "$target" = init ]; then from=$init; else from=$binary; fi
    cp "$from" "$image/$target" || fail "cannot copy $from into the image"
done
for extra in "${extras[@]}"; do
    source=${extra%%=*}
    path=${extra#*=}
    extra_binary=$(build_or_take "$source") || exit 125
    [ "$path" = "$extra" ] && path="/tests/$(basename "$source" .c)"
    mkdir -p "$image$(dirname "$path")" || fail "cannot create $(dirname "$path") in the image"
    cp "$extra_binary" "$image$path" || fail "cannot place $source at $path"
done
{
    if [ "$capture" = 1 ]; then printf 'capture\0'; else printf 'tty\0'; fi
    for argument in "$@"; do printf '%s\0' "$argument"; done
} > "$image/oracle-args"
"$root/build/mkinitramfs" "$image" > "$run_dir/initramfs.cpio" || fail "mkinitramfs failed"

log="$run_dir/serial.log"
: > "$log"
timeout "$timeout" qemu-system-x86_64 -machine q35 -cpu "$cpu" -m 512M -accel "${ACCEL:-tcg}" \
    -nodefaults -display none -monitor none -no-reboot -serial "file:$log" \
    -kernel "$kernel" -initrd "$run_dir/initramfs.cpio" \
    -append "console=ttyS0 quiet loglevel=0 panic=-1 rdinit=/init $append"
qemu_status=$?
cp "$log" "$work/serial.log"
log="$work/serial.log"
[ "$qemu_status" -eq 124 ] && echo "linux-oracle: timed out after ${timeout}s" >&2

if [ "$raw" = 1 ]; then
    tr -d '\r' < "$log"
fi
# The lines between the markers; a last line without a newline carries the end marker.
status_file="$run_dir/status"
tr -d '\r' < "$log" | awk -v print_output=$((1 - raw)) -v status_file="$status_file" '
    /^oracle: begin$/ && !started { started = 1; next }
    !started { next }
    match($0, /oracle: (exit status|killed by signal) [0-9]+$/) {
        if (print_output && RSTART > 1)
            printf "%s", substr($0, 1, RSTART - 1)
        print substr($0, RSTART) > status_file
        exit
    }
    print_output { print }
'
status_line=$(cat "$status_file" 2>/dev/null)
if [ -z "$status_line" ]; then
    echo "linux-oracle: no status line from Linux (QEMU status $qemu_status); the end of $log:" >&2
    tail -n 20 "$log" | tr -d '\r' >&2
    exit 125
fi
echo "$status_line" >&2
number=${status_line##* }
case $status_line in
    *signal*) exit $((128 + number)) ;;
    *) exit "$number" ;;
esac

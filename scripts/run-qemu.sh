#!/usr/bin/env bash
# Boot Spindle headless in QEMU, stream the serial console, and turn the outcome into an
# exit status. Used by the tests and by anyone who wants a scripted boot.
#
# Usage: run-qemu.sh [options]
#   --kernel ELF        boot the kernel directly (QEMU multiboot1; default build/kernel.elf)
#   --iso ISO           boot an ISO through GRUB instead
#   --append "ARGS"     kernel command line (with --kernel)
#   --initrd FILE       the initramfs (with --kernel; default build/initramfs.cpio if built)
#   --cpu MODEL         QEMU CPU model (default max; qemu64 has no SMEP/SMAP/UMIP)
#   --uefi              boot with OVMF (UEFI) instead of SeaBIOS (BIOS)
#   --memory SIZE       guest RAM (default 256M)
#   --timeout SECONDS   give up after this long (default 60); a hang is a failure
#   --until REGEX       stop QEMU as soon as the output matches REGEX, and count it a success
#   --log FILE          also write the serial output to FILE
#   --quiet             do not echo the serial output
#   --gdb PORT          start paused with a gdb stub on PORT
#   --type TEXT         type TEXT on the serial line once the output matches --type-when
#   --type-when REGEX   when to type (default: the kernel's "Spindle is up")
#                       Several --type TEXT --type-when REGEX pairs type in turn; each
#                       waits for a line matching its REGEX that appeared after the
#                       previous text was typed (more matching lines than there were then).
#
# Exit status: 0 the kernel reported success (or --until matched), 1 it reported test
# failures, 2 it panicked, 124 timeout, 3 anything else (QEMU error, unexpected stop).
# When the run ended because init (pid 1) exited, its exit code instead (128 + signal if a
# signal killed it): `run-qemu.sh --append "init=/bin/prog"` runs a program headlessly.
set -u

kernel=build/kernel.elf iso="" append="" initrd=build/initramfs.cpio cpu=max uefi=0 memory=256M timeout=60
until_regex="" log="" quiet=0 gdb_port="" type_texts=() type_whens=()
while [ $# -gt 0 ]; do
    case $1 in
        --kernel) kernel=$2; shift ;;
        --iso) iso=$2; shift ;;
        --append) append=$2; shift ;;
        --initrd) initrd=$2; shift ;;
        --cpu) cpu=$2; shift ;;
        --uefi) uefi=1 ;;
        --memory) memory=$2; shift ;;
        --timeout) timeout=$2; shift ;;
        --until) until_regex=$2; shift ;;
        --log) log=$2; shift ;;
        --quiet) quiet=1 ;;
        --gdb) gdb_port=$2; shift ;;
        --type) type_texts+=("$2"); type_whens+=('Spindle is up'); shift ;;
        --type-when) type_whens[${#type_texts[@]} - 1]=$2; shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "run-qemu.sh: unknown option $1" >&2; exit 3 ;;
    esac
    shift
done

args=(-machine q35 -cpu "$cpu" -m "$memory" -accel "${ACCEL:-tcg}" -display none -no-reboot
      -monitor none -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04)
if [ -n "$iso" ]; then
    args+=(-cdrom "$iso")
else
    args+=(-kernel "$kernel" -append "$append")
    [ -n "$initrd" ] && [ -e "$initrd" ] && args+=(-initrd "$initrd")
fi
if [ "$uefi" = 1 ]; then
    ovmf=""
    for candidate in /usr/share/OVMF/OVMF_CODE_4M.fd /usr/share/OVMF/OVMF_CODE.fd /usr/share/ovmf/OVMF.fd; do
        [ -e "$candidate" ] && { ovmf=$candidate; break; }
    done
    [ -n "$ovmf" ] || { echo "run-qemu.sh: OVMF not found (apt-get install ovmf)" >&2; exit 3; }
    args+=(-drive "if=pflash,format=raw,readonly=on,file=$ovmf")
fi
[ -n "$gdb_port" ] && args+=(-S -gdb "tcp::$gdb_port")

output=$(mktemp)
input=$(mktemp -u)
mkfifo "$input"
trap 'rm -f "$output" "$input"' EXIT
timeout --foreground "$timeout" qemu-system-x86_64 "${args[@]}" <"$input" >"$output" 2>&1 &
qemu=$!
# Hold the input pipe open (QEMU would see end-of-file otherwise); type into it on request.
exec {keyboard}>"$input"
if [ ${#type_texts[@]} -gt 0 ]; then
    (
        typed_at=0 # how many lines of output there were when the last text was typed
        for i in "${!type_texts[@]}"; do
            seen=$(head -n "$typed_at" "$output" | grep -acE -- "${type_whens[$i]}")
            until [ "$(grep -acE -- "${type_whens[$i]}" "$output")" -gt "$seen" ]; do
                kill -0 $qemu 2>/dev/null || exit 0
                sleep 0.1
            done
            typed_at=$(grep -c '' "$output")
            printf '%s' "${type_texts[$i]}" >&$keyboard
        done
    ) &
fi
if [ "$quiet" = 0 ]; then
    tail -f --pid=$qemu -n +1 "$output" &
    tailer=$!
fi

matched=0
if [ -n "$until_regex" ]; then
    while kill -0 $qemu 2>/dev/null; do
        if grep -aEq -- "$until_regex" "$output"; then
            matched=1
            pkill -TERM -P $qemu 2>/dev/null
            kill -TERM $qemu 2>/dev/null
            break
        fi
        sleep 0.1
    done
fi
wait $qemu
status=$?
[ "$quiet" = 0 ] && { sleep 0.1; kill $tailer 2>/dev/null; wait $tailer 2>/dev/null; }
[ -n "$log" ] && cp "$output" "$log"

if [ "$matched" = 1 ]; then exit 0; fi
# A run whose init (pid 1) ended reports that program's status, as a shell would.
init_line=$(grep -aoE 'init \(pid 1\) (exited with code [0-9]+|was killed by signal [0-9]+)' "$output" | tail -n 1)
case $init_line in
    *"exited with code"*) exit "${init_line##* }" ;;
    *"killed by signal"*) exit $((128 + ${init_line##* })) ;;
esac
case $status in
    33) exit 0 ;;
    35) exit 1 ;;
    37) exit 2 ;;
    124) echo "run-qemu.sh: timed out after ${timeout}s" >&2; exit 124 ;;
    *) echo "run-qemu.sh: QEMU stopped with status $status" >&2; exit 3 ;;
esac

#!/usr/bin/env bash
# A scripted gdb session against QEMU's gdb stub, as `make debug` uses it: gdb loads the
# kernel's symbols and the repo's gdb script, breaks at kmain, and must show the frame with
# its source file, a backtrace with symbol names, and step to the next source line.
set -u
cd "$(dirname "$0")/../.."
work=build/test-results/gdb
mkdir -p "$work"
port=$((30000 + ($(id -u) * 7 + $$) % 20000))
passed=0 failed=0

scripts/run-qemu.sh --quiet --append "test=lib_list panic=exit" --gdb "$port" --timeout 120 \
    --log "$work/serial.log" &
qemu=$!
# gdb retries the connection itself until QEMU listens (target remote waits for the port).
timeout 120 gdb -batch -nx -q \
    -ex "set pagination off" \
    -ex "set confirm off" \
    -ex "python import time" \
    -ex "python exec(\"for i in range(100):\\n try:\\n  gdb.execute('target remote :$port')\\n  break\\n except gdb.error:\\n  time.sleep(0.1)\")" \
    -x scripts/gdb/spindle.gdb \
    -ex "continue" \
    -ex "bt" \
    -ex "next" \
    -ex "next" \
    -ex "info symbol \$pc" \
    -ex "detach" \
    build/kernel.elf >"$work/gdb.log" 2>&1
gdb_status=$?
wait $qemu
qemu_status=$?
cat "$work/gdb.log"

expect() { # expect NAME REGEX FILE
    if grep -Eq -- "$2" "$3"; then echo "PASS $1"; passed=$((passed + 1));
    else echo "FAIL $1: no match for [$2] in $3"; failed=$((failed + 1)); fi
}
expect gdb_breaks_at_kmain '[Bb]reakpoint 1, kmain \(magic=' "$work/gdb.log"
expect gdb_shows_source_file 'at kernel/init/main\.c:[0-9]+' "$work/gdb.log"
expect gdb_backtrace_has_symbols '^#0  kmain \(' "$work/gdb.log"
expect gdb_backtrace_ends_at_entry '^#1  .* in higher_half_entry \(\) at boot/entry\.S' "$work/gdb.log"
expect gdb_steps_by_source_line '^[0-9]+[[:space:]]+.*;' "$work/gdb.log"
expect gdb_kernel_ran_on '1 passed, 0 failed' "$work/serial.log"
if [ "$gdb_status" -eq 0 ] && [ "$qemu_status" -eq 0 ]; then
    echo "PASS gdb_session_clean_exit"; passed=$((passed + 1))
else
    echo "FAIL gdb_session_clean_exit: gdb $gdb_status, qemu $qemu_status"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

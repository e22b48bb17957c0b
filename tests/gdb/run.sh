#!/usr/bin/env bash
# Scripted gdb sessions against QEMU's gdb stub, as `make debug` uses it.
# 1. gdb loads the kernel's symbols and the repo's gdb script, breaks at kmain, and must show
#    the frame with its source file, a backtrace with symbol names, and step to the next
#    source line.
# 2. tests/gdb/fork-cow.gdb with /bin/demo-fork as init: a breakpoint in the user program's
#    main, then in the copy-on-write fault handler for the child's first write to a shared
#    page; the sp-* commands (scripts/gdb/spindle.py) must show the parent and child as the
#    demo prints them, and the page copy-on-write with refcount 2 before the copy.
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

# --- 2: follow a fork ---
scripts/run-qemu.sh --quiet --append "init=/bin/demo-fork" --gdb "$port" --timeout 120 \
    --log "$work/fork-serial.log" &
qemu=$!
# gdb retries the connection while QEMU starts (set tcp auto-retry, on by default).
timeout 120 gdb -batch -nx -q -ex "target remote :$port" -x tests/gdb/fork-cow.gdb \
    build/kernel.elf >"$work/fork-gdb.log" 2>&1
gdb_status=$?
wait $qemu
qemu_status=$?
log=$work/fork-gdb.log
section() { # section NAME: the lines of the fork log between ==NAME== and the next marker
    awk -v name="==$1==" '$0 == name { on = 1; next } /^==[a-z-]+==$/ { on = 0 } on' "$log" \
        >"$work/fork-$1.txt"
    echo "$work/fork-$1.txt"
}
frame_of() { grep -oE 'frame 0x[0-9a-f]+: refcount [0-9]+' "$1" | head -n 1; }
failed_before=$failed
expect gdb_user_main_breakpoint 'Temporary breakpoint 1, main \(\) at user/demo-fork\.c:' "$log"
expect gdb_user_backtrace '^#0  main \(\) at user/demo-fork\.c' "$(section main)"
expect gdb_cow_breakpoint '^Breakpoint 2, break_cow \(' "$log"
# The demo prints "child  (pid C, parent P)": sp-ps must show C in its own thread group with
# parent P, running on the CPU, and P in its own.
read -r child parent < <(sed -nE 's/^child  \(pid ([0-9]+), parent ([0-9]+)\).*/\1 \2/p' \
    "$work/fork-serial.log")
ps=$(section sp-ps)
expect gdb_sp_ps_child "^ +${child:-X} +${child:-X} +${parent:-X} .* R [a-z]+ .*>0 +demo-fork$" "$ps"
expect gdb_sp_ps_parent "^ +${parent:-X} +${parent:-X} +[0-9]+ .* demo-fork$" "$ps"
child_before=$(section child-before) parent_before=$(section parent-before)
expect gdb_sp_pte_walks_levels 'PT\[[0-9]+\] += 0x[0-9a-f]+  frame 0x[0-9a-f]+  P U ' "$child_before"
expect gdb_sp_pte_cow_refcount_2 'copy-on-write: frame shared by 2 mappings' "$child_before"
shared_frame=$(frame_of "$child_before")
if [ -n "$shared_frame" ] && [ "$shared_frame" = "$(frame_of "$parent_before")" ] &&
    [ "${shared_frame##* }" = 2 ]; then
    echo "PASS gdb_parent_and_child_share_the_frame"; passed=$((passed + 1))
else
    echo "FAIL gdb_parent_and_child_share_the_frame: [$shared_frame] [$(frame_of "$parent_before")]"
    failed=$((failed + 1))
fi
expect gdb_fault_handled 'Value returned is \$[0-9]+ = 0' "$(section finish)"
child_after=$(section child-after) parent_after=$(section parent-after)
expect gdb_child_has_a_private_copy '=> writable, private to this process' "$child_after"
expect gdb_parent_keeps_the_frame_alone 'only user' "$parent_after"
if [ -n "$shared_frame" ] && [ "$(frame_of "$parent_after")" = "${shared_frame% 2} 1" ] &&
    [ "$(frame_of "$child_after")" != "$(frame_of "$parent_after")" ]; then
    echo "PASS gdb_copy_moved_the_child_to_a_new_frame"; passed=$((passed + 1))
else
    echo "FAIL gdb_copy_moved_the_child_to_a_new_frame: [$(frame_of "$child_after")]" \
        "[$(frame_of "$parent_after")]"
    failed=$((failed + 1))
fi
expect gdb_demo_ran_on 'parent: after the child exited, variable = 100' "$work/fork-serial.log"
if [ "$gdb_status" -eq 0 ] && [ "$qemu_status" -eq 0 ]; then
    echo "PASS gdb_fork_session_clean_exit"; passed=$((passed + 1))
else
    echo "FAIL gdb_fork_session_clean_exit: gdb $gdb_status, qemu $qemu_status"
    failed=$((failed + 1))
fi
[ "$failed" -gt "$failed_before" ] && sed 's/^/    | /' "$log"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

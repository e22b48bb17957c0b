#!/usr/bin/env bash
# Whole-boot checks, each a separate QEMU boot judged from its serial output:
#  - the ISO boots through GRUB under BIOS (SeaBIOS) and UEFI (OVMF) and runs the kernel tests;
#  - the ISO's default entry reaches "Spindle is up" with a memory map summary;
#  - a kernel command line reaches the kernel intact, and loglevel= filters the console;
#  - typed characters arrive through the serial receive interrupt and reach the shell;
#  - a 32-bit-only CPU gets a clear message instead of a triple fault;
#  - every deliberate crash (crash=KIND) is reported with the faulting function's name
#    in a symbolised backtrace, and ends the run with the panic status; a kernel stack
#    overflow is caught by the guard page and named as such;
#  - sched_demo shows busy kernel threads preempted in turn (fair class, equal weights);
#  - demo-nice's CPU shares follow the nice weights, demo-rt's FIFO task preempts fair ones,
#    and the scheduler trace converts to valid trace-event JSON;
#  - the benchmark program (/bin/bench) smoke-runs every case once.
# Prints PASS/FAIL per check and "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
work=build/test-results/boot
mkdir -p "$work"
passed=0 failed=0

check() { # check NAME EXPECTED_STATUS REGEX... -- RUN_QEMU_ARGS...
    local name=$1 expected=$2; shift 2
    local patterns=()
    while [ "$1" != "--" ]; do patterns+=("$1"); shift; done
    shift
    local log="$work/$name.log"
    scripts/run-qemu.sh --quiet --log "$log" "$@"
    local status=$? missing=""
    for pattern in "${patterns[@]}"; do
        case $pattern in
            '!'*) ! grep -aEq -- "${pattern#!}" "$log" || missing="$missing [absent: ${pattern#!}]" ;;
            *) grep -aEq -- "$pattern" "$log" || missing="$missing [$pattern]" ;;
        esac
    done
    if [ "$status" -eq "$expected" ] && [ -z "$missing" ]; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: exit status $status (wanted $expected); missing:$missing (log: $log)"
        failed=$((failed + 1))
    fi
}

scripts/make-iso.sh build/kernel.elf build/initramfs.cpio boot/grub.cfg "$work/test.iso" \
    "test panic=exit"

check iso_bios_runs_kernel_tests 0 'multiboot2' '[0-9]+ passed, 0 failed' -- \
    --iso "$work/test.iso" --timeout 120
check iso_uefi_runs_kernel_tests 0 'multiboot2' '[0-9]+ passed, 0 failed' -- \
    --iso "$work/test.iso" --uefi --timeout 180
check iso_default_entry_boots 0 'Memory map from multiboot2' 'MiB usable RAM' 'Spindle is up' -- \
    --iso build/spindle.iso --until 'Spindle is up' --timeout 120
check iso_default_entry_boots_uefi 0 'Memory map from multiboot2' 'Spindle is up' -- \
    --iso build/spindle.iso --uefi --until 'Spindle is up' --timeout 180
check cmdline_reaches_kernel 0 'Command line: alpha=1 beta="two words" gamma' -- \
    --append 'alpha=1 beta="two words" gamma' --until 'Spindle is up' --timeout 60

# Typed text travels: serial interrupt -> terminal line discipline -> the shell -> /bin/echo.
check serial_input_reaches_the_shell 0 '^typed through the tty' -- \
    --type $'echo typed through the tty\r' --type-when 'spindle\$ ' --until '^typed through the tty' \
    --timeout 60
# Line editing in the terminal: DEL erases the character before it (VERASE).
check tty_backspace_edits_the_line 0 '^acd' -- \
    --type $'echo ab\x7fcd\r' --type-when 'spindle\$ ' --until '^acd' --timeout 60
# The shell joins programs with a pipe: ls's listing goes through the pipe to cat, into a
# file, and back out through < and another pipe. Only the last command's output is matched
# (by then every typed character has arrived and been echoed, so nothing interleaves), and
# with names that the typed text does not contain.
check shell_pipeline 0 '^demo-pipe' '^demo-socket' -- \
    --type $'ls /bin | cat > /tmp/out\rcat < /tmp/out | cat\r' \
    --type-when 'spindle\$ ' --until 'demo-socket' --timeout 60
check no_long_mode_message 0 'no 64-bit long mode' -- \
    --cpu qemu32 --until 'Halted' --timeout 60
check loglevel_hides_info 2 'KERNEL PANIC' 'deliberate panic' '!Memory map from' -- \
    --append 'loglevel=3 crash=panic panic=exit' --timeout 60

# Demos run as init and print what the docs say they print.
check demo_fork_copies_only_written_pages 0 'the kernel copied 6 pages' 'variable = 100 and buffer\[0\] = .p.' -- \
    --append 'init=/bin/demo-fork' --timeout 60
check demo_vfork_parent_waits 0 'borrowed = 2' 'second child exec.d' -- \
    --append 'init=/bin/demo-vfork' --timeout 60

check demo_clone_shows_ids 0 'pthread_create\(\) \(CLONE_THREAD\) +[0-9]+ +1 ' \
    'fork\(\) +2 +2 +1' 'the parent did not: copied' 'the parent saw its write: shared' -- \
    --append 'init=/bin/demo-clone' --timeout 60
check demo_threads_producer_consumer 0 'consumed 1000 items, sum 500500 \(expected 500500\)' -- \
    --append 'init=/bin/demo-threads' --timeout 60
check demo_pipe_writer_waits_for_reader 0 'full after 65536 bytes \(write says EAGAIN\)' \
    'my blocked writes went through \(131072 bytes' 'end of file after 131072 bytes' -- \
    --append 'init=/bin/demo-pipe' --timeout 60
check demo_fifo_open_waits_for_reader 0 'open for writing fails with ENXIO' \
    'fifo: 5 lines sent, 5 received in order' -- \
    --append 'init=/bin/demo-fifo' --timeout 60
check demo_shm_producer_consumer 0 'consumed 1000 items, sum 500500 \(expected 500500\)' -- \
    --append 'init=/bin/demo-shm' --timeout 60
check demo_msg_types_address_workers 0 '15 messages \(720 bytes\) wait in queue' \
    '12 jobs, 3 workers: each worker received exactly the jobs of its type' -- \
    --append 'init=/bin/demo-msg' --timeout 60
check demo_socket_echo_server 0 'server: echoed 9 lines, 207 bytes' '3 clients, all echoes matched' -- \
    --append 'init=/bin/demo-socket' --timeout 60
check demo_signals_handlers_masks_eintr_sigchld_segv 0 '1. handler caught SIGUSR1 from pid ([0-9]+) \(the child was \1\)' \
    '2. sent 3 times while blocked: pending yes, handled 0 times' \
    '2. unblocked: handled 1 time' 'read\(\) returned -1, errno EINTR, after 1 handler run' \
    'read\(\) went on and returned 1 byte .x., after 1 handler run' \
    '4. SIGCHLD: child [0-9]+ exited with status 7' '5. child caught SIGSEGV at address 0x10' \
    'demo-signals: done, all as expected' -- \
    --append 'init=/bin/demo-signals' --timeout 60
check demo_nice_shares_follow_weights 0 ' 0    1024    1000  (68|69|70)\.[0-9]%   69\.7%' \
    'nice 0 got (2\.9[0-9]|3\.[01][0-9]) times the CPU of nice 5 \(weights say 3\.05\)' -- \
    --append 'init=/bin/demo-nice' --timeout 60
check demo_rt_fifo_preempts_fair_tasks 0 'round 3: .* ran before write\(\) returned: yes; the fair counters moved by 0' \
    'demo-rt: the real-time task always preempted the fair ones' -- \
    --append 'init=/bin/demo-rt' --timeout 60

# The scheduler trace: boot demo-rt with sched_trace, convert the dump, and check the JSON
# parses and holds the events the demo must produce (scripts/sched-trace.py).
check sched_trace_dumped_at_init_exit 0 'sched_trace: begin [0-9]+ 0' 'sched_trace: end' -- \
    --append 'init=/bin/demo-rt sched_trace' --timeout 60
if python3 scripts/sched-trace.py "$work/sched_trace_dumped_at_init_exit.log" \
        --json "$work/trace.json" --svg "$work/trace.svg" >/dev/null &&
    python3 - "$work/trace.json" <<'PYTHON'
import json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
names = {(e["ph"], e["name"]) for e in events}
need = {("X", "running"), ("X", "runnable"), ("i", "wakeup"), ("i", "fork"), ("i", "exit"),
        ("i", "block"), ("M", "thread_name")}
missing = need - names
blocked_in_pipe = any(e["name"] == "block" and e["args"]["in"] != "?" for e in events)
sys.exit(1 if missing or not blocked_in_pipe else 0)
PYTHON
then
    echo "PASS sched_trace_tool_writes_trace_event_json"; passed=$((passed + 1))
else
    echo "FAIL sched_trace_tool_writes_trace_event_json"; failed=$((failed + 1))
fi

check demo_coro_generator_fibonacci 0 '^fib\(10\) = 55' \
    'waits inside its loop with a = 610, b = 987' \
    'finished after 94 values: fib\(93\) = 12200160415121876738' 'resuming it again fails' -- \
    --append 'init=/bin/demo-coro-generator' --timeout 60
check demo_coro_pipeline_primes 0 '^  producer yields 2' '^      consumer takes 2' '^    filter drops 4' \
    'consumer: received 25 primes up to 100, sum 1060' 'pipeline done: 254 coroutine switches' -- \
    --append 'init=/bin/demo-coro-pipeline' --timeout 60
check demo_coro_sched_echo_server 0 '1 thread\): 9 coroutines .* echoed 40 lines, 680 bytes' \
    'clients: 8 of 8 got every echo back' -- \
    --append 'init=/bin/demo-coro-sched' --timeout 60
# Only the table's shape: one row per N with six numbers (timings are never judged).
# max_tasks lets the 1024-process and 1024-thread rings exist.
check demo_switch_cost_table 0 '^ +2( +[0-9]+){6}' '^ +16( +[0-9]+){6}' '^ +128( +[0-9]+){6}' \
    '^ +1024( +[0-9]+){6}' 'demo-switch-cost: done' -- \
    --append 'max_tasks=4096 init=/bin/demo-switch-cost --quick' --timeout 120
# The catalogue lists every demo in /bin, each with its page.
check demo_catalogue_lists_demos 0 '^  fork +fork\(\) .*\[docs/fork.md\]' '^  signals .*\[docs/signals.md\]' \
    '^  coro-generator .*\[docs/coroutines.md\]' '^  switch-cost .*\[docs/coroutines.md\]' \
    '^[0-9]+ demos\.' '!no description yet' -- \
    --append 'init=/bin/demo' --timeout 60
check demo_runs_a_demo_by_name 0 'consumer: received 25 primes' -- \
    --append 'init=/bin/demo coro-pipeline' --timeout 60
# libc's ucontext and coroutine tests, which libc-host runs natively, on Spindle too.
check libc_ucontext_and_coro_tests_on_spindle 0 'PASS ucontext: nested swaps' \
    'PASS coro: stack overflow hits the guard page' '^[0-9]+ passed, 0 failed' -- \
    --append 'init=/tests/libc-tests ucontext: coro:' --timeout 120
# The benchmark program (make bench, docs/performance.md) still runs every case: one round
# of a few operations each, figures printed and not judged, then the leak check passes.
check bench_smoke_runs_every_case 0 'bench: getpid ' 'bench: coroutine ' 'bench: done, 0 failed' \
    'leak check: no leaks' -- --append 'init=/bin/bench smoke' --timeout 60

crash() { # crash KIND FUNCTION [EXTRA_REGEX]
    check "crash_$1_names_$2" 2 "$2(\\.cold)?\\+0x" 'Backtrace:' 'kernel_init\+0x' 'RIP: ' 'CR2: ' ${3:+"$3"} -- \
        --append "crash=$1 panic=exit" --timeout 60
}
if [ "${SANITIZE:-0}" = 1 ]; then
    # The sanitizer sees these before the CPU does.
    crash null crash_null_dereference 'UBSAN: null pointer at kernel/lib/crash.c'
    crash divide crash_divide_error 'UBSAN: division by zero at kernel/lib/crash.c'
    crash ubsan crash_signed_overflow 'UBSAN: signed integer overflow at kernel/lib/crash.c:[0-9]+:[0-9]+: 2147483647 \+ 1 in type .int.'
    crash redzone crash_kmalloc_overrun '24-byte object overrun: byte 0 past its end is 0x78'
else
    crash null crash_null_dereference 'page not present, write, kernel mode'
    crash divide crash_divide_error '#DE divide error'
    # Without SANITIZE=1 these two bugs go unnoticed, which is why the sanitizer build exists.
    for kind in ubsan redzone; do
        check "crash_${kind}_needs_sanitize" 0 "crash: '$kind' did not crash" -- \
            --append "crash=$kind init=/bin/true" --timeout 60
    done
fi
crash ud2 crash_invalid_opcode '#UD invalid opcode'
crash text crash_write_kernel_text 'protection violation, write'
crash panic crash_panic 'deliberate panic'
crash bug crash_bug_on 'BUG_ON\(impossible == 1\)'
crash spinlock crash_spinlock_twice "spinlock 'crash-demo' taken twice"
crash unlock crash_unlock_unheld "released by CPU 0, which does not hold it"
crash overflow crash_stack_overflow 'guard page below the stack of task .init. \(pid 1\)'
crash canary crash_stack_smash 'stack protector: a local buffer of crash_stack_smash'

# sched_demo: busy threads that never yield must take turns, a b c a b c ...
check sched_demo_shows_preemption 0 'worker-a .* runs again' 'sched_demo: done' -- \
    --append 'sched_demo' --until 'sched_demo: done' --timeout 120
order=$(grep -aoE 'worker-[a-c] \(pid [0-9]+\) runs again' "$work/sched_demo_shows_preemption.log" |
    cut -c8 | tr -d '\n')
if [ "${order:0:9}" = abcabcabc ]; then
    echo "PASS sched_demo_round_robin_order"; passed=$((passed + 1))
else
    echo "FAIL sched_demo_round_robin_order: workers ran in order '$order'"; failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

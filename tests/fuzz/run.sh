#!/usr/bin/env bash
# The fuzzing stage of `make test`, and `make fuzz SEED=... N=...`: boot with /bin/sysfuzz as
# init (user/sysfuzz/, docs/robustness.md), making N random system calls from seed SEED.
# Passes when sysfuzz saw no hang and no leaking batch, the kernel did not panic, and the
# kernel's own leak check after init exited found every counter back at its baseline.
# Usage: tests/fuzz/run.sh [SEED [N [extra run-qemu.sh arguments]]]
set -u
cd "$(dirname "$0")/../.."
seed=${1:-1}
calls=${2:-100000}
shift $(($# > 2 ? 2 : $#))
timeout=$((120 + calls / 2000))
log=$(mktemp)
trap 'rm -f "$log"' EXIT
scripts/run-qemu.sh --append "init=\"/bin/sysfuzz -s $seed -n $calls\" panic=exit" --quiet \
    --log "$log" --timeout "$timeout" "$@"
status=$?
grep -aE '^sysfuzz: (batch [0-9]+ leaked|blocked|HANG|[0-9]+ calls)' "$log"
passed=0 failed=0
if grep -aqE "^sysfuzz: [0-9]+ calls in [0-9]+ batches \(seed $seed\): [0-9]+ blocked and killed, 0 hangs, 0 batches leaked" "$log"; then
    echo "PASS sysfuzz_seed_${seed}_no_panic_hang_or_leak"
    passed=$((passed + 1))
else
    echo "FAIL sysfuzz_seed_${seed}_no_panic_hang_or_leak (run-qemu status $status); last lines:"
    grep -av 'segfault at' "$log" | tail -n 40 | sed 's/^/  /'
    failed=$((failed + 1))
fi
if grep -aq 'leak check: no leaks' "$log"; then
    echo "PASS kernel_leak_check_after_sysfuzz"
    passed=$((passed + 1))
else
    echo "FAIL kernel_leak_check_after_sysfuzz:"
    grep -a 'leak check' "$log" | sed 's/^/  /'
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The whole test suite, as `make test` runs it. Each stage prints its own lines and a
# "N passed, N failed" line; this script keeps each stage's log under build/test-results/,
# adds the counts up, and prints the combined line last. A stage that dies without a summary
# counts as one failure. Exit status: 0 only when nothing failed.
set -u
cd "$(dirname "$0")/.."
results=build/test-results
mkdir -p "$results"
total_passed=0 total_failed=0 summary=""

run_stage() { # run_stage NAME COMMAND...
    local name=$1; shift
    local log="$results/$name.log" start=$SECONDS
    echo "=== $name: $*"
    "$@" >"$log" 2>&1
    local status=$?
    grep -E '^(PASS|FAIL|ktest: (PASS|FAIL)|  )' "$log" | grep -vE '^  \[' || true
    local line
    line=$(grep -E '^(\[ *[0-9.]+\] )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 | sed -E 's/^\[ *[0-9.]+\] //')
    local passed=0 failed=1
    if [ -n "$line" ]; then
        passed=$(echo "$line" | awk '{print $1}')
        failed=$(echo "$line" | awk '{print $3}')
        if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    else
        echo "$name: no summary line (exit status $status); last lines of $log:"
        tail -n 25 "$log"
    fi
    echo "--- $name: $passed passed, $failed failed ($((SECONDS - start))s)"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    summary="$summary$(printf '%-16s %4d passed, %d failed' "$name" "$passed" "$failed")"$'\n'
}

run_stage host build/host/host-tests
run_stage libc-host make -s test-libc-host
run_stage kernel scripts/run-qemu.sh --append "test panic=exit" --timeout 120
run_stage kernel-qemu64 scripts/run-qemu.sh --cpu qemu64 --append "test panic=exit" --timeout 120
run_stage user tests/user/run.sh
run_stage user-qemu64 tests/user/run.sh --cpu qemu64
run_stage sh tests/sh/run.sh
run_stage fuzz tests/fuzz/run.sh 1 100000
run_stage boot tests/boot/run.sh
run_stage gdb tests/gdb/run.sh

echo
echo "Stages:"
printf '%s' "$summary"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]

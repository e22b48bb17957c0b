#!/usr/bin/env bash
# The user-space stage of `make test`: boot with the test suite as init (each test in its
# own process), then check that the kernel's leak accounting found every counter back at
# its baseline once init exited. Prints the suite's lines, a line for the leak check, and
# the combined "N passed, N failed". Extra arguments go to run-qemu.sh (e.g. --cpu qemu64).
set -u
cd "$(dirname "$0")/../.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
scripts/run-qemu.sh --append "init=/tests/utest panic=exit" --quiet --log "$log" --timeout 300 "$@"
status=$?
grep -aE '^(PASS|FAIL|  )' "$log"
summary=$(grep -aE '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 | tr -d '\r')
passed=${summary%% passed*}
failed=$(echo "$summary" | sed -E 's/.* ([0-9]+) failed/\1/')
[ -n "$summary" ] || { passed=0; failed=1; echo "FAIL utest: no summary (run-qemu status $status)"; tail -n 30 "$log"; }
if grep -aq 'leak check: no leaks' "$log"; then
    echo "PASS kernel_leak_check_after_user_tests"
    passed=$((passed + 1))
else
    echo "FAIL kernel_leak_check_after_user_tests:"
    grep -a 'leak check' "$log"
    failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "FAIL user_run_status: run-qemu.sh exited $status"
    failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

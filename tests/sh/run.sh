#!/usr/bin/env bash
# The shell stage of `make test`: every script in tests/sh/cases/ run by Spindle's /bin/sh
# inside QEMU (tests/sh/driver), its standard output and exit status compared with
# NAME.out, which dash produced (tests/sh/regen.sh) or, for job control, a person wrote.
# Prints PASS/FAIL per case (with a diff on failure) and "N passed, N failed".
#   tests/sh/run.sh            in QEMU (extra arguments go to run-qemu.sh)
#   tests/sh/run.sh --host     the shell built for this Linux host (build/host-sh/sh) with
#                              Spindle's utilities (build/user/, the same binaries run on
#                              Linux) first on PATH: seconds instead of a boot
set -u
cd "$(dirname "$0")/../.."
work=build/test-results/sh
mkdir -p "$work"
passed=0 failed=0
if [ "${1:-}" = --host ]; then
    make -s build/host-sh/sh initramfs || exit 1
    rm -rf "$work/bin"
    mkdir -p "$work/bin"
    for program in build/user/*; do
        [ -f "$program" ] && [ -x "$program" ] && ln -sf "$PWD/$program" "$work/bin/"
    done
    ln -sf "$PWD/build/host-sh/sh" "$work/bin/sh"
    for case in tests/sh/cases/*.sh; do
        name=$(basename "$case" .sh)
        (cd /tmp && PATH="$OLDPWD/$work/bin:$PATH" timeout 60 "$OLDPWD/build/host-sh/sh" \
            "$OLDPWD/$case" 2>/dev/null; echo "exit $?") > "$work/$name.got"
    done
else
    log="$work/serial.log"
    scripts/run-qemu.sh --append 'init="/sbin/init /tests/sh/driver" panic=exit' --quiet \
        --log "$log" --timeout 180 "$@"
    status=$?
    if ! grep -aq '^=== all cases ran' "$log"; then
        echo "FAIL sh_driver_finished: run-qemu status $status; last lines:"
        tail -n 20 "$log"
        failed=$((failed + 1))
    fi
    # The line editor, typed into the serial console at the prompt: Left Left X End Y makes
    # "echo XabY"; Up recalls it, four Backspaces and "done" make "echo done"; Ctrl-C drops
    # a half-typed line; Tab completes "ech" to "echo "; PS1 is expanded. Each line waits
    # for the next prompt: typed ahead while a command runs, keys would go through the
    # terminal's cooked mode (as on any Unix), where Backspace and ^C act at once.
    prompt='spindle\$ '
    scripts/run-qemu.sh --quiet --log "$work/lineedit.log" \
        --type $'echo ab\x1b[D\x1b[DX\x1b[FY\r' --type-when "$prompt" \
        --type $'\x1b[A\x7f\x7f\x7f\x7fdone\r' --type-when "$prompt" \
        --type $'echo never\x03' --type-when "$prompt" \
        --type $'echo after\r' --type-when "$prompt" \
        --type $'ech\tcompleted\r' --type-when "$prompt" \
        --type $'PS1=\'[$PWD]$ \'; cd /tmp\r' --type-when "$prompt" \
        --type $'echo $PS1\r' --type-when '^\[/tmp\]\$ ' \
        --until '^\[/tmp\]\$ echo' --timeout 60 "$@"
    edit_status=$?
    if [ "$edit_status" -eq 0 ] && grep -aq '^XabY' "$work/lineedit.log" &&
        grep -aq '^done' "$work/lineedit.log" && ! grep -aq '^never' "$work/lineedit.log" &&
        grep -aq '^completed' "$work/lineedit.log"; then
        echo "PASS sh_line_editor_keys"
        passed=$((passed + 1))
    else
        echo "FAIL sh_line_editor_keys: status $edit_status (log $work/lineedit.log)"
        failed=$((failed + 1))
    fi
    # Interactive job control through the terminal: Ctrl-C ends the foreground job only,
    # Ctrl-Z stops it (status 148, listed by jobs), fg gives it the terminal back. Each key
    # waits for the job to say it runs (or for the next prompt), so nothing races.
    job='sh -c '"'"'echo $0; exec sleep 50'"'"
    scripts/run-qemu.sh --quiet --log "$work/jobcontrol.log" --timeout 90 \
        --type "$job ready"$'\r' --type-when 'spindle\$ ' \
        --type $'\x03' --type-when '^ready' \
        --type $'echo int $?\r' --type-when 'spindle\$ ' \
        --type "$job zready"$'\r' --type-when 'spindle\$ ' \
        --type $'\x1a' --type-when '^zready' \
        --type $'echo tstp $?; jobs\r' --type-when 'spindle\$ ' \
        --type $'fg\r' --type-when 'spindle\$ ' \
        --type $'\x03' --type-when '^sh -c .echo' \
        --type $'echo fg $?\r' --type-when 'spindle\$ ' \
        --until '^fg [0-9]+' "$@"
    job_status=$?
    job_log=$(tr -d '\r' < "$work/jobcontrol.log")
    if [ "$job_status" -eq 0 ] && grep -q '^int 130' <<<"$job_log" &&
        grep -q '^tstp 148' <<<"$job_log" && grep -q '^\[1\] + Stopped' <<<"$job_log" &&
        grep -q '^fg 130' <<<"$job_log"; then
        echo "PASS sh_terminal_job_control"
        passed=$((passed + 1))
    else
        echo "FAIL sh_terminal_job_control: status $job_status (log $work/jobcontrol.log)"
        failed=$((failed + 1))
    fi
    for case in tests/sh/cases/*.sh; do
        name=$(basename "$case" .sh)
        tr -d '\r' < "$log" | sed -n "/^=== begin $name\$/,/^=== end $name\$/p" |
            sed '1d;$d' | grep -avE '^\[ *[0-9]+\.[0-9]+\] ' > "$work/$name.got"
    done
fi
for case in tests/sh/cases/*.sh; do
    name=$(basename "$case" .sh)
    if cmp -s "tests/sh/cases/$name.out" "$work/$name.got"; then
        echo "PASS sh_$name"
        passed=$((passed + 1))
    else
        echo "FAIL sh_$name: expected (<) and got (>):"
        diff "tests/sh/cases/$name.out" "$work/$name.got" | head -n 20 | sed 's/^/  /'
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

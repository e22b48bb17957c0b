#!/usr/bin/env bash
# Regenerates tests/sh/cases/*.out with dash, the oracle: each case's standard output
# (standard error is dropped: messages are worded differently) and a last line
# "exit STATUS". Cases whose first line says "expected output written by hand" are kept
# (job control, which dash turns off without a terminal). Needs dash (apt-get install dash).
# The cases run in /tmp with `sh` on PATH meaning dash, as /bin/sh means our shell in Spindle.
set -eu
cd "$(dirname "$0")/cases"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
ln -s "$(command -v dash)" "$bin/sh"
for case in *.sh; do
    if head -n 2 "$case" | grep -q 'written by hand'; then continue; fi
    status=0
    (cd /tmp && PATH="$bin:$PATH" dash "$OLDPWD/$case" 2>/dev/null) > "${case%.sh}.out" || status=$?
    echo "exit $status" >> "${case%.sh}.out"
    echo "regenerated ${case%.sh}.out"
done

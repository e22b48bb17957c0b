# Job control (expected output written by hand: dash turns job control off without a
# terminal, this shell keeps process groups and stop/continue working without one).
# Stops are sent with kill rather than typed Ctrl-Z; the loops poll `jobs` until the
# state changes, so nothing depends on timing.
t=/tmp/jobs.$$
set -m
sh -c 'read a b c d e rest < /proc/$$/stat; [ "$e" = "$$" ] && echo "own process group"'
sh -c 'echo $$ > '$t'.1' | sh -c 'read a b c d e rest < /proc/$$/stat; echo $e > '$t'.2'
[ "$(cat $t.1)" = "$(cat $t.2)" ] && echo "pipeline shares the first process's group"
sleep 100 &
kill -TSTP %1
until jobs > $t; grep -q Stopped $t; do :; done
cat $t
bg %1
jobs
kill %1
wait %1; echo "killed: $?"
jobs
sh -c 'kill -TSTP $$; echo resumed; exit 3'
echo "stopped: $?"
fg %1
echo "fg: $?"
sleep 100 & sleep 100 &
jobs
kill %1 %2
wait; echo "wait: $?"
jobs
set +m
sh -c 'read a b c d e rest < /proc/$$/stat; [ "$e" != "$$" ] && echo "no job control: shell group"'
rm -f $t $t.1 $t.2

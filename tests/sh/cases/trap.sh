# trap: commands on signals and at exit.
trap 'echo "exiting with $?"' EXIT
trap 'echo got USR1' USR1
kill -USR1 $$
echo after
trap - USR1
trap
sh -c 'trap "echo inner exit" EXIT; echo body'
sh -c 'trap "echo term caught; exit 5" TERM; kill -TERM $$; echo not reached'; echo "status $?"
(trap 'echo sub exit' EXIT; echo in sub)
sh -c 'trap "" USR2; kill -USR2 $$; echo ignored USR2'
sh -c 'trap "echo once" EXIT; exit 3'; echo "exit trap kept status $?"
false

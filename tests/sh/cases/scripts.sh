# Scripts: sh file, arguments, #! and the . command.
d=/tmp/shscript.$$
mkdir -p $d
printf '#!/bin/sh\necho "script $# $1 $2"\nexit 4\n' > $d/s
chmod +x $d/s 2>/dev/null
sh $d/s one two; echo "sh status $?"
$d/s three; echo "exec status $?"
printf 'echo "no shebang $1"\n' > $d/plain
chmod +x $d/plain 2>/dev/null
$d/plain arg
printf 'sourced=yes\nsourced_fn() { echo "fn from file"; }\n' > $d/lib
. $d/lib
echo "sourced=$sourced"; sourced_fn
sh -c 'echo "dollar0 $0 $1"' name arg
echo 'echo from stdin $((2+2))' | sh
rm -r $d

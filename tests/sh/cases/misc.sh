# Odds and ends that scripts rely on.
f=/tmp/misc.$$
printf 'one 1\ntwo 2\nthree 3\n' > $f
while read name number; do echo "$number:$name"; done < $f
n=0; while read line; do n=$((n+1)); done < $f; echo "lines $n"
show() {
  cat <<EOT
in function: $1
EOT
}
for w in a b; do show $w; done
x=outer; (x=inner; echo "subshell $x"); echo "after $x"
{ x=group; }; echo "group $x"
echo "$(cd /; pwd)" "$(pwd)" | grep -q '^/ /tmp$' && echo "cd in substitution stays there"
set -- "a b" c
IFS=,; echo "$*"; IFS=' 	
'
echo "${#}" "${1}" "${2}"
v=abcdef; echo "${v#a*c}" "${v%e*}" "${#v}"
i=0; until [ $i -ge 3 ]; do i=$((i+1)); printf '%s ' $i; done; echo
for i in 1 2 3; do for j in a b; do [ $j = b ] && break; printf '%s%s ' $i $j; done; done; echo
echo $(( $(echo 3) + $(echo 4) ))
a=1; b=$a$a; c="$b"x; echo $a $b $c
echo 'semi;colon' "pipe|char" amp\&er
echo "`echo back \`echo nested\``"
echo ${undefined_variable_here:-fallback} ${undefined_variable_here-}
: ${assigned_by_colon:=yes}; echo $assigned_by_colon
case x in *) ;; esac; echo "empty case body $?"
r=$(false) || echo "substitution failed as a command"
printf '%5.2s|%-3d|%c\n' abcdef 7 xyz
echo $((3 > 2 && 2 > 1)) $(( (5) ))
long=""; for i in 1 2 3 4 5 6 7 8 9 10; do long="$long$i"; done; echo $long
rm -f $f

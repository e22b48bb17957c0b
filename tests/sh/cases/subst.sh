# Command substitution and assignments.
x=$(echo hello)
echo "$x"
y=`echo back`
echo $y
echo "$(printf 'trail\n\n\n')|"
echo $(echo a; echo b)
z=$(exit 3); echo "status $?"
n=$(echo $(echo nested))
echo $n
VAR=temp sh -c 'echo "child sees $VAR"'
echo "parent sees [${VAR}]"
export E=exported
sh -c 'echo "env $E"'
A=1 B=2; echo $A$B
unset A; echo "[${A}]"
readonly R=1
echo "R is $R"
eval 'echo eval $B'
cmd='echo built'; $cmd command
echo "$(echo "quotes \"inside\"")"
echo "$(case x in x) echo case-inside;; esac)"
echo $( )empty
echo $(echo "a)b" ')' \))
echo $( (echo subshell) )

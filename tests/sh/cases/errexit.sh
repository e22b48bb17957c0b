# set -e: where a failure ends the script and where it is tested (dash is the oracle).
set -e
{ false; echo "piped group continues"; } | cat
echo "after pipe"
if { false; echo "tested pipe continues"; } | cat; then echo then; fi
while false; do :; done
for i in 1; do false && true; done
echo "after for"
f() { return 1; }
f && echo no
echo "after f"
(exit 0)
f() { false; echo "f continues"; }
f || echo "f failed"
if f; then echo "if f ok"; fi
! false
false | true
true | false || echo "pipeline failed tested"
( false; echo "subshell continues" ) || echo "subshell failed"
x=$(false); echo "assignment from failed substitution is fatal? no"
{ false; echo in-group; } && echo no
echo before
false
echo not reached

# Functions: arguments, return, locals, recursion.
greet() { echo "hello $1 ($#)"; }
greet world extra
count() { echo $#; }
count "a b" c
count
ret() { return $1; }
ret 5; echo "ret $?"
fact() {
  if [ $1 -le 1 ]; then echo 1; return; fi
  local sub=$(fact $(($1 - 1)))
  echo $(($1 * sub))
}
fact 6
v=global
scope() { local v=local; echo "inside $v"; }
scope; echo "outside $v"
args() { for a; do printf '(%s)' "$a"; done; echo; }
args 1 "2 3" '' 4
wrap() { args "$@"; }
wrap x "y z"
set -- outer1 outer2
f() { echo "in f: $1"; }
f inner
echo "back: $1"
early() { for i in 1 2 3; do [ $i = 2 ] && return 9; echo "i=$i"; done; }
early; echo "early $?"
unset -f greet
greet 2>/dev/null || echo "greet gone"

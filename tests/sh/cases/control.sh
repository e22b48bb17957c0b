# if/elif/else, while, until, for, case, break and continue.
for n in 1 2 3 4 5; do
  if [ $n -eq 1 ]; then echo one
  elif [ $n -eq 2 ]; then echo two
  else echo "many $n"; fi
done
i=0
while [ $i -lt 5 ]; do i=$((i + 1)); [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo "while $i"; done
until [ $i -eq 0 ]; do i=$((i - 1)); done; echo "until done $i"
for outer in a b c; do
  for inner in 1 2 3; do
    [ $inner = 2 ] && continue 2
    [ $outer = c ] && break 2
    echo "$outer$inner"
  done
done
for w in apple banana cherry 42 "x y"; do
  case $w in
    a*) echo "$w starts with a" ;;
    *an*) echo "$w has an" ;;
    [0-9]*) echo "$w is a number" ;;
    "x y") echo "quoted pattern" ;;
    *) echo "$w other" ;;
  esac
done
case foo in (f?o|bar) echo paren-ok;; esac
case "*" in \*) echo literal-star;; *) echo wrong;; esac
if false; then :; fi; echo "empty if $?"
x=0; while false; do x=1; done; echo "while none $? $x"
! true; echo "not $?"
true && echo and-ok || echo and-bad
false && echo no || echo or-ok
false || false || echo chain
{ echo grouped; echo lines; } | while read l; do echo "got $l"; done

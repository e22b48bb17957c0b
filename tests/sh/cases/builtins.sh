# Built-ins: test, read, shift, set, cd, command, printf, echo.
[ 1 -lt 2 ] && echo lt
[ abc = abc ] && echo eq
[ abc != abd ] && echo ne
[ -z "" ] && [ -n x ] && echo zn
[ -d / ] && [ ! -f / ] && echo dir
test 3 -ge 3 -a 2 -gt 1 && echo and
test 1 -gt 2 -o 2 -gt 1 && echo or
[ \( 1 -eq 1 \) ] && echo paren
[ ] || echo empty-false
[ x ] && echo nonempty-true
printf '%s-%d-%03d-%x-%5s|%-5s|\n' str 42 7 255 r l
printf '%s\n' a b c
printf 'no newline'; echo
echo -n "dash n"; echo
echo 'esc\tape'
set -- a b c d
shift 2; echo "$@"
set -- "x y" z; echo $#
printf 'line one\nline two\n' | while read -r first rest; do echo "$first|$rest"; done
echo "  lead  trail  " | { read v; echo "[$v]"; }
echo "a:b:c" | { IFS=: read p q; echo "$p $q"; }
cd /tmp && pwd
cd / && pwd
command -v cd
command -v nosuchcommand || echo "not found status $?"
type true
x=5; [ "$x" -eq 5 ] && echo "x is five"

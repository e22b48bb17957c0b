# Pathname expansion.
d=/tmp/shglob.$$
mkdir -p $d/sub
cd $d
: > a.c; : > b.c; : > c.h; : > .hidden; : > sub/x.c
echo *.c
echo *
echo .h*
echo ?.h
echo [ab].c
echo [!a].c
echo sub/*.c
echo */x.c
echo nomatch*
echo "*.c" '*'
set -f; echo *.c; set +f
x='*.h'; echo $x "$x"
cd /; rm -r $d

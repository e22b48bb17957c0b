# The utilities in /bin, as scripts use them; usage errors give a non-zero status.
d=/tmp/utils.$$
mkdir $d && cd $d || exit 1
printf 'alpha\nbeta\ngamma\ndelta\nepsilon\n' > words
wc -l < words; wc -w < words; wc -c < words
head -n 2 words; tail -n 2 words; head -n 1 < words; tail -n 1 < words
grep a words | wc -l
grep -v a words
grep -n '^[bd]' words
grep -c 'l.*a' words
grep -i ALPHA words
grep -q nothing words; echo "grep none: $?"
grep 'e$' words
cp words copy && cat copy | wc -l
mkdir -p sub/deeper && mv copy sub/deeper/moved && ls sub/deeper
cp -r sub sub2 && ls sub2/deeper
rm sub2/deeper/moved && rmdir sub2/deeper sub2 && ls
rm -r sub; ls
printf '#!/bin/sh\necho run\n' > s; chmod +x s; ./s; chmod 644 s; ./s 2>/dev/null || echo "not executable: $?"
env -i A=1 B=2 env
env X=set sh -c 'echo $X'
sleep 0; echo "slept $?"
for cmd in 'mkdir' 'rmdir' 'rm' 'mv one' 'cp one' 'head -n x' 'tail -n x' 'grep' 'sleep' 'sleep x' 'chmod' 'wc -z' 'env -z'; do
  $cmd >/dev/null 2>&1; echo "$cmd: $?"
done
cd /; rm -r $d

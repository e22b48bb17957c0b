# Redirections and pipelines.
d=/tmp/shtest.$$
mkdir -p $d
echo first > $d/f
echo second >> $d/f
cat < $d/f
wc -l < $d/f
echo err 2> $d/e 1>&2
cat $d/e
{ echo out; echo err >&2; } > $d/both 2>&1
cat $d/both
ls /nonexistent-dir 2>/dev/null || echo "ls failed quietly"
exec 3> $d/three
echo "to three" >&3
exec 3>&-
cat $d/three
exec 4< $d/f
read line <&4
echo "read: $line"
exec 4<&-
echo one two three | { read a b; echo "a=$a b=$b"; }
printf 'x\ny\nz\n' | grep y
echo piped | cat | cat | cat
cat <<END
heredoc $((1+1)) ${unset_var:-default} $(echo sub)
  kept
END
cat <<'END'
quoted $d
END
cat <<-END
	stripped tabs
	END
echo hi > $d/x; cat $d/x > $d/y; cat $d/y
true | false; echo "pipe status $?"
false | true; echo "pipe status $?"
echo "a" 1>&2 2>/dev/null | cat 2>/dev/null
rm -r $d

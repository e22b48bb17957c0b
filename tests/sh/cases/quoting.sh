# Quoting: single, double, backslash, and how expansions split.
a='single $HOME "x"'
echo "$a"
echo 'it''s' "a\"b" a\ b \$x "\$x" "\\" '\n'
x="one   two"
echo $x
echo "$x"
printf '<%s>\n' $x "$x" '' ""
empty=
printf '<%s>\n' $empty "$empty"
echo "a"'b'c\d
echo "nested $(echo "inner $x")"
echo ~ | grep -q / && echo tilde-ok
IFS=:
y="p:q::r"
printf '[%s]' $y; echo
IFS=' 	
'
echo "tab	inside"
echo a\
b

# Parameter expansion and special parameters.
set -- alpha "beta gamma" delta
echo "$#" "$1" "$2" "$3"
for a in "$@"; do echo "@:$a"; done
for a in $@; do echo "unquoted:$a"; done
for a in "$*"; do echo "*:$a"; done
shift
echo "after shift: $# $1"
unset v
echo "${v:-default}" "${v-dash}" "${v:+plus}" "[${v}]"
v=
echo "${v:-default}" "[${v-dash}]" "${v:+plus}"
v=value
echo "${v:-default}" "${v:+plus}" "${#v}"
echo "${w:=assigned}" "$w"
path=/usr/local/lib/file.tar.gz
echo "${path##*/}" "${path#*/}" "${path%.*}" "${path%%.*}"
echo "${path#"/usr"}"
false; echo "status $?"
true; echo "status $?"
(exit 7); echo "status $?"
echo "$$" | grep -q '^[0-9][0-9]*$' && echo pid-ok
sleep 0 & 
wait $!
echo "bg status $?"
[ -n "$!" ] && echo bang-ok
echo "${0##*/}" >/dev/null
set --
for a in "$@"; do echo never; done
echo "none: $#"

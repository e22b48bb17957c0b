# getopts and umask.
parse() {
  OPTIND=1
  while getopts ab:c name; do
    case $name in
      a) echo "option a" ;;
      b) echo "option b with $OPTARG" ;;
      c) echo "option c" ;;
      ?) echo "bad option" ;;
    esac
  done
  shift $((OPTIND - 1))
  echo "rest: $* (OPTIND $OPTIND)"
}
parse -a -b value file1 file2
parse -acb inline -- -a tail
parse -x -a
parse plain -a
parse -b
silent() {
  OPTIND=1
  while getopts :b: name; do echo "name=$name OPTARG=$OPTARG"; done
}
silent -z -b
umask 022; umask
umask 077; umask

# Errors keep the shell going; statuses are what POSIX says.
nosuchcommand 2>/dev/null; echo "not found: $?"
/nonexistent/program 2>/dev/null; echo "no path: $?"
cat /nonexistent/file 2>/dev/null; echo "cat: $?"
echo hi > /nonexistent/dir/file 2>/dev/null; echo "redirect: $?"
sh -c 'exit 42'; echo "exit: $?"
sh -c 'if then' 2>/dev/null; echo "syntax: $?"
sh -c 'echo ${x?unset here}' 2>/dev/null; echo "unset: $?"
sh -c 'echo $((1/0))' 2>/dev/null; echo "divide: $?"
sh -c 'set -e; false; echo not reached'; echo "set -e: $?"
sh -c 'set -e; false || true; if false; then :; fi; echo reached'
sh -c 'set -u; echo $undefined' 2>/dev/null; echo "set -u: $?"
sh -c 'f() { return 3; }; f; echo $?'
sh -c 'kill -9 $$'; echo "killed: $?"
sh -c 'exit' ; echo "plain exit: $?"
(false); echo "subshell: $?"
sh -c 'readonly R=1; R=2; echo not reached' 2>/dev/null; echo "readonly: $?"
sh -c 'for i in 1 2; do echo $i; done; if' 2>/dev/null; echo "late syntax error: $?"

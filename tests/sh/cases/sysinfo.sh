# top, free, uptime and ps read /proc (expected output written by hand: the numbers
# change from run to run, so only the shape of the output is checked).
top -n 2 -d 0 | grep -c '^  PID S  %CPU     TIME COMMAND$'
top -n 1 | grep -c "^ *$$ "
top -n 1 | head -n 1 | grep -c '^top - up [0-9]* s, load [0-9.]* [0-9.]* [0-9.]* '
top -x >/dev/null 2>&1; echo "top usage: $?"
free | head -n 1
free | tail -n 1 | grep -c '^Mem: *[0-9][0-9]* *[0-9][0-9]* *[0-9][0-9]*$'
free -m | grep -c MiB
free -x >/dev/null 2>&1; echo "free usage: $?"
uptime | grep -c '^up [0-9]*:[0-9][0-9]:[0-9][0-9], load average: [0-9.]* [0-9.]* [0-9.]*$'
uptime x >/dev/null 2>&1; echo "uptime usage: $?"
ps | head -n 1
ps -j | head -n 1
ps -j | grep -c "^ *[0-9][0-9]* *[0-9][0-9]* *$$ "
ps | grep -c "^ *$$ "
sleep 100 &
kill $!; wait $!; echo "killed sleep: $?"

# The scripted walkthrough of docs/debugging.md ("follow a fork with gdb"), run by
# tests/gdb/run.sh after `target remote`: /bin/demo-fork boots as init; gdb stops in its
# main, then in the copy-on-write fault of the child's first write to the `shared` variable,
# shows the tasks and the page before and after the copy. The ==name== lines let run.sh
# check each part on its own.
set pagination off
set confirm off
source scripts/gdb/spindle.py
sp-user /bin/demo-fork
tbreak main
continue
echo ==main==\n
bt
set $parent = $sp_pid()
break break_cow if $sp_pid() != $parent && ($cr2 >> 12) == ((unsigned long)&shared >> 12)
continue
echo ==sp-ps==\n
sp-ps
echo ==child-before==\n
sp-pte &shared
echo ==parent-before==\n
sp-pte &shared $parent
echo ==finish==\n
up
finish
echo ==child-after==\n
sp-pte &shared
echo ==parent-after==\n
sp-pte &shared $parent
echo ==end==\n
sp-task
sp-runq
sp-ipc
delete
detach

# Spindle's gdb extension: kernel-aware commands (sp-ps, sp-task, sp-vma, sp-pte, sp-runq,
# sp-ipc, sp-user) and convenience functions ($sp_pid, $sp_comm, $sp_task). Loaded by
# scripts/gdb/spindle.py; docs/debugging.md is the guide.
from . import ipc, memory, sched, tasks, user


def register():
    for module in (tasks, memory, sched, ipc, user):
        module.register()

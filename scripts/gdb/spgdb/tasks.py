# sp-ps and sp-task: the tasks of kernel/proc (include/task.h), as ps(1) and /proc/PID/status
# would show them, read straight from the task_structs. Also the convenience functions
# $sp_pid(), $sp_comm() and $sp_task(PID) for breakpoint conditions and expressions.
import gdb

from . import kernel as k

S_IFMT = 0o170000
FILE_TYPES = {0o100000: "regular", 0o040000: "directory", 0o020000: "char-device",
              0o060000: "block-device", 0o010000: "fifo", 0o140000: "socket",
              0o120000: "symlink"}
ACCESS_MODES = {0: "r", 1: "w", 2: "rw"}


def describe_file(file):
    """One line about a struct file: what implements it (its file_operations), the access
    mode, the offset and the inode."""
    inode = file["inode"]
    ops = k.symbol_name(file["ops"])
    mode = int(inode["mode"]) if int(inode) != 0 else 0
    kind = FILE_TYPES.get(mode & S_IFMT, "anonymous")
    text = "%-18s %-2s offset %-6d inode %d (%s" % (ops, ACCESS_MODES.get(int(file["flags"]) & 3,
                                                                   "?"),
                                                     int(file["offset"]),
                                                     int(inode["number"]) if int(inode) else 0,
                                                     kind)
    if kind in ("char-device", "block-device"):
        rdev = int(inode["rdev"])
        text += " %d:%d" % (rdev >> 8, rdev & 0xFF)
    return text + ", size %d) refs %d" % (int(inode["size"]), int(file["refcount"]))


def open_files(task):
    """(fd, struct file *) for every open descriptor of a task."""
    files = task["files"]
    if int(files) == 0:
        return
    table = files["fds"]
    for fd in range(table.type.range()[1] + 1):
        file = table[fd]
        if int(file) != 0:
            yield fd, file


class PsCommand(gdb.Command):
    """List every task: sp-ps

Columns: PID, TGID (the process: getpid()), PPID (the parent's tgid: getppid()), PGID, SID,
ST (R running/runnable, S sleeping, D uninterruptible, T stopped, Z zombie, X dead), CLASS
and NICE (scheduling class and nice value), CPU (* = running on that CPU now; > marks the
CPU gdb has selected), COMM. Kernel threads show their name in [brackets]."""

    def __init__(self):
        super().__init__("sp-ps", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        tasks = list(k.all_tasks())
        running = k.running_tasks()
        selected = k.selected_cpu()
        print("%5s %5s %5s %5s %5s %2s %-6s %4s %-4s %s" % ("PID", "TGID", "PPID", "PGID", "SID",
                                                            "ST", "CLASS", "NICE", "CPU",
                                                            "COMM"))
        for task in tasks:
            address = int(task)
            cpu = ""
            if address in running:
                cpu = "%s%d" % (">" if running[address] == selected else "*",
                                running[address])
            name = k.c_string(task["comm"])
            if int(task["flags"]) & k.PF_KTHREAD:
                name = "[%s]" % name
            print("%5d %5d %5d %5d %5d %2s %-6s %4d %-4s %s" % (
                int(task["pid"]), int(task["tgid"]), k.task_ppid(task), int(task["pgid"]),
                int(task["sid"]), k.task_state_letter(task), k.task_class_name(task),
                int(task["se"]["nice"]), cpu, name))


class TaskCommand(gdb.Command):
    """Show one task in detail: sp-task [PID|NAME]

Identity and family, scheduling state and statistics, kernel stack, signals, the address
space (with its VMAs, as sp-vma) and the open files. Without an argument: the task running
on the selected CPU. `p *$sp_task(PID)` prints the raw task_struct."""

    def __init__(self):
        super().__init__("sp-task", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        task = k.task_from_argument(argument.strip())
        print("task %s at %s" % (k.task_label(task), task))
        parent = task["real_parent"]
        print("  tgid %d  ppid %d  pgid %d  sid %d  flags 0x%x  state %s (0x%x)  exit_state 0x%x"
              % (int(task["tgid"]), k.task_ppid(task), int(task["pgid"]), int(task["sid"]),
                 int(task["flags"]), k.task_state_letter(task), int(task["state"]),
                 int(task["exit_state"])))
        if int(parent) != 0:
            print("  parent: %s" % k.task_label(parent))
        children = [k.task_label(child) for child in
                    k.list_entries(task["children"], "task_struct", "sibling")]
        print("  children: %s" % (", ".join(children) if children else "none"))
        threads = [k.task_label(thread) for thread in
                   k.list_entries(task["thread_group"], "task_struct", "thread_group")]
        if threads:
            print("  other threads: %s" % ", ".join(threads))
        self.show_sched(task)
        print("  kernel stack %s, saved rsp 0x%x, preempt_count %d" % (
            task["stack"], int(task["saved_rsp"]), int(task["preempt_count"])))
        print("  signals: blocked 0x%x, pending 0x%x" % (int(task["blocked"]),
                                                         int(task["pending"]["set"])))
        if int(task["mm"]) != 0:
            from .memory import print_vmas
            print_vmas(task)
        files = list(open_files(task))
        if files:
            print("  open files:")
            for fd, file in files:
                print("    %3d  %s" % (fd, describe_file(file)))

    @staticmethod
    def show_sched(task):
        entity = task["se"]
        fields = k.struct_fields("sched_entity")
        parts = ["class %s" % k.task_class_name(task)]
        for name in ("policy", "nice", "priority", "on_rq", "slice_left", "vruntime",
                     "deadline", "nvcsw", "nivcsw", "sum_runtime_ns"):
            if name in fields:
                parts.append("%s %d" % (name, int(entity[name])))
        print("  sched: " + ", ".join(parts) + ", cpu %d" % int(task["cpu"]))


class PidFunction(gdb.Function):
    """$sp_pid(): the pid of the task running on the selected CPU (0 before the scheduler
    starts). For conditions: break mm_handle_fault if $sp_pid() == 2"""

    def __init__(self):
        super().__init__("sp_pid")

    def invoke(self):
        task = k.current_task()
        return gdb.Value(int(task["pid"]) if task is not None else 0)


class CommFunction(gdb.Function):
    """$sp_comm(): the name of the task running on the selected CPU.
For conditions: break main if $_streq($sp_comm(), "demo-fork")"""

    def __init__(self):
        super().__init__("sp_comm")

    def invoke(self):
        task = k.current_task()
        return gdb.Value(k.c_string(task["comm"]) if task is not None else "")


class TaskFunction(gdb.Function):
    """$sp_task(PID): a pointer to that task's task_struct (p *$sp_task(1))."""

    def __init__(self):
        super().__init__("sp_task")

    def invoke(self, pid):
        task = k.find_task(int(pid))
        if task is None:
            raise k.SpindleError("no task with pid %d" % int(pid))
        return task


def register():
    PsCommand()
    TaskCommand()
    PidFunction()
    CommFunction()
    TaskFunction()

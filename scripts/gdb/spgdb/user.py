# sp-user: load a user program's symbols so gdb can break in and step through user code.
#
# gdb starts with the kernel's symbols only. A user program is a separate ELF file: the
# build keeps it with its debug information in build/user/NAME (/bin/NAME and /sbin/init)
# and build/tests/{user,musl,pie}/NAME (/tests/NAME). Most are static non-PIE executables
# (ET_EXEC), linked at the addresses they run at; a static PIE (ET_DYN) is moved by exec
# (kernel/proc/exec.c: load_bias), and the bias is found from the process's auxiliary vector
# (AT_ENTRY minus the ELF entry point), read from its stack through its page tables.
#
# Every process's user code lives at the same virtual addresses (0x401000...), so a
# breakpoint in user code fires in whichever process runs that address: qualify it with
# `if $_streq($sp_comm(), "NAME")` or `if $sp_pid() == PID`. Only one user program's
# symbols are loaded at a time; sp-user replaces the previous one.
import os
import struct

import gdb

from . import kernel as k

AT_NULL = 0
AT_ENTRY = 9
ET_EXEC, ET_DYN = 2, 3
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
loaded = {"file": None}


def host_file(path):
    """The build output for a path inside the initramfs (scripts/mk/rootfs.mk)."""
    build = os.path.join(REPO, "build")
    name = os.path.basename(path)
    candidates = []
    if path == "/sbin/init":
        candidates.append(os.path.join(build, "user", "init"))
    elif path.startswith("/bin/"):
        candidates.append(os.path.join(build, "user", name))
    elif path.startswith("/tests/"):
        candidates += [os.path.join(build, "tests", folder, name)
                       for folder in ("user", "musl", "pie")]
    candidates.append(os.path.join(build, "rootfs", path.lstrip("/")))
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    raise k.SpindleError("no build output for %s (looked at %s)" % (path, ", ".join(candidates)))


def elf_type_and_entry(file_name):
    with open(file_name, "rb") as elf:
        header = elf.read(32)
    if header[:4] != b"\x7fELF":
        raise k.SpindleError("%s is not an ELF file" % file_name)
    return struct.unpack_from("<H", header, 16)[0], struct.unpack_from("<Q", header, 24)[0]


def exec_path(task):
    """The path the process was exec'd with: exec puts it at the top of the stack, right
    after the environment strings (AT_EXECFN, kernel/proc/exec.c build_stack)."""
    mm = k.task_mm(task)
    path = k.read_user_string(mm, int(mm["env_end"]))
    if not path:
        raise k.SpindleError("cannot read the program path of %s" % k.task_label(task))
    return path


def entry_from_auxv(task):
    """AT_ENTRY from the auxiliary vector above the initial stack pointer."""
    mm = k.task_mm(task)
    sp = int(mm["start_stack"])

    def word(address):
        data = k.read_user(mm, address, 8)
        if data is None:
            raise k.SpindleError("the stack of %s is not readable" % k.task_label(task))
        return struct.unpack("<Q", data)[0]

    argc = word(sp)
    at = sp + 8 * (argc + 2)  # argc, argv[], NULL
    while word(at) != 0:  # envp[]
        at += 8
    at += 8
    for _ in range(64):
        key, value = word(at), word(at + 8)
        if key == AT_NULL:
            break
        if key == AT_ENTRY:
            return value
        at += 16
    raise k.SpindleError("no AT_ENTRY in the auxiliary vector of %s" % k.task_label(task))


def resolve(argument):
    """(task or None, guest path) for a PID, a task name, or a program path."""
    if k.is_pid_argument(argument):
        task = k.find_task(int(gdb.parse_and_eval(argument)))
        if task is None:
            raise k.SpindleError("no task with pid %s (sp-ps lists them)" % argument)
        return task, exec_path(task)
    if "/" in argument:
        if not k.kernel_is_up():
            return None, argument
        for task in k.all_tasks():
            if int(task["mm"]) != 0 and k.c_string(task["comm"]) == os.path.basename(argument)[:15]:
                return task, argument
        return None, argument
    matches = [task for task in k.find_tasks_by_name(argument) if int(task["mm"]) != 0]
    if matches:
        return matches[0], exec_path(matches[0])
    return None, "/bin/" + argument


def load_symbols(file_name, bias):
    confirm = gdb.parameter("confirm")
    gdb.execute("set confirm off")
    try:
        if loaded["file"] is not None:
            gdb.execute("remove-symbol-file %s" % loaded["file"], to_string=True)
            loaded["file"] = None
        option = " -o 0x%x" % bias if bias else ""
        gdb.execute("add-symbol-file %s%s" % (file_name, option), to_string=True)
        loaded["file"] = file_name
    finally:
        gdb.execute("set confirm %s" % ("on" if confirm else "off"))


class UserCommand(gdb.Command):
    """Load a user program's symbols: sp-user PID | NAME | /PATH

PID: the program that process runs (read from its stack) at the address it was loaded at.
NAME: a running process with that name, else /bin/NAME. /PATH: a program of the initramfs
(/bin/demo-fork, /sbin/init, /tests/utest) -- it need not be running yet if it is a
static non-PIE executable, as Spindle's own programs are. The previous user program's
symbols are removed first (every program has its own main at similar addresses).
Then: break main if $_streq($sp_comm(), "demo-fork")"""

    def __init__(self):
        super().__init__("sp-user", gdb.COMMAND_FILES)

    def invoke(self, argument, from_tty):
        argument = argument.strip()
        if not argument:
            raise k.SpindleError("usage: sp-user PID | NAME | /PATH")
        task, path = resolve(argument)
        file_name = host_file(path)
        elf_type, elf_entry = elf_type_and_entry(file_name)
        bias = 0
        if elf_type == ET_DYN:
            if task is None:
                raise k.SpindleError("%s is position independent: its address is chosen at exec;"
                                     " run it, then sp-user PID" % path)
            bias = entry_from_auxv(task) - elf_entry
        elif elf_type != ET_EXEC:
            raise k.SpindleError("%s is neither an executable nor a PIE" % file_name)
        load_symbols(file_name, bias)
        who = " for %s" % k.task_label(task) if task is not None else ""
        print("sp-user: symbols of %s from %s%s, load bias 0x%x"
              % (path, os.path.relpath(file_name, REPO), who, bias))
        print("  user breakpoints fire in any process at that address; to stop only in this"
              " program: break main if $_streq($sp_comm(), \"%s\")"
              % os.path.basename(path)[:15])


def register():
    UserCommand()

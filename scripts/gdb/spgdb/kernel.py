# Reading Spindle's data structures from gdb: tasks, lists, physical memory, page tables,
# struct page reference counts. Every sp-* command builds on these helpers.
#
# Everything is read, never written, and nothing calls kernel functions: the commands work
# wherever the CPU stopped (in user mode, in an interrupt, with a lock held). Physical memory
# is read through the direct map (DIRECT_MAP_BASE + physical address, include/memlayout.h),
# which is present in every address space, so another process's page tables can be walked
# while any address space is active.
import struct

import gdb

DIRECT_MAP_BASE = 0xFFFF888000000000
USER_SPACE_END = 0x0000800000000000
PAGE_SIZE = 4096

# Page-table entry bits (kernel/arch/x86_64/include/arch/paging.h, Intel SDM Vol. 3A 4.5).
PTE_PRESENT = 1 << 0
PTE_WRITE = 1 << 1
PTE_USER = 1 << 2
PTE_HUGE = 1 << 7
PTE_NX = 1 << 63
PTE_ADDRESS_MASK = 0x000FFFFFFFFFF000
PTE_FLAG_NAMES = [(0, "P"), (1, "W"), (2, "U"), (3, "PWT"), (4, "PCD"), (5, "A"), (6, "D"),
                  (7, "PS"), (8, "G"), (63, "NX")]
LEVEL_NAMES = ["PT", "PD", "PDPT", "PML4"]  # index = level - 1

# include/task.h
TASK_DEAD = 0x0080
EXIT_ZOMBIE = 0x0020
EXIT_DEAD = 0x0010
PF_KTHREAD = 0x0001

# include/mm.h
VMA_READ, VMA_WRITE, VMA_EXEC = 0x1, 0x2, 0x4
VMA_STACK, VMA_HEAP, VMA_SHARED = 0x10, 0x20, 0x40


class SpindleError(gdb.GdbError):
    """An error shown to the user as a plain message (no Python traceback)."""


def static(file_name, name):
    """A file-scope static variable, e.g. static('task.c', 'all_tasks')."""
    return gdb.parse_and_eval("'%s'::%s" % (file_name, name))


def pointer_type(struct_name):
    """The type `struct struct_name *` (gdb.lookup_type does not find every struct tag)."""
    return gdb.parse_and_eval("(struct %s *)0" % struct_name).type


def struct_fields(struct_name):
    """The member names of a struct (empty when the struct does not exist)."""
    try:
        return [field.name for field in pointer_type(struct_name).target().fields()]
    except gdb.error:
        return []


def offset_of(struct_name, member_path):
    """Byte offset of a member, which may be nested ('se.run_node')."""
    return int(gdb.parse_and_eval("(unsigned long)&((struct %s *)0)->%s"
                                  % (struct_name, member_path)))


def list_entries(head, struct_name, member_path, limit=100000):
    """The structs linked into the list_head `head` through member_path (list_for_each_entry)."""
    offset = offset_of(struct_name, member_path)
    result_type = pointer_type(struct_name)
    head_address = int(head.address)
    node = head["next"]
    while int(node) != head_address and int(node) != 0 and limit > 0:
        yield gdb.Value(int(node) - offset).cast(result_type)
        node = node["next"]
        limit -= 1


def c_string(array):
    """A char array or char * as a Python string, stopping at the first NUL."""
    try:
        return array.string(errors="replace").split("\0", 1)[0]
    except gdb.error:
        return "?"


def symbol_name(address):
    """The symbol at an address ('pipe_ops'), or a hex string."""
    address = int(address)
    if address == 0:
        return "NULL"
    text = gdb.execute("info symbol 0x%x" % address, to_string=True)
    if text.startswith("No symbol"):
        return "0x%x" % address
    return text.split(" in section")[0].strip()


# --- tasks -----------------------------------------------------------------------------------

def kernel_is_up():
    """Has the boot code turned on paging, so that kernel variables can be read?"""
    try:
        int(static("task.c", "all_tasks")["next"])
        return True
    except gdb.MemoryError:
        return False


def all_tasks():
    """Every task_struct in creation order (the global list in kernel/proc/task.c)."""
    if not kernel_is_up():
        raise SpindleError("kernel memory is not mapped yet (the CPU is still in the boot"
                           " code): continue to kmain first")
    return list_entries(static("task.c", "all_tasks"), "task_struct", "tasks")


def cpu_count():
    cpus = static("percpu.c", "cpu_locals")
    count = 0
    for index in range(cpus.type.range()[1] + 1):
        if int(cpus[index]["self"]) != 0:
            count += 1
    return max(count, 1)


def selected_cpu():
    """The CPU gdb has selected: QEMU shows each virtual CPU as a thread, numbered from 1."""
    thread = gdb.selected_thread()
    return thread.num - 1 if thread is not None else 0


def current_task(cpu=None):
    """The task running on a CPU (its cpu_local.current_task), or None before sched_init."""
    cpu = selected_cpu() if cpu is None else cpu
    try:
        task = static("percpu.c", "cpu_locals")[cpu]["current_task"]
        return task if int(task) != 0 else None
    except gdb.MemoryError:  # still in the boot code: paging is off
        return None


def running_tasks():
    """{task address: cpu} for the task each CPU runs."""
    result = {}
    for cpu in range(cpu_count()):
        task = current_task(cpu)
        if task is not None:
            result[int(task)] = cpu
    return result


def find_task(pid):
    for task in all_tasks():
        if int(task["pid"]) == pid:
            return task
    return None


def find_tasks_by_name(name):
    return [task for task in all_tasks() if c_string(task["comm"]) == name]


def is_pid_argument(argument):
    """A number or a convenience variable ($pid) names a task by pid; anything else by name."""
    return argument.isdigit() or argument.startswith("$")


def task_from_argument(argument, default_current=True):
    """A task named by PID (an expression) or comm; the current task when argument is empty."""
    if not argument:
        if not default_current:
            raise SpindleError("give a PID")
        task = current_task()
        if task is None:
            raise SpindleError("no current task yet (the scheduler has not started)")
        return task
    if not is_pid_argument(argument):
        matches = find_tasks_by_name(argument)
        if not matches:
            raise SpindleError("no task with pid or name %s" % argument)
        return matches[0]
    pid = int(gdb.parse_and_eval(argument))
    task = find_task(pid)
    if task is None:
        raise SpindleError("no task with pid %d (sp-ps lists them)" % pid)
    return task


def task_state_letter(task):
    """ps(1)'s letters: R running/runnable, S sleeping, D uninterruptible, T stopped,
    Z zombie, X dead."""
    exit_state = int(task["exit_state"])
    state = int(task["state"])
    if exit_state & EXIT_ZOMBIE:
        return "Z"
    if exit_state & EXIT_DEAD or state & TASK_DEAD:
        return "X"
    group = task["group"]
    if int(group) != 0 and bool(group["stopped"]) and state != 0:
        return "T"
    return {0: "R", 1: "S", 2: "D", 4: "T"}.get(state, "?")


def task_ppid(task):
    parent = task["real_parent"]
    return int(parent["tgid"]) if int(parent) != 0 else 0


def task_class_name(task):
    """The scheduling class's name ('rr', 'idle', ...) from se.class->name."""
    try:
        sched_class = task["se"]["class"]
        return c_string(sched_class["name"]) if int(sched_class) != 0 else "-"
    except gdb.error:
        return "?"


def task_label(task):
    return "pid %d (%s)" % (int(task["pid"]), c_string(task["comm"]))


# --- physical memory and page tables ---------------------------------------------------------

def read_physical(address, length):
    memory = gdb.selected_inferior().read_memory(DIRECT_MAP_BASE + address, length)
    return bytes(memory)


def read_table(table_address):
    """The 512 entries of a page table page."""
    return struct.unpack("<512Q", read_physical(table_address, PAGE_SIZE))


def table_index(virtual, level):
    return (virtual >> (12 + 9 * (level - 1))) & 0x1FF


def walk(page_table, virtual):
    """The translation of one address, level by level: a list of (level, index, entry,
    table physical address), ending at the leaf or at the first non-present entry."""
    steps = []
    table = page_table
    for level in (4, 3, 2, 1):
        index = table_index(virtual, level)
        entry = read_table(table)[index]
        steps.append((level, index, entry, table))
        if not entry & PTE_PRESENT or level == 1 or entry & PTE_HUGE:
            break
        table = entry & PTE_ADDRESS_MASK
    return steps


def translate(page_table, virtual):
    """(physical address, leaf entry) for a mapped address, or (None, None)."""
    level, _, entry, _ = walk(page_table, virtual)[-1]
    if not entry & PTE_PRESENT:
        return None, None
    page_bytes = 1 << (12 + 9 * (level - 1))
    base = entry & PTE_ADDRESS_MASK & ~(page_bytes - 1)
    return base + (virtual & (page_bytes - 1)), entry


def mapped_pages(page_table, start, end):
    """Yield (virtual, leaf entry) for every present 4 KiB page in [start, end). Reads each
    table page once, so a walk over a big VMA stays fast."""
    def visit(table, level, base):
        span = 1 << (12 + 9 * (level - 1))
        entries = read_table(table)
        first = max(0, (start - base) // span) if start > base else 0
        for index in range(first, 512):
            virtual = base + index * span
            if virtual >= end:
                return
            if virtual + span <= start:
                continue
            entry = entries[index]
            if not entry & PTE_PRESENT:
                continue
            if level == 1:
                yield virtual, entry
            elif entry & PTE_HUGE:
                yield virtual, entry  # a huge user page (Spindle does not make these)
            else:
                yield from visit(entry & PTE_ADDRESS_MASK, level - 1, virtual)
    yield from visit(page_table, 4, 0)


def pte_flags(entry):
    names = [name for bit, name in PTE_FLAG_NAMES if entry & (1 << bit)]
    return " ".join(names) if names else "-"


def frame_info(physical):
    """(refcount, kind name) of the struct page behind a frame, or None outside RAM."""
    frame = physical >> 12
    if frame >= int(static("pmm.c", "allocator")["frame_count"]):
        return None
    page = static("pmm.c", "pages")[frame]
    kind = str(gdb.parse_and_eval("(enum page_kind)%d" % int(page["kind"])))
    return int(page["refcount"]), kind.replace("PAGE_KIND_", "").lower()


def read_user(mm, virtual, length):
    """Bytes of another process's memory, through its own page tables. Pages that are not
    present read as None for the whole request."""
    result = b""
    page_table = int(mm["page_table"])
    while length > 0:
        physical, _ = translate(page_table, virtual)
        if physical is None:
            return None
        chunk = min(length, PAGE_SIZE - (virtual & (PAGE_SIZE - 1)))
        result += read_physical(physical, chunk)
        virtual += chunk
        length -= chunk
    return result


def read_user_string(mm, virtual, limit=4096):
    text = b""
    while len(text) < limit:
        chunk = read_user(mm, virtual + len(text), PAGE_SIZE - ((virtual + len(text)) & 0xFFF))
        if chunk is None:
            return None
        if b"\0" in chunk:
            return (text + chunk.split(b"\0", 1)[0]).decode(errors="replace")
        text += chunk
    return text.decode(errors="replace")


# --- address spaces --------------------------------------------------------------------------

def task_mm(task):
    mm = task["mm"]
    if int(mm) == 0:
        raise SpindleError("%s is a kernel thread: it has no user address space"
                           % task_label(task))
    return mm


def vmas(mm):
    return list_entries(mm["vmas"], "vm_area", "node")


def find_vma(mm, virtual):
    for vma in vmas(mm):
        if int(vma["start"]) <= virtual < int(vma["end"]):
            return vma
    return None


def vma_permissions(vma):
    flags = int(vma["flags"])
    return "".join([("r" if flags & VMA_READ else "-"), ("w" if flags & VMA_WRITE else "-"),
                    ("x" if flags & VMA_EXEC else "-"), ("s" if flags & VMA_SHARED else "p")])


def vma_backing(vma):
    flags = int(vma["flags"])
    if int(vma["shm"]) != 0:
        return "sysv-shm id %d page %d" % (int(vma["shm"]["object"]["id"]),
                                           int(vma["shm_page"]))
    if int(vma["file"]) != 0:
        return "file inode %d page %d" % (int(vma["file"]["number"]), int(vma["file_page"]))
    kinds = [name for bit, name in ((VMA_STACK, "[stack]"), (VMA_HEAP, "[heap]"))
             if flags & bit]
    return "anonymous " + " ".join(kinds) if kinds else "anonymous"


def is_copy_on_write(vma, entry):
    """A present user page is copy-on-write when its VMA is private and writable but the
    page is mapped read-only: the next write faults and kernel/mm/fault.c copies it if
    the frame is shared (refcount > 1) or just makes it writable if not."""
    flags = int(vma["flags"])
    return (bool(entry & PTE_PRESENT) and flags & VMA_WRITE and not flags & VMA_SHARED
            and not entry & PTE_WRITE)

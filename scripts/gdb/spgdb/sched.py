# sp-runq: each CPU's run queue (struct rq, include/sched.h) and the queues of its
# scheduling classes.
#
# The classes change as the scheduler grows (round robin today; fair and real-time classes
# are planned), so nothing here names a class's fields. The command looks at struct rq with
# gdb's type information and shows every member it understands:
#   - a list_head, or an array of them (priority queues): the tasks linked into it through
#     a list_head of struct sched_entity (the one whose name mentions the class, else
#     run_node);
#   - a red-black tree root (a struct whose type name contains "rb_root"): the tasks in key
#     order, linked through the rb_node member of struct sched_entity (the tree's node
#     struct must name its children *left and *right);
#   - integers and booleans (nr_running, min_vruntime, bitmaps): their values.
# It then lists the runnable tasks by class from the task list (se.on_rq), which works
# whatever the queues look like, so the two views can be compared.
import gdb

from . import kernel as k

ENTITY_KEYS = ("vruntime", "deadline", "weight", "priority", "nice", "slice_left")


def is_struct(type_):
    return type_.strip_typedefs().code == gdb.TYPE_CODE_STRUCT


def struct_tag(type_):
    return str(type_.strip_typedefs())


def entity_members(type_code_filter):
    """The sched_entity members whose type name matches the filter ('list_head', 'rb_node')."""
    try:
        fields = k.pointer_type("sched_entity").target().fields()
    except gdb.error:
        return []
    return [field.name for field in fields if type_code_filter in struct_tag(field.type)]


def pick_member(candidates, hint):
    for name in candidates:
        if hint and hint in name:
            return name
    if "run_node" in candidates:
        return "run_node"
    return candidates[0] if candidates else None


def entity_summary(task):
    entity = task["se"]
    fields = k.struct_fields("sched_entity")
    keys = ["%s %d" % (name, int(entity[name])) for name in ENTITY_KEYS if name in fields]
    return "%s [%s] %s" % (k.task_label(task), k.task_class_name(task), ", ".join(keys))


def list_tasks(head, hint):
    member = pick_member(entity_members("list_head"), hint)
    if member is None:
        return None
    return list(k.list_entries(head, "task_struct", "se." + member, limit=10000))


def rb_children(node):
    names = [field.name for field in node.dereference().type.fields()]
    left = next((name for name in names if "left" in name), None)
    right = next((name for name in names if "right" in name), None)
    return left, right


def rb_root_node(root):
    """The root node pointer of a tree root struct: its pointer-to-rb_node member that is not
    a cache of the leftmost node (Linux calls it rb_node, others node or root), looking
    inside a nested root struct (Linux's rb_root_cached)."""
    for field in root.type.strip_typedefs().fields():
        type_ = field.type.strip_typedefs()
        if type_.code == gdb.TYPE_CODE_STRUCT and "rb_root" in struct_tag(type_):
            return rb_root_node(root[field.name])
        if (type_.code == gdb.TYPE_CODE_PTR and "rb_node" in str(type_.target())
                and "left" not in field.name and "cache" not in field.name):
            return root[field.name]
    return None


def rb_tasks(root, hint):
    """In-order walk of a red-black tree of sched_entities."""
    member = pick_member(entity_members("rb_node"), hint)
    node = rb_root_node(root)
    if node is None:
        return None
    if member is None or int(node) == 0:
        return [] if member is not None else None
    left, right = rb_children(node)
    offset = k.offset_of("task_struct", "se." + member)
    result, stack, count = [], [], 0
    while (stack or int(node) != 0) and count < 10000:
        while int(node) != 0:
            stack.append(node)
            node = node[left]
        node = stack.pop()
        result.append(gdb.Value(int(node) - offset).cast(k.pointer_type("task_struct")))
        node = node[right]
        count += 1
    return result


def print_tasks(prefix, tasks):
    if tasks is None:
        print("%s(cannot tell which sched_entity member links this queue)" % prefix)
    elif not tasks:
        print("%sempty" % prefix)
    else:
        for position, task in enumerate(tasks):
            print("%s%d. %s" % (prefix, position + 1, entity_summary(task)))


def show_member(name, value, hint, indent):
    type_ = value.type.strip_typedefs()
    tag = struct_tag(type_)
    if type_.code == gdb.TYPE_CODE_STRUCT and "list_head" in tag:
        print("%s%s (list):" % (indent, name))
        print_tasks(indent + "  ", list_tasks(value, hint))
    elif type_.code == gdb.TYPE_CODE_STRUCT and "rb_root" in tag:
        print("%s%s (red-black tree, leftmost first):" % (indent, name))
        print_tasks(indent + "  ", rb_tasks(value, hint))
    elif type_.code == gdb.TYPE_CODE_STRUCT and "spinlock" not in tag:
        print("%s%s:" % (indent, name))
        for field in type_.fields():
            show_member(field.name, value[field.name], hint or name, indent + "  ")
    elif type_.code == gdb.TYPE_CODE_ARRAY:
        element = type_.target().strip_typedefs()
        low, high = type_.range()
        if element.code == gdb.TYPE_CODE_STRUCT and "list_head" in struct_tag(element):
            busy = [index for index in range(low, high + 1)
                    if int(value[index]["next"]) != int(value[index].address)]
            print("%s%s[%d] (lists; non-empty: %s):" % (indent, name, high + 1,
                                                      busy if busy else "none"))
            for index in busy:
                print_tasks("%s  [%d] " % (indent, index), list_tasks(value[index], hint))
        elif element.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_BOOL):
            words = ["[%d]=0x%x" % (index, int(value[index])) for index in range(low, high + 1)
                     if int(value[index]) != 0]
            print("%s%s: %s" % (indent, name, " ".join(words) if words else "all zero"))
    elif type_.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_BOOL, gdb.TYPE_CODE_ENUM):
        print("%s%s = %s" % (indent, name, value))
    elif type_.code == gdb.TYPE_CODE_PTR and "task_struct" in str(type_.target()):
        print("%s%s = %s" % (indent, name, k.task_label(value) if int(value) else "NULL"))


class RunqCommand(gdb.Command):
    """Show the run queues: sp-runq

For each CPU: the running task, the counters of struct rq, and every scheduling class's
queue found in struct rq (lists, arrays of lists, red-black trees), in order. Then the
runnable tasks grouped by class, taken from the task list (se.on_rq)."""

    def __init__(self):
        super().__init__("sp-runq", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        runqueues = k.static("core.c", "runqueues")
        for cpu in range(k.cpu_count()):
            rq = runqueues[cpu]
            print("cpu %d: struct rq at %s" % (cpu, rq.address))
            for field in rq.type.strip_typedefs().fields():
                if field.name in ("lock", "cpu"):
                    continue
                show_member(field.name, rq[field.name], None, "  ")
        by_class = {}
        for task in k.all_tasks():
            if bool(task["se"]["on_rq"]):
                by_class.setdefault(k.task_class_name(task), []).append(task)
        print("runnable tasks by class (se.on_rq; the running task included):")
        for name, tasks in sorted(by_class.items()):
            print("  %s: %s" % (name, ", ".join(k.task_label(task) for task in tasks)))
        if not by_class:
            print("  none")


def register():
    RunqCommand()

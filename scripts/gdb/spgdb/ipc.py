# sp-ipc: the inter-process communication objects of kernel/ipc and who waits on them.
#
# Pipes, FIFOs and sockets have no global list in the kernel (each lives as long as a file
# points at it), so they are found through every task's open files and shown once each,
# with the descriptors that reach them. The System V objects live in the three id tables
# of kernel/ipc/{shm,msg,sem}.c (include/sysvipc.h). A waiter is a task on one of the
# object's wait queues (include/wait.h) or on its mutex.
import gdb

from . import kernel as k
from .tasks import open_files

SOCKET_STATES = {0: "unconnected", 1: "listening", 2: "connected"}
SOCKET_TYPES = {1: "stream", 2: "dgram", 5: "seqpacket"}


def waiters(queue):
    """The tasks asleep on a wait_queue_head."""
    return [entry["task"] for entry in k.list_entries(queue["waiters"], "wait_queue_entry",
                                                      "node")]


def mutex_waiters(mutex):
    return [entry["task"] for entry in k.list_entries(mutex["waiters"], "mutex_waiter", "node")]


def names(tasks):
    return ", ".join(k.task_label(task) for task in tasks) if tasks else "none"


def collect_files():
    """{object address: (kind, object, ["pid 1 fd 3 (w)", ...])} for pipes and sockets."""
    objects = {}
    for task in k.all_tasks():
        if int(task["files"]) == 0 or int(task["pid"]) != int(task["tgid"]):
            continue  # threads share their leader's table (CLONE_FILES)
        for fd, file in open_files(task):
            ops = k.symbol_name(file["ops"])
            if ops == "pipe_ops":
                kind, target = "pipe", file["inode"]["private"].cast(k.pointer_type("pipe"))
            elif ops == "socket_ops":
                kind, target = "socket", file["private"].cast(k.pointer_type("unix_socket"))
            else:
                continue
            mode = {0: "r", 1: "w", 2: "rw"}.get(int(file["flags"]) & 3, "?")
            entry = objects.setdefault(int(target), (kind, target, []))
            entry[2].append("pid %d fd %d (%s)" % (int(task["pid"]), fd, mode))
    return objects


def show_pipe(pipe, holders):
    print("pipe %s: %d bytes buffered, %d readers, %d writers; open as %s" % (
        pipe, int(pipe["bytes"]), int(pipe["readers"]), int(pipe["writers"]),
        ", ".join(holders)))
    print("    waiting to read: %s; to write: %s; to open (FIFO): %s; on the lock: %s" % (
        names(waiters(pipe["read_wait"])), names(waiters(pipe["write_wait"])),
        names(waiters(pipe["open_wait"])), names(mutex_waiters(pipe["lock"]))))


def show_socket(socket, holders):
    state = SOCKET_STATES.get(int(socket["state"]), str(socket["state"]))
    kind = SOCKET_TYPES.get(int(socket["type"]), str(socket["type"]))
    length = int(socket["address_length"])
    address = k.c_string(socket["address"]["sun_path"]) if length > 2 else "unbound"
    stream = (int(socket["head"]) - int(socket["tail"])) if int(socket["ring"]) else 0
    print("socket %s: unix %s, %s, address %s, peer %s; open as %s" % (
        socket, kind, state, address or "(abstract)",
        socket["peer"] if int(socket["peer"]) else "none", ", ".join(holders)))
    print("    %d stream bytes, %d datagram bytes queued, %d connections waiting for accept;"
          " waiting: %s" % (stream, int(socket["queued_bytes"]), int(socket["backlog_count"]),
                            names(waiters(socket["wait"]))))


def sysv_objects(file_name, table_name, struct_name):
    table = k.static(file_name, table_name)
    slots = table["slots"]
    for index in range(slots.type.range()[1] + 1):
        if int(slots[index]) != 0:
            yield slots[index].cast(k.pointer_type(struct_name))  # the ipc_object is first


def perm_text(object):
    perm = object["object"]["perm"]
    return "id %d key 0x%x mode %o owner %d%s" % (
        int(object["object"]["id"]), int(perm["key"]) & 0xFFFFFFFF, int(perm["mode"]) & 0o777,
        int(perm["uid"]), " (removed)" if bool(object["object"]["removed"]) else "")


def show_sysv():
    found = False
    for segment in sysv_objects("shm.c", "segments", "shm_segment"):
        found = True
        print("shm %s: %d bytes (%d pages), %d attachments, created by pid %d" % (
            perm_text(segment), int(segment["size"]), int(segment["pages"]),
            int(segment["attachments"]), int(segment["creator"])))
    for queue in sysv_objects("msg.c", "queues", "message_queue"):
        found = True
        print("msg %s: %d messages, %d of %d bytes" % (
            perm_text(queue), int(queue["count"]), int(queue["bytes"]), int(queue["capacity"])))
        print("    waiting to send: %s; to receive: %s" % (names(waiters(queue["senders"])),
                                                        names(waiters(queue["receivers"]))))
    for semaphore_set in sysv_objects("sem.c", "sets", "semaphore_set"):
        found = True
        count = int(semaphore_set["count"])
        values = []
        for index in range(min(count, 16)):
            semaphore = semaphore_set["semaphores"][index]
            text = "%d" % int(semaphore["value"])
            increase = int(semaphore["waiting_for_increase"])
            zero = int(semaphore["waiting_for_zero"])
            if increase or zero:
                text += " (semncnt %d, semzcnt %d)" % (increase, zero)
            values.append(text)
        print("sem %s: %d semaphores, values %s%s" % (perm_text(semaphore_set), count,
                                                      ", ".join(values),
                                                      ", ..." if count > 16 else ""))
        print("    waiting: %s" % names(waiters(semaphore_set["changed"])))
    if not found:
        print("no System V objects")


class IpcCommand(gdb.Command):
    """Show IPC objects and their waiters: sp-ipc

Pipes and FIFOs (bytes buffered, reader and writer counts, the descriptors that reach
them), Unix sockets (type, state, address, queued data), System V shared memory, message
queues and semaphore sets; for each, the tasks asleep waiting on it."""

    def __init__(self):
        super().__init__("sp-ipc", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        objects = collect_files()
        for kind, target, holders in objects.values():
            if kind == "pipe":
                show_pipe(target, holders)
            else:
                show_socket(target, holders)
        if not objects:
            print("no pipes or sockets open")
        show_sysv()


def register():
    IpcCommand()

# sp-vma and sp-pte: a process's address space (include/mm.h) and its page tables
# (include/vmm.h), walked from the PML4 in mm->page_table as the MMU would walk them
# (Intel SDM Vol. 3A 4.5), with each frame's reference count from its struct page (pmm.h).
# Copy-on-write is not a page-table bit in Spindle: a private writable VMA whose page is
# mapped read-only is copy-on-write; kernel/mm/fault.c copies the frame on the first write
# when its refcount is above one.
import gdb

from . import kernel as k


def print_vmas(task):
    mm = k.task_mm(task)
    print("  mm %s: PML4 at physical 0x%x, %d users, %d resident pages, %d copy-on-write copies"
          % (mm, int(mm["page_table"]), int(mm["users"]), int(mm["resident_pages"]),
             int(mm["cow_copies"])))
    print("  brk 0x%x..0x%x  stack pointer at exec 0x%x" % (
        int(mm["start_brk"]), int(mm["brk"]), int(mm["start_stack"])))
    print("    %-31s %4s %7s %7s %7s  %s" % ("range", "perm", "pages", "present", "cow",
                                            "backing"))
    page_table = int(mm["page_table"])
    for vma in k.vmas(mm):
        start, end = int(vma["start"]), int(vma["end"])
        present = cow = 0
        for _, entry in k.mapped_pages(page_table, start, end):
            present += 1
            if k.is_copy_on_write(vma, entry):
                cow += 1
        print("    0x%012x-0x%012x %4s %7d %7d %7d  %s" % (
            start, end, k.vma_permissions(vma), (end - start) // k.PAGE_SIZE, present, cow,
            k.vma_backing(vma)))


class VmaCommand(gdb.Command):
    """List a process's memory areas: sp-vma [PID|NAME]

For each VMA: its range, permissions (rwx, p private / s shared), size in pages, how many
pages are present in the page tables, how many of those are copy-on-write (mapped read-only
in a private writable VMA), and what backs it. Without an argument: the current task."""

    def __init__(self):
        super().__init__("sp-vma", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        task = k.task_from_argument(argument.strip())
        k.task_mm(task)
        print("address space of %s" % k.task_label(task))
        print_vmas(task)


class PteCommand(gdb.Command):
    """Walk the page tables for one address: sp-pte [ADDRESS [PID|NAME]]

Shows the entry at each level (PML4, PDPT, PD, PT) with its flags, the frame it maps with
the frame's reference count, the VMA, and the verdict: writable, copy-on-write (and whether
a write will copy the frame or just make it writable again), read-only, or not present.
ADDRESS is any expression (&shared, $rsp, 0x40b000); without one, $cr2 (the last page-fault
address). Without PID: the task running on the selected CPU."""

    def __init__(self):
        super().__init__("sp-pte", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        arguments = gdb.string_to_argv(argument)
        if len(arguments) > 2:
            raise k.SpindleError("usage: sp-pte [ADDRESS [PID|NAME]]")
        address_text = arguments[0] if arguments else "$cr2"
        address = gdb.parse_and_eval(address_text)
        if address.type.strip_typedefs().code == gdb.TYPE_CODE_FUNC:
            address = address.address  # sp-pte kmain: the function's address
        virtual = int(address) & 0xFFFFFFFFFFFFFFFF
        task = k.task_from_argument(arguments[1] if len(arguments) > 1 else "")
        if int(task["mm"]) != 0:
            mm = task["mm"]
            page_table = int(mm["page_table"])
            owner = k.task_label(task)
        elif virtual >= k.USER_SPACE_END:
            mm = None  # a kernel thread: the kernel half is the same in every address space
            page_table = int(k.static("vmm.c", "kernel_pml4"))
            owner = "the kernel's address space"
        else:
            k.task_mm(task)  # a user address in a kernel thread: explain why not
        print("0x%x in %s, PML4 at physical 0x%x" % (virtual, owner, page_table))
        steps = k.walk(page_table, virtual)
        for level, index, entry, table in steps:
            name = "%s[%d]" % (k.LEVEL_NAMES[level - 1], index)
            if not entry & k.PTE_PRESENT:
                print("  %-10s = 0x%016x  not present" % (name, entry))
                break
            target = entry & k.PTE_ADDRESS_MASK
            what = "frame" if level == 1 or entry & k.PTE_HUGE else "table"
            print("  %-10s = 0x%016x  %s 0x%x  %s" % (name, entry, what, target,
                                                     k.pte_flags(entry)))
        level, _, leaf, _ = steps[-1]
        vma = k.find_vma(mm, virtual) if virtual < k.USER_SPACE_END and mm else None
        if vma is not None:
            print("  vma 0x%x-0x%x %s %s" % (int(vma["start"]), int(vma["end"]),
                                             k.vma_permissions(vma), k.vma_backing(vma)))
        elif virtual < k.USER_SPACE_END:
            print("  no VMA covers this address: an access is a segmentation fault")
        if not leaf & k.PTE_PRESENT:
            print("  => not present%s" % (": the first access will fault it in (demand paging)"
                                          if vma is not None else ""))
            return
        frame = leaf & k.PTE_ADDRESS_MASK
        info = k.frame_info(frame)
        if info is None:
            print("  frame 0x%x is outside RAM (device memory)" % frame)
            return
        refcount, kind = info
        print("  frame 0x%x: refcount %d, kind %s" % (frame, refcount, kind))
        if vma is None:
            print("  => %s%s page" % ("writable" if leaf & k.PTE_WRITE else "read-only",
                                      "" if leaf & k.PTE_NX else ", executable"))
        elif k.is_copy_on_write(vma, leaf):
            if refcount > 1:
                print("  => copy-on-write: frame shared by %d mappings; a write copies it"
                      % refcount)
            else:
                print("  => copy-on-write, but this mapping is the frame's only user: a write"
                      " makes it writable again without copying")
        elif leaf & k.PTE_WRITE:
            print("  => writable%s" % (" (shared mapping)" if refcount > 1 else
                                       ", private to this process"))
        else:
            print("  => read-only (the VMA does not allow writes)")


def register():
    VmaCommand()
    PteCommand()

# gdb setup for Spindle, loaded by `make debug` and tests/gdb/run.sh: settings, the
# kernel-aware commands of scripts/gdb/spindle.py (sp-ps, sp-task, sp-vma, sp-pte, sp-runq,
# sp-ipc, sp-user; docs/debugging.md), and a first stop at kmain.
#
# Why hbreak: QEMU starts in real mode and the kernel runs at 0xffffffff80000000 only once
# paging is on. A software breakpoint must be written into memory at that address, which
# does not exist yet; a hardware breakpoint just watches for the address and always works.
# Once kmain runs, plain `break` works for any kernel function.
set disassembly-flavor intel
set print pretty on
set history save on
set history filename build/.gdb_history
source scripts/gdb/spindle.py

hbreak kmain
echo Spindle: hardware breakpoint at kmain. Type `continue` (c) to boot up to it; `apropos sp-` lists the Spindle commands.\n

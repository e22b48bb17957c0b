# gdb setup for Spindle, loaded by `make debug` and tests/gdb/run.sh.
#
# Why hbreak: QEMU starts in real mode and the kernel runs at 0xffffffff80000000 only once
# paging is on. A software breakpoint must be written into memory at that address, which
# does not exist yet; a hardware breakpoint just watches for the address and always works.
# Once kmain runs, plain `break` works for any kernel function.
set disassembly-flavor intel
set print pretty on
set history save on
set history filename build/.gdb_history

hbreak kmain
echo Spindle: hardware breakpoint at kmain. Type `continue` (c) to boot up to it.\n

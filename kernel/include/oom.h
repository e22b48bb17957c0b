/*
 * The out-of-memory killer (kernel/mm/oom.c). Linux's policy in miniature (proc(5)
 * /proc/<pid>/oom_score, "Out of memory: Killed process"): when a user page fault finds no
 * free frame, the process with the most resident pages is sent SIGKILL and named on the
 * console, and the faulting thread tries again once memory comes back.
 */
#ifndef SPINDLE_OOM_H
#define SPINDLE_OOM_H

#include "types.h"

/*
 * Called by a user thread whose page fault failed with -ENOMEM, interrupts enabled.
 * Returns true when the access should be retried (a victim was killed or is still dying;
 * the caller yielded meanwhile), false when nothing can be killed. The caller itself may
 * be the victim: then the pending SIGKILL ends it on its way back to user mode.
 */
bool oom_kill_for_fault(void);

#endif

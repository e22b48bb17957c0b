/*
 * System V shared memory (kernel/ipc/shm.c): segments of page frames that processes attach
 * into their address spaces with shmat(2). The VMA of an attachment points at its segment;
 * these hooks keep the attachment count (shm_nattch) exact as VMAs are split, copied by
 * fork and freed by munmap, shmdt, exec and exit.
 */
#ifndef SPINDLE_SHM_H
#define SPINDLE_SHM_H

#include "types.h"

struct shm_segment;

void shm_vma_open(struct shm_segment *segment);
/* May free a segment removed with IPC_RMID; may sleep. */
void shm_vma_close(struct shm_segment *segment);
/* The frame behind page `index` of the segment. */
phys_addr_t shm_frame(struct shm_segment *segment, size_t index);

#endif

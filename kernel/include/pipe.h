/*
 * Pipes (kernel/ipc/pipe.c), as pipe(7) describes them: a one-way byte channel with a
 * 64 KiB buffer. A reader of an empty pipe sleeps, a writer of a full pipe sleeps -- the
 * faster side always ends up waiting for the slower one. Writes of up to PIPE_BUF bytes are
 * atomic: never interleaved with other writers' data.
 */
#ifndef SPINDLE_PIPE_H
#define SPINDLE_PIPE_H

#include "types.h"

#define PIPE_CAPACITY 65536 /* Linux's default pipe size */
#define PIPE_BUF      4096  /* the atomic-write limit (limits.h) */

struct file;
struct pipe;

/* A pipe object without files (a FIFO inode keeps one); pipe_free releases it. */
struct pipe *pipe_alloc(void);
void pipe_free(struct pipe *pipe);
/* The file operations of a FIFO inode (mkfifo): pipe I/O, fifo(7) open rules. */
extern const struct file_operations fifo_file_ops;

/* Create a pipe: the read end in *reader, the write end in *writer. 0 or -ENOMEM. */
int pipe_create(struct file **reader, struct file **writer, unsigned flags);
/* Live pipes, for leak checks. */
size_t pipe_count(void);

#endif

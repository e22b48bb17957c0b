/*
 * Completions (kernel/sched/completion.c): "wait until that is done". A counter of
 * completions not yet consumed plus a wait queue. complete() wakes exactly one waiter,
 * complete_all() all of them, now and in the future.
 */
#ifndef SPINDLE_COMPLETION_H
#define SPINDLE_COMPLETION_H

#include "wait.h"

struct completion {
	unsigned done; /* protected by wait.lock; COMPLETION_ALL after complete_all() */
	struct wait_queue_head wait;
};

#define COMPLETION_ALL 0xffffffffu

void completion_init(struct completion *completion, const char *name);
void wait_for_completion(struct completion *completion);
void complete(struct completion *completion);
void complete_all(struct completion *completion);
bool completion_is_done(struct completion *completion);

#endif

/*
 * Error pointers, as in Linux: a function returning a pointer can return -errno encoded in
 * the top 4095 addresses, which are never valid kernel objects.
 *   struct task_struct *task = kthread_create(...);
 *   if (IS_ERR(task)) return PTR_ERR(task);
 */
#ifndef SPINDLE_ERR_H
#define SPINDLE_ERR_H

#include "compiler.h"

#define MAX_ERRNO 4095

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *pointer)
{
	return (long)pointer;
}

static inline bool IS_ERR(const void *pointer)
{
	return unlikely((uintptr_t)pointer >= (uintptr_t)-MAX_ERRNO);
}

#endif

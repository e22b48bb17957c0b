/*
 * Intrusive doubly linked lists, Linux style: a struct list_head lives inside the object and
 * container_of() gets from the node back to the object. An empty list points at itself.
 * No locking here: the caller holds whatever lock protects the list.
 */
#ifndef SPINDLE_LIST_H
#define SPINDLE_LIST_H

#include "compiler.h"

struct list_head {
	struct list_head *next;
	struct list_head *prev;
};

#define LIST_HEAD_INIT(name)                                                                       \
	{                                                                                          \
		&(name), &(name)                                                                   \
	}
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void list_init(struct list_head *head)
{
	head->next = head;
	head->prev = head;
}

static inline void list_insert_between(struct list_head *node, struct list_head *prev,
				       struct list_head *next)
{
	next->prev = node;
	node->next = next;
	node->prev = prev;
	prev->next = node;
}

/* Insert node right after head (stack order). */
static inline void list_add(struct list_head *node, struct list_head *head)
{
	list_insert_between(node, head, head->next);
}

/* Insert node right before head, that is at the tail (queue order). */
static inline void list_add_tail(struct list_head *node, struct list_head *head)
{
	list_insert_between(node, head->prev, head);
}

/* Unlink node and leave it pointing at itself, so list_is_empty(node) is true afterwards. */
static inline void list_del(struct list_head *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	list_init(node);
}

static inline bool list_is_empty(const struct list_head *head)
{
	return head->next == head;
}

static inline size_t list_length(const struct list_head *head)
{
	size_t count = 0;
	for (const struct list_head *node = head->next; node != head; node = node->next)
		count++;
	return count;
}

#define list_entry(node, type, member)	     container_of(node, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

#define list_for_each(node, head) for (node = (head)->next; node != (head); node = node->next)

#define list_for_each_entry(pos, head, member)                                                     \
	for (pos = list_entry((head)->next, typeof(*pos), member); &pos->member != (head);         \
	     pos = list_entry(pos->member.next, typeof(*pos), member))

/* Go on from pos (exclusive) to the end of the list. */
#define list_for_each_entry_continue(pos, head, member)                                            \
	for (pos = list_entry(pos->member.next, typeof(*pos), member); &pos->member != (head);     \
	     pos = list_entry(pos->member.next, typeof(*pos), member))

#define list_for_each_entry_reverse(pos, head, member)                                             \
	for (pos = list_entry((head)->prev, typeof(*pos), member); &pos->member != (head);         \
	     pos = list_entry(pos->member.prev, typeof(*pos), member))

#define list_for_each_entry_safe(pos, tmp, head, member)                                           \
	for (pos = list_entry((head)->next, typeof(*pos), member),                                 \
	    tmp = list_entry(pos->member.next, typeof(*pos), member);                              \
	     &pos->member != (head);                                                               \
	     pos = tmp, tmp = list_entry(tmp->member.next, typeof(*tmp), member))

#endif

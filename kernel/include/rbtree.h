/*
 * An intrusive red-black tree (CLRS, "Introduction to Algorithms", chapter 13): the node
 * lives inside the object it orders, so inserting never allocates. The caller decides the
 * order with a `less` function; equal keys go to the right of the ones already there, so
 * among equals the oldest comes first. The root also remembers its leftmost node, which
 * makes "the smallest" O(1); insert and erase are O(log n).
 * Pure code, tested on the host (tests/host/test_rbtree.c). No locking: the owner
 * serialises access (the fair class holds rq->lock).
 */
#ifndef SPINDLE_RBTREE_H
#define SPINDLE_RBTREE_H

#include "types.h"

struct rb_node {
	struct rb_node *parent;
	struct rb_node *left;
	struct rb_node *right;
	bool red;
};

struct rb_root {
	struct rb_node *node;	  /* the root, or NULL when the tree is empty */
	struct rb_node *leftmost; /* the smallest node, or NULL */
};

#define RB_ROOT_INIT ((struct rb_root){NULL, NULL})

typedef bool (*rb_less_t)(const struct rb_node *a, const struct rb_node *b);

/* Add node (not in any tree) at the place `less` gives it. */
void rb_insert(struct rb_root *root, struct rb_node *node, rb_less_t less);
/* Remove node, which must be in this tree. */
void rb_erase(struct rb_root *root, struct rb_node *node);
/* The next node in order, or NULL after the last. */
struct rb_node *rb_next(const struct rb_node *node);

static inline struct rb_node *rb_first(const struct rb_root *root)
{
	return root->leftmost;
}

static inline bool rb_is_empty(const struct rb_root *root)
{
	return root->node == NULL;
}

#endif

/*
 * The red-black tree (include/rbtree.h), after CLRS chapter 13 with NULL for the black
 * leaves. The invariants the host test checks after every change:
 *  1. the root is black;  2. a red node has no red child;
 *  3. every path from a node down to a NULL leaf passes the same number of black nodes.
 * Together they keep the height below 2 log2(n + 1). Insert adds a red node and repairs
 * rule 2 upwards; erase may take a black node out of one path and repairs rule 3.
 */
#include "rbtree.h"

static bool is_red(const struct rb_node *node)
{
	return node && node->red;
}

/* Make `new` take old's place under parent (or as the root). */
static void replace_child(struct rb_root *root, struct rb_node *parent, struct rb_node *old,
			  struct rb_node *new)
{
	if (!parent)
		root->node = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
}

/*    x              y
 *   / \            / \
 *  a   y   ==>    x   c
 *     / \        / \
 *    b   c      a   b      */
static void rotate_left(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->right;
	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	y->parent = x->parent;
	replace_child(root, x->parent, x, y);
	y->left = x;
	x->parent = y;
}

static void rotate_right(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->left;
	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	y->parent = x->parent;
	replace_child(root, x->parent, x, y);
	y->right = x;
	x->parent = y;
}

static void insert_fixup(struct rb_root *root, struct rb_node *node)
{
	struct rb_node *parent;
	while ((parent = node->parent) && parent->red) {
		struct rb_node *grandparent =
			parent->parent; /* exists: a red node is not the root */
		bool parent_is_left = parent == grandparent->left;
		struct rb_node *uncle = parent_is_left ? grandparent->right : grandparent->left;
		if (is_red(uncle)) { /* recolour and look again two levels up */
			parent->red = false;
			uncle->red = false;
			grandparent->red = true;
			node = grandparent;
			continue;
		}
		if (parent_is_left) {
			if (node == parent->right) { /* bend the zig-zag into a straight line */
				node = parent;
				rotate_left(root, node);
				parent = node->parent;
			}
			parent->red = false;
			grandparent->red = true;
			rotate_right(root, grandparent);
		} else {
			if (node == parent->left) {
				node = parent;
				rotate_right(root, node);
				parent = node->parent;
			}
			parent->red = false;
			grandparent->red = true;
			rotate_left(root, grandparent);
		}
	}
	root->node->red = false;
}

void rb_insert(struct rb_root *root, struct rb_node *node, rb_less_t less)
{
	struct rb_node **link = &root->node, *parent = NULL;
	bool leftmost = true;
	while (*link) {
		parent = *link;
		if (less(node, parent)) {
			link = &parent->left;
		} else {
			link = &parent->right;
			leftmost = false;
		}
	}
	node->parent = parent;
	node->left = node->right = NULL;
	node->red = true;
	*link = node;
	if (leftmost)
		root->leftmost = node;
	insert_fixup(root, node);
}

struct rb_node *rb_next(const struct rb_node *node)
{
	if (node->right) {
		node = node->right;
		while (node->left)
			node = node->left;
		return (struct rb_node *)node;
	}
	while (node->parent && node == node->parent->right)
		node = node->parent;
	return node->parent;
}

/* Put v (possibly NULL) where u is. */
static void transplant(struct rb_root *root, struct rb_node *u, struct rb_node *v)
{
	replace_child(root, u->parent, u, v);
	if (v)
		v->parent = u->parent;
}

/* One black node is missing on every path through x (NULL counts), whose parent is parent. */
static void erase_fixup(struct rb_root *root, struct rb_node *x, struct rb_node *parent)
{
	while (x != root->node && !is_red(x)) {
		if (x == parent->left) {
			struct rb_node *sibling = parent->right;
			if (sibling->red) {
				sibling->red = false;
				parent->red = true;
				rotate_left(root, parent);
				sibling = parent->right;
			}
			if (!is_red(sibling->left) && !is_red(sibling->right)) {
				sibling->red = true;
				x = parent;
				parent = x->parent;
				continue;
			}
			if (!is_red(sibling->right)) {
				sibling->left->red = false;
				sibling->red = true;
				rotate_right(root, sibling);
				sibling = parent->right;
			}
			sibling->red = parent->red;
			parent->red = false;
			sibling->right->red = false;
			rotate_left(root, parent);
		} else {
			struct rb_node *sibling = parent->left;
			if (sibling->red) {
				sibling->red = false;
				parent->red = true;
				rotate_right(root, parent);
				sibling = parent->left;
			}
			if (!is_red(sibling->left) && !is_red(sibling->right)) {
				sibling->red = true;
				x = parent;
				parent = x->parent;
				continue;
			}
			if (!is_red(sibling->left)) {
				sibling->right->red = false;
				sibling->red = true;
				rotate_left(root, sibling);
				sibling = parent->left;
			}
			sibling->red = parent->red;
			parent->red = false;
			sibling->left->red = false;
			rotate_right(root, parent);
		}
		x = root->node;
	}
	if (x)
		x->red = false;
}

void rb_erase(struct rb_root *root, struct rb_node *node)
{
	struct rb_node *x, *x_parent;
	bool removed_red = node->red;

	if (root->leftmost == node)
		root->leftmost = rb_next(node);
	if (!node->left) {
		x = node->right;
		x_parent = node->parent;
		transplant(root, node, node->right);
	} else if (!node->right) {
		x = node->left;
		x_parent = node->parent;
		transplant(root, node, node->left);
	} else {
		/* Two children: the successor (leftmost of the right subtree) takes node's place.
		 */
		struct rb_node *successor = node->right;
		while (successor->left)
			successor = successor->left;
		removed_red = successor->red;
		x = successor->right;
		if (successor->parent == node) {
			x_parent = successor;
		} else {
			x_parent = successor->parent;
			transplant(root, successor, successor->right);
			successor->right = node->right;
			successor->right->parent = successor;
		}
		transplant(root, node, successor);
		successor->left = node->left;
		successor->left->parent = successor;
		successor->red = node->red;
	}
	if (!removed_red)
		erase_fixup(root, x, x_parent);
	node->parent = node->left = node->right = NULL;
}

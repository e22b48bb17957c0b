/* The red-black tree (kernel/lib/rbtree.c): random inserts and erases against a sorted
 * model, checking the three colour rules, the parent links and the leftmost cache each time. */
#include <stdlib.h>
#include "harness.h"
#include "rbtree.h"

#define NODES 600

struct item {
	struct rb_node node;
	int key;
	int serial; /* insertion order, to check that equal keys stay oldest first */
	bool in_tree;
};

static bool item_less(const struct rb_node *a, const struct rb_node *b)
{
	return ((const struct item *)a)->key < ((const struct item *)b)->key;
}

/* Returns the black height of the subtree, or -1 when a rule is broken. */
static int check_subtree(const struct rb_node *node, const struct rb_node *parent)
{
	if (!node)
		return 1;
	if (node->parent != parent)
		return -1;
	if (node->red && ((node->left && node->left->red) || (node->right && node->right->red)))
		return -1;
	int left = check_subtree(node->left, node), right = check_subtree(node->right, node);
	if (left < 0 || right < 0 || left != right)
		return -1;
	return left + !node->red;
}

static bool tree_is_valid(const struct rb_root *root, size_t expected_count)
{
	if (root->node && root->node->red)
		return false;
	if (check_subtree(root->node, NULL) < 0)
		return false;
	const struct rb_node *first = root->node;
	while (first && first->left)
		first = first->left;
	if (first != root->leftmost)
		return false;
	size_t count = 0;
	const struct item *previous = NULL;
	for (const struct rb_node *node = rb_first(root); node; node = rb_next(node), count++) {
		const struct item *item = (const struct item *)node;
		if (previous && (previous->key > item->key ||
				 (previous->key == item->key && previous->serial > item->serial)))
			return false;
		previous = item;
	}
	return count == expected_count;
}

HOST_TEST(rbtree_random_inserts_and_erases_keep_the_rules)
{
	static struct item items[NODES];
	struct rb_root root = RB_ROOT_INIT;
	size_t count = 0, broken = 0;
	int serial = 0;
	srand(11);
	for (int round = 0; round < 6000; round++) {
		struct item *item = &items[rand() % NODES];
		if (item->in_tree) {
			rb_erase(&root, &item->node);
			item->in_tree = false;
			count--;
		} else {
			item->key = rand() % 50; /* many equal keys */
			item->serial = serial++;
			rb_insert(&root, &item->node, item_less);
			item->in_tree = true;
			count++;
		}
		broken += !tree_is_valid(&root, count);
	}
	CHECK_EQ(broken, 0);
	while (!rb_is_empty(&root)) { /* drain from the smallest, as the fair class does */
		struct rb_node *first = rb_first(&root);
		rb_erase(&root, first);
		count--;
		broken += !tree_is_valid(&root, count);
	}
	CHECK_EQ(broken, 0);
	CHECK(root.leftmost == NULL);
}

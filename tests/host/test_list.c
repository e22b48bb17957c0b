/* Intrusive lists (kernel/include/list.h). */
#include "harness.h"
#include "list.h"

struct item {
	int value;
	struct list_head node;
};

HOST_TEST(list_order_and_removal)
{
	struct item items[5];
	struct item *item, *next;
	LIST_HEAD(queue);
	LIST_HEAD(stack);

	CHECK(list_is_empty(&queue));
	for (int i = 0; i < 5; i++) {
		items[i].value = i;
		list_add_tail(&items[i].node, &queue);
	}
	int expected = 0, errors = 0;
	list_for_each_entry (item, &queue, node)
		errors += item->value != expected++;
	CHECK_EQ(errors, 0);
	CHECK_EQ(list_length(&queue), 5);

	list_for_each_entry_safe (item, next, &queue, node) {
		if (item->value % 2 == 0) {
			list_del(&item->node);
			list_add(&item->node, &stack);
		}
	}
	CHECK_EQ(list_length(&queue), 2);
	CHECK_EQ(list_length(&stack), 3);
	CHECK_EQ(list_first_entry(&stack, struct item, node)->value, 4);
	CHECK_EQ(list_first_entry(&queue, struct item, node)->value, 1);
}

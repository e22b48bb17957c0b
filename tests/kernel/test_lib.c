/*
 * Library code inside the kernel: formatting, the command line, symbol lookup. (The same
 * pure code is tested more thoroughly on the host, tests/host/.)
 */
#include "cmdline.h"
#include "format.h"
#include "ksyms.h"
#include "ktest.h"
#include "list.h"
#include "string.h"

KTEST(lib_snprintf)
{
	char buffer[64];
	KTEST_EXPECT_EQ(
		t, snprintf(buffer, sizeof(buffer), "%d|%5s|%-4x|%lu", -42, "ab", 0xbe, 7ul), 16);
	KTEST_EXPECT(t, strcmp(buffer, "-42|   ab|be  |7") == 0);
	KTEST_EXPECT_EQ(t, snprintf(buffer, 4, "%s", "truncated"), 9);
	KTEST_EXPECT(t, strcmp(buffer, "tru") == 0);
}

KTEST(lib_ksyms_names_functions)
{
	uint64_t offset = 99;
	virt_addr_t address = ksyms_address_of("kmain");
	KTEST_EXPECT(t, address != 0);
	const char *name = ksyms_lookup(address + 5, &offset);
	KTEST_EXPECT(t, name && strcmp(name, "kmain") == 0);
	KTEST_EXPECT_EQ(t, offset, 5);
	KTEST_EXPECT(t, ksyms_lookup(0x1234, &offset) == NULL);
	char text[64];
	KTEST_EXPECT(t, strcmp(ksyms_format((virt_addr_t)ktest_lib_ksyms_names_functions, text,
					    sizeof(text)),
			       "ktest_lib_ksyms_names_functions+0x0") == 0);
}

KTEST(lib_list)
{
	struct item {
		int value;
		struct list_head node;
	} items[3] = {{1, {0}}, {2, {0}}, {3, {0}}};
	LIST_HEAD(head);
	struct item *item;
	int sum = 0, order = 0;

	for (int i = 0; i < 3; i++)
		list_add_tail(&items[i].node, &head);
	list_for_each_entry (item, &head, node) {
		sum += item->value;
		order = order * 10 + item->value;
	}
	KTEST_EXPECT_EQ(t, sum, 6);
	KTEST_EXPECT_EQ(t, order, 123);
	list_del(&items[1].node);
	KTEST_EXPECT_EQ(t, list_length(&head), 2);
	KTEST_EXPECT(t, list_is_empty(&items[1].node));
}

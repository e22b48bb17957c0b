/*
 * Host unit-test runner: runs every registered HOST_TEST (see harness.h).
 */
#include <stdlib.h>
#include "harness.h"

#define MAX_TESTS 256

static struct {
	const char *name;
	void (*run)(struct host_test_context *t);
} tests[MAX_TESTS];
static int test_count;

void host_test_register(const char *name, void (*run)(struct host_test_context *t))
{
	if (test_count == MAX_TESTS) {
		fprintf(stderr, "too many host tests\n");
		exit(2);
	}
	tests[test_count].name = name;
	tests[test_count].run = run;
	test_count++;
}

int main(void)
{
	int passed = 0, failed = 0;
	for (int i = 0; i < test_count; i++) {
		struct host_test_context context = {0};
		tests[i].run(&context);
		printf("%s %s\n", context.failures ? "FAIL" : "PASS", tests[i].name);
		if (context.failures)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

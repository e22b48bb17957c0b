/*
 * utest: runs every user-space test (the files named *_test.c here, see utest.h), each in its own
 * process. Run as init (`init=/tests/utest`) it is the user-space stage of `make test`;
 * from the shell it works too. An argument selects tests whose names start with it.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

#define MAX_TESTS 256

static struct utest tests[MAX_TESTS];
static int test_count;
int utest_failures;

void utest_register(const char *name, void (*run)(void))
{
	if (test_count < MAX_TESTS)
		tests[test_count++] = (struct utest){name, run};
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	const char *filter = argc > 1 ? argv[1] : "";
	for (int i = 0; i < test_count; i++) {
		if (strncmp(tests[i].name, filter, strlen(filter)) != 0)
			continue;
		fflush(stdout);
		pid_t child = fork();
		if (child == 0) {
			tests[i].run();
			fflush(stdout);
			_exit(utest_failures ? 1 : 0);
		}
		int status = 0;
		if (child < 0 || waitpid(child, &status, 0) != child) {
			printf("  cannot run %s: %s\n", tests[i].name, strerror(errno));
			status = -1;
		}
		if (status == 0) {
			printf("PASS %s\n", tests[i].name);
			passed++;
		} else {
			if (status > 0 && WIFSIGNALED(status))
				printf("  %s was killed by signal %d\n", tests[i].name,
				       WTERMSIG(status));
			printf("FAIL %s\n", tests[i].name);
			failed++;
		}
	}
	/* As pid 1 we also adopt orphans: collect them all so nothing is left behind. */
	while (wait(NULL) > 0)
		;
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

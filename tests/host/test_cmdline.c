/* Kernel command-line parsing (kernel/init/cmdline.c). */
#include <string.h>
#include "cmdline.h"
#include "harness.h"

HOST_TEST(cmdline_words_and_values)
{
	cmdline_init("  test  loglevel=7 init=\"/bin/sh -x\" panic=exit empty= quiet");
	CHECK(cmdline_has("test"));
	CHECK(cmdline_has("quiet"));
	CHECK(cmdline_has("loglevel"));
	CHECK(!cmdline_has("tes"));
	CHECK(!cmdline_has("log"));
	CHECK(cmdline_get("test") == NULL);
	CHECK(strcmp(cmdline_get("loglevel"), "7") == 0);
	CHECK(strcmp(cmdline_get("init"), "/bin/sh -x") == 0);
	CHECK(strcmp(cmdline_get("empty"), "") == 0);
	CHECK(cmdline_get("missing") == NULL);
	CHECK_EQ(cmdline_get_int("loglevel", 3), 7);
	CHECK_EQ(cmdline_get_int("panic", 3), 3);
	CHECK_EQ(cmdline_get_int("missing", -2), (unsigned long long)-2);
	CHECK(strcmp(cmdline_text(),
		     "  test  loglevel=7 init=\"/bin/sh -x\" panic=exit empty= quiet") == 0);
}

HOST_TEST(cmdline_empty_and_negative)
{
	cmdline_init(NULL);
	CHECK(!cmdline_has("test"));
	cmdline_init("n=-12 bad=12x");
	CHECK_EQ(cmdline_get_int("n", 0), (unsigned long long)-12);
	CHECK_EQ(cmdline_get_int("bad", 5), 5);
}

HOST_TEST(cmdline_init_arguments)
{
	const char *argv[CMDLINE_MAX_INIT_ARGS + 1];
	cmdline_init("loglevel=3 init=/bin/cat /proc/uptime panic=exit -n");
	CHECK_EQ(cmdline_init_argv(argv, CMDLINE_MAX_INIT_ARGS), 3);
	CHECK(strcmp(argv[0], "/bin/cat") == 0);
	CHECK(strcmp(argv[1], "/proc/uptime") == 0);
	CHECK(strcmp(argv[2], "-n") == 0);
	CHECK(argv[3] == NULL);
	cmdline_init("init=\"/sbin/init /bin/ls\" test");
	CHECK_EQ(cmdline_init_argv(argv, CMDLINE_MAX_INIT_ARGS), 2);
	CHECK(strcmp(argv[1], "/bin/ls") == 0);
	cmdline_init("quiet");
	CHECK_EQ(cmdline_init_argv(argv, CMDLINE_MAX_INIT_ARGS), 0);
}

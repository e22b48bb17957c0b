/* uname: print system information (man 1 uname; -a prints everything). */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname name;
	if (uname(&name) != 0) {
		perror("uname");
		return 1;
	}
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-a") != 0)) {
		fprintf(stderr, "usage: uname [-a]\n");
		return 1;
	}
	if (argc > 1)
		printf("%s %s %s %s %s\n", name.sysname, name.nodename, name.release, name.version,
		       name.machine);
	else
		printf("%s\n", name.sysname);
	return 0;
}

/* echo: print the arguments separated by spaces (man 1 echo; -n omits the newline). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int first = 1;
	int newline = 1;
	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		first = 2;
	}
	for (int i = first; i < argc; i++)
		printf("%s%s", i > first ? " " : "", argv[i]);
	if (newline)
		putchar('\n');
	return 0;
}

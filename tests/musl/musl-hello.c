/* A static musl hello world: the smallest unmodified Linux program Spindle must run. */
#include <stdio.h>

int main(void)
{
	printf("hello from a static musl binary\n");
	return 0;
}

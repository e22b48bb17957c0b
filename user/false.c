/* false: exit unsuccessfully (man 1 false). */
int main(void)
{
	return 1;
}

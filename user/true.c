/* true: exit successfully (man 1 true). */
int main(void)
{
	return 0;
}

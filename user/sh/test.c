/*
 * test and [ (XCU test(1p)): file tests (-e -f -d -r -w -x -s -L -h -p -S -b -c -u -g -t),
 * string tests (-n -z = != < >), integer comparisons (-eq -ne -lt -le -gt -ge), file
 * comparisons (-nt -ot -ef) and the combinations ! ( ) -a -o, by recursive descent with
 * -o binding looser than -a. A binary operator in second position wins over a leading
 * `!` or `(`, which gives POSIX's answers for the three-argument forms. Status 0 true,
 * 1 false, 2 error.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

struct test {
	char **argv;
	int position, count;
	bool error;
};

static bool or_expression(struct test *t);

static const char *const binary_operators[] = {"=",   "!=",  "<",   ">",   "-eq", "-ne", "-lt",
					       "-le", "-gt", "-ge", "-nt", "-ot", "-ef", NULL};

static bool is_binary(const char *word)
{
	for (int i = 0; binary_operators[i]; i++)
		if (strcmp(word, binary_operators[i]) == 0)
			return true;
	return false;
}

static long integer(struct test *t, const char *text)
{
	char *end;
	while (*text == ' ' || *text == '\t')
		text++;
	long value = strtol(text, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!*text || *end) {
		sh_error("test: %s: bad number", text);
		t->error = true;
	}
	return value;
}

static bool binary(struct test *t, const char *left, const char *op, const char *right)
{
	struct stat a, b;
	if (strcmp(op, "=") == 0)
		return strcmp(left, right) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(left, right) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(left, right) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(left, right) > 0;
	if (op[1] == 'n' && op[2] == 't')
		return stat(left, &a) == 0 && (stat(right, &b) != 0 || a.st_mtime > b.st_mtime);
	if (op[1] == 'o' && op[2] == 't')
		return stat(right, &b) == 0 && (stat(left, &a) != 0 || a.st_mtime < b.st_mtime);
	if (op[1] == 'e' && op[2] == 'f')
		return stat(left, &a) == 0 && stat(right, &b) == 0 && a.st_dev == b.st_dev &&
		       a.st_ino == b.st_ino;
	long x = integer(t, left), y = integer(t, right);
	switch (op[1] * 256 + op[2]) {
	case 'e' * 256 + 'q':
		return x == y;
	case 'n' * 256 + 'e':
		return x != y;
	case 'l' * 256 + 't':
		return x < y;
	case 'l' * 256 + 'e':
		return x <= y;
	case 'g' * 256 + 't':
		return x > y;
	default:
		return x >= y;
	}
}

/* A unary test, or -1 if op is not one. */
static int unary(struct test *t, const char *op, const char *operand)
{
	struct stat st;
	if (op[0] != '-' || !op[1] || op[2])
		return -1;
	switch (op[1]) {
	case 'n':
		return *operand != '\0';
	case 'z':
		return *operand == '\0';
	case 't':
		return isatty((int)integer(t, operand));
	case 'h':
	case 'L':
		return lstat(operand, &st) == 0 && S_ISLNK(st.st_mode);
	case 'r':
		return access(operand, R_OK) == 0;
	case 'w':
		return access(operand, W_OK) == 0;
	case 'x':
		return access(operand, X_OK) == 0;
	}
	if (!strchr("efdsbcpSug", op[1]))
		return -1;
	if (stat(operand, &st) != 0)
		return 0;
	switch (op[1]) {
	case 'e':
		return 1;
	case 'f':
		return S_ISREG(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 's':
		return st.st_size > 0;
	case 'b':
		return S_ISBLK(st.st_mode);
	case 'c':
		return S_ISCHR(st.st_mode);
	case 'p':
		return S_ISFIFO(st.st_mode);
	case 'S':
		return S_ISSOCK(st.st_mode);
	case 'u':
		return (st.st_mode & S_ISUID) != 0;
	default:
		return (st.st_mode & S_ISGID) != 0;
	}
}

static const char *next(struct test *t)
{
	return t->position < t->count ? t->argv[t->position++] : NULL;
}

static bool primary(struct test *t)
{
	int left = t->count - t->position;
	char **a = t->argv + t->position;
	if (left <= 0) {
		sh_error("test: argument expected");
		t->error = true;
		return false;
	}
	if (left >= 3 && is_binary(a[1])) {
		t->position += 3;
		return binary(t, a[0], a[1], a[2]);
	}
	if (strcmp(a[0], "!") == 0) {
		t->position++;
		return !primary(t);
	}
	if (strcmp(a[0], "(") == 0 && left >= 2) {
		t->position++;
		bool value = or_expression(t);
		const char *close = next(t);
		if (!close || strcmp(close, ")") != 0) {
			sh_error("test: missing )");
			t->error = true;
		}
		return value;
	}
	if (left >= 2) {
		int result = unary(t, a[0], a[1]);
		if (result >= 0) {
			t->position += 2;
			return result;
		}
	}
	t->position++;
	return a[0][0] != '\0';
}

static bool and_expression(struct test *t)
{
	bool value = primary(t);
	while (t->position < t->count && strcmp(t->argv[t->position], "-a") == 0) {
		t->position++;
		bool right = primary(t);
		value = value && right;
	}
	return value;
}

static bool or_expression(struct test *t)
{
	bool value = and_expression(t);
	while (t->position < t->count && strcmp(t->argv[t->position], "-o") == 0) {
		t->position++;
		bool right = and_expression(t);
		value = value || right;
	}
	return value;
}

int builtin_test(int argc, char **argv)
{
	if (strcmp(argv[0], "[") == 0) {
		if (strcmp(argv[argc - 1], "]") != 0) {
			sh_error("[: missing ]");
			return 2;
		}
		argc--;
	}
	struct test t = {argv + 1, 0, argc - 1, false};
	if (t.count == 0)
		return 1;
	bool value = or_expression(&t);
	if (!t.error && t.position < t.count) {
		sh_error("test: %s: unexpected operator", t.argv[t.position]);
		t.error = true;
	}
	return t.error ? 2 : !value;
}

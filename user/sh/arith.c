/*
 * Arithmetic expansion (XCU 2.6.4): signed long integers with the C operators and their C
 * precedence, from assignment (= += -= *= /= %= <<= >>= &= ^= |=) and ?: down to unary
 * + - ! ~, constants in decimal, octal (leading 0) and hexadecimal (0x), and variables by
 * name (an unset or empty variable is 0). A recursive descent parser evaluates as it goes;
 * `skip` turns evaluation off on the untaken side of && || ?: so that it has no effects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct arith {
	const char *text;
	size_t position;
	bool error;
};

static long assignment(struct arith *a, bool skip);

static void fail(struct arith *a, const char *message)
{
	if (!a->error)
		sh_fatal_error("arithmetic: %s in \"%s\"", message, a->text);
	a->error = true;
}

static void skip_spaces(struct arith *a)
{
	while (a->text[a->position] == ' ' || a->text[a->position] == '\t' ||
	       a->text[a->position] == '\n')
		a->position++;
}

/* Consumes op if it comes next (and is not the start of a longer operator in `not`). */
static bool accept(struct arith *a, const char *op, const char *not_followed_by)
{
	skip_spaces(a);
	size_t n = strlen(op);
	if (strncmp(a->text + a->position, op, n) != 0)
		return false;
	if (not_followed_by && a->text[a->position + n] &&
	    strchr(not_followed_by, a->text[a->position + n]))
		return false;
	a->position += n;
	return true;
}

static bool parse_number(const char *text, long *value)
{
	char *end;
	if (!*text) {
		*value = 0;
		return true;
	}
	*value = strtol(text, &end, 0);
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	return *end == '\0';
}

static long variable_value(struct arith *a, const char *name)
{
	const char *text = var_get(name);
	long value = 0;
	if (!text) {
		if (shell.nounset)
			fail(a, "parameter not set");
		return 0;
	}
	while (*text == ' ' || *text == '\t')
		text++;
	if (!parse_number(text, &value))
		fail(a, "variable is not a number");
	return value;
}

static long primary(struct arith *a, bool skip, char **name_out)
{
	skip_spaces(a);
	const char *p = a->text + a->position;
	if (*p == '(') {
		a->position++;
		long value = assignment(a, skip);
		if (!accept(a, ")", NULL))
			fail(a, "missing ')'");
		return value;
	}
	if (*p >= '0' && *p <= '9') {
		char *end;
		long value = strtol(p, &end, 0);
		if (parse_is_name(end, 1) || (*end >= '0' && *end <= '9'))
			fail(a, "bad number");
		a->position += (size_t)(end - p);
		return value;
	}
	size_t length = 0;
	while (parse_is_name(p, length + 1))
		length++;
	if (length == 0) {
		fail(a, *p ? "syntax error" : "missing operand");
		return 0;
	}
	char *name = xstrndup(p, length);
	a->position += length;
	long value = skip ? 0 : variable_value(a, name);
	if (name_out)
		*name_out = name;
	else
		free(name);
	return value;
}

static long unary(struct arith *a, bool skip)
{
	if (accept(a, "+", "+="))
		return unary(a, skip);
	if (accept(a, "-", "-="))
		return -unary(a, skip);
	if (accept(a, "!", "="))
		return !unary(a, skip);
	if (accept(a, "~", NULL))
		return ~unary(a, skip);
	return primary(a, skip, NULL);
}

/* Binary operators by precedence level, lowest last; each level is left-associative. */
static const struct level {
	const char *ops[4];
	const char *not_followed_by[4];
} levels[] = {
	{{"*", "/", "%"}, {"=", "=", "="}},
	{{"+", "-"}, {"=", "="}},
	{{"<<", ">>"}, {"=", "="}},
	{{"<=", ">=", "<", ">"}, {NULL, NULL, "<=", ">="}},
	{{"==", "!="}, {NULL, NULL}},
	{{"&"}, {"&="}},
	{{"^"}, {"="}},
	{{"|"}, {"|="}},
	{{"&&"}, {NULL}},
	{{"||"}, {NULL}},
};

static long apply(struct arith *a, const char *op, long left, long right, bool skip)
{
	if (skip)
		return 0;
	switch (op[0]) {
	case '*':
		return left * right;
	case '/':
	case '%':
		if (right == 0) {
			fail(a, "division by zero");
			return 0;
		}
		if (right == -1)
			return op[0] == '/' ? -left : 0;
		return op[0] == '/' ? left / right : left % right;
	case '+':
		return left + right;
	case '-':
		return left - right;
	case '<':
		return op[1] == '<'   ? (long)((unsigned long)left << (right & 63))
		       : op[1] == '=' ? left <= right
				      : left < right;
	case '>':
		return op[1] == '>'   ? left >> (right & 63)
		       : op[1] == '=' ? left >= right
				      : left > right;
	case '=':
		return left == right;
	case '!':
		return left != right;
	case '&':
		return op[1] == '&' ? (left && right) : (left & right);
	case '^':
		return left ^ right;
	case '|':
		return op[1] == '|' ? (left || right) : (left | right);
	}
	return 0;
}

static long binary(struct arith *a, int level, bool skip)
{
	if (level < 0)
		return unary(a, skip);
	long left = binary(a, level - 1, skip);
	for (;;) {
		const char *op = NULL;
		for (int i = 0; i < 4 && levels[level].ops[i]; i++)
			if (accept(a, levels[level].ops[i], levels[level].not_followed_by[i])) {
				op = levels[level].ops[i];
				break;
			}
		if (!op || a->error)
			return left;
		bool short_circuit =
			(strcmp(op, "&&") == 0 && !left) || (strcmp(op, "||") == 0 && left);
		long right = binary(a, level - 1, skip || short_circuit);
		if (short_circuit)
			left = op[0] == '|';
		else
			left = apply(a, op, left, right, skip);
	}
}

static long conditional(struct arith *a, bool skip)
{
	long condition = binary(a, (int)(sizeof(levels) / sizeof(levels[0])) - 1, skip);
	if (!accept(a, "?", NULL))
		return condition;
	long yes = assignment(a, skip || !condition);
	if (!accept(a, ":", NULL)) {
		fail(a, "missing ':'");
		return 0;
	}
	long no = conditional(a, skip || condition);
	return condition ? yes : no;
}

static long assignment(struct arith *a, bool skip)
{
	static const char *const ops[] = {
		"<<=", ">>=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "="};
	size_t start = a->position;
	skip_spaces(a);
	const char *p = a->text + a->position;
	size_t length = 0;
	while (parse_is_name(p, length + 1))
		length++;
	if (length) {
		a->position += length;
		for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
			if (!accept(a, ops[i], ops[i][1] ? NULL : "="))
				continue;
			char *name = xstrndup(p, length);
			long value = assignment(a, skip);
			if (ops[i][0] != '=') {
				char op[3] = {ops[i][0], ops[i][1] == '=' ? '\0' : ops[i][1], '\0'};
				value = apply(a, op, skip ? 0 : variable_value(a, name), value,
					      skip);
			}
			if (!skip && !a->error) {
				char buffer[32];
				snprintf(buffer, sizeof(buffer), "%ld", value);
				if (var_set(name, buffer, 0) < 0)
					a->error = true;
			}
			free(name);
			return value;
		}
	}
	a->position = start;
	return conditional(a, skip);
}

bool arith_evaluate(const char *expression, long *result)
{
	struct arith a = {.text = expression};
	*result = assignment(&a, false);
	skip_spaces(&a);
	if (!a.error && a.text[a.position])
		fail(&a, "syntax error");
	return !a.error;
}

/*
 * grep: print lines that match a pattern (grep(1p)), with the core of basic regular
 * expressions (regex(7)): literal characters, `.`, bracket expressions `[a-z]` `[^0-9]`,
 * `*` after any of those, `^` and `$` anchors, and `\` to quote the next character.
 * Options: -v invert, -i ignore case, -c count, -n line numbers, -l file names, -q quiet.
 * Status 0 if a line was selected, 1 if none, 2 on an error.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool invert, ignore_case, count_only, numbers, names_only, quiet;

static bool same(char a, char b)
{
	return ignore_case ? tolower((unsigned char)a) == tolower((unsigned char)b) : a == b;
}

/* Length of the single-character item at pattern (., [..], \c or c). */
static size_t item_length(const char *pattern)
{
	if (pattern[0] == '\\' && pattern[1])
		return 2;
	if (pattern[0] == '[') {
		size_t i = 1;
		if (pattern[i] == '^')
			i++;
		if (pattern[i] == ']')
			i++;
		while (pattern[i] && pattern[i] != ']')
			i++;
		return pattern[i] ? i + 1 : 1;
	}
	return 1;
}

static bool item_matches(const char *pattern, size_t length, char c)
{
	if (length == 2 && pattern[0] == '\\')
		return same(pattern[1], c);
	if (length == 1)
		return pattern[0] == '.' || same(pattern[0], c);
	bool negate = pattern[1] == '^', found = false;
	for (size_t i = negate ? 2 : 1; i < length - 1; i++) {
		char low = pattern[i], high = low;
		if (pattern[i + 1] == '-' && i + 2 < length - 1) {
			high = pattern[i + 2];
			i += 2;
		}
		if (ignore_case) {
			char l = (char)tolower((unsigned char)c),
			     u = (char)toupper((unsigned char)c);
			if ((l >= low && l <= high) || (u >= low && u <= high))
				found = true;
		} else if (c >= low && c <= high)
			found = true;
	}
	return found != negate;
}

static bool match_here(const char *pattern, const char *text)
{
	if (!*pattern)
		return true;
	if (pattern[0] == '$' && !pattern[1])
		return !*text;
	size_t length = item_length(pattern);
	if (pattern[length] == '*') {
		const char *t = text;
		do {
			if (match_here(pattern + length + 1, t))
				return true;
		} while (*t && item_matches(pattern, length, *t++));
		return false;
	}
	return *text && item_matches(pattern, length, *text) &&
	       match_here(pattern + length, text + 1);
}

static bool matches(const char *pattern, const char *text)
{
	if (pattern[0] == '^')
		return match_here(pattern + 1, text);
	do {
		if (match_here(pattern, text))
			return true;
	} while (*text++);
	return false;
}

int main(int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			switch (*p) {
			case 'v':
				invert = true;
				break;
			case 'i':
				ignore_case = true;
				break;
			case 'c':
				count_only = true;
				break;
			case 'n':
				numbers = true;
				break;
			case 'l':
				names_only = true;
				break;
			case 'q':
				quiet = true;
				break;
			default:
				fprintf(stderr, "usage: grep [-vicnlq] PATTERN [FILE...]\n");
				return 2;
			}
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: grep [-vicnlq] PATTERN [FILE...]\n");
		return 2;
	}
	const char *pattern = argv[i++];
	int files = argc - i, status = 1;
	bool error = false;
	for (int f = i; f < argc || (files == 0 && f == i); f++) {
		FILE *in = files ? fopen(argv[f], "r") : stdin;
		const char *name = files ? argv[f] : "(standard input)";
		if (!in) {
			fprintf(stderr, "grep: %s: No such file or directory\n", argv[f]);
			error = true;
			continue;
		}
		char *line = NULL;
		size_t capacity = 0;
		ssize_t length;
		long number = 0, selected = 0;
		while ((length = getline(&line, &capacity, in)) >= 0) {
			number++;
			if (length > 0 && line[length - 1] == '\n')
				line[length - 1] = '\0';
			if (matches(pattern, line) == invert)
				continue;
			selected++;
			status = 0;
			if (quiet || count_only || names_only)
				continue;
			if (files > 1)
				printf("%s:", name);
			if (numbers)
				printf("%ld:", number);
			printf("%s\n", line);
		}
		free(line);
		if (files)
			fclose(in);
		if (count_only && !quiet)
			printf(files > 1 ? "%s:%ld\n" : "%.0s%ld\n", name, selected);
		if (names_only && selected && !quiet)
			printf("%s\n", name);
		if (quiet && status == 0)
			break;
	}
	return error && status != 0 ? 2 : status;
}

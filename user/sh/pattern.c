/*
 * Pattern matching notation (XCU 2.13): `*`, `?` and bracket expressions `[a-z]`, `[!x]`,
 * `[[:digit:]]`, used by case, by ${x#pattern} and friends, and by pathname expansion
 * (2.13.3), which matches each slash-separated part of a pattern against a directory's
 * entries; a leading `.` must be matched explicitly. Every pattern character comes with a
 * flag saying whether it was quoted: a quoted `*` is just a star.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static bool is_class_member(const char *name, size_t length, unsigned char c)
{
	struct {
		const char *name;
		bool member;
	} classes[] = {
		{"alpha", (c | 32) >= 'a' && (c | 32) <= 'z'},
		{"digit", c >= '0' && c <= '9'},
		{"alnum", ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9')},
		{"upper", c >= 'A' && c <= 'Z'},
		{"lower", c >= 'a' && c <= 'z'},
		{"space", c == ' ' || (c >= '\t' && c <= '\r')},
		{"blank", c == ' ' || c == '\t'},
		{"punct", c > ' ' && c < 127 && !((c | 32) >= 'a' && (c | 32) <= 'z') &&
				  !(c >= '0' && c <= '9')},
		{"xdigit", (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f')},
	};
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == length && memcmp(classes[i].name, name, length) == 0)
			return classes[i].member;
	return false;
}

/* A bracket expression at pattern[p] ('['): returns the index after ']' and sets *matched,
 * or returns 0 if the bracket is not closed (then '[' is an ordinary character). */
static size_t match_bracket(const char *pattern, const char *quoted, size_t p, char c,
			    bool *matched)
{
	size_t i = p + 1;
	bool negate = false, found = false;
	if (!quoted[i] && (pattern[i] == '!' || pattern[i] == '^')) {
		negate = true;
		i++;
	}
	size_t first = i;
	while (pattern[i] && (pattern[i] != ']' || quoted[i] || i == first)) {
		if (!quoted[i] && pattern[i] == '[' && pattern[i + 1] == ':') {
			const char *end = strstr(pattern + i + 2, ":]");
			if (end) {
				size_t name_length = (size_t)(end - pattern) - i - 2;
				if (is_class_member(pattern + i + 2, name_length, (unsigned char)c))
					found = true;
				i = (size_t)(end - pattern) + 2;
				continue;
			}
		}
		char low = pattern[i], high = low;
		if (pattern[i + 1] == '-' && !quoted[i + 1] && pattern[i + 2] &&
		    pattern[i + 2] != ']') {
			high = pattern[i + 2];
			i += 2;
		}
		if ((unsigned char)c >= (unsigned char)low &&
		    (unsigned char)c <= (unsigned char)high)
			found = true;
		i++;
	}
	if (!pattern[i])
		return 0;
	*matched = found != negate;
	return i + 1;
}

static bool match_from(const char *pattern, const char *quoted, size_t p, const char *string)
{
	while (pattern[p]) {
		char c = pattern[p];
		if (c == '*' && !quoted[p]) {
			while (pattern[p] == '*' && !quoted[p])
				p++;
			if (!pattern[p])
				return true;
			for (const char *s = string; *s; s++)
				if (match_from(pattern, quoted, p, s))
					return true;
			return match_from(pattern, quoted, p, string + strlen(string));
		}
		if (!*string)
			return false;
		if (c == '?' && !quoted[p]) {
			p++;
			string++;
			continue;
		}
		if (c == '[' && !quoted[p]) {
			bool matched;
			size_t next = match_bracket(pattern, quoted, p, *string, &matched);
			if (next) {
				if (!matched)
					return false;
				p = next;
				string++;
				continue;
			}
		}
		if (c != *string)
			return false;
		p++;
		string++;
	}
	return !*string;
}

bool pattern_match(const char *pattern, const char *quoted, const char *string)
{
	return match_from(pattern, quoted, 0, string);
}

bool pattern_has_magic(const char *pattern, const char *quoted)
{
	for (size_t i = 0; pattern[i]; i++)
		if (!quoted[i] && (pattern[i] == '*' || pattern[i] == '?' || pattern[i] == '['))
			return true;
	return false;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expands the components of pattern from offset `from` below directory `base`. */
static void glob_below(const char *base, const char *pattern, const char *quoted, size_t from,
		       struct string_list *out)
{
	size_t end = from;
	while (pattern[end] && pattern[end] != '/')
		end++;
	char *component = xstrndup(pattern + from, end - from);
	char *component_quoted = xmalloc(end - from + 1);
	memcpy(component_quoted, quoted + from, end - from);
	bool last = !pattern[end];
	if (!pattern_has_magic(component, component_quoted)) {
		struct strbuf path = {0};
		strbuf_puts(&path, base);
		strbuf_puts(&path, component);
		if (last) {
			list_add(out, strbuf_finish(&path));
		} else {
			strbuf_add(&path, '/');
			glob_below(path.data, pattern, quoted, end + 1, out);
			free(path.data);
		}
		goto out;
	}
	DIR *directory = opendir(*base ? base : ".");
	if (!directory)
		goto out;
	struct string_list names = {0};
	struct dirent *entry;
	while ((entry = readdir(directory))) {
		if (entry->d_name[0] == '.' && component[0] != '.')
			continue;
		if (pattern_match(component, component_quoted, entry->d_name))
			list_add(&names, xstrdup(entry->d_name));
	}
	closedir(directory);
	if (names.count)
		qsort(names.items, (size_t)names.count, sizeof(char *), compare_strings);
	for (int i = 0; i < names.count; i++) {
		struct strbuf path = {0};
		strbuf_puts(&path, base);
		strbuf_puts(&path, names.items[i]);
		if (last) {
			list_add(out, strbuf_finish(&path));
			continue;
		}
		DIR *is_directory = opendir(path.data);
		if (is_directory) {
			closedir(is_directory);
			strbuf_add(&path, '/');
			glob_below(path.data, pattern, quoted, end + 1, out);
		}
		free(path.data);
	}
	list_free(&names);
out:
	free(component);
	free(component_quoted);
}

bool pattern_glob(const char *pattern, const char *quoted, struct string_list *out)
{
	int before = out->count;
	size_t from = 0;
	const char *base = "";
	if (pattern[0] == '/') {
		base = "/";
		from = 1;
	}
	glob_below(base, pattern, quoted, from, out);
	/* A literal path component that does not exist yields nothing useful: keep only
	 * matches that exist. */
	int kept = before;
	for (int i = before; i < out->count; i++) {
		DIR *directory = NULL;
		bool exists = access(out->items[i], F_OK) == 0 ||
			      (directory = opendir(out->items[i])) != NULL;
		if (directory)
			closedir(directory);
		if (exists)
			out->items[kept++] = out->items[i];
		else
			free(out->items[i]);
	}
	out->count = kept;
	if (out->items)
		out->items[kept] = NULL;
	return kept > before;
}

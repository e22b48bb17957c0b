/*
 * Word expansion (XCU 2.6): tilde, parameters (2.6.2, with the ${x:-w} ${x#p} ... forms),
 * command substitution (2.6.3), arithmetic (2.6.4), field splitting on IFS (2.6.5),
 * pathname expansion (2.6.6) and quote removal (2.6.7).
 *
 * One left-to-right pass turns a raw word into characters, each with flags: QUOTED (it was
 * quoted, so it is literal in patterns) or SPLIT (it came from an unquoted expansion, so
 * IFS characters in it separate fields). "$@" cuts the result into segments, one per
 * positional parameter; splitting and globbing then run on each segment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define QUOTED 1
#define SPLIT  2

enum mode { MODE_FIELDS, MODE_STRING, MODE_PATTERN, MODE_HEREDOC };

struct segment {
	struct strbuf text, flags;
	bool have_field; /* quotes were seen: the segment is a field even if empty */
};

struct expander {
	enum mode mode;
	struct segment current;
	struct segment *done;
	int done_count;
	bool error;
};

static void expand_part(struct expander *e, const char *text, size_t length, bool in_quotes,
			bool word_start);

void list_add(struct string_list *list, char *item)
{
	if (list->count + 1 >= list->capacity) {
		list->capacity = list->capacity ? list->capacity * 2 : 8;
		list->items = xrealloc(list->items, sizeof(char *) * (size_t)list->capacity);
	}
	list->items[list->count++] = item;
	list->items[list->count] = NULL;
}

void list_free(struct string_list *list)
{
	for (int i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = list->capacity = 0;
}

static void emit(struct expander *e, char c, int flags)
{
	strbuf_add(&e->current.text, c);
	strbuf_add(&e->current.flags, (char)flags);
}

static void emit_value(struct expander *e, const char *value, bool in_quotes)
{
	for (; value && *value; value++)
		emit(e, *value, in_quotes ? QUOTED : SPLIT);
}

/* "$@": the next parameter starts a new field. */
static void field_break(struct expander *e)
{
	if (e->mode != MODE_FIELDS) {
		emit(e, ' ', QUOTED);
		return;
	}
	e->done = xrealloc(e->done, sizeof(struct segment) * (size_t)(e->done_count + 1));
	e->done[e->done_count++] = e->current;
	memset(&e->current, 0, sizeof(e->current));
}

static const char *ifs(void)
{
	const char *value = var_get("IFS");
	return value ? value : " \t\n";
}

static char *format_number(long value)
{
	char buffer[32];
	snprintf(buffer, sizeof(buffer), "%ld", value);
	return xstrdup(buffer);
}

/* A parameter's value (malloc'd), or NULL when it is unset. */
static char *parameter_value(const char *name)
{
	if (name[0] && !name[1]) {
		switch (name[0]) {
		case '?':
			return format_number(shell.status);
		case '$':
			return format_number(shell.pid);
		case '!':
			return shell.last_background ? format_number(shell.last_background) : NULL;
		case '#':
			return format_number(positional.count);
		case '0':
			return xstrdup(shell.name);
		case '-': {
			struct strbuf flags = {0};
			if (shell.errexit)
				strbuf_add(&flags, 'e');
			if (shell.noglob)
				strbuf_add(&flags, 'f');
			if (shell.interactive)
				strbuf_add(&flags, 'i');
			if (shell.job_control)
				strbuf_add(&flags, 'm');
			if (shell.nounset)
				strbuf_add(&flags, 'u');
			if (shell.xtrace)
				strbuf_add(&flags, 'x');
			return strbuf_finish(&flags);
		}
		case '@':
		case '*': {
			struct strbuf joined = {0};
			const char *separator = ifs();
			for (int i = 0; i < positional.count; i++) {
				if (i && (name[0] == '@' || *separator))
					strbuf_add(&joined, name[0] == '@' ? ' ' : *separator);
				strbuf_puts(&joined, positional.values[i]);
			}
			return strbuf_finish(&joined);
		}
		}
	}
	if (name[0] >= '0' && name[0] <= '9') {
		int index = atoi(name);
		return index >= 1 && index <= positional.count
			       ? xstrdup(positional.values[index - 1])
			       : NULL;
	}
	const char *value = var_get(name);
	return value ? xstrdup(value) : NULL;
}

static void emit_positional(struct expander *e, char which, bool in_quotes)
{
	if (which == '*' && in_quotes) {
		char *joined = parameter_value("*");
		emit_value(e, joined, true);
		free(joined);
		return;
	}
	for (int i = 0; i < positional.count; i++) {
		if (i)
			field_break(e);
		emit_value(e, positional.values[i], in_quotes);
		if (in_quotes)
			e->current.have_field = true;
	}
}

/* Removes the shortest or longest prefix or suffix matching pattern (${x#p} and friends). */
static char *remove_affix(const char *value, const char *pattern, const char *quoted, bool suffix,
			  bool longest)
{
	size_t length = strlen(value);
	char *copy = xstrdup(value);
	for (size_t n = 0; n <= length; n++) {
		size_t cut = longest ? length - n : n;
		bool match;
		if (suffix) {
			match = pattern_match(pattern, quoted, value + (length - cut));
		} else {
			char saved = copy[cut];
			copy[cut] = '\0';
			match = pattern_match(pattern, quoted, copy);
			copy[cut] = saved;
		}
		if (match) {
			char *result =
				suffix ? xstrndup(value, length - cut) : xstrdup(value + cut);
			free(copy);
			return result;
		}
	}
	free(copy);
	return xstrdup(value);
}

static bool is_special_parameter(char c)
{
	return c && strchr("@*#?-$!0123456789", c);
}

/* ${...}: text[start] is '$', end is just past the closing brace. */
static void expand_braced(struct expander *e, const char *text, size_t start, size_t end,
			  bool in_quotes)
{
	size_t i = start + 2, close = end - 1;
	bool length_of = false;
	if (text[i] == '#' && i + 1 < close && text[i + 1] != '}' &&
	    (is_special_parameter(text[i + 1]) || parse_is_name(text + i + 1, 1))) {
		length_of = true;
		i++;
	}
	size_t name_start = i;
	if (text[i] >= '0' && text[i] <= '9')
		while (i < close && text[i] >= '0' && text[i] <= '9')
			i++;
	else if (is_special_parameter(text[i]))
		i++;
	else
		while (i < close && parse_is_name(text + i, 1))
			i++;
	if (i == name_start) {
		sh_fatal_error("%.*s: bad substitution", (int)(end - start), text + start);
		e->error = true;
		return;
	}
	char *name = xstrndup(text + name_start, i - name_start);
	char *value = parameter_value(name);
	bool colon = text[i] == ':';
	if (colon)
		i++;
	char op = i < close ? text[i] : '\0';
	if (length_of || op == '\0') {
		if (i != close || (length_of && colon)) {
			sh_fatal_error("%.*s: bad substitution", (int)(end - start), text + start);
			e->error = true;
		} else if (!value && shell.nounset && strcmp(name, "@") && strcmp(name, "*")) {
			sh_fatal_error("%s: parameter not set", name);
			e->error = true;
		} else if (length_of) {
			char *number = format_number(value ? (long)strlen(value) : 0);
			emit_value(e, number, in_quotes);
			free(number);
		} else if (name[0] == '@' || name[0] == '*')
			emit_positional(e, name[0], in_quotes);
		else
			emit_value(e, value, in_quotes);
		goto out;
	}
	bool is_set = value && (!colon || *value);
	size_t word_start = i + 1;
	if ((op == '#' || op == '%') && text[word_start] == op)
		word_start++;
	const char *word = text + word_start;
	size_t word_length = close - word_start;
	switch (op) {
	case '-':
	case '+':
		if (is_set == (op == '-'))
			emit_value(e, value, in_quotes);
		else
			expand_part(e, word, word_length, in_quotes, false);
		break;
	case '=':
	case '?':
		if (is_set) {
			emit_value(e, value, in_quotes);
			break;
		}
		char *raw = xstrndup(word, word_length);
		char *expanded = expand_string(raw);
		free(raw);
		if (!expanded) {
			e->error = true;
		} else if (op == '=') {
			if (var_set(name, expanded, 0) < 0)
				e->error = true;
			emit_value(e, expanded, in_quotes);
		} else {
			sh_fatal_error("%s: %s", name, *expanded ? expanded : "parameter not set");
			e->error = true;
		}
		free(expanded);
		break;
	case '#':
	case '%': {
		char *raw_pattern = xstrndup(word, word_length), *quoted;
		char *pattern = expand_pattern(raw_pattern, &quoted);
		free(raw_pattern);
		if (!pattern) {
			e->error = true;
			break;
		}
		char *result = remove_affix(value ? value : "", pattern, quoted, op == '%',
					    word_start - i == 2);
		emit_value(e, result, in_quotes);
		free(result);
		free(pattern);
		free(quoted);
		break;
	}
	default:
		sh_fatal_error("%.*s: bad substitution", (int)(end - start), text + start);
		e->error = true;
	}
out:
	free(name);
	free(value);
}

static void expand_command(struct expander *e, const char *command, bool in_quotes)
{
	struct strbuf output = {0};
	shell.status = exec_command_substitution(command, &output);
	while (output.length && output.data[output.length - 1] == '\n')
		output.data[--output.length] = '\0';
	emit_value(e, output.data, in_quotes);
	free(output.data);
}

/* A $ construct at text[*index]; advances *index past it. */
static void expand_dollar(struct expander *e, const char *text, size_t length, size_t *index,
			  bool in_quotes)
{
	size_t i = *index;
	char next = i + 1 < length ? text[i + 1] : '\0';
	if (next == '(' || next == '{') {
		long end = lex_skip_construct(text, length, i);
		if (end < 0) {
			sh_fatal_error("missing '%c'", next == '(' ? ')' : '}');
			e->error = true;
			*index = length;
			return;
		}
		*index = (size_t)end;
		if (next == '{') {
			expand_braced(e, text, i, (size_t)end, in_quotes);
		} else if (i + 2 < length && text[i + 2] == '(' && text[end - 2] == ')') {
			char *inside = xstrndup(text + i + 3, (size_t)end - i - 5);
			char *expression = expand_arith_text(inside);
			long value;
			if (!expression || !arith_evaluate(expression, &value)) {
				e->error = true;
			} else {
				char *number = format_number(value);
				emit_value(e, number, in_quotes);
				free(number);
			}
			free(inside);
			free(expression);
		} else {
			char *command = xstrndup(text + i + 2, (size_t)end - i - 3);
			expand_command(e, command, in_quotes);
			free(command);
		}
		return;
	}
	size_t name_end = i + 1;
	if (is_special_parameter(next))
		name_end++;
	else
		while (name_end < length && parse_is_name(text + i + 1, name_end - i))
			name_end++;
	if (name_end == i + 1) {
		emit(e, '$', in_quotes ? QUOTED : 0);
		*index = i + 1;
		return;
	}
	*index = name_end;
	if (next == '@' || next == '*') {
		emit_positional(e, next, in_quotes);
		return;
	}
	char *name = xstrndup(text + i + 1, name_end - i - 1);
	char *value = parameter_value(name);
	if (!value && shell.nounset) {
		sh_fatal_error("%s: parameter not set", name);
		e->error = true;
	}
	emit_value(e, value, in_quotes);
	free(name);
	free(value);
}

/* `...`: backslash quotes only $ ` and \ inside. */
static void expand_backquote(struct expander *e, const char *text, size_t start, size_t end,
			     bool in_quotes)
{
	struct strbuf command = {0};
	for (size_t i = start + 1; i + 1 < end; i++) {
		if (text[i] == '\\' && i + 2 < end && strchr("$`\\", text[i + 1]))
			i++;
		strbuf_add(&command, text[i]);
	}
	char *inside = strbuf_finish(&command);
	expand_command(e, inside, in_quotes);
	free(inside);
}

static void expand_tilde(struct expander *e, const char *text, size_t length, size_t *index)
{
	size_t i = *index + 1;
	if (i < length && text[i] != '/') {
		emit(e, '~', 0);
		*index += 1;
		return;
	}
	const char *home = var_get("HOME");
	emit_value(e, home ? home : "~", true);
	*index = i;
}

static void expand_part(struct expander *e, const char *text, size_t length, bool in_quotes,
			bool word_start)
{
	size_t i = 0;
	bool heredoc = e->mode == MODE_HEREDOC;
	while (i < length && !e->error) {
		char c = text[i];
		if (c == '\'' && !in_quotes && !heredoc) {
			const char *close = memchr(text + i + 1, '\'', length - i - 1);
			size_t end = close ? (size_t)(close - text) : length;
			for (size_t j = i + 1; j < end; j++)
				emit(e, text[j], QUOTED);
			e->current.have_field = true;
			i = end + 1;
		} else if (c == '"' && !heredoc) {
			long end = lex_skip_construct(text, length, i);
			if (end < 0)
				end = (long)length + 1;
			size_t before = e->current.text.length;
			int segments = e->done_count;
			expand_part(e, text + i + 1, (size_t)end - i - 2, true, false);
			bool only_empty_at = e->current.text.length == before &&
					     segments == e->done_count &&
					     (size_t)end - i - 2 == 2 && text[i + 1] == '$' &&
					     text[i + 2] == '@';
			if (!only_empty_at)
				e->current.have_field = true;
			i = (size_t)end;
		} else if (c == '\\') {
			char next = i + 1 < length ? text[i + 1] : '\0';
			if (next == '\n') {
				i += 2;
			} else if (!in_quotes && !heredoc) {
				if (next)
					emit(e, next, QUOTED);
				i += 2;
			} else if (next && strchr(heredoc ? "$`\\" : "$`\"\\", next)) {
				emit(e, next, QUOTED);
				i += 2;
			} else {
				emit(e, '\\', QUOTED);
				i++;
			}
		} else if (c == '$') {
			expand_dollar(e, text, length, &i, in_quotes || heredoc);
		} else if (c == '`') {
			long end = lex_skip_construct(text, length, i);
			if (end < 0)
				end = (long)length;
			expand_backquote(e, text, i, (size_t)end, in_quotes || heredoc);
			i = (size_t)end;
		} else if (c == '~' && i == 0 && word_start && !in_quotes && !heredoc) {
			expand_tilde(e, text, length, &i);
		} else {
			emit(e, c, in_quotes || heredoc ? QUOTED : 0);
			i++;
		}
	}
}

/* Splits one segment at unquoted IFS characters from expansions; globs each field. */
static void split_segment(struct segment *segment, struct string_list *out)
{
	const char *separators = ifs();
	const char *text = segment->text.data ? segment->text.data : "";
	const char *flags = segment->flags.data ? segment->flags.data : "";
	size_t length = segment->text.length;
	struct strbuf field = {0}, field_flags = {0};
	bool started = segment->have_field, after_white = false;
	for (size_t i = 0; i <= length; i++) {
		bool at_end = i == length;
		char c = at_end ? '\0' : text[i];
		bool delimiter =
			!at_end && (flags[i] & SPLIT) && *separators && strchr(separators, c);
		if (!at_end && !delimiter) {
			strbuf_add(&field, c);
			strbuf_add(&field_flags, (char)(flags[i] & QUOTED));
			started = true;
			after_white = false;
			continue;
		}
		bool white = delimiter && (c == ' ' || c == '\t' || c == '\n');
		if (delimiter && !white && !started && after_white) {
			after_white = false;
			continue;
		}
		if (started || (delimiter && !white)) {
			char *value = strbuf_finish(&field);
			char *value_flags = strbuf_finish(&field_flags);
			if (shell.noglob || !pattern_has_magic(value, value_flags) ||
			    !pattern_glob(value, value_flags, out))
				list_add(out, value);
			else
				free(value);
			free(value_flags);
		}
		started = false;
		after_white = white;
	}
	free(field.data);
	free(field_flags.data);
}

static bool run_expander(struct expander *e, const char *raw)
{
	expand_part(e, raw, strlen(raw), false, e->mode != MODE_HEREDOC);
	return !e->error;
}

static void free_segment(struct segment *segment)
{
	free(segment->text.data);
	free(segment->flags.data);
}

bool expand_fields(const char *raw, struct string_list *out)
{
	struct expander e = {.mode = MODE_FIELDS};
	bool ok = run_expander(&e, raw);
	for (int i = 0; i < e.done_count; i++) {
		if (ok)
			split_segment(&e.done[i], out);
		free_segment(&e.done[i]);
	}
	if (ok)
		split_segment(&e.current, out);
	free_segment(&e.current);
	free(e.done);
	return ok;
}

static char *expand_with_mode(const char *raw, enum mode mode, char **flags)
{
	struct expander e = {.mode = mode};
	if (!run_expander(&e, raw)) {
		free_segment(&e.current);
		return NULL;
	}
	if (flags)
		*flags = strbuf_finish(&e.current.flags);
	else
		free(e.current.flags.data);
	return strbuf_finish(&e.current.text);
}

char *expand_string(const char *raw)
{
	return expand_with_mode(raw, MODE_STRING, NULL);
}

char *expand_heredoc(const char *body)
{
	return expand_with_mode(body, MODE_HEREDOC, NULL);
}

char *expand_pattern(const char *raw, char **quoted_flags)
{
	char *flags;
	char *text = expand_with_mode(raw, MODE_PATTERN, &flags);
	if (!text)
		return NULL;
	/* one byte per character: 1 = quoted (literal), 0 = may be a pattern character */
	for (size_t i = 0; text[i]; i++)
		flags[i] = (flags[i] & QUOTED) ? 1 : 0;
	*quoted_flags = flags;
	return text;
}

char *expand_arith_text(const char *raw)
{
	struct expander e = {.mode = MODE_STRING};
	expand_part(&e, raw, strlen(raw), true, false);
	if (e.error) {
		free_segment(&e.current);
		return NULL;
	}
	free(e.current.flags.data);
	return strbuf_finish(&e.current.text);
}

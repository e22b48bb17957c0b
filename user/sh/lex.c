/*
 * The shell's lexer: token recognition as XCU 2.3 describes it. A word keeps its quotes and
 * its $(...), ${...} and `...` text exactly as written (expansion interprets them later,
 * expand.c); only a backslash-newline outside single quotes disappears here. Operators are
 * matched longest first. After a newline token the bodies of pending here-documents
 * (XCU 2.7.4) are read. When the text ends inside a word or a here-document the parser is
 * marked incomplete, so an interactive shell can read another line and try again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static const struct {
	const char *text;
	int token;
} operators[] = {
	{"&&", T_AND_IF},    {"||", T_OR_IF},	{";;", T_DSEMI},   {"<<-", T_DLESSDASH},
	{"<<", T_DLESS},     {">>", T_DGREAT},	{"<&", T_LESSAND}, {">&", T_GREATAND},
	{"<>", T_LESSGREAT}, {">|", T_CLOBBER}, {";", T_SEMI},	   {"&", T_AMP},
	{"|", T_PIPE},	     {"(", T_LPAREN},	{")", T_RPAREN},   {"<", T_LESS},
	{">", T_GREAT},
};

const char *lex_token_name(int token)
{
	switch (token) {
	case T_EOF:
		return "end of file";
	case T_NEWLINE:
		return "newline";
	case T_WORD:
		return "word";
	case T_IO_NUMBER:
		return "number";
	}
	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++)
		if (operators[i].token == token)
			return operators[i].text;
	return "?";
}

static bool is_meta(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
	       c == '>' || c == '(' || c == ')';
}

/* Skips a balanced run that closes with `close` (depth counted on `open`). */
static long skip_balanced(const char *text, size_t length, size_t i, char open, char close)
{
	int depth = 1;
	while (i < length) {
		char c = text[i];
		if (c == '\\') {
			i += 2;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`' || (c == '$' && i + 1 < length)) {
			long end = lex_skip_construct(text, length, i);
			if (end < 0)
				return -1;
			i = (size_t)end;
			continue;
		}
		if (c == open)
			depth++;
		else if (c == close && --depth == 0)
			return (long)i + 1;
		i++;
	}
	return -1;
}

long lex_skip_construct(const char *text, size_t length, size_t start)
{
	size_t i = start + 1;
	switch (text[start]) {
	case '\'': {
		const char *end = memchr(text + i, '\'', length - i);
		return end ? end - text + 1 : -1;
	}
	case '"':
	case '`': {
		char close = text[start];
		while (i < length && text[i] != close) {
			if (text[i] == '\\')
				i += 2;
			else if (close == '"' && (text[i] == '$' || text[i] == '`')) {
				long end = lex_skip_construct(text, length, i);
				if (end < 0)
					return -1;
				i = (size_t)end;
			} else
				i++;
		}
		return i < length ? (long)i + 1 : -1;
	}
	case '$':
		if (i + 1 < length && text[i] == '(' && text[i + 1] == '(')
			return skip_balanced(text, length, i + 1, '(', ')');
		if (i < length && text[i] == '(')
			return parse_skip_command_substitution(text, length, start);
		if (i < length && text[i] == '{')
			return skip_balanced(text, length, i + 1, '{', '}');
		return (long)i;
	}
	return (long)i;
}

static void advance_lines(struct parser *parser, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (parser->text[i] == '\n') {
			parser->line++;
			parser->line_start = i + 1;
		}
}

/* Reads the word at the current position into parser->token_word. */
static int read_word(struct parser *parser)
{
	const char *text = parser->text;
	size_t i = parser->position, length = parser->length;
	struct strbuf word = {0};
	while (i < length && !is_meta(text[i])) {
		char c = text[i];
		if (c == '\\') {
			if (i + 1 >= length) {
				parser->incomplete = true;
				break;
			}
			if (text[i + 1] == '\n') {
				advance_lines(parser, i, i + 2);
				i += 2;
				continue;
			}
			strbuf_append(&word, text + i, 2);
			i += 2;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`' || c == '$') {
			long end = lex_skip_construct(text, length, i);
			if (end == -2) {
				parser->error = true;
				snprintf(parser->message, sizeof(parser->message),
					 "line %d, column %d: syntax error in command substitution",
					 parser->line, (int)(i - parser->line_start) + 1);
				i = length;
				break;
			}
			if (end < 0) {
				parser->incomplete = true;
				i = length;
				break;
			}
			strbuf_append(&word, text + i, (size_t)end - i);
			advance_lines(parser, i, (size_t)end);
			i = (size_t)end;
			continue;
		}
		strbuf_add(&word, c);
		i++;
	}
	parser->position = i;
	parser->token_word = strbuf_finish(&word);
	if (parser->incomplete || parser->error)
		return T_EOF;
	bool digits = parser->token_word[0] != '\0';
	for (const char *p = parser->token_word; *p; p++)
		if (*p < '0' || *p > '9')
			digits = false;
	if (digits && i < length && (text[i] == '<' || text[i] == '>'))
		return T_IO_NUMBER;
	return T_WORD;
}

/* Removes quotes from a here-document delimiter; tells whether there were any. */
static char *unquote_delimiter(const char *raw, bool *quoted)
{
	struct strbuf out = {0};
	*quoted = false;
	for (const char *p = raw; *p; p++) {
		if (*p == '\\' && p[1]) {
			*quoted = true;
			strbuf_add(&out, *++p);
		} else if (*p == '\'' || *p == '"') {
			char close = *p;
			*quoted = true;
			for (p++; *p && *p != close; p++)
				strbuf_add(&out, *p);
			if (!*p)
				break;
		} else
			strbuf_add(&out, *p);
	}
	return strbuf_finish(&out);
}

/* Reads the bodies of the here-documents whose operators were on the line just ended. */
static void read_heredocs(struct parser *parser)
{
	for (int n = 0; n < parser->pending_count; n++) {
		struct redir *redir = parser->pending_heredocs[n];
		char *delimiter = unquote_delimiter(redir->word, &redir->body_quoted);
		struct strbuf body = {0};
		bool found = false;
		while (parser->position < parser->length) {
			size_t start = parser->position;
			const char *newline =
				memchr(parser->text + start, '\n', parser->length - start);
			size_t end = newline ? (size_t)(newline - parser->text) : parser->length;
			if (!newline) {
				/* the last line has no newline: more input might follow */
				break;
			}
			parser->position = end + 1;
			parser->line++;
			parser->line_start = parser->position;
			if (redir->strip_tabs)
				while (start < end && parser->text[start] == '\t')
					start++;
			if (end - start == strlen(delimiter) &&
			    memcmp(parser->text + start, delimiter, end - start) == 0) {
				found = true;
				break;
			}
			strbuf_append(&body, parser->text + start, end - start);
			strbuf_add(&body, '\n');
		}
		free(delimiter);
		redir->body = strbuf_finish(&body);
		if (!found) {
			parser->incomplete = true;
			return;
		}
	}
	parser->pending_count = 0;
}

int lex_next(struct parser *parser)
{
	const char *text = parser->text;
	size_t length = parser->length;
	free(parser->token_word);
	parser->token_word = NULL;
	for (;;) {
		while (parser->position < length &&
		       (text[parser->position] == ' ' || text[parser->position] == '\t'))
			parser->position++;
		if (parser->position + 1 < length && text[parser->position] == '\\' &&
		    text[parser->position + 1] == '\n') {
			advance_lines(parser, parser->position, parser->position + 2);
			parser->position += 2;
			continue;
		}
		break;
	}
	if (parser->position < length && text[parser->position] == '#')
		while (parser->position < length && text[parser->position] != '\n')
			parser->position++;
	parser->token_start = parser->position;
	parser->token_line = parser->line;
	parser->token_column = (int)(parser->position - parser->line_start) + 1;
	if (parser->position >= length)
		return T_EOF;
	char c = text[parser->position];
	if (c == '\n') {
		parser->position++;
		parser->line++;
		parser->line_start = parser->position;
		if (parser->pending_count)
			read_heredocs(parser);
		return T_NEWLINE;
	}
	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		size_t n = strlen(operators[i].text);
		if (parser->position + n <= length &&
		    memcmp(text + parser->position, operators[i].text, n) == 0) {
			parser->position += n;
			return operators[i].token;
		}
	}
	return read_word(parser);
}

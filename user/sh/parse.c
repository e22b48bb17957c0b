/*
 * The shell grammar (XCU 2.9 and 2.10), by recursive descent over the tokens of lex.c:
 *
 *   complete_command: and_or ((';' | '&') and_or)*        ended by a newline
 *   and_or:    pipeline (('&&' | '||') newline* pipeline)*
 *   pipeline:  ['!'] command ('|' newline* command)*
 *   command:   simple_command | compound_command redirect* | NAME '(' ')' compound_command
 *   compound:  { list } | ( list ) | if | while | until | for | case
 *
 * Reserved words are recognised only where a command may start (and `in`/`do` where the
 * for and case grammar expects them). A syntax error names the line, the column and the
 * token found; when the text simply ends too early, parser->incomplete is set instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static struct node *parse_and_or(struct parser *parser);
static struct node *parse_list(struct parser *parser);
static struct node *parse_command_node(struct parser *parser);

void parser_init(struct parser *parser, const char *text, size_t length, int first_line)
{
	memset(parser, 0, sizeof(*parser));
	parser->text = text;
	parser->length = length;
	parser->line = parser->line_base = first_line;
}

bool parse_is_name(const char *text, size_t length)
{
	if (length == 0 || (text[0] >= '0' && text[0] <= '9'))
		return false;
	for (size_t i = 0; i < length; i++) {
		char c = text[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

static int peek(struct parser *parser)
{
	if (!parser->token_valid) {
		parser->token = lex_next(parser);
		parser->token_valid = true;
	}
	return parser->token;
}

static void consume(struct parser *parser)
{
	parser->token_valid = false;
}

/* The current word, taken over by the caller. */
static char *take_word(struct parser *parser)
{
	char *word = parser->token_word;
	parser->token_word = NULL;
	consume(parser);
	return word;
}

static bool is_keyword(struct parser *parser, const char *keyword)
{
	return peek(parser) == T_WORD && strcmp(parser->token_word, keyword) == 0;
}

static bool failed(struct parser *parser)
{
	return parser->error || parser->incomplete;
}

static void *syntax_error(struct parser *parser)
{
	if (failed(parser))
		return NULL;
	peek(parser);
	if (parser->incomplete)
		return NULL;
	if (parser->token == T_EOF) {
		parser->incomplete = true;
		return NULL;
	}
	parser->error = true;
	const char *found = parser->token == T_WORD || parser->token == T_IO_NUMBER
				    ? parser->token_word
				    : lex_token_name(parser->token);
	snprintf(parser->message, sizeof(parser->message),
		 "line %d, column %d: syntax error near unexpected '%s'", parser->token_line,
		 parser->token_column, found);
	return NULL;
}

static bool expect_keyword(struct parser *parser, const char *keyword)
{
	if (!is_keyword(parser, keyword)) {
		syntax_error(parser);
		return false;
	}
	consume(parser);
	return true;
}

static void skip_newlines(struct parser *parser)
{
	while (peek(parser) == T_NEWLINE)
		consume(parser);
}

static struct node *new_node(struct parser *parser, enum node_type type)
{
	struct node *node = calloc(1, sizeof(*node));
	if (!node)
		abort();
	node->type = type;
	node->line = parser->token_valid ? parser->token_line : parser->line;
	return node;
}

static struct word_list *add_word(struct word_list **tail, char *word)
{
	struct word_list *item = xmalloc(sizeof(*item));
	item->word = word;
	item->next = NULL;
	while (*tail)
		tail = &(*tail)->next;
	*tail = item;
	return item;
}

static bool is_redirect_token(int token)
{
	return token >= T_LESS && token <= T_IO_NUMBER;
}

/* One redirection (the IO number, if any, already peeked); false on error. */
static bool parse_redirect(struct parser *parser, struct redir ***tail)
{
	int fd = -1;
	if (peek(parser) == T_IO_NUMBER) {
		fd = atoi(parser->token_word);
		consume(parser);
	}
	int token = peek(parser);
	consume(parser);
	struct redir *redir = calloc(1, sizeof(*redir));
	static const struct {
		int token;
		enum redir_type type;
		int fd;
	} kinds[] = {
		{T_LESS, R_IN, 0},
		{T_GREAT, R_OUT, 1},
		{T_DGREAT, R_APPEND, 1},
		{T_CLOBBER, R_CLOBBER, 1},
		{T_LESSGREAT, R_READWRITE, 0},
		{T_LESSAND, R_DUP_IN, 0},
		{T_GREATAND, R_DUP_OUT, 1},
		{T_DLESS, R_HEREDOC, 0},
		{T_DLESSDASH, R_HEREDOC, 0},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].token == token) {
			redir->type = kinds[i].type;
			redir->fd = fd >= 0 ? fd : kinds[i].fd;
		}
	redir->strip_tabs = token == T_DLESSDASH;
	if (peek(parser) != T_WORD) {
		free(redir);
		syntax_error(parser);
		return false;
	}
	redir->word = take_word(parser);
	if (redir->type == R_HEREDOC) {
		if (parser->pending_count == 16) {
			free(redir);
			parser->error = true;
			snprintf(parser->message, sizeof(parser->message),
				 "line %d: too many here-documents", parser->line);
			return false;
		}
		parser->pending_heredocs[parser->pending_count++] = redir;
	}
	**tail = redir;
	*tail = &redir->next;
	return true;
}

static void parse_trailing_redirects(struct parser *parser, struct node *node)
{
	struct redir **tail = &node->redirs;
	while (!failed(parser) && is_redirect_token(peek(parser)))
		parse_redirect(parser, &tail);
}

static bool is_list_end(struct parser *parser)
{
	static const char *const ends[] = {"then", "else", "elif", "fi", "do", "done", "esac", "}"};
	int token = peek(parser);
	if (token == T_EOF || token == T_RPAREN || token == T_DSEMI)
		return true;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (is_keyword(parser, ends[i]))
			return true;
	return false;
}

/* One and-or list and its terminator (& runs it in the background, ; just ends it),
 * appended to `result` (the list so far, or NULL). NULL on error. */
static struct node *parse_list_item(struct parser *parser, struct node *result)
{
	struct node *item = parse_and_or(parser);
	if (!item)
		return NULL;
	if (peek(parser) == T_AMP) {
		struct node *background = new_node(parser, N_BACKGROUND);
		background->pair.left = item;
		background->text = item->text;
		item = background;
		consume(parser);
	} else if (peek(parser) == T_SEMI) {
		consume(parser);
	}
	if (!result)
		return item;
	struct node *sequence = new_node(parser, N_SEQUENCE);
	sequence->pair.left = result;
	sequence->pair.right = item;
	return sequence;
}

/* A compound list: commands separated by ; & or newlines, up to a closing keyword. */
static struct node *parse_list(struct parser *parser)
{
	struct node *result = NULL;
	skip_newlines(parser);
	while (!failed(parser) && !is_list_end(parser)) {
		result = parse_list_item(parser, result);
		if (!result)
			return NULL;
		skip_newlines(parser);
	}
	if (!result && !failed(parser))
		return syntax_error(parser);
	return result;
}

static struct node *parse_if(struct parser *parser)
{
	struct node *node = new_node(parser, N_IF);
	consume(parser); /* if or elif */
	node->cond.condition = parse_list(parser);
	if (failed(parser) || !expect_keyword(parser, "then"))
		return NULL;
	node->cond.then_part = parse_list(parser);
	if (failed(parser))
		return NULL;
	if (is_keyword(parser, "elif")) {
		node->cond.else_part = parse_if(parser);
		return failed(parser) ? NULL : node;
	}
	if (is_keyword(parser, "else")) {
		consume(parser);
		node->cond.else_part = parse_list(parser);
	}
	if (failed(parser) || !expect_keyword(parser, "fi"))
		return NULL;
	return node;
}

static struct node *parse_do_group(struct parser *parser)
{
	skip_newlines(parser);
	if (!expect_keyword(parser, "do"))
		return NULL;
	struct node *body = parse_list(parser);
	if (failed(parser) || !expect_keyword(parser, "done"))
		return NULL;
	return body;
}

static struct node *parse_while(struct parser *parser, enum node_type type)
{
	struct node *node = new_node(parser, type);
	consume(parser);
	node->cond.condition = parse_list(parser);
	if (failed(parser))
		return NULL;
	node->cond.then_part = parse_do_group(parser);
	return failed(parser) ? NULL : node;
}

static struct node *parse_for(struct parser *parser)
{
	struct node *node = new_node(parser, N_FOR);
	consume(parser);
	if (peek(parser) != T_WORD ||
	    !parse_is_name(parser->token_word, strlen(parser->token_word)))
		return syntax_error(parser);
	node->for_loop.variable = take_word(parser);
	skip_newlines(parser);
	if (is_keyword(parser, "in")) {
		consume(parser);
		node->for_loop.has_in = true;
		while (peek(parser) == T_WORD)
			add_word(&node->for_loop.words, take_word(parser));
		if (peek(parser) != T_SEMI && peek(parser) != T_NEWLINE)
			return syntax_error(parser);
		consume(parser);
	} else if (peek(parser) == T_SEMI)
		consume(parser);
	node->for_loop.body = parse_do_group(parser);
	return failed(parser) ? NULL : node;
}

static struct node *parse_case(struct parser *parser)
{
	struct node *node = new_node(parser, N_CASE);
	consume(parser);
	if (peek(parser) != T_WORD)
		return syntax_error(parser);
	node->case_command.word = take_word(parser);
	skip_newlines(parser);
	if (!expect_keyword(parser, "in"))
		return NULL;
	struct case_item **tail = &node->case_command.items;
	skip_newlines(parser);
	while (!failed(parser) && !is_keyword(parser, "esac")) {
		struct case_item *item = calloc(1, sizeof(*item));
		if (peek(parser) == T_LPAREN)
			consume(parser);
		for (;;) {
			if (peek(parser) != T_WORD)
				return syntax_error(parser);
			add_word(&item->patterns, take_word(parser));
			if (peek(parser) != T_PIPE)
				break;
			consume(parser);
		}
		if (peek(parser) != T_RPAREN)
			return syntax_error(parser);
		consume(parser);
		skip_newlines(parser);
		if (peek(parser) != T_DSEMI && !is_keyword(parser, "esac"))
			item->body = parse_list(parser);
		*tail = item;
		tail = &item->next;
		if (failed(parser))
			return NULL;
		if (peek(parser) == T_DSEMI) {
			consume(parser);
			skip_newlines(parser);
		} else if (!is_keyword(parser, "esac"))
			return syntax_error(parser);
	}
	if (failed(parser))
		return NULL;
	consume(parser); /* esac */
	return node;
}

static struct node *parse_group(struct parser *parser, enum node_type type)
{
	struct node *node = new_node(parser, type);
	consume(parser);
	node->group.body = parse_list(parser);
	if (failed(parser))
		return NULL;
	if (type == N_SUBSHELL) {
		if (peek(parser) != T_RPAREN)
			return syntax_error(parser);
		consume(parser);
	} else if (!expect_keyword(parser, "}"))
		return NULL;
	return node;
}

/* A compound command at the current token, or NULL (without error) if there is none. */
static struct node *parse_compound(struct parser *parser, bool *found)
{
	struct node *node = NULL;
	*found = true;
	if (peek(parser) == T_LPAREN)
		node = parse_group(parser, N_SUBSHELL);
	else if (is_keyword(parser, "{"))
		node = parse_group(parser, N_GROUP);
	else if (is_keyword(parser, "if"))
		node = parse_if(parser);
	else if (is_keyword(parser, "while"))
		node = parse_while(parser, N_WHILE);
	else if (is_keyword(parser, "until"))
		node = parse_while(parser, N_UNTIL);
	else if (is_keyword(parser, "for"))
		node = parse_for(parser);
	else if (is_keyword(parser, "case"))
		node = parse_case(parser);
	else
		*found = false;
	if (node)
		parse_trailing_redirects(parser, node);
	return failed(parser) ? NULL : node;
}

static struct node *parse_simple(struct parser *parser)
{
	struct node *node = new_node(parser, N_SIMPLE);
	struct redir **redir_tail = &node->redirs;
	bool any = false;
	for (;;) {
		int token = peek(parser);
		if (is_redirect_token(token)) {
			if (!parse_redirect(parser, &redir_tail))
				return NULL;
		} else if (token == T_WORD) {
			size_t name_length;
			if (!node->simple.words &&
			    var_assignment_split(parser->token_word, &name_length))
				add_word(&node->simple.assigns, take_word(parser));
			else
				add_word(&node->simple.words, take_word(parser));
		} else
			break;
		any = true;
	}
	if (!any)
		return syntax_error(parser);
	/* NAME ( ) compound-command: a function definition */
	struct word_list *words = node->simple.words;
	if (peek(parser) == T_LPAREN && words && !words->next && !node->simple.assigns &&
	    !node->redirs) {
		if (!parse_is_name(words->word, strlen(words->word)))
			return syntax_error(parser);
		consume(parser);
		if (peek(parser) != T_RPAREN)
			return syntax_error(parser);
		consume(parser);
		skip_newlines(parser);
		bool found;
		struct node *body = parse_compound(parser, &found);
		if (!found)
			return syntax_error(parser);
		if (!body)
			return NULL;
		node->type = N_FUNCTION;
		node->function.name = words->word;
		node->function.body = body;
		free(words); /* the list item; its word is the name now */
	}
	return node;
}

static struct node *parse_command_node(struct parser *parser)
{
	bool found;
	struct node *node = parse_compound(parser, &found);
	if (found || failed(parser))
		return node;
	if (is_list_end(parser) || is_keyword(parser, "in"))
		return syntax_error(parser);
	return parse_simple(parser);
}

static struct node *parse_pipeline(struct parser *parser)
{
	bool negate = false;
	peek(parser);
	size_t start = parser->token_start;
	while (is_keyword(parser, "!")) {
		negate = !negate;
		consume(parser);
	}
	struct node *first = parse_command_node(parser);
	if (!first)
		return NULL;
	struct node *result = first;
	if (peek(parser) == T_PIPE) {
		result = new_node(parser, N_PIPE);
		int capacity = 4;
		result->pipe.commands = xmalloc(sizeof(struct node *) * capacity);
		result->pipe.commands[result->pipe.count++] = first;
		while (peek(parser) == T_PIPE) {
			consume(parser);
			skip_newlines(parser);
			struct node *next = parse_command_node(parser);
			if (!next)
				return NULL;
			if (result->pipe.count == capacity) {
				capacity *= 2;
				result->pipe.commands = xrealloc(result->pipe.commands,
								 sizeof(struct node *) * capacity);
			}
			result->pipe.commands[result->pipe.count++] = next;
		}
	}
	size_t end = parser->token_valid ? parser->token_start : parser->position;
	while (end > start && (parser->text[end - 1] == ' ' || parser->text[end - 1] == '\n'))
		end--;
	result->text = xstrndup(parser->text + start, end - start);
	if (negate) {
		struct node *not_node = new_node(parser, N_NOT);
		not_node->pair.left = result;
		not_node->text = result->text;
		result = not_node;
	}
	return result;
}

static struct node *parse_and_or(struct parser *parser)
{
	struct node *left = parse_pipeline(parser);
	while (left && (peek(parser) == T_AND_IF || peek(parser) == T_OR_IF)) {
		struct node *node = new_node(parser, peek(parser) == T_AND_IF ? N_AND : N_OR);
		consume(parser);
		skip_newlines(parser);
		node->pair.left = left;
		node->pair.right = parse_pipeline(parser);
		if (!node->pair.right)
			return NULL;
		node->text = left->text;
		left = node;
	}
	return left;
}

struct node *parse_command(struct parser *parser)
{
	skip_newlines(parser);
	if (failed(parser) || peek(parser) == T_EOF)
		return NULL;
	struct node *result = NULL;
	for (;;) {
		result = parse_list_item(parser, result);
		if (!result)
			return NULL;
		int token = peek(parser);
		if (token == T_NEWLINE) {
			consume(parser); /* reads pending here-documents */
			break;
		}
		if (token == T_EOF) {
			if (parser->pending_count)
				parser->incomplete = true;
			break;
		}
		if (failed(parser))
			return NULL;
		if (token != T_WORD && token != T_IO_NUMBER && token != T_LPAREN &&
		    !is_redirect_token(token))
			return syntax_error(parser);
	}
	return failed(parser) ? NULL : result;
}

long parse_skip_command_substitution(const char *text, size_t length, size_t start)
{
	struct parser parser;
	parser_init(&parser, text, length, 1);
	parser.position = start + 2;
	if (peek(&parser) != T_RPAREN)
		parse_free(parse_list(&parser));
	long end = parser.error ? -2 : -1;
	if (!failed(&parser) && peek(&parser) == T_RPAREN)
		end = (long)parser.token_start + 1;
	else if (!parser.incomplete && !parser.error && peek(&parser) != T_EOF)
		end = -2; /* some other token where ')' belongs */
	free(parser.token_word);
	return end;
}

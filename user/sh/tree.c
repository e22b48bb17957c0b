/*
 * Freeing a parse tree (parse.c builds them): every node, word list, redirection and
 * here-document body, except what a function definition handed to the function table.
 */
#include <stdlib.h>

#include "sh.h"

static void free_words(struct word_list *words)
{
	while (words) {
		struct word_list *next = words->next;
		free(words->word);
		free(words);
		words = next;
	}
}

void parse_free(struct node *node)
{
	if (!node)
		return;
	for (struct redir *r = node->redirs, *next; r; r = next) {
		next = r->next;
		free(r->word);
		free(r->body);
		free(r);
	}
	switch (node->type) {
	case N_SIMPLE:
		free_words(node->simple.assigns);
		free_words(node->simple.words);
		break;
	case N_PIPE:
		for (int i = 0; i < node->pipe.count; i++)
			parse_free(node->pipe.commands[i]);
		free(node->pipe.commands);
		break;
	case N_AND:
	case N_OR:
	case N_SEQUENCE:
	case N_BACKGROUND:
	case N_NOT:
		parse_free(node->pair.left);
		parse_free(node->pair.right);
		node->text = NULL; /* borrowed from the pipeline inside */
		break;
	case N_SUBSHELL:
	case N_GROUP:
		parse_free(node->group.body);
		break;
	case N_IF:
	case N_WHILE:
	case N_UNTIL:
		parse_free(node->cond.condition);
		parse_free(node->cond.then_part);
		parse_free(node->cond.else_part);
		break;
	case N_FOR:
		free(node->for_loop.variable);
		free_words(node->for_loop.words);
		parse_free(node->for_loop.body);
		break;
	case N_CASE:
		free(node->case_command.word);
		for (struct case_item *item = node->case_command.items, *next; item; item = next) {
			next = item->next;
			free_words(item->patterns);
			parse_free(item->body);
			free(item);
		}
		break;
	case N_FUNCTION:
		free(node->function.name); /* the body now belongs to the function table */
		break;
	}
	free(node->text);
	free(node);
}

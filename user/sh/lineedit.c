/*
 * The interactive line editor: the terminal goes into non-canonical mode without echo
 * (termios(3): ICANON, ECHO and ISIG off, VMIN 1) while a line is typed, so the shell sees
 * every key: printable characters insert at the cursor, Backspace/Delete erase, the arrows
 * (VT100 "ESC [ A/B/C/D") move and recall history, Home/End and Ctrl-A/Ctrl-E jump,
 * Ctrl-U/Ctrl-K/Ctrl-W cut, Tab completes (complete.c), Ctrl-L clears the screen, Ctrl-C
 * abandons the line and Ctrl-D on an empty line is end of input. After each change the
 * line is redrawn: carriage return, prompt, text, "erase to end of line", then the cursor
 * moved back into place. The terminal's own settings come back before the line is
 * returned, so programs run with the canonical terminal they expect.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

#define HISTORY_SIZE 100

static char *history[HISTORY_SIZE];
static int history_count;

struct editor {
	int fd;
	const char *prompt;
	struct strbuf out; /* what to write to the terminal next */
	char *text;
	size_t length, capacity, cursor;
};

static void flush_output(struct editor *e)
{
	size_t done = 0;
	while (done < e->out.length) {
		ssize_t n = write(2, e->out.data + done, e->out.length - done);
		if (n <= 0 && errno != EINTR)
			break;
		if (n > 0)
			done += (size_t)n;
	}
	e->out.length = 0;
}

static void redraw(struct editor *e)
{
	strbuf_puts(&e->out, "\r");
	strbuf_puts(&e->out, e->prompt);
	strbuf_append(&e->out, e->text, e->length);
	strbuf_puts(&e->out, "\x1b[K");
	if (e->cursor < e->length) {
		char move[32];
		snprintf(move, sizeof(move), "\x1b[%zuD", e->length - e->cursor);
		strbuf_puts(&e->out, move);
	}
}

static void set_text(struct editor *e, const char *text)
{
	e->length = 0;
	e->cursor = 0;
	size_t length = strlen(text);
	if (length + 1 > e->capacity) {
		e->capacity = length + 64;
		e->text = xrealloc(e->text, e->capacity);
	}
	memcpy(e->text, text, length);
	e->length = e->cursor = length;
}

static void insert(struct editor *e, char c)
{
	if (e->length + 2 > e->capacity) {
		e->capacity = e->capacity * 2 + 64;
		e->text = xrealloc(e->text, e->capacity);
	}
	memmove(e->text + e->cursor + 1, e->text + e->cursor, e->length - e->cursor);
	e->text[e->cursor++] = c;
	e->length++;
}

static void erase(struct editor *e, size_t from, size_t to)
{
	memmove(e->text + from, e->text + to, e->length - to);
	e->length -= to - from;
	if (e->cursor > to)
		e->cursor -= to - from;
	else if (e->cursor > from)
		e->cursor = from;
}

static void add_history(const char *line)
{
	if (!*line || (history_count && strcmp(history[history_count - 1], line) == 0))
		return;
	if (history_count == HISTORY_SIZE) {
		free(history[0]);
		memmove(history, history + 1, sizeof(char *) * (HISTORY_SIZE - 1));
		history_count--;
	}
	history[history_count++] = xstrdup(line);
}

/* Reads the rest of an escape sequence; returns a key code: 'A'..'D', 'H', 'F', or 'x'
 * for Delete, or 0 for anything else. */
static char read_escape(int fd)
{
	char c, kind;
	if (read(fd, &kind, 1) != 1 || (kind != '[' && kind != 'O'))
		return 0;
	if (read(fd, &c, 1) != 1)
		return 0;
	if (c >= '0' && c <= '9') {
		char tilde;
		if (read(fd, &tilde, 1) != 1 || tilde != '~')
			return 0;
		return c == '1' || c == '7' ? 'H' : c == '4' || c == '8' ? 'F' : c == '3' ? 'x' : 0;
	}
	return c;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tab: complete the word before the cursor as far as all candidates agree; when that adds
 * nothing and there are several, list them under the line. */
static void complete(struct editor *e)
{
	struct string_list candidates = {0};
	char *line = xstrndup(e->text ? e->text : "", e->length);
	size_t start = complete_word(line, e->cursor, &candidates);
	free(line);
	if (candidates.count == 0)
		return;
	size_t common = strlen(candidates.items[0]);
	for (int i = 1; i < candidates.count; i++) {
		size_t n = 0;
		while (n < common && candidates.items[i][n] == candidates.items[0][n])
			n++;
		common = n;
	}
	size_t typed = e->cursor - start;
	if (common > typed) {
		for (size_t i = typed; i < common; i++)
			insert(e, candidates.items[0][i]);
		if (candidates.count == 1 && candidates.items[0][common - 1] != '/')
			insert(e, ' ');
	} else if (candidates.count > 1) {
		qsort(candidates.items, (size_t)candidates.count, sizeof(char *), compare_strings);
		strbuf_puts(&e->out, "\r\n");
		for (int i = 0; i < candidates.count; i++) {
			strbuf_puts(&e->out, candidates.items[i]);
			strbuf_puts(&e->out, i + 1 < candidates.count ? "  " : "\r\n");
		}
	}
	list_free(&candidates);
}

/* Handles one key; returns 1 when the line is finished, -1 at end of input, else 0. */
static int handle_key(struct editor *e, char c, int *history_index, char **scratch)
{
	switch (c) {
	case '\r':
	case '\n':
		e->cursor = e->length;
		redraw(e);
		strbuf_puts(&e->out, "\r\n");
		return 1;
	case 4: /* Ctrl-D */
		if (e->length == 0)
			return -1;
		if (e->cursor < e->length)
			erase(e, e->cursor, e->cursor + 1);
		break;
	case 3: /* Ctrl-C */
		strbuf_puts(&e->out, "^C\r\n");
		e->length = e->cursor = 0;
		shell.status = 130;
		break;
	case 127:
	case 8:
		if (e->cursor > 0)
			erase(e, e->cursor - 1, e->cursor);
		break;
	case 1:
		e->cursor = 0;
		break;
	case 5:
		e->cursor = e->length;
		break;
	case 2:
		if (e->cursor > 0)
			e->cursor--;
		break;
	case 6:
		if (e->cursor < e->length)
			e->cursor++;
		break;
	case 11:
		e->length = e->cursor;
		break;
	case 21:
		erase(e, 0, e->cursor);
		break;
	case 23: {
		size_t start = e->cursor;
		while (start > 0 && e->text[start - 1] == ' ')
			start--;
		while (start > 0 && e->text[start - 1] != ' ')
			start--;
		erase(e, start, e->cursor);
		break;
	}
	case 12:
		strbuf_puts(&e->out, "\x1b[H\x1b[2J");
		break;
	case '\t':
		complete(e);
		break;
	case 16:
	case 14:
	case 27: {
		char key = c == 16 ? 'A' : c == 14 ? 'B' : read_escape(e->fd);
		if (key == 'A' || key == 'B') {
			int index = *history_index + (key == 'A' ? -1 : 1);
			if (index < 0 || index > history_count)
				break;
			if (*history_index == history_count) {
				free(*scratch);
				*scratch = xstrndup(e->text, e->length);
			}
			*history_index = index;
			set_text(e, index == history_count ? *scratch : history[index]);
		} else if (key == 'C' && e->cursor < e->length)
			e->cursor++;
		else if (key == 'D' && e->cursor > 0)
			e->cursor--;
		else if (key == 'H')
			e->cursor = 0;
		else if (key == 'F')
			e->cursor = e->length;
		else if (key == 'x' && e->cursor < e->length)
			erase(e, e->cursor, e->cursor + 1);
		break;
	}
	default:
		if ((unsigned char)c < 32)
			break;
		insert(e, c);
		if (e->cursor == e->length) { /* typing at the end: no need to redraw */
			strbuf_add(&e->out, c);
			return 0;
		}
		break;
	}
	redraw(e);
	return 0;
}

char *lineedit_read(int fd, const char *prompt)
{
	struct termios saved, raw;
	if (tcgetattr(fd, &saved) < 0)
		return NULL;
	raw = saved;
	raw.c_lflag &= ~(unsigned)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(unsigned)(ICRNL | IXON);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(fd, TCSANOW, &raw);
	struct editor e = {.fd = fd, .prompt = prompt};
	char *scratch = NULL;
	int history_index = history_count, result = 0;
	strbuf_puts(&e.out, prompt);
	flush_output(&e);
	while (result == 0) {
		char c;
		ssize_t n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			result = -1;
			break;
		}
		result = handle_key(&e, c, &history_index, &scratch);
		flush_output(&e);
	}
	tcsetattr(fd, TCSANOW, &saved);
	free(scratch);
	free(e.out.data);
	if (result < 0) {
		free(e.text);
		write(2, "\r\n", 2);
		return NULL;
	}
	char *line = xstrndup(e.text ? e.text : "", e.length);
	free(e.text);
	add_history(line);
	return line;
}

/*
 * Kernel command-line parsing (include/cmdline.h). Pure code, also built into the host tests.
 * The text is copied once and split in place into words; lookups scan the words.
 */
#include "cmdline.h"
#include "string.h"

#define CMDLINE_MAX_WORDS 64

static char original[CMDLINE_MAX];
static char storage[CMDLINE_MAX];
static const char *words[CMDLINE_MAX_WORDS];
static size_t word_count;

void cmdline_init(const char *text)
{
	size_t in = 0, out = 0;

	strlcpy(original, text ? text : "", sizeof(original));
	word_count = 0;
	while (original[in] && word_count < CMDLINE_MAX_WORDS) {
		while (original[in] == ' ' || original[in] == '\t')
			in++;
		if (!original[in])
			break;
		words[word_count++] = &storage[out];
		bool quoted = false;
		while (original[in] && (quoted || (original[in] != ' ' && original[in] != '\t'))) {
			if (original[in] == '"')
				quoted = !quoted;
			else
				storage[out++] = original[in];
			in++;
		}
		storage[out++] = '\0';
	}
}

const char *cmdline_text(void)
{
	return original;
}

/* The word whose key (the part before '=') equals key, or NULL. */
static const char *find_word(const char *key)
{
	size_t key_length = strlen(key);
	for (size_t i = 0; i < word_count; i++) {
		if (strncmp(words[i], key, key_length) == 0 &&
		    (words[i][key_length] == '\0' || words[i][key_length] == '='))
			return words[i];
	}
	return NULL;
}

bool cmdline_has(const char *flag)
{
	return find_word(flag) != NULL;
}

const char *cmdline_get(const char *key)
{
	const char *word = find_word(key);
	if (!word || word[strlen(key)] != '=')
		return NULL;
	return word + strlen(key) + 1;
}

int cmdline_init_argv(const char **argv, int max_arguments)
{
	static char storage_copy[CMDLINE_MAX];
	int argc = 0;
	size_t init_word = word_count;
	for (size_t i = 0; i < word_count; i++) {
		if (strncmp(words[i], "init=", 5) == 0)
			init_word = i;
	}
	if (init_word == word_count || !words[init_word][5])
		return 0;
	/* The init= value itself, split at spaces (quotes may have grouped several words). */
	strlcpy(storage_copy, words[init_word] + 5, sizeof(storage_copy));
	char *at = storage_copy;
	while (*at && argc < max_arguments) {
		while (*at == ' ')
			*at++ = '\0';
		if (!*at)
			break;
		argv[argc++] = at;
		while (*at && *at != ' ')
			at++;
	}
	/* Then, as Linux does, the later words the kernel does not use: those without '='. */
	for (size_t i = init_word + 1; i < word_count && argc < max_arguments; i++) {
		if (!strchr(words[i], '=') && strcmp(words[i], "test") != 0 &&
		    strcmp(words[i], "sched_demo") != 0)
			argv[argc++] = words[i];
	}
	argv[argc] = NULL;
	return argc;
}

int64_t cmdline_get_int(const char *key, int64_t fallback)
{
	const char *value = cmdline_get(key);
	int64_t result = 0;
	bool negative = false;

	if (!value || !*value)
		return fallback;
	if (*value == '-') {
		negative = true;
		value++;
	}
	if (!*value)
		return fallback;
	for (; *value; value++) {
		if (*value < '0' || *value > '9')
			return fallback;
		result = result * 10 + (*value - '0');
	}
	return negative ? -result : result;
}

/* ls: list directory contents, one per line, sorted by name as POSIX asks; -l adds type,
 * size and links (man 1 ls). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int long_format;

static char type_letter(unsigned mode)
{
	if (S_ISDIR(mode))
		return 'd';
	if (S_ISLNK(mode))
		return 'l';
	if (S_ISCHR(mode))
		return 'c';
	if (S_ISFIFO(mode))
		return 'p';
	return '-';
}

static void show(const char *directory, const char *name)
{
	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	char path[1024];
	struct stat info;
	snprintf(path, sizeof(path), "%s/%s", directory, name);
	if (lstat(path, &info) != 0) {
		printf("? %s\n", name);
		return;
	}
	printf("%c%03o %2lu %8ld %s\n", type_letter(info.st_mode), info.st_mode & 0777,
	       (unsigned long)info.st_nlink, (long)info.st_size, name);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *path)
{
	struct stat info;
	if (stat(path, &info) != 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(info.st_mode)) {
		show(".", path);
		return 0;
	}
	DIR *directory = opendir(path);
	if (!directory) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct dirent *entry;
	char **names = NULL;
	size_t count = 0, capacity = 0;
	int status = 0;
	while ((entry = readdir(directory)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		if (count == capacity) {
			capacity = capacity ? capacity * 2 : 64;
			char **bigger = realloc(names, capacity * sizeof(char *));
			if (!bigger) {
				status = 1;
				break;
			}
			names = bigger;
		}
		if (!(names[count] = strdup(entry->d_name))) {
			status = 1;
			break;
		}
		count++;
	}
	closedir(directory);
	if (status)
		fprintf(stderr, "ls: %s: out of memory\n", path);
	if (count)
		qsort(names, count, sizeof(char *), compare_names);
	for (size_t i = 0; i < count; i++) {
		show(path, names[i]);
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	int first = 1, status = 0;
	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		long_format = 1;
		first = 2;
	}
	if (first < argc && argv[first][0] == '-' && argv[first][1]) {
		fprintf(stderr, "usage: ls [-l] [FILE...]\n");
		return 2;
	}
	if (first == argc)
		return list(".");
	for (int i = first; i < argc; i++)
		status |= list(argv[i]);
	return status;
}

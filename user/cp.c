/*
 * cp: copy files (cp(1p)): `cp SOURCE DESTINATION`, or `cp FILE... DIRECTORY`; -r copies
 * directories with everything in them. The copy gets the source's permission bits.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool recursive;

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
	int in = open(from, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "cp: cannot open '%s': %s\n", from, strerror(errno));
		return 1;
	}
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode & 0777);
	if (out < 0) {
		fprintf(stderr, "cp: cannot create '%s': %s\n", to, strerror(errno));
		close(in);
		return 1;
	}
	char buffer[8192];
	ssize_t n;
	int status = 0;
	while ((n = read(in, buffer, sizeof(buffer))) > 0) {
		for (ssize_t done = 0; done < n;) {
			ssize_t written = write(out, buffer + done, (size_t)(n - done));
			if (written <= 0) {
				fprintf(stderr, "cp: write error on '%s': %s\n", to,
					strerror(errno));
				n = -1;
				break;
			}
			done += written;
		}
		if (n < 0)
			break;
	}
	if (n < 0)
		status = 1;
	close(in);
	close(out);
	return status;
}

static int copy(const char *from, const char *to)
{
	struct stat st;
	if (stat(from, &st) < 0) {
		fprintf(stderr, "cp: cannot stat '%s': %s\n", from, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return copy_file(from, to, st.st_mode);
	if (!recursive) {
		fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", from);
		return 1;
	}
	if (mkdir(to, st.st_mode & 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "cp: cannot create directory '%s': %s\n", to, strerror(errno));
		return 1;
	}
	int status = 0;
	DIR *directory = opendir(from);
	struct dirent *entry;
	while (directory && (entry = readdir(directory))) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		char child_from[4096], child_to[4096];
		snprintf(child_from, sizeof(child_from), "%s/%s", from, entry->d_name);
		snprintf(child_to, sizeof(child_to), "%s/%s", to, entry->d_name);
		status |= copy(child_from, child_to);
	}
	if (directory)
		closedir(directory);
	return status;
}

int main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && (strcmp(argv[i], "-r") == 0 || strcmp(argv[i], "-R") == 0)) {
		recursive = true;
		i++;
	}
	if (argc - i < 2 || argv[i][0] == '-') {
		fprintf(stderr,
			"usage: cp [-r] SOURCE DESTINATION | cp [-r] SOURCE... DIRECTORY\n");
		return 1;
	}
	const char *target = argv[argc - 1];
	struct stat st;
	bool into_directory = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc - i > 2 && !into_directory) {
		fprintf(stderr, "cp: target '%s' is not a directory\n", target);
		return 1;
	}
	int status = 0;
	for (; i < argc - 1; i++) {
		char path[4096];
		if (into_directory)
			snprintf(path, sizeof(path), "%s/%s", target, base_name(argv[i]));
		else
			snprintf(path, sizeof(path), "%s", target);
		status |= copy(argv[i], path);
	}
	return status;
}

/*
 * mkinitramfs: write a directory tree as a cpio "newc" archive (man 5 cpio), the format the
 * kernel unpacks at boot (kernel/fs/cpio.c). A host tool, built by the Makefile.
 *
 * Usage: mkinitramfs DIRECTORY > initramfs.cpio
 * Entries are written in sorted order so the same tree always gives the same archive.
 * Owners are written as root and times as 0, for reproducible images.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long next_inode = 1;
static unsigned long written;

static void put_bytes(const void *data, size_t length)
{
	if (fwrite(data, 1, length, stdout) != length) {
		perror("mkinitramfs: write");
		exit(1);
	}
	written += length;
}

static void pad4(void)
{
	static const char zeros[4];
	put_bytes(zeros, (4 - written % 4) % 4);
}

static void put_entry(const char *name, unsigned mode, const void *data, size_t size)
{
	char header[140];
	snprintf(header, sizeof(header),
		 "070701%08lX%08X%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08lX%08X", next_inode++,
		 mode, 0, 0, 1, 0, (unsigned long)size, 0, 0, 0, 0, (unsigned long)strlen(name) + 1,
		 0);
	put_bytes(header, 110);
	put_bytes(name, strlen(name) + 1);
	pad4();
	put_bytes(data, size);
	pad4();
}

static void add_file(const char *path, const char *name, const struct stat *info)
{
	char *data = NULL;
	size_t size = 0;
	if (S_ISREG(info->st_mode)) {
		FILE *file = fopen(path, "rb");
		if (!file) {
			perror(path);
			exit(1);
		}
		size = (size_t)info->st_size;
		data = malloc(size ? size : 1);
		if (!data || fread(data, 1, size, file) != size) {
			fprintf(stderr, "mkinitramfs: cannot read %s\n", path);
			exit(1);
		}
		fclose(file);
	} else if (S_ISLNK(info->st_mode)) {
		data = malloc(4096);
		ssize_t length = readlink(path, data, 4096);
		if (length < 0) {
			perror(path);
			exit(1);
		}
		size = (size_t)length;
	}
	put_entry(name, info->st_mode, data, size);
	free(data);
}

static void add_tree(const char *path, const char *name)
{
	struct dirent **entries;
	int count = scandir(path, &entries, NULL, alphasort);
	if (count < 0) {
		perror(path);
		exit(1);
	}
	for (int i = 0; i < count; i++) {
		const char *entry = entries[i]->d_name;
		if (strcmp(entry, ".") != 0 && strcmp(entry, "..") != 0) {
			char child_path[4096], child_name[4096];
			struct stat info;
			snprintf(child_path, sizeof(child_path), "%s/%s", path, entry);
			snprintf(child_name, sizeof(child_name), "%s%s%s", name, *name ? "/" : "",
				 entry);
			if (lstat(child_path, &info) != 0) {
				perror(child_path);
				exit(1);
			}
			add_file(child_path, child_name, &info);
			if (S_ISDIR(info.st_mode))
				add_tree(child_path, child_name);
		}
		free(entries[i]);
	}
	free(entries);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkinitramfs DIRECTORY > initramfs.cpio\n");
		return 2;
	}
	add_tree(argv[1], "");
	put_entry("TRAILER!!!", 0, NULL, 0);
	static const char zeros[512];
	put_bytes(zeros, (512 - written % 512) % 512);
	return 0;
}

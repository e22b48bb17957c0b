/*
 * The calls sysfuzz makes (docs/robustness.md): the seeded random stream, which numbers and
 * arguments are drawn, and the filters that keep a call from hurting anything but the
 * kernel. main.c runs them in batches.
 */
#include "sysfuzz.h"

/* The head's well-formed structures, for pointer_argument. */
static const size_t structure_offsets[] = {
	offsetof(struct arena_head, iovecs),
	offsetof(struct arena_head, socket_address),
	offsetof(struct arena_head, abstract_address),
	offsetof(struct arena_head, short_time),
	offsetof(struct arena_head, argv),
	offsetof(struct arena_head, operations),
	offsetof(struct arena_head, message),
	offsetof(struct arena_head, polls),
	offsetof(struct arena_head, fd_bits),
	offsetof(struct arena_head, futex_word),
	offsetof(struct arena_head, timer),
	offsetof(struct arena_head, action),
	offsetof(struct arena_head, pair),
	offsetof(struct arena_head, epoll_event),
};

static const char *const path_names[PATH_COUNT] = {
	FUZZ_DIR "/a",
	FUZZ_DIR "/b",
	FUZZ_DIR "/d",
	FUZZ_DIR "/d/e",
	FUZZ_DIR "/f",
	FUZZ_DIR "/fifo",
	FUZZ_DIR "/sock",
	FUZZ_DIR "/a/x",
	FUZZ_DIR,
	FUZZ_DIR "/d/../b",
	"/",
	".",
	"..",
	"",
	"/proc/self/maps",
	"/proc/spindle",
	"/nonexistent/x",
	FUZZ_DIR "/d/..",
	"/proc/self/fd/3",
	FUZZ_DIR "/link",
};

struct arena_head head_template;
static __thread uint64_t random_state; /* each thread draws its own calls */
pid_t self_pid;
bool threads_running;

/* xorshift64* (Vigna): small, fast, and the same sequence on every run for one seed. */
static uint64_t next_random(void)
{
	random_state ^= random_state >> 12;
	random_state ^= random_state << 25;
	random_state ^= random_state >> 27;
	return random_state * 0x2545f4914f6cdd1dull;
}

void seed_batch(uint64_t seed, uint64_t batch, int thread)
{
	random_state = (seed + 1) * 0x9e3779b97f4a7c15ull ^ (batch + 1) * 0xbf58476d1ce4e5b9ull ^
		       (uint64_t)thread * 0x94d049bb133111ebull;
	if (random_state == 0)
		random_state = 1;
	for (int i = 0; i < 4; i++)
		next_random();
}

static uint64_t below(uint64_t bound)
{
	return next_random() % bound;
}

static long integer_argument(void)
{
	static const long edges[] = {0x7fffffff,	 (long)0x80000000,  0xffffffff,
				     0x7fffffffffffffff, (long)(1ul << 63), 1l << 40,
				     PAGE - 1,		 PAGE + 1,	    -4096};
	switch (below(10)) {
	case 0:
		return 0;
	case 1:
		return -1;
	case 2:
	case 3:
		return (long)below(17);
	case 4:
		return (long)(int)next_random();
	case 5:
		return (long)next_random();
	case 6:
		return 1l << below(64);
	case 7:
		return (long)(PAGE * below(18));
	case 8:
		return edges[below(sizeof(edges) / sizeof(edges[0]))];
	default:
		return (long)(next_random() & next_random() & 0xffff);
	}
}

static long descriptor_argument(void)
{
	static const long odd[] = {-1, -100 /* AT_FDCWD */, 255, 256, 1 << 20, 0x7fffffff};
	if (below(8) == 0)
		return odd[below(sizeof(odd) / sizeof(odd[0]))];
	return (long)below(16);
}

static long victim_address(void)
{
	switch (below(4)) {
	case 0:
		return (long)(VICTIM + PAGE * below(VICTIM_SIZE / PAGE + 1));
	case 1:
		return (long)(VICTIM + below(VICTIM_SIZE)); /* unaligned */
	case 2:
		return (long)VICTIM;
	default:
		return 0;
	}
}

/* Addresses no call may use: the kernel, non-canonical, unmapped, at the top of user space. */
static long bad_address(void)
{
	static const unsigned long bad[] = {
		0xffffffff80000000ul,
		0xffffffff80100000ul,
		0xffff800000000000ul,
		0xffffffffffffffffull,
		0x0000800000000000ul,
		0xdead000000000000ul,
		0x00007ffffffffffcul,
		0x10000ul,
		0x1000ul,
		(unsigned long)ARENA + ARENA_SIZE,
		(unsigned long)VICTIM + VICTIM_SIZE,
	};
	return (long)bad[below(sizeof(bad) / sizeof(bad[0]))];
}

static long pointer_argument(void)
{
	switch (below(12)) {
	case 0:
		return 0;
	case 1:
	case 2:
		return bad_address();
	case 3:
		return (long)READ_ONLY_PAGE;
	case 4:
		return (long)(ARENA + ARENA_SIZE - 1 - below(16)); /* runs into the unmapped page */
	case 5:
	case 6:
	case 7:
		return (long)(ARENA + structure_offsets[below(sizeof(structure_offsets) /
							      sizeof(structure_offsets[0]))]);
	case 8:
		return victim_address();
	case 9:
		return (long)fuzz_syscall; /* program text: readable, not writable */
	default:
		return (long)(ARENA + PAGE + below(ARENA_SIZE - 2 * PAGE));
	}
}

static long path_argument(void)
{
	if (below(10) == 0)
		return below(2) ? (long)(ARENA + PAGE)		  /* longer than PATH_MAX */
				: (long)(ARENA + ARENA_SIZE - 8); /* no NUL before the hole */
	return (long)((struct arena_head *)ARENA)->paths[below(PATH_COUNT)];
}

static long any_argument(void)
{
	uint64_t kind = below(20);
	if (kind < 7)
		return integer_argument();
	if (kind < 11)
		return descriptor_argument();
	if (kind < 17)
		return pointer_argument();
	return path_argument();
}

/*
 * What each argument of the common calls is (man 2 of each), one letter per argument:
 *   f descriptor   p path        b buffer (mostly a valid one)   s structure (mostly valid)
 *   l length       o open flags  i integer (mostly small)        z sigset size (mostly 8)
 *   q IPC id (one the batch made)  I IPC flags   D socket domain   T socket type
 *   P mmap protection  F mmap flags  c ioctl request  n fcntl command  w wait options
 *   k clock id     A arch_prctl code              x anything
 * Four calls in five follow their signature; the rest, and unlisted calls, take anything.
 */
static const char *const signatures[NUMBER_RANGE] = {
	[SYS_read] = "fbl",
	[SYS_write] = "fbl",
	[SYS_open] = "poi",
	[SYS_close] = "f",
	[SYS_stat] = "pb",
	[SYS_fstat] = "fb",
	[SYS_lstat] = "pb",
	[SYS_poll] = "sli",
	[SYS_lseek] = "fii",
	[SYS_ioctl] = "fcb",
	[SYS_pread64] = "fbli",
	[SYS_pwrite64] = "fbli",
	[SYS_readv] = "fsi",
	[SYS_writev] = "fsi",
	[SYS_access] = "pi",
	[SYS_pipe] = "s",
	[SYS_select] = "issss",
	[SYS_dup] = "f",
	[SYS_dup2] = "ff",
	[SYS_nanosleep] = "ss",
	[SYS_socket] = "DTi",
	[SYS_connect] = "fsl",
	[SYS_accept] = "fss",
	[SYS_sendto] = "fblisl",
	[SYS_recvfrom] = "fblisb",
	[SYS_shutdown] = "fi",
	[SYS_bind] = "fsl",
	[SYS_listen] = "fi",
	[SYS_getsockname] = "fss",
	[SYS_getpeername] = "fss",
	[SYS_socketpair] = "DTis",
	[SYS_setsockopt] = "fiisl",
	[SYS_getsockopt] = "fiiss",
	[SYS_execve] = "pss",
	[SYS_wait4] = "isws",
	[SYS_uname] = "b",
	[SYS_semget] = "iiI",
	[SYS_semop] = "qsi",
	[SYS_semctl] = "qiis",
	[SYS_msgget] = "iI",
	[SYS_msgsnd] = "qsli",
	[SYS_msgrcv] = "qslii",
	[SYS_msgctl] = "qis",
	[SYS_shmget] = "ilI",
	[SYS_shmctl] = "qis",
	[SYS_fcntl] = "fni",
	[SYS_fsync] = "f",
	[SYS_truncate] = "pl",
	[SYS_ftruncate] = "fl",
	[SYS_getcwd] = "bl",
	[SYS_chdir] = "p",
	[SYS_fchdir] = "f",
	[SYS_rename] = "pp",
	[SYS_mkdir] = "pi",
	[SYS_rmdir] = "p",
	[SYS_link] = "pp",
	[SYS_unlink] = "p",
	[SYS_symlink] = "pp",
	[SYS_readlink] = "pbl",
	[SYS_chmod] = "pi",
	[SYS_fchmod] = "fi",
	[SYS_chown] = "pii",
	[SYS_umask] = "i",
	[SYS_gettimeofday] = "ss",
	[SYS_rt_sigaction] = "issz",
	[SYS_rt_sigprocmask] = "issz",
	[SYS_rt_sigpending] = "sz",
	[SYS_rt_sigtimedwait] = "sssz",
	[SYS_rt_sigsuspend] = "sz",
	[SYS_sigaltstack] = "ss",
	[SYS_alarm] = "i",
	[SYS_setitimer] = "iss",
	[SYS_getitimer] = "is",
	[SYS_futex] = "sisisi",
	[SYS_getdents64] = "fbl",
	[SYS_clock_gettime] = "ks",
	[SYS_clock_getres] = "ks",
	[SYS_clock_nanosleep] = "kiss",
	[SYS_waitid] = "iisws",
	[SYS_openat] = "fpoi",
	[SYS_mkdirat] = "fpi",
	[SYS_mknodat] = "fpii",
	[SYS_fchownat] = "fpiii",
	[SYS_newfstatat] = "fpbi",
	[SYS_unlinkat] = "fpi",
	[SYS_renameat] = "fpfp",
	[SYS_linkat] = "fpfpi",
	[SYS_symlinkat] = "pfp",
	[SYS_readlinkat] = "fpbl",
	[SYS_fchmodat] = "fpi",
	[SYS_faccessat] = "fpi",
	[SYS_pselect6] = "isssss",
	[SYS_ppoll] = "slssz",
	[SYS_accept4] = "fssi",
	[SYS_dup3] = "ffi",
	[SYS_pipe2] = "si",
	[SYS_getrandom] = "bli",
	[SYS_faccessat2] = "fpii",
	[SYS_mknod] = "pii",
	[SYS_prctl] = "ib",
	[SYS_getdents] = "fbl",
	[SYS_semtimedop] = "qsis",
	[SYS_epoll_create] = "i",
	[SYS_epoll_create1] = "i",
	[SYS_epoll_ctl] = "fifs",
	[SYS_epoll_wait] = "fbii",
	[SYS_epoll_pwait] = "fbiisz",
	[SYS_eventfd] = "i",
	[SYS_eventfd2] = "ii",
	[SYS_shmat] = "qxi",
	[SYS_mmap] = "xlPFfl",
	[SYS_arch_prctl] = "Ab",
};

static long buffer_argument(void)
{
	return below(5) ? (long)(ARENA + PAGE + below(ARENA_SIZE - 3 * PAGE)) : pointer_argument();
}

static long structure_argument(void)
{
	if (below(5) == 0)
		return pointer_argument();
	return (long)(ARENA + structure_offsets[below(sizeof(structure_offsets) /
						      sizeof(structure_offsets[0]))]);
}

static long length_argument(void)
{
	static const long lengths[] = {0, 1, 8, 16, 64, 110, 4096, 4097, 65536, 1l << 31, -1};
	return below(4) ? (long)below(PAGE + 1)
			: lengths[below(sizeof(lengths) / sizeof(lengths[0]))];
}

static long open_flags_argument(void)
{
	static const long flags[] = {O_CREAT,	 O_EXCL,      O_TRUNC,	  O_APPEND,
				     O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC};
	long result = (long)below(3); /* O_RDONLY, O_WRONLY, O_RDWR */
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (below(4) == 0)
			result |= flags[i];
	return below(10) ? result : result | (long)(next_random() & 0xffffffff);
}

/* The System V objects prepare_child() made for this batch (or -1). */
int batch_ipc_ids[3];

/* One of a few meaningful values, else an integer (the kernel must reject the others). */
#define PICK(...)                                                                                  \
	({                                                                                         \
		static const long choices_[] = {__VA_ARGS__};                                      \
		below(5) ? choices_[below(sizeof(choices_) / sizeof(choices_[0]))]                 \
			 : integer_argument();                                                     \
	})

static long typed_argument(char kind)
{
	switch (kind) {
	case 'q':
		return below(5) ? batch_ipc_ids[below(3)] : integer_argument();
	case 'I':
		return PICK(0600, IPC_CREAT | 0600, IPC_CREAT | IPC_EXCL | 0600, IPC_NOWAIT, 0);
	case 'D':
		return PICK(AF_UNIX, AF_UNIX, AF_UNIX, 2 /* AF_INET */, 0);
	case 'T':
		return PICK(SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM | SOCK_NONBLOCK,
			    SOCK_DGRAM | SOCK_CLOEXEC);
	case 'P':
		return below(5) ? (long)below(8) : integer_argument();
	case 'F':
		return PICK(MAP_PRIVATE | MAP_ANONYMOUS, MAP_SHARED | MAP_ANONYMOUS, MAP_PRIVATE,
			    MAP_SHARED, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			    MAP_SHARED | MAP_FIXED, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE);
	case 'c':
		return PICK(0x5401 /* TCGETS */, 0x5402 /* TCSETS */, 0x5413 /* TIOCGWINSZ */,
			    0x541b /* FIONREAD */, 0x5421 /* FIONBIO */, 0x540f /* TIOCGPGRP */,
			    0x5410 /* TIOCSPGRP */, 0x5451 /* FIOCLEX */, 0x5429 /* TIOCGSID */);
	case 'n':
		return PICK(F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, 5 /* F_GETLK */,
			    6 /* F_SETLK */, F_DUPFD_CLOEXEC, 1031 /* F_SETPIPE_SZ */,
			    1032 /* F_GETPIPE_SZ */);
	case 'w':
		return PICK(0, WNOHANG, WNOHANG | WUNTRACED, WEXITED | WNOHANG,
			    0x40000000 | WNOHANG);
	case 'k':
		return below(5) ? (long)below(12) : integer_argument();
	case 'A':
		return PICK(0x1001 /* ARCH_SET_GS */, 0x1002 /* ARCH_SET_FS */,
			    0x1003 /* ARCH_GET_FS */, 0x1004 /* ARCH_GET_GS */);
	case 'f':
		return descriptor_argument();
	case 'p':
		return path_argument();
	case 'b':
		return buffer_argument();
	case 's':
		return structure_argument();
	case 'l':
		return length_argument();
	case 'o':
		return open_flags_argument();
	case 'i':
		return below(3) ? (long)below(17) : integer_argument();
	case 'z':
		return below(4) ? 8 : integer_argument();
	default:
		return any_argument();
	}
}

/* Mostly calls the kernel has; sometimes anything at all, including nonsense numbers. */
static long pick_number(void)
{
	static const long wild[] = {-1,	      -2,	  0x40000000, 0x40000000 + 1, 1l << 32,
				    1l << 63, 0x7fffffff, 512,	      1000,	      4096};
	static long known[NUMBER_RANGE];
	static int known_count = -1;
	if (known_count < 0) {
		known_count = 0;
		for (long number = 0; number < NUMBER_RANGE; number++)
			if (SHARED->implemented[number])
				known[known_count++] = number;
	}
	uint64_t kind = below(20);
	if (kind < 17 && known_count > 0)
		return known[below((uint64_t)known_count)];
	if (kind < 19)
		return (long)below(NUMBER_RANGE);
	return wild[below(sizeof(wild) / sizeof(wild[0]))];
}

static bool is_stop_signal(long signal_number)
{
	return signal_number == SIGSTOP || signal_number == SIGTSTP || signal_number == SIGTTIN ||
	       signal_number == SIGTTOU;
}

/* A pid the caller may signal without hurting anyone else: itself, its group, or nobody. */
static long own_pid(void)
{
	static const long others[] = {0, 99999, 0x7fffffff};
	if (below(2))
		return self_pid;
	long choice = others[below(3)];
	return choice == 0 && below(2) ? -self_pid : choice;
}

static long zero_mask(void)
{
	return (long)&((struct arena_head *)ARENA)->short_time.tv_sec;
}

static long memory_length(void)
{
	switch (below(4)) {
	case 0:
		return (long)(PAGE * below(VICTIM_SIZE / PAGE + 2));
	case 1:
		return (long)below(VICTIM_SIZE + PAGE);
	case 2:
		return 0;
	default:
		return (long)PAGE;
	}
}

/*
 * Choose a call and its arguments, then keep it from hurting anything but the kernel:
 * returns false for a call that must not be made at all.
 */
bool make_call(long *number, long arguments[6])
{
	*number = pick_number();
	const char *signature = *number >= 0 && *number < NUMBER_RANGE ? signatures[*number] : NULL;
	if (signature && below(5) == 0)
		signature = NULL;
	for (int i = 0; i < 6; i++)
		arguments[i] =
			signature && *signature ? typed_argument(*signature++) : any_argument();
	switch (*number) {
	case SYS_exit:
	case SYS_exit_group:
	case 169 /* reboot */:
		return false;
	case SYS_rt_sigreturn: /* with threads, a forged frame may send one into a loop */
		return !threads_running;
	case SYS_kill:
	case SYS_tkill:
	case SYS_rt_sigqueueinfo:
		arguments[0] = own_pid();
		if (is_stop_signal(arguments[1]))
			arguments[1] = 0;
		break;
	case SYS_prlimit64: /* another process's limits could starve the harness */
	case SYS_sched_setaffinity:
	case 142 /* sched_setparam */:
		arguments[0] = own_pid();
		break;
	case 144 /* sched_setscheduler: a real-time busy child would starve the harness */:
		arguments[0] = own_pid();
		arguments[1] = below(2) ? 0 /* SCHED_OTHER */ : 3 /* SCHED_BATCH */;
		break;
	case 141 /* setpriority: PRIO_PROCESS only */:
		arguments[0] = 0;
		arguments[1] = own_pid();
		break;
	case 314 /* sched_setattr: the policy hides in a structure */:
		return false;
	case SYS_tgkill:
	case 297 /* rt_tgsigqueueinfo */:
		arguments[0] = own_pid();
		arguments[1] = own_pid();
		if (is_stop_signal(arguments[2]))
			arguments[2] = 0;
		break;
	case SYS_mmap:
	case SYS_munmap:
	case SYS_mprotect:
	case SYS_madvise:
	case SYS_msync:
	case 149 /* mlock */:
	case 150 /* munlock */:
	case 325 /* mlock2 */:
	case 329 /* pkey_mprotect */:
	case 216 /* remap_file_pages */:
		arguments[0] = below(8) ? victim_address() : bad_address();
		arguments[1] = memory_length();
		break;
	case SYS_mremap:
		arguments[0] = victim_address();
		arguments[1] = memory_length();
		arguments[2] = memory_length();
		arguments[4] = victim_address();
		break;
	case SYS_clone: /* a child whose exit signal is SIGSTOP would stop the batch */
		if (is_stop_signal(arguments[0] & 0xff))
			arguments[0] = (arguments[0] & ~0xffl) | SIGCHLD;
		break;
	case SYS_rt_sigsuspend: /* a mask that blocks SIGALRM would wait for good */
		arguments[0] = below(4) ? zero_mask() : bad_address();
		break;
	case SYS_ppoll:
		arguments[3] = below(4) ? zero_mask() : bad_address();
		break;
	case SYS_shmat:
		arguments[1] = victim_address();
		break;
	case SYS_shmdt:
		arguments[0] = victim_address();
		break;
	case SYS_brk:
		arguments[0] = below(2) ? victim_address() : integer_argument();
		break;
	}
	return true;
}

void fill_arena(void)
{
	for (int i = 0; i < PATH_COUNT; i++)
		strcpy(head_template.paths[i], path_names[i]);
	head_template.socket_address.sun_family = AF_UNIX;
	strcpy(head_template.socket_address.sun_path, FUZZ_DIR "/sock");
	head_template.abstract_address.sun_family = AF_UNIX;
	strcpy(head_template.abstract_address.sun_path + 1, "sysfuzz");
	head_template.short_time.tv_nsec = 1000000;
	struct arena_head *arena = (struct arena_head *)ARENA;
	head_template.argv[0] = arena->paths[0];
	head_template.argv[1] = arena->paths[17];
	head_template.operations[0] = (struct sembuf){0, -1, IPC_NOWAIT};
	head_template.operations[1] = (struct sembuf){0, 1, SEM_UNDO};
	head_template.message.type = 1;
	strcpy(head_template.message.text, "sysfuzz");
	head_template.polls[0] = (struct pollfd){3, POLLIN, 0};
	head_template.polls[1] = (struct pollfd){4, POLLOUT, 0};
	head_template.polls[2] = (struct pollfd){7, POLLIN | POLLOUT, 0};
	head_template.fd_bits[0] = 0xf8;
	head_template.timer.it_value.tv_usec = 2000;
	head_template.action.sa_handler = SIG_IGN;
	head_template.action.sa_mask = ~0ull;
	head_template.epoll_event.events =
		0x1 | 0x4 | (1u << 31); /* EPOLLIN | EPOLLOUT | EPOLLET */
	head_template.epoll_event.data = 5;
	struct iovec *vectors = head_template.iovecs;
	vectors[0] = (struct iovec){ARENA + 2 * PAGE, 64};
	vectors[1] = (struct iovec){NULL, 0};
	vectors[2] = (struct iovec){(void *)0xffffffff80000000ul, 16};
	vectors[3] = (struct iovec){ARENA + ARENA_SIZE - 8, 16};
	vectors[4] = (struct iovec){ARENA + 3 * PAGE, 1ul << 40};
	vectors[5] = (struct iovec){READ_ONLY_PAGE, 32};
	vectors[6] = (struct iovec){ARENA + 4 * PAGE, PAGE};
	vectors[7] = (struct iovec){(void *)0x0000800000000000ul, 1};
	memset(ARENA + PAGE, 'a', PAGE + 200); /* the over-long path, NUL-terminated */
	ARENA[2 * PAGE + 200] = '\0';
	for (size_t i = 3 * PAGE; i < ARENA_SIZE - 2 * PAGE; i++) /* random bytes */
		ARENA[i] = (char)next_random();
	memcpy(ARENA + ARENA_SIZE - 8, "/tmp/fuz", 8); /* a path that runs into the hole */
	strcpy(READ_ONLY_PAGE, FUZZ_DIR "/a");
}

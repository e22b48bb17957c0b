/*
 * demo-msg: a dispatcher hands out jobs to three workers through one System V message queue
 * (msgget(2), msgsnd(2), msgrcv(2)). Every message starts with a type, a positive long, and
 * msgrcv() may ask for one type only -- so the type works as an address. Worker N takes
 * only messages of type N; the others stay in the queue, in order, for their own worker.
 * The dispatcher queues every job before any worker exists (the queue is a kernel object:
 * it holds messages nobody is waiting for yet), then starts the workers. Each worker
 * answers with a report of type 10 + N, and the dispatcher reads the reports in worker
 * order by asking for those types one after another, sleeping until each one comes.
 * The queue lives until IPC_RMID (svipc(7)).
 * Read docs/ipc.md alongside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKERS		 3
#define REPORT_TYPE_BASE 10

struct job {
	int worker; /* the message type: who must do it */
	const char *task;
};

static const char *const worker_names[WORKERS + 1] = {NULL, "clerk", "cook", "gardener"};

static const struct job jobs[] = {
	{1, "sort the mail"},	{2, "bake bread"},	{3, "water the roses"},
	{3, "mow the lawn"},	{1, "pay the bills"},	{2, "make soup"},
	{2, "wash the dishes"}, {3, "rake the leaves"}, {1, "answer letters"},
	{1, "file the taxes"},	{3, "prune the hedge"}, {2, "set the table"},
};

#define JOB_COUNT ((int)(sizeof(jobs) / sizeof(jobs[0])))

/* To a worker: job number (1-based) and task, or job 0: no more work. */
struct job_message {
	long type;
	int job;
	char task[40];
};

/* To the dispatcher, type REPORT_TYPE_BASE + worker: the jobs that worker received. */
struct report_message {
	long type;
	int worker;
	int count;
	int jobs[JOB_COUNT];
};

/* msgsnd and msgrcv count the bytes after the type. */
#define BODY_SIZE(message) (sizeof(message) - sizeof(long))

static void pause_ms(long ms)
{
	struct timespec delay = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&delay, NULL);
}

static int run_worker(int queue, int worker)
{
	struct report_message report = {REPORT_TYPE_BASE + worker, worker, 0, {0}};
	struct job_message message;

	for (;;) {
		if (msgrcv(queue, &message, BODY_SIZE(message), worker, 0) < 0) {
			perror("worker: msgrcv");
			return 1;
		}
		if (message.job == 0)
			break;
		printf("%s (type %d, pid %d): job %d, %s\n", worker_names[worker], worker, getpid(),
		       message.job, message.task);
		if (report.count < JOB_COUNT)
			report.jobs[report.count++] = message.job;
		pause_ms(20); /* working on it */
	}
	if (msgsnd(queue, &report, BODY_SIZE(report), 0) != 0) {
		perror("worker: msgsnd");
		return 1;
	}
	return 0;
}

/* Queues every job, then one stop message per worker. Returns 0 or -1. */
static int queue_jobs(int queue)
{
	struct job_message message;

	printf("dispatcher: queueing %d jobs of types", JOB_COUNT);
	for (int i = 0; i < JOB_COUNT; i++) {
		message.type = jobs[i].worker;
		message.job = i + 1;
		snprintf(message.task, sizeof(message.task), "%s", jobs[i].task);
		if (msgsnd(queue, &message, BODY_SIZE(message), 0) != 0)
			return -1;
		printf(" %d", jobs[i].worker);
	}
	printf(", then a stop message for each worker\n");
	for (int worker = 1; worker <= WORKERS; worker++) {
		message = (struct job_message){.type = worker, .job = 0};
		if (msgsnd(queue, &message, BODY_SIZE(message), 0) != 0)
			return -1;
	}
	return 0;
}

/* Reads the workers' reports in order and checks them against the job table: each job
 * must have reached its own worker, and only once. Returns the number of jobs that did. */
static int collect_reports(int queue)
{
	int delivered_to[JOB_COUNT + 1] = {0};
	int correct = 0;

	for (int worker = 1; worker <= WORKERS; worker++) {
		struct report_message report;
		if (msgrcv(queue, &report, BODY_SIZE(report), REPORT_TYPE_BASE + worker, 0) < 0) {
			perror("dispatcher: msgrcv");
			return -1;
		}
		printf("dispatcher: the %s (type %d) reports jobs", worker_names[worker], worker);
		for (int i = 0; i < report.count && i < JOB_COUNT; i++) {
			int job = report.jobs[i];
			printf(" %d", job);
			if (job < 1 || job > JOB_COUNT)
				continue;
			if (delivered_to[job]++ == 0 && jobs[job - 1].worker == worker)
				correct++;
		}
		printf("\n");
	}
	for (int job = 1; job <= JOB_COUNT; job++) {
		if (delivered_to[job] > 1)
			correct--;
	}
	return correct;
}

int main(void)
{
	pid_t workers[WORKERS + 1];
	struct msqid_ds status;
	int correct = -1, started = 0, children_ok = 1, wait_status;

	int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (queue < 0) {
		perror("msgget");
		return 1;
	}
	if (queue_jobs(queue) != 0) {
		perror("dispatcher: msgsnd");
		msgctl(queue, IPC_RMID, NULL);
		return 1;
	}
	if (msgctl(queue, IPC_STAT, &status) == 0)
		printf("dispatcher: %lu messages (%lu bytes) wait in queue %d; now the workers "
		       "start\n",
		       status.msg_qnum, status.msg_cbytes, queue);
	fflush(stdout);

	while (started < WORKERS) {
		pid_t child = fork();
		if (child == 0)
			exit(run_worker(queue, started + 1));
		if (child < 0) {
			perror("fork");
			break;
		}
		workers[++started] = child;
	}
	if (started == WORKERS)
		correct = collect_reports(queue);
	msgctl(queue, IPC_RMID, NULL); /* a worker still waiting wakes with EIDRM */
	for (int worker = 1; worker <= started; worker++) {
		if (waitpid(workers[worker], &wait_status, 0) < 0 || !WIFEXITED(wait_status) ||
		    WEXITSTATUS(wait_status) != 0)
			children_ok = 0;
	}
	if (correct == JOB_COUNT && children_ok) {
		printf("%d jobs, %d workers: each worker received exactly the jobs of its type\n",
		       JOB_COUNT, WORKERS);
		return 0;
	}
	printf("%d of %d jobs reached the right worker exactly once\n", correct, JOB_COUNT);
	return 1;
}

#!/usr/bin/env python3
"""Turn a Spindle scheduler trace (serial log) into Chrome trace-event JSON and an SVG timeline.

The kernel prints the trace (kernel/sched/trace.c) as lines
    sched_trace: TIME_NS CPU TYPE PID OTHER_PID STATE SITE COMM
between "sched_trace: begin" and "sched_trace: end"; anything else in the log is ignored.
TYPE is switch (PID starts running, OTHER_PID leaves the CPU in STATE), wakeup (OTHER_PID
woke PID), fork (OTHER_PID created PID), exit, or block (PID sleeps in STATE inside SITE).

    scripts/sched-trace.py build/trace/demo-rt.log --json out.json --svg out.svg \
        [--from-ms A --to-ms B] [--no-idle] [--title TEXT]

The JSON opens in https://ui.perfetto.dev or chrome://tracing: one row per task, with
"running" and "runnable" slices and wakeup/fork/exit/block instants. The SVG draws the same
rows: solid bars while running, grey bars while runnable but waiting, a triangle at each
wake-up and a tick where the task went to sleep. Times in the SVG are milliseconds since the
first event. docs/scheduler.md shows pictures made with it; `make trace DEMO=...` runs it.
"""
import argparse
import json
import re
import sys
from xml.sax.saxutils import escape

LINE = re.compile(r"sched_trace: (\d+) (\d+) (switch|wakeup|fork|exit|block) "
                  r"(-?\d+) (-?\d+) (\S) (\S+) ?(.*?)\r?$")
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]


def parse(path):
    events = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LINE.search(line)
            if match:
                time_ns, cpu, kind, pid, other, state, site, comm = match.groups()
                events.append({"t": int(time_ns), "cpu": int(cpu), "type": kind,
                               "pid": int(pid), "other": int(other), "state": state,
                               "site": None if site == "-" else site, "comm": comm.strip()})
    events.sort(key=lambda event: event["t"])
    return events


def build(events):
    """Running and runnable intervals per task, instants, and names."""
    names, order = {}, []
    running, runnable, instants = [], [], []
    on_cpu = {}          # cpu -> (pid, since)
    waiting_since = {}   # pid -> time it became runnable without running
    end = events[-1]["t"] if events else 0

    def seen(pid, comm=None):
        if pid not in names:
            order.append(pid)
            names[pid] = "idle" if pid == 0 else "pid %d" % pid
        if comm and pid != 0:
            names[pid] = comm

    for event in events:
        pid, t = event["pid"], event["t"]
        seen(pid, event["comm"])
        if event["type"] == "switch":
            previous = on_cpu.get(event["cpu"])
            if previous:
                prev_pid, since = previous
                running.append((prev_pid, since, t, event["state"]))
            elif event["other"] >= 0:
                seen(event["other"])
            if event["other"] >= 0 and event["state"] == "R" and event["other"] != 0:
                waiting_since[event["other"]] = t
            if pid in waiting_since:
                runnable.append((pid, waiting_since.pop(pid), t))
            on_cpu[event["cpu"]] = (pid, t)
        elif event["type"] == "wakeup":
            waiting_since.setdefault(pid, t)
            instants.append((pid, t, "wakeup", {"by": event["other"]}))
        elif event["type"] == "block":
            waiting_since.pop(pid, None)
            instants.append((pid, t, "block", {"state": event["state"],
                                               "in": event["site"] or "?"}))
        else:
            instants.append((pid, t, event["type"], {"other": event["other"]}))
    for pid, since in on_cpu.values():
        running.append((pid, since, end, "R"))
    for pid, since in waiting_since.items():
        runnable.append((pid, since, end))
    return names, order, running, runnable, instants


def chrome_json(names, order, running, runnable, instants):
    trace = [{"ph": "M", "name": "process_name", "pid": 1, "tid": 0,
              "args": {"name": "Spindle tasks (one row each)"}}]
    for index, pid in enumerate(order):
        label = "%s (%d)" % (names[pid], pid)
        trace.append({"ph": "M", "name": "thread_name", "pid": 1, "tid": pid,
                      "args": {"name": label}})
        trace.append({"ph": "M", "name": "thread_sort_index", "pid": 1, "tid": pid,
                      "args": {"sort_index": index}})
    ended = {"R": "preempted", "S": "sleeps", "D": "sleeps (uninterruptible)",
             "X": "exited", "T": "stopped"}
    for pid, start, stop, state in running:
        trace.append({"ph": "X", "name": "running", "cat": "sched", "pid": 1, "tid": pid,
                      "ts": start / 1000.0, "dur": (stop - start) / 1000.0,
                      "args": {"then": ended.get(state, state)}})
    for pid, start, stop in runnable:
        trace.append({"ph": "X", "name": "runnable", "cat": "wait", "pid": 1, "tid": pid,
                      "ts": start / 1000.0, "dur": (stop - start) / 1000.0})
    for pid, t, kind, args in instants:
        trace.append({"ph": "i", "s": "t", "name": kind, "cat": "sched", "pid": 1,
                      "tid": pid, "ts": t / 1000.0, "args": args})
    return {"traceEvents": trace, "displayTimeUnit": "ms"}


def svg_timeline(names, order, running, runnable, instants, origin, window, title, no_idle):
    lo, hi = window
    rows = [pid for pid in order if not (no_idle and pid == 0)]
    label_width, plot_width, row_height, top = 170, 900, 26, 44
    height = top + row_height * len(rows) + 70
    span = max(hi - lo, 1)

    def x(t):
        return label_width + (min(max(t, lo), hi) - lo) * plot_width / span

    def visible(start, stop):
        return stop > lo and start < hi

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">' % (label_width + plot_width + 20, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="20" font-size="14" font-weight="bold">%s</text>' % escape(title)]
    for row, pid in enumerate(rows):
        y = top + row * row_height
        colour = "#888888" if pid == 0 else PALETTE[row % len(PALETTE)]
        out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>' %
                   (label_width, y, plot_width, row_height - 4, "#f4f4f4" if row % 2 else "#fbfbfb"))
        out.append('<text x="10" y="%d">%s</text>' % (y + 15, escape("%s (%d)" % (names[pid], pid))))
        for task, start, stop in runnable:
            if task == pid and visible(start, stop):
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="6" fill="#c8c8c8"/>' %
                           (x(start), y + 8, max(x(stop) - x(start), 0.5)))
        for task, start, stop, _ in running:
            if task == pid and visible(start, stop):
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>' %
                           (x(start), y + 2, max(x(stop) - x(start), 0.5), row_height - 8, colour))
        for task, t, kind, _ in instants:
            if task != pid or not lo <= t <= hi:
                continue
            if kind == "wakeup":
                out.append('<path d="M%.1f %d l-4 -6 h8 z" fill="black"/>' % (x(t), y + 2))
            elif kind == "block":
                out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black" '
                           'stroke-width="1.5"/>' % (x(t), y + 1, x(t), y + row_height - 5))
    axis_y = top + row_height * len(rows) + 4
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' %
               (label_width, axis_y, label_width + plot_width, axis_y))
    span_ms = span / 1e6
    step = next(s for s in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
                if span_ms / s <= 12)
    tick = (int((lo - origin) / 1e6 / step) + 1) * step
    while origin + tick * 1e6 <= hi:
        tx = x(origin + tick * 1e6)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black"/>' %
                   (tx, axis_y, tx, axis_y + 5))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>' %
                   (tx, axis_y + 18, round(tick, 3)))
        tick += step
    out.append('<text x="%d" y="%d">ms since the first event</text>' %
               (label_width + plot_width - 150, axis_y + 34))
    legend_y = axis_y + 52
    out.append('<rect x="%d" y="%d" width="18" height="10" fill="%s"/><text x="%d" y="%d">running</text>'
               % (label_width, legend_y - 9, PALETTE[0], label_width + 24, legend_y))
    out.append('<rect x="%d" y="%d" width="18" height="6" fill="#c8c8c8"/><text x="%d" y="%d">'
               'runnable, waiting for the CPU</text>' % (label_width + 100, legend_y - 7,
                                                         label_width + 124, legend_y))
    out.append('<path d="M%d %d l-4 -6 h8 z" fill="black"/><text x="%d" y="%d">woken</text>'
               % (label_width + 340, legend_y, label_width + 350, legend_y))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black" stroke-width="1.5"/>'
               '<text x="%d" y="%d">goes to sleep</text>' % (label_width + 420, legend_y - 10,
                                                             label_width + 420, legend_y + 2,
                                                             label_width + 428, legend_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("log", help="serial log holding a sched_trace dump")
    parser.add_argument("--json", help="write Chrome trace-event JSON here")
    parser.add_argument("--svg", help="write an SVG timeline here")
    parser.add_argument("--from-ms", type=float, help="SVG window start (ms after the first event)")
    parser.add_argument("--to-ms", type=float, help="SVG window end")
    parser.add_argument("--no-idle", action="store_true", help="leave the idle task out of the SVG")
    parser.add_argument("--title", default="Spindle scheduler trace")
    args = parser.parse_args()
    events = parse(args.log)
    if not events:
        sys.exit("sched-trace: no sched_trace lines in %s (boot with sched_trace?)" % args.log)
    names, order, running, runnable, instants = build(events)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(chrome_json(names, order, running, runnable, instants), out)
    if args.svg:
        origin = events[0]["t"]
        lo = origin + (args.from_ms or 0) * 1e6
        hi = origin + args.to_ms * 1e6 if args.to_ms is not None else events[-1]["t"]
        with open(args.svg, "w") as out:
            out.write(svg_timeline(names, order, running, runnable, instants, origin,
                                   (lo, hi), args.title, args.no_idle))
    counts = {}
    for event in events:
        counts[event["type"]] = counts.get(event["type"], 0) + 1
    print("sched-trace: %d events (%s), %d tasks, %.1f ms" %
          (len(events), ", ".join("%s %d" % item for item in sorted(counts.items())),
           len(order), (events[-1]["t"] - events[0]["t"]) / 1e6))


if __name__ == "__main__":
    main()

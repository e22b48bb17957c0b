# make trace DEMO=demo-nice: run one program as init with the scheduler trace on, then turn
# the trace dumped at the end into build/trace-DEMO.json (Chrome trace events: open it in
# https://ui.perfetto.dev) and build/trace-DEMO.svg (a timeline picture). The serial log is
# kept in build/trace/DEMO.log. TRACE_FLAGS passes options to scripts/sched-trace.py
# (e.g. TRACE_FLAGS="--from-ms 100 --to-ms 160 --no-idle"). docs/scheduler.md, section 13.
DEMO ?= demo-nice
TRACE_FLAGS ?= --no-idle

.PHONY: trace
trace: deps kernel initramfs
	@mkdir -p $(BUILD)/trace
	scripts/run-qemu.sh --append "init=/bin/$(DEMO) sched_trace panic=exit" --timeout 120 \
		--quiet --log $(BUILD)/trace/$(DEMO).log
	python3 scripts/sched-trace.py $(BUILD)/trace/$(DEMO).log --title "$(DEMO)" \
		--json $(BUILD)/trace-$(DEMO).json --svg $(BUILD)/trace-$(DEMO).svg $(TRACE_FLAGS)
	@echo "trace: $(BUILD)/trace-$(DEMO).json (Perfetto, chrome://tracing) and $(BUILD)/trace-$(DEMO).svg"

# ---------------------------------------------------------------------------
# --history, --label-fixes and --fix-list (issue 10) - included by the top
# Makefile.
#
#   make check-history     tests/history/run.sh (a small repository with
#                          fixed dates, expectations worked out by hand, bad
#                          inputs) and tests/history/libbpf.sh (the libbpf
#                          mirror's real history against git log -L, git
#                          diff and, for C4, git blame at v0.0.3 and v0.3:
#                          tests/data/libbpf-v0.3.bundle) and
#                          tests/history/hostile.sh (a shallow clone, a
#                          missing commit, links in a vulns directory,
#                          endless lists, 400,000 CVE ids, bad dates) and
#                          tests/history/packs.sh (one history loose, in
#                          packs of either kind of delta, in two packs, in
#                          another repository (alternates), in
#                          a damaged pack: the same output or error) and
#                          tests/history/xdiff.sh (the walk's own line diff
#                          against libgit2's, git log -L and git blame on
#                          diffs past xdiff's cost heuristics)
#   make bench-history     history-scale: libbpf v0.0.3, every function,
#                          against git log -L per function; and a synthetic
#                          kernel-shaped repository of 50,000 commits
# ---------------------------------------------------------------------------

.PHONY: check-history bench-history
check-history: $(B)/kmetrics-merge $(B)/kmetrics.so
	tests/history/run.sh $(B)/kmetrics-merge
	tests/history/hostile.sh $(B)/kmetrics-merge
	tests/history/packs.sh $(B)/kmetrics-merge
	tests/history/xdiff.sh $(B)/kmetrics-merge
	tests/history/libbpf.sh $(B)/kmetrics-merge $(B)/kmetrics.so

$(B)/gen-history: scripts/gen-history.c | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(CFLAGS) $(KM_WARN) $< -o $@

bench-history: $(B)/kmetrics-merge $(B)/kmetrics.so $(B)/gen-history $(B)/bench-time
	@scripts/bench-history.sh $(B)/kmetrics-merge $(B)/kmetrics.so $(B)/gen-history \
		$(B)/bench-time

CHECK_TARGETS += check-history
BENCH_TARGETS += bench-history

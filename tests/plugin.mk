# Plugin tests: golden sidecars at every -O level, and the plugin's behaviour
# (arguments, paths, failures that must stay warnings).
.PHONY: check-golden check-plugin
check-golden: $(B)/kmetrics.so
	tests/golden/run.sh

check-plugin: $(B)/kmetrics.so
	tests/plugin/run.sh

CHECK_TARGETS += check-golden check-plugin

# The man pages (issue 19) - included by the top Makefile.
#
#   make check-man   tests/man/run.sh: man/*.1 render without a warning,
#                    each tool's --help names its page and gives the
#                    options its SYNOPSIS gives, kmetrics(1) the plugin's
#                    arguments
.PHONY: check-man
check-man: $(B)/kmetrics-merge $(B)/kmetrics-diff $(B)/kmetrics-report
	tests/man/run.sh $(B)

CHECK_TARGETS += check-man

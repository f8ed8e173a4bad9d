#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/fresh/kvm.sh - run by tests/fresh/run.sh inside a fresh root where
# only kmetrics' .debs are installed (no clone of the project): the card's
# commands on Debian's linux-source-6.1, as a user of the packages would.
#
#   make KCFLAGS=-fplugin=kmetrics arch/x86/kvm/      (after defconfig + KVM, prepare)
#   kmetrics-merge --scope=build -o kvm.kmetrics arch/x86/kvm virt/kvm
#   kmetrics-report --scope=build -o kvm.html arch/x86/kvm virt/kvm
#   make LLVM=-14 KCFLAGS=-fplugin=kmetrics-clang.so arch/x86/kvm/irq.o
#                                       (kmetrics-clang-plugin, a tree of its own)
#
# Prints "kvm: ..." lines with what it found; fails on the first problem.
set -eu
say() { echo "kvm: $*"; }
fail() { echo "kvm: FAILED: $*"; exit 1; }

# what a kernel build needs besides the packages' gcc-12: the gcc command too
DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-source-6.1 gcc bc flex bison libelf-dev \
	libssl-dev xz-utils >/dev/null
cd /root
rm -rf linux && mkdir linux
tar -xf /usr/src/linux-source-6.1.tar.xz -C linux --strip-components=1
cd linux
make -s defconfig
scripts/config --enable VIRTUALIZATION --enable KVM --enable KVM_INTEL --enable KVM_AMD
make -s olddefconfig
make -s -j"$(nproc)" prepare
make -j"$(nproc)" KCFLAGS=-fplugin=kmetrics arch/x86/kvm/ >../kvm-build.log 2>&1 ||
	{ tail -n 20 ../kvm-build.log; fail "make arch/x86/kvm/"; }
! grep -E '(^|: )kmetrics: ' ../kvm-build.log || fail "kmetrics warned in the build"
say "make KCFLAGS=-fplugin=kmetrics arch/x86/kvm/: $(find arch/x86/kvm virt/kvm -name '*.o.kmetrics' | wc -l) sidecars"
kmetrics-merge --scope=build -o kvm.kmetrics arch/x86/kvm virt/kvm || fail "kmetrics-merge"
n=$(wc -l <kvm.kmetrics)
[ "$n" -gt 2000 ] || fail "only $n records"
say "kmetrics-merge --scope=build: $n functions; the highest C2:"
awk -F' : ' '{ print $3, $1 }' kvm.kmetrics | sort -k1,1nr | head -n 3 | sed 's/^/kvm:   /'
kmetrics-report --scope=build --title="Linux 6.1 arch/x86/kvm" -o kvm.html arch/x86/kvm virt/kvm ||
	fail "kmetrics-report"
# the page's data is deflated base64 blocks (format 2): a name is in one of them
page_names() {
	python3 -c 'import base64, re, sys, zlib
t = open(sys.argv[1], encoding="utf-8").read()
for z in re.findall(r"\"z\": *\"([A-Za-z0-9+/=]*)\"", t):
	sys.stdout.buffer.write(zlib.decompress(base64.b64decode(z)) + b"\n")' "$1"
}
if command -v python3 >/dev/null; then
	page_names kvm.html | grep -aq kvm_set_msr_common || fail "kvm.html does not name kvm_set_msr_common"
else
	grep -q 'id="km-data"' kvm.html || fail "kvm.html holds no data"
fi
say "kmetrics-report: kvm.html, $(($(stat -c %s kvm.html) / 1024)) KiB"
for page in kmetrics kmetrics-merge kmetrics-diff kmetrics-report; do
	man -w "$page" >/dev/null 2>&1 || [ -f "/usr/share/man/man1/$page.1.gz" ] || fail "no man page $page(1)"
done
say "man pages: kmetrics(1) kmetrics-merge(1) kmetrics-diff(1) kmetrics-report(1)"

# kmetrics-clang-plugin: one kvm file compiled by clang-14 in a tree of its
# own configured for LLVM=-14 (with lld-14 and llvm-14, which the package
# suggests for that)
DEBIAN_FRONTEND=noninteractive apt-get install -y -q lld-14 llvm-14 >/dev/null
cd /root
rm -rf linux-clang && mkdir linux-clang
tar -xf /usr/src/linux-source-6.1.tar.xz -C linux-clang --strip-components=1
cd linux-clang
make -s LLVM=-14 defconfig
scripts/config --enable VIRTUALIZATION --enable KVM --enable KVM_INTEL --enable KVM_AMD
make -s LLVM=-14 olddefconfig
make -s -j"$(nproc)" LLVM=-14 prepare
make LLVM=-14 KCFLAGS=-fplugin=kmetrics-clang.so arch/x86/kvm/irq.o >../clang-build.log 2>&1 ||
	{ tail -n 20 ../clang-build.log; fail "make LLVM=-14 arch/x86/kvm/irq.o"; }
! grep -E '(^|: )kmetrics: ' ../clang-build.log || fail "kmetrics warned in the Clang build"
kmetrics-merge -o irq.kmetrics arch/x86/kvm/irq.o.kmetrics || fail "kmetrics-merge of the Clang sidecar"
grep -q '^kvm_cpu_has_interrupt ' irq.kmetrics || fail "irq.o.kmetrics has no kvm_cpu_has_interrupt"
say "make LLVM=-14 KCFLAGS=-fplugin=kmetrics-clang.so arch/x86/kvm/irq.o: $(wc -l <irq.kmetrics) functions"

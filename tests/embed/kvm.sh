#!/bin/bash
# kvm.sh OUT: arch/x86/kvm objects of build/linux-source-6.1 with embedding,
# linked the way vmlinux is linked. Exit 77 when the tree is not prepared
# (configured, headers generated, kvm compiled once so .cmd files exist).
#
# Each file is compiled with its own kbuild command line (from its .cmd
# file, run from the kernel's top directory, object and dependency output
# redirected into OUT, never into the tree), once without and once with
# -fplugin-arg-kmetrics-embed, and put through the kernel's objtool as
# kbuild does. Both sets are then linked with the kernel's own linker
# script, arch/x86/kernel/vmlinux.lds.S preprocessed as kbuild does, and
# vmlinux's -z max-page-size=0x200000 --emit-relocs --discard-none and
# --orphan-handling=warn (CONFIG_LD_ORPHAN_WARN). Undefined symbols (the
# rest of the kernel) are ignored: what counts are the orphan warnings,
# the link with --orphan-handling=error, and the image's size.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
k=$top/build/linux-source-6.1
out=$1
plugin=$top/build/kmetrics.so
x=$top/build/km-embed-extract
files="irq i8259 ioapic irq_comm pmu mtrr"

[ -f "$k/include/generated/autoconf.h" ] && [ -f "$k/arch/x86/kernel/vmlinux.lds.S" ] || exit 77
for f in $files; do [ -f "$k/arch/x86/kvm/.$f.o.cmd" ] || exit 77; done

rm -rf "$out"
mkdir -p "$out/plain" "$out/emb"
status=0
bad() { echo "    kvm: $*"; status=1; }

# the compile command of arch/x86/kvm/F.o, for object $2, plugin flags $3
kcmd() {
	sed -n "1s|^cmd_arch/x86/kvm/$1\\.o := ||p" "$k/arch/x86/kvm/.$1.o.cmd" |
	sed -e 's/ ; .*//' -e 's/ -Wp,-MMD,[^ ]*//' -e 's/ -fplugin=[^ ]*//g' \
	    -e 's/ -fplugin-arg-[^ ]*//g' \
	    -e "s| -c -o arch/x86/kvm/$1\\.o | $3 -c -o $2 |"
}
objtool_of() {	# the objtool step kbuild ran after compiling F, on object $2
	sed -n "1s|^cmd_arch/x86/kvm/$1\\.o := ||p" "$k/arch/x86/kvm/.$1.o.cmd" |
	sed -n "s|.* ; \\(\\./tools/objtool/objtool [^;]*\\) arch/x86/kvm/$1\\.o *\$|\\1 $2|p"
}

for v in plain emb; do
	pf="-fplugin=$plugin"
	[ $v = emb ] && pf="$pf -fplugin-arg-kmetrics-embed"
	for f in $files; do
		cmd=$(kcmd "$f" "$out/$v/$f.o" "$pf")
		case $cmd in *"$out/$v/$f.o"*) ;; *) bad "cannot rewrite the command of $f.o"; exit 1 ;; esac
		(cd "$k" && eval "$cmd") || { bad "$f.c does not compile"; exit 1; }
		ot=$(objtool_of "$f" "$out/$v/$f.o")
		if [ -n "$ot" ] && [ -x "$k/tools/objtool/objtool" ]; then
			(cd "$k" && eval "$ot") >"$out/$v/$f.objtool" 2>&1 ||
				bad "objtool fails on $v/$f.o"
		fi
	done
done

(cd "$k" && gcc -E -nostdinc -I./arch/x86/include -I./arch/x86/include/generated -I./include \
	-I./arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I./include/uapi \
	-I./include/generated/uapi -include ./include/linux/compiler-version.h \
	-include ./include/linux/kconfig.h -D__KERNEL__ -P -Ux86 -D__ASSEMBLY__ -DLINKER_SCRIPT \
	arch/x86/kernel/vmlinux.lds.S -o "$out/vmlinux.lds") || { bad "vmlinux.lds"; exit 1; }

objs() { local f; for f in $files; do printf '%s/%s.o ' "$1" "$f"; done; }
lflags="-m elf_x86_64 -z max-page-size=0x200000 --emit-relocs --discard-none --no-warn-rwx-segments
	--unresolved-symbols=ignore-all --noinhibit-exec -T $out/vmlinux.lds"
# Symbols of the rest of the kernel that vmlinux.lds uses in expressions:
# defined as 0 one by one until ld gets through the script (--noinhibit-exec
# keeps the image despite the ASSERTs that a partial kernel fails).
# srso_alias_untrain_ret sets the location counter in .text: an offset past it.
defs="--defsym=srso_alias_untrain_ret=0x200000"
klink() {	# klink OUTPUT ORPHAN-MODE OBJECTS...
	local o=$1 mode=$2 i s
	shift 2
	for i in $(seq 1 60); do
		ld $lflags $defs --orphan-handling=$mode "$@" -o "$o" >"$o.ld" 2>&1
		s=$(sed -n "s/.*undefined symbol \`\([^']*\)' referenced in expression.*/\1/p" "$o.ld" | head -1)
		[ -z "$s" ] && break
		defs="$defs --defsym=$s=0"
	done
	[ -f "$o" ] || bad "no image from the link of $*: $(head -3 "$o.ld")"
}
for v in plain emb; do
	klink "$out/$v.vmlinux" warn $(objs "$out/$v")
	(cd "$out/$v" && ar cDPrST built-in.a $(for f in $files; do echo $f.o; done))
	ld -m elf_x86_64 -r --whole-archive "$out/$v/built-in.a" -o "$out/$v/vmlinux.o"
done
wp=$(grep -c 'orphan' "$out/plain.vmlinux.ld")
we=$(grep -c 'orphan' "$out/emb.vmlinux.ld")
echo "  note: kvm ($files): orphan warnings without embed $wp, with embed $we"
[ "$we" = "$wp" ] || bad "embedding adds orphan warnings"
klink "$out/err.vmlinux" error $(objs "$out/emb")
grep -q orphan "$out/err.vmlinux.ld" && bad "--orphan-handling=error complains"
klink "$out/err2.vmlinux" error "$out/emb/vmlinux.o"
grep -q orphan "$out/err2.vmlinux.ld" && bad "--orphan-handling=error on a vmlinux.o-like ld -r complains"
echo "  note: kvm link messages (a partial kernel, undefined symbols ignored): $(grep -v 'relocation truncated\|in function\|undefined reference' "$out/emb.vmlinux.ld" | tr '\n' ';')"
echo "  note: kvm size of the linked image:"
size "$out/plain.vmlinux" "$out/emb.vmlinux" | sed 's/^/    /'
[ "$(size "$out/plain.vmlinux" | tail -1 | cut -f1-4)" = "$(size "$out/emb.vmlinux" | tail -1 | cut -f1-4)" ] ||
	bad "the image grows"
readelf -S "$out/emb.vmlinux" | grep -q kmetrics && bad "the section is in the image"
echo "  note: kvm objects $(cat $(objs "$out/plain") | wc -c) -> $(cat $(objs "$out/emb") | wc -c) bytes;" \
	"vmlinux.o-like ld -r $(wc -c <"$out/plain/vmlinux.o") -> $(wc -c <"$out/emb/vmlinux.o")"

# the records come back from the objects (after objtool rewrote them),
# the thin built-in.a and the ld -r output, as the sidecars have them
sides() { local f; for f in $files; do cat "$1/$f.o.kmetrics"; done; }
for p in "$(objs "$out/emb")" "$out/emb/built-in.a" "$out/emb/vmlinux.o"; do
	"$x" -r $p | cmp -s - <(sides "$out/emb") || bad "records from $p differ from the sidecars"
done
echo "  note: kvm records: $(sides "$out/emb" | wc -l) from $(echo $files | wc -w) objects"
exit $status

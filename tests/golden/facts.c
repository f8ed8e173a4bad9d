/*
 * Compiler facts (the companion's C lines), at -O2 with GCC 12 on x86-64;
 * tests/golden/run.sh also checks every frame against -fstack-usage's .su
 * of the same compile. The records are the same at every -O level.
 *
 * Frames, as the prologues show them (8 bytes of return address, 8 per
 * register pushed, plus what "subq $N, %rsp" allocates):
 *   twice       a small static called twice: inlined everywhere, no body:
 *               inlined 1, no frame, no section, no CFG
 *   req_len     IPA-SRA reads len and prio in the callers (the loads come
 *               before any call that could change *r) and passes them:
 *               only req_len.isra.0 is emitted, pushing r12, rbp, rbx:
 *               8 + 24 = 32; no own-name body, so no section and no CFG
 *   scale       IPA-CP: every call passes k = 7, so only
 *               scale.constprop.0 is emitted: buf[64] and the alignment to
 *               16 at its call, subq $72: 8 + 72 = 80; no own-name body
 *   lookup      ipa-split: callers inline the key == 0 test and call
 *               lookup.part.0, which pushes five registers and keeps
 *               buf[48] (subq $48): 8 + 40 + 48 = 96. lookup is global, so
 *               its own body is emitted too: the test and a tail call, 8.
 *               The largest: 96. Its own CFG: bb2 (the test), bb3 (the
 *               call), bb4 (return): 3 blocks; edges ENTRY-2, 2-3, 2-4,
 *               3-4, 4-EXIT: E - N + 2 = 5 - 5 + 2 = 2
 *   check_req   the unlikely branch calls the cold report(): it goes to
 *               check_req.cold, the cold part of the same body, which
 *               shares its frame: push rbx, 8 + 8 = 16. CFG: bb2 (the
 *               test), bb3 (the cold branch), bb4 (the call of
 *               req_len.isra.0), bb5 (return): 4 blocks, E = 6, N = 6: 2
 *   init_table  __attribute__((section)) puts it into .init.text; pushes
 *               rbp, rbx and subq $8: 8 + 16 + 8 = 32. CFG: bb2 (lookup's
 *               inlined test), bb3 (lookup.part.0), bb4: 3 blocks, 2
 *   use_all     pushes r12, rbp, rbx: 32. CFG: lookup's test inlined
 *               twice: bb2, bb3, bb4, bb5, bb6: 5 blocks, E = 8, N = 7: 3
 *   vla         a variable length array: push rbp, push rbx, subq $8:
 *               8 + 16 + 8 = 32 static, the array on top is dynamic and
 *               unbounded, which -fstack-usage counts as 0 more ("32
 *               dynamic"). One block: 1
 * Sections: .text, but .init.text for init_table.
 */
extern int sink(const char *p, int n);
extern void report(int code) __attribute__((cold));

struct req {
	int id, len, flags, prio;
	char tag[32];
};

static int twice(int x)
{
	return x * 2;
}

static int req_len(const struct req *r)
{
	int len = r->len, prio = r->prio;
	int s = sink(0, len);

	s += sink(0, len + 1) * prio;
	s += sink(0, len + 2) * prio;
	s += sink(0, len + 3) * prio;
	s += sink(0, len + 4) * prio;
	s += sink(0, len + 5) * prio;
	s += sink(0, len + 6) * prio;
	return s + sink(0, len + 7) * prio;
}

static __attribute__((noinline)) int scale(int x, int k)
{
	char buf[64];

	__builtin_memset(buf, x, sizeof(buf));
	return sink(buf, k) * k;
}

int lookup(int key)
{
	char buf[48];
	int i, s = 0;

	if (__builtin_expect(key == 0, 1))
		return 0;
	for (i = 0; i < 48; i++)
		buf[i] = (char)(key + i);
	s += sink(buf, key);
	s += sink(buf + 1, key * 3);
	s += sink(buf + 2, key * 5);
	s += sink(buf + 3, key * 7);
	s += sink(buf + 4, key * 11);
	s += sink(buf + 5, key * 13);
	s += sink(buf + 6, key * 17);
	s += sink(buf + 7, key * 19);
	s += sink(buf + 8, key * 23);
	s += sink(buf + 9, key * 29);
	s += sink(buf + 10, key * 31);
	s += sink(buf + 11, key * 37);
	return s;
}

int check_req(const struct req *r)
{
	if (__builtin_expect(r->flags < 0, 0)) {
		report(r->flags);
		return sink(r->tag, 0) - 1;
	}
	return req_len(r) + twice(r->prio);
}

__attribute__((section(".init.text"))) int init_table(int n)
{
	return scale(n, 7) + lookup(n);
}

int use_all(int a, int b, const struct req *r)
{
	return req_len(r) + scale(a, 7) + scale(b, 7) + lookup(a) + lookup(b) + twice(a);
}

int vla(int n)
{
	char buf[n];

	__builtin_memset(buf, 0, n);
	return sink(buf, n);
}

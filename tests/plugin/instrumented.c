/*
 * Code that instrumentation rewrites: divisions and shifts (UBSAN's
 * integer-divide-by-zero, shift), signed arithmetic (signed-integer-
 * overflow), float-to-int casts, VLAs (vla-bound), array subscripts
 * (bounds), loads of bool and enum, pointer arithmetic, calls (KCOV,
 * -pg), locals (stack protector, -ftrivial-auto-var-init), conditions of
 * every kind, and an OpenMP loop. tests/plugin/instrumented.sh compares
 * the records of every build of it with those of the plain build: they
 * must be the same; no number here is worked out by hand.
 */
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely(x) __builtin_expect(!!(x), 1)
int g(int);
enum colour { RED, GREEN, BLUE };
struct s { int x; _Bool b; enum colour c; unsigned f:1, h:1; };

int divs(int a, int b) { return a / b + (a % b) + (a << b) + (a >> (b & 7)); }
int arith(int a, int b) { if (a > 0 && b > 0) return a * b + a - b; return a - 1; }
int fl(double d) { return (int)d + (int)(d * 2.5); }
int vla(int n) { int v[n]; v[0] = n; return v[n - 1] + v[0]; }
int arr(int *p, int i) { int a[10] = { 0 }; a[i % 10] = i; return a[i & 7] + p[i]; }
int loads(struct s *p) { return p->b ? p->c == BLUE : p->f && !p->h; }
long ptr(char *p, long n) { return (p + n) - p + (p[n] == 'x' || p[n - 1] == 'y'); }
int loop(int n)
{
	int s = 0, i;

	for (i = 0; i < n; i++) {
		if (unlikely(i % 3 == 0 || i == 7))
			continue;
		switch (i & 3) {
		case 1: s += g(i); break;
		case 2: s -= i; /* fall through */
		default: s ^= i << 2;
		}
	}
	while (s > 100 && likely(s % 2))
		s /= 2;
	return s > 5 ? s : -s;
}
int omp(int *a, int n)
{
	int s = 0;
#pragma omp parallel for reduction(+:s)
	for (int i = 0; i < n; i++)
		if (a[i] > 3 || a[i] < -3)
			s += a[i] / (i + 1);
	return s;
}

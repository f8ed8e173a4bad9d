/* Small multi-file project for the embed tests (tests/embed/run.sh). */
#ifndef UTIL_H
#define UTIL_H
static inline int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}
int parse(const char *s);
int score(int a, int b);
void report(const char *what, int v);
#endif

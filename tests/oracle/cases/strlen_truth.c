/* strlen(s) where its truth value is taken is strlen(s) != 0, which GCC's
 * front end folds into *s != 0 at every level: no call (6.1's
 * trace_seq_print_sym: if (name && strlen(name)); proc_cgroup_show:
 * if (strlen(root->name))). Worked out: st calls g only (fan_out 1); the
 * strlen whose value is used (n = strlen(s)) stays a call: sn fan_out 2.
 * C2: st 1 + if + && + while + ?: + || = 6; sn 1. */
typedef unsigned long size_t;
extern size_t strlen(const char *);
int g(const char *);
/* expect st C2=6 C10=2 fan_out=1 */
int st(const char *s, const char *t)
{
	int n = 0;

	if (s && strlen(s))
		n += g(s);
	while (strlen(t))
		t++;
	return (strlen(s) ? 1 : 2) + (n || strlen(t));
}
/* expect sn C2=1 C10=1 fan_out=2 */
int sn(const char *s)
{
	size_t n = strlen(s);

	return g(s) + (int)n;
}

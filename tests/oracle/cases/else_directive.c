/* An else and its if with a preprocessor directive between them (6.1's
 * ttwu_do_activate: "else\n#endif\n\tif (p->in_iowait)") are an else if
 * after preprocessing: the if keeps the chain's level. Worked out: C2 =
 * 1 + if + if = 3; C10 = 2 (each body one level below the function's).
 * kmetrics 12.2: C10 3 (the text before the if was the #endif). */
int g(int), h(int);
#define CONFIG_SMP 1
/* expect ei C2=3 C10=2 fan_out=2 */
int ei(int a, int b)
{
	int x = 0;
#ifdef CONFIG_SMP
	if (a & 4)
		x |= 8;
	else
#endif
	if (b) {
		g(1);
		h(2);
	}
	return x;
}

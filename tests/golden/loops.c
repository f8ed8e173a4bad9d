/*
 * Loops of all three kinds, nested in each other and in if/switch.
 * Hand-derived (SPEC.md): C2 = 1 + decisions, C10 = 1 + deepest nesting.
 */
int sum_for(int n)
{
	int s = 0;

	for (int i = 0; i < n; i++)	/* decision 1, level 1 */
		s += i;
	return s;			/* C1=1 C2=2 C9=2 (s, i) C10=2 */
}

int nested(int n, int m)
{
	int s = 0, i = 0;

	while (i < n) {				/* d1, level 1 */
		for (int j = 0; j < m; j++) {	/* d2, level 2 */
			do {			/* d3, level 3 */
				s++;
			} while (s < j);
		}
		i++;
	}
	return s;			/* C2=4 C9=3 C10=4 */
}

int loops_in_branches(int n, int k)
{
	int s = 0;

	if (n > 0) {				/* d1, level 1 */
		while (n--)			/* d2, level 2 */
			s += k;
	} else {
		switch (k) {			/* level 2 (inside the else) */
		case 1:				/* d3 */
			for (; k < 10; k++)	/* d4, level 3 */
				s++;
			break;
		default:
			do
				s--;
			while (s > -5);		/* d5, level 3 */
		}
	}
	return s;			/* C2=6 C9=1 C10=4 */
}

void forever(volatile int *p)
{
	for (;;) {			/* no condition: no decision, no level */
		if (*p)			/* d1, level 1 */
			break;
	}
	while (1)			/* constant: no decision, no level */
		if (p[1])		/* d2, level 1 */
			return;
}					/* C2=3 C9=0 C10=2 */

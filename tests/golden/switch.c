/* switch: shared labels, ranges, default. Each case label is a decision, default is not. */
int classify(int c)
{
	switch (c) {			/* level 1 */
	case 1:				/* d1 */
	case 2:				/* d2: two labels on one statement are two */
		return 10;
	case 3 ... 5:			/* d3: one label */
		return 20;
	default:
		return 0;
	}
}					/* C2=4 C10=2 */

int nested_switch(int a, int b)
{
	int r = 0;

	switch (a) {
	case 0:				/* d1 */
		switch (b) {		/* level 2 */
		case 0:			/* d2 */
			r = 1;
			break;
		case 1:			/* d3 */
			if (a == b)	/* d4, level 3 */
				r = 2;
			break;
		}
		break;
	default:
		r = -1;
	}
	return r;			/* C2=5 C9=1 C10=4 */
}

int const_switch(int x)
{
	/* constant condition: only the matching case is compiled, no decision */
	switch (sizeof(long)) {
	case 4:
		return x + 4;
	case 8:
		return x + 8;
	default:
		return x;
	}
}					/* C2=1 C10=1 */

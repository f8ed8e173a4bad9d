/* Class N (new): a ?: compared with a constant loses its decision. GCC
 * folds the comparison into the arms ((c ? x : 0) == 0 becomes
 * c ? x == 0 : 1, then a truth expression) and kmetrics counts no ?:,
 * at every -O. Linux 6.1: pci_resource_len(dev, bar) is
 * pci_resource_end(dev, bar) ? resource_size(..) : 0, and e1000_probe's
 * if (pci_resource_len(pdev, i) == 0) is one decision short (C2 65, oracle 66).
 * Worked out (1 + if + ?:, 1 + ?:): q1 C2 3, q2 C2 2, q3 2, q4 2; the
 * control q5 (no comparison) C2 2. kmetrics 12.2 at every -O: q1 2, q2 1,
 * q3 1, q4 1, q5 2. */
unsigned long rs(int i);
int end(int i);
int g(int);
#define len(i) (end(i) ? rs(i) : 0)
/* expect q1 C2=3 C10=2 fan_out=3 */
int q1(int i) { if (len(i) == 0) return g(1); return 0; }
/* expect q2 C2=2 fan_out=2 */
int q2(int i) { return len(i) == 0; }
/* expect q3 C2=2 fan_out=2 */
int q3(int i) { return (end(i) ? rs(i) : 5) == 0; }
/* expect q4 C2=2 fan_out=2 */
int q4(int i) { return len(i) != 0; }
/* expect q5 C2=2 fan_out=2 */
int q5(int i) { return len(i); }

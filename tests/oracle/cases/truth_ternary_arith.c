/* Class H, under arithmetic: a ?: whose arms are 1 and 0 is a truth value
 * wherever it stands (README, "Readings": 3 * (a ? 1 : 0) too). GCC keeps
 * a ?: when a constant multiplies it (a != 0 ? 3 : 0) and kmetrics counts
 * it. Linux 6.1: EXT4_QUOTA_TRANS_BLOCKS(sb) is ext4_quota_capable(sb) ? 1 : 0,
 * EXT4_MAXQUOTAS_TRANS_BLOCKS 3 times that: ext4_meta_trans_blocks (C2 3,
 * kmetrics 4), every EXT4_META_TRANS_BLOCKS.
 * Worked out: no decision in qt or qt2: C2 1 each; plain (no arithmetic)
 * C2 1 too. kmetrics 12.2 at every -O: qt 2, qt2 2, plain 1. */
int capable(int sb);
#define QUOTA_TRANS_BLOCKS(sb) (capable(sb) ? 1 : 0)
#define MAXQUOTAS_TRANS_BLOCKS(sb) (3 * QUOTA_TRANS_BLOCKS(sb))
/* expect qt C2=1 fan_out=1 */
int qt(int sb) { return 8 + MAXQUOTAS_TRANS_BLOCKS(sb); }
/* expect qt2 C2=1 fan_out=0 */
int qt2(int a) { return 3 * (a ? 1 : 0); }
/* expect plain C2=1 fan_out=1 */
int plain(int sb) { return QUOTA_TRANS_BLOCKS(sb); }

import type { Plant } from './plant.ts';
import { plant as bid001 } from './bid-001.ts';
import { plant as bid005 } from './bid-005.ts';
import { plant as bid008 } from './bid-008.ts';
import { plant as bid039 } from './bid-039.ts';
import { plant as bid043 } from './bid-043.ts';
import { plant as bid049 } from './bid-049.ts';
import { plant as fund001 } from './fund-001.ts';
import { plant as soe001 } from './soe-001.ts';
import { plant as soe006 } from './soe-006.ts';
import { plant as vil001 } from './vil-001.ts';

/**
 * Every planted pattern, in planting order (each claims its own lots and organisations).
 * SOE-006 runs first: its clean-up deletes some background contracts and cancels their awards (the tender
 * turns unsuccessful), which no other plant may pick or have recorded.
 */
export const PLANTS: readonly Plant[] = [soe006, bid001, bid005, bid008, bid043, bid049, bid039, soe001, fund001, vil001];

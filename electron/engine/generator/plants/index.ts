import type { Plant } from './plant.ts';
import { plant as bid001 } from './bid-001.ts';
import { plant as bid005 } from './bid-005.ts';
import { plant as bid008 } from './bid-008.ts';
import { plant as bid039 } from './bid-039.ts';
import { plant as bid043 } from './bid-043.ts';
import { plant as bid049 } from './bid-049.ts';

/** Every planted pattern, in planting order (each claims its own lots and organisations). */
export const PLANTS: readonly Plant[] = [bid001, bid005, bid008, bid043, bid049, bid039];

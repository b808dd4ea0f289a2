import type { Plant } from './plant.ts';

/** Every planted pattern, in planting order. */
export const PLANTS: readonly Plant[] = [];

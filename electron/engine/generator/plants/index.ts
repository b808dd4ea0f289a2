import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plant } from './plant.ts';

/**
 * The first plants, in the order they have always run (each claims its own lots and organisations, so
 * the order decides which). SOE-006 runs first: its clean-up deletes some background contracts and
 * cancels their awards (the tender turns unsuccessful), which no other plant may pick or have recorded.
 */
const FIRST = ['soe-006', 'bid-001', 'bid-005', 'bid-008', 'bid-043', 'bid-049', 'bid-039', 'soe-001', 'fund-001', 'vil-001'];
const DOMAINS = ['bid', 'soe', 'fund', 'vil'];

/**
 * Every planted pattern, in planting order: the plants above, then every other plant file of this
 * folder (one per model, named like bid-002.ts) in catalog order. A new model's plant is a new file.
 */
export async function loadPlants(): Promise<Plant[]> {
  const names = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
    .filter((f) => /^(bid|soe|fund|vil)-\d{3}\.ts$/.test(f)).map((f) => f.slice(0, -3));
  const rest = names.filter((n) => !FIRST.includes(n)).sort((a, b) => {
    const [da, na] = a.split('-') as [string, string];
    const [db, nb] = b.split('-') as [string, string];
    return DOMAINS.indexOf(da) - DOMAINS.indexOf(db) || Number(na) - Number(nb);
  });
  const order = [...FIRST.filter((n) => names.includes(n)), ...rest];
  return Promise.all(order.map(async (n) => ((await import(`./${n}.ts`)) as { plant: Plant }).plant));
}

import type { ScalePlan } from './scale.ts';

/**
 * Index ranges of the synthetic population. Organisations and persons are numbered in segments
 * (buyers first, then agencies, suppliers, ...), so SQL can find "the k-th supplier" by arithmetic.
 */
export function populationLayout(p: ScalePlan) {
  const org = segments([
    ['buyer', p.buyers], ['agency', p.agencies], ['supplier', p.suppliers], ['collective', p.collectives], ['other', p.others],
  ]);
  const nOrg = org.end;
  const officials = Math.ceil(p.buyers / 4);
  const person = segments([
    ['legal_rep', nOrg],          // person i is the legal representative of organisation i
    ['supplier_staff', p.suppliers * 4], // 3 project managers and 1 technical lead per supplier
    ['buyer_staff', p.buyers * 3],       // manager, finance head, procurement officer
    ['agency_staff', p.agencies * 2],
    ['official', officials],             // each oversees 4 buyers
    ['expert', p.experts],
    ['cadre', p.collectives * 2],        // village party secretary and committee director
    ['villager', p.collectives * 6],
    ['investor', p.suppliers],           // a second shareholder for some suppliers
  ]);
  return { org, person, officials };
}

type Seg = { start: number; count: number };

function segments<K extends string>(list: Array<[K, number]>): Record<K, Seg> & { end: number } {
  const out = {} as Record<K, Seg> & { end: number };
  let at = 0;
  for (const [k, n] of list) {
    (out as Record<K, Seg>)[k] = { start: at + 1, count: n };
    at += n;
  }
  out.end = at;
  return out;
}

export type PopulationLayout = ReturnType<typeof populationLayout>;

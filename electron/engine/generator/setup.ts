import { readFileSync } from 'node:fs';
import { hmacPads } from '../privacy/id-hash.ts';
import { int, strList } from './sql-literals.ts';
import {
  AREA_CODES, CLASSES, FIRM_SUFFIXES, GIVEN_CHARS_FEMALE, GIVEN_CHARS_MALE, INDUSTRY_WORDS, ROADS, SURNAMES, TRADE_CHARS,
} from './vocab.ts';

export interface Region { code: string; name: string; parent: string; level: string }

export function loadRegions(): Region[] {
  const text = readFileSync(new URL('./data/zhejiang-regions.csv', import.meta.url), 'utf8');
  return text.trim().split('\n').slice(1).map((line) => {
    const [code, name, parent, level] = line.split(',');
    return { code: code!, name: name!, parent: parent ?? '', level: level! };
  });
}

/**
 * Temporary macros and lookup tables the generator's SQL uses. Randomness is a hash of
 * (seed, stream, key), so every value depends only on the seed and the row's key: the same
 * seed gives the same data whatever the thread count or row order.
 */
export function setupSql(seed: number, idKey: Buffer): string[] {
  const regions = loadRegions();
  const counties = regions.filter((r) => r.level === 'county');
  const cityName = new Map(regions.filter((r) => r.level === 'prefecture').map((r) => [r.code, r.name]));
  const countyRows = counties.map((c, i) => {
    const city = c.parent;
    return `(${i + 1}, '${c.code}', '${c.name}', '${city}', '${cityName.get(city)}', '${AREA_CODES[city.slice(0, 4)]}')`;
  });
  const classRows = Object.entries(CLASSES).flatMap(([cat, list]) =>
    list.map(([code, name], i) => `('${cat}', ${i + 1}, '${code}', '${name}')`));
  const { ipad, opad } = hmacPads(idKey);
  const S = int(seed);
  return [
    // u: uniform [0,1); ui: integer in [lo, hi]; pick: a list element; nrm: standard normal.
    `CREATE OR REPLACE TEMP MACRO u(k, i) AS ((hash('${S}:' || k || ':' || CAST(i AS VARCHAR)) >> 11)::DOUBLE / 9007199254740992.0)`,
    `CREATE OR REPLACE TEMP MACRO ui(k, i, lo, hi) AS (CAST(lo + floor(u(k, i) * (hi - lo + 1)) AS BIGINT))`,
    `CREATE OR REPLACE TEMP MACRO pick(lst, k, i) AS (lst[CAST(1 + floor(u(k, i) * len(lst)) AS INTEGER)])`,
    `CREATE OR REPLACE TEMP MACRO nrm(k, i) AS (sqrt(-2 * ln(1 - u(k || ':a', i))) * cos(2 * pi() * u(k || ':b', i)))`,
    `CREATE OR REPLACE TEMP MACRO hex16(k, i) AS (upper(substr(md5('${S}:' || k || ':' || CAST(i AS VARCHAR)), 1, 16)))`,
    `CREATE OR REPLACE TEMP MACRO surnames() AS ${strList(SURNAMES)}`,
    `CREATE OR REPLACE TEMP MACRO given_chars(g) AS (CASE g WHEN 'F' THEN ${strList(GIVEN_CHARS_FEMALE)} ELSE ${strList(GIVEN_CHARS_MALE)} END)`,
    `CREATE OR REPLACE TEMP MACRO trade_chars() AS ${strList(TRADE_CHARS)}`,
    `CREATE OR REPLACE TEMP MACRO firm_suffixes() AS ${strList(FIRM_SUFFIXES)}`,
    `CREATE OR REPLACE TEMP MACRO roads() AS ${strList(ROADS)}`,
    `CREATE OR REPLACE TEMP MACRO industry_words(cat) AS (CASE cat WHEN 'works' THEN ${strList(INDUSTRY_WORDS.works)}
       WHEN 'goods' THEN ${strList(INDUSTRY_WORDS.goods)} ELSE ${strList(INDUSTRY_WORDS.services)} END)`,
    // A person's gender (62% men among the people in these records) and a Chinese name that fits it:
    // surname plus one or two given-name characters.
    `CREATE OR REPLACE TEMP MACRO gender_of(i) AS (CASE WHEN u('sex', i) < 0.62 THEN 'M' ELSE 'F' END)`,
    `CREATE OR REPLACE TEMP MACRO person_name_g(i, g) AS (pick(surnames(), 'sn', i) || pick(given_chars(g), 'g1', i)
       || CASE WHEN u('g2?', i) < 0.72 THEN pick(given_chars(g), 'g2', i) ELSE '' END)`,
    `CREATE OR REPLACE TEMP MACRO person_name(i) AS (person_name_g(i, gender_of(i)))`,
    `CREATE OR REPLACE TEMP MACRO trade_name(i) AS (pick(trade_chars(), 't1', i) || pick(trade_chars(), 't2', i))`,
    // An 11-digit mobile number: 1, a carrier prefix, 8 digits.
    `CREATE OR REPLACE TEMP MACRO mobile(k, i) AS ('1' || pick(['33','35','36','37','38','39','50','51','58','59','77','80','86','88','89'], k || 'm', i)
       || lpad(CAST(ui(k, i, 0, 99999999) AS VARCHAR), 8, '0'))`,
    // GB 11714 organisation code check character and GB 32100 unified social credit code check character.
    `CREATE OR REPLACE TEMP MACRO orgcode_sum(b) AS (list_sum(list_transform(range(1, 9), k ->
       (CASE WHEN substr(b, k, 1) BETWEEN '0' AND '9' THEN ascii(substr(b, k, 1)) - 48 ELSE ascii(substr(b, k, 1)) - 55 END)
       * [3, 7, 9, 10, 5, 8, 4, 2][k])))`,
    `CREATE OR REPLACE TEMP MACRO orgcode_check(b) AS (substr('123456789X0', CAST(11 - orgcode_sum(b) % 11 AS INTEGER), 1))`,
    `CREATE OR REPLACE TEMP MACRO uscc_check(s) AS (substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
       CAST(1 + (31 - list_sum(list_transform(range(1, 18), k ->
         (instr('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(s, k, 1)) - 1)
         * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][k])) % 31) % 31 AS INTEGER), 1))`,
    // GB 11643 check character of an 18-digit ID number, over its first 17 digits.
    `CREATE OR REPLACE TEMP MACRO idcard_check(s) AS (substr('10X98765432', CAST(1 + list_sum(list_transform(range(1, 18), k ->
       CAST(substr(s, k, 1) AS INTEGER) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][k])) % 11 AS INTEGER), 1))`,
    // HMAC-SHA256 of an ID number under the workspace key: the only form an ID number is stored in.
    `CREATE OR REPLACE TEMP MACRO id_hash(x) AS (sha256(unhex('${opad}') || unhex(sha256(unhex('${ipad}') || encode(x)))))`,
    `CREATE OR REPLACE TEMP TABLE _county (idx INTEGER, code VARCHAR, name VARCHAR, city_code VARCHAR, city_name VARCHAR, area_code VARCHAR)`,
    `INSERT INTO _county VALUES ${countyRows.join(', ')}`,
    `CREATE OR REPLACE TEMP TABLE _class (category VARCHAR, idx INTEGER, code VARCHAR, name VARCHAR)`,
    `INSERT INTO _class VALUES ${classRows.join(', ')}`,
    `CREATE OR REPLACE TEMP MACRO n_counties() AS (${int(counties.length)})`,
  ];
}

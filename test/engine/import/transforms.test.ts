import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amountCny, chineseDate, phone, TransformError } from '../../../electron/engine/import/transforms.ts';

test('Chinese and spreadsheet dates become ISO dates', () => {
  for (const [input, out] of [
    ['2023年5月6日', '2023-05-06'], ['2023/5/6', '2023-05-06'], ['2023.05.06', '2023-05-06'], ['2023-5-6', '2023-05-06'],
    ['20230506', '2023-05-06'], ['2023年5月6日 14:30', '2023-05-06 14:30:00'], ['2024-02-29 09:05:07', '2024-02-29 09:05:07'],
    ['45052', '2023-05-06'], [' ', null],
  ] as const) assert.equal(chineseDate(input), out, input);
  assert.equal(chineseDate(45052.5), '2023-05-06 12:00:00');
  assert.equal(chineseDate(null), null);
  for (const bad of ['2023年2月30日', '2023年13月1日', '明年五月', '2023-05-06 25:00', '2015', '201503']) assert.throws(() => chineseDate(bad), TransformError, bad);
});

test('amounts with separators and units become exact CNY decimals', () => {
  for (const [input, out] of [
    ['1,234.56', '1234.56'], ['￥1,234', '1234'], ['12.5万元', '125000'], ['0.3亿元', '30000000'], ['1234.5678万', '12345678'],
    ['1.23456万元', '12345.6'], ['(1,000.00)', '-1000'], ['-0', '0'], ['3800000.00', '3800000'], ['', null],
  ] as const) assert.equal(amountCny(input), out, input);
  assert.equal(amountCny(1234.5), '1234.5');
  for (const bad of ['十万元', '12.5美元', '1.2.3', '12,5', '1,23,456']) assert.throws(() => amountCny(bad), TransformError, bad);
  assert.equal(amountCny('12，345，678.9'), '12345678.9');
});

test('phones lose separators and the country code', () => {
  assert.equal(phone('+86 138-0013-8000'), '13800138000');
  assert.equal(phone('(0571) 8888-1234'), '057188881234');
  assert.equal(phone('0086 13800138000'), '13800138000');
  assert.equal(phone(''), null);
  assert.throws(() => phone('转分机'), TransformError);
});

import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ABSENT, decodeCell, encodeCell, type CellType } from '../../src/lib/io/csv/cells';
import { BACKUP_TABLES, tableSpec } from '../../src/lib/io/csv/backup-columns';
import { csvLine } from '../../src/lib/io/csv/csv-text';
import { IssueList } from '../../src/lib/io/csv/issues';
import { readRecords } from '../../src/lib/io/csv/read-records';
import { encodeRow, rowDecoder, rowsToCsv, type Row } from '../../src/lib/io/csv/rows';

const TYPES: CellType[] = ['text', 'date', 'int', 'fen', 'number', 'bool', 'json'];

/** JSON-able values as rows hold them (no -0: it is written as 0). */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const anyValue = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '\\', '\\N', '\\U', '\\J1', '=1+1', '-5', '+86', '@a', '\t', '\r\n', ' x ', '"', ','),
  fc.integer(),
  fc.double({ noDefaultInfinity: false, noNaN: false }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  jsonValue,
);

function roundTrip(value: unknown, type: CellType): unknown {
  const r = decodeCell(encodeCell(value, type), type);
  if (!r.ok) throw new Error(`${r.code} for ${JSON.stringify(value)} as ${type}`);
  return r.value === ABSENT ? undefined : r.value;
}

describe('backup cells', () => {
  it('give back any value in any lenient column', () => {
    fc.assert(
      fc.property(
        anyValue,
        fc.constantFrom<CellType>('text', 'int', 'number', 'bool', 'json'),
        (value, type) => {
          expect(roundTrip(value, type)).toStrictEqual(value);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('tell null, the empty string and an absent field apart in every column type', () => {
    for (const type of TYPES) {
      expect(roundTrip(null, type)).toBeNull();
      expect(roundTrip(undefined, type)).toBeUndefined();
      if (type !== 'date' && type !== 'fen') expect(roundTrip('', type)).toBe(''); // strict columns refuse ''
    }
    expect(encodeCell('', 'text')).toBe('');
    expect(encodeCell(undefined, 'text')).toBe('\\U');
    expect(encodeCell(undefined, 'int')).toBe('');
    expect(encodeCell(null, 'int')).toBe('\\N');
  });

  it('write numbers exactly, negatives and all, and keep text that looks like a formula or a number as text', () => {
    expect(encodeCell(-4500, 'fen')).toBe('-4500');
    expect(encodeCell(0.1 + 0.2, 'number')).toBe('0.30000000000000004');
    expect(roundTrip(0.1 + 0.2, 'number')).toBe(0.1 + 0.2);
    expect(encodeCell(Number.MAX_SAFE_INTEGER, 'int')).toBe('9007199254740991');
    expect(encodeCell('-5', 'text')).toBe('-5');
    expect(encodeCell('=SUM(A1)', 'text')).toBe('=SUM(A1)');
    expect(encodeCell('013800138000', 'text')).toBe('013800138000');
    expect(encodeCell('\\N', 'text')).toBe('\\\\N');
    expect(encodeCell(12, 'text')).toBe('\\J12');
  });

  it('refuse what does not fit a strict column', () => {
    expect(decodeCell('2026-02-30', 'date')).toEqual({ ok: false, code: 'impossibleDate' });
    expect(decodeCell('2026-2-3', 'date')).toEqual({ ok: false, code: 'impossibleDate' });
    expect(decodeCell('2024-02-29', 'date')).toEqual({ ok: true, value: '2024-02-29' });
    expect(decodeCell('12.5', 'fen')).toEqual({ ok: false, code: 'notInteger' });
    expect(decodeCell('\\J"12"', 'fen')).toEqual({ ok: false, code: 'notInteger' });
    expect(decodeCell('1e3', 'int')).toEqual({ ok: false, code: 'notInteger' });
    expect(decodeCell('007', 'int')).toEqual({ ok: false, code: 'notInteger' });
    expect(decodeCell('abc', 'number')).toEqual({ ok: false, code: 'notNumber' });
    expect(decodeCell('yes', 'bool')).toEqual({ ok: false, code: 'notBoolean' });
    expect(decodeCell('{', 'json')).toEqual({ ok: false, code: 'badJson' });
    expect(decodeCell('\\x', 'text')).toEqual({ ok: false, code: 'badEscape' });
    expect(decodeCell('', 'key')).toEqual({ ok: false, code: 'required' });
    expect(() => encodeCell([1, undefined], 'json')).toThrow();
    expect(() => encodeCell(new Date(0), 'json')).toThrow();
  });
});

describe('backup rows through CSV text', () => {
  const members = tableSpec('members')!;

  it('survive CSV quoting and papaparse for any text, row after row', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.uuid(),
            name: fc.string({ unit: 'grapheme' }),
            notes: fc.string({ unit: 'binary' }),
            tags: fc.array(fc.string()),
            birthday: fc.constantFrom(null, '2024-02-29', undefined),
            pointsBalance: fc.integer(),
            extraThing: fc.option(jsonValue, { nil: undefined }),
          }),
          { maxLength: 8 },
        ),
        (rows) => {
          const clean = rows.map(
            (r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Row,
          );
          const csv = rowsToCsv(members, clean, true);
          const bytes = new TextEncoder().encode(csv);
          const issues = new IssueList();
          const records = [...readRecords(bytes, { file: 'members.csv', chunkBytes: 64 }, issues)].flatMap(
            (c) => c.records,
          );
          expect(issues.items).toEqual([]);
          const decoder = rowDecoder(members, records[0] ?? [], 'members.csv', issues)!;
          const back = records.slice(1).map((cells, i) => decoder.decode(cells, i + 1));
          expect(issues.items).toEqual([]);
          expect(back).toEqual(
            clean.map((r) => {
              const out: Row = {};
              for (const c of members.columns) if (c.name in r) out[c.name] = r[c.name];
              if ('extraThing' in r) out.extraThing = r.extraThing;
              return out;
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keep unknown fields in _extra, and a header in another order still reads', () => {
    const row = { id: 'm1', name: '王芳', futureField: [1, 'a'] };
    const cells = encodeRow(members, row);
    expect(cells.at(-1)).toBe('{"futureField":[1,"a"]}');
    const header = ['_extra', 'name', 'id'];
    const issues = new IssueList();
    const d = rowDecoder(members, header, 'members.csv', issues)!;
    expect(d.canonical).toBe(false);
    expect(d.decode(['{"futureField":[1,"a"]}', '王芳', 'm1'], 1)).toEqual({
      id: 'm1',
      name: '王芳',
      futureField: [1, 'a'],
    });
    expect(rowDecoder(members, ['id', 'nope'], 'members.csv', issues)).toBeNull();
    expect(rowDecoder(members, ['name'], 'members.csv', issues)).toBeNull();
    expect(issues.items.map((i) => i.code)).toEqual(['unknownColumn', 'keyColumnMissing']);
  });

  it('quote only what needs quoting', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', ' lead', ''])).toBe(
      'a,"b,c","say ""hi""","x\ny"," lead",',
    );
    expect(Papa.parse<string[]>(csvLine(['a', 'b,c', 'say "hi"', 'x\ny'])).data[0]).toEqual([
      'a',
      'b,c',
      'say "hi"',
      'x\ny',
    ]);
  });

  it('every table has a primary key column and ends with _extra', () => {
    for (const spec of BACKUP_TABLES) {
      expect(spec.columns.some((c) => c.name === spec.key && c.type === 'key')).toBe(true);
      expect(rowsToCsv(spec, [], true).trim().endsWith('_extra')).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, firstLineOf } from '../../src/lib/io/csv/detect';
import { guessMapping, type Mapping } from '../../src/lib/io/csv/import-mapping';
import { planMemberImport, readMemberRow, type ExistingMember } from '../../src/lib/io/csv/import-members';
import { parseDate } from '../../src/lib/io/csv/import-rows';
import { IssueList } from '../../src/lib/io/csv/issues';
import { readRecords } from '../../src/lib/io/csv/read-records';
import { encodeGbk } from '../fixtures/gbk';

const TODAY = '2026-03-01';
const GBK_CSV =
  '姓名,手机号,生日,积分,余额,备注\r\n王芳,13800138000,1990/5/3,1200,"1,000.50","周末常来，喜欢""促销"""\r\n';

describe('reading files from Excel and WPS', () => {
  it('tells GBK from UTF-8 (with or without BOM) on real bytes', () => {
    const gbk = encodeGbk(GBK_CSV);
    expect(detectEncoding(gbk)).toBe('gb18030');
    expect(new TextDecoder('gb18030').decode(gbk)).toBe(GBK_CSV);
    expect(detectEncoding(new TextEncoder().encode(GBK_CSV))).toBe('utf-8');
    expect(detectEncoding(new TextEncoder().encode('\uFEFF' + GBK_CSV))).toBe('utf-8');
    expect(detectEncoding(new TextEncoder().encode('name,phone\n'))).toBe('utf-8');
  });

  it('reads GBK records, quoted commas, quotes and line breaks included', () => {
    const issues = new IssueList();
    const text = GBK_CSV + '李娜,139 1234 5678,,,,"两行\r\n备注"\r\n';
    const records = [
      ...readRecords(encodeGbk(text), { file: 'm.csv', encoding: 'gb18030', chunkBytes: 16 }, issues),
    ].flatMap((c) => c.records);
    expect(issues.items).toEqual([]);
    expect(records).toEqual([
      ['姓名', '手机号', '生日', '积分', '余额', '备注'],
      ['王芳', '13800138000', '1990/5/3', '1200', '1,000.50', '周末常来，喜欢"促销"'],
      ['李娜', '139 1234 5678', '', '', '', '两行\r\n备注'],
    ]);
  });

  it('finds the separator: comma, semicolon or tab', () => {
    expect(detectDelimiter('姓名,手机')).toBe(',');
    expect(detectDelimiter('name;phone;"a,b"')).toBe(';');
    expect(detectDelimiter('name\tphone\tnotes')).toBe('\t');
    expect(detectDelimiter('name')).toBe(',');
    expect(firstLineOf('"a\nb",c\nd')).toBe('"a\nb",c');
  });
});

describe('column mapping guesses', () => {
  it('from Chinese and English headers', () => {
    expect(
      guessMapping(['会员姓名', '手机号码', '性别', '出生日期', '当前积分', '储值余额', '备注', '会员卡号']),
    ).toEqual(['name', 'phone', 'gender', 'birthday', 'points', 'storedValue', 'notes', null]);
    expect(
      guessMapping(['Name', 'Mobile Phone', 'Date of Birth', 'Points', 'Balance', 'E-mail', 'WeChat ID']),
    ).toEqual(['name', 'phone', 'birthday', 'points', 'storedValue', 'email', 'wechat']);
    expect(guessMapping(['\uFEFF姓名', '电话', '电话2'])).toEqual(['name', 'phone', null]);
  });
});

describe('rows as they will be stored', () => {
  const mapping: Mapping = ['name', 'phone', 'birthday', 'points', 'storedValue', 'notes'];

  it('keeps phones as text and reads dates, points and money exactly', () => {
    const r = readMemberRow(
      ['王芳', '+86 138-0013-8000', '1990年5月3日', '1,200', '¥1,000.50', ' 备注 '],
      mapping,
      1,
      TODAY,
    );
    expect(r).toEqual({
      ok: true,
      member: {
        row: 1,
        name: '王芳',
        phone: '13800138000',
        birthday: '1990-05-03',
        points: 1200,
        storedValueFen: 100050,
        notes: '备注',
      },
    });
    expect(parseDate('2024/2/29 00:00:00')).toEqual({ ok: true, date: '2024-02-29' });
    expect(parseDate('20240229')).toEqual({ ok: true, date: '2024-02-29' });
  });

  it('reports every problem of a row with its field and value', () => {
    const r = readMemberRow(['', '12345', '2026-02-30', '12.5', '-3', 'x'], mapping, 7, TODAY);
    expect(r.ok ? [] : r.errors).toEqual([
      { row: 7, field: 'name', value: '', reason: 'required' },
      { row: 7, field: 'phone', value: '12345', reason: 'phoneFormat' },
      { row: 7, field: 'birthday', value: '2026-02-30', reason: 'impossibleDate' },
      { row: 7, field: 'points', value: '12.5', reason: 'notWholeNumber' },
      { row: 7, field: 'storedValue', value: '-3', reason: 'negative' },
    ]);
    expect(readMemberRow(['王芳', '13800138000', '', '', '', '', 'extra'], mapping, 2, TODAY)).toEqual({
      ok: false,
      errors: [{ row: 2, field: null, value: '王芳,13800138000,,,,,extra', reason: 'columnCount' }],
    });
    // Trailing empty cells dropped (or added) by the exporting system are fine.
    expect(readMemberRow(['王芳', '13800138000'], mapping, 3, TODAY)).toMatchObject({ ok: true });
    expect(readMemberRow(['王芳', '13800138000', '', '', '', '', ''], mapping, 4, TODAY)).toMatchObject({
      ok: true,
    });
  });
});

describe('the import plan', () => {
  const mapping: Mapping = ['name', 'phone', 'points'];
  const existing = (over: Partial<ExistingMember> = {}): ExistingMember => ({
    id: 'm1',
    name: '王芳',
    phone: '13800138000',
    gender: 'female',
    birthday: null,
    tags: [],
    notes: '',
    region: '',
    address: '',
    wechat: '',
    email: '',
    openingPoints: null,
    openingStoredValueFen: null,
    ...over,
  });
  const read = (rows: string[][]) => rows.map((cells, i) => readMemberRow(cells, mapping, i + 1, TODAY));

  it('counts new, updated, unchanged and invalid rows; duplicates in the file are invalid', () => {
    const plan = planMemberImport(
      read([
        ['王芳', '13800138000', ''],
        ['李娜', '13912345678', '50'],
        ['李娜二', '13912345678', ''],
        ['赵敏', 'bad', ''],
        ['Wang', '13700001111', ''],
      ]),
      new Map([
        ['13800138000', existing()],
        ['13700001111', existing({ id: 'm2', name: '王', phone: '13700001111' })],
      ]),
    );
    expect(plan.counts).toEqual({ new: 1, updated: 1, unchanged: 1, invalid: 2, total: 5 });
    expect(plan.errors.map((e) => [e.row, e.field, e.reason, e.detail])).toEqual([
      [3, 'phone', 'duplicateInFile', '2'],
      [4, 'phone', 'phoneFormat', undefined],
    ]);
    expect(plan.rows.find((r) => r.member.phone === '13912345678')).toMatchObject({
      action: 'new',
      openingPoints: 50,
    });
    expect(plan.rows.find((r) => r.member.phone === '13700001111')).toMatchObject({
      action: 'updated',
      changes: ['name'],
    });
  });

  it('is idempotent about opening balances: the same one again changes nothing, another one is refused', () => {
    const onFile = new Map([['13800138000', existing({ openingPoints: 1200 })]]);
    expect(planMemberImport(read([['王芳', '13800138000', '1200']]), onFile).counts.unchanged).toBe(1);
    const other = planMemberImport(read([['王芳', '13800138000', '900']]), onFile);
    expect(other.errors).toEqual([
      { row: 1, field: 'points', value: '900', reason: 'openingDiffers', detail: '1200' },
    ]);
  });
});

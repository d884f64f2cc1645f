import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/lib/domain/product';
import { importedSaleId, importedSaleRow } from '../../src/lib/domain/sale-import';
import { guessMapping, SALE_FIELDS, type Mapping } from '../../src/lib/io/csv/import-mapping';
import { planProductImport, readProductRow } from '../../src/lib/io/csv/import-products';
import { parseDateTime, parseYesNo } from '../../src/lib/io/csv/import-rows';
import {
  parsePaymentMethod,
  planSaleImport,
  readSaleRow,
  type SalesOnFile,
} from '../../src/lib/io/csv/import-sales';

const TODAY = '2026-03-01';
const NOW = new Date(2026, 2, 1, 10, 0).getTime();

function product(p: Partial<Product> & Pick<Product, 'sku'>): Product {
  return {
    id: `p-${p.sku}`,
    name: '飞鹤星飞帆 1段',
    brand: '飞鹤',
    category: '奶粉',
    priceFen: 29_800,
    formulaStage: 1,
    daysPerUnit: 15,
    active: true,
    createdAt: 1,
    updatedAt: 1,
    ...p,
  };
}

describe('guessing the columns of products and sales files', () => {
  it('maps Chinese and English product headers', () => {
    expect(guessMapping(['商品条码', '品名', '品牌', '分类', '零售价', '段数', '备注'], 'products')).toEqual([
      'sku',
      'productName',
      'brand',
      'category',
      'price',
      'formulaStage',
      null,
    ]);
    expect(guessMapping(['SKU', 'Name', 'Brand', 'Price', 'Status'], 'products')).toEqual([
      'sku',
      'productName',
      'brand',
      'price',
      'active',
    ]);
  });

  it('maps a till export of sales lines, and a short English word is not found inside a longer one', () => {
    expect(
      guessMapping(
        [
          '销售单号',
          '销售时间',
          '会员手机号',
          '商品条码',
          '商品名称',
          '数量',
          '单价',
          '实收金额',
          '支付方式',
        ],
        'sales',
      ),
    ).toEqual([
      'externalId',
      'saleAt',
      'memberPhone',
      'lineSku',
      'lineName',
      'qty',
      'unitPrice',
      'lineAmount',
      'paymentMethod',
    ]);
    // 'id' is in 'paid' and 'memberid', but only an exact 'ID' header is an order number.
    expect(guessMapping(['Paid (CNY)', 'MemberID', 'ID'], 'sales')).toEqual([
      'lineAmount',
      null,
      'externalId',
    ]);
  });
});

describe('reading dates with times, yes/no and payment words', () => {
  it('reads a time after the date and puts a bare date at noon', () => {
    expect(parseDateTime('2026/2/3 14:05')).toEqual({
      ok: true,
      date: '2026-02-03',
      hour: 14,
      minute: 5,
      second: 0,
    });
    expect(parseDateTime('2026-02-03T09:07:08.000')).toEqual({
      ok: true,
      date: '2026-02-03',
      hour: 9,
      minute: 7,
      second: 8,
    });
    expect(parseDateTime('2026年2月3日')).toEqual({
      ok: true,
      date: '2026-02-03',
      hour: 12,
      minute: 0,
      second: 0,
    });
    expect(parseDateTime('2026-02-30 10:00')).toEqual({ ok: false, reason: 'impossibleDate' });
    expect(parseDateTime('2026-02-03 25:00')).toEqual({ ok: false, reason: 'impossibleDate' });
    expect(parseDateTime('昨天')).toEqual({ ok: false, reason: 'dateFormat' });
  });

  it('knows yes/no and the payment methods in both languages', () => {
    expect(['是', '在售', 'Y', '1'].map(parseYesNo)).toEqual([true, true, true, true]);
    expect(['否', '停售', 'no', '0'].map(parseYesNo)).toEqual([false, false, false, false]);
    expect(parseYesNo('也许')).toBeNull();
    expect(['现金', '微信支付', 'Alipay', '刷卡', '储值卡'].map(parsePaymentMethod)).toEqual([
      'cash',
      'wechat',
      'alipay',
      'card',
      null,
    ]);
  });
});

describe('importing products', () => {
  const MAPPING: Mapping = ['sku', 'productName', 'brand', 'price', 'formulaStage', 'daysPerUnit', 'active'];

  it('reads a row as it will be stored: the SKU as text, the price in fen, the stage from 二段', () => {
    expect(
      readProductRow(['00012345', '启赋 2段', '惠氏', '¥318.50', '二段', '20', '在售'], MAPPING, 1),
    ).toEqual({
      ok: true,
      value: {
        row: 1,
        sku: '00012345',
        name: '启赋 2段',
        brand: '惠氏',
        priceFen: 31_850,
        formulaStage: 2,
        daysPerUnit: 20,
        active: true,
      },
    });
  });

  it('names every bad field of a row', () => {
    const r = readProductRow(['A 1', '', '惠氏', '-5', '5段', '0', '也许'], MAPPING, 7);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.field, e.reason])).toEqual([
      [7, 'sku', 'skuFormat'],
      [7, 'productName', 'required'],
      [7, 'price', 'negative'],
      [7, 'formulaStage', 'stageRange'],
      [7, 'daysPerUnit', 'daysRange'],
      [7, 'active', 'yesNoUnknown'],
    ]);
  });

  it('plans new, updated and unchanged by SKU; a repeated SKU and a new product without a price are invalid', () => {
    const existing = new Map([
      ['6901', product({ sku: '6901' })],
      ['6902', product({ sku: '6902', priceFen: 10_000 })],
    ]);
    const map: Mapping = ['sku', 'productName', 'price'];
    const rows = [
      ['6901', '飞鹤星飞帆 1段', '298'],
      ['6902', '飞鹤星飞帆 1段', '120'],
      ['6903', '湿巾', '12.9'],
      ['6903', '湿巾大包', '19.9'],
      ['6904', '尿不湿', ''],
    ].map((cells, i) => readProductRow(cells, map, i + 1));
    const plan = planProductImport(rows, existing);
    expect(plan.counts).toEqual({ new: 1, updated: 1, unchanged: 1, invalid: 2, total: 5 });
    expect(plan.rows.map((r) => [r.product.sku, r.action, r.existingId])).toEqual([
      ['6901', 'unchanged', 'p-6901'],
      ['6902', 'updated', 'p-6902'],
      ['6903', 'new', null],
    ]);
    expect(plan.errors.map((e) => [e.row, e.field, e.reason, e.detail])).toEqual([
      [4, 'sku', 'duplicateInFile', '3'],
      [5, 'price', 'required', undefined],
    ]);
  });
});

describe('importing past sales', () => {
  // Every sale field, in order.
  const MAPPING: Mapping = [...SALE_FIELDS];
  const onFile = (imported: SalesOnFile['imported'] = new Map()): SalesOnFile => ({
    members: new Map([['13800138000', 'm-wang']]),
    catalogue: new Map([['6901', { id: 'p-6901', name: '飞鹤星飞帆 1段', brand: '飞鹤', category: '奶粉' }]]),
    imported,
  });
  const FILE = [
    ['00123', '2026-02-03 14:05', '13800138000', '6901', '', '2', '298', '', '微信'],
    ['00123', '2026-02-03 14:05', '138 0013 8000', '', '湿巾', '1', '', '12.90', '微信'],
    ['00124', '2026-02-04', '', '', '玩具', '', '', '35', ''],
  ];
  const read = (rows: string[][]) => rows.map((cells, i) => readSaleRow(cells, MAPPING, i + 1, TODAY));

  it('groups rows by order number into one sale, with the product’s name, brand and category by SKU', () => {
    const plan = planSaleImport(read(FILE), onFile(), NOW);
    expect(plan.errors).toEqual([]);
    expect(plan.counts).toEqual({ new: 2, updated: 0, unchanged: 0, invalid: 0, total: 2 });
    const [first, second] = plan.rows;
    expect(first?.sale).toMatchObject({
      id: importedSaleId('00123'),
      memberId: 'm-wang',
      at: new Date(2026, 1, 3, 14, 5).getTime(),
      subtotalFen: 60_890,
      totalFen: 60_890,
      otherPaidFen: 60_890,
      paymentMethod: 'wechat',
      pointsEarned: 0,
      refundOf: null,
    });
    expect(
      first?.sale.lines.map((l) => [
        l.productId,
        l.sku,
        l.name,
        l.category,
        l.qty,
        l.unitPriceFen,
        l.amountFen,
        l.paidFen,
      ]),
    ).toEqual([
      ['p-6901', '6901', '飞鹤星飞帆 1段', '奶粉', 2, 29_800, 59_600, 59_600],
      [null, null, '湿巾', '', 1, 1290, 1290, 1290],
    ]);
    // No phone: a walk-in; no payment column value: cash; a bare date: noon.
    expect(second?.sale).toMatchObject({
      memberId: null,
      paymentMethod: 'cash',
      totalFen: 3500,
      at: new Date(2026, 1, 4, 12, 0).getTime(),
    });
  });

  it('leaves out a whole order when one of its rows is bad, disagrees, or names an unknown member', () => {
    const rows = [
      ...FILE,
      ['00123', '2026-02-03 14:05', '13800138000', '', '袜子', 'x', '', '9', '微信'],
      ['00125', '2026-02-05 10:00', '13800138000', '', '奶瓶', '1', '', '59', '现金'],
      ['00125', '2026-02-05 11:00', '13800138000', '', '奶嘴', '1', '', '19', '现金'],
      ['00126', '2026-02-06 10:00', '13999999999', '', '奶瓶', '1', '', '59', '现金'],
      ['00127', '2026-03-02 10:00', '', '', '奶瓶', '1', '', '', ''],
      ['', '2026-02-06 10:00', '', '', '奶瓶', '1', '', '59', ''],
    ];
    const plan = planSaleImport(read(rows), onFile(), NOW);
    expect(plan.rows.map((r) => r.externalId)).toEqual(['00124']);
    expect(plan.counts).toEqual({ new: 1, updated: 0, unchanged: 0, invalid: 5, total: 6 });
    expect(plan.errors.map((e) => [e.row, e.field, e.reason, e.detail])).toEqual([
      [4, 'qty', 'notWholeNumber', undefined],
      [6, 'externalId', 'orderDiffers', '5'],
      [7, 'memberPhone', 'memberUnknown', undefined],
      [8, 'saleAt', 'dateInFuture', undefined],
      [9, 'externalId', 'required', undefined],
    ]);
  });

  it('finds a sale imported before: the same is unchanged, one with other amounts is refused', () => {
    const first = planSaleImport(read(FILE), onFile(), NOW);
    const imported = new Map(first.rows.map((r) => [r.sale.id, r.sale]));
    expect(planSaleImport(read(FILE), onFile(imported), NOW + 1000).counts).toMatchObject({
      new: 0,
      unchanged: 2,
      invalid: 0,
    });
    const changed = FILE.map((r) => [...r]);
    changed[2]![7] = '36';
    const plan = planSaleImport(read(changed), onFile(imported), NOW);
    expect(plan.counts).toMatchObject({ new: 0, unchanged: 1, invalid: 1 });
    expect(plan.errors).toEqual([{ row: 3, field: 'externalId', value: '00124', reason: 'saleDiffers' }]);
  });

  it('needs an amount or a unit price, and a quantity of at least 1', () => {
    const r = readSaleRow(['1', '2026-02-03', '', '', '', '0', '', '', ''], MAPPING, 1, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.externalId).toBe('1');
    expect(r.errors.map((e) => [e.field, e.reason])).toEqual([['qty', 'zeroQty']]);
    const noAmount = readSaleRow(['1', '2026-02-03', '', '', '', '2', '', '', ''], MAPPING, 1, TODAY);
    expect(noAmount.ok ? [] : noAmount.errors.map((e) => [e.field, e.reason])).toEqual([
      ['lineAmount', 'amountNeeded'],
    ]);
  });

  it('builds the sale row with an amount and no unit price: the unit price is the amount per unit', () => {
    const sale = importedSaleRow(
      {
        externalId: 'A-1',
        row: 1,
        phone: null,
        at: 5,
        paymentMethod: 'card',
        lines: [{ row: 1, sku: null, name: '', qty: 3, unitPriceFen: 333, amountFen: 1000 }],
      },
      null,
      new Map(),
      9,
    );
    expect(sale).toMatchObject({
      id: 'import-sale-A-1',
      totalFen: 1000,
      createdAt: 9,
      updatedAt: 9,
      couponId: null,
      tierId: null,
    });
  });
});

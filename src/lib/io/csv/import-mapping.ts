/**
 * Which field each column of another system's CSV fills, per kind of file (members, products, sales),
 * and the guess made from Chinese and English headers (姓名/name, 手机/phone, 条码/sku, 单号/order …).
 */
export const IMPORT_KINDS = ['members', 'products', 'sales'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const MEMBER_FIELDS = [
  'name',
  'phone',
  'gender',
  'birthday',
  'joinedOn',
  'points',
  'storedValue',
  'tags',
  'notes',
  'region',
  'address',
  'wechat',
  'email',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export const PRODUCT_FIELDS = [
  'sku',
  'productName',
  'brand',
  'category',
  'price',
  'formulaStage',
  'daysPerUnit',
  'active',
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

export const SALE_FIELDS = [
  'externalId',
  'saleAt',
  'memberPhone',
  'lineSku',
  'lineName',
  'qty',
  'unitPrice',
  'lineAmount',
  'paymentMethod',
] as const;
export type SaleField = (typeof SALE_FIELDS)[number];

export type ImportField = MemberField | ProductField | SaleField;

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  members: MEMBER_FIELDS,
  products: PRODUCT_FIELDS,
  sales: SALE_FIELDS,
};

/** The fields a file of this kind cannot do without (sales also need an amount or a unit price). */
export const REQUIRED_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  members: ['phone'],
  products: ['sku'],
  sales: ['externalId', 'saleAt'],
};

/** For each CSV column (by index): the field it fills, or null (ignored). */
export type Mapping = (ImportField | null)[];

/** Header words per field, lower-case, without spaces and punctuation. */
const SYNONYMS: Record<ImportField, string[]> = {
  name: [
    '姓名',
    '名字',
    '会员姓名',
    '会员名',
    '客户姓名',
    '客户名称',
    '顾客姓名',
    '联系人',
    '妈妈姓名',
    'name',
    'fullname',
    'membername',
    'customername',
    'customer',
  ],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '电话号码',
    '联系电话',
    '联系方式',
    '移动电话',
    '会员手机',
    'phone',
    'mobile',
    'tel',
    'telephone',
    'cellphone',
    'phonenumber',
    'mobilephone',
  ],
  gender: ['性别', 'gender', 'sex'],
  birthday: ['生日', '出生日期', '会员生日', '妈妈生日', 'birthday', 'dateofbirth', 'dob', 'birthdate'],
  joinedOn: [
    '入会日期',
    '注册日期',
    '开卡日期',
    '办卡日期',
    '注册时间',
    '入会时间',
    '开卡时间',
    'joined',
    'joinedon',
    'joindate',
    'registered',
    'registrationdate',
    'since',
  ],
  points: [
    '积分',
    '当前积分',
    '剩余积分',
    '可用积分',
    '积分余额',
    'points',
    'pointsbalance',
    'point',
    'loyaltypoints',
  ],
  storedValue: [
    '余额',
    '储值',
    '储值余额',
    '卡内余额',
    '账户余额',
    '会员余额',
    '预存款',
    'balance',
    'storedvalue',
    'credit',
    'walletbalance',
  ],
  tags: ['标签', '会员标签', '分组', 'tags', 'tag', 'labels', 'group'],
  notes: ['备注', '说明', '备注信息', 'notes', 'note', 'remark', 'remarks', 'comment', 'comments'],
  region: ['区域', '地区', '所在地区', '小区', 'region', 'area', 'district'],
  address: ['地址', '住址', '联系地址', '家庭住址', 'address', 'addr'],
  wechat: ['微信', '微信号', 'wechat', 'weixin', 'wechatid'],
  email: ['邮箱', '电子邮箱', '邮件', 'email', 'e-mail', 'mail'],

  sku: [
    'sku',
    '条码',
    '商品条码',
    '条形码',
    '货号',
    '商品编码',
    '商品编号',
    '编码',
    'barcode',
    'code',
    'itemcode',
    'productcode',
  ],
  productName: [
    '商品名称',
    '品名',
    '商品名',
    '名称',
    '商品',
    '产品名称',
    'name',
    'product',
    'productname',
    'item',
    'itemname',
    'title',
  ],
  brand: ['品牌', 'brand', 'make'],
  category: ['分类', '类别', '商品分类', '品类', '类目', 'category', 'type', 'class'],
  price: ['售价', '零售价', '价格', '单价', '销售价', 'price', 'retailprice', 'saleprice', 'unitprice'],
  formulaStage: ['段数', '奶粉段数', '段', '阶段', 'stage', 'formulastage'],
  daysPerUnit: ['可用天数', '使用天数', '天数', '周期', 'days', 'daysperunit', 'duration'],
  active: ['状态', '在售', '是否在售', '上架', 'active', 'status', 'enabled', 'onsale'],

  externalId: [
    '单号',
    '订单号',
    '销售单号',
    '流水号',
    '小票号',
    '订单编号',
    '单据号',
    'orderno',
    'orderid',
    'order',
    'receiptno',
    'ticket',
    'invoice',
    'transactionid',
    'externalid',
    'id',
  ],
  saleAt: [
    '销售时间',
    '下单时间',
    '交易时间',
    '日期',
    '时间',
    '销售日期',
    '订单日期',
    '交易日期',
    'date',
    'time',
    'datetime',
    'saledate',
    'orderdate',
    'createdat',
  ],
  memberPhone: [
    '会员手机',
    '手机',
    '手机号',
    '会员手机号',
    '电话',
    '会员电话',
    '联系电话',
    'phone',
    'mobile',
    'memberphone',
    'customerphone',
    'tel',
  ],
  lineSku: [
    '条码',
    '商品条码',
    '条形码',
    '货号',
    '商品编码',
    'sku',
    'barcode',
    'itemcode',
    'productcode',
    'code',
  ],
  lineName: [
    '商品名称',
    '品名',
    '商品名',
    '商品',
    '名称',
    'product',
    'productname',
    'item',
    'itemname',
    'name',
  ],
  qty: ['数量', '件数', '销量', 'qty', 'quantity', 'count', 'units'],
  unitPrice: ['单价', '售价', '零售价', '价格', 'price', 'unitprice'],
  lineAmount: [
    '金额',
    '实收',
    '实收金额',
    '实付',
    '实付金额',
    '小计',
    '销售金额',
    '应收',
    '合计',
    '总额',
    'amount',
    'total',
    'paid',
    'subtotal',
    'lineamount',
    'linetotal',
  ],
  paymentMethod: [
    '支付方式',
    '付款方式',
    '结算方式',
    '支付',
    'payment',
    'paymentmethod',
    'paidby',
    'tender',
    'method',
  ],
};

function normalHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）:：*]/g, '');
}

/** Chinese words of two characters are distinctive; a short English one ('id' in 'paid') is not. */
function containsWord(header: string, word: string): boolean {
  return word.length >= (/[\u4e00-\u9fff]/.test(word) ? 2 : 3) && header.includes(word);
}

/** The best guess per column: exact synonyms first, then a header that contains one; each field once. */
export function guessMapping(headers: readonly string[], kind: ImportKind = 'members'): Mapping {
  const fields = IMPORT_FIELDS[kind];
  const mapping: Mapping = headers.map(() => null);
  const used = new Set<ImportField>();
  const norm = headers.map(normalHeader);
  for (const pass of ['exact', 'contains'] as const) {
    norm.forEach((h, i) => {
      if (mapping[i] !== null || h === '') return;
      const field = fields.find(
        (f) => !used.has(f) && SYNONYMS[f].some((s) => (pass === 'exact' ? h === s : containsWord(h, s))),
      );
      if (field) {
        mapping[i] = field;
        used.add(field);
      }
    });
  }
  return mapping;
}

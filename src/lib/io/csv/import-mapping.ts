/**
 * Which member field each column of another system's CSV fills: the fields an import knows and the
 * guess made from Chinese and English headers (姓名/name, 手机/phone, 积分/points …).
 */
export const IMPORT_FIELDS = [
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
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** For each CSV column (by index): the member field it fills, or null (ignored). */
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
};

function normalHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）:：*]/g, '');
}

/** The best guess per column: exact synonyms first, then a header that contains one; each field once. */
export function guessMapping(headers: readonly string[]): Mapping {
  const mapping: Mapping = headers.map(() => null);
  const used = new Set<ImportField>();
  const norm = headers.map(normalHeader);
  for (const pass of ['exact', 'contains'] as const) {
    norm.forEach((h, i) => {
      if (mapping[i] !== null || h === '') return;
      const field = IMPORT_FIELDS.find(
        (f) =>
          !used.has(f) &&
          SYNONYMS[f].some((s) => (pass === 'exact' ? h === s : s.length >= 2 && h.includes(s))),
      );
      if (field) {
        mapping[i] = field;
        used.add(field);
      }
    });
  }
  return mapping;
}

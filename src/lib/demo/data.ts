/** Fixed word lists and the product catalogue of the demo shop (a 母婴店 in 杭州). */

export const CATEGORIES = ['奶粉', '纸尿裤', '辅食', '洗护', '玩具', '服饰', '孕产'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CatalogueItem {
  name: string;
  brand: string;
  category: Category;
  priceFen: number;
  formulaStage: number | null;
  daysPerUnit: number | null;
  /** The first 7 digits of the barcode (GS1 company prefix); a leading 0 is an imported UPC. */
  company: string;
}

/** Days one can of formula lasts, by stage (older babies drink more but eat solids too). */
const FORMULA_DAYS = [15, 17, 20, 20];

interface FormulaLine {
  brand: string;
  series: string;
  size: string;
  company: string;
  /** Price by stage, fen. */
  prices: number[];
}

const FORMULA_LINES: FormulaLine[] = [
  {
    brand: '飞鹤',
    series: '星飞帆',
    size: '700g',
    company: '6945470',
    prices: [29_800, 28_800, 26_800, 24_800],
  },
  {
    brand: '惠氏',
    series: '启赋',
    size: '800g',
    company: '0300067',
    prices: [39_800, 38_800, 36_800, 32_800],
  },
  { brand: '爱他美', series: '卓萃', size: '900g', company: '4008976', prices: [36_800, 35_800, 33_800] },
  { brand: '美赞臣', series: '蓝臻', size: '900g', company: '0300871', prices: [35_800, 34_800, 32_800] },
  { brand: '君乐宝', series: '至臻', size: '800g', company: '6923349', prices: [23_800, 22_800, 19_800] },
  { brand: '伊利', series: '金领冠', size: '900g', company: '6907992', prices: [26_800, 25_800, 23_800] },
];

/** How often each formula brand is a member's habit (same order as FORMULA_LINES). */
export const FORMULA_BRAND_WEIGHTS = [26, 14, 16, 12, 14, 18];
export const FORMULA_BRANDS = FORMULA_LINES.map((f) => f.brand);

const STAGE_NAMES = ['1段', '2段', '3段', '4段'];

function formulaItems(): CatalogueItem[] {
  return FORMULA_LINES.flatMap((f) =>
    f.prices.map((priceFen, i) => ({
      name: `${f.brand} ${f.series} ${STAGE_NAMES[i] ?? ''} ${f.size}`,
      brand: f.brand,
      category: '奶粉' as const,
      priceFen,
      formulaStage: i + 1,
      daysPerUnit: FORMULA_DAYS[i] ?? 20,
      company: f.company,
    })),
  );
}

type Plain = [name: string, brand: string, category: Category, priceFen: number, company: string];

// prettier-ignore
const OTHER_ITEMS: Plain[] = [
  ['帮宝适 一级帮 纸尿裤 NB 84片', '帮宝适', '纸尿裤', 13_900, '0037000'],
  ['帮宝适 超薄干爽 拉拉裤 L 52片', '帮宝适', '纸尿裤', 10_900, '0037000'],
  ['花王 妙而舒 纸尿裤 M 64片', '花王', '纸尿裤', 11_900, '4901301'],
  ['花王 妙而舒 拉拉裤 XL 38片', '花王', '纸尿裤', 9_900, '4901301'],
  ['好奇 心钻装 纸尿裤 S 70片', '好奇', '纸尿裤', 14_900, '0036000'],
  ['好奇 铂金装 拉拉裤 XXL 30片', '好奇', '纸尿裤', 8_990, '0036000'],
  ['亨氏 超金健儿优 高铁米粉 400g', '亨氏', '辅食', 4_500, '6901947'],
  ['小皮 有机大米粉 160g', '小皮', '辅食', 6_800, '5060107'],
  ['嘉宝 苹果泥 4袋装', '嘉宝', '辅食', 3_990, '0015000'],
  ['秋田满满 宝宝面条 200g', '秋田满满', '辅食', 2_990, '6975113'],
  ['英氏 多乐能 溶豆 18g', '英氏', '辅食', 3_200, '6954642'],
  ['青蛙王子 婴儿润肤霜 50g', '青蛙王子', '洗护', 3_990, '6922731'],
  ['红色小象 婴儿洗发沐浴二合一 530ml', '红色小象', '洗护', 5_900, '6971758'],
  ['贝亲 宽口径玻璃奶瓶 240ml', '贝亲', '洗护', 12_900, '4902508'],
  ['全棉时代 婴儿棉柔巾 100抽×6包', '全棉时代', '洗护', 6_990, '6953480'],
  ['强生 婴儿润肤油 200ml', '强生', '洗护', 4_590, '6921704'],
  ['费雪 声光安抚海马', '费雪', '玩具', 15_900, '0074299'],
  ['澳贝 手摇铃牙胶套装', '澳贝', '玩具', 7_900, '6939542'],
  ['乐高 得宝 数字火车 10954', '乐高', '玩具', 29_900, '5702016'],
  ['巴拉巴拉 婴儿纯棉连体衣', '巴拉巴拉', '服饰', 12_900, '6938521'],
  ['童泰 纯棉和尚服 两件套', '童泰', '服饰', 8_900, '6941327'],
  ['英氏 婴儿恒温睡袋', '英氏', '服饰', 19_900, '6954642'],
  ['十月结晶 一次性防溢乳垫 100片', '十月结晶', '孕产', 4_990, '6950578'],
  ['斯利安 叶酸片 31片', '斯利安', '孕产', 3_500, '6903757'],
  ['惠氏 玛特纳 孕妇营养素 30片', '惠氏', '孕产', 29_800, '0300067'],
  ['十月结晶 待产包 13件套', '十月结晶', '孕产', 26_800, '6950578'],
];

export const CATALOGUE: readonly CatalogueItem[] = [
  ...formulaItems(),
  ...OTHER_ITEMS.map(([name, brand, category, priceFen, company]) => ({
    name,
    brand,
    category,
    priceFen,
    formulaStage: null,
    daysPerUnit: category === '纸尿裤' ? 10 : null,
    company,
  })),
];

/** A 13-digit EAN barcode: 7-digit company prefix + 5-digit item number + check digit. */
export function ean13(company: string, item: number): string {
  const body = `${company}${String(item).padStart(5, '0')}`.slice(0, 12);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Surnames, the most common first (weights roughly follow their frequency). */
// prettier-ignore
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林',
  '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘',
  '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '傅', '钟',
  '姜', '崔', '谭', '陆', '范', '汪', '廖', '石', '金', '贾', '夏', '方', '邹', '熊', '孟', '秦', '邱', '江',
  '尹', '薛', '段', '雷', '史', '陶', '顾', '毛', '郝', '龚', '邵', '钱', '严', '戴', '欧阳', '诸葛',
];

// prettier-ignore
export const FEMALE_GIVEN = [
  '婷', '静', '丽', '敏', '燕', '娟', '霞', '芳', '琳', '颖', '雪', '倩', '洁', '玲', '慧', '晶', '蕾', '萍',
  '佳', '欣', '怡', '悦', '瑶', '璐', '梦', '晓', '雅', '思', '诗', '雨', '馨', '月', '蓉', '妍', '嘉', '文',
  '红', '艳', '丹', '琪', '茜', '薇', '露', '岚', '莉', '娜', '婧', '楠', '璇', '萱', '晨', '梅', '彤', '菲',
];

// prettier-ignore
export const MALE_GIVEN = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波',
  '宇', '浩', '凯', '健', '俊', '帆', '旭', '宁', '龙', '林', '峰', '阳', '翔', '晨', '毅', '博', '志', '成',
];

// prettier-ignore
export const BABY_NICKNAMES = [
  '小宝', '大宝', '二宝', '朵朵', '豆豆', '乐乐', '糖糖', '果果', '牛牛', '安安', '小米', '多多', '甜甜', '可可',
  '诺诺', '团团', '圆圆', '妞妞', '壮壮', '球球', '米粒', '橙子', '小鱼', '皮皮', '哆哆', '笑笑', '天天', '一一',
];

export const UNBORN_NICKNAMES = ['宝宝', '小豆芽', '小福星', '糖豆', '小橘子'];

/** Districts of 杭州, the shop's own (余杭区) and its neighbours most often. */
export const DISTRICTS = [
  '余杭区',
  '临平区',
  '拱墅区',
  '西湖区',
  '上城区',
  '滨江区',
  '萧山区',
  '钱塘区',
  '富阳区',
  '临安区',
];
export const DISTRICT_WEIGHTS = [34, 18, 12, 10, 7, 6, 6, 4, 2, 1];

export const STREETS = [
  '文一西路',
  '五常大道',
  '良睦路',
  '荆长大道',
  '西溪路',
  '丰岭路',
  '龙舟路',
  '高教路',
  '永福路',
  '南湖路',
];
export const ESTATES = [
  '西溪花园',
  '未来科技城小区',
  '海创园公寓',
  '五常港苑',
  '闲林山水',
  '金地自在城',
  '万科良渚文化村',
  '绿城桂花园',
];

export const TAGS = [
  '二胎',
  '母乳喂养',
  '混合喂养',
  '过敏体质',
  '价格敏感',
  '高端',
  '社群活跃',
  '宝妈群',
  '喜欢活动',
  '线上比价',
];

export const NOTES = [
  '周末常来',
  '奶粉认准一个牌子',
  '宝宝湿疹，推荐无香型',
  '喜欢参加亲子活动',
  '价格敏感，关注促销',
  '住得近，可送货',
];

/** Mobile prefixes of the three carriers (1[3-9]x). */
// prettier-ignore
export const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187',
  '188', '189', '191', '195', '198', '199',
];

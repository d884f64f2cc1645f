/**
 * Follow-up calls (回访): rules that put a member on the care list some days after a purchase, a
 * return or her first visit. Pure; the care list (analytics/compute/care) applies them to her sales.
 */
import { addDays, type IsoDate } from './clock';

export const FOLLOW_UP_TRIGGERS = ['purchase', 'return', 'firstVisit'] as const;
export type FollowUpTrigger = (typeof FOLLOW_UP_TRIGGERS)[number];

export interface FollowUpRule {
  id: string;
  /** What the owner calls it ("新奶粉回访"); shown as the entry's reason. */
  name: string;
  trigger: FollowUpTrigger;
  /** Lines that count: of this category and brand ('' = any). */
  category: string;
  brand: string;
  /** Purchase: only her first purchase of a brand (within the category); first visit is always once. */
  firstTimeOnly: boolean;
  /** Days after the sale the call is due. */
  delayDays: number;
  /** The message; blank = the built-in follow-up wording. */
  template: string;
  active: boolean;
}

/** The `settings` row that holds the rules. */
export const FOLLOW_UP_KEY = 'followUps';

/** A due call stays on the list this many days (unless dealt with) before it lapses. */
export const FOLLOW_UP_WINDOW_DAYS = 7;
export const MAX_FOLLOW_UP_RULES = 20;

export const DEFAULT_FOLLOW_UPS: FollowUpRule[] = [
  { id: 'formula-first', name: '新奶粉回访', trigger: 'purchase', category: '奶粉', brand: '', firstTimeOnly: true, delayDays: 1, template: '', active: true },
  { id: 'after-return', name: '退货回访', trigger: 'return', category: '', brand: '', firstTimeOnly: false, delayDays: 7, template: '', active: true },
  { id: 'first-visit', name: '首次到店回访', trigger: 'firstVisit', category: '', brand: '', firstTimeOnly: true, delayDays: 2, template: '', active: true },
];

export type FollowUpError = 'name' | 'trigger' | 'filter' | 'delayDays' | 'template' | 'duplicateId' | 'tooMany';

/** The first problem of each rule (null = fine), and a problem of the list as a whole. */
export function validateFollowUps(rules: readonly FollowUpRule[]): { rules: (FollowUpError | null)[]; list: FollowUpError | null } {
  const ids = new Set<string>();
  const each = rules.map((r): FollowUpError | null => {
    if (ids.has(r.id) || r.id.trim() === '') return 'duplicateId';
    ids.add(r.id);
    if (r.name.trim() === '' || r.name.length > 30) return 'name';
    if (!FOLLOW_UP_TRIGGERS.includes(r.trigger)) return 'trigger';
    if (r.category.length > 40 || r.brand.length > 40) return 'filter';
    if (!Number.isInteger(r.delayDays) || r.delayDays < 0 || r.delayDays > 365) return 'delayDays';
    if ([...r.template].length > 300) return 'template';
    return null;
  });
  return { rules: each, list: rules.length > MAX_FOLLOW_UP_RULES ? 'tooMany' : null };
}

/** One sale of hers as the rules see it, in time order. */
export interface FollowUpSale {
  id: string;
  day: IsoDate;
  refund: boolean;
  lines: readonly { category: string; brand: string; product: string }[];
}

export interface FollowUpDue {
  rule: FollowUpRule;
  saleId: string;
  /** The sale's day and the day the call is due. */
  saleDay: IsoDate;
  due: IsoDate;
  /** The first matching line's product name (what to ask about). */
  product: string;
}

/**
 * The calls due on `today` for one member: for each active rule, each of her sales it picks whose due
 * day (sale day + delay) is today or up to FOLLOW_UP_WINDOW_DAYS − 1 days before. One call per sale:
 * where two rules pick the same sale, the earlier rule has it. Sales in time order.
 */
export function followUpsDue(rules: readonly FollowUpRule[], sales: readonly FollowUpSale[], today: IsoDate): FollowUpDue[] {
  const out: FollowUpDue[] = [];
  const called = new Set<string>();
  for (const rule of rules) {
    if (!rule.active) continue;
    const fits = (l: FollowUpSale['lines'][number]) => (rule.category === '' || l.category === rule.category) && (rule.brand === '' || l.brand === rule.brand);
    const seenBrands = new Set<string>();
    let visited = false;
    for (const s of sales) {
      let match: string | null = null;
      if (rule.trigger === 'return') {
        if (s.refund) match = s.lines.find(fits)?.product ?? null;
      } else if (!s.refund) {
        const lines = s.lines.filter(fits);
        if (rule.trigger === 'firstVisit') {
          if (!visited && (lines.length > 0 || (rule.category === '' && rule.brand === ''))) match = lines[0]?.product ?? s.lines[0]?.product ?? '';
          visited = true;
        } else if (rule.firstTimeOnly) {
          // Her first purchase of a brand within the rule's lines (a brand she already had is no news).
          const first = lines.find((l) => !seenBrands.has(`${l.category}|${l.brand}`));
          if (first) match = first.product;
          for (const l of lines) seenBrands.add(`${l.category}|${l.brand}`);
        } else if (lines.length > 0) match = lines[0]?.product ?? '';
      }
      if (match === null || called.has(s.id)) continue;
      const due = addDays(s.day, rule.delayDays);
      if (due <= today && addDays(due, FOLLOW_UP_WINDOW_DAYS) > today) {
        called.add(s.id);
        out.push({ rule, saleId: s.id, saleDay: s.day, due, product: match });
      }
    }
  }
  return out;
}

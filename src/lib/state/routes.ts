/** The analytics pages ('#/analytics/<tab>'); overview when none is named. */
export const ANALYTICS_TABS = ['overview', 'behaviour', 'rfm', 'churn', 'health', 'campaigns'] as const;
export type AnalyticsTab = (typeof ANALYTICS_TABS)[number];

export type Route =
  /** `add`: a product to put in her cart on arrival (a suggestion's Sell link). */
  | { name: 'checkout'; memberId: string | null; add?: string }
  | { name: 'members' }
  | { name: 'memberNew' }
  | { name: 'member'; id: string }
  | { name: 'memberEdit'; id: string }
  | { name: 'receipt'; saleId: string }
  | { name: 'care' }
  | { name: 'segments' }
  | { name: 'events' }
  | { name: 'event'; id: string }
  | { name: 'settings' }
  | { name: 'import' }
  | { name: 'analytics'; tab: AnalyticsTab }
  | { name: 'audit' }
  | { name: 'notFound' };

/** Pages only the owner may open (the data layer refuses an assistant there too). */
export const OWNER_ONLY_ROUTES: ReadonlySet<Route['name']> = new Set(['settings', 'import', 'analytics', 'audit']);

/** '#/members/abc/edit' → { name: 'memberEdit', id: 'abc' }. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts.includes(null)) return { name: 'notFound' };
  const params = new URLSearchParams(query);
  switch (parts[0]) {
    case undefined:
    case 'checkout':
      if (parts.length > 1) return { name: 'notFound' };
      return params.get('add')
        ? { name: 'checkout', memberId: params.get('member') || null, add: params.get('add') ?? '' }
        : { name: 'checkout', memberId: params.get('member') || null };
    case 'members':
      if (parts.length === 1) return { name: 'members' };
      if (parts[1] === 'new' && parts.length === 2) return { name: 'memberNew' };
      if (parts.length === 2) return { name: 'member', id: parts[1] ?? '' };
      if (parts.length === 3 && parts[2] === 'edit') return { name: 'memberEdit', id: parts[1] ?? '' };
      return { name: 'notFound' };
    case 'receipt':
      return parts.length === 2 ? { name: 'receipt', saleId: parts[1] ?? '' } : { name: 'notFound' };
    case 'care':
      return parts.length === 1 ? { name: 'care' } : { name: 'notFound' };
    case 'segments':
      return parts.length === 1 ? { name: 'segments' } : { name: 'notFound' };
    case 'events':
      if (parts.length === 1) return { name: 'events' };
      return parts.length === 2 ? { name: 'event', id: parts[1] ?? '' } : { name: 'notFound' };
    case 'settings':
      return parts.length === 1 ? { name: 'settings' } : { name: 'notFound' };
    case 'import':
      return parts.length === 1 ? { name: 'import' } : { name: 'notFound' };
    case 'audit':
      return parts.length === 1 ? { name: 'audit' } : { name: 'notFound' };
    case 'analytics': {
      const tab = parts[1] ?? 'overview';
      return parts.length <= 2 && (ANALYTICS_TABS as readonly string[]).includes(tab)
        ? { name: 'analytics', tab: tab as AnalyticsTab }
        : { name: 'notFound' };
    }
    default:
      return { name: 'notFound' };
  }
}

/** A hand-typed or truncated link may hold a broken %-escape: that is "not found", not a crash. */
function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export const href = {
  checkout: (memberId?: string, add?: string) =>
    memberId ? `#/checkout?member=${encodeURIComponent(memberId)}${add ? `&add=${encodeURIComponent(add)}` : ''}` : '#/checkout',
  members: () => '#/members',
  memberNew: () => '#/members/new',
  member: (id: string) => `#/members/${encodeURIComponent(id)}`,
  memberEdit: (id: string) => `#/members/${encodeURIComponent(id)}/edit`,
  receipt: (saleId: string) => `#/receipt/${encodeURIComponent(saleId)}`,
  care: () => '#/care',
  segments: () => '#/segments',
  events: () => '#/events',
  event: (id: string) => `#/events/${encodeURIComponent(id)}`,
  settings: () => '#/settings',
  import: () => '#/import',
  audit: () => '#/audit',
  analytics: (tab: AnalyticsTab = 'overview') => (tab === 'overview' ? '#/analytics' : `#/analytics/${tab}`),
};

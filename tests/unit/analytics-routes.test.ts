import { describe, expect, it } from 'vitest';
import { ANALYTICS_TABS, href, parseRoute } from '../../src/lib/state/routes';

describe('analytics routes', () => {
  it('opens the overview by default and each page by name', () => {
    expect(parseRoute('#/analytics')).toEqual({ name: 'analytics', tab: 'overview' });
    for (const tab of ANALYTICS_TABS) expect(parseRoute(href.analytics(tab))).toEqual({ name: 'analytics', tab });
    expect(href.analytics()).toBe('#/analytics');
    expect(href.analytics('rfm')).toBe('#/analytics/rfm');
  });

  it('does not know other pages', () => {
    expect(parseRoute('#/analytics/nowhere')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/analytics/rfm/extra')).toEqual({ name: 'notFound' });
  });
});

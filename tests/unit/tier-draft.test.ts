import { describe, expect, it } from 'vitest';
import { checkDrafts, toDraft, type TierDraft } from '../../src/ui/components/settings/tier-draft';

const draft = (over: Partial<TierDraft> = {}): TierDraft => ({
  key: 'k',
  name: '银卡',
  threshold: '2000',
  discount: '9',
  discountMode: 'zhe',
  multiplier: '1.2',
  visits: '6',
  freeDelivery: true,
  perks: '',
  ...over,
});

describe('tier drafts: visits in 12 months and free delivery', () => {
  it('toDraft shows the stored values, 0 and off when a tier has none', () => {
    const base = {
      name: '金卡',
      thresholdFen: 500_000,
      discountBp: 8000,
      pointsMultiplierBp: 15000,
      perks: '',
    };
    expect(toDraft({ ...base, visitThreshold: 12, freeDelivery: true }, 'zhe', 'a')).toMatchObject({
      visits: '12',
      freeDelivery: true,
    });
    expect(toDraft(base, 'percent', 'b')).toMatchObject({ visits: '0', freeDelivery: false });
  });

  it('checkDrafts parses visits (empty = 0) and passes free delivery through', () => {
    const zero = draft({ key: 'z', name: '普通', threshold: '0', visits: '', freeDelivery: false });
    const { inputs, rowErrors, list } = checkDrafts([zero, draft({ visits: '１２' })]);
    expect(list).toBeNull();
    expect(rowErrors).toEqual([{}, {}]);
    expect(inputs.map((i) => [i.visitThreshold, i.freeDelivery])).toEqual([
      [0, false],
      [12, true],
    ]);
  });

  it('refuses visits that are not a whole number from 0 to 10000', () => {
    const zero = draft({ key: 'z', threshold: '0', visits: '0' });
    for (const bad of ['x', '-1', '1.5', '10001']) {
      const { rowErrors } = checkDrafts([zero, draft({ visits: bad })]);
      expect(rowErrors[1]).toEqual({ visits: { field: 'visits', code: 'range' } });
    }
  });
});

import type { SuggestionReason } from '../../../lib/domain/suggestion';
import { number, t } from '../../../lib/i18n/i18n.svelte';

/** A suggestion's reason in words. */
export function reasonText(r: SuggestionReason): string {
  switch (r.kind) {
    case 'repeat':
      return r.days > 0
        ? t('suggest.reason.repeatSoon', { days: number(r.days) })
        : r.days === 0
          ? t('suggest.reason.repeatToday')
          : t('suggest.reason.repeatOver', { days: number(-r.days) });
    case 'stage': {
      const baby = r.baby || t('members.babyUnnamed');
      if (r.ageMonths < 0) return t('suggest.reason.stageExpecting', { category: r.category });
      return r.formulaStage !== null
        ? t('suggest.reason.stageFormula', { baby, age: number(r.ageMonths), stage: number(r.formulaStage), category: r.category })
        : t('suggest.reason.stage', { baby, age: number(r.ageMonths), category: r.category });
    }
    case 'coPurchase':
      return t('suggest.reason.coPurchase', { product: r.withProduct, pct: number(r.confidencePct) });
    case 'newFromBrand':
      return t('suggest.reason.newFromBrand', { brand: r.brand });
  }
}

import type { MoneyParseError } from '../../../lib/domain/money';
import type { ProductError } from '../../../lib/domain/product';
import { t } from '../../../lib/i18n/i18n.svelte';

/** Words for domain error codes, in the current language (call from templates to stay reactive). */
export function moneyErrorText(code: MoneyParseError): string {
  switch (code) {
    case 'empty':
      return t('field.required');
    case 'negative':
      return t('field.moneyNegative');
    case 'tooLarge':
      return t('field.moneyTooLarge');
    case 'format':
      return t('field.moneyFormat');
  }
}

export function productErrorText(code: ProductError): string {
  switch (code) {
    case 'required':
      return t('field.required');
    case 'tooLong':
      return t('field.tooLong');
    case 'skuFormat':
      return t('settings.products.error.skuFormat');
    case 'priceRange':
      return t('field.moneyTooLarge');
    case 'stageRange':
      return t('field.integerRange', { min: 1, max: 4 });
    case 'daysRange':
      return t('field.integerRange', { min: 1, max: 365 });
  }
}

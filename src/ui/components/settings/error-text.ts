import type { MoneyParseError } from '../../../lib/domain/money';
import type { ProductError } from '../../../lib/domain/product';
import type { CampaignError } from '../../../lib/domain/campaign';
import { COUPON_LIMITS, type CouponTemplateError } from '../../../lib/domain/coupon';
import type { GiftError } from '../../../lib/domain/gift';
import { SETTINGS_LIMITS, type SettingsError, type TopUpRuleError } from '../../../lib/domain/settings';
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

export function settingsErrorText(code: SettingsError): string {
  switch (code) {
    case 'required':
      return t('field.required');
    case 'tooLong':
      return t('field.tooLong');
    case 'earnRateRange':
      return t('settings.error.earnRateRange');
    case 'expiryRange':
      return t('field.integerRange', { min: 0, max: 120 });
    case 'redeemRateRange':
      return t('field.integerRange', SETTINGS_LIMITS.pointsPerYuanRedeemed);
    case 'cashCapRange':
      return t('loyalty.error.cashCap');
    case 'topUpRules':
      return t('settings.error.fixFields');
    case 'tierBasis':
      return t('loyalty.error.tierBasis');
    case 'graceRange':
      return t('field.integerRange', SETTINGS_LIMITS.tierGraceMonths);
    case 'deliveryFeeRange':
      return t('loyalty.error.deliveryFee');
    case 'referralRange':
      return t('field.integerRange', SETTINGS_LIMITS.referralPoints);
    case 'paidPlan':
      return t('settings.error.fixFields');
  }
}

export function topUpRuleErrorText(code: TopUpRuleError): string {
  switch (code) {
    case 'minRange':
      return t('loyalty.error.topUpMin');
    case 'bonusRange':
      return t('field.moneyNegative');
    case 'bonusNotBelowMin':
      return t('loyalty.error.bonusNotBelowMin');
    case 'duplicateMin':
      return t('loyalty.error.duplicateMin');
  }
}

export function couponTemplateErrorText(code: CouponTemplateError): string {
  switch (code) {
    case 'required':
      return t('field.required');
    case 'tooLong':
      return t('field.tooLong');
    case 'kind':
      return t('loyalty.error.choose');
    case 'valueRange':
      return t('loyalty.error.amountAboveZero');
    case 'percentRange':
      return t('loyalty.error.percentOff');
    case 'minSpendRange':
      return t('field.moneyTooLarge');
    case 'validDaysRange':
      return t('field.integerRange', COUPON_LIMITS.validDays);
    case 'pointsRange':
      return t('field.integerRange', COUPON_LIMITS.pointsCost);
  }
}

export function giftErrorText(code: GiftError): string {
  switch (code) {
    case 'required':
      return t('field.required');
    case 'pointsRange':
      return t('field.integerRange', { min: 1, max: 10_000_000 });
    case 'stockRange':
      return t('field.integerRange', { min: 0, max: 1_000_000 });
  }
}

export function campaignErrorText(code: CampaignError): string {
  switch (code) {
    case 'required':
      return t('field.required');
    case 'tooLong':
      return t('field.tooLong');
    case 'kind':
      return t('loyalty.error.choose');
    case 'dateFormat':
      return t('field.dateFormat');
    case 'endBeforeStart':
      return t('loyalty.error.endBeforeStart');
    case 'multiplierRange':
      return t('loyalty.error.multiplier');
    case 'discountRange':
      return t('loyalty.error.campaignDiscount');
  }
}

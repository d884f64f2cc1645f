import { DomainError } from '../../../lib/domain/errors';
import { t } from '../../../lib/i18n/i18n.svelte';

/** A command's refusal in words. */
export function errorText(e: unknown): string {
  if (e instanceof DomainError) {
    const d = e.detail;
    if (d.code === 'loyalty') return t(`memberLoyalty.error.${d.reason}`);
    if (d.code === 'notFound') return t('error.notFound');
  }
  return t('error.unexpected', { message: e instanceof Error ? e.message : String(e) });
}

import { DomainError } from '../../../lib/domain/errors';
import { t } from '../../../lib/i18n/i18n.svelte';

/** The words for a refusal of the lock, PIN or staff commands; null when it is not one of theirs. */
export function accessErrorText(e: unknown): string | null {
  if (!(e instanceof DomainError)) return null;
  const d = e.detail;
  if (d.code === 'forbidden') return t('access.forbidden');
  if (d.code !== 'access') return null;
  if (d.reason === 'wait' || (d.reason === 'wrongPin' && d.waitMs))
    return (d.reason === 'wrongPin' ? t('access.error.wrongPin') + ' ' : '') + t('access.error.wait', { seconds: Math.ceil((d.waitMs ?? 0) / 1000) });
  return t(`access.error.${d.reason}`);
}

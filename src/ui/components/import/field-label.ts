import type { ImportField } from '../../../lib/io/csv/import-members';
import { t } from '../../../lib/i18n/i18n.svelte';

/** A member field's name, in the words the member pages already use. */
export function fieldLabel(field: ImportField): string {
  switch (field) {
    case 'points':
      return t('backup.import.field.points');
    case 'storedValue':
      return t('backup.import.field.storedValue');
    case 'joinedOn':
      return t('backup.col.joinedOn');
    default:
      return t(`members.${field}`);
  }
}

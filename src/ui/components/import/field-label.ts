import {
  MEMBER_FIELDS,
  type ImportField,
  type MemberField,
} from '../../../lib/io/csv/import-mapping';
import { t } from '../../../lib/i18n/i18n.svelte';

function isMemberField(field: ImportField): field is MemberField {
  return (MEMBER_FIELDS as readonly string[]).includes(field);
}

/** A field's name: a member's in the words the member pages already use. */
export function fieldLabel(field: ImportField): string {
  if (!isMemberField(field)) return t(`import.field.${field}`);
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

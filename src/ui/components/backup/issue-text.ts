import type { Issue } from '../../../lib/io/csv/issues';
import { number, t } from '../../../lib/i18n/i18n.svelte';

/** "members.csv, row 12, birthday: “2026-02-30” is not a real date" in the current language. */
export function issueText(issue: Issue): string {
  const params = {
    file: issue.file ?? '',
    row: issue.row === null ? '' : number(issue.row),
    field: issue.field ?? '',
    value: issue.value ?? '',
    detail: issue.detail ?? '',
  };
  const reason = t(`backup.issue.${issue.code}`, params);
  if (!issue.file) return reason.charAt(0).toUpperCase() + reason.slice(1);
  const where =
    issue.row !== null && issue.field
      ? t('backup.issue.where.field', params)
      : issue.row !== null
        ? t('backup.issue.where.row', params)
        : issue.field && issue.code !== 'manifestInvalid'
          ? t('backup.issue.where.column', params)
          : t('backup.issue.where.file', params);
  return t('backup.issue.line', { where, reason });
}

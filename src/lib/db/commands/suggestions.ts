import { DomainError } from '../../domain/errors';
import { SUGGESTION_SETTINGS_KEY, validateSuggestionSettings, type SuggestionSettings } from '../../domain/suggestion';
import type { CommandContext } from '../context';
import { auditRow, requireOwner } from '../guard';
import type { ShopDB } from '../shop-db';

/** Save the suggestion rules; a bad number or stage rule is refused, naming it (`stageRules.2`). */
export async function saveSuggestionSettings(db: ShopDB, settings: SuggestionSettings, ctx: CommandContext): Promise<void> {
  requireOwner(ctx, 'settings');
  const problem = validateSuggestionSettings(settings);
  if (problem) throw new DomainError({ code: 'invalid', field: problem.rule === undefined ? problem.field : `${problem.field}.${problem.rule}` });
  const value: SuggestionSettings = {
    ...settings,
    stageRules: settings.stageRules.map((r) => ({ ...r, category: r.category.trim() })),
  };
  await db.transaction('rw', [db.settings, db.auditLog], async () => {
    await db.settings.put({ key: SUGGESTION_SETTINGS_KEY, value });
    await db.auditLog.add(auditRow(ctx, 'settings', null, 'suggestion rules'));
  });
}

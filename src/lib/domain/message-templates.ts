/**
 * The shop's own wording of the care list's messages: an override per reason and language, checked
 * against the values that reason can fill in. Pure; the built-in wording lives in the i18n dictionary.
 */
import { CARE_REASONS, placeholderField, placeholderNames, type CareReason, type TemplateValues } from './care';

/** The `settings` row that holds the shop's templates. */
export const MESSAGE_TEMPLATES_KEY = 'messageTemplates';

/** The languages messages are written in (the app’s locales). */
export const MESSAGE_LANGUAGES = ['zh-CN', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** Long enough for a WeChat note, short enough for two SMS. */
export const MAX_TEMPLATE_LENGTH = 300;

/** Per reason, per language, the shop's text; a missing or blank one means the built-in wording. */
export type MessageTemplates = Partial<Record<CareReason, Partial<Record<MessageLanguage, string>>>>;

type Field = keyof TemplateValues;
const ALWAYS: readonly Field[] = ['name', 'store', 'date'];

/** What each reason's entry can fill in, beyond her name, the store and the entry's date. */
const REASON_FIELDS: Record<CareReason, readonly Field[]> = {
  renewalDue: ['days'],
  pointsExpiring: ['points', 'days'],
  formulaRunOut: ['product', 'days'],
  stageChange: ['baby', 'stage', 'days'],
  birthday: ['days'],
  babyBirthday: ['baby', 'days'],
  tierUpgrade: ['tier'],
  referralReward: [],
  eventReminder: ['event', 'days'],
  eventInvite: ['event', 'days'],
  lapsing: ['days'],
  followUp: ['product', 'days'],
};

export function fieldsFor(reason: CareReason): Field[] {
  return [...ALWAYS, ...REASON_FIELDS[reason]];
}

export type TemplateProblem =
  | { kind: 'unknown'; placeholder: string }
  | { kind: 'unavailable'; placeholder: string }
  | { kind: 'tooLong'; max: number };

/**
 * What is wrong with a template for a reason: placeholders nobody knows (a typo would vanish from the
 * message), ones this reason cannot fill (they would be blank), or too long. Blank text is fine: it
 * means the built-in wording.
 */
export function templateProblems(text: string, reason: CareReason): TemplateProblem[] {
  const can = new Set(fieldsFor(reason));
  const problems: TemplateProblem[] = [];
  for (const placeholder of placeholderNames(text)) {
    const field = placeholderField(placeholder);
    if (field === undefined) problems.push({ kind: 'unknown', placeholder });
    else if (!can.has(field)) problems.push({ kind: 'unavailable', placeholder });
  }
  if ([...text].length > MAX_TEMPLATE_LENGTH) problems.push({ kind: 'tooLong', max: MAX_TEMPLATE_LENGTH });
  return problems;
}

/** The shop's text for a reason in a language, or null when the built-in wording applies. */
export function customTemplate(templates: MessageTemplates, reason: CareReason, language: MessageLanguage): string | null {
  const text = templates[reason]?.[language]?.trim();
  return text ? text : null;
}

/** Templates as stored: trimmed, blanks and unknown reasons or languages dropped. */
export function normaliseTemplates(templates: MessageTemplates): MessageTemplates {
  const out: MessageTemplates = {};
  for (const reason of CARE_REASONS) {
    const byLanguage = templates[reason];
    if (!byLanguage) continue;
    const kept: Partial<Record<MessageLanguage, string>> = {};
    for (const language of MESSAGE_LANGUAGES) {
      const trimmed = byLanguage[language]?.trim();
      if (trimmed) kept[language] = trimmed;
    }
    if (Object.keys(kept).length > 0) out[reason] = kept;
  }
  return out;
}

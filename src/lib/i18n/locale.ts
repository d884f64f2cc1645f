export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_STORAGE_KEY = 'huiyuanbao.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** First start follows the browser: en* → en, anything else → zh-CN. */
export function localeFromBrowser(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** `?lang=` wins, then the saved choice, then the browser. */
export function resolveLocale(query: string | null, saved: string | null, browser: string | undefined): Locale {
  if (isLocale(query)) return query;
  if (isLocale(saved)) return saved;
  return localeFromBrowser(browser);
}

/** Replace {name} placeholders; unknown ones stay visible so a missing parameter is noticed. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

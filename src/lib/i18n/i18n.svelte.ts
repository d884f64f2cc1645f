import { interpolate, LOCALE_STORAGE_KEY, resolveLocale, type Locale } from './locale';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

/**
 * zh-CN (the default and the source) ships with the app; English is its own chunk, loaded when it is
 * chosen (precached, so offline too): the initial bundle carries one language, not both.
 */
let dictionaries = $state.raw<Partial<Record<Locale, Messages>>>({ 'zh-CN': zhCN });

/** Load a language's messages (at once when they are here already). */
export async function loadLocale(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return;
  if (locale === 'en') dictionaries = { ...dictionaries, en: (await import('./en')).en };
}

function initialLocale(): Locale {
  const query = new URLSearchParams(location.search).get('lang');
  const chosen = resolveLocale(query, readSaved(), navigator.language);
  if (query === chosen) save(chosen);
  return chosen;
}

const first = initialLocale();
let current = $state<Locale>('zh-CN');

/** Resolves once the starting language is loaded: main.ts mounts the app after it. */
export const i18nReady: Promise<void> = setLocale(first);

async function setLocale(next: Locale): Promise<void> {
  await loadLocale(next);
  current = next;
  document.documentElement.lang = next;
}

export const i18n = {
  get locale(): Locale {
    return current;
  },
  set locale(next: Locale) {
    save(next);
    setLocale(next).catch((e: unknown) => console.error('language not loaded', e));
  },
};

/** Look up a message in the current language (reactive in templates). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate((dictionaries[current] ?? zhCN)[key], params);
}

/**
 * Look up a message in a given language, whatever the app's (e.g. a preview of the English wording).
 * Call loadLocale(locale) first; until it has loaded, the Chinese text stands in.
 */
export function tIn(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate((dictionaries[locale] ?? zhCN)[key], params);
}

/** ¥1,234.50 in the current locale. */
export function money(fen: number): string {
  return moneyFormat(current).format(fen / 100);
}

export function number(n: number, locale: Locale = current): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A mean kept in tenths (43) shown with its one decimal (4.3). */
export function tenths(n: number): string {
  return new Intl.NumberFormat(current, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 10);
}

export function dateTime(epochMs: number): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** A 'YYYY-MM-DD' date shown in the locale's own way, without time-zone shifts. */
export function date(iso: string, locale: Locale = current): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
}

/** A tier discount as people say it: 9500 bp → "9.5折" in Chinese, "5% off" in English. */
export function discount(bp: number): string {
  if (bp >= 10000) return t('discount.none');
  return current === 'zh-CN' ? t('discount.zhe', { n: bp / 1000 }) : t('discount.off', { n: (10000 - bp) / 100 });
}

/** A points multiplier in basis points: 15000 → "×1.5". */
export function multiplier(bp: number): string {
  return `×${bp / 10000}`;
}

const moneyFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};
function moneyFormat(locale: Locale): Intl.NumberFormat {
  return (moneyFormats[locale] ??= new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
  }));
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function save(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode may refuse storage; the choice then lasts for this visit only.
  }
}

export type { MessageKey };

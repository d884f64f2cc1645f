import type { Mapping } from '../../../lib/io/csv/import-members';

/** Column mappings the owner confirmed, remembered per set of headers (the same system exports the same columns). */
const KEY = 'huiyuanbao.importMappings';

function all(): Record<string, Mapping> {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, Mapping>) ?? {};
  } catch {
    return {};
  }
}

function signature(headers: readonly string[]): string {
  return headers.join('\u241F');
}

export function loadMapping(headers: readonly string[]): Mapping | null {
  const m = all()[signature(headers)];
  return Array.isArray(m) && m.length === headers.length ? m : null;
}

export function saveMapping(headers: readonly string[], mapping: Mapping): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...all(), [signature(headers)]: [...mapping] }));
  } catch {
    // remembered for this visit only
  }
}

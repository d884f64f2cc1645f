import type { ImportKind, Mapping } from '../../../lib/io/csv/import-mapping';

/**
 * Column mappings the owner confirmed, remembered per kind and set of headers (the same system
 * exports the same columns).
 */
const KEY = 'huiyuanbao.importMappings';

function all(): Record<string, Mapping> {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, Mapping>) ?? {};
  } catch {
    return {};
  }
}

function signature(kind: ImportKind, headers: readonly string[]): string {
  return [kind, ...headers].join('\u241F');
}

export function loadMapping(kind: ImportKind, headers: readonly string[]): Mapping | null {
  const m = all()[signature(kind, headers)];
  return Array.isArray(m) && m.length === headers.length ? m : null;
}

export function saveMapping(kind: ImportKind, headers: readonly string[], mapping: Mapping): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...all(), [signature(kind, headers)]: [...mapping] }));
  } catch {
    // remembered for this visit only
  }
}

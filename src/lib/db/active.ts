/**
 * Which IndexedDB database holds the shop. A restore writes into a fresh database and, only once it is
 * complete and verified, points the app at it here — one localStorage write, so the switch is atomic and
 * a failure (or a closed tab) at any earlier moment leaves the shop as it was.
 *
 * Workers have no localStorage: they are told the name (db.name) by the page.
 */
import Dexie from 'dexie';
import { DB_NAME } from './shop-db';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const ACTIVE_DB_KEY = 'huiyuanbao.activeDb';
/** The database a switch replaced: deleted at the next start. */
export const PREVIOUS_DB_KEY = 'huiyuanbao.previousDb';
/** A database a restore is writing: deleted at the next start unless it became the active one. */
export const PENDING_DB_KEY = 'huiyuanbao.pendingDb';

export function isShopDbName(name: string | null): name is string {
  return name !== null && (name === DB_NAME || /^huiyuanbao-r\d+-[0-9a-z]+$/.test(name));
}

/** localStorage when there is one that works (not in workers, not when the browser refuses it). */
export function browserStore(): KeyValueStore | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    s.getItem(ACTIVE_DB_KEY);
    return s;
  } catch {
    return null;
  }
}

export function activeDbName(store: KeyValueStore | null): string {
  const name = store?.getItem(ACTIVE_DB_KEY) ?? null;
  return isShopDbName(name) ? name : DB_NAME;
}

/** A new database name for a restore: 'huiyuanbao-r<epoch ms>-<random>'. */
export function freshDbName(now: number, random: string): string {
  return `${DB_NAME}-r${now}-${
    random
      .toLowerCase()
      .replace(/[^0-9a-z]/g, '')
      .slice(0, 12) || '0'
  }`;
}

/** Remember a restore's target before writing into it, so an interrupted one is cleaned up later. */
export function beginRestore(store: KeyValueStore, freshName: string): void {
  store.setItem(PENDING_DB_KEY, freshName);
}

/** The switch: from now on the app opens `freshName`; the old database is deleted at the next start. */
export function switchActiveDb(store: KeyValueStore, freshName: string): void {
  const current = activeDbName(store);
  store.setItem(PREVIOUS_DB_KEY, current);
  store.setItem(ACTIVE_DB_KEY, freshName);
  if (store.getItem(ACTIVE_DB_KEY) !== freshName) throw new Error('could not switch databases');
  store.removeItem(PENDING_DB_KEY);
}

/** After a restore was abandoned: forget (and delete) its half-written database. */
export async function abandonRestore(store: KeyValueStore | null, freshName: string): Promise<void> {
  if (store?.getItem(PENDING_DB_KEY) === freshName) store.removeItem(PENDING_DB_KEY);
  if (freshName !== activeDbName(store)) await Dexie.delete(freshName);
}

/** At start: delete what a switch replaced and what an interrupted restore left behind. */
export async function cleanupStaleDbs(store: KeyValueStore | null): Promise<string[]> {
  if (!store) return [];
  const active = activeDbName(store);
  const deleted: string[] = [];
  for (const key of [PREVIOUS_DB_KEY, PENDING_DB_KEY]) {
    const name = store.getItem(key);
    if (isShopDbName(name) && name !== active) {
      await Dexie.delete(name);
      deleted.push(name);
    }
    store.removeItem(key);
  }
  return deleted;
}

/**
 * Who may do what on the shop's tablet: the owner, named assistants, and the app itself (daily jobs).
 * PINs are kept only as salted PBKDF2-SHA-256 hashes (WebCrypto, which pages, workers and Node share).
 */
import type { Id } from './ids';

export type StaffRole = 'owner' | 'assistant';
/** `system` is the app acting on its own (start-up defaults, daily jobs): never the owner. */
export type ActorRole = StaffRole | 'system';

/** What only the owner may do; everything else is counter work an assistant does too. */
export type OwnerAction =
  | 'backup'
  | 'restore'
  | 'import'
  | 'export'
  | 'eraseMember'
  | 'adjustPoints'
  | 'adjustStoredValue'
  | 'settings'
  | 'staff'
  | 'auditLog'
  | 'replaceShop';

export interface PinHash {
  /** base64 of 16 random bytes. */
  salt: string;
  /** base64 of the 32-byte PBKDF2 output. */
  hash: string;
  iterations: number;
}

export interface Staff {
  id: Id;
  name: string;
  role: StaffRole;
  pin: PinHash;
  createdAt: number;
  updatedAt: number;
  /** An assistant who has left: kept so her past sales still name her, but she can no longer unlock. */
  removedAt?: number;
}

/** What every audit entry is about. */
export type AuditAction =
  | 'backup'
  | 'export'
  | 'restore'
  | 'import'
  | 'replaceShop'
  | 'wipe'
  | 'eraseMember'
  | 'adjustPoints'
  | 'adjustStoredValue'
  | 'settings'
  | 'staff'
  | 'revealPhone'
  | 'unlockFailed'
  | 'merge'
  | 'mergeMembers';

export interface AuditEntry {
  id: Id;
  at: number;
  actorId: Id | null;
  action: AuditAction;
  /** The row it concerns (a member, a staff member…), when there is one. */
  subjectId: Id | null;
  /** A short, non-personal description: which setting, how many rows, how many points. */
  detail: string;
  createdAt: number;
  updatedAt: number;
}

/** 6 digits, or a passphrase of 8 characters or more. */
export type PinError = 'pinFormat' | 'pinMismatch';

export function checkPin(pin: string, repeat: string): PinError | null {
  if (!/^\d{6}$/.test(pin) && [...pin].length < 8) return 'pinFormat';
  if (pin !== repeat) return 'pinMismatch';
  return null;
}

/** OWASP's 2023 figure for PBKDF2-SHA-256 is 600,000; this costs ~0.3 s on the 2-core test machine. */
export const PIN_ITERATIONS = 600_000;
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 30 * 60_000;

/**
 * How long the lock screen waits after `failures` wrong PINs in a row: nothing for the first five,
 * then 30 s, doubling each time, at most 30 minutes.
 */
export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256));
}

/** The stored form of a PIN, from 16 bytes of salt the caller drew from crypto.getRandomValues. */
export async function hashPin(pin: string, salt: Uint8Array<ArrayBuffer>, iterations = PIN_ITERATIONS): Promise<PinHash> {
  return { salt: toBase64(salt), hash: toBase64(await derive(pin, salt, iterations)), iterations };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  // Compare every byte, so the time taken does not tell how many matched.
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

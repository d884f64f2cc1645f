/**
 * Checksums and the encrypted backup container, with WebCrypto only (works in pages, workers and Node).
 *
 * Encrypted file: "HYBKENC" 0x01 · PBKDF2 iterations (uint32, big-endian) · salt (16) · IV (12) ·
 * AES-256-GCM ciphertext of the plain .zip (with its 16-byte tag). The 40-byte header is the GCM
 * additional data, so changing the iterations or salt fails like a wrong passphrase would.
 */
import { IssueError } from '../csv/issues';

export const PBKDF2_ITERATIONS = 600_000;
const MAX_ITERATIONS = 10_000_000;
const MAGIC = [0x48, 0x59, 0x42, 0x4b, 0x45, 0x4e, 0x43, 0x01];
const HEADER_BYTES = MAGIC.length + 4 + 16 + 12;

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function isEncryptedBackup(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptBackup(
  plain: Uint8Array<ArrayBuffer>,
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<Uint8Array<ArrayBuffer>> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  new DataView(header.buffer).setUint32(MAGIC.length, iterations, false);
  header.set(salt, MAGIC.length + 4);
  header.set(iv, MAGIC.length + 4 + 16);
  const key = await deriveKey(passphrase, salt, iterations);
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, key, plain),
  );
  const out = new Uint8Array(HEADER_BYTES + cipher.length);
  out.set(header, 0);
  out.set(cipher, HEADER_BYTES);
  return out;
}

/** The plain zip, or IssueError: needsPassphrase, wrongPassphrase (or altered), damagedEncrypted. */
export async function decryptBackup(
  bytes: Uint8Array<ArrayBuffer>,
  passphrase: string | null,
  file: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (bytes.length < HEADER_BYTES + 16)
    throw new IssueError({ code: 'damagedEncrypted', file, row: null, field: null });
  if (passphrase === null || passphrase === '')
    throw new IssueError({ code: 'needsPassphrase', file, row: null, field: null });
  const header = bytes.slice(0, HEADER_BYTES);
  const iterations = new DataView(header.buffer).getUint32(MAGIC.length, false);
  if (iterations < 1 || iterations > MAX_ITERATIONS)
    throw new IssueError({ code: 'damagedEncrypted', file, row: null, field: null });
  const salt = header.slice(MAGIC.length + 4, MAGIC.length + 20);
  const iv = header.slice(MAGIC.length + 20, HEADER_BYTES);
  const key = await deriveKey(passphrase, salt, iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: header },
      key,
      bytes.subarray(HEADER_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    throw new IssueError({ code: 'wrongPassphrase', file, row: null, field: null });
  }
}

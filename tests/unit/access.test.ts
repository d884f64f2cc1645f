import { describe, expect, it } from 'vitest';
import { checkPin, hashPin, lockoutDelayMs, verifyPin } from '../../src/lib/domain/access';

const SALT = new Uint8Array(16).fill(7);

describe('checkPin', () => {
  it('takes six digits or a passphrase of eight characters or more, typed the same twice', () => {
    expect(checkPin('246810', '246810')).toBeNull();
    expect(checkPin('小鹿母婴店的钥匙', '小鹿母婴店的钥匙')).toBeNull();
    expect(checkPin('12345', '12345')).toBe('pinFormat');
    expect(checkPin('1234567', '1234567')).toBe('pinFormat');
    expect(checkPin('abcdefg', 'abcdefg')).toBe('pinFormat');
    expect(checkPin('246810', '246811')).toBe('pinMismatch');
  });
});

describe('lockoutDelayMs', () => {
  it('lets five wrong PINs through, then waits 30 s, doubling, at most 30 minutes', () => {
    expect([0, 1, 4].map(lockoutDelayMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map(lockoutDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(lockoutDelayMs(11)).toBe(1_800_000);
    expect(lockoutDelayMs(40)).toBe(1_800_000);
  });
});

describe('hashPin / verifyPin', () => {
  it('is PBKDF2-SHA-256 of the PIN with the salt (RFC 6070-style known answer)', async () => {
    // The published PBKDF2-HMAC-SHA256 test vector: "password", "salt", 1 iteration, 32 bytes.
    const salt = new TextEncoder().encode('salt');
    const h = await hashPin('password', salt, 1);
    expect(Buffer.from(h.hash, 'base64').toString('hex')).toBe('120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b');
    expect(h).toMatchObject({ salt: Buffer.from('salt').toString('base64'), iterations: 1 });
  });

  it('accepts the PIN it was made from and nothing else', async () => {
    const stored = await hashPin('246810', SALT, 1000);
    expect(stored.hash).not.toContain('246810');
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
    // The same PIN with another salt gives another hash.
    expect((await hashPin('246810', new Uint8Array(16).fill(8), 1000)).hash).not.toBe(stored.hash);
  });
});

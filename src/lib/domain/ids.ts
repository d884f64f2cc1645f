export type Id = string;

/** A source of fresh row ids: crypto.randomUUID in the app, a seeded one in the demo generator. */
export type NewId = () => Id;

/** Format 16 random bytes as an RFC 4122 version-4 UUID. */
export function uuidFromBytes(bytes: ArrayLike<number>): Id {
  const b = Array.from({ length: 16 }, (_, i) => (bytes[i] ?? 0) & 0xff);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

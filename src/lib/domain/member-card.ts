/**
 * The member card: a QR code of an opaque code — her row id behind a prefix, never her phone — that a
 * camera or a USB/Bluetooth scanner (typing it, then Enter) turns back into her.
 */
import type { Id } from './ids';

const PREFIX = 'HYB1:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function cardCode(memberId: Id): string {
  return PREFIX + memberId;
}

/** The member id a scanned or typed code names, or null when it is not one of our cards. */
export function memberIdFromCard(text: string): Id | null {
  const t = text.trim();
  if (t.slice(0, PREFIX.length).toUpperCase() !== PREFIX) return null;
  // Some scanners send upper case (keyboard layouts, caps lock): ids are stored lower case.
  const id = t.slice(PREFIX.length).toLowerCase();
  return UUID.test(id) ? id : null;
}

/**
 * An SVG path drawing the dark modules of a QR matrix (one unit square each), so the card renders as
 * a crisp vector at any size and in print, without any HTML built from strings.
 */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

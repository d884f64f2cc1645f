// Draw the app icons (a white heart on rose) and write them as PNGs — no dependencies:
// pixels are computed here, anti-aliased by supersampling, and encoded with node:zlib + our own CRC-32.
//   node scripts/make-icons.mjs   →   public/icons/icon-192.png, icon-512.png, icon-maskable-512.png,
//                                     apple-touch-icon-180.png (opaque: iOS paints transparency black)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

/** Rose, a little lighter at the top-left than the theme colour #d9466f, a little deeper below. */
const TOP = [0xe6, 0x5f, 0x86];
const BOTTOM = [0xcc, 0x37, 0x61];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // 4×4 sub-pixel samples per pixel

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** RGBA pixels (width × height × 4) → a PNG file (8-bit RGBA, no filtering). */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- drawing

/** The classic heart curve (x² + y² − 1)³ − x²y³ ≤ 0, y pointing up; spans x ±1.14, y −1 … 1.24. */
function inHeart(x, y) {
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}
const HEART_CENTRE_Y = 0.12; // the middle of its vertical extent
const HEART_RADIUS = heartRadius(); // farthest point of the curve from that centre, in heart units

function heartRadius() {
  let r = 0;
  for (let i = 0; i <= 400; i++)
    for (let j = 0; j <= 400; j++) {
      const x = -1.2 + (2.4 * i) / 400;
      const y = -1.1 + (2.4 * j) / 400;
      if (inHeart(x, y)) r = Math.max(r, Math.hypot(x, y - HEART_CENTRE_Y));
    }
  return r;
}

function inRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
}

/**
 * @param size pixels per side
 * @param heartSpan the heart's farthest point from the centre, as a share of the side
 * @param cornerRadius rounded-square corner as a share of the side; 0 = full-bleed (opaque)
 */
function drawIcon(size, { heartSpan, cornerRadius }) {
  const px = Buffer.alloc(size * size * 4);
  const unit = (heartSpan * size) / HEART_RADIUS; // pixels per heart unit
  const centre = size / 2;
  for (let py = 0; py < size; py++) {
    for (let pxX = 0; pxX < size; pxX++) {
      let cover = 0;
      let heart = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = pxX + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          if (cornerRadius > 0 && !inRoundedSquare(x, y, size, cornerRadius * size)) continue;
          cover++;
          // Nudge the heart a hair below centre: optically centred with its lobes.
          if (inHeart((x - centre) / unit, (centre + 0.03 * size - y) / unit + HEART_CENTRE_Y)) heart++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const t = (pxX + py) / (2 * size); // diagonal gradient
      const bg = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
      const h = cover > 0 ? heart / cover : 0;
      const o = (py * size + pxX) * 4;
      for (let i = 0; i < 3; i++) px[o + i] = Math.round(bg[i] * (1 - h) + WHITE[i] * h);
      px[o + 3] = Math.round((255 * cover) / n);
    }
  }
  return encodePng(size, size, px);
}

const ICONS = [
  // Rounded square; the heart fills a generous middle.
  { file: 'icon-192.png', size: 192, heartSpan: 0.33, cornerRadius: 0.22 },
  { file: 'icon-512.png', size: 512, heartSpan: 0.33, cornerRadius: 0.22 },
  // Maskable: full bleed, the heart well inside the central safe circle (radius 40 % of the side).
  { file: 'icon-maskable-512.png', size: 512, heartSpan: 0.3, cornerRadius: 0 },
  { file: 'apple-touch-icon-180.png', size: 180, heartSpan: 0.3, cornerRadius: 0 },
];

mkdirSync(OUT, { recursive: true });
for (const icon of ICONS) {
  const png = drawIcon(icon.size, icon);
  writeFileSync(join(OUT, icon.file), png);
  console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
}

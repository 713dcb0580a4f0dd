// Draws resources/icon.png (512x512): a dark rounded square with a green line chart.
// Run `node scripts/make-icon.mjs` to regenerate; no image library needed (zlib writes the PNG).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BACKGROUND = [15, 20, 25]; // #0f1419, the window background
const GRID = [40, 52, 62];
const LINE = [46, 204, 113]; // a calm "running" green

// The chart: a production trace that dips and recovers, in icon coordinates.
const POINTS = [
  [96, 330],
  [156, 290],
  [206, 312],
  [256, 214],
  [306, 252],
  [356, 168],
  [416, 196],
];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of a pixel by a shape whose signed distance is d, for smooth edges. */
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

function insideRoundedSquare(x, y) {
  const margin = 32;
  const radius = 96;
  const cx = Math.max(margin + radius, Math.min(SIZE - margin - radius, x));
  const cy = Math.max(margin + radius, Math.min(SIZE - margin - radius, y));
  return cover(Math.hypot(x - cx, y - cy) - radius);
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

function pixel(x, y) {
  const px = x + 0.5;
  const py = y + 0.5;
  const alpha = insideRoundedSquare(px, py);
  if (alpha === 0) return [0, 0, 0, 0];
  let colour = BACKGROUND;
  for (const gy of [176, 256, 336])
    colour = mix(colour, GRID, cover(Math.abs(py - gy) - 1.5) * 0.8);
  let line = 0;
  for (let i = 1; i < POINTS.length; i++) {
    line = Math.max(line, cover(distanceToSegment(px, py, POINTS[i - 1], POINTS[i]) - 11));
  }
  const [lx, ly] = POINTS.at(-1);
  line = Math.max(line, cover(Math.hypot(px - lx, py - ly) - 20)); // the "now" dot
  colour = mix(colour, LINE, line);
  return [...colour, Math.round(alpha * 255)];
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
console.log(`resources/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);

#!/usr/bin/env node
// Makes the academy demo's placeholder film once, during development (the result is committed:
// src/modules/academy/data/placeholder.webm; nothing is generated or downloaded at install or run
// time). Chromium (Debian's) records a canvas animation with MediaRecorder (VP8 WebM); MediaRecorder
// leaves out the Segment's Duration, so it is written into the Info element afterwards, which lets
// players show the length and seek.
//   node scripts/make-academy-placeholder.mjs [seconds=24]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const seconds = Number(process.argv[2] ?? 24);
const out = join(import.meta.dirname, '..', 'src', 'modules', 'academy', 'data', 'placeholder.webm');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const base64 = await page.evaluate(async (seconds) => {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  document.body.append(canvas);
  const g = canvas.getContext('2d');
  const stream = canvas.captureStream(10);
  const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 60_000 });
  const chunks = [];
  rec.ondataavailable = (e) => chunks.push(e.data);
  const started = performance.now();
  const draw = () => {
    const t = (performance.now() - started) / 1000;
    g.fillStyle = '#1d3557';
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = '#f1faee';
    g.font = 'bold 20px sans-serif';
    g.fillText('Platshållarfilm (demo)', 20, 50);
    g.font = '15px sans-serif';
    g.fillText('Placeholder film – Lokalkraft Academy', 20, 78);
    g.fillText('Läs lektionstexten under filmen.', 20, 100);
    g.fillStyle = '#e63946';
    g.fillRect(20, 130, (280 * Math.min(t, seconds)) / seconds, 14);
    g.strokeStyle = '#f1faee';
    g.strokeRect(20, 130, 280, 14);
    g.fillStyle = '#f1faee';
    g.fillText(`${Math.floor(t)} s`, 20, 168);
  };
  const timer = setInterval(draw, 50);
  draw();
  rec.start(1000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  rec.stop();
  clearInterval(timer);
  await new Promise((r) => (rec.onstop = r));
  const buf = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let s = '';
  for (const b of buf) s += String.fromCharCode(b);
  return btoa(s);
}, seconds);
await browser.close();
const webm = withDuration(Buffer.from(base64, 'base64'), seconds * 1000);
writeFileSync(out, webm);
console.log(`${out}: ${webm.length} bytes, ${seconds} s`);

/** Inserts Duration (0x4489, float64, in TimecodeScale units = ms by default) as the first child of the Segment's Info element. */
function withDuration(buf, ms) {
  const infoId = Buffer.from([0x15, 0x49, 0xa9, 0x66]);
  const at = buf.indexOf(infoId);
  if (at < 0) throw new Error('no Info element');
  const sizeAt = at + 4;
  const first = buf[sizeAt];
  let len = 1;
  while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
  let size = first & (0xff >> len);
  for (let i = 1; i < len; i++) size = size * 256 + buf[sizeAt + i];
  const duration = Buffer.alloc(11);
  duration.set([0x44, 0x89, 0x88]);
  duration.writeDoubleBE(ms, 3);
  const newSize = size + duration.length;
  const sizeBytes = Buffer.alloc(8);
  sizeBytes[0] = 0x01;
  sizeBytes.writeUIntBE(newSize, 2, 6);
  return Buffer.concat([buf.subarray(0, sizeAt), sizeBytes, duration, buf.subarray(sizeAt + len)]);
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { renderPdf } from './pdf-render';

function text(pdf: Buffer): string {
  const f = path.join(os.tmpdir(), `pdf-render-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(f, { force: true });
  }
}

it('keeps a long unbroken value (a document hash) on one line, and Chinese text as real text', async () => {
  const wide = 'd'.repeat(32) + 'm'.repeat(32); // wider than the value column at the normal size
  const hash = 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff';
  const pdf = await renderPdf({
    title: '签约证据页',
    sections: [
      {
        heading: '文件',
        lines: [
          { label: '原文件 SHA-256', value: hash },
          { label: '长编号', value: wide },
          { label: '客户名称', value: '上海浦江智造科技有限公司' },
        ],
      },
    ],
    createdAt: new Date('2026-12-01T00:00:00Z'),
  });
  const lines = text(pdf)
    .split('\n')
    .map((l) => l.trim());
  expect(lines).toContain(hash);
  expect(lines).toContain(wide);
  expect(lines).toContain('上海浦江智造科技有限公司');
});

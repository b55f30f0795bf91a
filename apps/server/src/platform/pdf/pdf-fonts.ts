import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let cached: string | null = null;

/**
 * Noto Sans SC from @embedpdf/fonts-sc. The .otf files are not in the package's exports, so the package folder is
 * found from its package.json and the font read from `fonts/`. Nothing is downloaded at run time.
 */
export function cjkFontPath(): string {
  if (cached) return cached;
  // the main entry is dist/index.*; the package folder is its parent's parent
  const entry = require.resolve('@embedpdf/fonts-sc');
  const file = path.join(path.dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf');
  if (!fs.existsSync(file)) throw new Error(`CJK font missing: ${file}`);
  cached = file;
  return file;
}

export function cjkBoldFontPath(): string {
  const file = path.join(path.dirname(cjkFontPath()), 'NotoSansHans-Bold.otf');
  return fs.existsSync(file) ? file : cjkFontPath();
}

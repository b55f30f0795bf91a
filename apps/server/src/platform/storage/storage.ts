import fs from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../util/crypto';

/** Where uploaded files live. The default keeps them under DATA_DIR/files, addressed by content hash. */
export interface FileStorage {
  put(data: Buffer): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
}

export function localStorage(root: string): FileStorage {
  return {
    async put(data) {
      const hash = sha256(data);
      const key = `${hash.slice(0, 2)}/${hash}`;
      const file = path.join(root, key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, data, { flag: 'w' });
      return { key, sha256: hash };
    },
    async get(key) {
      if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error('bad storage key');
      return fs.readFile(path.join(root, key));
    },
  };
}

/** The real type of a file from its first bytes; the name and the browser's claim are not trusted. */
export function sniffMime(data: Buffer): string | null {
  const b = data;
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 6 &&
    (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a')
  )
    return 'image/gif';
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

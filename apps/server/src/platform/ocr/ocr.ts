import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';
import { sniffMime } from '../storage/storage';
import { parseIdCardText, parseLicenceText } from './ocr-text';

// OCR of business licences and ID cards with tesseract.js. The Chinese language data ships in the npm package
// @tesseract.js-data/chi_sim and is read from node_modules: nothing is downloaded at run time. One worker per
// process, created on first use and shared; recognitions run one at a time (tesseract is CPU-bound, a queue
// keeps a burst of uploads from starving the server). The results are pre-fills a person confirms.

export interface LicenceOcr {
  companyName: string | null;
  creditCode: string | null;
  /** true when the credit code's GB 32100 check character holds (OCR confuses 1/I/L, 0/O) */
  creditCodeChecked: boolean;
  legalRep: string | null;
  address?: string | null;
  rawText: string;
  /** tesseract's mean word confidence, 0–100 */
  confidence: number;
}

export interface IdCardOcr {
  name: string | null;
  idNumber: string | null;
  idNumberChecked: boolean;
  /** from the back side (国徽面): 有效期限 */
  validFrom?: string | null;
  validTo?: string | null;
  rawText: string;
  confidence: number;
}

/** Thrown when the bytes are not an image tesseract can read; callers map it to their own 4xx error. */
export class OcrInputError extends Error {
  constructor(readonly reason: 'not_image' | 'empty' | 'too_large') {
    super(`OCR input rejected: ${reason}`);
  }
}

export const OCR_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const OCR_MAX_BYTES = 10 * 1024 * 1024;

const require = createRequire(import.meta.url);
let langPath: string | null = null;
function chiSimPath(): string {
  // The 4.0.0 (LSTM "fast") model reads printed licences better than best_int.
  langPath ??= path.join(path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0');
  return langPath;
}

let worker: Promise<Worker> | null = null;
let queue: Promise<unknown> = Promise.resolve();

function getWorker(): Promise<Worker> {
  worker ??= (async () => {
    const w = await createWorker('chi_sim', 1, { langPath: chiSimPath(), cacheMethod: 'none', gzip: true });
    await w.setParameters({ preserve_interword_spaces: '1' });
    return w;
  })().catch((e: unknown) => {
    worker = null;
    throw e;
  });
  return worker;
}

/** Checks the bytes by content, then runs one recognition after the ones already queued. */
async function recognise(image: Buffer): Promise<{ text: string; confidence: number }> {
  if (!image || image.length === 0) throw new OcrInputError('empty');
  if (image.length > OCR_MAX_BYTES) throw new OcrInputError('too_large');
  const mime = sniffMime(image);
  if (!mime || !(OCR_IMAGE_TYPES as readonly string[]).includes(mime)) throw new OcrInputError('not_image');
  const run = queue.then(async () => {
    const w = await getWorker();
    const r = await w.recognize(image);
    return { text: r.data.text ?? '', confidence: Math.round(r.data.confidence ?? 0) };
  });
  // The next caller waits for this one, whatever its outcome.
  queue = run.catch(() => undefined);
  return run;
}

/** A business licence (营业执照): company name, unified social credit code, legal representative, address. */
export async function ocrLicence(image: Buffer): Promise<LicenceOcr> {
  const { text, confidence } = await recognise(image);
  return { ...parseLicenceText(text), rawText: text, confidence };
}

/** An ID card: the front (人像面) gives name and number, the back (国徽面) the validity period. */
export async function ocrIdCard(image: Buffer): Promise<IdCardOcr> {
  const { text, confidence } = await recognise(image);
  return { ...parseIdCardText(text), rawText: text, confidence };
}

/** Ends the worker (tests, graceful shutdown). The next call starts a new one. */
export async function closeOcr(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await (await w.catch(() => null))?.terminate();
}

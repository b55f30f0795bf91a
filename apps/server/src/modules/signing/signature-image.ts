import PNG from 'png-js';
import { sniffMime } from '../../platform/storage/storage';

const MIN_INK_PIXELS = 40;

/**
 * A drawn signature as PNG bytes, or null when it is not a PNG or holds (almost) no ink. Ink is any pixel that is
 * not transparent and not near-white: an empty pad exports a blank image, which must not count as a signature.
 */
export async function parseSignature(dataUrl: string): Promise<{ png: Buffer; ink: number } | null> {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl.trim());
  if (!m) return null;
  const png = Buffer.from(m[1]!, 'base64');
  if (png.length < 60 || sniffMime(png) !== 'image/png') return null;
  let pixels: Buffer;
  let channels = 4;
  try {
    const img = new PNG(png);
    if (img.width * img.height > 4_000_000) return null;
    channels = img.colors + (img.hasAlphaChannel ? 1 : 0);
    pixels = await new Promise<Buffer>((resolve) => img.decode((p: Buffer) => resolve(p)));
    channels = pixels.length / (img.width * img.height);
  } catch {
    return null;
  }
  let ink = 0;
  for (let i = 0; i + channels - 1 < pixels.length; i += channels) {
    const a = channels === 4 ? pixels[i + 3]! : 255;
    const lum = (pixels[i]! + pixels[i + 1]! + pixels[i + 2]!) / 3;
    if (a > 32 && lum < 200) ink++;
  }
  return { png, ink: ink >= MIN_INK_PIXELS ? ink : 0 };
}

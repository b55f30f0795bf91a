import sharp from 'sharp';
import { creditCodeCheckChar, idCardCheckChar } from '@paidan/shared';

// Test images made on the spot: lines of text rendered to PNG through SVG (librsvg inside sharp) with a CJK
// system font: Noto Sans CJK (fonts-noto-cjk, installed by .ci/run). Used by tests only. The recognition is
// font-sensitive: with WenQuanYi Micro Hei or Zen Hei tesseract misreads some Latin letters of a credit code.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function renderTextImage(
  lines: string[],
  opts: { width?: number; fontSize?: number; format?: 'png' | 'jpeg' } = {},
): Promise<Buffer> {
  const fontSize = opts.fontSize ?? 44;
  const lineHeight = Math.round(fontSize * 1.8);
  const width = opts.width ?? 1400;
  const height = 80 + lines.length * lineHeight;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    lines
      .map(
        (l, i) =>
          `<text x="60" y="${60 + i * lineHeight + fontSize}" font-family="Noto Sans CJK SC, sans-serif" font-size="${fontSize}" fill="#111">${esc(l)}</text>`,
      )
      .join('') +
    `</svg>`;
  const img = sharp(Buffer.from(svg));
  return opts.format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}

/** A valid unified social credit code built from its first 17 characters. */
export function creditCode(first17: string): string {
  const c = creditCodeCheckChar(first17);
  if (!c) throw new Error(`not a credit code prefix: ${first17}`);
  return first17 + c;
}

/** A valid ID number built from its first 17 digits. */
export function idNumber(first17: string): string {
  return first17 + idCardCheckChar(first17)!;
}

export interface LicenceImageFields {
  companyName: string;
  creditCode: string;
  legalRep: string;
  address: string;
}

/** A business licence laid out like the printed one: title, code, name, type, legal representative, address. */
export function licenceImage(f: LicenceImageFields, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  return renderTextImage(
    [
      '营业执照',
      `统一社会信用代码 ${f.creditCode}`,
      `名称 ${f.companyName}`,
      '类型 有限责任公司(自然人投资或控股)',
      `法定代表人 ${f.legalRep}`,
      '注册资本 人民币伍佰万元整',
      '成立日期 2019年03月12日',
      `住所 ${f.address}`,
    ],
    { format },
  );
}

export function idCardFrontImage(f: { name: string; idNumber: string }): Promise<Buffer> {
  return renderTextImage([
    `姓名 ${f.name}`,
    '性别 男  民族 汉',
    '出生 1980年1月1日',
    '住址 上海市浦东新区张江路1号',
    `公民身份号码 ${f.idNumber}`,
  ]);
}

export function idCardBackImage(): Promise<Buffer> {
  return renderTextImage([
    '中华人民共和国',
    '居民身份证',
    '签发机关 上海市公安局浦东分局',
    '有效期限 2016.03.01-2036.03.01',
  ]);
}

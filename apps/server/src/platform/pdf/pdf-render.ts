import PDFDocument from 'pdfkit';
import { cjkBoldFontPath, cjkFontPath } from './pdf-fonts';

// Renders simple business documents (title, sections of label/value lines and paragraphs, a signature block,
// an appendix page) with a CJK font, so Chinese text is real text that can be searched and extracted.

export interface PdfLine {
  label: string;
  value: string;
}
export interface PdfSection {
  heading?: string;
  lines?: PdfLine[];
  paragraphs?: string[];
}
export interface PdfSignature {
  /** PNG of the drawn signature; null when signed another way (SMS reply) */
  png: Buffer | null;
  caption: string;
}
export interface PdfDocumentSpec {
  title: string;
  subtitle?: string;
  /** shown top right, e.g. the request number */
  reference?: string;
  sections: PdfSection[];
  /** parties shown under the body; the signer's block carries the signature when there is one */
  signatureBlock?: { left: PdfLine[]; right: PdfLine[]; signature?: PdfSignature | null };
  /** a page of its own at the end (the evidence page) */
  appendix?: { title: string; intro?: string; lines: PdfLine[]; note?: string };
  footer?: string;
  /** fixed document dates keep re-renders of the same content stable */
  createdAt?: Date;
  author?: string;
}

const MARGIN = 56;

export async function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // placeholder-plain (the seal) reads classic xref tables; pdfkit writes them
    pdfVersion: '1.7',
    info: {
      Title: spec.title,
      Author: spec.author ?? 'Paidan',
      Producer: 'Paidan',
      Creator: 'Paidan',
      CreationDate: spec.createdAt ?? new Date(),
    },
    bufferPages: true,
  });
  doc.registerFont('cjk', cjkFontPath());
  doc.registerFont('cjk-bold', cjkBoldFontPath());
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  if (spec.reference) {
    doc
      .font('cjk')
      .fontSize(9)
      .fillColor('#666')
      .text(spec.reference, MARGIN, MARGIN - 24, { width, align: 'right' });
    doc.y = MARGIN;
  }
  doc.font('cjk-bold').fontSize(18).fillColor('#000').text(spec.title, { width, align: 'center' });
  if (spec.subtitle)
    doc.moveDown(0.3).font('cjk').fontSize(10).fillColor('#555').text(spec.subtitle, { align: 'center' });
  doc.moveDown(1);

  for (const s of spec.sections) {
    if (s.heading) {
      doc.font('cjk-bold').fontSize(12).fillColor('#000').text(s.heading);
      doc.moveDown(0.3);
    }
    for (const l of s.lines ?? []) writeLine(doc, l, width);
    for (const p of s.paragraphs ?? []) {
      doc.font('cjk').fontSize(10.5).fillColor('#000').text(p, { width, lineGap: 3, paragraphGap: 4 });
    }
    doc.moveDown(0.8);
  }

  if (spec.signatureBlock) {
    if (doc.y > doc.page.height - MARGIN - 170) doc.addPage();
    const top = doc.y + 10;
    const colW = (width - 20) / 2;
    const { left, right, signature } = spec.signatureBlock;
    doc.font('cjk').fontSize(10.5).fillColor('#000');
    let y = top;
    for (const l of left) {
      doc.text(`${l.label}：${l.value}`, MARGIN, y, { width: colW });
      y = doc.y + 4;
    }
    let ry = top;
    const rx = MARGIN + colW + 20;
    for (const l of right) {
      doc.text(`${l.label}：${l.value}`, rx, ry, { width: colW });
      ry = doc.y + 4;
    }
    if (signature?.png) {
      doc.image(signature.png, rx, ry, { fit: [colW, 70] });
      ry += 74;
    }
    if (signature) {
      doc.fontSize(9).fillColor('#555').text(signature.caption, rx, ry, { width: colW });
      ry = doc.y;
    }
    doc.x = MARGIN;
    doc.y = Math.max(y, ry) + 10;
  }

  if (spec.appendix) {
    doc.addPage();
    doc.font('cjk-bold').fontSize(16).fillColor('#000').text(spec.appendix.title, { width, align: 'center' });
    doc.moveDown(0.6);
    if (spec.appendix.intro) doc.font('cjk').fontSize(10).fillColor('#333').text(spec.appendix.intro, { width });
    doc.moveDown(0.6);
    for (const l of spec.appendix.lines) writeLine(doc, l, width);
    if (spec.appendix.note) {
      doc.moveDown(0.8);
      doc.font('cjk').fontSize(9).fillColor('#666').text(spec.appendix.note, { width });
    }
  }

  if (spec.footer) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('cjk')
        .fontSize(8)
        .fillColor('#888')
        .text(`${spec.footer}  ·  ${i + 1} / ${range.count}`, MARGIN, doc.page.height - 36, { width, align: 'center' });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return done;
}

function writeLine(doc: PDFKit.PDFDocument, l: PdfLine, width: number) {
  const labelW = 110;
  const y = doc.y;
  doc.font('cjk').fontSize(10.5).fillColor('#555').text(l.label, MARGIN, y, { width: labelW });
  const afterLabel = doc.y;
  const value = l.value || '—';
  // one unbroken token (a hash, a number) stays on one line, smaller if need be, so it can be read and compared
  if (!/\s/.test(value)) {
    let size = 10.5;
    while (size > 6 && doc.fontSize(size).widthOfString(value) > width - labelW) size -= 0.5;
  }
  doc.fillColor('#000').text(value, MARGIN + labelW, y, { width: width - labelW, lineGap: 2 });
  doc.fontSize(10.5);
  doc.x = MARGIN;
  doc.y = Math.max(afterLabel, doc.y) + 3;
}

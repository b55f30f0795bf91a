import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import type { P12Bundle } from './pdf-cert';

export interface SealOptions {
  /** ASCII only: these go into the PDF dictionary as plain strings */
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  signingTime?: Date;
}

/** Seals a PDF with a PKCS#7 detached signature (adbe.pkcs7.detached) over the whole file. */
export async function sealPdf(pdf: Buffer, bundle: P12Bundle, opts: SealOptions): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: opts.reason,
    contactInfo: opts.contactInfo,
    name: opts.name,
    location: opts.location,
    signingTime: opts.signingTime,
    signatureLength: 8192,
    appName: 'Paidan',
  });
  // A P12Signer signs once: one per document.
  const signer = new P12Signer(bundle.p12, { passphrase: bundle.password });
  return new SignPdf().sign(withPlaceholder, signer, opts.signingTime);
}

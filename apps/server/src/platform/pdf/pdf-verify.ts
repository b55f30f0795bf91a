import crypto from 'node:crypto';
import forge from 'node-forge';
import { subjectText } from './pdf-cert';

export interface SealCheck {
  /** a PDF signature dictionary was found */
  sealed: boolean;
  /** the signature covers the whole file, its digest matches and it verifies with the embedded certificate */
  intact: boolean;
  /** why it is not intact, in English for logs; the caller words it for users */
  problem: string | null;
  certificateDer: Buffer | null;
  certificateSubject: string | null;
  certificateFingerprint: string | null;
  signingTime: Date | null;
}

const none = (problem: string | null, sealed = false): SealCheck => ({
  sealed,
  intact: false,
  problem,
  certificateDer: null,
  certificateSubject: null,
  certificateFingerprint: null,
  signingTime: null,
});

/**
 * Checks the last PDF signature of a file: the byte range must span the file (nothing added after sealing), the
 * message digest must equal the SHA-256 of the covered bytes (nothing changed inside), and the RSA signature over
 * the signed attributes must verify with the certificate carried in the signature.
 */
export function checkPdfSeal(pdf: Buffer): SealCheck {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/ByteRange');
  if (at < 0) return none('no signature');
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
  if (!m) return none('unreadable byte range', true);
  const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.length || b >= c) {
    return { ...none('the file was changed or extended after sealing', true) };
  }
  const hex = text.slice(b, c).replace(/[<>\s]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return none('unreadable signature contents', true);
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  let p7: forge.pkcs7.PkcsSignedData;
  try {
    const der = Buffer.from(hex, 'hex').toString('binary');
    // the signature is padded with zeros up to its placeholder length: stop at the end of the DER object
    const asn1 = (forge.asn1.fromDer as unknown as (b: string, o: { parseAllBytes: boolean }) => forge.asn1.Asn1)(der, {
      parseAllBytes: false,
    });
    p7 = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData;
  } catch {
    return none('unreadable signature', true);
  }
  const cert = p7.certificates[0];
  if (!cert) return none('no certificate in the signature', true);
  const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const base: SealCheck = {
    sealed: true,
    intact: false,
    problem: null,
    certificateDer: certDer,
    certificateSubject: subjectText(cert),
    certificateFingerprint: crypto.createHash('sha256').update(certDer).digest('hex'),
    signingTime: null,
  };
  const raw = (p7 as unknown as { rawCapture: { authenticatedAttributes?: forge.asn1.Asn1[]; signature: string } })
    .rawCapture;
  const attrs = raw.authenticatedAttributes ?? [];
  let digest: string | null = null;
  for (const attr of attrs) {
    const seq = attr.value as forge.asn1.Asn1[];
    const oid = forge.asn1.derToOid((seq[0]!.value as string) ?? '');
    const set = seq[1]!.value as forge.asn1.Asn1[];
    if (oid === forge.pki.oids.messageDigest) digest = Buffer.from(set[0]!.value as string, 'binary').toString('hex');
    if (oid === forge.pki.oids.signingTime) {
      const v = set[0]!;
      base.signingTime =
        v.type === forge.asn1.Type.UTCTIME
          ? forge.asn1.utcTimeToDate(v.value as string)
          : forge.asn1.generalizedTimeToDate(v.value as string);
    }
  }
  const actual = crypto.createHash('sha256').update(signedBytes).digest('hex');
  if (!digest || digest !== actual) return { ...base, problem: 'the content does not match the signature' };
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
  const md = forge.md.sha256.create();
  md.update(forge.asn1.toDer(set).getBytes());
  let ok = false;
  try {
    ok = (cert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().getBytes(), raw.signature);
  } catch {
    ok = false;
  }
  if (!ok) return { ...base, problem: 'the signature does not verify' };
  return { ...base, intact: true };
}

import crypto from 'node:crypto';
import forge from 'node-forge';

export interface P12Bundle {
  p12: Buffer;
  password: string;
}

/**
 * A self-signed certificate for sealing PDFs when none is configured (the embedded default). The key is made by
 * Node's crypto (fast) and wrapped by node-forge into a PKCS#12 that @signpdf reads.
 */
export function generateSelfSignedP12(commonName: string, org: string, years = 10): P12Bundle {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const fPub = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = fPub;
  cert.serialNumber = `01${crypto.randomBytes(8).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 86400_000);
  const attrs = [
    { shortName: 'CN', value: commonName },
    { shortName: 'O', value: org },
    { shortName: 'C', value: 'CN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(fKey, forge.md.sha256.create());
  const password = crypto.randomBytes(18).toString('base64url');
  const asn1 = forge.pkcs12.toPkcs12Asn1(fKey, [cert], password, { algorithm: '3des' });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), password };
}

/** The certificate of a PKCS#12 bundle, as DER, for comparing with the one found in a sealed PDF. */
export function certificateOfP12(b: P12Bundle): { der: Buffer; subject: string; fingerprint: string } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(b.p12.toString('binary')), b.password);
  const bagType = forge.pki.oids.certBag as string;
  const bags = p12.getBags({ bagType })[bagType] ?? [];
  const cert = bags[0]?.cert;
  if (!cert) throw new Error('the PKCS#12 bundle holds no certificate');
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { der, subject: subjectText(cert), fingerprint: crypto.createHash('sha256').update(der).digest('hex') };
}

export function subjectText(cert: forge.pki.Certificate): string {
  return cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
}

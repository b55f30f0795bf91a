// Outside services mode 3 needs, behind ports whose default is honest about what it cannot do.

// The shapes of platform/ocr: fields OCR could not read are null.
export interface LicenceOcr {
  companyName: string | null;
  creditCode: string | null;
  legalRep: string | null;
  address?: string | null;
  rawText: string;
  confidence: number;
}
export interface IdCardOcr {
  name: string | null;
  idNumber: string | null;
  rawText: string;
  confidence: number;
}
export interface OcrEngine {
  ocrLicence(image: Buffer): Promise<LicenceOcr>;
  ocrIdCard(image: Buffer): Promise<IdCardOcr>;
}

let engine: OcrEngine | null = null;
/** The platform OCR (platform/ocr) registers itself here; tests may register their own. */
export function setSigningOcrEngine(e: OcrEngine | null): void {
  engine = e;
}
export function signingOcrEngine(): OcrEngine | null {
  return engine;
}

export interface LivenessResult {
  status: 'passed' | 'failed' | 'not_configured';
  provider: string;
  detail: string | null;
}
/** A face liveness check of the person signing (table 2 活体认证). */
export interface LivenessProvider {
  readonly name: string;
  check(input: { requestId: number; idFront: Buffer; idName: string }): Promise<LivenessResult>;
}

/** The default: no liveness vendor is configured, and says so; the request then goes to staff review. */
export const notConfiguredLiveness: LivenessProvider = {
  name: 'none',
  async check() {
    return { status: 'not_configured', provider: '未配置活体检测服务', detail: '需人工审核' };
  },
};

let liveness: LivenessProvider = notConfiguredLiveness;
export function setLivenessProvider(p: LivenessProvider): void {
  liveness = p;
}
export function livenessProvider(): LivenessProvider {
  return liveness;
}

import { registerJobHandler, registerSchedule } from '../../platform/jobs/job-registry';
import { withTx } from '../../platform/db/database';
import { registerInboundSmsHandler } from '../../platform/sms/sms-inbound';
import { expireDue, handleSigningReply } from './signing-reply';
import { registerSigningSms } from './signing-sms';
import { registerSignableKind } from './signing-kinds';
import { orderKind } from './kinds/order.kind';
import { agreementKind } from './kinds/agreement.kind';
import { ocrIdCard, ocrLicence } from '../../platform/ocr/ocr';
import { setSigningOcrEngine, signingOcrEngine } from './signing-ports';

export const SIGNING_EXPIRE_JOB = 'signing.expire';

/** Kinds, SMS texts, the reply handler and the expiry sweep (every minute, once across instances). */
export function registerSigning(): void {
  registerSignableKind(orderKind);
  registerSignableKind(agreementKind);
  registerSigningSms();
  // the platform OCR (tesseract.js, chi_sim from node_modules) unless another engine was set (tests)
  if (!signingOcrEngine()) setSigningOcrEngine({ ocrLicence, ocrIdCard });
  registerInboundSmsHandler(handleSigningReply);
  registerJobHandler(SIGNING_EXPIRE_JOB, async (_job, { ctx }) => {
    await withTx(ctx.db, (tx) => expireDue(ctx, tx));
  });
  registerSchedule({ name: SIGNING_EXPIRE_JOB, intervalSeconds: 60, maxAttempts: 1 });
}

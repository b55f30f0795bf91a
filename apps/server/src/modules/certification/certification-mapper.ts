import { maskPhone, type Certification } from '@paidan/shared';
import type { AttemptRow } from './certification.repo';

export const CERT_MAX_TRIES = 3;

const maskAccount = (a: string | null) => (a ? `${'*'.repeat(Math.max(0, a.length - 4))}${a.slice(-4)}` : null);
const yuan = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2));

/** `staff` sees the deposit amount (they send it); the enterprise never does, it must read it off its statement. */
export function toCertification(r: AttemptRow, view: 'staff' | 'applicant'): Certification {
  const ocr = r.ocr as Certification['ocr'] | null;
  return {
    id: r.id,
    customerId: r.customer_id,
    enterpriseName: r.enterprise_name,
    method: r.method,
    status: r.status,
    companyName: r.company_name,
    creditCode: r.credit_code,
    legalRepName: r.legal_rep_name,
    legalRepPhoneMasked: r.legal_rep_phone ? maskPhone(r.legal_rep_phone) : null,
    address: r.address,
    bankName: r.bank_name,
    bankAccountMasked: maskAccount(r.bank_account),
    depositReference: r.deposit_reference,
    depositAmount: view === 'staff' ? yuan(r.deposit_cents) : null,
    depositSentAt: r.deposit_sent_at ? r.deposit_sent_at.toISOString() : null,
    triesLeft: ['awaiting_amount', 'awaiting_code'].includes(r.status) ? Math.max(0, CERT_MAX_TRIES - r.tries) : null,
    hasLicence: !!r.licence_file_key,
    ocr: ocr ?? null,
    applicantName: r.applicant_name,
    reviewerName: r.reviewer_name,
    reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
    rejectReason: r.reject_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

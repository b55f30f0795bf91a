import type { SigningKind, SigningRuleInputs, SummaryLine } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import type { PdfSection } from '../../platform/pdf/pdf-render';

// What can be signed. Each kind loads what the signer sees, supplies the PDF body and the inputs of the mode rules,
// and is told when its document has been signed. Orders, agreements (委托书 …) and later delivery reports plug in here.

export interface SubjectAgreement {
  code: string;
  id: number | null;
  version: number | null;
  title: string;
  body: string;
}

export interface SignableSubject {
  kind: SigningKind;
  /** canonical reference: the order number, or `<customerId>:<templateCode>` */
  ref: string;
  title: string;
  customerId: number;
  customerName: string;
  customerCreditCode: string;
  orgPath: string;
  accountManagerId: number | null;
  lines: SummaryLine[];
  /** the PDF body, rendered before anyone signs */
  sections: PdfSection[];
  agreement: SubjectAgreement | null;
  suggestedSigner: { name: string; phone: string } | null;
  ruleInputs: SigningRuleInputs;
  /** values the staff must fill in for this kind (e.g. the agent a 委托书 authorises) */
  templateParams: { key: string; label: string; required: boolean }[];
}

export interface SignedInfo {
  requestId: number;
  number: string;
  signerName: string;
  signedAt: Date;
  params: Record<string, string>;
  customerId: number;
  subjectRef: string;
}

export interface SignableKind {
  kind: SigningKind;
  /** false when the module that owns the documents is not loaded */
  available(): boolean;
  /** Loads the subject inside the actor's data scope; null when it does not exist or is not visible. */
  load(
    ctx: AppContext,
    ex: Executor,
    actor: Actor,
    input: { ref: string; customerId?: number | undefined; params: Record<string, string> },
  ): Promise<SignableSubject | null>;
  onSigned(ex: Executor, info: SignedInfo): Promise<void>;
}

const kinds = new Map<SigningKind, SignableKind>();

export function registerSignableKind(k: SignableKind): void {
  kinds.set(k.kind, k);
}
export function signableKind(kind: SigningKind): SignableKind | undefined {
  return kinds.get(kind);
}

// What other modules may know about signing without importing it: a document of theirs has been signed.
import { defineDomainEvent } from '../platform/events/domain-events';

export interface SigningCompleted {
  kind: 'order' | 'agreement';
  /** the order number, or `<customerId>:<templateCode>` */
  subjectRef: string;
  requestId: number;
  /** the signing request number (QY…) */
  number: string;
  signerName: string;
  signedAt: Date;
  customerId: number;
}

/** Emitted inside the transaction that records a signature (e.g. ordering moves the order on). */
export const signingCompleted = defineDomainEvent<SigningCompleted>('signing.completed');

// The whole database as Kysely sees it: platform tables plus each module's own (one declaration per module; they merge).
import type { FoundationTables } from './platform/db/foundation.tables';
import type { TicketTables } from './modules/tickets/ticket.tables';
import type { OrderTables } from './modules/orders/order.tables';
import type { SigningTables } from './modules/signing/signing.tables';
import type { AgreementTables } from './modules/agreements/agreement.tables';
import type { OpportunityTables } from './modules/opportunities/opportunity.tables';
import type { OnboardingTables } from './modules/onboarding/onboarding.tables';
import type { CertificationTables } from './modules/certification/certification.tables';

export interface DB extends FoundationTables {}
export interface DB extends TicketTables {}
export interface DB extends AgreementTables {}
export interface DB extends OpportunityTables {}
export interface DB extends OrderTables {}
export interface DB extends OnboardingTables {}
export interface DB extends CertificationTables {}
export interface DB extends SigningTables {}

// The whole database as Kysely sees it: platform tables plus each module's own.
import type { FoundationTables } from './platform/db/foundation.tables';
import type { TicketTables } from './modules/tickets/ticket.tables';
import type { OnboardingTables } from './modules/onboarding/onboarding.tables';
import type { CertificationTables } from './modules/certification/certification.tables';

export interface DB extends FoundationTables, TicketTables, OnboardingTables, CertificationTables {}

// The whole database as Kysely sees it: platform tables plus each module's own.
import type { FoundationTables } from './platform/db/foundation.tables';
import type { TicketTables } from './modules/tickets/ticket.tables';
import type { SigningTables } from './modules/signing/signing.tables';
import type { AgreementTables } from './modules/agreements/agreement.tables';

export interface DB extends FoundationTables, TicketTables, SigningTables, AgreementTables {}

import type { FastifyBaseLogger } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Permission } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { AuthContext } from '../../platform/auth/context';
import { systemActor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { recordAudit } from '../../platform/audit/audit.service';
import { randomToken, sha256 } from '../../platform/util/crypto';
import type { DB } from '../../db.types';

// API keys for machine clients of the TMF Open APIs (migration 0005). A key is `pd_` + 32 random bytes;
// only its SHA-256 is stored. Each client acts as its own staff account `integration.<client id>`, made with it:
// - role hotline_agent for the ticket state machine (like the hotline, it records requests and the customer's
//   answers: it may withdraw what it raised, confirm or reopen a resolved ticket, escalate, add notes), but
// - permissions only ticket.read (+ ticket.create for role `integration`), nothing else of a hotline agent;
// - data scope: every customer (org_id null) or one org's subtree;
// - no org on the user, so it is never anyone's queue or a dispatch target, and no password, so nobody signs in as it;
// - one account per client: what a client raised is visible to, and withdrawable by, that client only.

export interface ApiClientsTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  role: Generated<'integration' | 'readonly'>;
  org_id: number | null;
  default_customer_id: number | null;
  user_id: number | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

type ApiDb = Kysely<DB & { api_clients: ApiClientsTable }>;
const withClients = (ex: Executor): ApiDb => ex.withTables<{ api_clients: ApiClientsTable }>();

export const INTEGRATION_USERNAME_PREFIX = 'integration.';
export const ENV_CLIENT_NAME = 'TMF_API_KEY';
const MIN_KEY_LENGTH = 24;

export const API_CLIENT_PERMISSIONS: Record<'integration' | 'readonly', Permission[]> = {
  // tickets (TMF621), customers (TMF629), ordering (TMF622) and the catalogue (TMF620) for integration clients;
  // reading only for read-only ones
  integration: [
    'ticket.read',
    'ticket.create',
    'customer.read',
    'customer.write',
    'order.read',
    'order.place',
    'catalog.manage',
  ],
  readonly: ['ticket.read', 'customer.read', 'order.read'],
};

export interface ApiClientAuth extends AuthContext {
  client: { id: number; name: string; defaultCustomerId: number | null };
}

/** The staff account a client acts as, made the first time it is needed. */
async function ensureClientUser(
  ex: Executor,
  client: { id: number; name: string; user_id: number | null },
): Promise<number> {
  if (client.user_id) return client.user_id;
  const username = `${INTEGRATION_USERNAME_PREFIX}${client.id}`;
  await ex
    .insertInto('users')
    .values({
      username,
      display_name: `${client.name}（接口）`.slice(0, 60),
      role: 'hotline_agent',
      org_id: null,
      org_path: null,
      password_hash: null,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const u = await ex.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  await withClients(ex).updateTable('api_clients').set({ user_id: u.id }).where('id', '=', client.id).execute();
  return u.id;
}

/** A customer by id, 18-character credit code or exact name (for TMF_API_CUSTOMER). */
export async function findCustomerRef(ex: Executor, ref: string): Promise<number | null> {
  const v = ref.trim();
  let q = ex.selectFrom('customers').select('id');
  if (/^\d{1,9}$/.test(v)) q = q.where('id', '=', Number(v));
  else if (/^[0-9A-Z]{18}$/.test(v)) q = q.where('credit_code', '=', v);
  else q = q.where('name', '=', v);
  return (await q.executeTakeFirst())?.id ?? null;
}

export function apiClientService(ctx: AppContext) {
  const db = withClients(ctx.db);

  /** Registers a client; returns the key, which is shown this once and never stored. */
  async function create(input: {
    name: string;
    role?: 'integration' | 'readonly';
    orgId?: number | null;
    defaultCustomerId?: number | null;
    key?: string;
  }) {
    const key = input.key ?? `pd_${randomToken(32)}`;
    if (key.length < MIN_KEY_LENGTH) throw new Error(`API keys need at least ${MIN_KEY_LENGTH} characters`);
    const row = await withTx(ctx.db, async (tx) => {
      const r = await withClients(tx)
        .insertInto('api_clients')
        .values({
          name: input.name,
          key_hash: sha256(key),
          role: input.role ?? 'integration',
          org_id: input.orgId ?? null,
          default_customer_id: input.defaultCustomerId ?? null,
        })
        .returning(['id', 'name', 'user_id'])
        .executeTakeFirstOrThrow();
      await ensureClientUser(tx, r);
      await recordAudit(tx, systemActor, {
        action: 'api_client.created',
        entityType: 'api_client',
        entityId: r.id,
        after: { name: r.name, role: input.role ?? 'integration', orgId: input.orgId ?? null },
      });
      return r;
    });
    return { id: row.id, name: row.name, key };
  }

  /** The auth context for a presented key, or null (unknown, inactive, or the integration account disabled). */
  async function authenticate(key: string): Promise<ApiClientAuth | null> {
    if (key.length < MIN_KEY_LENGTH || key.length > 200) return null;
    const row = await db
      .selectFrom('api_clients as k')
      .innerJoin('users as u', 'u.id', 'k.user_id')
      .leftJoin('orgs as o', 'o.id', 'k.org_id')
      .select([
        'k.id',
        'k.name',
        'k.role',
        'k.org_id',
        'k.default_customer_id',
        'k.last_used_at',
        'o.path as org_path',
        'u.id as user_id',
        'u.username',
        'u.display_name',
        'u.status as user_status',
      ])
      .where('k.key_hash', '=', sha256(key))
      .where('k.active', '=', true)
      .executeTakeFirst();
    if (!row || row.user_status !== 'active') return null;
    if (row.org_id && !row.org_path) return null;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
      await db.updateTable('api_clients').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
    }
    return {
      user: {
        id: row.user_id,
        username: row.username,
        displayName: row.display_name,
        role: 'hotline_agent',
        // No org: a team's queue must never count as the client's own.
        orgId: null,
        orgPath: row.org_path ?? null,
        customerId: null,
        lang: 'zh',
      },
      sessionId: null,
      csrfToken: null,
      permissions: new Set(API_CLIENT_PERMISSIONS[row.role]),
      scope: row.org_path ? { kind: 'org', orgPath: row.org_path } : { kind: 'all' },
      client: { id: row.id, name: row.name, defaultCustomerId: row.default_customer_id },
    };
  }

  /**
   * TMF_API_KEY in the environment: make sure a client with that key exists (named TMF_API_KEY, whole
   * organisation). TMF_API_CUSTOMER (id, credit code or exact name) sets its default customer.
   * Run when the server is ready, i.e. after demo data is loaded on a first start.
   */
  async function ensureFromEnv(env: NodeJS.ProcessEnv, log: FastifyBaseLogger): Promise<void> {
    const key = env.TMF_API_KEY?.trim();
    if (!key) return;
    if (key.length < MIN_KEY_LENGTH) {
      log.warn(`TMF_API_KEY is shorter than ${MIN_KEY_LENGTH} characters and was ignored`);
      return;
    }
    const customerRef = env.TMF_API_CUSTOMER?.trim();
    await withTx(ctx.db, async (tx) => {
      const customerId = customerRef ? await findCustomerRef(tx, customerRef) : null;
      if (customerRef && !customerId)
        log.warn({ customer: customerRef }, 'TMF_API_CUSTOMER names no customer; the client has no default customer');
      const hash = sha256(key);
      const t = withClients(tx);
      const existing = await t
        .selectFrom('api_clients')
        .select(['id', 'key_hash', 'default_customer_id', 'active', 'user_id'])
        .where('name', '=', ENV_CLIENT_NAME)
        .executeTakeFirst();
      if (
        existing &&
        existing.key_hash === hash &&
        existing.active &&
        existing.default_customer_id === customerId &&
        existing.user_id
      )
        return;
      // The key may have been registered under another name: then that client is the one.
      const other = await t
        .selectFrom('api_clients')
        .select('id')
        .where('key_hash', '=', hash)
        .where('name', '!=', ENV_CLIENT_NAME)
        .executeTakeFirst();
      if (other) {
        log.warn('TMF_API_KEY is already registered as another API client; left as it is');
        return;
      }
      const r = await t
        .insertInto('api_clients')
        .values({
          name: ENV_CLIENT_NAME,
          key_hash: hash,
          role: 'integration',
          org_id: null,
          default_customer_id: customerId,
        })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({ key_hash: hash, active: true, default_customer_id: customerId }),
        )
        .returning(['id', 'name', 'user_id'])
        .executeTakeFirstOrThrow();
      await ensureClientUser(tx, r);
      await recordAudit(tx, systemActor, {
        action: 'api_client.from_env',
        entityType: 'api_client',
        entityId: r.id,
        after: { name: ENV_CLIENT_NAME, defaultCustomerId: customerId },
      });
    });
  }

  return { create, authenticate, ensureFromEnv };
}

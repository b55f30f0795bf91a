import { z } from 'zod';
import {
  CreateComplaintTicketSchema,
  CreateFaultTicketSchema,
  CreateIdeaTicketSchema,
  CreateInquiryTicketSchema,
  CreateSuggestionTicketSchema,
  CreateTerminalRepairTicketSchema,
  type CreateTicket,
  type RequestType,
  type TicketChannel,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor, AuthContext } from '../../platform/auth/context';
import { AppError } from '../../platform/http/app-error';
import { customerService } from '../customers/customer.service';
import { ticketService } from '../tickets/ticket.service';
import { attachmentService } from '../tickets/ticket-attachment.service';
import { ticketRepo } from '../tickets/ticket.repo';
import type { ApiClientAuth } from './api-client';
import { fromPriority, fromSeverity, planStatusChange, requestTypeOf } from './tmf621-mapping';
import { tmf621Repo as repo, type TmfListFilter, type TmfTicketRow } from './tmf621.repo';
import { selectFields, toTroubleTicket, type TmfExtension, type TroubleTicket } from './tmf621.representation';
import {
  TMF_PATCHABLE,
  type TmfAttachmentIn,
  type TmfTroubleTicketCreate,
  type TmfTroubleTicketUpdate,
} from './tmf621.schemas';
import { TmfError, tmfBadRequest, tmfNotFound, zodMessage } from './tmf621.errors';

// TMF621 onto our tickets: creation and every status change go through the tickets module's service and
// state machine; this module only translates.

const tmf = { tmf: z.custom<TmfExtension>((v) => typeof v === 'object' && v !== null) };
// A trouble report from a system may not name the line or the terminal model; the forms require them,
// the ticket does not (the handler calls back). Everything else is validated as on the forms.
const API_CREATE_SCHEMAS: Partial<Record<RequestType, z.ZodType>> = {
  fault: CreateFaultTicketSchema.extend({ productInstance: z.string().trim().max(64).optional(), ...tmf }),
  terminal_repair: CreateTerminalRepairTicketSchema.extend({
    terminalModel: z.string().trim().max(100).optional(),
    ...tmf,
  }),
  complaint: CreateComplaintTicketSchema.extend(tmf),
  inquiry: CreateInquiryTicketSchema.extend(tmf),
  suggestion: CreateSuggestionTicketSchema.extend(tmf),
  new_idea: CreateIdeaTicketSchema.extend(tmf),
};

const CUSTOMER_ROLES = /^(customer|organi[sz]ation|enterprise|buyer|account|partyrole:customer)$/i;
const CUSTOMER_TYPES = /^(customer|organi[sz]ation)$/i;
const SERVICE_ENTITY = /^(service|product|resource|circuit|line|affectedservice|affectedproduct|affectedresource)$/i;
const DEVICE_ENTITY = /^(device|terminal|equipment|cpe|resource|physicalresource)$/i;

const isClient = (auth: AuthContext): auth is ApiClientAuth => 'client' in auth;

export function tmf621Service(ctx: AppContext) {
  const { db } = ctx;
  const tickets = ticketService(ctx);
  const customers = customerService(ctx);
  const files = attachmentService(ctx);

  async function represent(rows: TmfTicketRow[], baseHref: string): Promise<TroubleTicket[]> {
    const ids = rows.map((r) => r.id);
    const [events, atts] = await Promise.all([repo.timeline(db, ids), repo.attachments(db, ids)]);
    return rows.map((r) =>
      toTroubleTicket(
        r,
        events.filter((e) => e.ticket_id === r.id),
        atts.filter((a) => a.ticket_id === r.id),
        baseHref,
      ),
    );
  }

  async function get(actor: Actor, id: number, baseHref: string): Promise<TroubleTicket> {
    const row = await repo.get(db, actor.auth!, id);
    if (!row) throw tmfNotFound('TroubleTicket', String(id));
    return (await represent([row], baseHref))[0]!;
  }

  async function list(actor: Actor, f: TmfListFilter, fields: string[] | null, baseHref: string) {
    const { rows, total } = await repo.list(db, actor.auth!, f);
    return { items: (await represent(rows, baseHref)).map((t) => selectFields(t, fields)), total };
  }

  /** The enterprise the ticket is for: relatedParty, else the caller's own enterprise, else the client's default. */
  async function resolveCustomer(actor: Actor, body: TmfTroubleTicketCreate) {
    const auth = actor.auth!;
    const parties = body.relatedParty ?? [];
    const party = parties.find(
      (p) => CUSTOMER_ROLES.test(p.role ?? '') || (!p.role && CUSTOMER_TYPES.test(p['@referredType'] ?? '')),
    );
    const others = parties.filter((p) => p !== party);
    let id: number | null = null;
    if (party) {
      if (/^\d{1,9}$/.test(party.id)) id = Number(party.id);
      else if (/^[0-9A-Z]{18}$/.test(party.id)) id = (await repo.customerIdByCreditCode(db, party.id))?.id ?? null;
      if (!id)
        throw tmfBadRequest(
          `relatedParty customer "${party.id}" is unknown: give our customer id or its unified social credit code`,
          'UNKNOWN_CUSTOMER',
        );
    } else {
      id = auth.user.customerId ?? (isClient(auth) ? auth.client.defaultCustomerId : null);
      if (!id)
        throw tmfBadRequest(
          'Name the customer: relatedParty [{"id": <customer id or credit code>, "role": "customer", "@referredType": "Organization"}]',
          'CUSTOMER_REQUIRED',
        );
    }
    try {
      const row = await customers.getRow(db, actor, id);
      return { customer: row, others };
    } catch (e) {
      if (e instanceof AppError && e.status === 404) {
        throw tmfBadRequest(
          `relatedParty customer "${party?.id ?? id}" is unknown or outside this client's scope`,
          'UNKNOWN_CUSTOMER',
        );
      }
      throw e;
    }
  }

  /** Embedded files are checked and stored like uploads from the forms; references by URL are kept as sent. */
  async function storeAttachments(auth: AuthContext, list: TmfAttachmentIn[]) {
    const ids: number[] = [];
    const refs: TmfAttachmentIn[] = [];
    for (const [i, a] of list.entries()) {
      if (!a.content) {
        refs.push(a);
        continue;
      }
      const data = Buffer.from(a.content, 'base64');
      if (!data.length) throw tmfBadRequest(`attachment.${i}.content is not base64 data`, 'INVALID_ATTACHMENT');
      try {
        ids.push((await files.upload(auth, a.name ?? `attachment-${i + 1}`, data)).id);
      } catch (e) {
        if (e instanceof AppError)
          throw new TmfError(
            e.status === 413 ? 413 : 400,
            'INVALID_ATTACHMENT',
            'Attachment refused',
            `attachment.${i}: ${JSON.stringify(e.details ?? e.code)}`,
          );
        throw e;
      }
    }
    return { ids, refs };
  }

  async function create(actor: Actor, body: TmfTroubleTicketCreate, baseHref: string): Promise<TroubleTicket> {
    const auth = actor.auth!;
    const type = requestTypeOf(body.ticketType);
    if (typeof type !== 'string') {
      throw tmfBadRequest(
        `ticketType "${body.ticketType}" is a service order, not a trouble ticket`,
        'UNSUPPORTED_TICKET_TYPE',
      );
    }
    const schema = API_CREATE_SCHEMAS[type]!;
    const { customer, others } = await resolveCustomer(actor, body);
    const contact = await repo.primaryContact(db, customer.id);
    if (!contact)
      throw tmfBadRequest(`Customer ${customer.id} has no contact person on record to call back`, 'NO_CONTACT');

    const entities = body.relatedEntity ?? [];
    const serviceRef = entities.find(
      (e) => SERVICE_ENTITY.test(e.role ?? '') || SERVICE_ENTITY.test(e['@referredType'] ?? ''),
    );
    const deviceRef = entities.find(
      (e) => DEVICE_ENTITY.test(e['@referredType'] ?? '') || DEVICE_ENTITY.test(e.role ?? ''),
    );
    const productInstance = serviceRef?.id.slice(0, 64);
    const line = productInstance ? await ticketRepo.service(db, customer.id, productInstance) : undefined;

    const sev = fromSeverity(body.severity);
    const description = body.description;
    const rawTitle = (body.name || description.split('\n')[0]!).trim().slice(0, 100);
    const title = rawTitle.length >= 2 ? rawTitle : `${body.ticketType} ${rawTitle}`.slice(0, 100);
    const symptom = description.length >= 2 ? description.slice(0, 1000) : title;
    const now = new Date().toISOString();
    const { ids: attachmentIds, refs } = await storeAttachments(auth, body.attachment ?? []);

    const ext: TmfExtension = {
      severity: body.severity,
      ticketType: body.ticketType,
      ...(body.priority ? { priority: body.priority } : {}),
      ...(body.name ? { name: body.name } : {}),
      ...(body.externalId ? { externalId: body.externalId } : {}),
      ...(body.requestedResolutionDate ? { requestedResolutionDate: body.requestedResolutionDate } : {}),
      ...(body.note?.length
        ? {
            note: body.note.map((n) => ({
              ...(n.author ? { author: n.author } : {}),
              text: n.text,
              date: n.date ?? now,
            })),
          }
        : {}),
      ...(others.length ? { relatedParty: others } : {}),
      ...(entities.filter((e) => e !== serviceRef).length
        ? { relatedEntity: entities.filter((e) => e !== serviceRef) }
        : {}),
      ...(refs.length ? { attachmentRef: refs } : {}),
      ...(body.channel ? { channel: { id: body.channel.id, name: body.channel.name } } : {}),
      ...(isClient(auth) ? { clientId: auth.client.id } : {}),
    };
    // Customers signed in to the portal count as the web channel; systems and staff as the API.
    const channel: TicketChannel = !isClient(auth) && auth.user.customerId ? 'web' : 'api';
    const input: Record<string, unknown> = {
      type,
      customerId: customer.id,
      channel,
      title,
      description,
      priority: fromPriority(body.priority) ?? sev.priority,
      contactName: contact.name,
      contactPhone: contact.phone,
      attachmentIds,
      tmf: ext,
    };
    if (type === 'fault') {
      Object.assign(input, {
        businessCategory: line?.business_category ?? 'other',
        productInstance,
        symptom,
        faultLevel: sev.faultLevel,
        ...(line && line.circuit_level !== 'normal'
          ? { circuit: { code: line.service_number, level: line.circuit_level } }
          : {}),
        ...(body.requestedResolutionDate ? { requestedResolutionAt: body.requestedResolutionDate } : {}),
      });
    } else if (type === 'terminal_repair') {
      Object.assign(input, { terminalModel: (deviceRef?.name ?? deviceRef?.id)?.slice(0, 100), symptom });
    } else if (type === 'complaint') {
      Object.assign(input, {
        category: 'other',
        serviceNumber: productInstance?.slice(0, 32),
        ...(body.requestedResolutionDate ? { requestedResolutionAt: body.requestedResolutionDate } : {}),
      });
    }
    if (productInstance && type !== 'fault' && type !== 'complaint') input.productInstance = productInstance;
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error, 'ticket'));
    const created = await tickets.create(actor, parsed.data as CreateTicket);
    return get(actor, created.ticket.id, baseHref);
  }

  async function patch(
    actor: Actor,
    id: number,
    body: TmfTroubleTicketUpdate,
    baseHref: string,
  ): Promise<TroubleTicket> {
    const current = await get(actor, id, baseHref);
    // Everything but status and notes is read-only here: sending it back unchanged is fine, changing it is not.
    const changed = Object.keys(body).filter(
      (k) =>
        !(TMF_PATCHABLE as readonly string[]).includes(k) &&
        !k.startsWith('@') &&
        JSON.stringify(body[k]) !== JSON.stringify(current[k]),
    );
    if (changed.length) {
      throw new TmfError(
        400,
        'NOT_PATCHABLE',
        'Attribute not patchable',
        `Only status (with statusChangeReason) and new notes can be changed; not: ${changed.join(', ')}`,
      );
    }
    let plan: { action: string; reason?: string; result?: string } | null = null;
    if (body.status) {
      const d = await tickets.detail(actor, id);
      const p = planStatusChange(d.status, d.resolvedAt !== null, body.status);
      if (p.kind === 'impossible') {
        throw new TmfError(
          409,
          'INVALID_STATUS_TRANSITION',
          'Status change not possible',
          `A ticket in status ${current.status} cannot become ${body.status}`,
        );
      }
      if (p.kind === 'action') {
        const action = p.row.actions.find((a) => d.allowedActions.includes(a)) ?? p.row.actions[0]!;
        const why = body.statusChangeReason?.trim();
        if (p.row.needs && !why)
          throw tmfBadRequest(`statusChangeReason is required to set status ${body.status}`, 'REASON_REQUIRED');
        plan = { action, ...(p.row.needs === 'result' ? { result: why } : why ? { reason: why.slice(0, 500) } : {}) };
      }
    }
    const known = new Set(((current.note as { id?: string }[] | undefined) ?? []).map((n) => n.id));
    for (const n of (body.note ?? []).filter((x) => !x.id || !known.has(x.id))) {
      const d = await tickets.detail(actor, id);
      await tickets.act(actor, id, d.version, { action: 'note', comment: n.text.slice(0, 1000), attachmentIds: [] });
    }
    if (plan) {
      const d = await tickets.detail(actor, id);
      await tickets.act(actor, id, d.version, { ...plan, action: plan.action as never, attachmentIds: [] });
    }
    return get(actor, id, baseHref);
  }

  /** DELETE withdraws the ticket (撤单); it stays readable with status cancelled. */
  async function remove(actor: Actor, id: number): Promise<void> {
    const d = await tickets.detail(actor, id);
    if (d.status === 'cancelled') return;
    await tickets.act(actor, id, d.version, {
      action: 'withdraw',
      reason: '接口撤单（TMF621 DELETE）',
      attachmentIds: [],
    });
  }

  return { list, get, create, patch, remove };
}

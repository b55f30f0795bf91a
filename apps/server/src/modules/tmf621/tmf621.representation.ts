import { TICKET_CHANNEL_LABELS, type TicketChannel, type TicketStatus } from '@paidan/shared';
import type { TmfTicketRow, tmf621Repo } from './tmf621.repo';
import { tmfStatus, type TmfStatus } from './tmf621-mapping';
import type { TmfAttachmentIn, TmfRelatedEntityIn, TmfRelatedPartyIn } from './tmf621.schemas';

// Our ticket → a TMF621 v4 TroubleTicket resource. Absent values are left out rather than sent as null.

type Timeline = Awaited<ReturnType<typeof tmf621Repo.timeline>>;
type Attachments = Awaited<ReturnType<typeof tmf621Repo.attachments>>;

/** What a ticket created through TMF621 keeps in details.tmf, to answer with what was sent. */
export interface TmfExtension {
  severity: string;
  ticketType: string;
  priority?: string;
  name?: string;
  externalId?: string;
  requestedResolutionDate?: string;
  note?: { author?: string; text: string; date: string }[];
  relatedParty?: TmfRelatedPartyIn[];
  relatedEntity?: TmfRelatedEntityIn[];
  attachmentRef?: TmfAttachmentIn[];
  channel?: { id?: string; name?: string };
  clientId?: number;
}

export type TroubleTicket = Record<string, unknown> & { id: string; href: string };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) delete o[k];
  }
  return o;
}

/** TMF status after each of our status changes; consecutive duplicates collapse into one change. */
function statusChanges(events: Timeline) {
  const out: { status: TmfStatus; changeDate: string; changeReason?: string; '@type': 'StatusChange' }[] = [];
  for (const e of events) {
    if (!e.to_status) continue;
    const s = tmfStatus(e.to_status as TicketStatus, e.from_status === 'resolved' || e.action !== 'archive');
    if (out.at(-1)?.status === s) continue;
    out.push(
      compact({
        status: s,
        changeDate: e.at.toISOString(),
        changeReason: e.action === 'submit' ? undefined : (e.note ?? undefined),
        '@type': 'StatusChange' as const,
      }),
    );
  }
  return out;
}

export function toTroubleTicket(
  row: TmfTicketRow,
  events: Timeline,
  attachments: Attachments,
  baseHref: string,
): TroubleTicket {
  const ext = ((row.details as Record<string, unknown> | null)?.tmf ?? {}) as Partial<TmfExtension>;
  const changes = statusChanges(events);
  const last = changes.at(-1);
  const product = row.product_instance
    ? [{ id: row.product_instance, role: 'affectedService', '@referredType': 'Service', '@type': 'RelatedEntity' }]
    : [];
  const submittedNotes = (ext.note ?? []).map((n, i) =>
    compact({ id: `s${i + 1}`, author: n.author, date: n.date, text: n.text, '@type': 'Note' }),
  );
  const timelineNotes = events
    .filter((e) => e.action === 'note' && e.note)
    .map((e) => ({ id: `e${e.id}`, author: e.actor_name, date: e.at.toISOString(), text: e.note!, '@type': 'Note' }));
  const id = String(row.id);
  return compact({
    id,
    href: `${baseHref}/${id}`,
    '@type': 'TroubleTicket',
    name: row.title,
    description: row.description,
    severity: row.tmf_severity,
    ticketType: row.tmf_ticket_type,
    priority: row.tmf_priority,
    status: row.tmf_status,
    statusChangeDate: last?.changeDate ?? row.created_at.toISOString(),
    statusChangeReason: last?.changeReason,
    creationDate: row.created_at.toISOString(),
    lastUpdate: row.updated_at.toISOString(),
    expectedResolutionDate: iso(row.expected_resolution),
    requestedResolutionDate: ext.requestedResolutionDate,
    resolutionDate: iso(row.resolved_at),
    externalId: ext.externalId,
    channel: compact({
      id: ext.channel?.id ?? row.channel,
      name: ext.channel?.name ?? TICKET_CHANNEL_LABELS[row.channel as TicketChannel]?.en,
      '@type': 'ChannelRef',
    }),
    relatedParty: [
      {
        id: String(row.customer_id),
        name: row.customer_name,
        role: 'customer',
        '@referredType': 'Organization',
        '@type': 'RelatedParty',
      },
      ...(ext.relatedParty ?? []),
    ],
    relatedEntity: [...product, ...(ext.relatedEntity ?? [])],
    note: [...submittedNotes, ...timelineNotes],
    attachment: [
      ...attachments.map((a) => ({
        id: String(a.id),
        name: a.file_name,
        mimeType: a.mime_type,
        size: { amount: a.size_bytes, units: 'bytes' },
        '@type': 'AttachmentRefOrValue',
      })),
      ...(ext.attachmentRef ?? []),
    ],
    statusChange: changes,
    troubleTicketRelationship: row.duplicate_of
      ? [
          {
            id: String(row.duplicate_of),
            href: `${baseHref}/${row.duplicate_of}`,
            relationshipType: 'isDuplicateOf',
            '@type': 'TroubleTicketRelationship',
          },
        ]
      : undefined,
  }) as TroubleTicket;
}

/** `fields=a,b`: exactly those top-level attributes (a dotted path selects its first segment). */
export function selectFields(t: TroubleTicket, fields: string[] | null): Record<string, unknown> {
  if (!fields) return t;
  const want = new Set(fields.map((f) => f.split('.')[0]!));
  return Object.fromEntries(Object.entries(t).filter(([k]) => want.has(k)));
}

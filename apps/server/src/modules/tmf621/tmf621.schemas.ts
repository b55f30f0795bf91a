import { z } from 'zod';
import { TMF_STATUSES } from './tmf621-mapping';

// TMF621 v4 request bodies as we accept them. Read-only attributes the spec lists on create
// (creationDate, lastUpdate, statusChange, status, …) are accepted and ignored: the server sets them.

const idString = z.union([z.string().trim().min(1).max(100), z.number().int().nonnegative()]).transform(String);
const text = (max: number) => z.string().trim().max(max);
const meta = {
  '@type': text(100).optional(),
  '@baseType': text(100).optional(),
  '@schemaLocation': text(500).optional(),
};

export const TmfNoteInSchema = z.object({
  id: text(64).optional(),
  author: text(100).optional(),
  date: text(40).optional(),
  text: z.string({ message: 'note.text is required' }).trim().min(1, 'note.text is required').max(2000),
  ...meta,
});

export const TmfRelatedPartyInSchema = z.object({
  id: idString,
  href: text(500).optional(),
  name: text(200).optional(),
  role: text(60).optional(),
  '@referredType': text(100).optional(),
  ...meta,
});
export type TmfRelatedPartyIn = z.infer<typeof TmfRelatedPartyInSchema>;

export const TmfRelatedEntityInSchema = z.object({
  id: idString,
  href: text(500).optional(),
  name: text(200).optional(),
  role: text(60).optional(),
  '@referredType': text(100).optional(),
  ...meta,
});
export type TmfRelatedEntityIn = z.infer<typeof TmfRelatedEntityInSchema>;

export const TmfAttachmentInSchema = z
  .object({
    id: text(100).optional(),
    href: text(500).optional(),
    url: text(1000).optional(),
    name: text(200).optional(),
    description: text(500).optional(),
    attachmentType: text(60).optional(),
    mimeType: text(100).optional(),
    /** base64; embedded files are stored with the ticket */
    content: z.string().max(14_000_000).optional(),
    ...meta,
  })
  .refine((a) => a.content || a.url || a.href || a.id, { message: 'attachment needs content, url, href or id' });
export type TmfAttachmentIn = z.infer<typeof TmfAttachmentInSchema>;

const channel = z.object({ id: idString.optional(), name: text(100).optional(), ...meta }).optional();

export const TmfTroubleTicketCreateSchema = z.object({
  description: z.string({ message: 'description is required' }).trim().min(1, 'description is required').max(4000),
  severity: z.string({ message: 'severity is required' }).trim().min(1, 'severity is required').max(40),
  ticketType: z.string({ message: 'ticketType is required' }).trim().min(1, 'ticketType is required').max(60),
  name: text(100).optional(),
  priority: text(40).optional(),
  externalId: text(100).optional(),
  requestedResolutionDate: z.iso.datetime({ offset: true }).optional(),
  status: z.unknown().optional(),
  statusChangeReason: text(500).optional(),
  note: z.array(TmfNoteInSchema).max(20).optional(),
  attachment: z.array(TmfAttachmentInSchema).max(10).optional(),
  relatedParty: z.array(TmfRelatedPartyInSchema).max(20).optional(),
  relatedEntity: z.array(TmfRelatedEntityInSchema).max(20).optional(),
  channel,
  ...meta,
});
export type TmfTroubleTicketCreate = z.infer<typeof TmfTroubleTicketCreateSchema>;

/** Merge patch: status (with statusChangeReason) and new notes change the ticket; other keys must be unchanged. */
export const TmfTroubleTicketUpdateSchema = z.looseObject({
  status: z.enum(TMF_STATUSES, { message: `status must be one of ${TMF_STATUSES.join(', ')}` }).optional(),
  statusChangeReason: text(4000).optional(),
  note: z.array(TmfNoteInSchema).max(20).optional(),
});
export type TmfTroubleTicketUpdate = z.infer<typeof TmfTroubleTicketUpdateSchema>;

export const TMF_PATCHABLE = ['status', 'statusChangeReason', 'note'] as const;

import type { TicketStatus } from '@paidan/shared';
import type { MsgKey } from '../../i18n/dict';
import type { TicketFilters } from './ticket.api';

// What a customer filters by: where its requests stand, in its own words.
export const MY_SEGMENTS = ['all', 'open', 'resolved', 'closed', 'cancelled'] as const;
export type MySegment = (typeof MY_SEGMENTS)[number];
export const MY_SEGMENT_KEYS: Record<MySegment, MsgKey> = {
  all: 'tk.my.segAll',
  open: 'tk.my.segOpen',
  resolved: 'tk.my.segResolved',
  closed: 'tk.my.segClosed',
  cancelled: 'tk.my.segCancelled',
};
export function segmentFilter(s: MySegment): TicketFilters {
  if (s === 'open') return { open: true };
  if (s === 'all') return {};
  return { status: s as TicketStatus };
}

/** The segment a link or the address bar asks for (`?seg=`); anything else is everything. */
export const segmentOf = (param: string | null): MySegment =>
  MY_SEGMENTS.includes(param as MySegment) ? (param as MySegment) : 'all';

/** The address of a segment, so going back to the list from a request lands on the same segment. */
export const segmentParams = (s: MySegment): Record<string, string> => (s === 'all' ? {} : { seg: s });

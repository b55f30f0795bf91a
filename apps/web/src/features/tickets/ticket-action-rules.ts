import {
  TICKET_TRANSITIONS,
  TicketActionInputSchema,
  type Role,
  type TicketAction,
  type TicketRequirement,
  type TicketStatus,
} from '@paidan/shared';

/** What the state machine wants as input for this action from this role in this status. */
export function actionNeeds(status: TicketStatus, action: TicketAction, role: Role): Set<TicketRequirement> {
  const rows = TICKET_TRANSITIONS.filter((t) => t.from === status && t.action === action && t.roles.includes(role));
  // Several rows (e.g. desk vs assignee) ask the same; take what all of them need.
  const out = new Set<TicketRequirement>();
  for (const r of rows) for (const q of r.requires ?? []) out.add(q);
  return out;
}

// How an action looks: the forward step of each status is primary; irreversible ones are red and confirmed.
export const PRIMARY_ACTIONS: readonly TicketAction[] = ['dispatch', 'accept', 'start', 'resolve', 'confirm', 'rate'];
export const DANGER_ACTIONS: readonly TicketAction[] = ['withdraw', 'reject_back', 'archive', 'pull_back', 'reopen'];
/** Actions that ask for confirmation even without input. */
export const CONFIRM_ACTIONS: readonly TicketAction[] = ['withdraw', 'pull_back', 'confirm', 'archive', 'urge'];

export type ActionForm = 'none' | 'text' | 'target' | 'copy' | 'rating';

/** Which dialog an action opens. */
export function actionForm(action: TicketAction, needs: Set<TicketRequirement>): ActionForm {
  if (action === 'rate') return 'rating';
  if (action === 'copy') return 'copy';
  if (action === 'dispatch' || action === 'transfer') return 'target';
  if (needs.has('reason') || needs.has('result') || action === 'note' || action === 'escalate') return 'text';
  if (action === 'urge' || action === 'withdraw' || action === 'archive' || action === 'suspend') return 'text';
  return 'none';
}

/** The field a text dialog fills: result for resolve, comment for notes, reason otherwise. */
export function textField(action: TicketAction): 'result' | 'comment' | 'reason' {
  if (action === 'resolve') return 'result';
  if (action === 'note') return 'comment';
  return 'reason';
}

const INPUT = TicketActionInputSchema.shape;

/** The longest text the server takes in that field: a longer one would come back as a bare validation error. */
export function textMax(field: 'result' | 'comment' | 'reason'): number {
  return INPUT[field].unwrap().maxLength ?? 500;
}

/** A text is required when the machine needs it, and for notes (an empty note says nothing). */
export const textRequired = (action: TicketAction, needs: Set<TicketRequirement>) =>
  needs.has('reason') || needs.has('result') || action === 'note';

import { describe, expect, it } from 'vitest';
import { TicketActionInputSchema } from '@paidan/shared';
import { actionForm, actionNeeds, textField, textMax } from './ticket-action-rules';

describe('textMax', () => {
  it('caps each text box at what the server accepts for its field', () => {
    expect(textMax('reason')).toBe(500);
    expect(textMax('comment')).toBe(1000);
    expect(textMax('result')).toBe(4000);
  });

  it('never lets a reason through that the server would refuse', () => {
    const action = 'suspend';
    expect(actionForm(action, actionNeeds('in_progress', action, 'technician'))).toBe('text');
    const field = textField(action);
    const longest = 'x'.repeat(textMax(field));
    expect(TicketActionInputSchema.safeParse({ action, [field]: longest }).success).toBe(true);
    expect(TicketActionInputSchema.safeParse({ action, [field]: `${longest}x` }).success).toBe(false);
  });
});

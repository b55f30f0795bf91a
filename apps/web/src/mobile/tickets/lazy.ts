import { lazy } from 'react';

// The phone ticket pages load with the phone shell only.
export const MobileMyTickets = lazy(() => import('./MobileMyTickets').then((m) => ({ default: m.MobileMyTickets })));
export const MobileTicketDetail = lazy(() =>
  import('./MobileTicketDetail').then((m) => ({ default: m.MobileTicketDetail })),
);
export const MobileTicketCreate = lazy(() =>
  import('./MobileTicketCreate').then((m) => ({ default: m.MobileTicketCreate })),
);
export const MobileTicketQueue = lazy(() =>
  import('./MobileTicketQueue').then((m) => ({ default: m.MobileTicketQueue })),
);

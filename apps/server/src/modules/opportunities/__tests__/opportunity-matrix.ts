import type { Role } from '@paidan/shared';

// The opportunity endpoints for the permission matrix (apps/server/src/__tests__/permission-matrix.api.test.ts).
const READ: Role[] = ['account_manager', 'hotline_agent', 'supervisor', 'admin'];
const WORK: Role[] = ['account_manager', 'hotline_agent', 'admin'];
const MANAGE: Role[] = ['supervisor', 'admin'];
const ID = 999999;

type Entry = { allow: readonly Role[] | 'public'; req: () => { url: string; body?: unknown } };
const action = (path: string, allow: Role[], body: unknown = { version: 1 }): Entry => ({
  allow,
  req: () => ({ url: `/api/opportunities/${ID}/${path}`, body }),
});

export const OPPORTUNITY_MATRIX: Record<string, Entry> = {
  'GET /api/opportunities': { allow: READ, req: () => ({ url: '/api/opportunities' }) },
  'POST /api/opportunities': { allow: WORK, req: () => ({ url: '/api/opportunities', body: {} }) },
  'GET /api/opportunities/settings': { allow: READ, req: () => ({ url: '/api/opportunities/settings' }) },
  'PUT /api/opportunities/settings': { allow: MANAGE, req: () => ({ url: '/api/opportunities/settings', body: {} }) },
  'GET /api/opportunities/agent-scopes': { allow: MANAGE, req: () => ({ url: '/api/opportunities/agent-scopes' }) },
  'GET /api/opportunities/agent-scopes/options': {
    allow: MANAGE,
    req: () => ({ url: '/api/opportunities/agent-scopes/options' }),
  },
  'PUT /api/opportunities/agent-scopes/{userId}': {
    allow: MANAGE,
    req: () => ({ url: `/api/opportunities/agent-scopes/${ID}`, body: { groups: [], regionIds: [] } }),
  },
  'POST /api/opportunities/import': { allow: WORK, req: () => ({ url: '/api/opportunities/import', body: {} }) },
  'GET /api/opportunities/{id}': { allow: READ, req: () => ({ url: `/api/opportunities/${ID}` }) },
  'GET /api/opportunities/{id}/account-managers': {
    allow: READ,
    req: () => ({ url: `/api/opportunities/${ID}/account-managers` }),
  },
  'POST /api/opportunities/{id}/claim': action('claim', WORK, undefined),
  'POST /api/opportunities/{id}/release': action('release', WORK),
  'POST /api/opportunities/{id}/calls': action('calls', WORK, { result: 'connected', version: 1 }),
  'POST /api/opportunities/{id}/valid': action('valid', WORK),
  'POST /api/opportunities/{id}/invalid': action('invalid', WORK, { reason: 'no_need', version: 1 }),
  'POST /api/opportunities/{id}/dispatch': action('dispatch', READ),
  'POST /api/opportunities/{id}/stage': action('stage', WORK, { action: 'advance', version: 1 }),
  'POST /api/opportunities/{id}/approval': action('approval', WORK),
  'POST /api/opportunities/{id}/approval/decision': action('approval/decision', MANAGE, { approve: true, version: 1 }),
  'POST /api/opportunities/{id}/feedback': action('feedback', WORK, { orderNumber: 'DD000001', version: 1 }),
  'POST /api/opportunities/{id}/reassign': action('reassign', MANAGE, { userId: 1, version: 1 }),
  'GET /api/opportunity-reports/funnel': { allow: MANAGE, req: () => ({ url: '/api/opportunity-reports/funnel' }) },
  'GET /api/opportunity-reports/list': { allow: MANAGE, req: () => ({ url: '/api/opportunity-reports/list' }) },
  'GET /api/opportunity-reports/export.xlsx': {
    allow: MANAGE,
    req: () => ({ url: '/api/opportunity-reports/export.xlsx' }),
  },
  'GET /api/opportunity-reports/views': { allow: MANAGE, req: () => ({ url: '/api/opportunity-reports/views' }) },
  'POST /api/opportunity-reports/views': {
    allow: MANAGE,
    req: () => ({ url: '/api/opportunity-reports/views', body: {} }),
  },
  'DELETE /api/opportunity-reports/views/{id}': {
    allow: MANAGE,
    req: () => ({ url: `/api/opportunity-reports/views/${ID}` }),
  },
  'GET /api/public/leads/districts': { allow: 'public', req: () => ({ url: '/api/public/leads/districts' }) },
  'POST /api/public/leads/code': { allow: 'public', req: () => ({ url: '/api/public/leads/code', body: {} }) },
  'POST /api/public/leads': { allow: 'public', req: () => ({ url: '/api/public/leads', body: {} }) },
  // authenticated by API key, not by a session
  'POST /api/intake/opportunities': { allow: 'public', req: () => ({ url: '/api/intake/opportunities', body: {} }) },
};

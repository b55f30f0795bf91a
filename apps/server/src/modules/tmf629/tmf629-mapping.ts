import type { Tmf629Row } from './tmf629.repo';

// Our enterprise customer as a TMF629 Customer (a PartyRole): the engaged party is the Organization, identified by
// its unified social credit code; certification (企业认证) gives the status.

export const TMF629_STATUS: Record<Tmf629Row['certification_status'], string> = {
  none: 'Initialized',
  pending: 'Pending',
  certified: 'Approved',
  rejected: 'Rejected',
};
export const STATUS_FROM_TMF: Record<string, Tmf629Row['certification_status']> = Object.fromEntries(
  Object.entries(TMF629_STATUS).map(([k, v]) => [v, k as Tmf629Row['certification_status']]),
);

export type TmfCustomer = Record<string, unknown> & { id: string; href: string };

export function toTmfCustomer(r: Tmf629Row, base: string): TmfCustomer {
  const href = `${base}/${r.id}`;
  const characteristic = [
    { name: 'unifiedSocialCreditCode', value: r.credit_code, valueType: 'string' },
    { name: 'level', value: r.level, valueType: 'string' },
    { name: 'industry', value: r.industry, valueType: 'string' },
    { name: 'districtCode', value: r.district_code, valueType: 'string' },
    { name: 'certificationStatus', value: r.certification_status, valueType: 'string' },
    ...(r.certification_method
      ? [{ name: 'certificationMethod', value: r.certification_method, valueType: 'string' }]
      : []),
    ...(r.legal_rep_name ? [{ name: 'legalRepresentative', value: r.legal_rep_name, valueType: 'string' }] : []),
  ].map((c) => ({ ...c, '@type': 'Characteristic' }));
  return {
    id: String(r.id),
    href,
    name: r.name,
    status: TMF629_STATUS[r.certification_status],
    statusReason: r.certified_at ? `certified ${r.certified_at.toISOString()}` : undefined,
    validFor: { startDateTime: r.created_at.toISOString() },
    engagedParty: {
      id: r.credit_code,
      name: r.name,
      '@referredType': 'Organization',
      '@type': 'RelatedParty',
    },
    characteristic,
    ...(r.address
      ? {
          contactMedium: [
            { mediumType: 'postalAddress', preferred: true, characteristic: { street1: r.address, city: '上海市' } },
          ],
        }
      : {}),
    ...(r.account_manager_id
      ? {
          relatedParty: [
            {
              id: String(r.account_manager_id),
              name: r.account_manager_name,
              role: 'accountManager',
              '@referredType': 'Individual',
              '@type': 'RelatedParty',
            },
          ],
        }
      : {}),
    '@type': 'Customer',
    '@baseType': 'PartyRole',
  };
}

/** `fields=a,b`: those attributes plus id, href and @type (TMF630). */
export function selectCustomerFields(c: TmfCustomer, fields: string[] | null): Record<string, unknown> {
  if (!fields) return c;
  const keep = new Set(['id', 'href', '@type', ...fields.map((f) => f.split('.')[0]!)]);
  return Object.fromEntries(Object.entries(c).filter(([k]) => keep.has(k)));
}

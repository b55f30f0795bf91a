import dayjs, { type Dayjs } from 'dayjs';
import type { ReportFilters } from '@paidan/shared';

/** The report page's filter form. */
export interface FilterValues {
  range?: [Dayjs, Dayjs] | null;
  source?: ReportFilters['source'];
  productGroup?: ReportFilters['productGroup'];
  linkedOnly?: boolean;
}

/** The report filters the form stands for. */
export function formFilters(v: FilterValues): ReportFilters {
  return {
    ...(v.range ? { from: v.range[0].format('YYYY-MM-DD'), to: v.range[1].format('YYYY-MM-DD') } : {}),
    ...(v.source ? { source: v.source } : {}),
    ...(v.productGroup ? { productGroup: v.productGroup } : {}),
    ...(v.linkedOnly ? { linkedOnly: 'true' } : {}),
  };
}

/** The form's values for saved filters, so that a saved view shows what it filters by. */
export function filterFormValues(f: ReportFilters): FilterValues {
  return {
    range: f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null,
    source: f.source,
    productGroup: f.productGroup,
    linkedOnly: f.linkedOnly === 'true',
  };
}

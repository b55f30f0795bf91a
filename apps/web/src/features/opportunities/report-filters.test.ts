import { describe, expect, it } from 'vitest';
import { filterFormValues, formFilters } from './report-filters';

describe('report filters and the filter form', () => {
  it('a saved view fills the form with what it filters by', () => {
    const saved = { from: '2026-11-01', to: '2026-11-30', source: 'hotline', linkedOnly: 'true' } as const;
    const v = filterFormValues(saved);
    expect(v.range?.map((d) => d.format('YYYY-MM-DD'))).toEqual(['2026-11-01', '2026-11-30']);
    expect(v).toMatchObject({ source: 'hotline', productGroup: undefined, linkedOnly: true });
    expect(formFilters(v)).toEqual(saved);
  });

  it('a view without filters clears the form', () => {
    const v = filterFormValues({});
    expect(v).toEqual({ range: null, source: undefined, productGroup: undefined, linkedOnly: false });
    expect(formFilters(v)).toEqual({});
  });
});

import { useCallback, useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/i18n';

interface ListState<F> {
  filters: F;
  page: number;
  pageSize: number;
  /** bumped by every search, so pressing 查询 fetches again even when nothing changed */
  nonce: number;
}

/** Filters, page and page size of a list page, with the table's pagination (total shown). */
export function useListState<F extends object>(initial: F, pageSize = 20) {
  const { t } = useI18n();
  const [state, setState] = useState<ListState<F>>({ filters: initial, page: 1, pageSize, nonce: 0 });
  const search = useCallback((filters: F) => setState((s) => ({ ...s, filters, page: 1, nonce: s.nonce + 1 })), []);
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: state.page,
    pageSize: state.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (page, size) => setState((s) => ({ ...s, page: size !== s.pageSize ? 1 : page, pageSize: size })),
  });
  return { ...state, search, pagination };
}

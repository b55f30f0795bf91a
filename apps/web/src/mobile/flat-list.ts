import type { CSSProperties } from 'react';

/** antd-mobile List inside a card: no outer borders, no left inset. */
export const FLAT_LIST = { '--border-top': 'none', '--border-bottom': 'none', '--padding-left': '0' } as CSSProperties;

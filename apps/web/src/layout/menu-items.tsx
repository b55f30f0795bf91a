import type { MenuProps } from 'antd';
import type { Me } from '@paidan/shared';
import { GROUPS, PAGES, type PageDef } from '../app/pages';
import type { MsgKey } from '../i18n/dict';

type Item = Required<MenuProps>['items'][number];

/** Menu groups with only the pages the user may open; empty groups are left out. */
export function buildMenu(me: Me, t: (k: MsgKey) => string): Item[] {
  const items: Item[] = [];
  for (const g of GROUPS) {
    const pages = PAGES.filter((p) => p.menu && p.group === g.key && p.allowed(me));
    if (!pages.length) continue;
    items.push({
      key: `group:${g.key}`,
      icon: g.icon,
      label: t(g.titleKey),
      children: pages.map((p) => ({ key: p.path, icon: p.icon, label: t(p.titleKey) })),
    });
  }
  return items;
}

export function openGroupKeys(me: Me): string[] {
  return GROUPS.filter((g) => PAGES.some((p) => p.menu && p.group === g.key && p.allowed(me))).map(
    (g) => `group:${g.key}`,
  );
}

export function activePage(pathname: string): PageDef | undefined {
  return [...PAGES]
    .sort((a, b) => b.path.length - a.path.length)
    .find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
}

import { useQuery } from '@tanstack/react-query';
import type { Org, OrgType } from '@paidan/shared';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';

export const ORGS_KEY = ['orgs'] as const;

export function useOrgs(enabled = true) {
  const can = useCan();
  return useQuery({
    queryKey: ORGS_KEY,
    queryFn: ({ signal }) => api.get<Org[]>('/orgs', undefined, signal),
    enabled: enabled && can('org.read'),
    staleTime: 60_000,
  });
}

export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

/** Builds the tree; nodes whose parent is outside the visible scope become roots. */
export function buildOrgTree(orgs: Org[]): OrgNode[] {
  const byId = new Map<number, OrgNode>();
  for (const o of orgs) byId.set(o.id, { org: o, children: [] });
  const roots: OrgNode[] = [];
  for (const n of byId.values()) {
    const parent = n.org.parentId !== null ? byId.get(n.org.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (ns: OrgNode[]) => {
    ns.sort((a, b) => a.org.code.localeCompare(b.org.code));
    ns.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export interface OrgTreeSelectNode {
  value: number;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  children?: OrgTreeSelectNode[];
}

/** Data for antd TreeSelect; `selectable` limits which levels may be picked (others stay visible for navigation). */
export function orgTreeSelectData(orgs: Org[], selectable?: (o: Org) => boolean): OrgTreeSelectNode[] {
  const map = (n: OrgNode): OrgTreeSelectNode => ({
    value: n.org.id,
    title: n.org.name,
    selectable: selectable ? selectable(n.org) : true,
    children: n.children.length ? n.children.map(map) : undefined,
  });
  return buildOrgTree(orgs).map(map);
}

export const ORG_TYPE_COLORS: Record<OrgType, string> = {
  province: 'red',
  city: 'orange',
  district: 'blue',
  team: 'green',
};

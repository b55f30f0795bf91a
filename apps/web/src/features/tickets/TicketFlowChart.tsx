import { useMemo } from 'react';
import { Space, Tag, Typography } from 'antd';
import {
  TICKET_ACTION_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  type TicketAction,
  type TicketStatus,
} from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { useIsPhone } from '../../lib/use-media';
import { EChart, type ChartOption } from './EChart';

// Where each status sits in the drawing: the main loop left to right, side paths above and below.
const POS: Record<TicketStatus, [number, number]> = {
  submitted: [0, 220],
  dispatched: [200, 220],
  accepted: [400, 220],
  in_progress: [600, 220],
  resolved: [800, 220],
  closed: [1000, 220],
  pending_customer: [600, 380],
  rejected: [300, 60],
  reopened: [800, 60],
  cancelled: [200, 440],
};
const MAIN = new Set([
  'submitted>dispatched',
  'dispatched>accepted',
  'accepted>in_progress',
  'in_progress>resolved',
  'resolved>closed',
  'in_progress>pending_customer',
  'pending_customer>in_progress',
  'resolved>reopened',
  'reopened>dispatched',
]);
// Long or overlapping edges bend away from the main line.
const CURVE: Record<string, number> = {
  'submitted>closed': -0.32,
  'rejected>closed': -0.12,
  'dispatched>submitted': 0.25,
  'submitted>dispatched': 0.25,
  'reopened>dispatched': 0.1,
  'accepted>dispatched': 0.3,
  'in_progress>dispatched': 0.3,
};

const BLUE = '#1677ff';
const GREY = '#bfbfbf';

/** TICKET_TRANSITIONS drawn as a state diagram; the current status and the ways out of it stand out. */
export function TicketFlowChart({ status, allowed }: { status: TicketStatus; allowed: readonly TicketAction[] }) {
  const { t, l, lang } = useI18n();
  const isPhone = useIsPhone();

  const option = useMemo<ChartOption>(() => {
    // one edge per from→to with every action that takes it
    const edges = new Map<string, { from: TicketStatus; to: TicketStatus; actions: TicketAction[] }>();
    for (const tr of TICKET_TRANSITIONS) {
      if (tr.from === tr.to) continue;
      const key = `${tr.from}>${tr.to}`;
      const e = edges.get(key) ?? { from: tr.from, to: tr.to, actions: [] };
      if (!e.actions.includes(tr.action)) e.actions.push(tr.action);
      edges.set(key, e);
    }
    const label = (a: TicketAction) => l(TICKET_ACTION_LABELS[a]);
    return {
      animation: false,
      tooltip: {
        formatter: (p: { dataType: string; data: { name?: string; tip?: string } }) =>
          p.dataType === 'edge' ? (p.data.tip ?? '') : (p.data.name ?? ''),
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          left: isPhone ? 40 : 60,
          right: isPhone ? 40 : 60,
          top: 30,
          bottom: 30,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 8,
          label: { show: true, fontSize: isPhone ? 10 : 12, color: '#1f1f1f' },
          edgeLabel: { show: false, fontSize: 11, color: '#595959', formatter: '{c}' },
          data: TICKET_STATUSES.map((s) => {
            const current = s === status;
            return {
              name: l(TICKET_STATUS_LABELS[s]),
              x: isPhone ? POS[s][1] : POS[s][0],
              y: isPhone ? POS[s][0] : POS[s][1],
              symbol: 'roundRect',
              symbolSize: current ? [isPhone ? 76 : 96, isPhone ? 28 : 36] : [isPhone ? 70 : 84, isPhone ? 24 : 30],
              itemStyle: {
                color: current ? BLUE : '#fff',
                borderColor: current ? BLUE : '#d9d9d9',
                borderWidth: current ? 2 : 1,
                shadowBlur: current ? 10 : 0,
                shadowColor: 'rgba(22,119,255,0.35)',
              },
              label: { color: current ? '#fff' : '#1f1f1f', fontWeight: current ? 'bold' : 'normal' },
            };
          }),
          links: [...edges.values()].map((e) => {
            const key = `${e.from}>${e.to}`;
            const out = e.from === status;
            const open = out && e.actions.some((a) => allowed.includes(a));
            const names = e.actions.map(label).join(lang === 'en' ? ' / ' : '/');
            const withdraw = e.to === 'cancelled';
            return {
              source: l(TICKET_STATUS_LABELS[e.from]),
              target: l(TICKET_STATUS_LABELS[e.to]),
              value: names,
              tip: `${l(TICKET_STATUS_LABELS[e.from])} → ${l(TICKET_STATUS_LABELS[e.to])}: ${names}`,
              label: { show: out || (!isPhone && MAIN.has(key) && !withdraw) },
              lineStyle: {
                color: open ? BLUE : out ? '#69b1ff' : MAIN.has(key) ? '#8c8c8c' : GREY,
                width: open ? 2.5 : MAIN.has(key) ? 1.5 : 1,
                type: withdraw ? 'dashed' : 'solid',
                curveness: CURVE[key] ?? (withdraw ? 0 : 0.12),
                opacity: out ? 1 : withdraw ? 0.35 : MAIN.has(key) ? 0.9 : 0.55,
              },
            };
          }),
        },
      ],
    };
  }, [status, allowed, isPhone, l, lang]);

  const inPlace = [...new Set(TICKET_TRANSITIONS.filter((x) => x.from === x.to).map((x) => x.action))];
  return (
    <div data-testid="ticket-flow">
      <EChart option={option} height={isPhone ? 560 : 420} />
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <div>
          <Typography.Text type="secondary">{t('tk.flow.current')}</Typography.Text>{' '}
          <Tag color="blue">{l(TICKET_STATUS_LABELS[status])}</Tag>
          <Typography.Text type="secondary">{t('tk.flow.allowed')}</Typography.Text>{' '}
          {allowed.length ? (
            allowed.map((a) => (
              <Tag key={a} color="processing">
                {l(TICKET_ACTION_LABELS[a])}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          )}
        </div>
        <Typography.Text type="secondary" className="tk-flow-note">
          {t('tk.flow.inPlace', { actions: inPlace.map((a) => l(TICKET_ACTION_LABELS[a])).join('、') })}
        </Typography.Text>
      </Space>
    </div>
  );
}

import { useMemo, type ReactNode } from 'react';
import { Card, Empty } from 'antd';
import {
  REQUEST_TYPE_LABELS,
  SLA_STAGE_LABELS,
  SLA_STATE_COLORS,
  type SlaState,
  type TicketMonitorSummary,
} from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../tickets/EChart';

// antd's named colours as hex for the charts; the names themselves come from the shared map.
const HEX: Record<string, string> = { green: '#52c41a', orange: '#fa8c16', red: '#f5222d' };
export const stateHex = (s: SlaState) => HEX[SLA_STATE_COLORS[s]] ?? '#1677ff';
const PAUSED = '#bfbfbf';
const BLUE = '#1677ff';
const CYAN = '#13c2c2';

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card title={title} size="small" className="mon-chart-card">
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mon.noData')} /> : children}
    </Card>
  );
}

/** Open tickets' running clocks per stage, split by how close they are to the deadline. */
export function BacklogChart({ s }: { s: TicketMonitorSummary }) {
  const { t, l } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const stages = s.backlogByStage;
    const bar = (name: string, key: 'ok' | 'warning' | 'breached' | 'paused', color: string) => ({
      name,
      type: 'bar',
      stack: 'backlog',
      barMaxWidth: 36,
      itemStyle: { color },
      emphasis: { focus: 'series' },
      data: stages.map((x) => x[key]),
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 12, itemHeight: 10 },
      grid,
      xAxis: { type: 'category', data: stages.map((x) => l(SLA_STAGE_LABELS[x.stage])) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        bar(t('mon.ok'), 'ok', stateHex('ok')),
        bar(t('mon.warning'), 'warning', stateHex('warning')),
        bar(t('mon.breached'), 'breached', stateHex('breached')),
        bar(t('mon.paused'), 'paused', PAUSED),
      ],
    };
  }, [s, t, l]);
  const empty = s.backlogByStage.every((x) => x.total === 0);
  return (
    <ChartCard title={t('mon.backlogByStage')} empty={empty}>
      <EChart option={option} height={260} testId="chart-backlog" />
    </ChartCard>
  );
}

/** 及时率 per stage: clocks that ended in the period, and the share met in time. */
export function TimelinessChart({ s }: { s: TicketMonitorSummary }) {
  const { t, l } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const rows = s.timelinessByStage;
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const r = rows[ps[0]?.dataIndex ?? 0];
          if (!r) return '';
          return `${l(SLA_STAGE_LABELS[r.stage])}<br/>${t('mon.rate')}: ${pct(r.rate)}<br/>${t('mon.onTime')}: ${r.onTime} / ${r.ended}`;
        },
      },
      grid,
      xAxis: { type: 'category', data: rows.map((x) => l(SLA_STAGE_LABELS[x.stage])) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          data: rows.map((x) => ({
            value: x.rate === null ? null : Math.round(x.rate * 1000) / 10,
            itemStyle: {
              color:
                x.rate === null
                  ? PAUSED
                  : x.rate >= 0.9
                    ? stateHex('ok')
                    : x.rate >= 0.7
                      ? stateHex('warning')
                      : stateHex('breached'),
            },
          })),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number | null }) => (p.value === null ? '—' : `${p.value}%`),
          },
        },
      ],
    };
  }, [s, t, l]);
  const empty = s.timelinessByStage.every((x) => x.ended === 0);
  return (
    <ChartCard title={t('mon.timelinessByStage')} empty={empty}>
      <EChart option={option} height={260} testId="chart-timeliness" />
    </ChartCard>
  );
}

/** How many tickets got 1…5 stars. */
export function SatisfactionChart({ s }: { s: TicketMonitorSummary }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid,
      xAxis: { type: 'category', data: [1, 2, 3, 4, 5].map((n) => t('mon.stars', { n })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          name: t('mon.rated'),
          data: s.satisfaction.distribution.map((v, i) => ({
            value: v,
            itemStyle: { color: i >= 3 ? stateHex('ok') : i === 2 ? '#faad14' : stateHex('breached') },
          })),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [s, t],
  );
  return (
    <ChartCard title={t('mon.satisfaction')} empty={s.satisfaction.rated === 0}>
      <EChart option={option} height={260} testId="chart-satisfaction" />
    </ChartCard>
  );
}

/** Received, closed and breaches per day of the period. */
export function TrendChart({ s }: { s: TicketMonitorSummary }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const line = (name: string, key: 'received' | 'closed' | 'breaches', color: string) => ({
      name,
      type: 'line',
      symbolSize: 5,
      itemStyle: { color },
      data: s.trend.map((d) => d[key]),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 14, itemHeight: 8 },
      grid,
      xAxis: { type: 'category', boundaryGap: false, data: s.trend.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        line(t('mon.received'), 'received', BLUE),
        line(t('mon.closed'), 'closed', stateHex('ok')),
        line(t('mon.breaches'), 'breaches', stateHex('breached')),
      ],
    };
  }, [s, t]);
  const empty = s.trend.every((d) => !d.received && !d.closed && !d.breaches);
  return (
    <ChartCard title={t('mon.trend')} empty={empty}>
      <EChart option={option} height={280} testId="chart-trend" />
    </ChartCard>
  );
}

/** What was asked for in the period, by request type. */
export function VolumeChart({ s }: { s: TicketMonitorSummary }) {
  const { t, l } = useI18n();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
      color: [BLUE, CYAN, '#722ed1', '#fa8c16', '#eb2f96', '#52c41a', '#faad14', '#2f54eb', '#a0d911', '#8c8c8c'],
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '44%'],
          label: { position: 'inside', formatter: '{c}', color: '#fff', fontSize: 11 },
          data: s.volumesByType.map((v) => ({ name: l(REQUEST_TYPE_LABELS[v.type]), value: v.count })),
        },
      ],
    }),
    [s, l],
  );
  return (
    <ChartCard title={t('mon.byType')} empty={!s.volumesByType.length}>
      <EChart option={option} height={280} testId="chart-types" />
    </ChartCard>
  );
}

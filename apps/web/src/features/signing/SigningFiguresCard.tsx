import { Card, Col, Empty, Progress, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SIGNING_MODE_LABELS, type SigningStats } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { signingApi } from './signing.api';

const fmtMin = (m: number | null) => (m === null ? '—' : m < 120 ? `${Math.round(m)}` : `${(m / 60).toFixed(1)}h`);

/** Supervisor dashboard: signing success by mode, time from send to sign, declined and expired. */
export function SigningFiguresCard({ days = 30 }: { days?: number }) {
  const { t, l } = useI18n();
  const q = useQuery({ queryKey: ['signing', 'stats', days], queryFn: ({ signal }) => signingApi.stats(days, signal) });
  const s = q.data;
  return (
    <Card
      title={t('sg.stats.title', { days })}
      extra={<Link to="/signing">{t('common.viewAll')}</Link>}
      loading={q.isLoading}
      data-testid="signing-figures"
    >
      {!s || s.total === 0 ? (
        <Empty description={t('sg.stats.none')} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('sg.stats.rate')} value={s.successRate ?? 0} suffix="%" precision={1} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('sg.stats.median')}
                value={fmtMin(s.medianMinutesToSign)}
                suffix={
                  s.medianMinutesToSign !== null && s.medianMinutesToSign < 120
                    ? t('sg.stats.minutes', { n: '' }).trim()
                    : undefined
                }
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('sg.stats.declined')} value={s.declined} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('sg.stats.expired')} value={s.expired} />
            </Col>
          </Row>
          <Table<SigningStats['byMode'][number]>
            style={{ marginTop: 16 }}
            size="small"
            // on a phone the table scrolls inside the card instead of widening the page
            scroll={{ x: 560 }}
            rowKey="mode"
            pagination={false}
            dataSource={s.byMode}
            columns={[
              {
                title: t('sg.mode'),
                dataIndex: 'mode',
                render: (m: keyof typeof SIGNING_MODE_LABELS) => l(SIGNING_MODE_LABELS[m]),
              },
              { title: t('sg.stats.total'), dataIndex: 'total', width: 70 },
              {
                title: t('sg.stats.rate'),
                dataIndex: 'successRate',
                width: 170,
                render: (v: number | null) => (v === null ? '—' : <Progress percent={v} size="small" />),
              },
              {
                title: t('sg.stats.median'),
                dataIndex: 'medianMinutesToSign',
                width: 120,
                render: (v: number | null) => (v === null ? '—' : `${fmtMin(v)}${v < 120 ? ' min' : ''}`),
              },
              { title: t('sg.stats.declined'), dataIndex: 'declined', width: 70 },
              { title: t('sg.stats.expired'), dataIndex: 'expired', width: 70 },
            ]}
          />
        </>
      )}
    </Card>
  );
}

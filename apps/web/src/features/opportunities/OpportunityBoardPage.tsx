import { Badge, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { OPPORTUNITY_STAGES, type OpportunitySummary } from '@paidan/shared';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { useOpportunityList } from './opportunity.api';
import { useOpportunityChanged } from './opportunity-live';
import { useCoalesced } from '../../lib/use-coalesced';
import { fmtYuan, SourceTag } from './OpportunityTags';
import './opportunities.css';

/** The account manager's pipeline: open opportunities in columns by stage. */
export function OpportunityBoardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useOpportunityList({ view: 'mine', status: 'dispatched', page: 1, pageSize: 200 });
  const { refetch } = list;
  useOpportunityChanged(useCoalesced(refetch, 300));
  const items = list.data?.items ?? [];
  const byStage = (s: string) => items.filter((i) => i.stage === s);

  const card = (o: OpportunitySummary) => (
    <div key={o.id} data-testid={`board-card-${o.number}`}>
      <Card size="small" className="opp-board-card" hoverable onClick={() => void navigate(`/opportunities/${o.id}`)}>
        <Typography.Text strong ellipsis={{ tooltip: o.customerName }} style={{ display: 'block' }}>
          {o.customerName}
        </Typography.Text>
        <div className="opp-small">{o.productName}</div>
        <Space size={4} wrap style={{ marginTop: 4 }}>
          <SourceTag source={o.source} />
          {o.expectedRevenue ? <Tag>{fmtYuan(o.expectedRevenue)}</Tag> : null}
          {o.approvalStatus !== 'none' ? (
            <Tag color={o.approvalStatus === 'approved' ? 'green' : o.approvalStatus === 'rejected' ? 'red' : 'gold'}>
              {t(`opp.approval.${o.approvalStatus}` as MsgKey)}
            </Tag>
          ) : null}
        </Space>
      </Card>
    </div>
  );

  return (
    <PageContainer
      page="opp-board"
      subTitle={t('opp.board.hint')}
      extra={<Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />}
    >
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div className="opp-board" data-testid="opp-board">
        {OPPORTUNITY_STAGES.map((s) => (
          <div key={s} className="opp-board-col" data-testid={`board-col-${s}`}>
            <Typography.Title level={5}>
              <span>{t(`opp.stage.${s}` as MsgKey)}</span>
              <Badge count={byStage(s).length} showZero color="#1677ff" />
            </Typography.Title>
            {byStage(s).length ? (
              byStage(s).map(card)
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opp.board.empty')} />
            )}
          </div>
        ))}
      </div>
    </PageContainer>
  );
}

import { Tag } from 'antd';
import {
  OPPORTUNITY_STATUS_COLORS,
  type OpportunitySource,
  type OpportunityStage,
  type OpportunityStatus,
  type ProductGroup,
} from '@paidan/shared';
import { useI18n, type MsgKey } from '../../i18n/i18n';

export function OppStatusTag({ status }: { status: OpportunityStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={OPPORTUNITY_STATUS_COLORS[status]} data-testid="opp-status">
      {t(`opp.status.${status}` as MsgKey)}
    </Tag>
  );
}

const SOURCE_COLORS: Record<OpportunitySource, string> = {
  group_oao: 'magenta',
  lead_page: 'green',
  wecom: 'lime',
  hotline: 'blue',
  account_manager: 'purple',
  campaign: 'orange',
  import: 'default',
  tmf: 'geekblue',
};
export function SourceTag({ source }: { source: OpportunitySource }) {
  const { t } = useI18n();
  return <Tag color={SOURCE_COLORS[source]}>{t(`opp.source.${source}` as MsgKey)}</Tag>;
}

export function StageTag({ stage }: { stage: OpportunityStage | null }) {
  const { t } = useI18n();
  return stage ? <Tag>{t(`opp.stage.${stage}` as MsgKey)}</Tag> : null;
}

export function groupLabel(t: (k: MsgKey) => string, g: ProductGroup) {
  return t(`opp.group.${g}` as MsgKey);
}

/** ¥1,234,000 (whole yuan when there are no fen). */
export function fmtYuan(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return `¥${v.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
}

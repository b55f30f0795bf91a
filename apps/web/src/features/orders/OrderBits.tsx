import { Steps, Tag, Typography } from 'antd';
import { formatFen, type OrderDetail, type OrderStage, type OrderState } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';

const STATE_COLOURS: Record<OrderState, string> = {
  acknowledged: 'blue',
  in_progress: 'processing',
  pending: 'orange',
  held: 'gold',
  completed: 'green',
  cancelled: 'default',
  failed: 'red',
};

export function OrderStateTag({ state }: { state: OrderState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="order-state">
      {t(`od.state.${state}` as MsgKey)}
    </Tag>
  );
}

export function OrderStageTag({ stage, overdue }: { stage: OrderStage; overdue?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={overdue ? 'red' : stage === 'billing_started' ? 'green' : 'geekblue'} data-testid="order-stage">
      {t(`od.stage.${stage}` as MsgKey)}
      {overdue ? ` · ${t('od.overdue')}` : ''}
    </Tag>
  );
}

export function Money({ oneTime, monthly }: { oneTime: number; monthly: number }) {
  const { t } = useI18n();
  return (
    <span className="od-money">
      {monthly > 0 ? (
        <span>
          <b>{formatFen(monthly)}</b>
          {t('od.perMonth')}
        </span>
      ) : null}
      {oneTime > 0 ? (
        <Typography.Text type="secondary">
          {monthly > 0 ? ' + ' : ''}
          {formatFen(oneTime)} {t('shop.oneTimeOnly')}
        </Typography.Text>
      ) : null}
      {monthly === 0 && oneTime === 0 ? formatFen(0) : null}
    </span>
  );
}

/** 业务受理 → 资源调配 → 施工安装 → 业务完工 → 起租, with when each was reached and the current stage's due time. */
export function OrderStageSteps({ order, direction }: { order: OrderDetail; direction?: 'horizontal' | 'vertical' }) {
  const { t } = useI18n();
  const closed = order.state === 'cancelled' || order.state === 'failed';
  const cur = order.stages.findIndex((s) => s.stage === order.stage);
  return (
    <Steps
      className="od-steps"
      direction={direction}
      size="small"
      current={cur}
      status={closed ? 'error' : order.state === 'held' ? 'wait' : order.stage === 'billing_started' ? 'finish' : order.overdue ? 'error' : 'process'}
      items={order.stages.map((s, i) => ({
        title: t(`od.stage.${s.stage}` as MsgKey),
        description: (
          <span data-testid={`stage-${s.stage}`} data-reached={s.enteredAt ? 'yes' : 'no'}>
            {s.enteredAt ? fmtDateTime(s.enteredAt) : ''}
            {i === cur && s.deadline ? (
              <>
                <br />
                <Typography.Text type={order.overdue ? 'danger' : 'secondary'}>
                  {t('od.deadline')} {fmtDateTime(s.deadline)}
                </Typography.Text>
              </>
            ) : null}
          </span>
        ),
      }))}
    />
  );
}

import type { ComponentProps } from 'react';
import { Steps, Tag, Typography } from 'antd';
import { PageContainer } from '../../components/PageContainer';
import { formatFen, ORDER_STAGES, type OrderDetail, type OrderStage, type OrderState } from '@paidan/shared';
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
      orientation={direction}
      size="small"
      current={cur}
      status={
        closed
          ? 'error'
          : order.state === 'held'
            ? 'wait'
            : order.stage === 'billing_started'
              ? 'finish'
              : order.overdue
                ? 'error'
                : 'process'
      }
      items={order.stages.map((s, i) => ({
        title: t(`od.stage.${s.stage}` as MsgKey),
        content: (
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

/** A compact five-segment bar for cards and lists: passed stages green, the current one blue (red when overdue). */
export function StageBar({ stage, state, overdue }: { stage: OrderStage; state: OrderState; overdue: boolean }) {
  const { t } = useI18n();
  const cur = ORDER_STAGES.indexOf(stage);
  const closed = state === 'cancelled' || state === 'failed';
  return (
    <div className="od-stagebar" data-testid="stage-bar">
      {ORDER_STAGES.map((s, i) => {
        const cls =
          i < cur || stage === 'billing_started'
            ? 'done'
            : i === cur
              ? closed
                ? 'closed'
                : overdue
                  ? 'late'
                  : state === 'held'
                    ? 'held'
                    : 'now'
              : 'ahead';
        return (
          <div key={s} className={`od-stagebar-seg ${cls}`}>
            <i />
            <span>{t(`od.stage.${s}` as MsgKey)}</span>
          </div>
        );
      })}
    </div>
  );
}

/** A page of the customer's shop and orders: on the phone shell it gets margins and drops the breadcrumb. */
export function ScopedPage(props: ComponentProps<typeof PageContainer>) {
  return (
    <div className="od-scope">
      <PageContainer {...props} />
    </div>
  );
}

import { Alert, Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useCan } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { useI18n } from '../../i18n/i18n';
import { CalendarTab } from './CalendarTab';
import { RoutingRulesTab } from './RoutingRulesTab';
import { SettingsTab } from './SettingsTab';
import { SlaPolicyTab } from './SlaPolicyTab';
import '../tickets/tickets.css';

const TABS = ['sla', 'calendar', 'settings', 'rules'] as const;

/** SLA policies, business calendar, warning/escalation settings and dispatch rules: data, not code. */
export function TicketConfigPage() {
  const { t } = useI18n();
  const can = useCan();
  const readOnly = !can('ticket.config');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'sla';
  return (
    <PageContainer page="ticket-config" subTitle={readOnly ? t('cfg.readOnly') : undefined}>
      {readOnly ? <Alert type="info" showIcon className="cfg-alert" title={t('cfg.readOnlyHint')} /> : null}
      <Card className="tk-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'sla', label: t('cfg.tab.sla'), children: <SlaPolicyTab readOnly={readOnly} /> },
            { key: 'calendar', label: t('cfg.tab.calendar'), children: <CalendarTab readOnly={readOnly} /> },
            { key: 'settings', label: t('cfg.tab.settings'), children: <SettingsTab readOnly={readOnly} /> },
            { key: 'rules', label: t('cfg.tab.rules'), children: <RoutingRulesTab readOnly={readOnly} /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}

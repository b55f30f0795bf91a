import { PageContainer } from '../../components/PageContainer';
import { useI18n } from '../../i18n/i18n';
import { AgentScopesCard } from './AgentScopesCard';
import { OpportunitySettingsCard } from './OpportunitySettingsCard';
import './opportunities.css';

/** Supervisors configure the claim pool: its rules, and which product groups and districts each agent grabs from. */
export function OpportunitySettingsPage() {
  const { t } = useI18n();
  return (
    <PageContainer page="opp-settings" subTitle={t('sc.oppSettings')}>
      <div className="opp-settings-page">
        <OpportunitySettingsCard />
        <AgentScopesCard />
      </div>
    </PageContainer>
  );
}

import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

export function Logo({ collapsed, light, compact }: { collapsed?: boolean; light?: boolean; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to="/workbench" className={`logo${light ? ' logo-light' : ''}${compact ? ' logo-compact' : ''}`}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {collapsed ? null : <span>{t('app.name')}</span>}
    </Link>
  );
}

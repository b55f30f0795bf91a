import { Tag } from 'antd';
import type { CertStatus } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';

const COLORS: Record<CertStatus, string> = {
  none: 'default',
  pending: 'processing',
  certified: 'success',
  rejected: 'error',
};

export function CertStatusTag({ status }: { status: CertStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid="cert-status">
      {t(`cert.status.${status}`)}
    </Tag>
  );
}

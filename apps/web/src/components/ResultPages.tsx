import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('page.notFound')}
      subTitle={t('page.notFoundSub')}
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('page.forbidden')}
      subTitle={t('page.forbiddenSub')}
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

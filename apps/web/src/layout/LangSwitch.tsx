import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';

/** Shows the language one can switch to, in that language. */
export function LangSwitch({ compact = false }: { compact?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Tooltip title={t('lang.switchTitle')}>
      <Button
        type="text"
        icon={<TranslationOutlined />}
        data-testid="lang-switch"
        aria-label={t('lang.switchTitle')}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      >
        {compact ? null : t('lang.switch')}
      </Button>
    </Tooltip>
  );
}

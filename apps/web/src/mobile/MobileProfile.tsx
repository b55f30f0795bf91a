import { useState } from 'react';
import { App, Segmented } from 'antd';
import { Button, Card, List } from 'antd-mobile';
import { isCustomerRole, ROLE_LABELS } from '@paidan/shared';
import { useMe } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { ChangePasswordModal } from '../features/profile/ChangePasswordForm';
import { useLogout } from '../features/profile/use-logout';
import { FLAT_LIST } from './flat-list';

export function MobileProfile() {
  const me = useMe();
  const { t, l, lang, setLang } = useI18n();
  const { modal } = App.useApp();
  const logout = useLogout();
  const [pwdOpen, setPwdOpen] = useState(false);
  const place = isCustomerRole(me.role) ? me.customerName : me.orgName;
  return (
    <div className="m-page">
      <Card className="m-card" title={me.displayName}>
        <List style={FLAT_LIST}>
          <List.Item extra={me.username}>{t('user.username')}</List.Item>
          <List.Item extra={l(ROLE_LABELS[me.role])}>{t('user.role')}</List.Item>
          {place ? (
            <List.Item extra={<span className="m-wrap">{place}</span>}>
              {isCustomerRole(me.role) ? t('user.customer') : t('user.org')}
            </List.Item>
          ) : null}
          <List.Item extra={me.phoneMasked || '—'}>{t('user.phone')}</List.Item>
          <List.Item
            extra={
              <Segmented
                size="small"
                value={lang}
                onChange={(v) => setLang(v === 'en' ? 'en' : 'zh')}
                options={[
                  { value: 'zh', label: t('lang.zh') },
                  { value: 'en', label: t('lang.en') },
                ]}
              />
            }
          >
            {t('profile.language')}
          </List.Item>
        </List>
      </Card>
      <Card className="m-card">
        <Button block onClick={() => setPwdOpen(true)}>
          {t('header.changePassword')}
        </Button>
        <Button
          block
          color="danger"
          fill="outline"
          style={{ marginTop: 12 }}
          loading={logout.isPending}
          data-testid="mobile-logout"
          onClick={() => {
            modal.confirm({
              title: t('header.logout'),
              okText: t('common.confirm'),
              cancelText: t('common.cancel'),
              onOk: () => logout.mutate(),
            });
          }}
        >
          {t('header.logout')}
        </Button>
      </Card>
      <ChangePasswordModal open={pwdOpen} onClose={() => setPwdOpen(false)} />
    </div>
  );
}

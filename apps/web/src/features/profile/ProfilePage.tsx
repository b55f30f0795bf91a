import { Card, Col, Descriptions, Row, Segmented, Space, Tag } from 'antd';
import { isCustomerRole, ROLE_LABELS } from '@paidan/shared';
import { useMe } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { useI18n } from '../../i18n/i18n';
import { useShell } from '../../layout/shell-context';
import { MobileProfile } from '../../mobile/lazy';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ProfilePage() {
  const me = useMe();
  const { t, l, lang, setLang } = useI18n();
  const shell = useShell();
  if (shell === 'mobile') return <MobileProfile />;
  const place = isCustomerRole(me.role) ? me.customerName : me.orgName;
  return (
    <PageContainer page="profile">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('profile.info')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'name', label: t('user.displayName'), children: me.displayName },
                { key: 'username', label: t('user.username'), children: me.username },
                { key: 'role', label: t('user.role'), children: l(ROLE_LABELS[me.role]) },
                {
                  key: 'place',
                  label: isCustomerRole(me.role) ? t('user.customer') : t('user.org'),
                  children: place ?? '—',
                },
                { key: 'phone', label: t('user.phone'), children: me.phoneMasked || '—' },
                {
                  key: 'lang',
                  label: t('profile.language'),
                  children: (
                    <Segmented
                      value={lang}
                      onChange={(v) => setLang(v === 'en' ? 'en' : 'zh')}
                      options={[
                        { value: 'zh', label: t('lang.zh') },
                        { value: 'en', label: t('lang.en') },
                      ]}
                    />
                  ),
                },
                {
                  key: 'perms',
                  label: t('profile.permissions'),
                  children: (
                    <Space size={[4, 4]} wrap>
                      {me.permissions.map((p) => (
                        <Tag key={p} className="mono">
                          {p}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('pwd.title')}>
            <ChangePasswordForm />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}

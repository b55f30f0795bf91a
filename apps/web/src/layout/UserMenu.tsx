import { Avatar, Dropdown, Space, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '@paidan/shared';
import { useI18n } from '../i18n/i18n';
import { useMe } from '../auth/session';

export function UserMenu({
  onChangePassword,
  onLogout,
  compact,
}: {
  onChangePassword: () => void;
  onLogout: () => void;
  compact?: boolean;
}) {
  const { t, l } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          { key: 'profile', icon: <UserOutlined />, label: t('header.profile') },
          { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') void navigate('/profile');
          if (key === 'password') onChangePassword();
          if (key === 'logout') onLogout();
        },
      }}
    >
      <button type="button" className="user-trigger" data-testid="user-menu">
        <Space size={8}>
          <Avatar size="small" style={{ background: '#1677ff' }}>
            {me.displayName.slice(0, 1)}
          </Avatar>
          {compact ? null : (
            <span className="user-trigger-text">
              <Typography.Text strong>{me.displayName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l(ROLE_LABELS[me.role])}
              </Typography.Text>
            </span>
          )}
        </Space>
      </button>
    </Dropdown>
  );
}

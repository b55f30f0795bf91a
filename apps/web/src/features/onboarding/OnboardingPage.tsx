import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Steps,
  Tag,
} from 'antd';
import { useNavigate } from 'react-router';
import {
  CreateEnterpriseSchema,
  INDUSTRIES,
  ROLE_LABELS,
  type CreateEnterprise,
  type OnboardingState,
} from '@paidan/shared';
import { applyFieldErrors, compact, zodRule } from '../../api/form';
import { toastSuccess } from '../../api/feedback';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useCreateEnterprise, useOnboardingState, useRespondInvitation, useWithdrawClaim } from './onboarding.api';
import { CertStatusTag } from '../certification/CertStatusTag';
import './onboarding.css';

/** After sign-up: accept an invitation, or name the enterprise to certify; then on to certification. */
export function OnboardingPage() {
  const { t } = useI18n();
  const q = useOnboardingState();
  if (q.isLoading) return <Skeleton active style={{ padding: 16 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const st = q.data!;
  const step = st.stage === 'none' ? 1 : st.stage === 'applying' ? 2 : 3;
  return (
    <div className="ob-page" data-testid="onboarding-page">
      <Card>
        <Steps
          size="small"
          current={step}
          responsive={false}
          titlePlacement="vertical"
          items={[
            { title: t('ob.steps.signup') },
            { title: t('ob.steps.enterprise') },
            { title: t('ob.steps.certify') },
            { title: t('ob.steps.done') },
          ]}
        />
      </Card>
      {st.invitations.length > 0 && st.stage !== 'member' ? <Invitations st={st} /> : null}
      {st.stage === 'none' ? <CreateEnterpriseCard st={st} /> : null}
      {st.stage === 'applying' ? <ApplyingCard st={st} /> : null}
      {st.stage === 'member' ? <MemberCard st={st} /> : null}
    </div>
  );
}

function Invitations({ st }: { st: OnboardingState }) {
  const { t, l } = useI18n();
  const respond = useRespondInvitation();
  return (
    <Card title={t('ob.invitations')}>
      <List
        dataSource={st.invitations}
        renderItem={(i) => (
          <List.Item
            actions={[
              <Popconfirm
                key="a"
                title={t('ob.acceptConfirm', { name: i.enterpriseName })}
                onConfirm={() =>
                  respond.mutate({ id: i.id, accept: true }, { onSuccess: () => toastSuccess(t('common.saved')) })
                }
              >
                <Button type="primary" size="small" data-testid={`accept-${i.id}`}>
                  {t('ob.accept')}
                </Button>
              </Popconfirm>,
              <Button key="d" size="small" onClick={() => respond.mutate({ id: i.id, accept: false })}>
                {t('ob.decline')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={i.enterpriseName}
              description={t('ob.invitedBy', { name: i.invitedByName, role: l(ROLE_LABELS[i.role]) })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function CreateEnterpriseCard({ st }: { st: OnboardingState }) {
  const { t } = useI18n();
  const [form] = Form.useForm<CreateEnterprise>();
  const create = useCreateEnterprise();
  const navigate = useNavigate();
  const shape = CreateEnterpriseSchema.shape;
  return (
    <Card title={t('ob.create')}>
      <Alert type="info" showIcon title={t('ob.createHint')} style={{ marginBottom: 16 }} />
      {create.error && !(create.error as { fieldErrors?: unknown[] }).fieldErrors?.length ? (
        <Alert
          type="error"
          showIcon
          title={create.error.message}
          style={{ marginBottom: 16 }}
          data-testid="create-error"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          void create
            .mutateAsync(compact(v) as CreateEnterprise)
            .then(() => navigate('/certification'))
            .catch((e: unknown) => applyFieldErrors(form, e))
        }
      >
        <Form.Item name="name" label={t('ob.entName')} rules={[zodRule(shape.name)]}>
          <Input placeholder={t('ob.entNamePh')} maxLength={100} data-testid="ent-name" />
        </Form.Item>
        <Form.Item name="creditCode" label={t('ob.creditCode')} rules={[zodRule(shape.creditCode)]}>
          <Input placeholder={t('ob.creditCodePh')} maxLength={18} className="mono" data-testid="ent-code" />
        </Form.Item>
        <Form.Item name="districtOrgId" label={t('ob.district')} rules={[{ required: true, message: t('ob.select') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('ob.select')}
            options={st.districts.map((d) => ({ value: d.id, label: d.name }))}
            data-testid="ent-district"
          />
        </Form.Item>
        <Form.Item name="industry" label={t('ob.industry')} rules={[{ required: true, message: t('ob.select') }]}>
          <Select
            placeholder={t('ob.select')}
            options={INDUSTRIES.map((i) => ({ value: i, label: i }))}
            data-testid="ent-industry"
          />
        </Form.Item>
        <Form.Item name="address" label={t('ob.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={create.isPending} data-testid="ent-submit">
          {t('ob.next')}
        </Button>
      </Form>
    </Card>
  );
}

function ApplyingCard({ st }: { st: OnboardingState }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const withdraw = useWithdrawClaim();
  const e = st.enterprise!;
  return (
    <Card title={t('ob.applying')} extra={<CertStatusTag status={e.certificationStatus} />}>
      <Alert
        type={st.matchedExisting ? 'warning' : 'info'}
        showIcon
        title={st.matchedExisting ? t('ob.matched') : t('ob.created')}
        style={{ marginBottom: 12 }}
      />
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('ob.entName')}>{e.name}</Descriptions.Item>
        <Descriptions.Item label={t('ob.creditCode')}>
          <span className="mono">{e.creditCode}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('ob.district')}>{e.districtName ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button
          type="primary"
          block
          size="large"
          onClick={() => void navigate('/certification')}
          data-testid="go-certify"
        >
          {t('ob.goCertify')}
        </Button>
        <Popconfirm title={t('ob.withdrawConfirm')} onConfirm={() => withdraw.mutate()}>
          <Button block loading={withdraw.isPending}>
            {t('ob.withdraw')}
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}

function MemberCard({ st }: { st: OnboardingState }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const e = st.enterprise;
  if (!e) return <Empty />;
  return (
    <Card title={t('ob.member')} extra={<CertStatusTag status={e.certificationStatus} />}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('ob.entName')}>{e.name}</Descriptions.Item>
        <Descriptions.Item label={t('ob.creditCode')}>
          <span className="mono">{e.creditCode}</span>
        </Descriptions.Item>
      </Descriptions>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {e.certificationStatus !== 'certified' ? (
          <Button type="primary" block onClick={() => void navigate('/certification')}>
            {t('ob.goCertify')}
          </Button>
        ) : (
          <Tag color="success">{t('cert.status.certified')}</Tag>
        )}
        <Button block onClick={() => void navigate('/workbench')}>
          {t('ob.goHome')}
        </Button>
      </Space>
    </Card>
  );
}

import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Result, Row, Select, Space, Typography } from 'antd';
import {
  BulbOutlined,
  CalendarOutlined,
  FrownOutlined,
  PlusCircleOutlined,
  QuestionCircleOutlined,
  RocketOutlined,
  StopOutlined,
  SwapOutlined,
  ToolOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import {
  CreateInstallTicketSchema,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  TICKET_CHANNEL_LABELS,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_LABELS,
  type CreateTicketInput,
  type RequestType,
  type TicketChannel,
} from '@paidan/shared';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { useIsPhone } from '../../lib/use-media';
import { CustomerSelect } from '../users/CustomerSelect';
import { AttachmentUpload } from './AttachmentUpload';
import { useCreateTicket, type CreateTicketResult } from './ticket.api';
import { submitGuard } from '../../lib/submit-guard';
import { hasOwnProductInstance, TYPE_SCHEMAS, typeFields, type FieldSpec } from './ticket-fields';
import './tickets.css';

const TYPE_ICONS: Record<RequestType, ReactNode> = {
  new_install: <PlusCircleOutlined />,
  product_change: <SwapOutlined />,
  cancel_reservation: <CalendarOutlined />,
  cancel_formal: <StopOutlined />,
  terminal_repair: <ToolOutlined />,
  fault: <WarningOutlined />,
  inquiry: <QuestionCircleOutlined />,
  complaint: <FrownOutlined />,
  suggestion: <BulbOutlined />,
  new_idea: <RocketOutlined />,
};

const STAFF_CHANNELS: TicketChannel[] = ['hotline', 'account_manager', 'monitoring', 'api'];
const S = CreateInstallTicketSchema.shape;

type Values = Record<string, unknown> & { circuit?: { code?: string; level?: string } };

/** A date-time as the schemas want it: ISO with the +08:00 offset; a date as YYYY-MM-DD. */
function toWire(v: unknown, kind: FieldSpec['kind']): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const d = dayjs.isDayjs(v) ? v : dayjs(v as string);
  if (!d.isValid()) return undefined;
  return kind === 'date' ? d.format('YYYY-MM-DD') : d.format('YYYY-MM-DDTHH:mm:ssZ');
}

const trimOrUndef = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Choose the request type first, then fill in that type's fields; submit tells about duplicates and reclassification. */
export function TicketForm({ mode, channel }: { mode: 'customer' | 'staff'; channel?: TicketChannel }) {
  const [type, setType] = useState<RequestType | null>(null);
  const [result, setResult] = useState<CreateTicketResult | null>(null);
  if (result) {
    return (
      <SubmitResult
        result={result}
        mode={mode}
        onAgain={() => {
          setResult(null);
          setType(null);
        }}
      />
    );
  }
  if (!type) return <TypePicker onPick={setType} />;
  return (
    <TicketFields
      key={type}
      type={type}
      mode={mode}
      channel={channel}
      onChangeType={() => setType(null)}
      onDone={setResult}
    />
  );
}

function TypePicker({ onPick }: { onPick: (t: RequestType) => void }) {
  const { t, l } = useI18n();
  return (
    <Card title={t('tk.form.pickType')} className="tk-card">
      <Row gutter={[12, 12]}>
        {REQUEST_TYPES.map((ty) => (
          <Col key={ty} xs={12} sm={8} lg={6} xl={4}>
            <button type="button" className="tk-type-card" onClick={() => onPick(ty)} data-testid={`type-${ty}`}>
              <span className="tk-type-icon">{TYPE_ICONS[ty]}</span>
              <span className="tk-type-name">{l(REQUEST_TYPE_LABELS[ty])}</span>
              <span className="tk-type-hint">{t(`tk.typeHint.${ty}` as MsgKey)}</span>
            </button>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function TicketFields({
  type,
  mode,
  channel,
  onChangeType,
  onDone,
}: {
  type: RequestType;
  mode: 'customer' | 'staff';
  channel?: TicketChannel;
  onChangeType: () => void;
  onDone: (r: CreateTicketResult) => void;
}) {
  const me = useMe();
  const { t, l, m } = useI18n();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [attachmentIds, setAttachmentIds] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);
  const create = useCreateTicket();
  const [gate] = useState(submitGuard);
  const specific = typeFields(type);
  const staff = mode === 'staff';
  const half = isPhone ? 24 : 12;

  const initialValues: Values = {
    contactName: staff ? undefined : me.displayName,
    priority: 'normal',
    channel: staff ? defaultStaffChannel(me.role) : undefined,
  };
  for (const f of specific) {
    if (f.initial === undefined) continue;
    if (Array.isArray(f.name))
      initialValues[f.name[0]] = { ...(initialValues[f.name[0]] as object), [f.name[1]]: f.initial };
    else initialValues[f.name] = f.initial;
  }

  const submit = (v: Values) => {
    const body: Record<string, unknown> = {
      type,
      customerId: staff ? v.customerId : me.customerId,
      channel: staff ? v.channel : (channel ?? 'web'),
      title: trimOrUndef(v.title),
      description: trimOrUndef(v.description) ?? '',
      priority: staff ? v.priority : 'normal',
      contactName: trimOrUndef(v.contactName),
      contactPhone: trimOrUndef(v.contactPhone),
      productInstance: trimOrUndef(v.productInstance),
      attachmentIds,
    };
    for (const f of specific) {
      if (Array.isArray(f.name)) continue;
      const raw = v[f.name];
      body[f.name] = f.kind === 'date' || f.kind === 'datetime' ? toWire(raw, f.kind) : (trimOrUndef(raw) ?? raw);
    }
    if (type === 'fault' && trimOrUndef(v.circuit?.code)) {
      body.circuit = { code: trimOrUndef(v.circuit?.code), level: v.circuit?.level ?? 'normal' };
    }
    // description may be empty; other empty fields are left out
    for (const k of Object.keys(body))
      if (k !== 'description' && (body[k] === undefined || body[k] === '')) delete body[k];
    // The whole request through the shared schema once more, so cross-field rules are told before sending.
    const parsed = TYPE_SCHEMAS[type].safeParse(body);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((i) => ({
          name: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
          errors: [m(i.message)],
        })),
      );
      return;
    }
    // A double click validates twice before the button shows it is busy; only the first one is sent.
    if (!gate.begin()) return;
    create.mutate(body as CreateTicketInput, {
      onSettled: () => gate.end(),
      onSuccess: (r) => {
        toastSuccess(t('tk.form.submitted', { number: r.ticket.number }));
        onDone(r);
      },
      onError: (err) => {
        applyFieldErrors(form, err);
        toastError(err);
      },
    });
  };

  const control = (f: FieldSpec) => {
    switch (f.kind) {
      case 'text':
        return <Input maxLength={f.max} placeholder={f.placeholderKey ? t(f.placeholderKey) : undefined} allowClear />;
      case 'textarea':
        return <Input.TextArea maxLength={f.max} showCount autoSize={{ minRows: 3, maxRows: 8 }} />;
      case 'select':
        return (
          <Select
            allowClear={!f.initial}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('tk.ph.select')}
            options={f.options?.map((o) => ({ value: o.value, label: l(o.label) }))}
          />
        );
      case 'date':
        // a phone gets its own native picker
        return isPhone ? <Input type="date" /> : <DatePicker style={{ width: '100%' }} />;
      case 'datetime':
        return isPhone ? (
          <Input type="datetime-local" />
        ) : (
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        );
    }
  };

  const rulesFor = (f: FieldSpec) => {
    if (f.kind === 'date' || f.kind === 'datetime') {
      return f.required ? [{ required: true, message: t('form.required') }] : [];
    }
    return [zodRule(f.schema, { optional: !f.required })];
  };

  const fieldItem = (f: FieldSpec) => {
    const wide = f.kind === 'textarea';
    const key = Array.isArray(f.name) ? f.name.join('.') : f.name;
    return (
      <Col key={key} xs={24} md={wide ? 24 : half}>
        <Form.Item
          name={f.name}
          label={t(f.labelKey)}
          required={f.required}
          rules={rulesFor(f)}
          getValueProps={
            f.kind === 'date' || f.kind === 'datetime'
              ? (v: unknown) => ({ value: isPhone ? phoneDateValue(v, f.kind) : v ? dayjs(v as Dayjs) : v })
              : undefined
          }
          data-testid={`field-${key}`}
        >
          {control(f)}
        </Form.Item>
      </Col>
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      scrollToFirstError
      className="tk-form"
      size={isPhone ? 'large' : 'middle'}
    >
      <Card
        className="tk-card"
        title={
          <Space size={8} wrap>
            <span className="tk-type-icon tk-type-icon-sm">{TYPE_ICONS[type]}</span>
            {l(REQUEST_TYPE_LABELS[type])}
          </Space>
        }
        extra={
          <Button type="link" onClick={onChangeType} data-testid="change-type">
            {t('tk.form.changeType')}
          </Button>
        }
      >
        <Row gutter={16}>
          {staff ? (
            <>
              <Col xs={24} md={half}>
                <Form.Item
                  name="customerId"
                  label={t('tk.f.customer')}
                  required
                  rules={[{ required: true, message: t('tk.form.pickCustomer') }]}
                >
                  <CustomerSelect />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="channel" label={t('tk.f.channel')} required>
                  <Select options={STAFF_CHANNELS.map((c) => ({ value: c, label: l(TICKET_CHANNEL_LABELS[c]) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="priority" label={t('tk.f.priority')}>
                  <Select options={TICKET_PRIORITIES.map((p) => ({ value: p, label: l(TICKET_PRIORITY_LABELS[p]) }))} />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col xs={24}>
            <Form.Item
              name="title"
              label={t('tk.f.title')}
              required
              rules={[zodRule(S.title)]}
              data-testid="field-title"
            >
              <Input maxLength={100} placeholder={t(`tk.titlePh.${type}` as MsgKey)} allowClear />
            </Form.Item>
          </Col>
          {specific.map(fieldItem)}
          {hasOwnProductInstance(type) ? null : (
            <Col xs={24} md={half}>
              <Form.Item
                name="productInstance"
                label={t('tk.f.productInstanceOpt')}
                rules={[zodRule(S.productInstance, { optional: true })]}
              >
                <Input maxLength={64} placeholder={t('tk.ph.productInstance')} allowClear />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item
              name="description"
              label={t('tk.f.description')}
              rules={[zodRule(S.description, { optional: true })]}
            >
              <Input.TextArea
                maxLength={4000}
                showCount
                autoSize={{ minRows: 3, maxRows: 10 }}
                placeholder={t('tk.ph.description')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} className="tk-section">
          {t('tk.form.contact')}
        </Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={half}>
            <Form.Item
              name="contactName"
              label={t('tk.f.contactName')}
              required
              rules={[zodRule(S.contactName)]}
              data-testid="field-contactName"
            >
              <Input maxLength={40} autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={half}>
            <Form.Item
              name="contactPhone"
              label={t('tk.f.contactPhone')}
              required
              rules={[zodRule(S.contactPhone)]}
              extra={t('tk.form.phoneHint')}
              data-testid="field-contactPhone"
            >
              <Input maxLength={20} inputMode="tel" autoComplete="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('tk.f.attachments')} extra={t('tk.att.hint')}>
          <AttachmentUpload onChange={setAttachmentIds} onBusyChange={setUploading} />
        </Form.Item>
        <div className="tk-form-actions">
          <Button onClick={onChangeType}>{t('common.back')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            disabled={uploading}
            data-testid="ticket-submit"
          >
            {uploading ? t('tk.att.waiting') : t('tk.form.submit')}
          </Button>
        </div>
      </Card>
    </Form>
  );
}

/** `<input type="date|datetime-local">` wants local text, not a Dayjs. */
function phoneDateValue(v: unknown, kind: FieldSpec['kind']): string | undefined {
  if (!v) return undefined;
  if (typeof v === 'string') return v;
  const d = dayjs(v as Dayjs);
  return d.isValid() ? d.format(kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm') : undefined;
}

function defaultStaffChannel(role: string): TicketChannel {
  if (role === 'account_manager') return 'account_manager';
  if (role === 'dispatcher') return 'monitoring';
  return 'hotline';
}

function SubmitResult({
  result,
  mode,
  onAgain,
}: {
  result: CreateTicketResult;
  mode: 'customer' | 'staff';
  onAgain: () => void;
}) {
  const { t, l } = useI18n();
  const tk = result.ticket;
  const base = mode === 'customer' ? '/my/tickets' : '/tickets';
  return (
    <Card className="tk-card">
      <Result
        status="success"
        title={t('tk.form.doneTitle')}
        subTitle={t('tk.form.doneSub', { number: tk.number })}
        extra={[
          <Link key="open" to={`${base}/${tk.id}`}>
            <Button type="primary" data-testid="open-created">
              {t('tk.form.openIt')}
            </Button>
          </Link>,
          <Button key="again" onClick={onAgain}>
            {t('tk.form.again')}
          </Button>,
        ]}
      />
      <Space orientation="vertical" className="tk-result-notes">
        {result.duplicateOf ? (
          <Alert
            type="warning"
            showIcon
            data-testid="duplicate-notice"
            title={t('tk.form.duplicate', { number: result.duplicateOf.number })}
            description={<Link to={`${base}/${result.duplicateOf.id}`}>{t('tk.form.openDuplicate')}</Link>}
          />
        ) : null}
        {result.reclassified ? (
          <Alert
            type="info"
            showIcon
            data-testid="reclassified-notice"
            title={t('tk.form.reclassified', { type: l(REQUEST_TYPE_LABELS[tk.type]) })}
            description={t('tk.form.reclassifiedSub')}
          />
        ) : null}
        {tk.assigneeOrgName || tk.assigneeUserName ? (
          <Alert
            type="info"
            showIcon
            title={t('tk.form.routedTo', {
              who: [tk.assigneeOrgName, tk.assigneeUserName].filter(Boolean).join(' · '),
            })}
          />
        ) : (
          <Alert type="info" showIcon title={t('tk.form.queued')} />
        )}
      </Space>
    </Card>
  );
}

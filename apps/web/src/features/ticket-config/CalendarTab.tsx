import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  BusinessCalendarSchema,
  type BusinessCalendar,
  type HolidayRange,
  type HolidayYear,
  type MakeupWorkday,
} from '@paidan/shared';
import { toastError, toastSuccess } from '../../api/feedback';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { useCalendar, useSaveCalendar } from './config.api';

const WEEKDAY_KEYS: MsgKey[] = ['cfg.wd.0', 'cfg.wd.1', 'cfg.wd.2', 'cfg.wd.3', 'cfg.wd.4', 'cfg.wd.5', 'cfg.wd.6'];
const days = (h: HolidayRange) => dayjs(h.end).diff(dayjs(h.start), 'day') + 1;

type Edit =
  | { kind: 'holiday'; year: number; index: number | null; value?: HolidayRange }
  | { kind: 'makeup'; year: number; index: number | null; value?: MakeupWorkday }
  | { kind: 'year' };

/** Working hours, weekends, and per year the State Council's holidays and make-up workdays (调休). */
export function CalendarTab({ readOnly }: { readOnly: boolean }) {
  const { t, m } = useI18n();
  const { modal } = App.useApp();
  const q = useCalendar();
  const save = useSaveCalendar();
  const [draft, setDraft] = useState<BusinessCalendar | null>(null);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [activeYear, setActiveYear] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const cal = draft ?? q.data;
  const dirty = !!draft && JSON.stringify(draft) !== JSON.stringify(q.data);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!cal) return <Card loading />;

  const years = [...cal.years].sort((a, b) => a.year - b.year);
  const change = (fn: (c: BusinessCalendar) => BusinessCalendar) => {
    setProblem(null);
    setDraft(fn(structuredClone(cal)));
  };
  const changeYear = (year: number, fn: (y: HolidayYear) => HolidayYear) =>
    change((c) => ({ ...c, years: c.years.map((y) => (y.year === year ? fn(y) : y)) }));

  const saveAll = () => {
    if (!draft) return;
    const r = BusinessCalendarSchema.safeParse(draft);
    if (!r.success) {
      const i = r.error.issues[0];
      setProblem(`${i?.path.join('.') ?? ''} ${m(i?.message ?? '')}`.trim());
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => {
        setDraft(null);
        toastSuccess(t('cfg.saved'));
      },
      onError: toastError,
    });
  };

  const removeYear = (year: number) =>
    modal.confirm({
      title: t('cfg.cal.removeYear', { year }),
      content: t('cfg.cal.removeYearHint'),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: () => change((c) => ({ ...c, years: c.years.filter((y) => y.year !== year) })),
    });

  return (
    <>
      <div className="cfg-toolbar">
        <Typography.Paragraph type="secondary" className="cfg-hint">
          {t('cfg.cal.hint')}
        </Typography.Paragraph>
        {readOnly ? null : (
          <Space wrap>
            <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => setDraft(null)}>
              {t('cfg.discard')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={saveAll}>
              {t('cfg.cal.save')}
            </Button>
          </Space>
        )}
      </div>
      {dirty ? <Alert type="warning" showIcon className="cfg-alert" title={t('cfg.cal.unsaved')} /> : null}
      {problem ? <Alert type="error" showIcon className="cfg-alert" title={problem} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('cfg.cal.hours')}>
            <Space wrap>
              {cal.workingHours.map((p) => (
                <Tag key={p.start} color="blue" className="cfg-hours">
                  {p.start}–{p.end}
                </Tag>
              ))}
            </Space>
            <Typography.Paragraph type="secondary" className="cfg-small-hint">
              {t('cfg.cal.hoursHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('cfg.cal.weekend')}>
            <Checkbox.Group
              disabled={readOnly}
              value={cal.weekendDays}
              onChange={(v) => change((c) => ({ ...c, weekendDays: (v as number[]).sort() }))}
              options={WEEKDAY_KEYS.map((k, i) => ({ value: i, label: t(k) }))}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        className="cfg-years"
        title={t('cfg.cal.years')}
        extra={
          readOnly ? null : (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'year' })}>
              {t('cfg.cal.addYear')}
            </Button>
          )
        }
      >
        {years.length ? (
          <Tabs
            activeKey={activeYear ?? String(years.find((y) => y.year === dayjs().year())?.year ?? years[0]!.year)}
            onChange={setActiveYear}
            items={years.map((y) => ({
              key: String(y.year),
              label: String(y.year),
              children: (
                <YearPanel
                  year={y}
                  readOnly={readOnly}
                  onSource={(source) => changeYear(y.year, (x) => ({ ...x, source }))}
                  onEdit={setEdit}
                  onRemoveHoliday={(i) =>
                    changeYear(y.year, (x) => ({ ...x, holidays: x.holidays.filter((_, j) => j !== i) }))
                  }
                  onRemoveMakeup={(i) =>
                    changeYear(y.year, (x) => ({ ...x, makeupWorkdays: x.makeupWorkdays.filter((_, j) => j !== i) }))
                  }
                  onRemoveYear={() => removeYear(y.year)}
                />
              ),
            }))}
          />
        ) : (
          <Empty description={t('cfg.cal.noYears')} />
        )}
      </Card>
      {edit ? (
        <EditModal
          edit={edit}
          existingYears={years.map((y) => y.year)}
          onClose={() => setEdit(null)}
          onDone={(e) => {
            if (e.kind === 'year') {
              change((c) => ({ ...c, years: [...c.years, e.value] }));
              setActiveYear(String(e.value.year));
            } else if (e.kind === 'holiday') {
              changeYear(e.year, (y) => ({
                ...y,
                holidays:
                  e.index === null ? [...y.holidays, e.value] : y.holidays.map((h, i) => (i === e.index ? e.value : h)),
              }));
            } else {
              changeYear(e.year, (y) => ({
                ...y,
                makeupWorkdays:
                  e.index === null
                    ? [...y.makeupWorkdays, e.value]
                    : y.makeupWorkdays.map((h, i) => (i === e.index ? e.value : h)),
              }));
            }
            setEdit(null);
          }}
        />
      ) : null}
    </>
  );
}

function YearPanel({
  year,
  readOnly,
  onSource,
  onEdit,
  onRemoveHoliday,
  onRemoveMakeup,
  onRemoveYear,
}: {
  year: HolidayYear;
  readOnly: boolean;
  onSource: (s: string) => void;
  onEdit: (e: Edit) => void;
  onRemoveHoliday: (i: number) => void;
  onRemoveMakeup: (i: number) => void;
  onRemoveYear: () => void;
}) {
  const { t } = useI18n();
  const rowActions = (onEditRow: () => void, onRemove: () => void) =>
    readOnly ? null : (
      <Space size={0}>
        <Button type="link" size="small" icon={<EditOutlined />} onClick={onEditRow} aria-label={t('common.edit')} />
        <Button
          type="link"
          size="small"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('common.delete')}
        />
      </Space>
    );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space.Compact block>
        <Space.Addon>{t('cfg.cal.source')}</Space.Addon>
        <Input value={year.source} disabled={readOnly} maxLength={200} onChange={(e) => onSource(e.target.value)} />
        {readOnly ? null : (
          <Button danger onClick={onRemoveYear}>
            {t('cfg.cal.removeYearShort')}
          </Button>
        )}
      </Space.Compact>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Table<HolidayRange>
            size="small"
            rowKey={(h) => `${h.name}-${h.start}`}
            title={() => (
              <div className="cfg-table-title">
                <Typography.Text strong>{t('cfg.cal.holidays')}</Typography.Text>
                {readOnly ? null : (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => onEdit({ kind: 'holiday', year: year.year, index: null })}
                  >
                    {t('cfg.cal.addHoliday')}
                  </Button>
                )}
              </div>
            )}
            dataSource={year.holidays}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('cfg.cal.name'), dataIndex: 'name' },
              { title: t('cfg.cal.start'), dataIndex: 'start' },
              { title: t('cfg.cal.end'), dataIndex: 'end' },
              { title: t('cfg.cal.days'), key: 'days', render: (_: unknown, h) => days(h) },
              {
                title: '',
                key: 'a',
                render: (_: unknown, h, i) =>
                  rowActions(
                    () => onEdit({ kind: 'holiday', year: year.year, index: i, value: h }),
                    () => onRemoveHoliday(i),
                  ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <Table<MakeupWorkday>
            size="small"
            rowKey="date"
            title={() => (
              <div className="cfg-table-title">
                <Typography.Text strong>{t('cfg.cal.makeup')}</Typography.Text>
                {readOnly ? null : (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => onEdit({ kind: 'makeup', year: year.year, index: null })}
                  >
                    {t('cfg.cal.addMakeup')}
                  </Button>
                )}
              </div>
            )}
            dataSource={year.makeupWorkdays}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('cfg.cal.date'),
                dataIndex: 'date',
                render: (v: string) => `${v} ${t(WEEKDAY_KEYS[dayjs(v).day()]!)}`,
              },
              { title: t('cfg.cal.name'), dataIndex: 'name' },
              {
                title: '',
                key: 'a',
                render: (_: unknown, h, i) =>
                  rowActions(
                    () => onEdit({ kind: 'makeup', year: year.year, index: i, value: h }),
                    () => onRemoveMakeup(i),
                  ),
              },
            ]}
          />
        </Col>
      </Row>
    </Space>
  );
}

type Done =
  | { kind: 'holiday'; year: number; index: number | null; value: HolidayRange }
  | { kind: 'makeup'; year: number; index: number | null; value: MakeupWorkday }
  | { kind: 'year'; value: HolidayYear };

function EditModal({
  edit,
  existingYears,
  onClose,
  onDone,
}: {
  edit: Edit;
  existingYears: number[];
  onClose: () => void;
  onDone: (d: Done) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{
    name?: string;
    range?: [Dayjs, Dayjs];
    date?: Dayjs;
    year?: number;
    source?: string;
  }>();
  const inYear = (d: Dayjs) => edit.kind !== 'year' && d.year() !== edit.year;
  const title =
    edit.kind === 'year'
      ? t('cfg.cal.addYear')
      : edit.kind === 'holiday'
        ? t('cfg.cal.holidayTitle')
        : t('cfg.cal.makeupTitle');
  const initial =
    edit.kind === 'holiday' && edit.value
      ? { name: edit.value.name, range: [dayjs(edit.value.start), dayjs(edit.value.end)] as [Dayjs, Dayjs] }
      : edit.kind === 'makeup' && edit.value
        ? { name: edit.value.name, date: dayjs(edit.value.date) }
        : edit.kind === 'year'
          ? { year: Math.max(dayjs().year(), ...existingYears) + 1 }
          : {};
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          if (edit.kind === 'year') {
            onDone({
              kind: 'year',
              value: { year: v.year!, source: v.source?.trim() ?? '', holidays: [], makeupWorkdays: [] },
            });
          } else if (edit.kind === 'holiday') {
            onDone({
              kind: 'holiday',
              year: edit.year,
              index: edit.index,
              value: {
                name: v.name!.trim(),
                start: v.range![0].format('YYYY-MM-DD'),
                end: v.range![1].format('YYYY-MM-DD'),
              },
            });
          } else {
            onDone({
              kind: 'makeup',
              year: edit.year,
              index: edit.index,
              value: { name: v.name!.trim(), date: v.date!.format('YYYY-MM-DD') },
            });
          }
        }}
      >
        {edit.kind === 'year' ? (
          <>
            <Form.Item
              name="year"
              label={t('cfg.cal.year')}
              rules={[
                { required: true, message: t('form.required') },
                {
                  validator: async (_r, v: number) => {
                    if (existingYears.includes(v)) throw new Error(t('cfg.cal.yearExists'));
                  },
                },
              ]}
            >
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="source" label={t('cfg.cal.source')} extra={t('cfg.cal.sourceHint')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="name"
            label={t('cfg.cal.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input
              maxLength={40}
              placeholder={edit.kind === 'holiday' ? t('cfg.cal.holidayPh') : t('cfg.cal.makeupPh')}
            />
          </Form.Item>
        )}
        {edit.kind === 'holiday' ? (
          <Form.Item name="range" label={t('cfg.cal.range')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              disabledDate={inYear}
              defaultPickerValue={[dayjs(`${edit.year}-01-01`), dayjs(`${edit.year}-01-01`)]}
            />
          </Form.Item>
        ) : null}
        {edit.kind === 'makeup' ? (
          <Form.Item
            name="date"
            label={t('cfg.cal.date')}
            rules={[{ required: true, message: t('form.required') }]}
            extra={t('cfg.cal.makeupHint')}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={inYear}
              defaultPickerValue={dayjs(`${edit.year}-01-01`)}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

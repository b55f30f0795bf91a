import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Row, Space, type FormInstance } from 'antd';
import { DownOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';
import { useIsPhone } from '../lib/use-media';

interface Props<V> {
  form: FormInstance<V>;
  /** one Form.Item per entry; everything after the first row is hidden until expanded */
  fields: ReactNode[];
  onSearch: (values: V) => void;
  onReset: () => void;
  initialValues?: Partial<V>;
}

/** The filter block above every list: fields in a grid, search / reset, collapsed after the first row. */
export function FilterForm<V extends object>({ form, fields, onSearch, onReset, initialValues }: Props<V>) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const isPhone = useIsPhone();
  // one row: three fields on a wide screen, one on a phone
  const visible = isPhone ? 1 : 3;
  return (
    <Card className="filter-card" size="small">
      <Form form={form} layout="vertical" onFinish={onSearch} initialValues={initialValues} className="filter-form">
        <Row gutter={[16, 0]}>
          {fields.map((f, i) => (
            // hidden, not unmounted: the form keeps sending their values
            <Col
              key={i}
              xs={24}
              sm={12}
              lg={8}
              xl={6}
              style={!expanded && i >= visible ? { display: 'none' } : undefined}
            >
              {f}
            </Col>
          ))}
          <Col xs={24} sm={12} lg={8} xl={6} className="filter-actions">
            <Form.Item label={isPhone ? undefined : ' '} colon={false}>
              <Space wrap>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('common.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    onReset();
                  }}
                >
                  {t('common.reset')}
                </Button>
                {fields.length > visible ? (
                  <Button type="link" onClick={() => setExpanded((e) => !e)} style={{ paddingInline: 4 }}>
                    {expanded ? t('common.collapse') : t('common.expand')}
                    {expanded ? <UpOutlined /> : <DownOutlined />}
                  </Button>
                ) : null}
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

import { Button, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { CreateUserSchema } from '@paidan/shared';
import { api } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { useI18n } from '../../i18n/i18n';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

// The same rule the server applies to new passwords.
const NewPassword = CreateUserSchema.shape.password;

export function ChangePasswordForm({ onDone, inModal }: { onDone?: () => void; inModal?: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (v: Values) => api.put('/me/password', { oldPassword: v.oldPassword, newPassword: v.newPassword }),
    meta: { manualError: true },
    onSuccess: () => {
      toastSuccess(t('pwd.changed'));
      form.resetFields();
      onDone?.();
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      toastError(err);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => change.mutate(v)}
      style={{ maxWidth: 420 }}
      id="change-password"
    >
      <Form.Item name="oldPassword" label={t('pwd.old')} rules={[{ required: true, message: t('pwd.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('pwd.new')}
        extra={t('pwd.rule')}
        rules={[{ required: true, message: t('pwd.required') }, zodRule(NewPassword)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('pwd.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('pwd.required') },
          ({ getFieldValue }) => ({
            validator: async (_r, v) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error(t('pwd.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {inModal ? null : (
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('common.save')}
        </Button>
      )}
      {inModal ? (
        <div style={{ textAlign: 'right' }}>
          <Button onClick={onDone} style={{ marginRight: 8 }}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('common.save')}
          </Button>
        </div>
      ) : null}
    </Form>
  );
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={t('pwd.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <ChangePasswordForm onDone={onClose} inModal />
    </Modal>
  );
}

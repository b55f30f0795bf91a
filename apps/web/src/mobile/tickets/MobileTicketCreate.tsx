import { LeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { TicketForm } from '../../features/tickets/TicketForm';
import '../../features/tickets/tickets.css';

/** 提交申请 on a phone: submitted through the H5 channel. */
export function MobileTicketCreate() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="m-page m-tk-create">
      <button type="button" className="m-tk-back" onClick={() => void navigate('/my/tickets')}>
        <LeftOutlined /> {t('tk.my.backToList')}
      </button>
      <TicketForm mode="customer" channel="h5" />
    </div>
  );
}

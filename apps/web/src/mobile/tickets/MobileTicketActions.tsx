import { useMemo, useState, type CSSProperties } from 'react';
import { Button, CheckList, Dialog, Popup, Rate, TextArea } from 'antd-mobile';
import { TICKET_ACTION_LABELS, type Org, type TicketAction, type TicketDetail } from '@paidan/shared';
import { toastError } from '../../api/feedback';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { buildOrgTree, useOrgs, type OrgNode } from '../../features/orgs/org.api';
import {
  actionForm,
  actionNeeds,
  CONFIRM_ACTIONS,
  DANGER_ACTIONS,
  PRIMARY_ACTIONS,
  textField,
  textMax,
  textRequired,
  useRunAction,
} from '../../features/tickets/ticket-actions';
import { actionHintKey, RATING_KEYS, textLabelKey } from '../../features/tickets/TicketActionBar';
import type { ActionBody } from '../../features/tickets/ticket.api';
import { AttachmentUpload } from '../../features/tickets/AttachmentUpload';

/** The allowed actions as big buttons; inputs open in a bottom sheet. */
export function MobileTicketActions({ ticket }: { ticket: TicketDetail }) {
  const { t, l } = useI18n();
  const me = useMe();
  const { run, pending } = useRunAction(ticket);
  const [open, setOpen] = useState<TicketAction | null>(null);
  const [confirming, setConfirming] = useState<TicketAction | null>(null);
  const actions = [...ticket.allowedActions].sort(
    (a, b) => Number(PRIMARY_ACTIONS.includes(b)) - Number(PRIMARY_ACTIONS.includes(a)),
  );
  if (!actions.length) return null;

  const click = (action: TicketAction) => {
    const form = actionForm(action, actionNeeds(ticket.status, action, me.role));
    const label = l(TICKET_ACTION_LABELS[action]);
    if (form !== 'none') {
      setOpen(action);
      return;
    }
    if (CONFIRM_ACTIONS.includes(action)) {
      setConfirming(action);
      return;
    }
    void run({ action }, t('tk.act.done', { action: label }));
  };

  return (
    <>
      <div className="m-tk-actions" data-testid="ticket-actions">
        {actions.map((a) => (
          <Button
            key={a}
            block
            size="large"
            color={PRIMARY_ACTIONS.includes(a) ? 'primary' : DANGER_ACTIONS.includes(a) ? 'danger' : 'default'}
            fill={PRIMARY_ACTIONS.includes(a) ? 'solid' : 'outline'}
            loading={pending && open === null ? 'auto' : false}
            onClick={() => click(a)}
            data-testid={`action-${a}`}
          >
            {l(TICKET_ACTION_LABELS[a])}
          </Button>
        ))}
      </div>
      <Dialog
        visible={confirming !== null}
        title={confirming ? t('tk.act.confirmTitle', { action: l(TICKET_ACTION_LABELS[confirming]) }) : undefined}
        content={confirming && actionHintKey(confirming) ? t(actionHintKey(confirming)!) : undefined}
        onClose={() => setConfirming(null)}
        closeOnAction
        actions={[
          [
            { key: 'cancel', text: t('common.cancel') },
            {
              key: 'ok',
              text: confirming ? l(TICKET_ACTION_LABELS[confirming]) : '',
              bold: true,
              danger: confirming ? DANGER_ACTIONS.includes(confirming) : false,
              onClick: async () => {
                if (confirming)
                  await run({ action: confirming }, t('tk.act.done', { action: l(TICKET_ACTION_LABELS[confirming]) }));
              },
            },
          ],
        ]}
      />
      <Popup
        visible={open !== null}
        onMaskClick={() => setOpen(null)}
        onClose={() => setOpen(null)}
        bodyClassName="m-tk-sheet"
        destroyOnClose
      >
        {open ? <ActionSheet ticket={ticket} action={open} onClose={() => setOpen(null)} /> : null}
      </Popup>
    </>
  );
}

function flatten(nodes: OrgNode[], depth = 0): { org: Org; depth: number }[] {
  return nodes.flatMap((n) => [{ org: n.org, depth }, ...flatten(n.children, depth + 1)]);
}

function ActionSheet({ ticket, action, onClose }: { ticket: TicketDetail; action: TicketAction; onClose: () => void }) {
  const { t, l } = useI18n();
  const me = useMe();
  const { run, pending } = useRunAction(ticket);
  const needs = actionNeeds(ticket.status, action, me.role);
  const kind = actionForm(action, needs);
  const label = l(TICKET_ACTION_LABELS[action]);
  const [text, setText] = useState('');
  const [rating, setRating] = useState(0);
  const [orgIds, setOrgIds] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [attachmentIds, setAttachmentIds] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);
  const orgs = useOrgs(kind === 'target' || kind === 'copy');
  const flat = useMemo(() => flatten(buildOrgTree(orgs.data ?? [])), [orgs.data]);
  const field = textField(action);
  const required = textRequired(action, needs);
  const hint = actionHintKey(action);

  const submit = async () => {
    const body: ActionBody = { action };
    if (kind === 'rating') {
      if (!rating) return setError(t('tk.rate.required'));
      body.rating = rating;
      if (text.trim()) body.comment = text.trim();
    } else {
      if ((kind === 'target' || kind === 'copy') && !orgIds.length) return setError(t('tk.act.targetRequired'));
      if (required && !text.trim()) return setError(t('tk.act.textRequired'));
      if (text.trim()) body[field] = text.trim();
      if (kind === 'target') body.targetOrgId = orgIds[0];
      if (kind === 'copy') body.copyOrgIds = orgIds;
    }
    if (attachmentIds.length) body.attachmentIds = attachmentIds;
    setError(null);
    try {
      if (await run(body, t('tk.act.done', { action: label }))) onClose();
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <div className="m-tk-sheet-body" data-testid="action-sheet">
      <div className="m-tk-sheet-title">{t('tk.act.modalTitle', { action: label, number: ticket.number })}</div>
      {hint ? <p className="m-muted">{t(hint)}</p> : null}
      {kind === 'rating' ? (
        <>
          <div className="m-tk-rate" data-testid="rating">
            <Rate value={rating} onChange={setRating} style={{ '--star-size': '36px' } as CSSProperties} />
            <div className="m-muted">{rating ? t(RATING_KEYS[rating - 1]!) : t('tk.rate.tap')}</div>
          </div>
          <div className="m-tk-field-label">{t('tk.rate.comment')}</div>
        </>
      ) : null}
      {kind === 'target' || kind === 'copy' ? (
        orgs.isError || (!orgs.isLoading && !flat.length) ? (
          <p className="m-muted">{t('tk.act.orgsUnavailable')}</p>
        ) : (
          <div className="m-tk-orgs">
            <CheckList multiple={kind === 'copy'} value={orgIds} onChange={(v) => setOrgIds(v as number[])}>
              {flat.map(({ org, depth }) => (
                <CheckList.Item key={org.id} value={org.id} style={{ paddingLeft: 12 + depth * 16 }}>
                  {org.name}
                </CheckList.Item>
              ))}
            </CheckList>
          </div>
        )
      ) : null}
      {kind !== 'rating' ? (
        <div className="m-tk-field-label">
          {kind === 'target' || kind === 'copy' ? t('tk.act.text.dispatch') : t(textLabelKey(action))}
          {required ? <span className="m-tk-required"> *</span> : null}
        </div>
      ) : null}
      <TextArea
        value={text}
        onChange={setText}
        rows={3}
        maxLength={textMax(kind === 'rating' ? 'comment' : field)}
        showCount
        className="m-tk-textarea"
        data-testid="action-text"
      />
      {kind === 'text' ? (
        <div className="m-tk-attach">
          <div className="m-tk-field-label">{t('tk.att.addToAction')}</div>
          <AttachmentUpload onChange={setAttachmentIds} onBusyChange={setUploading} />
          <div className="m-muted">{t('tk.att.hint')}</div>
        </div>
      ) : null}
      {error ? <div className="m-tk-error">{error}</div> : null}
      <div className="m-tk-sheet-buttons">
        <Button block size="large" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          block
          size="large"
          color={DANGER_ACTIONS.includes(action) ? 'danger' : 'primary'}
          loading={pending}
          disabled={uploading}
          onClick={() => void submit()}
          data-testid="action-submit"
        >
          {label}
        </Button>
      </div>
    </div>
  );
}

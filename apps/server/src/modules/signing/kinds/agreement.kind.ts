import { agreementPlaceholders, isValidIdCard, maskIdNumber, renderAgreement } from '@paidan/shared';
import { AppError } from '../../../platform/http/app-error';
import type { SignableKind } from '../signing-kinds';
import { bodyParagraphs, currentAgreements } from './agreement-source';
import { maskedPhone, scopedCustomer } from './kind-helpers';
import { signingCompleted } from '../../../contracts/signing';

/** Placeholders a template body may hold, with the label staff see when they fill them in. */
export const AGREEMENT_PARAM_LABELS: Record<string, string> = {
  agentName: '受托人（经办人）姓名',
  agentIdNumber: '受托人身份证号',
  agentPhone: '受托人手机号',
  purpose: '用途/事项',
  validUntil: '有效期至',
};
/** Codes whose signed copy authorises an agent to sign for the enterprise (mode 3 matching). */
export const AUTHORISING_CODES = ['power_of_attorney'];

/** What a placeholder without a value becomes in a document for a signer: a line to write on. */
export const WRITE_ON_LINE = '________';

/** The printed form leaves blanks (______) for the agent: filled in order with the agent's name and ID number. */
export function fillAgentBlanks(body: string, params: Record<string, string>): string {
  const values = [params.agentName, params.agentIdNumber].filter((v): v is string => !!v);
  let i = 0;
  return body.replace(/_{4,}/g, (m) => (i < values.length ? values[i++]! : m));
}

/** Kind `agreement`: a published agreement template (e.g. 委托书) signed by an enterprise's representative. */
export const agreementKind: SignableKind = {
  kind: 'agreement',
  available: () => true,
  async load(ctx, ex, actor, input) {
    const code = input.ref.includes(':') ? input.ref.split(':')[1]! : input.ref;
    const customerId = input.customerId ?? (input.ref.includes(':') ? Number(input.ref.split(':')[0]) : NaN);
    if (!Number.isInteger(customerId) || customerId <= 0) return null;
    const [tpl] = await currentAgreements(ex, [code]);
    if (!tpl) return null;
    const customer = await scopedCustomer(ctx, ex, actor, customerId).catch(() => null);
    if (!customer) return null;
    const authorising = AUTHORISING_CODES.includes(tpl.code);
    const idNo = input.params.agentIdNumber?.trim().toUpperCase();
    if (authorising && idNo && !isValidIdCard(idNo))
      throw new AppError('VALIDATION_FAILED', [
        { field: 'body.params.agentIdNumber', message: '身份证号码校验位不正确' },
      ]);
    const keys = [...agreementPlaceholders(tpl.body), ...(authorising ? ['agentName', 'agentIdNumber'] : [])].filter(
      (k, i, a) => a.indexOf(k) === i,
    );
    const filled = renderAgreement(
      tpl.body,
      {
        customerName: customer.name,
        creditCode: customer.credit_code,
        legalRepName: customer.legal_rep_name ?? '',
        legalRep: customer.legal_rep_name ?? '',
        ...input.params,
      },
      WRITE_ON_LINE,
    );
    const body = authorising ? fillAgentBlanks(filled, input.params) : filled;
    const lines = [
      { label: '协议', value: `${tpl.title}（第 ${tpl.version ?? 1} 版）` },
      { label: '企业名称', value: customer.name },
      { label: '统一社会信用代码', value: customer.credit_code },
      ...(customer.legal_rep_name ? [{ label: '法定代表人', value: customer.legal_rep_name }] : []),
      ...keys
        .filter((k) => AGREEMENT_PARAM_LABELS[k] && input.params[k])
        .map((k) => ({
          label: AGREEMENT_PARAM_LABELS[k]!,
          value:
            k === 'agentPhone'
              ? maskedPhone(input.params[k]!)
              : k === 'agentIdNumber'
                ? maskIdNumber(input.params[k]!)
                : input.params[k]!,
        })),
    ];
    return {
      kind: 'agreement',
      ref: `${customer.id}:${tpl.code}`,
      title: tpl.title,
      customerId: customer.id,
      customerName: customer.name,
      customerCreditCode: customer.credit_code,
      orgPath: customer.org_path,
      accountManagerId: customer.account_manager_id,
      lines,
      sections: [
        { heading: '协议信息', lines },
        { heading: tpl.title, paragraphs: bodyParagraphs(body) },
      ],
      agreement: { ...tpl, body },
      suggestedSigner: customer.primaryContact
        ? { name: customer.primaryContact.name, phone: customer.primaryContact.phone }
        : null,
      ruleInputs: { kind: 'agreement', orderType: null, amountFen: 0, productCodes: [] },
      templateParams: keys
        .filter((k) => AGREEMENT_PARAM_LABELS[k])
        .map((k) => ({
          key: k,
          label: AGREEMENT_PARAM_LABELS[k]!,
          required: k === 'agentName' || k === 'agentIdNumber',
        })),
    };
  },
  async onSigned(ex, info) {
    const code = info.subjectRef.split(':')[1] ?? '';
    const agent = info.params.agentName?.trim();
    if (AUTHORISING_CODES.includes(code) && agent) {
      await ex
        .insertInto('signing_authorisations')
        .values({ customer_id: info.customerId, agent_name: agent, request_id: info.requestId, valid_until: null })
        .execute();
    }
    await signingCompleted.emit(ex, {
      kind: 'agreement',
      subjectRef: info.subjectRef,
      requestId: info.requestId,
      number: info.number,
      signerName: info.signerName,
      signedAt: info.signedAt,
      customerId: info.customerId,
    });
  },
};

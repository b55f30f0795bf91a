import { expect, request as apiRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  confirmPopconfirm,
  createEnterprise,
  creditCode,
  fieldError,
  idNumber,
  PHONE,
  settle,
  shot,
  signInRequest,
  signUp,
  smsBody,
} from './helpers';

// The two certification methods the onboarding journey does not walk: 法人短信 (a code to the legal
// representative's phone) and 电子营业执照 (an e-licence provider, not configured in a default installation).
// A brand-new person signs up on a phone and creates the enterprise for each.

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

/** A new applicant with a new enterprise, left on 企业认证 with no attempt started. */
async function newApplicant(
  page: Page,
  admin: APIRequestContext,
  p: { prefix: string; codeTail: string; company: string; person: string },
) {
  const stamp = String(Date.now()).slice(-7);
  const phone = `${p.prefix}${stamp}`;
  const code = creditCode(`91310115${stamp}${p.codeTail}`);
  await signUp(page, admin, { phone, name: p.person });
  await createEnterprise(page, { name: p.company, creditCode: code, district: '张江', industry: '信息技术' });
  await expect(page.getByTestId('cert-page')).toBeVisible();
  await expect(page.locator('.ant-tag').filter({ hasText: '未认证' })).toBeVisible();
  return { stamp, phone, code };
}

test('法人短信: an empty form shows every field error, a wrong code is refused, the right code certifies', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const admin = await apiRequest.newContext({ baseURL });
  await signInRequest(admin, 'admin');
  const company = '上海法人短信测试科技有限公司';
  const { stamp, code } = await newApplicant(page, admin, {
    prefix: '1773',
    codeTail: 'MA',
    company,
    person: '周明远',
  });

  await page.getByTestId('method-legal_rep_sms').click();
  const form = page.locator('.ant-card').filter({ has: page.getByTestId('rep-submit') });
  // the enterprise's own name and credit code are filled in; the representative's are not
  await expect(form.getByLabel('企业名称')).toHaveValue(company);
  await expect(form.getByLabel('统一社会信用代码')).toHaveValue(code);
  await form.getByLabel('企业名称').fill('');
  await form.getByLabel('统一社会信用代码').fill('');
  await page.getByTestId('rep-submit').click();
  await expect(fieldError(page, '企业名称')).toBeVisible();
  await expect(fieldError(page, '统一社会信用代码')).toBeVisible();
  await expect(fieldError(page, '法定代表人')).toBeVisible();
  await expect(fieldError(page, '法定代表人身份证号')).toBeVisible();
  await expect(fieldError(page, '法定代表人手机号')).toBeVisible();
  await shot(page, 'certification-legal-rep-empty-375');

  // the representative's details: the code goes to their phone, not the applicant's
  const repPhone = `1774${stamp}`;
  const mistyped = `1776${stamp}`;
  const startWith = async (phone: string) => {
    await page.getByTestId('method-legal_rep_sms').click();
    await form.getByLabel('企业名称').fill(company);
    await form.getByLabel('统一社会信用代码').fill(code);
    await page.getByTestId('rep-name').fill('周建华');
    await page.getByTestId('rep-id').fill(idNumber('31011519760415203'));
    await page.getByTestId('rep-phone').fill(phone);
    await expect(form.locator('.ant-form-item-explain-error')).toHaveCount(0);
    await page.getByTestId('rep-submit').click();
    await expect(
      page.getByText(`验证码已发送至法定代表人手机 ${phone.slice(0, 3)}****${phone.slice(-4)}`),
    ).toBeVisible();
    await expect(page.locator('.ant-tag').filter({ hasText: '认证中' })).toBeVisible();
  };

  // a mistyped phone: the applicant withdraws and starts again rather than waiting for a code that never comes
  await startWith(mistyped);
  await page.getByTestId('cert-cancel').click();
  await confirmPopconfirm(page);
  await expect(page.locator('.ant-tag').filter({ hasText: '未认证' })).toBeVisible();
  await startWith(repPhone);
  const sms = await smsBody(admin, repPhone, 'cert_legal_rep_code');
  expect(sms).toContain(company);
  expect(sms).toContain('周建华');
  const right = /验证码 (\d{6})/.exec(sms)![1]!;

  // the code field checks its shape; a well-formed wrong code is refused by the server with the tries left
  await page.getByTestId('cert-code-submit').click();
  await expect(fieldError(page, '验证码')).toHaveText('请输入 6 位验证码');
  const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
  await page.getByTestId('cert-code').fill(wrong);
  await page.getByTestId('cert-code-submit').click();
  await expect(page.locator('.ant-alert-error')).toContainText('验证码错误或已过期');
  await expect(page.locator('.ant-alert-error')).toContainText('还可尝试');
  await shot(page, 'certification-legal-rep-wrong-375');
  await expect(page.getByTestId('cert-done')).toHaveCount(0);

  await page.getByTestId('cert-code').fill(right);
  await page.getByTestId('cert-code-submit').click();
  await expect(page.getByTestId('cert-done')).toHaveText('企业已认证');
  await expect(page.getByTestId('cert-page')).toContainText('认证方式：法人短信');
  await shot(page, 'certification-legal-rep-done-375');
  // and it stays certified: the applicant now administers the enterprise
  await page.reload();
  await settle(page);
  await expect(page.getByTestId('cert-done')).toHaveText('企业已认证');
  const me = (await (await page.request.get('/api/me')).json()) as { role: string };
  expect(me.role).toBe('customer_admin');
  await admin.dispose();
});

test('电子营业执照 without a configured provider: said plainly, nothing is sent, another method still works', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const admin = await apiRequest.newContext({ baseURL });
  await signInRequest(admin, 'admin');
  const company = '上海电子执照测试科技有限公司';
  const { code } = await newApplicant(page, admin, {
    prefix: '1775',
    codeTail: 'MB',
    company,
    person: '吴佳怡',
  });
  const notConfigured = '电子营业执照核验服务尚未配置，请选择其他认证方式';
  const method = page.getByTestId('method-e_licence');
  await expect(method).toContainText(notConfigured);
  await method.click();
  // no form to fill in: the notice says why and what to do instead
  const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head', { hasText: '电子营业执照' }) });
  await expect(card.locator('.ant-alert-warning')).toHaveText(notConfigured);
  await expect(card.locator('input')).toHaveCount(0);
  await expect(card.getByRole('button')).toHaveCount(0);
  await shot(page, 'certification-elicence-unconfigured-375');

  // a request made anyway is refused with the same words, and starts nothing
  const csrf = ((await (await page.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
  const direct = await page.request.post('/api/certification/e-licence', {
    headers: { 'x-csrf-token': csrf },
    data: { companyName: company, creditCode: code, legalRepName: '吴国平', authCode: 'EL-2026-0001' },
  });
  expect(direct.status()).toBe(503);
  expect(((await direct.json()) as { code: string; message: string }).code).toBe('CERT_ELICENCE_NOT_CONFIGURED');
  const current = async () =>
    (await (await page.request.get('/api/certification/current')).json()) as {
      attempt: unknown;
      enterprise: { certificationStatus: string };
    };
  expect(await current()).toMatchObject({ attempt: null, enterprise: { certificationStatus: 'none' } });

  // A page opened while a provider was still configured (the answer is changed on its way to the page) shows the
  // form: it checks its fields, and when the server has no provider by the time it is submitted the page says so.
  await page.route('**/api/certification/current', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: { ...(await res.json()), eLicenceConfigured: true } });
  });
  await page.reload();
  await settle(page);
  await page.getByTestId('method-e_licence').click();
  await expect(page.getByTestId('el-submit')).toBeVisible();
  await page.getByTestId('el-submit').click();
  await expect(fieldError(page, '法定代表人')).toHaveText('请填写姓名');
  await expect(fieldError(page, '电子营业执照授权码')).toHaveText('此项为必填项');
  await shot(page, 'certification-elicence-empty-375');
  await page.getByTestId('el-rep').fill('吴国平');
  await page.getByTestId('el-auth').fill('EL-2026-0001');
  await page.unroute('**/api/certification/current');
  await page.getByTestId('el-submit').click();
  await expect(card.locator('.ant-alert-warning')).toHaveText(notConfigured);
  await expect(page.getByTestId('el-submit')).toHaveCount(0);
  expect(await current()).toMatchObject({ attempt: null, enterprise: { certificationStatus: 'none' } });

  // another method is still open to the applicant
  await page.getByTestId('method-legal_rep_sms').click();
  await expect(page.getByTestId('rep-submit')).toBeVisible();
  await admin.dispose();
});

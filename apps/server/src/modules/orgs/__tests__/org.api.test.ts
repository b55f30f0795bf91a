import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const org = (code: string) =>
  s.ctx.db.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

describe('organisation tree', () => {
  it('creates a child of the next level down, with its path', async () => {
    const admin = await s.as('admin');
    const zj = await org('SH-PD-ZJ');
    const res = await admin.post('/api/orgs', { parentId: zj.id, name: '张江装维二班', code: 'SH-PD-ZJ-FLD2' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ type: 'team', parentId: zj.id });
    expect(res.json().path).toBe(`${zj.path}${res.json().id}/`);
    const under = await admin.post('/api/orgs', { parentId: res.json().id, name: '班组下级', code: 'SH-TOO-DEEP' });
    expect(under.statusCode).toBe(400);
  });

  it('moves a district to another branch and carries users and customers along', async () => {
    const admin = await s.as('admin');
    const lg = await org('SH-PD-LG');
    const sn = await org('SH-SN');
    const res = await admin.patch(`/api/orgs/${lg.id}`, { parentId: sn.id });
    expect(res.statusCode).toBe(200);
    const newPath = `${sn.path}${lg.id}/`;
    expect(res.json().path).toBe(newPath);
    const stale = await s.ctx.db
      .selectFrom('customers')
      .select('id')
      .where('district_org_id', '=', lg.id)
      .where('org_path', '!=', newPath)
      .execute();
    expect(stale).toHaveLength(0);
    const team = await org('SH-PD-LG-FLD');
    expect(team.path.startsWith(newPath)).toBe(true);
    const users = await s.ctx.db.selectFrom('users').select('org_path').where('org_id', '=', team.id).execute();
    expect(users.every((u) => u.org_path === team.path)).toBe(true);
  });

  it('refuses a move under its own subtree and deleting a non-empty org', async () => {
    const admin = await s.as('admin');
    const pd = await org('SH-PD');
    const cycle = await admin.patch(`/api/orgs/${pd.id}`, { parentId: (await org('SH-PD-ZJ')).id });
    expect(cycle.statusCode).toBe(400);
    const del = await admin.delete(`/api/orgs/${(await org('SH-PD-ZJ')).id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('ORG_HAS_CHILDREN');
  });

  it('deletes an empty team', async () => {
    const admin = await s.as('admin');
    const created = (
      await admin.post('/api/orgs', { parentId: (await org('SH-SB-JA')).id, name: '临时项目组', code: 'SH-SB-JA-TMP' })
    ).json();
    expect((await admin.delete(`/api/orgs/${created.id}`)).statusCode).toBe(200);
    expect(
      await s.ctx.db.selectFrom('orgs').select('id').where('id', '=', created.id).executeTakeFirst(),
    ).toBeUndefined();
  });
});

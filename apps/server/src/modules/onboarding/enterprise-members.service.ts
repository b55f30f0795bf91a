import {
  maskPhone,
  ROLE_LABELS,
  type Invitation,
  type InviteMember,
  type Member,
  type MemberListQuery,
  type Page,
  type UpdateMember,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx } from '../../platform/db/database';
import { escapeLike } from '../../platform/db/like';
import { AppError, conflict } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { notificationService } from '../notifications/notification.service';
import './onboarding-sms';

const INVITATION_DAYS = 7;

/** The enterprise of the signed-in customer_admin; every query below is limited to it. */
function ownEnterprise(actor: Actor): number {
  const id = actor.auth?.user.customerId;
  if (!id) throw new AppError('FORBIDDEN', { reason: 'no enterprise' });
  return id;
}

export function enterpriseMembersService(ctx: AppContext) {
  const { db, config } = ctx;
  const notes = notificationService(ctx);

  return {
    async list(actor: Actor, q: MemberListQuery): Promise<Page<Member>> {
      const customerId = ownEnterprise(actor);
      let base = db.selectFrom('users').where('customer_id', '=', customerId);
      if (q.status) base = base.where('status', '=', q.status);
      if (q.role) base = base.where('role', '=', q.role);
      if (q.q) {
        const like = `%${escapeLike(q.q)}%`;
        base = base.where((eb) => eb.or([eb('display_name', 'like', like), eb('phone', 'like', like)]));
      }
      const [rows, total] = await Promise.all([
        base
          .select(['id', 'display_name', 'phone', 'role', 'status', 'last_login_at', 'created_at', 'version'])
          .orderBy('role')
          .orderBy('id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.display_name,
          phoneMasked: maskPhone(r.phone),
          role: r.role as Member['role'],
          status: r.status as Member['status'],
          lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
          createdAt: r.created_at.toISOString(),
          version: r.version,
        })),
        total: Number(total.n),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async invitations(actor: Actor): Promise<Invitation[]> {
      const customerId = ownEnterprise(actor);
      const rows = await db
        .selectFrom('enterprise_invitations as i')
        .innerJoin('users as u', 'u.id', 'i.invited_by')
        .select([
          'i.id',
          'i.name',
          'i.phone',
          'i.role',
          'i.status',
          'i.expires_at',
          'i.created_at',
          'u.display_name as invited_by_name',
        ])
        .where('i.customer_id', '=', customerId)
        .where('i.status', '=', 'pending')
        .orderBy('i.id', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        phoneMasked: maskPhone(r.phone),
        role: r.role,
        status: r.status,
        invitedByName: r.invited_by_name,
        expiresAt: r.expires_at.toISOString(),
        createdAt: r.created_at.toISOString(),
      }));
    },

    async invite(actor: Actor, input: InviteMember): Promise<Invitation> {
      const customerId = ownEnterprise(actor);
      const id = await withTx(db, async (tx) => {
        const existing = await tx
          .selectFrom('users')
          .select(['id', 'customer_id', 'role'])
          .where('phone', '=', input.phone)
          .executeTakeFirst();
        if (existing?.customer_id === customerId) throw new AppError('INVITATION_ALREADY_MEMBER');
        if (existing && (existing.customer_id !== null || !['customer_user', 'customer_admin'].includes(existing.role)))
          throw new AppError('INVITATION_PHONE_TAKEN');
        // A new invitation to the same number replaces the pending one.
        await tx
          .updateTable('enterprise_invitations')
          .set({ status: 'revoked', closed_at: new Date() })
          .where('customer_id', '=', customerId)
          .where('phone', '=', input.phone)
          .where('status', '=', 'pending')
          .execute();
        const inv = await tx
          .insertInto('enterprise_invitations')
          .values({
            customer_id: customerId,
            phone: input.phone,
            name: input.name,
            role: input.role,
            invited_by: actor.auth!.user.id,
            expires_at: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
          })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        const c = await tx
          .selectFrom('customers')
          .select('name')
          .where('id', '=', customerId)
          .executeTakeFirstOrThrow();
        await enqueueSms(tx, {
          phone: input.phone,
          template: 'enterprise_invitation',
          params: {
            inviter: actor.auth!.user.displayName,
            role: ROLE_LABELS[input.role].zh,
            enterprise: c.name,
            url: `${config.publicUrl}/signup`,
          },
          key: `invitation:${inv.id}`,
        });
        if (existing) {
          await notes.notify(tx, {
            userIds: [existing.id],
            kind: 'enterprise.invitation',
            title: `${c.name} 邀请您加入`,
            body: `${actor.auth!.user.displayName} 邀请您以“${ROLE_LABELS[input.role].zh}”身份加入。`,
            link: '/onboarding',
          });
        }
        await recordAudit(tx, actor, {
          action: 'enterprise.member_invited',
          entityType: 'customer',
          entityId: customerId,
          after: { invitationId: inv.id, phone: maskPhone(input.phone), name: input.name, role: input.role },
        });
        return inv.id;
      });
      const list = await this.invitations(actor);
      return list.find((i) => i.id === id)!;
    },

    async revokeInvitation(actor: Actor, id: number): Promise<void> {
      const customerId = ownEnterprise(actor);
      await withTx(db, async (tx) => {
        const r = await tx
          .updateTable('enterprise_invitations')
          .set({ status: 'revoked', closed_at: new Date() })
          .where('id', '=', id)
          .where('customer_id', '=', customerId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError('INVITATION_NOT_FOUND');
        await recordAudit(tx, actor, {
          action: 'enterprise.invitation_revoked',
          entityType: 'customer',
          entityId: customerId,
          after: { invitationId: id },
        });
      });
    },

    async update(actor: Actor, userId: number, input: UpdateMember): Promise<Member> {
      const customerId = ownEnterprise(actor);
      await withTx(db, async (tx) => {
        const m = await tx
          .selectFrom('users')
          .select(['id', 'display_name', 'phone', 'role', 'status', 'version'])
          .where('id', '=', userId)
          .where('customer_id', '=', customerId)
          .forUpdate()
          .executeTakeFirst();
        if (!m) throw new AppError('MEMBER_NOT_FOUND');
        if (m.version !== input.version) throw conflict({ currentVersion: m.version });
        const role = input.role ?? (m.role as Member['role']);
        const status = input.status ?? (m.status as Member['status']);
        const demotes = m.role === 'customer_admin' && (role !== 'customer_admin' || status !== 'active');
        if (demotes && userId === actor.auth!.user.id) throw new AppError('MEMBER_SELF');
        if (demotes) {
          // Lock the enterprise's admins so two admins cannot demote each other at once.
          const admins = await tx
            .selectFrom('users')
            .select('id')
            .where('customer_id', '=', customerId)
            .where('role', '=', 'customer_admin')
            .where('status', '=', 'active')
            .forUpdate()
            .execute();
          if (admins.filter((a) => a.id !== userId).length === 0) throw new AppError('MEMBER_LAST_ADMIN');
        }
        await tx
          .updateTable('users')
          .set((eb) => ({ role, status, updated_at: new Date(), version: eb('version', '+', 1) }))
          .where('id', '=', userId)
          .execute();
        if (status === 'disabled') await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
        const c = await tx
          .selectFrom('customers')
          .select('name')
          .where('id', '=', customerId)
          .executeTakeFirstOrThrow();
        if (m.phone && status !== m.status && status === 'disabled') {
          await enqueueSms(tx, {
            phone: m.phone,
            template: 'enterprise_member_disabled',
            params: { enterprise: c.name },
          });
        }
        if (role !== m.role) {
          if (m.phone)
            await enqueueSms(tx, {
              phone: m.phone,
              template: 'enterprise_role_changed',
              params: { enterprise: c.name, role: ROLE_LABELS[role].zh },
            });
          await notes.notify(tx, {
            userIds: [userId],
            kind: 'enterprise.role',
            title: `您的角色已调整为${ROLE_LABELS[role].zh}`,
            body: `由 ${actor.auth!.user.displayName} 调整`,
            link: '/enterprise',
          });
        }
        await recordAudit(tx, actor, {
          action: 'enterprise.member_updated',
          entityType: 'user',
          entityId: userId,
          before: { role: m.role, status: m.status },
          after: { role, status },
        });
      });
      const r = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'phone', 'role', 'status', 'last_login_at', 'created_at', 'version'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      return {
        id: r.id,
        name: r.display_name,
        phoneMasked: maskPhone(r.phone),
        role: r.role as Member['role'],
        status: r.status as Member['status'],
        lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
        createdAt: r.created_at.toISOString(),
        version: r.version,
      };
    },
  };
}

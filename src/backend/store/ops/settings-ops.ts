import { randomBytes } from 'node:crypto';
import type { Settings, User } from '../../../shared/contract';
import type { NewUser } from '../accounts-store';
import type { BrokerSettings } from '../../ingest/broker/broker-settings';
import type { Actor } from './types';
import type { StoreContext } from './context';

/** Setup, plant settings, the broker an admin configured and the secrets kept in the database. */
export function settingsOps(ctx: StoreContext) {
  return {
    setupStatus(): { accountCount: number; settings: Settings } {
      return { accountCount: ctx.accounts.count(), settings: ctx.settings.get() };
    },

    createFirstAdmin(user: NewUser): User | null {
      return ctx.tx(() => {
        if (ctx.accounts.count() > 0) return null;
        const created = ctx.accounts.create({ ...user, role: 'admin' }, ctx.clock.nowIso());
        ctx.events.append({
          type: 'setup.first_admin',
          actor: created.username,
          target: created.username,
          message: `First admin ${created.username} created at first run`,
        });
        ctx.accountChanged(created.id);
        return created;
      });
    },

    getSettings: ctx.settings.get.bind(ctx.settings),

    updateSettings(patch: Partial<Settings>, actor: Actor): Settings {
      return ctx.tx(() => {
        const before = ctx.settings.get();
        const after = ctx.settings.update(patch);
        ctx.events.append({
          type: 'settings.changed',
          actor: actor.username,
          message: 'Plant settings changed',
          details: { before, after },
        });
        return after;
      });
    },

    /** The broker an admin configured (with its password), or null for the default. */
    savedBroker(): BrokerSettings | null {
      return ctx.settings.readPrivate<BrokerSettings>('broker');
    },

    saveBroker(broker: BrokerSettings, actor: Actor): void {
      ctx.tx(() => {
        ctx.settings.writePrivate('broker', broker);
        ctx.events.append({
          type: 'broker.configured',
          actor: actor.username,
          target: broker.url || 'embedded broker',
          message: `${actor.username} pointed Linewatch at ${broker.url || 'the embedded broker'} (topic root ${broker.topicRoot})`,
          details: {
            url: broker.url,
            username: broker.username ?? null,
            tls: Boolean(broker.caFile || broker.certFile),
          },
        });
      });
    },

    /** A stable id of this installation: the MQTT client id of the persistent session. */
    installId(): string {
      return ctx.tx(() => ctx.settings.secret('install', () => randomBytes(6).toString('hex')));
    },

    /** The token signing key, made at first use and kept in the database. */
    tokenSecret(): string {
      return ctx.tx(() => ctx.settings.secret('token', () => randomBytes(32).toString('hex')));
    },
  };
}

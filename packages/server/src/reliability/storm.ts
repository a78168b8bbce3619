import { randomBytes } from 'node:crypto';
import type { Desk } from './desk.js';
import { PASSWORD } from './desk.js';
import { HttpClient } from './http-client.js';

export interface AckedCreate {
  marker: string;
  id: number;
  number: string;
}
export interface AckedAction {
  ticketId: number;
  action: string;
  status: string;
  version: number;
}

/** What the server acknowledged (2xx) during a storm, and what it answered otherwise. */
export interface StormLog {
  creates: AckedCreate[];
  actions: AckedAction[];
  serverErrors: { status: number; body: string }[];
  acked(): number;
}

/** Titles carry a unique marker: the client's idempotency key for "nothing duplicated". */
export const STORM_TITLE = '风暴工单';

/**
 * Each engineer of the desk submits tickets for the requester and walks each one through claim → resolve,
 * as fast as the server answers, until `stop()` or the server goes away. Every 2xx is recorded.
 */
export function startStorm(baseUrl: string, desk: Desk, clients: number) {
  const log: StormLog = {
    creates: [],
    actions: [],
    serverErrors: [],
    acked() {
      return this.creates.length + this.actions.length;
    },
  };
  let stopped = false;
  const run = async (index: number) => {
    const person = desk.engineers[index % desk.engineers.length];
    if (!person) return;
    const api = await HttpClient.signIn(baseUrl, person.username, PASSWORD);
    for (let seq = 0; !stopped; seq++) {
      try {
        const marker = `c${index}-${seq}-${randomBytes(4).toString('hex')}`;
        // On behalf of the desk's requester, so that resolving mails someone (ticket.resolved).
        const created = await api.post('/api/tickets', {
          title: `${STORM_TITLE} ${marker}`,
          catalogItemId: desk.itemId,
          requesterId: desk.requester.id,
        });
        if (!note(created)) continue;
        log.creates.push({ marker, id: created.json.id, number: created.json.number });
        let version: number = created.json.version;
        for (const [action, body] of [
          ['claim', {}],
          ['resolve', { solution: '已更换电源适配器' }],
        ] as const) {
          if (stopped) break;
          const res = await api.post(`/api/tickets/${created.json.id}/actions/${action}`, { version, ...body });
          if (!note(res)) break;
          version = res.json.version;
          log.actions.push({ ticketId: created.json.id, action, status: res.json.status, version });
        }
      } catch {
        // The server is gone (killed): this client stops.
        if (stopped) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const note = (res: { status: number; body: string }) => {
    if (res.status >= 500) log.serverErrors.push({ status: res.status, body: res.body });
    return res.status >= 200 && res.status < 300;
  };
  const done = Promise.all(Array.from({ length: clients }, (_, i) => run(i).catch(() => {})));
  return {
    log,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

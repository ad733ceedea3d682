import { messagePayload, sign } from './test-app';

/** Outcome of a load run: which deliveries got 200, and what else happened. */
export interface LoadResult {
  acknowledged: string[];
  /** Responses other than 200, as "status message_id". */
  rejected: string[];
  /** Requests that got no response at all (connection refused or reset). */
  networkErrors: number;
}

/** A running load; `stop` ends every loop and resolves with the totals. */
export interface WebhookLoad {
  stop(): Promise<LoadResult>;
}

/**
 * Sends signed webhooks with unique ids from `concurrency` loops until stopped. A loop that gets
 * no response pauses briefly and goes on, so the load survives a service restart.
 */
export function startWebhookLoad(url: string, concurrency: number, idPrefix: string): WebhookLoad {
  const result: LoadResult = { acknowledged: [], rejected: [], networkErrors: 0 };
  let running = true;
  let sequence = 0;

  const loop = async () => {
    while (running) {
      sequence += 1;
      const messageId = `${idPrefix}-${sequence}`;
      const body = JSON.stringify(messagePayload({ message_id: messageId, text: `load ${sequence}` }));
      try {
        const response = await fetch(`${url}/webhook`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Signature': sign(body) },
          body,
        });
        await response.arrayBuffer();
        if (response.status === 200) {
          result.acknowledged.push(messageId);
        } else {
          result.rejected.push(`${response.status} ${messageId}`);
        }
      } catch {
        result.networkErrors += 1;
        await new Promise((resolveWait) => setTimeout(resolveWait, 20));
      }
    }
  };
  const loops = Array.from({ length: concurrency }, () => loop());

  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);

      return result;
    },
  };
}

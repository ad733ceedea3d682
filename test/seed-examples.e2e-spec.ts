import { execFileSync } from 'node:child_process';
import { startServiceProcess } from './support/service-process';

// The cURL examples of the FastAPI service this one replaces, word for word except for the
// base URL, which points at the test's own port instead of localhost:8000.
const EXAMPLES = String.raw`
set -e
# Generate HMAC signature
SECRET="your-webhook-secret"
BODY='{"message_id":"msg-001","from_msisdn":"+1234567890","to_msisdn":"+0987654321","ts":"2024-01-01T10:00:00Z","text":"Hello"}'
SIGNATURE=$(echo -n "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | cut -d' ' -f2)

# Send request
curl -X POST http://localhost:8000/webhook \
  -H "Content-Type: application/json" \
  -H "X-Signature: $SIGNATURE" \
  -d "$BODY"
echo
# Get first page
curl "http://localhost:8000/messages?limit=20&offset=0"
echo
# Get messages from specific sender
curl "http://localhost:8000/messages?from=%2B1234567890&limit=10"
echo
# Search messages by text
curl "http://localhost:8000/messages?q=hello&limit=10"
echo
# Get messages since timestamp
curl "http://localhost:8000/messages?since=2024-01-01T00:00:00Z"
echo
curl http://localhost:8000/stats
echo
# Liveness probe
curl http://localhost:8000/health/live
echo
# Readiness probe
curl http://localhost:8000/health/ready
echo
`;

describe('the cURL examples of the original service', () => {
  it('work as written', async () => {
    const service = await startServiceProcess({ WEBHOOK_SECRET: 'your-webhook-secret' });
    let output: string;
    try {
      const script = EXAMPLES.replaceAll('http://localhost:8000', service.url).replaceAll('curl ', 'curl -sS ');
      output = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    } finally {
      await service.stop();
    }

    const [webhook, firstPage, bySender, bySearch, bySince, stats, live, ready] = output.trim().split('\n');
    const page = {
      data: [
        {
          message_id: 'msg-001',
          from_msisdn: '+1234567890',
          to_msisdn: '+0987654321',
          ts: '2024-01-01T10:00:00Z',
          text: 'Hello',
          created_at: expect.any(String),
        },
      ],
      total: 1,
      next_cursor: null,
    };
    expect(JSON.parse(webhook)).toEqual({ status: 'ok' });
    expect(JSON.parse(firstPage)).toEqual({ ...page, limit: 20, offset: 0 });
    expect(JSON.parse(bySender)).toEqual({ ...page, limit: 10, offset: 0 });
    expect(JSON.parse(bySearch)).toEqual({ ...page, limit: 10, offset: 0 });
    expect(JSON.parse(bySince)).toEqual({ ...page, limit: 50, offset: 0 });
    expect(JSON.parse(stats)).toEqual({
      total_messages: 1,
      senders_count: 1,
      messages_per_sender: [{ from_msisdn: '+1234567890', count: 1 }],
      first_message_ts: '2024-01-01T10:00:00Z',
      last_message_ts: '2024-01-01T10:00:00Z',
    });
    expect(JSON.parse(live)).toEqual({ status: 'alive' });
    expect(JSON.parse(ready)).toEqual({ status: 'ready' });
  });
});

import { Readable } from 'node:stream';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { RequestValidationException } from '../common/validation-issue';
import { findWebhookOutcome } from '../common/webhook-outcome';
import { readRawBody } from './raw-body';
import { WebhookPayloadPipe } from './webhook-payload.pipe';

async function requestWith(body: unknown, headers: Record<string, string> = {}): Promise<Request> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const request = Readable.from([Buffer.from(text)]) as unknown as Request;
  request.headers = { 'content-type': 'application/json', ...headers };
  await readRawBody(request, 1024 * 1024);

  return request;
}

function issuesOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    if (error instanceof RequestValidationException) {
      return error.issues;
    }
    throw error;
  }
  throw new Error('expected a validation error');
}

const valid = {
  message_id: 'm1',
  from: '+14155550100',
  to: '+14155550101',
  ts: '2024-01-01T10:00:00Z',
  text: 'hi',
};

describe('WebhookPayloadPipe', () => {
  const pipe = new WebhookPayloadPipe();

  it('maps from and to onto from_msisdn and to_msisdn', async () => {
    const { message } = pipe.transform(await requestWith(valid));

    expect(message).toEqual({
      message_id: 'm1',
      from_msisdn: '+14155550100',
      to_msisdn: '+14155550101',
      ts: '2024-01-01T10:00:00Z',
      text: 'hi',
    });
  });

  it('maps the long spellings the same way', async () => {
    const { from, to, ...rest } = valid;
    const { message } = pipe.transform(await requestWith({ ...rest, from_msisdn: from, to_msisdn: to }));

    expect(message.from_msisdn).toBe('+14155550100');
    expect(message.to_msisdn).toBe('+14155550101');
  });

  it('turns missing text into null', async () => {
    const { text: _text, ...withoutText } = valid;

    expect(pipe.transform(await requestWith(withoutText)).message.text).toBeNull();
  });

  it('drops unknown fields', async () => {
    const { message } = pipe.transform(await requestWith({ ...valid, extra: 1 }));

    expect(Object.keys(message).sort()).toEqual(['from_msisdn', 'message_id', 'text', 'to_msisdn', 'ts']);
  });

  it('records the message id for the log line once the JSON is readable', async () => {
    const request = await requestWith({ ...valid, from: 'bad' });
    issuesOf(() => pipe.transform(request));

    expect(findWebhookOutcome(request)?.messageId).toBe('m1');
  });

  it('reports a disagreement between the two spellings', async () => {
    const request = await requestWith({ ...valid, to_msisdn: '+1' });

    expect(issuesOf(() => pipe.transform(request))).toEqual([
      {
        loc: ['body', 'to_msisdn'],
        msg: 'to and to_msisdn differ; send one of them, or the same value in both',
        type: 'value_error',
      },
    ]);
  });

  it('names the long spelling when only it was sent', async () => {
    const { to: _to, ...rest } = valid;
    const request = await requestWith({ ...rest, to_msisdn: 12 });

    expect(issuesOf(() => pipe.transform(request))).toEqual([
      { loc: ['body', 'to_msisdn'], msg: 'to_msisdn must be a string', type: 'string_type' },
    ]);
  });

  it('rejects a form body with 415', async () => {
    const request = await requestWith(valid, { 'content-type': 'application/x-www-form-urlencoded' });

    expect(() => pipe.transform(request)).toThrow(UnsupportedMediaTypeException);
  });

  it('accepts a charset parameter and upper-case media type', async () => {
    const request = await requestWith(valid, { 'content-type': 'Application/JSON; charset=UTF-8' });

    expect(pipe.transform(request).message.message_id).toBe('m1');
  });
});

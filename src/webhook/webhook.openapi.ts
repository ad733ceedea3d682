import { ApiProperty } from '@nestjs/swagger';

/** Body of an accepted delivery. */
export class WebhookAcceptedResponse {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';
}

/** Request and response examples of `POST /webhook` for the OpenAPI document. */
export const WEBHOOK_EXAMPLES = {
  requests: {
    message: {
      summary: 'A text message',
      value: {
        message_id: 'msg-001',
        from: '+14155550100',
        to: '+14155550101',
        ts: '2024-01-01T10:00:00Z',
        text: 'Hello',
      },
    },
    longSpellings: {
      summary: 'The same fields with from_msisdn and to_msisdn, and no text',
      value: {
        message_id: 'msg-002',
        from_msisdn: '+14155550100',
        to_msisdn: '+14155550101',
        ts: '2024-01-01T10:00:00.250Z',
        text: null,
      },
    },
    invalidSender: {
      summary: 'An invalid sender, answered with 422',
      value: { message_id: 'msg-003', from: '14155550100', to: '+14155550101', ts: '2024-01-01T10:00:00Z' },
    },
  },
  validationError: {
    detail: [{ loc: ['body', 'from'], msg: 'from must be + followed by 1 to 15 digits', type: 'string_pattern_mismatch' }],
  },
};

import { Message } from './message.entity';

/** A message as the API returns it. */
export interface MessageResponse {
  message_id: string;
  from_msisdn: string;
  to_msisdn: string;
  ts: string;
  text: string | null;
  created_at: string;
}

/**
 * One page of `GET /messages`. `total` counts every match of the filters, ignoring `limit`,
 * `offset` and `cursor`. `next_cursor` continues after the last item, or is null on the last page.
 */
export interface MessagePageResponse {
  data: MessageResponse[];
  total: number;
  limit: number;
  offset: number;
  next_cursor: string | null;
}

export function toMessageResponse(message: Message): MessageResponse {
  return {
    message_id: message.messageId,
    from_msisdn: message.fromMsisdn,
    to_msisdn: message.toMsisdn,
    ts: message.ts,
    text: message.text,
    created_at: message.createdAt,
  };
}

/** One sender's message count in `GET /stats`. */
export interface SenderCount {
  from_msisdn: string;
  count: number;
}

/** Body of `GET /stats`; the timestamps are `ts` values as received, null with no messages. */
export interface StatsResponse {
  total_messages: number;
  senders_count: number;
  messages_per_sender: SenderCount[];
  first_message_ts: string | null;
  last_message_ts: string | null;
}

/** A validated message ready to store, with the API's field names. */
export interface NewMessage {
  message_id: string;
  from_msisdn: string;
  to_msisdn: string;
  ts: string;
  text: string | null;
}

/** Result of storing a delivery: a new row, or none because the id was already stored. */
export type StoreResult = 'created' | 'duplicate';

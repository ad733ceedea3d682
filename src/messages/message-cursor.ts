/** Position after which the next page starts: the `(ts_key, message_id)` of the last item. */
export interface MessageCursor {
  tsKey: string;
  messageId: string;
}

/** Encodes a position as an opaque URL-safe token. */
export function encodeCursor(cursor: MessageCursor): string {
  return Buffer.from(JSON.stringify([cursor.tsKey, cursor.messageId]), 'utf8').toString('base64url');
}

/** Decodes a token from `encodeCursor`, or returns undefined when it is not one. */
export function decodeCursor(token: string): MessageCursor | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      typeof decoded[1] === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/.test(decoded[0])
    ) {
      return { tsKey: decoded[0], messageId: decoded[1] };
    }
  } catch {
    // Not base64url JSON: reported as invalid below.
  }

  return undefined;
}

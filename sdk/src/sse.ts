/** One server-sent event, as the EventSource standard dispatches it. */
export interface SseMessage {
  /** The `event:` field; `message` when the event named none. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The `id:` field, when the event had one. */
  id: string | undefined;
}

/**
 * Parses a `text/event-stream` body into events, following the HTML standard's rules: lines end in
 * LF, CRLF or CR; `:` starts a comment (keep-alives); `data:` lines of one event are joined with a newline;
 * an event is dispatched at a blank line, and one without data is dropped. Releasing the iterator early
 * (break, return, throw) cancels the body, which closes the connection.
 */
export async function* parseSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let finished = false;
  try {
    while (!finished) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        // Servers that end without the final blank line still deliver their last event.
        buffer += decoder.decode() + '\n\n';
      } else {
        buffer += decoder.decode(value, { stream: true });
      }
      let start = 0;
      for (;;) {
        const end = lineEnd(buffer, start);
        if (end === -1) break;
        // A CR that ends the buffer may be the first half of a CRLF split across chunks: wait for more.
        if (buffer[end] === '\r' && end + 1 === buffer.length && !finished) break;
        const line = buffer.slice(start, end);
        start = buffer.startsWith('\r\n', end) ? end + 2 : end + 1;
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), id };
          data = [];
          event = '';
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let fieldValue = colon === -1 ? '' : line.slice(colon + 1);
        if (fieldValue.startsWith(' ')) fieldValue = fieldValue.slice(1);
        if (field === 'data') data.push(fieldValue);
        else if (field === 'event') event = fieldValue;
        else if (field === 'id' && !fieldValue.includes('\0')) id = fieldValue;
      }
      buffer = buffer.slice(start);
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function lineEnd(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (cr === -1) return lf;
  if (lf === -1) return cr;
  return Math.min(cr, lf);
}

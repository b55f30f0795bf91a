export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseClient {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  comments: number;
  ended: boolean;
  waitFor(pred: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  close(): void;
}

/** Reads a text/event-stream with node's fetch, collecting events as they arrive. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ac.signal });
  const client: SseClient = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events: [],
    comments: 0,
    ended: false,
    async waitFor(pred, ms = 5_000) {
      const until = Date.now() + ms;
      for (;;) {
        const hit = client.events.find(pred);
        if (hit) return hit;
        if (client.ended) throw new Error('stream ended');
        if (Date.now() > until)
          throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(client.events)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => ac.abort(),
  };
  if (!res.body) return client;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let event = 'message';
          const data: string[] = [];
          let isComment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            isComment = false;
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (isComment) client.comments++;
          else if (data.length > 0) client.events.push({ event, data: JSON.parse(data.join('\n')) });
        }
      }
    } catch {
      // aborted by close()
    } finally {
      client.ended = true;
    }
  })();
  return client;
}

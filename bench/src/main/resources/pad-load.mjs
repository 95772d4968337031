// Real Yjs clients (the yjs and y-protocols the page bundles) on the pad WebSocket, for
// the bench's edit-propagation figures. Reads one JSON job on stdin, writes one JSON
// answer on stdout. A writer types one character at a time into files/<file>; every
// other participant of the same pad notes when each character arrives, by the writer's
// Yjs clock, so all times come from this one process's clock.
import * as Y from 'yjs';
import * as sync from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { performance } from 'node:perf_hooks';

const SYNC = 0;

function connect(url, token) {
  const doc = new Y.Doc();
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
  ws.binaryType = 'arraybuffer';
  const client = { doc, ws, synced: null, errors: [] };
  client.synced = new Promise((resolve, reject) => {
    ws.onerror = () => reject(new Error(`socket error on ${url}`));
    ws.onclose = (e) => reject(new Error(`socket closed on ${url}: ${e.code} ${e.reason}`));
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') {
        const m = JSON.parse(event.data);
        if (m.type === 'error') client.errors.push(m);
        return;
      }
      const decoder = decoding.createDecoder(new Uint8Array(event.data));
      if (decoding.readVarUint(decoder) !== SYNC) return;
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, SYNC);
      const kind = sync.readSyncMessage(decoder, reply, doc, 'remote');
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
      if (kind === sync.messageYjsSyncStep2) resolve(client);
    };
    ws.onopen = () => {
      const hello = encoding.createEncoder();
      encoding.writeVarUint(hello, SYNC);
      sync.writeSyncStep1(hello, doc);
      ws.send(encoding.toUint8Array(hello));
    };
  });
  doc.on('update', (update, origin) => {
    if (origin === 'remote' || ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, SYNC);
    sync.writeUpdate(e, update);
    ws.send(encoding.toUint8Array(e));
  });
  return client;
}

async function waitFor(check, what, ms = 20000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function scenario(job, s) {
  const rooms = [];
  for (const pad of s.pads) {
    const url = `${job.ws}/api/v1/pads/${pad.id}/live`;
    const clients = await Promise.all(pad.tokens.map((t) => connect(url, t).synced));
    rooms.push(clients);
  }
  for (const clients of rooms)
    await waitFor(() => clients.every((c) => c.doc.getMap('files').get(job.file) instanceof Y.Text), `${job.file} in every doc`);
  const latencies = [];
  await Promise.all(rooms.map(async (clients) => {
    const [writer, ...readers] = clients;
    const text = writer.doc.getMap('files').get(job.file);
    const base = Y.getState(writer.doc.store, writer.doc.clientID);
    const sent = new Array(s.keys);
    const arrived = readers.map(() => 0);
    readers.forEach((r, i) => r.doc.on('update', (update, origin) => {
      if (origin !== 'remote') return;
      const now = performance.now();
      for (const struct of Y.decodeUpdate(update).structs) {
        if (struct.id.client !== writer.doc.clientID) continue;
        for (let k = struct.id.clock - base; k < struct.id.clock - base + struct.length; k++) {
          if (k >= 0 && k < s.keys && sent[k] !== undefined) latencies.push(Math.round((now - sent[k]) * 1000));
        }
        arrived[i] = Math.max(arrived[i], struct.id.clock - base + struct.length);
      }
    }));
    for (let k = 0; k < s.keys; k++) {
      sent[k] = performance.now();
      text.insert(text.length, String.fromCharCode(97 + (k % 26)));
      await new Promise((r) => setTimeout(r, s.paceMs));
    }
    await waitFor(() => arrived.every((a) => a >= s.keys), 'every keystroke at every reader');
  }));
  const errors = rooms.flat().flatMap((c) => c.errors);
  for (const c of rooms.flat()) { c.ws.onclose = null; c.ws.close(); }
  return { name: s.name, latenciesMicros: latencies, errors };
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const results = [];
for (const s of job.scenarios) {
  results.push(await scenario(job, s));
  if (job.pauseMs) await new Promise((r) => setTimeout(r, job.pauseMs));
}
process.stdout.write(JSON.stringify({ results }));

// The pad's shared document over WebSocket /api/v1/pads/{id}/live: y-websocket's framing (binary
// frames: 0 sync step1/step2/update, 1 awareness, 3 query awareness) and JSON text frames for runs,
// presence, the pad's state and errors. After a drop (a server restart, the network) it reconnects
// with backoff and syncs again both ways: the CRDT merges what was typed meanwhile.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as sync from 'y-protocols/sync';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { socketUrl } from '../shared/api';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'refused';

export interface PadSocketEvents {
  /** A JSON text frame from the server. */
  message(m: any): void;
  /** The connection changed; `detail` says why when it is not online. */
  state(state: Connection, detail: string | null): void;
  /** The first full sync after a (re)connect. */
  synced(): void;
}

export class PadSocket {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: number | undefined;
  private stopped = false;
  private everOpen = false;
  synced = false;
  state: Connection = 'connecting';

  constructor(private readonly padId: number, private readonly on: PadSocketEvents,
    private readonly explainRefusal: () => Promise<string | null>) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.sendBinary(encoding.encode((e) => { encoding.writeVarUint(e, MESSAGE_SYNC); sync.writeUpdate(e, update); }));
    });
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === this) return; // what the server told us goes back to no one
      const changed = [...added, ...updated, ...removed].filter((c) => c === this.doc.clientID);
      if (changed.length) this.sendBinary(this.awarenessFrame(changed));
    });
    addEventListener('pagehide', () => this.stop());
  }

  connect(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const socket = new WebSocket(socketUrl(`/api/v1/pads/${this.padId}/live`));
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let greeted = false;
    socket.onopen = () => {
      this.sendBinary(encoding.encode((e) => { encoding.writeVarUint(e, MESSAGE_SYNC); sync.writeSyncStep1(e, this.doc); }));
      if (this.awareness.getLocalState() !== null) this.sendBinary(this.awarenessFrame([this.doc.clientID]));
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      if (typeof event.data === 'string') {
        let m: any;
        try { m = JSON.parse(event.data); } catch { return; }
        if (m?.type === 'welcome') { greeted = true; this.everOpen = true; this.attempt = 0; this.setState('online', null); }
        this.on.message(m);
      } else {
        greeted = true;
        this.receive(new Uint8Array(event.data as ArrayBuffer));
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.synced = false;
      const others = [...this.awareness.getStates().keys()].filter((c) => c !== this.doc.clientID);
      removeAwarenessStates(this.awareness, others, this);
      if (this.stopped) return;
      void this.afterClose(greeted, event.reason);
    };
  }

  private async afterClose(greeted: boolean, reason: string): Promise<void> {
    // A handshake refused for good (not a participant, signed out) is not retried.
    const refusal = greeted ? null : await this.explainRefusal();
    if (refusal) { this.setState('refused', refusal); return; }
    this.attempt = Math.min(this.attempt + 1, 6);
    const delay = Math.min(5000, 250 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    const why = reason ? `${reason} ` : this.everOpen ? 'The connection to the server was lost. ' : '';
    this.setState('reconnecting', `${why}Reconnecting…`);
    this.timer = window.setTimeout(() => this.connect(), delay);
  }

  /** Sends a JSON message; false when offline (the caller says so). */
  send(message: object): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Drops the connection as a network failure would (for tests and "Reconnect now"). */
  drop(): void { this.socket?.close(); }

  reconnectNow(): void { if (this.state !== 'online') { this.attempt = 0; this.connect(); } }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    const socket = this.socket;
    this.socket = null; // nothing more from it reaches this document
    socket?.close();
  }

  /** Stops, and lets the document and its awareness go (a page that rebuilds from the server). */
  destroy(): void {
    this.stop();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private receive(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const kind = sync.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) this.sendBinary(encoding.toUint8Array(encoder));
      if (kind === sync.messageYjsSyncStep2 && !this.synced) { this.synced = true; this.on.synced(); }
    } else if (type === MESSAGE_AWARENESS) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      this.sendBinary(this.awarenessFrame([this.doc.clientID]));
    }
  }

  private awarenessFrame(clients: number[]): Uint8Array {
    return encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(e, encodeAwarenessUpdate(this.awareness, clients));
    });
  }

  private sendBinary(bytes: Uint8Array): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }

  private setState(state: Connection, detail: string | null): void {
    this.state = state;
    this.on.state(state, detail);
  }
}

// The real yjs and y-protocols, driven by the Java tests over stdin/stdout: one JSON
// request per line, one JSON answer per line; bytes travel as base64.
// The Java side passes the front end's node_modules directory in SANDLOT_NODE_MODULES.
import { createRequire } from 'node:module'
import * as path from 'node:path'
import * as readline from 'node:readline'

const modules = process.env.SANDLOT_NODE_MODULES
if (!modules) {
  throw new Error('SANDLOT_NODE_MODULES is not set')
}
const require = createRequire(path.join(modules, 'fixture-anchor.js'))
const Y = require('yjs')
const syncProtocol = require('y-protocols/sync')
const awarenessProtocol = require('y-protocols/awareness')
const encoding = require('lib0/encoding')
const decoding = require('lib0/decoding')

const b64 = bytes => Buffer.from(bytes).toString('base64')
const unb64 = s => new Uint8Array(Buffer.from(s, 'base64'))

// mulberry32: small, seedable, the same sequence on every machine
const prng = seed => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = ['a', 'b', 'c', 'xyz', ' ', '\n', '\t', 'é', '中文', '😀', '👍🏽', 'ñ', '{}', 'println("hi");', '🇩🇪', '\u0301']
const KEYS = ['main.py', 'a.txt', 'src/App.java', 'notes.md', 'x']

const texts = doc => {
  const out = {}
  doc.getMap('files').forEach((value, key) => {
    if (value instanceof Y.Text) {
      out[key] = value.toString()
    }
  })
  return out
}

const sorted = obj => JSON.stringify(Object.keys(obj).sort().map(k => [k, obj[k]]))

const randomString = rnd => {
  let s = ''
  const n = 1 + Math.floor(rnd() * 4)
  for (let i = 0; i < n; i++) {
    s += PIECES[Math.floor(rnd() * PIECES.length)]
  }
  return s
}

const randomAny = (rnd, depth = 0) => {
  const k = Math.floor(rnd() * (depth > 2 ? 8 : 10))
  switch (k) {
    case 0: return null
    case 1: return rnd() < 0.5
    case 2: return Math.floor(rnd() * 2000) - 1000
    case 3: return rnd() * 1e6
    case 4: return 2 ** 40 + Math.floor(rnd() * 1000)
    case 5: return randomString(rnd)
    case 6: return new Uint8Array([1, 2, Math.floor(rnd() * 256)])
    case 7: return BigInt(Math.floor(rnd() * 1e9)) * 1000000000n
    case 8: return [randomAny(rnd, depth + 1), randomAny(rnd, depth + 1)]
    default: return { k: randomAny(rnd, depth + 1), 'ü': randomAny(rnd, depth + 1) }
  }
}

// Y.Array takes no bare bigint
const listValue = v => typeof v === 'bigint' ? [v] : v

const pick = (rnd, arr) => arr[Math.floor(rnd() * arr.length)]

// one random edit on doc, in the shapes the pad uses plus some it does not
const randomEdit = (rnd, doc, rich) => {
  const files = doc.getMap('files')
  const present = Array.from(files.keys()).filter(k => files.get(k) instanceof Y.Text)
  const r = rnd()
  if (present.length === 0 || r < 0.08) {
    files.set(pick(rnd, KEYS), new Y.Text(randomString(rnd)))
  } else if (r < 0.5) {
    const t = files.get(pick(rnd, present))
    t.insert(Math.floor(rnd() * (t.length + 1)), randomString(rnd))
  } else if (r < 0.72) {
    const t = files.get(pick(rnd, present))
    if (t.length > 0) {
      const at = Math.floor(rnd() * t.length)
      t.delete(at, 1 + Math.floor(rnd() * Math.min(6, t.length - at)))
    }
  } else if (r < 0.77) {
    files.delete(pick(rnd, present))
  } else if (r < 0.83) {
    const from = pick(rnd, present)
    const to = pick(rnd, KEYS)
    if (from !== to) {
      doc.transact(() => {
        files.set(to, new Y.Text(files.get(from).toString()))
        files.delete(from)
      })
    }
  } else if (r < 0.87) {
    files.set(pick(rnd, present), new Y.Text(randomString(rnd)))
  } else if (!rich) {
    const t = files.get(pick(rnd, present))
    t.insert(Math.floor(rnd() * (t.length + 1)), randomString(rnd))
  } else if (r < 0.9) {
    files.set('meta', randomAny(rnd))
  } else if (r < 0.93) {
    const arr = doc.getArray('other')
    const k = Math.floor(rnd() * 5)
    if (k === 0) {
      const m = new Y.Map()
      arr.insert(0, [m])
      m.set('deep', new Y.Array())
      m.get('deep').push([listValue(randomAny(rnd)), new Y.Text('nested')])
    } else if (k === 1) {
      arr.push([listValue(randomAny(rnd)), listValue(randomAny(rnd)), listValue(randomAny(rnd))])
    } else if (k === 2 && arr.length > 0) {
      arr.delete(Math.floor(rnd() * arr.length), 1)
    } else if (k === 3) {
      arr.push([new Y.Doc({ guid: 'sub-' + Math.floor(rnd() * 100) })])
    } else {
      const frag = new Y.XmlFragment()
      arr.push([frag])
      const el = new Y.XmlElement('p')
      frag.insert(0, [el, new Y.XmlText('hello')])
      el.setAttribute('class', 'x')
    }
  } else {
    const t = files.get(pick(rnd, present))
    const at = Math.floor(rnd() * (t.length + 1))
    const k = Math.floor(rnd() * 3)
    if (k === 0) {
      t.insert(at, randomString(rnd), { bold: true })
    } else if (k === 1) {
      t.insertEmbed(at, { image: 'x.png' })
    } else if (t.length > at) {
      t.format(at, Math.min(3, t.length - at), { italic: rnd() < 0.5 ? true : null })
    }
  }
}

const syncAll = docs => {
  for (let round = 0; round < 2; round++) {
    for (const a of docs) {
      for (const b of docs) {
        if (a !== b) {
          Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'sync')
        }
      }
    }
  }
}

// N docs edit concurrently with partial syncs; every update any doc emits, in order
const scenario = ({ seed, docs: n = 3, steps = 40, rich = true }) => {
  const rnd = prng(seed)
  const docs = []
  const updates = []
  const localUpdates = []
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc()
    doc.clientID = 1000 + seed * 10 + i
    const index = i
    doc.on('update', (update, origin) => {
      updates.push({ doc: index, origin: typeof origin === 'string' ? origin : 'local', update: b64(update) })
      if (origin !== 'sync' && origin !== 'relay') {
        localUpdates.push(update)
      }
    })
    docs.push(doc)
  }
  let snapshot = null
  for (let s = 0; s < steps; s++) {
    randomEdit(rnd, pick(rnd, docs), rich)
    const r = rnd()
    if (r < 0.2) {
      const a = pick(rnd, docs)
      const b = pick(rnd, docs)
      if (a !== b) {
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'sync')
      }
    } else if (r < 0.35 && localUpdates.length > 0) {
      // relay one recorded update, possibly out of causal order
      Y.applyUpdate(pick(rnd, docs), pick(rnd, localUpdates), 'relay')
    }
    if (s === Math.floor(steps / 2)) {
      snapshot = { update: b64(Y.encodeStateAsUpdate(docs[0])), sv: b64(Y.encodeStateVector(docs[0])) }
    }
  }
  syncAll(docs)
  // yjs itself can diverge when an edit lands inside a surrogate pair (only the docs that
  // split the pair replace its halves with U+FFFD); the Java side is told
  const expected = texts(docs[0])
  const converged = docs.every(d => sorted(texts(d)) === sorted(expected))
  return { updates, texts: expected, converged, snapshot, stateVector: b64(Y.encodeStateVector(docs[0])) }
}

const named = new Map()

const docNamed = name => {
  let entry = named.get(name)
  if (!entry) {
    const doc = new Y.Doc()
    entry = { doc, updates: [] }
    doc.on('update', (update, origin) => {
      if (origin !== 'remote') {
        entry.updates.push(b64(update))
      }
    })
    named.set(name, entry)
  }
  return entry
}

const isPending = doc => doc.store.pendingStructs !== null || doc.store.pendingDs !== null

const commands = {
  scenario,
  // what yjs's own decoder finds in updates: struct clients, inserted text, delete ranges
  summarize: ({ updates }) => ({
    summaries: updates.map(u => {
      const { structs, ds } = Y.decodeUpdate(unb64(u))
      const clients = new Set()
      let insertedChars = 0
      let largestInsert = 0
      for (const s of structs) {
        clients.add(s.id.client)
        if (s.content instanceof Y.ContentString) {
          insertedChars += s.length
          largestInsert = Math.max(largestInsert, s.length)
        }
      }
      let deletedRanges = 0
      ds.clients.forEach(ranges => { deletedRanges += ranges.length })
      return { structClients: Array.from(clients).sort((a, b) => a - b), insertedChars, largestInsert, deletedRanges }
    })
  }),
  // a fresh doc (or a named one) applies updates; reports texts, state vector, pending
  apply: ({ name, updates, diffAgainst, trace }) => {
    const doc = name ? docNamed(name).doc : new Y.Doc()
    const steps = []
    for (const u of updates) {
      Y.applyUpdate(doc, unb64(u), 'remote')
      if (trace) steps.push(texts(doc))
    }
    const out = { texts: texts(doc), steps, stateVector: b64(Y.encodeStateVector(doc)), pending: isPending(doc), update: b64(Y.encodeStateAsUpdate(doc)) }
    if (diffAgainst !== undefined) {
      out.diff = b64(Y.encodeStateAsUpdate(doc, unb64(diffAgainst)))
    }
    return out
  },
  // a named doc makes random local edits (or the given ones); returns the updates it emitted
  edit: ({ name, seed, steps = 1, ops }) => {
    const entry = docNamed(name)
    entry.updates = []
    if (ops) {
      const files = entry.doc.getMap('files')
      for (const op of ops) {
        if (op.op === 'insert') files.get(op.key).insert(op.index, op.text)
        else if (op.op === 'delete') files.get(op.key).delete(op.index, op.length)
        else if (op.op === 'set') files.set(op.key, new Y.Text(op.text))
        else if (op.op === 'remove') files.delete(op.key)
        else if (op.op === 'embed') files.get(op.key).insertEmbed(op.index, { image: 'x.png' })
      }
    } else {
      const rnd = prng(seed)
      for (let i = 0; i < steps; i++) {
        randomEdit(rnd, entry.doc, false)
      }
    }
    return { updates: entry.updates, texts: texts(entry.doc) }
  },
  state: ({ name }) => {
    const doc = docNamed(name).doc
    return { texts: texts(doc), stateVector: b64(Y.encodeStateVector(doc)), update: b64(Y.encodeStateAsUpdate(doc)), pending: isPending(doc) }
  },
  // y-protocols' encoders: sync step 1 and 2, an update, awareness, query awareness
  encodeFrames: ({ states }) => {
    const doc = new Y.Doc()
    doc.getMap('files').set('main.py', new Y.Text('print("hi 😀")\n'))
    const update = Y.encodeStateAsUpdate(doc)
    const frame = write => {
      const encoder = encoding.createEncoder()
      write(encoder)
      return b64(encoding.toUint8Array(encoder))
    }
    const step1 = frame(e => { encoding.writeVarUint(e, 0); syncProtocol.writeSyncStep1(e, doc) })
    const step2 = frame(e => { encoding.writeVarUint(e, 0); syncProtocol.writeSyncStep2(e, doc) })
    const upd = frame(e => { encoding.writeVarUint(e, 0); syncProtocol.writeUpdate(e, update) })
    const awarenessDocs = []
    const entries = []
    const awarenessFrames = []
    for (const s of states) {
      const d = new Y.Doc()
      d.clientID = s.clientId
      const awareness = new awarenessProtocol.Awareness(d)
      for (let i = 0; i < s.bumps; i++) awareness.setLocalState({ ...s.state, bump: i })
      awareness.setLocalState(s.state)
      const meta = awareness.meta.get(s.clientId)
      entries.push({ clientId: s.clientId, clock: meta.clock, stateJson: JSON.stringify(s.state) })
      awarenessDocs.push(awareness)
      const au = awarenessProtocol.encodeAwarenessUpdate(awareness, [s.clientId])
      awarenessFrames.push(frame(e => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, au) }))
    }
    // one update with everybody, and one where the first has left
    const all = new awarenessProtocol.Awareness(new Y.Doc())
    for (const a of awarenessDocs) {
      awarenessProtocol.applyAwarenessUpdate(all, awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID]), 'x')
    }
    const combined = b64(awarenessProtocol.encodeAwarenessUpdate(all, awarenessDocs.map(a => a.clientID)))
    awarenessDocs[0].setLocalState(null)
    const left = b64(awarenessProtocol.encodeAwarenessUpdate(awarenessDocs[0], [awarenessDocs[0].clientID]))
    const leftClock = awarenessDocs[0].meta.get(awarenessDocs[0].clientID).clock
    for (const a of [all, ...awarenessDocs]) a.destroy()
    return {
      step1, step2, update: upd, updateBytes: b64(update), stateVector: b64(Y.encodeStateVector(doc)),
      awarenessFrames, entries, combined, left, leftClock, queryAwareness: frame(e => encoding.writeVarUint(e, 3)),
      texts: texts(doc)
    }
  },
  // y-protocols' decoders on frames the Java side wrote
  decodeFrames: ({ frames }) => {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    const results = []
    for (const f of frames) {
      const decoder = decoding.createDecoder(unb64(f))
      const type = decoding.readVarUint(decoder)
      if (type === 0) {
        const reply = encoding.createEncoder()
        const syncType = syncProtocol.readSyncMessage(decoder, reply, doc, 'remote')
        const out = { type, syncType }
        if (syncType === 0) {
          // the reply to step 1 is our step 2; report the state vector it answered
          const rd = decoding.createDecoder(unb64(f))
          decoding.readVarUint(rd)
          decoding.readVarUint(rd)
          out.stateVector = b64(decoding.readVarUint8Array(rd))
        }
        out.rest = decoding.hasContent(decoder)
        results.push(out)
      } else if (type === 1) {
        awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'remote')
        results.push({ type, rest: decoding.hasContent(decoder) })
      } else {
        results.push({ type, rest: decoding.hasContent(decoder) })
      }
    }
    const states = []
    awareness.getStates().forEach((state, clientId) => {
      if (clientId !== awareness.clientID) {
        states.push({ clientId, clock: awareness.meta.get(clientId).clock, state })
      }
    })
    awareness.destroy()
    return { results, texts: texts(doc), states }
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
rl.on('line', line => {
  let answer
  try {
    const request = JSON.parse(line)
    const command = commands[request.cmd]
    if (!command) {
      throw new Error('unknown command ' + request.cmd)
    }
    answer = { ok: true, ...command(request) }
  } catch (e) {
    answer = { ok: false, error: String(e && e.stack ? e.stack : e) }
  }
  process.stdout.write(JSON.stringify(answer) + '\n')
})
// awareness instances keep a timer; the Java side closing stdin ends the process
rl.on('close', () => process.exit(0))

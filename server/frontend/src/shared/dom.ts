/** The element with this id. Typed loosely: pages know what their own ids hold. */
export const $ = (id: string): any => document.getElementById(id);

type Child = Node | string | null | undefined | false;

/** A new element: attributes as strings, `class`, and `on…` handlers; children appended in order. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {},
  ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = String(v);
    else if (k.startsWith('on')) (e as any)[k] = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

export const when = (iso?: string | null): string => (iso ? new Date(iso).toLocaleString() : '');

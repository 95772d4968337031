// Bundles the pages' TypeScript modules into the server's static assets:
//   node build.mjs [outdir]   (default ../target/classes/static/app, which Maven packs into the jar)
// One ES-module bundle and one stylesheet per page, shared chunks between them, and Monaco's
// editor worker as a classic script. Writes meta.json, which the benchmark reads for sizes.
// SANDLOT_SOURCEMAP=1 adds source maps. Each bundle also gets .br and .gz beside it.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

const outdir = process.argv[2] ?? '../target/classes/static/app';
rmSync(outdir, { recursive: true, force: true });
const common = { bundle: true, minify: true, sourcemap: process.env.SANDLOT_SOURCEMAP === '1' ? 'linked' : false, target: 'es2022', legalComments: 'eof', logLevel: 'warning' };

const pages = await esbuild.build({
  ...common,
  entryPoints: { playground: 'src/pages/playground.ts', review: 'src/pages/review.ts', admin: 'src/pages/admin.ts', account: 'src/pages/account.ts', pad: 'src/pages/pad.ts', join: 'src/pages/join.ts' },
  outdir, format: 'esm', splitting: true, metafile: true,
  entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]', assetNames: 'assets/[name]-[hash]',
  loader: { '.ttf': 'file' },
});
const worker = await esbuild.build({
  ...common,
  entryPoints: { 'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js' },
  outdir, format: 'iife', metafile: true,
});
mkdirSync(outdir, { recursive: true });
const outputs = { ...pages.metafile.outputs, ...worker.metafile.outputs };
const name = (file) => relative(outdir, file);
writeFileSync(join(outdir, 'meta.json'), JSON.stringify({ outputs: Object.fromEntries(Object.entries(outputs)
  .map(([file, o]) => [name(file), { bytes: o.bytes, entryPoint: o.entryPoint ?? null,
    imports: o.imports.filter((i) => i.kind === 'import-statement').map((i) => name(i.path)) }])) }));

// Served as they are by the server (Accept-Encoding), so no request pays for compressing.
for (const file of Object.keys(outputs).filter((f) => /\.(js|css|ttf)$/.test(f))) {
  const body = readFileSync(file);
  if (body.length < 1024) continue;
  writeFileSync(file + '.gz', gzipSync(body, { level: 9 }));
  writeFileSync(file + '.br', brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } }));
}

// The pages' HTML (src/pages/*.html) goes beside app/, each with a modulepreload for every chunk
// its entry imports, so the browser fetches them with the entry instead of after parsing it.
const meta = JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8')).outputs;
const chunksOf = (file, seen = new Set()) => {
  for (const imported of meta[file]?.imports ?? []) if (!seen.has(imported)) { seen.add(imported); chunksOf(imported, seen); }
  return seen;
};
for (const html of readdirSync('src/pages').filter((f) => f.endsWith('.html'))) {
  const text = readFileSync(join('src/pages', html), 'utf8');
  const page = /<script type="module" src="\/app\/([\w-]+)\.js"><\/script>/.exec(text);
  if (!page) throw new Error(`src/pages/${html} loads no /app/<page>.js module`);
  const preloads = [...chunksOf(`${page[1]}.js`)].map((c) => `<link rel="modulepreload" href="/app/${c}">`).join('\n');
  writeFileSync(join(outdir, '..', html), text.replace(page[0], `${page[0]}\n${preloads}`));
}

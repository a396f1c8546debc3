'use strict';
// Regenerates libs/contracts/src/generated from proto/ (ADR 0003): `buf lint`, then
// `buf generate` with the local ts-proto plugin named in buf.gen.yaml. Offline: buf and
// ts-proto come from node_modules; google/protobuf well-known types are built into buf.
//
//   node tools/proto/generate.cjs              lint, then regenerate in place
//   node tools/proto/generate.cjs --out <dir>  regenerate into <dir>/libs/contracts/src/generated
//                                              (used by the freshness test)
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const GENERATED_DIR = path.join('libs', 'contracts', 'src', 'generated');
const BUF = require.resolve('@bufbuild/buf/bin/buf', { paths: [ROOT] });
const HEADER =
  '// Generated from proto/ by `npm run proto:generate` (buf.gen.yaml, ts-proto).\n' +
  '// Never edit by hand: change the .proto file and regenerate.\n';

function buf(args) {
  execFileSync(process.execPath, [BUF, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function lint() {
  buf(['lint']);
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Generates into `<outBase>/libs/contracts/src/generated` and returns that directory. */
function generate(outBase = ROOT) {
  const args = ['generate', '--template', 'buf.gen.yaml'];
  if (path.resolve(outBase) !== ROOT) args.push('--output', path.resolve(outBase));
  buf(args);
  const dir = path.join(path.resolve(outBase), GENERATED_DIR);
  for (const file of listFiles(dir)) {
    const full = path.join(dir, file);
    fs.writeFileSync(full, HEADER + fs.readFileSync(full, 'utf8'));
  }
  return dir;
}

module.exports = { ROOT, GENERATED_DIR, lint, generate, listFiles };

if (require.main === module) {
  const outIndex = process.argv.indexOf('--out');
  const outBase = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
  if (outIndex >= 0 && !outBase) {
    console.error('usage: node tools/proto/generate.cjs [--out <dir>]');
    process.exit(2);
  }
  if (outBase === undefined) lint();
  const dir = generate(outBase ?? ROOT);
  console.log(
    `generated ${listFiles(dir).length} files into ${path.relative(process.cwd(), dir) || '.'}`,
  );
}

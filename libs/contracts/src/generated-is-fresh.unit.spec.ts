import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GENERATED = path.join('libs', 'contracts', 'src', 'generated');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

function run(args: string[]): void {
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
}

describe('contracts generated from proto/', () => {
  let outBase: string;

  beforeAll(() => {
    outBase = fs.mkdtempSync(path.join(os.tmpdir(), 'cuakhau-contracts-'));
  });

  afterAll(() => {
    fs.rmSync(outBase, { recursive: true, force: true });
  });

  it('pass buf lint (STANDARD)', () => {
    expect(() => run([require.resolve('@bufbuild/buf/bin/buf'), 'lint'])).not.toThrow();
  });

  it('are committed exactly as `npm run proto:generate` produces them', () => {
    run([path.join('tools', 'proto', 'generate.cjs'), '--out', outBase]);
    const fresh = path.join(outBase, GENERATED);
    const committed = path.join(ROOT, GENERATED);
    const freshFiles = filesUnder(fresh);
    const committedFiles = filesUnder(committed);
    expect(freshFiles.length).toBeGreaterThan(0);

    const problems = [
      ...freshFiles
        .filter((file) => !committedFiles.includes(file))
        .map((file) => `missing: ${path.join(GENERATED, file)}`),
      ...committedFiles
        .filter((file) => !freshFiles.includes(file))
        .map((file) => `no longer generated: ${path.join(GENERATED, file)}`),
      ...freshFiles
        .filter((file) => committedFiles.includes(file))
        .filter(
          (file) =>
            fs.readFileSync(path.join(fresh, file), 'utf8') !==
            fs.readFileSync(path.join(committed, file), 'utf8'),
        )
        .map((file) => `stale: ${path.join(GENERATED, file)}`),
    ];
    // Fix: `npm run proto:generate`, then commit libs/contracts/src/generated.
    expect(problems).toEqual([]);
  });
});

import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

/**
 * Renders the web app's React components to static HTML in the unit tier (jest, node
 * environment), in a chosen language.
 *
 * Why this bridge: the repository's one test runner is jest (the issue asked for Vitest),
 * and its transform compiles `.ts` only — the components are `.tsx`, and there is no DOM
 * environment (jest-environment-jsdom is not installed). So the components are loaded
 * through Node's own `require` with a `.tsx` hook (SWC, the same options as everywhere plus
 * JSX), outside jest's module registry: React, react-i18next and i18next then come from one
 * place, and `react-dom/server` renders what a first paint shows. Effects do not run, so
 * what these tests see is markup: labels, errors, translations, formatting. Interaction is
 * the browser journeys' job (services/web/test/journeys.e2e.spec.ts).
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const WEB_SRC = path.resolve(__dirname, '..', '..', 'src');

interface CompilingModule {
  _compile(code: string, filename: string): void;
}
type Extensions = Record<string, (module: CompilingModule, filename: string) => void>;

interface NodeModuleApi {
  new (id: string): { filename: string; paths: string[] };
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _nodeModulePaths(directory: string): string[];
  _extensions: Extensions;
}

/**
 * Node's own `require` (jest replaces `createRequire` with its registry): a real parent
 * module here, and `Module._load` from it.
 */
const NodeModule = Module as unknown as NodeModuleApi;
const parent = new NodeModule(__filename);
parent.filename = __filename;
parent.paths = NodeModule._nodeModulePaths(__dirname);
function nodeRequire(request: string): unknown {
  return NodeModule._load(request, parent, false);
}

function installTsxHook(): void {
  // `.ts` through the repository's runtime hook (tools/runtime/register.cjs) …
  nodeRequire(path.join(REPO_ROOT, 'tools', 'runtime', 'register.cjs'));
  const extensions = NodeModule._extensions;
  if (extensions['.tsx'] !== undefined) return;
  const swc = nodeRequire('@swc/core') as typeof import('@swc/core');
  const base = nodeRequire(path.join(REPO_ROOT, 'tools', 'runtime', 'swc-options.cjs')) as {
    jsc: { transform: Record<string, unknown> } & Record<string, unknown>;
  } & Record<string, unknown>;
  // … and `.tsx` with the automatic JSX runtime, as Vite builds it.
  extensions['.tsx'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      ...base,
      filename,
      jsc: {
        ...base.jsc,
        parser: { syntax: 'typescript', tsx: true },
        transform: { ...base.jsc.transform, react: { runtime: 'automatic' } },
      },
    });
    module._compile(code, filename);
  };
}

installTsxHook();

/** A module of services/web/src (`pages/yard-page`), loaded by Node with the hooks above. */
export function webModule<T>(name: string): T {
  return nodeRequire(path.join(WEB_SRC, name)) as T;
}

type Language = 'vi' | 'en' | 'zh-CN';

/**
 * A function component of the app as these tests see it. (The root typecheck has no JSX
 * setting, so the `.tsx` modules' own types stay out of the test files; services/web's
 * tsconfig checks the components themselves.)
 */
export type WebComponent<P> = (props: P) => unknown;

const react = nodeRequire('react') as typeof import('react');
const server = nodeRequire('react-dom/server') as typeof import('react-dom/server');
const i18n = webModule<typeof import('../../src/i18n/i18n')>('i18n/i18n');
const appContext = webModule<{ AppContext: import('react').Context<unknown> }>('app-context');
let ready: ReturnType<typeof i18n.initI18n> | undefined;

/** `component` with `props`, rendered to HTML in `language` (an app context around it). */
export async function renderToHtml<P extends object>(
  component: WebComponent<P>,
  props: P,
  language: Language = 'vi',
  context: Readonly<Record<string, unknown>> = {},
): Promise<string> {
  ready ??= i18n.initI18n(language);
  const i18next = await ready;
  await i18next.changeLanguage(language);
  const value = {
    me: null,
    language,
    navigate: () => undefined,
    signedIn: () => undefined,
    ...context,
  };
  return server.renderToStaticMarkup(
    react.createElement(
      appContext.AppContext.Provider,
      { value },
      react.createElement(component as unknown as import('react').FunctionComponent<P>, props),
    ),
  );
}

/** The visible text of some HTML (tags out, entities decoded, spaces collapsed). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every `<input>`/`<textarea>`/`<select>` id without a `<label for>` naming it. */
export function unlabelledControls(html: string): string[] {
  const labelled = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]));
  const wrapped = [...html.matchAll(/<label[^>]*>(?:(?!<\/label>)[\s\S])*<\/label>/g)].map(
    (m) => m[0],
  );
  const controls = [...html.matchAll(/<(input|textarea|select)\b[^>]*>/g)].map((m) => m[0]);
  return controls
    .filter((control) => {
      const id = /\sid="([^"]+)"/.exec(control)?.[1];
      if (id !== undefined && labelled.has(id)) return false;
      return !wrapped.some((label) => label.includes(control));
    })
    .map((control) => /\sid="([^"]+)"/.exec(control)?.[1] ?? control);
}

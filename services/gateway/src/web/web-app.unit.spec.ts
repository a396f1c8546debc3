import * as path from 'node:path';
import { fileNameOf, isAppRoute } from './web-app';

const ROOT = path.resolve('/srv/web/dist');

describe('web app routes', () => {
  it.each([
    ['/', true],
    ['/driver', true],
    ['/officer/cases/1?tab=2', true],
    ['/apiary', true],
    ['/api', false],
    ['/api/v1/nope', false],
    ['/api?x=1', false],
    ['/health/live', false],
  ])('%s is a page of the app: %s', (url, expected) => {
    expect(isAppRoute(url)).toBe(expected);
  });

  it.each([
    ['/assets/app-1.js', path.join(ROOT, 'assets', 'app-1.js')],
    ['/index.html?v=1', path.join(ROOT, 'index.html')],
    ['/a%20b.png', path.join(ROOT, 'a b.png')],
    ['/', undefined],
    ['/../secret', undefined],
    ['/%2e%2e/secret', undefined],
    ['/.env', undefined],
    ['/a%00.js', undefined],
    ['/%E0%A4%A', undefined],
  ])('%s names %s', (url, expected) => {
    expect(fileNameOf(ROOT, url)).toBe(expected);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@cuakhau/testing';
import type { Role } from '../src/api/types';
import { menuFor } from '../src/auth/roles';
import { localeOf, type Language } from '../src/format/format';
import { RESOURCES } from '../src/i18n/messages';
import { launchChromium } from './support/chromium';
import { startSystem, type RunningSystem } from './support/system';
import { buildWebAppIfStale, WEB_DIST_DIR } from './support/web-build';

/**
 * Each role's main journey in Debian's Chromium against the whole system: the trader
 * registers and prints the pass, the driver follows the queue live (in three languages) and
 * is told plainly when a plate or pass code is wrong, quarantine clears one shipment and holds
 * another with a reason the trader then reads, the yard calls a truck and matches an unsure
 * camera read, the supervisor reads the report; every role's menu in vi, en and zh-CN.
 */
jest.setTimeout(180_000);

const PASSWORD = 'CuaKhau#2026';
const PLATE = '14C-123.45';
/**
 * The second truck: its plate is read unsure by the camera, and quarantine holds it. Its
 * digits differ per run (the broker is shared: another run's truck must not be a candidate).
 */
const PLATE_2_DIGITS = String(Math.floor(Math.random() * 100_000)).padStart(5, '0');
const PLATE_2 = `29H-${PLATE_2_DIGITS.slice(0, 3)}.${PLATE_2_DIGITS.slice(3)}`;
/** As typed or as the camera normalised it (29H45678). */
const PLATE_2_SHOWN = `29H-?${PLATE_2_DIGITS.slice(0, 3)}\\.?${PLATE_2_DIGITS.slice(3)}`;
const HOLD_REASON = 'Chứng thư kiểm dịch thực vật chưa khớp số lượng';
const LANGUAGES: readonly Language[] = ['vi', 'en', 'zh-CN'];
const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', '.run', 'screenshots');

type Json = Record<string, unknown>;

/**
 * A camera that reads the plate again every second until the queue knows the shipment (its
 * Kafka consumer may still be joining), rather than a flood of unmatched reads.
 */
const READ_AGAIN = { timeoutMs: 60_000, intervalMs: 1_000 };

/** A message of the web app in `language`, with its {{variables}} filled in. */
function message(language: Language, key: string, values: Record<string, string> = {}): string {
  const found = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      RESOURCES[language],
    );
  if (typeof found !== 'string') throw new Error(`no message ${key} in ${language}`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** i18next shows a missing key as the key itself (`yard.match.legend`). */
const RAW_KEY =
  /\b(?:app|menu|common|login|errors|status|agencyStatus|agency|role|shipments?|shipmentForm|detail|step|pass|driver|cases?|yard|priority|reports|audit|goods)\.[A-Za-z]/;

/** The gate's wall clock (UTC+7) an hour from now, as a datetime-local input takes it. */
function inAnHourAtTheGate(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16);
}

describe('web app journeys in Chromium', () => {
  let system: RunningSystem | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  async function api(
    method: string,
    url: string,
    options: { token?: string; apiKey?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: Json }> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${system?.baseUrl ?? ''}/api/v1${url}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
  }

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    if (browser === undefined) throw new Error('no browser');
    const context = await browser.newContext({ locale: 'vi-VN', viewport });
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(username: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${system?.baseUrl ?? ''}/login`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    return page;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    // The pointer out of the way: a chart's hover tooltip is not part of the screen.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /**
   * A signed-in screen in each language (vi → en → zh-CN → vi): the heading, the menu (the
   * role's entries first, translated, and none of another role's), the page language and no
   * untranslated key; a screenshot per language (lang-<who>-<language>.png).
   */
  async function checkMenuInEveryLanguage(
    page: Page,
    who: string,
    role: Role,
    heading: (language: Language) => string,
  ): Promise<void> {
    const own = menuFor(role).map((item) => item.labelKey);
    const othersOnly = menuFor('ADMIN')
      .map((item) => item.labelKey)
      .filter((key) => !own.includes(key));
    let current: Language = 'vi';
    for (const language of [...LANGUAGES, 'vi' as const]) {
      if (language !== current) {
        await page.getByLabel(message(current, 'app.language')).selectOption(language);
        current = language;
      }
      await page.getByRole('heading', { name: heading(language), exact: true }).waitFor();
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe(localeOf(language));
      const menu = page.getByRole('navigation', { name: message(language, 'app.menu') });
      const links = await menu.getByRole('link').allTextContents();
      expect(links.slice(0, own.length)).toEqual(own.map((key) => message(language, key)));
      const notAllowed = new Set(othersOnly.map((key) => message(language, key)));
      expect(links.filter((link) => notAllowed.has(link))).toEqual([]);
      await page
        .getByRole('button', { name: message(language, 'app.logout'), exact: true })
        .waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await screenshot(page, `lang-${who}-${language}`);
    }
  }

  /**
   * On a failure, every open page as it stood (failed-<n>.png) and what each service printed
   * (failed-<service>.log), to see what went wrong.
   */
  async function screenshotEveryPage(): Promise<void> {
    const pages = contexts.flatMap((context) => context.pages());
    for (const [index, page] of pages.entries()) {
      await screenshot(page, `failed-${index + 1}`).catch(() => undefined);
    }
    for (const [name, output] of Object.entries(system?.outputs() ?? {})) {
      fs.writeFileSync(path.join(SCREENSHOTS, `failed-${name}.log`), output);
    }
  }

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    buildWebAppIfStale();
    [system, browser] = await Promise.all([startSystem(WEB_DIST_DIR), launchChromium()]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await system?.stop();
  });

  it('registers, follows, decides, calls and reports through the web app', async () => {
    try {
      await journeys();
    } catch (error) {
      await screenshotEveryPage();
      throw error;
    }
  });

  async function journeys(): Promise<void> {
    const base = system?.baseUrl ?? '';
    const declarationNumber = `30${Date.now().toString().slice(-10)}`;

    // A second shipment (onions: quarantine opens a case), registered over the API first so
    // that every service knows it when its truck reaches the yard.
    const traderToken = String(
      (await api('POST', '/auth/login', { body: { username: 'trader1', password: PASSWORD } }))
        .body['accessToken'],
    );
    const second = await api('POST', '/shipments', {
      token: traderToken,
      body: {
        gateCode: 'MONGCAI',
        direction: 'EXPORT',
        declarationNumber: `31${Date.now().toString().slice(-10)}`,
        plannedArrival: new Date(Date.now() + 30 * 60_000).toISOString(),
        vehicle: { plate: PLATE_2, country: 'VN' },
        driver: { name: 'Trần Thị Bình', documentNumber: 'C7654321', nationality: 'VN' },
        goods: [
          {
            hsCode: '07031019',
            description: 'Hành tây tươi',
            quantity: 9000,
            unit: 'KGM',
            grossKg: 9500,
            valueUsd: 4500,
            origin: 'VN',
          },
        ],
        documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0043' }],
      },
    });
    expect(second.status).toBe(201);
    const secondId = String(second.body['id']);
    const secondPassCode = String(second.body['passCode']);

    // 1. trader1 registers a shipment through the form and sees the pass with its QR code.
    const trader = await signIn('trader1');
    await trader
      .getByRole('navigation')
      .getByRole('link', { name: 'Đăng ký lô hàng', exact: true })
      .click();
    await trader.getByRole('heading', { name: 'Đăng ký lô hàng' }).waitFor();
    await trader.getByLabel('Số tờ khai *', { exact: true }).fill(declarationNumber);
    await trader.getByLabel('Dự kiến đến *', { exact: true }).fill(inAnHourAtTheGate());
    await trader.getByLabel('Biển số xe *', { exact: true }).fill(PLATE);
    await trader.getByLabel('Lái xe *', { exact: true }).fill('Nguyễn Văn An');
    await trader.getByLabel('Số hộ chiếu / giấy thông hành *', { exact: true }).fill('C1234567');
    await trader.getByLabel('Mã HS *', { exact: true }).fill('07031019');
    await trader.getByLabel('Mô tả hàng hóa *', { exact: true }).fill('Hành tây tươi');
    await trader.getByLabel('Số lượng *', { exact: true }).fill('18000');
    await trader.getByLabel('Trọng lượng cả bì (kg) *', { exact: true }).fill('19000');
    await trader.getByLabel('Trị giá (USD) *', { exact: true }).fill('9000');
    await trader.getByRole('button', { name: 'Thêm chứng từ' }).click();
    await trader.getByLabel('Loại chứng từ *', { exact: true }).fill('PHYTO_CERT');
    await trader.getByLabel('Số chứng từ *', { exact: true }).fill('KD-2026-0042');
    await screenshot(trader, '01-trader-form');
    await trader.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await trader.getByRole('heading', { name: `Lô hàng ${declarationNumber}` }).waitFor();
    const shipmentId = trader.url().split('/').pop() ?? '';
    await screenshot(trader, '02-trader-detail');
    await trader.getByRole('link', { name: 'Phiếu thông hành' }).click();
    await trader.getByRole('heading', { name: 'Phiếu thông hành lô hàng' }).waitFor();
    const qr = trader.getByRole('img', { name: `Mã QR trang lái xe của xe biển số ${PLATE}` });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const passCode = ((await trader.locator('.pass-code').textContent()) ?? '').trim();
    expect(passCode).toMatch(/^\S{4,}$/);
    expect(await trader.locator('.pass-link').textContent()).toBe(
      `${base}/driver?${new URLSearchParams({ plate: PLATE, passCode }).toString()}`,
    );
    await screenshot(trader, '03-trader-pass');

    // trader1's menu and the language switch on the shipments list.
    await trader
      .getByRole('navigation')
      .getByRole('link', { name: 'Lô hàng', exact: true })
      .click();
    await trader.getByRole('link', { name: declarationNumber, exact: true }).waitFor();
    await checkMenuInEveryLanguage(trader, 'trader', 'TRADER', (l) =>
      message(l, 'shipments.title'),
    );

    // 2. The driver (no account) enters plate and pass code and sees the position live.
    const driver = await newPage({ width: 390, height: 844 });
    await driver.goto(`${base}/driver`);
    await driver.getByLabel('Biển số xe').fill(PLATE);
    await driver.getByLabel('Mã phiếu').fill(passCode);
    await driver.getByRole('button', { name: 'Xem vị trí' }).click();
    await driver.getByText('Trực tiếp').waitFor();
    await driver.getByText('Đã đăng ký. Hãy đến bãi xe').waitFor();
    // Set once: a reload would drop it, so it proves later changes arrive live.
    await driver.evaluate('window.samePage = true');

    // The yard camera sees the truck: the driver's page follows without a reload.
    await eventually(async () => {
      const answer = await api('POST', '/yard/arrivals', {
        apiKey: system?.cameraKey ?? '',
        body: {
          gateCode: 'MONGCAI',
          plate: PLATE,
          source: 'ANPR',
          cameraId: 'CAM-IN-1',
          confidence: 0.97,
        },
      });
      expect(answer.body).toMatchObject({ matched: true, shipmentId });
    }, READ_AGAIN);
    await driver.getByText('Vị trí của bạn trong hàng chờ:').waitFor();
    await screenshot(driver, '04-driver-position-vi');

    // 3. The language switch changes the visible text: vi → en → zh-CN (and back).
    const language = driver.getByLabel('Ngôn ngữ');
    await language.selectOption('en');
    await driver.getByRole('heading', { name: 'My place in the queue' }).waitFor();
    await driver.getByText('Your position in the queue:').waitFor();
    await screenshot(driver, '05-driver-position-en');
    await driver.getByLabel('Language').selectOption('zh-CN');
    await driver.getByRole('heading', { name: '我的排队位置' }).waitFor();
    expect(await driver.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
    // The queue's explanation follows the language too (not English on a Chinese page).
    const details = driver.locator('p.muted', { hasText: message('zh-CN', 'driver.details') });
    await eventually(async () => {
      const [, explanation = ''] = (await details.innerText()).split(/[:：]\s*/, 2);
      expect(explanation).toMatch(/\p{Script=Han}/u);
    }, READ_AGAIN);
    await screenshot(driver, '06-driver-position-zh');
    await driver.getByLabel('语言').selectOption('vi');
    await driver.getByRole('heading', { name: 'Vị trí của tôi trong hàng chờ' }).waitFor();

    // From the same page the driver sends a complaint and sees it listed, not yet answered.
    const vi = (key: string): string => message('vi', key);
    await driver.getByText(vi('feedback.driver.summary'), { exact: true }).click();
    await driver.getByLabel(vi('feedback.form.kind'), { exact: true }).selectOption('COMPLAINT');
    await driver.getByLabel(vi('feedback.form.agency'), { exact: true }).selectOption('yard');
    const complaint = `Chờ ở cổng vào bãi quá lâu (${declarationNumber})`;
    await driver.getByLabel(vi('feedback.form.message'), { exact: true }).fill(complaint);
    await driver.getByRole('button', { name: vi('feedback.form.submit'), exact: true }).click();
    await driver
      .getByRole('status')
      .filter({ hasText: vi('feedback.form.sent') })
      .waitFor();
    const filed = driver.getByRole('listitem').filter({ hasText: complaint });
    await filed.getByText(vi('feedback.list.noAnswer')).waitFor();
    expect(await filed.innerText()).toContain(
      `${vi('feedback.kind.COMPLAINT')} → ${vi('feedback.agency.yard')}`,
    );
    await screenshot(driver, '04b-driver-complaint-vi');

    // A wrong pass code, then an unknown plate: a plain not-found message, not a crash.
    const lost = await newPage({ width: 390, height: 844 });
    await lost.goto(
      `${base}/driver?${new URLSearchParams({ plate: PLATE, passCode: 'SAI-0000' }).toString()}`,
    );
    await lost
      .getByRole('alert')
      .filter({ hasText: message('vi', 'driver.notFound') })
      .waitFor();
    await lost.getByText(message('vi', 'driver.connection.gone')).waitFor();
    await screenshot(lost, '13-driver-wrong-code-vi');
    await lost.getByRole('button', { name: message('vi', 'driver.other') }).click();
    await lost.getByLabel('Biển số xe').fill('99Z-999.99');
    await lost.getByLabel('Mã phiếu').fill(passCode);
    await lost.getByRole('button', { name: 'Xem vị trí' }).click();
    await lost
      .getByRole('alert')
      .filter({ hasText: message('vi', 'driver.notFound') })
      .waitFor();
    expect(new URL(lost.url()).searchParams.get('plate')).toBe('99Z-999.99');
    await lost.getByLabel('Ngôn ngữ').selectOption('zh-CN');
    await lost
      .getByRole('alert')
      .filter({ hasText: message('zh-CN', 'driver.notFound') })
      .waitFor();
    await screenshot(lost, '14-driver-unknown-plate-zh');
    await lost.getByLabel('语言').selectOption('en');
    await lost
      .getByRole('alert')
      .filter({ hasText: message('en', 'driver.notFound') })
      .waitFor();
    await screenshot(lost, '14-driver-unknown-plate-en');

    // Customs: GREEN clears on data; a sampled or RED case is decided here over the API.
    const customs = (
      await api('POST', '/auth/login', { body: { username: 'customs1', password: PASSWORD } })
    ).body;
    const customsToken = String(customs['accessToken']);
    const customsCase = await eventually(async () => {
      const answer = await api('GET', `/agencies/customs/cases/${shipmentId}`, {
        token: customsToken,
      });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    if (customsCase['status'] !== 'CLEARED') {
      let version = customsCase['version'];
      if (customsCase['channel'] === 'RED') {
        const inspected = await api('POST', `/agencies/customs/cases/${shipmentId}/inspection`, {
          token: customsToken,
          body: {
            findings: 'matches the declaration',
            seals: ['VN-123'],
            expectedVersion: version,
          },
        });
        expect(inspected.status).toBe(200);
        version = inspected.body['version'];
      }
      const decided = await api('POST', `/agencies/customs/cases/${shipmentId}/decision`, {
        token: customsToken,
        body: { decision: 'CLEARED', reason: 'documents checked', expectedVersion: version },
      });
      expect(decided.status).toBe(200);
    }

    // 4. quarantine1 opens the case from the queue and clears it.
    const quarantine = await signIn('quarantine1');
    await quarantine.getByRole('heading', { name: 'Kiểm dịch: danh sách hồ sơ' }).waitFor();
    await checkMenuInEveryLanguage(quarantine, 'quarantine', 'QUARANTINE_OFFICER', (l) =>
      message(l, 'cases.title', { agency: message(l, 'agency.quarantine') }),
    );
    const caseLink = quarantine.getByRole('link', { name: shipmentId, exact: true });
    await eventually(async () => {
      await quarantine.getByRole('button', { name: 'Làm mới' }).click();
      await caseLink.waitFor({ timeout: 1_000 });
    });
    await screenshot(quarantine, '07-quarantine-cases');
    await caseLink.click();
    await quarantine.getByRole('heading', { name: /^Hồ sơ Kiểm dịch/ }).waitFor();
    await quarantine.getByRole('radio', { name: 'Đã thông qua' }).check();
    await quarantine.getByLabel('Lý do').fill('Giấy chứng nhận kiểm dịch hợp lệ');
    await quarantine.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await quarantine.getByText('Đã ghi nhận quyết định.').waitFor();
    await screenshot(quarantine, '08-quarantine-decided');

    // Every agency has cleared: the driver's page says so, live.
    await driver
      .getByText('Tất cả cơ quan đã thông qua. Đang chờ làn trống.')
      .waitFor({ timeout: 30_000 });

    // The other officers' menus: each sees only their own agency's cases.
    for (const [username, agency, role] of [
      ['customs1', 'customs', 'CUSTOMS_OFFICER'],
      ['borderguard1', 'border-guard', 'BORDER_GUARD_OFFICER'],
    ] as const) {
      const officer = await signIn(username);
      await checkMenuInEveryLanguage(officer, agency, role, (l) =>
        message(l, 'cases.title', { agency: message(l, `agency.${agency}`) }),
      );
    }

    // 5. yard1 calls the next truck to lane 1; the driver's page turns to CALLED live.
    const yard = await signIn('yard1');
    await yard.getByRole('heading', { name: 'Bãi xe: bảng hàng chờ' }).waitFor();
    // The queue shows the plate as the camera normalised it; cleared, so ready to be called.
    const row = yard.getByRole('row').filter({ hasText: /14C-?123\.?45/ });
    await row.getByText('Đã thông quan').waitFor();
    await screenshot(yard, '09-yard-board');
    await yard.getByRole('button', { name: 'Gọi xe tiếp theo vào Làn 1 / Lane 1' }).click();
    await yard.getByText(/^Đã gọi xe 14C-?123\.?45 vào làn MONGCAI-L1\.$/).waitFor();
    await screenshot(yard, '10-yard-called');
    const laneCall = driver.getByRole('alert').filter({ hasText: 'Hãy vào ngay làn số' });
    await laneCall.waitFor({ timeout: 30_000 });
    expect(await laneCall.textContent()).toContain('MONGCAI-L1');
    expect(await driver.evaluate<boolean>("'samePage' in window")).toBe(true);
    await screenshot(driver, '11-driver-called');

    // 5b. The camera reads the second truck's plate unsure: the read waits in the unmatched
    // list until yard1 says which shipment it is, then the truck is in the queue.
    const unsure = await api('POST', '/yard/arrivals', {
      apiKey: system?.cameraKey ?? '',
      body: {
        gateCode: 'MONGCAI',
        plate: PLATE_2,
        source: 'ANPR',
        cameraId: 'CAM-IN-2',
        confidence: 0.41,
      },
    });
    expect(unsure.body).toMatchObject({
      matched: false,
      unmatched: { reason: 'LOW_CONFIDENCE', candidateShipmentIds: [secondId] },
    });
    const read = yard
      .locator('.unmatched-list > li')
      .filter({ hasText: new RegExp(PLATE_2_SHOWN) });
    await read.waitFor({ timeout: 15_000 });
    await read.getByText(message('vi', 'yard.match.reason.LOW_CONFIDENCE')).waitFor();
    await read.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    expect(await read.getByRole('radio', { name: `Lô hàng ${secondId}` }).isChecked()).toBe(true);
    // Matched by the driver's pass: a wrong code comes back as the gateway's 404, shown at the
    // pass code input; the right one finds the shipment and confirms the read.
    await read.getByRole('radio', { name: message('vi', 'yard.match.byPass') }).check();
    const codeInput = read.getByLabel('Mã phiếu *');
    await codeInput.fill('SAI-0000');
    const confirmRead = read.getByRole('button', { name: 'Xác nhận và đưa vào hàng chờ' });
    await confirmRead.click();
    await read.getByText(message('vi', 'yard.match.errors.PASS_NOT_FOUND')).waitFor();
    expect(await codeInput.getAttribute('aria-invalid')).toBe('true');
    await screenshot(yard, '15-yard-unmatched-wrong-code');
    await codeInput.fill(secondPassCode);
    await confirmRead.click();
    await yard
      .getByText(new RegExp(`^Đã xác nhận lượt đọc ${PLATE_2_SHOWN}: xe đã vào hàng chờ\\.$`))
      .waitFor();
    await yard
      .getByRole('row')
      .filter({ hasText: new RegExp(PLATE_2_SHOWN) })
      .waitFor();
    await read.waitFor({ state: 'detached' });
    await screenshot(yard, '16-yard-unmatched-confirmed');
    await checkMenuInEveryLanguage(yard, 'yard', 'YARD_OPERATOR', (l) => message(l, 'yard.title'));

    // 6. supervisor1 opens the clearance-time report.
    const supervisor = await signIn('supervisor1');
    await supervisor.getByRole('heading', { name: 'Thời gian thông quan' }).waitFor();
    // The audit service's figures: a chart and table, or the empty-period message; no error.
    await supervisor
      .getByRole('img', { name: 'Biểu đồ cột thời gian thông quan trung vị và phân vị 90' })
      .or(supervisor.getByText('Không có dữ liệu trong khoảng thời gian này.'))
      .waitFor();
    expect(await supervisor.getByRole('alert').count()).toBe(0);
    await screenshot(supervisor, '12-supervisor-report');
    await checkMenuInEveryLanguage(supervisor, 'supervisor', 'SUPERVISOR', (l) =>
      message(l, 'reports.title'),
    );

    // 7. quarantine1 holds the second shipment: a hold needs a reason, and the trader reads it
    // in the shipment's timeline.
    await quarantine
      .getByRole('navigation')
      .getByRole('link', { name: 'Hồ sơ kiểm dịch', exact: true })
      .click();
    await quarantine.getByRole('heading', { name: 'Kiểm dịch: danh sách hồ sơ' }).waitFor();
    const heldLink = quarantine.getByRole('link', { name: secondId, exact: true });
    await eventually(async () => {
      await quarantine.getByRole('button', { name: 'Làm mới' }).click();
      await heldLink.waitFor({ timeout: 1_000 });
    });
    await heldLink.click();
    await quarantine.getByRole('heading', { name: /^Hồ sơ Kiểm dịch/ }).waitFor();
    await quarantine.getByRole('radio', { name: 'Tạm giữ' }).check();
    await quarantine.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await quarantine.getByText('Phải nêu lý do khi tạm giữ hoặc từ chối.').waitFor();
    expect(await quarantine.getByText('Đã ghi nhận quyết định.').count()).toBe(0);
    await quarantine.getByLabel('Lý do').fill(HOLD_REASON);
    await quarantine.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await quarantine.getByText('Đã ghi nhận quyết định.').waitFor();
    // The case, read again, is on hold (the quarantine service names it HELD).
    await quarantine
      .getByRole('heading', { name: 'Hồ sơ Kiểm dịch Tạm giữ', exact: true })
      .waitFor();
    await screenshot(quarantine, '17-quarantine-hold');

    await trader.goto(`${base}/shipments/${secondId}`);
    await trader.getByRole('heading', { name: /^Lô hàng 31/ }).waitFor();
    const heldInTimeline = trader.locator('.timeline li').filter({ hasText: HOLD_REASON });
    await eventually(async () => {
      await trader.getByRole('button', { name: 'Làm mới' }).click();
      await heldInTimeline.waitFor({ timeout: 1_000 });
    });
    expect(await heldInTimeline.textContent()).toContain('Quyết định');
    await trader.getByText('Tạm giữ').first().waitFor();
    await screenshot(trader, '18-trader-hold-in-timeline');
  }
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@cuakhau/testing';
import { launchChromium } from './support/chromium';
import { startSystem, type RunningSystem } from './support/system';
import { buildWebAppIfStale, WEB_DIST_DIR } from './support/web-build';

/**
 * Each role's main journey in Debian's Chromium against the whole system: the trader
 * registers and prints the pass, the driver follows the queue live (in three languages),
 * quarantine decides, the yard calls the truck, the supervisor reads the report.
 */
jest.setTimeout(180_000);

const PASSWORD = 'CuaKhau#2026';
const PLATE = '14C-123.45';
const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', '.run', 'screenshots');

type Json = Record<string, unknown>;

/**
 * A camera that reads the plate again every second until the queue knows the shipment (its
 * Kafka consumer may still be joining), rather than a flood of unmatched reads.
 */
const READ_AGAIN = { timeoutMs: 60_000, intervalMs: 1_000 };

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
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** On a failure, every open page as it stood (failed-<n>.png) to see what went wrong. */
  async function screenshotEveryPage(): Promise<void> {
    const pages = contexts.flatMap((context) => context.pages());
    for (const [index, page] of pages.entries()) {
      await screenshot(page, `failed-${index + 1}`).catch(() => undefined);
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
    await screenshot(driver, '06-driver-position-zh');
    await driver.getByLabel('语言').selectOption('vi');
    await driver.getByRole('heading', { name: 'Vị trí của tôi trong hàng chờ' }).waitFor();

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
  }
});

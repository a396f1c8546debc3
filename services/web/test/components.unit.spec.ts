import type { Problem } from '../src/api/problem';
import type { Page, Shipment, UnmatchedRead } from '../src/api/types';
import type { DraftErrors, DriverFeedbackDraft } from '../src/feedback/driver-feedback-request';
import type { FeedbackItem } from '../src/feedback/feedback';
import type { ConfirmErrors, ConfirmForm } from '../src/yard/confirm-unmatched';
import {
  renderToHtml,
  textOf,
  unlabelledControls,
  webModule,
  type WebComponent,
} from './support/render-component';

/**
 * Component tests of forms and formatting: each component rendered to HTML in vi, en and
 * zh-CN (see support/render-component.ts for why this is jest + react-dom/server and not
 * Vitest + a DOM).
 */
interface ConfirmFormProps {
  readonly id: string;
  readonly read: UnmatchedRead;
  readonly form: ConfirmForm;
  readonly errors: ConfirmErrors;
  readonly busy: boolean;
  readonly onChange: (form: ConfirmForm) => void;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
}
const yard = webModule<{
  ConfirmUnmatchedForm: WebComponent<ConfirmFormProps>;
  UnmatchedItem: WebComponent<{
    read: UnmatchedRead;
    onConfirmed: () => void;
    onDismiss: () => void;
  }>;
}>('pages/yard-page');
const shipmentForm = webModule<{
  ShipmentFormView: WebComponent<{ shipment: Shipment | null }>;
}>('pages/shipment-form-page');
const detail = webModule<{
  ShipmentDetail: WebComponent<{
    shipment: Shipment;
    reload: () => void;
    replace: (shipment: Shipment) => void;
  }>;
}>('pages/shipment-detail-page');
/** components/common.tsx's PagedMore (a .tsx module the root typecheck does not read). */
interface PagedMore<T> {
  readonly busy: boolean;
  readonly problem: Problem | null;
  readonly load: (page: Page<T>) => Promise<void>;
}
const common = webModule<{
  ProblemAlert: WebComponent<{ problem: Problem | null }>;
  FieldError: WebComponent<{ id: string; code: string | undefined }>;
  LoadMore: WebComponent<{ page: Page<unknown>; more: PagedMore<unknown> }>;
}>('components/common');

const driverFeedback = webModule<{
  DriverFeedback: WebComponent<{ plate: string; passCode: string }>;
  DriverFeedbackForm: WebComponent<{
    draft: DriverFeedbackDraft;
    errors: DraftErrors;
    problem: Problem | null;
    busy: boolean;
    sent: boolean;
    onChange: (draft: DriverFeedbackDraft) => void;
    onSubmit: () => void;
  }>;
  DriverFeedbackList: WebComponent<{ items: readonly FeedbackItem[] }>;
}>('feedback/driver-feedback');

const SHIPMENT = '3f2b9c1e-0a4d-4c1b-9f00-2d6a7c8e9b10';
const OTHER = '7a1c0d2e-5b6f-4a3c-8d9e-0f1a2b3c4d5e';
const UNTRANSLATED = /\b(?:yard|errors|common|shipment|shipmentForm|goods|detail|step)\.[A-Za-z]/;

const READ: UnmatchedRead = {
  id: 'u-1',
  plate: '29H45678',
  cameraId: 'CAM-IN-2',
  confidence: 0.41,
  arrivedAt: '2026-12-03T07:05:00.000Z',
  reason: 'LOW_CONFIDENCE',
  candidateShipmentIds: [SHIPMENT, OTHER],
};

function confirmForm(change: Partial<ConfirmForm> = {}): ConfirmForm {
  return {
    matchBy: 'candidate',
    candidateId: SHIPMENT,
    plate: '29H45678',
    passCode: '',
    shipmentId: '',
    ...change,
  };
}

function renderConfirmForm(
  form: ConfirmForm,
  errors: ConfirmErrors = {},
  language: 'vi' | 'en' | 'zh-CN' = 'vi',
  busy = false,
): Promise<string> {
  return renderToHtml(
    yard.ConfirmUnmatchedForm,
    {
      id: 'match-u-1',
      read: READ,
      form,
      errors,
      busy,
      onChange: () => undefined,
      onSubmit: () => undefined,
      onCancel: () => undefined,
    },
    language,
  );
}

/** The opening tag of the element with `id`. */
function tagWithId(html: string, id: string): string {
  const tag = new RegExp(`<[a-z]+\\b[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0];
  if (tag === undefined) throw new Error(`no element #${id} in ${html}`);
  return tag;
}

describe('the yard’s confirm-unmatched form', () => {
  it('offers the read’s candidate shipments, the first chosen, then the pass or an ID', async () => {
    const html = await renderConfirmForm(confirmForm());
    expect(textOf(html)).toContain('Khớp lượt đọc 29H45678 với một lô hàng');
    const radios = [...html.matchAll(/<input type="radio"[^>]*>/g)].map((match) => match[0]);
    expect(radios).toHaveLength(4);
    expect(radios.map((radio) => radio.includes('checked'))).toEqual([true, false, false, false]);
    expect(textOf(html)).toContain(`Lô hàng ${SHIPMENT}`);
    expect(textOf(html)).toContain(`Lô hàng ${OTHER}`);
    expect(textOf(html)).toContain('Phiếu thông hành của lái xe (biển số và mã phiếu)');
    // Nothing to type while a candidate is chosen.
    expect(html).not.toContain('id="match-u-1-passCode"');
    expect(unlabelledControls(html)).toEqual([]);
  });

  it('asks for the plate and pass code by the driver’s pass, each labelled and required', async () => {
    const html = await renderConfirmForm(confirmForm({ matchBy: 'pass' }));
    expect(tagWithId(html, 'match-u-1-plate')).toContain('value="29H45678"');
    expect(tagWithId(html, 'match-u-1-passCode')).toContain('value=""');
    expect(html).toContain('<label for="match-u-1-plate">Biển số trên phiếu *</label>');
    expect(html).toContain('<label for="match-u-1-passCode">Mã phiếu *</label>');
    expect(unlabelledControls(html)).toEqual([]);
  });

  it('shows an error from the gateway next to its input, announced and linked to it', async () => {
    const html = await renderConfirmForm(confirmForm({ matchBy: 'pass', passCode: 'SAI-0000' }), {
      passCode: 'yard.match.errors.PASS_NOT_FOUND',
    });
    const input = tagWithId(html, 'match-u-1-passCode');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="match-u-1-passCode-error"');
    expect(tagWithId(html, 'match-u-1-passCode-error')).toContain('role="alert"');
    expect(textOf(html)).toContain('Không có lô hàng nào với biển số và mã phiếu này.');
    expect(tagWithId(html, 'match-u-1-plate')).toContain('aria-invalid="false"');
  });

  it('shows a typed shipment ID’s errors, a required field and a busy button', async () => {
    const html = await renderConfirmForm(
      confirmForm({ matchBy: 'shipmentId', shipmentId: '14C' }),
      { shipmentId: 'yard.match.errors.NOT_UUID' },
      'vi',
      true,
    );
    expect(textOf(html)).toContain('Mã lô hàng gồm 32 ký tự thập lục phân theo nhóm 8-4-4-4-12.');
    expect(html).toMatch(/<button type="submit" class="primary" disabled="">Đang xử lý…<\/button>/);
  });

  it.each([
    ['en', 'Match the read 29H45678 to a shipment', 'Confirm and queue', 'Pass code *'],
    ['zh-CN', '将识别结果 29H45678 匹配到货物', '确认并加入排队', '通行码 *'],
  ] as const)('speaks %s', async (language, legend, submit, codeLabel) => {
    const html = await renderConfirmForm(
      confirmForm({ matchBy: 'pass' }),
      { passCode: 'errors.field.REQUIRED' },
      language,
    );
    const text = textOf(html);
    expect(text).toContain(legend);
    expect(text).toContain(submit);
    expect(text).toContain(codeLabel);
    expect(text).not.toMatch(UNTRANSLATED);
  });
});

describe('an unmatched read on the yard board', () => {
  it.each([
    ['vi', '14:05 3 thg 12, 2026', 'độ tin cậy 41%', 'camera không chắc chắn'],
    ['en', '3 Dec 2026, 14:05', 'confidence 41%', 'camera unsure'],
    ['zh-CN', '2026年12月3日 14:05', '置信度 41%', '摄像头识别不确定'],
  ] as const)(
    'formats the read time (gate time), confidence and reason in %s',
    async (language, time, confidence, reason) => {
      const html = await renderToHtml(
        yard.UnmatchedItem,
        { read: READ, onConfirmed: () => undefined, onDismiss: () => undefined },
        language,
      );
      const text = textOf(html);
      expect(text).toContain('29H45678');
      expect(text).toContain(time);
      expect(text).toContain(confidence);
      expect(text).toContain(reason);
      // The form opens on demand: the button says whether it is open.
      expect(html).toContain('aria-expanded="false"');
    },
  );
});

describe('the new-shipment form', () => {
  it.each(['vi', 'en', 'zh-CN'] as const)(
    'labels every input and marks the required ones (%s)',
    async (language) => {
      const html = await renderToHtml(shipmentForm.ShipmentFormView, { shipment: null }, language);
      expect(unlabelledControls(html)).toEqual([]);
      expect(textOf(html)).not.toMatch(UNTRANSLATED);
      expect(html).toContain('id="f-declarationNumber"');
      expect(html).toMatch(/<label for="f-vehicle.plate">[^<]+ \*<\/label>/);
    },
  );

  it('shows the plate label in each language', async () => {
    const label = async (language: 'vi' | 'en' | 'zh-CN'): Promise<string | undefined> =>
      /<label for="f-vehicle.plate">([^<]+)<\/label>/.exec(
        await renderToHtml(shipmentForm.ShipmentFormView, { shipment: null }, language),
      )?.[1];
    expect(await label('vi')).toBe('Biển số xe *');
    expect(await label('en')).toMatch(/^Plate/);
    expect(await label('zh-CN')).toBe('车牌号 *');
  });
});

describe('problems and field errors', () => {
  const problem = (status: number, code: string): Problem => ({
    status,
    code,
    title: '',
    detail: '',
    errors: [],
  });

  it('says what a person can do about a failed request, with the code for support', async () => {
    const html = await renderToHtml(common.ProblemAlert, {
      problem: problem(409, 'REGISTRY.VERSION_CONFLICT'),
    });
    expect(html).toContain('role="alert"');
    expect(textOf(html)).toContain('REGISTRY.VERSION_CONFLICT');
    expect(textOf(await renderToHtml(common.ProblemAlert, { problem: null }))).toBe('');
  });

  it.each([
    ['vi', 'Không kết nối được với máy chủ.'],
    ['en', 'No connection to the server.'],
  ] as const)('names a lost connection without a code (%s)', async (language, expected) => {
    const text = textOf(
      await renderToHtml(common.ProblemAlert, { problem: problem(0, 'HTTP_0') }, language),
    );
    expect(text).toBe(expected);
  });

  it.each([
    ['vi', 'Xem thêm'],
    ['en', 'Show more'],
    ['zh-CN', '加载更多'],
  ] as const)('offers the next page of a list while there is one (%s)', async (language, label) => {
    const more: PagedMore<unknown> = { busy: false, problem: null, load: () => Promise.resolve() };
    const next = { items: [], nextCursor: 'c2' };
    const shown = await renderToHtml(common.LoadMore, { page: next, more }, language);
    expect(textOf(shown)).toBe(label);
    const last = { items: [], nextCursor: null };
    expect(textOf(await renderToHtml(common.LoadMore, { page: last, more }, language))).toBe('');
    const failed = await renderToHtml(
      common.LoadMore,
      { page: next, more: { ...more, problem: problem(503, 'GATEWAY.UNAVAILABLE') } },
      language,
    );
    expect(failed).toContain('role="alert"');
    expect(textOf(failed)).toContain(label);
  });

  it('translates a field error code, unknown codes as invalid', async () => {
    const zh = textOf(
      await renderToHtml(common.FieldError, { id: 'e', code: 'REQUIRED' }, 'zh-CN'),
    );
    const en = textOf(await renderToHtml(common.FieldError, { id: 'e', code: 'BOGUS' }, 'en'));
    expect(zh).not.toBe('');
    expect(zh).not.toMatch(/[A-Za-z]/);
    expect(en).toBe('This value is not valid.');
  });
});

describe('a shipment’s detail', () => {
  const shipment: Shipment = {
    id: SHIPMENT,
    gateCode: 'MONGCAI',
    direction: 'EXPORT',
    declarationNumber: '310000000042',
    plannedArrival: '2026-12-03T08:30:00.000Z',
    vehicle: { plate: '29H-456.78', country: 'VN' },
    normalisedPlate: '29H45678',
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
      {
        hsCode: '07031019',
        description: 'Hành tím',
        quantity: 1000,
        unit: 'KGM',
        grossKg: 1250.5,
        valueUsd: 800,
        origin: 'VN',
      },
    ],
    documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0043' }],
    status: 'HELD',
    agencies: { customs: 'CLEARED', borderGuard: 'CLEARED', quarantine: 'HOLD' },
    version: 1234,
    createdAt: '2026-12-03T07:00:00.000Z',
    updatedAt: '2026-12-03T07:30:00.000Z',
    timeline: [
      {
        step: 'DECISION_RECORDED',
        at: '2026-12-03T07:30:00.000Z',
        actor: { kind: 'USER', id: 'q1', displayName: 'Lê Văn Kiểm' },
        agency: 'quarantine',
        decision: 'HOLD',
        reason: 'Chứng thư kiểm dịch thực vật chưa khớp số lượng',
        status: 'HELD',
      },
    ],
  };
  const render = (language: 'vi' | 'en' | 'zh-CN'): Promise<string> =>
    renderToHtml(
      detail.ShipmentDetail,
      { shipment, reload: () => undefined, replace: () => undefined },
      language,
    );

  it.each([
    ['vi', '10.750,5 kg', '1.234', 'Kiểm dịch · Tạm giữ', '14:30 3 thg 12, 2026'],
    ['en', '10,750.5 kg', '1,234', 'Quarantine · On hold', '3 Dec 2026, 14:30'],
    ['zh-CN', '10,750.5 kg', '1,234', '检疫 · 暂扣', '2026年12月3日 14:30'],
  ] as const)(
    'formats weight, numbers and gate times, and shows the hold and its reason (%s)',
    async (language, weight, version, hold, decidedAt) => {
      const text = textOf(await render(language));
      expect(text).toContain(weight);
      expect(text).toContain(version);
      expect(text).toContain(hold);
      expect(text).toContain(decidedAt);
      expect(text).toContain('Chứng thư kiểm dịch thực vật chưa khớp số lượng');
      expect(text).not.toMatch(UNTRANSLATED);
    },
  );
});

describe('the driver’s feedback form', () => {
  const UNTRANSLATED_FEEDBACK = /\b(?:feedback|errors|common)\.[A-Za-z]/;
  const draft: DriverFeedbackDraft = { kind: 'COMPLAINT', agency: 'yard', message: '' };
  const renderForm = (
    language: 'vi' | 'en' | 'zh-CN',
    change: { errors?: DraftErrors; problem?: Problem | null; busy?: boolean } = {},
  ): Promise<string> =>
    renderToHtml(
      driverFeedback.DriverFeedbackForm,
      {
        draft,
        errors: change.errors ?? {},
        problem: change.problem ?? null,
        busy: change.busy ?? false,
        sent: false,
        onChange: () => undefined,
        onSubmit: () => undefined,
      },
      language,
    );

  it.each([
    ['vi', 'Gửi góp ý hoặc khiếu nại'],
    ['en', 'Send feedback or a complaint'],
    ['zh-CN', '提交意见或投诉'],
  ] as const)(
    'starts collapsed under the position, its summary translated (%s)',
    async (language, summary) => {
      const html = await renderToHtml(
        driverFeedback.DriverFeedback,
        { plate: '29H45678', passCode: 'K7QX-2M4P' },
        language,
      );
      expect(html).toMatch(
        /^<details class="driver-feedback card"><summary>([^<]+)<\/summary><\/details>$/,
      );
      expect(textOf(html)).toBe(summary);
    },
  );

  it.each([
    ['vi', 'Loại', 'Cơ quan liên quan', 'Nội dung', 'Khiếu nại', 'Bãi xe', 'Gửi'],
    ['en', 'Type', 'Agency concerned', 'Message', 'Complaint', 'Truck yard', 'Send'],
    ['zh-CN', '类型', '相关部门', '内容', '投诉', '停车场', '提交'],
  ] as const)(
    'labels every input and offers the kinds and agencies (%s)',
    async (language, kind, agency, message, complaint, yard, submit) => {
      const html = await renderForm(language);
      expect(unlabelledControls(html)).toEqual([]);
      expect(html).toContain(`<label for="driver-feedback-kind">${kind}</label>`);
      expect(html).toContain(`<label for="driver-feedback-agency">${agency}</label>`);
      expect(html).toContain(`<label for="driver-feedback-message">${message}</label>`);
      expect(html).toContain(`<option value="COMPLAINT" selected="">${complaint}</option>`);
      expect(html).toContain(`<option value="yard" selected="">${yard}</option>`);
      expect([...html.matchAll(/<option /g)]).toHaveLength(2 + 4);
      expect(html).toMatch(
        new RegExp(`<button type="submit" class="primary big">${submit}</button>`),
      );
      expect(textOf(html)).not.toMatch(UNTRANSLATED_FEEDBACK);
    },
  );

  it('shows a field error next to its input, announced and linked to it, and the request’s problem', async () => {
    const html = await renderForm('vi', {
      errors: { message: 'feedback.errors.REQUIRED', agency: 'errors.field.INVALID' },
      problem: {
        status: 400,
        code: 'GATEWAY.VALIDATION_FAILED',
        title: '',
        detail: '',
        errors: [{ field: 'agency', code: 'INVALID', message: '' }],
      },
      busy: true,
    });
    const message = tagWithId(html, 'driver-feedback-message');
    expect(message).toContain('aria-invalid="true"');
    expect(message).toContain(
      'aria-describedby="driver-feedback-message-count driver-feedback-message-error"',
    );
    expect(tagWithId(html, 'driver-feedback-message-error')).toContain('role="alert"');
    expect(tagWithId(html, 'driver-feedback-agency')).toContain(
      'aria-describedby="driver-feedback-agency-error"',
    );
    expect(tagWithId(html, 'driver-feedback-kind')).toContain('aria-invalid="false"');
    expect(tagWithId(html, 'driver-feedback-kind')).not.toContain('aria-describedby');
    const text = textOf(html);
    expect(text).toContain('Trường này là bắt buộc.');
    expect(text).toContain('0 / 2000 ký tự');
    expect(text).toContain('GATEWAY.VALIDATION_FAILED');
    expect(html).toMatch(
      /<button type="submit" class="primary big" disabled="">Đang xử lý…<\/button>/,
    );
    expect(text).not.toMatch(UNTRANSLATED_FEEDBACK);
  });

  it.each([
    [
      'vi',
      'Gửi lúc 14:05 3 thg 12, 2026',
      'Bãi Móng Cái đã trả lời lúc 14:35 3 thg 12, 2026',
      'Chưa được trả lời.',
    ],
    [
      'en',
      'Sent 3 Dec 2026, 14:05',
      'Answered by Bãi Móng Cái on 3 Dec 2026, 14:35',
      'Not answered yet.',
    ],
    [
      'zh-CN',
      '提交于 2026年12月3日 14:05',
      'Bãi Móng Cái 于 2026年12月3日 14:35 答复',
      '尚未答复。',
    ],
  ] as const)(
    'lists what the driver sent with its answer (%s)',
    async (language, sent, answered, open) => {
      const item: FeedbackItem = {
        id: 'f-1',
        shipmentId: SHIPMENT,
        gateCode: 'MONGCAI',
        kind: 'COMPLAINT',
        agency: 'yard',
        status: 'answered',
        message: 'Chờ ở bãi quá lâu',
        submittedAt: '2026-12-03T07:05:00.000Z',
        author: { kind: 'driver', name: '' },
        answer: { text: 'Đã mở thêm làn 2.', by: 'Bãi Móng Cái', at: '2026-12-03T07:35:00.000Z' },
      };
      const html = await renderToHtml(
        driverFeedback.DriverFeedbackList,
        { items: [item, { ...item, id: 'f-2', status: 'open', kind: 'FEEDBACK', answer: null }] },
        language,
      );
      const text = textOf(html);
      expect([...html.matchAll(/<li /g)]).toHaveLength(2);
      expect(text).toContain(sent);
      expect(text).toContain(answered);
      expect(text).toContain('Đã mở thêm làn 2.');
      expect(text).toContain(open);
      expect(text).not.toContain(SHIPMENT);
      expect(text).not.toMatch(UNTRANSLATED_FEEDBACK);
    },
  );
});

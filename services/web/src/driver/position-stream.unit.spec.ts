import { explanationIn, parsePositionEvent } from './position-stream';

const event = JSON.stringify({
  shipmentId: 's-1',
  gateCode: 'MONGCAI',
  status: 'CALLED',
  position: null,
  explanation: 'Called: drive to lane MONGCAI-L1',
  explanations: {
    vi: 'Đã gọi: vào làn MONGCAI-L1',
    en: 'Called: drive to lane MONGCAI-L1',
    zh: '已叫号：请驶入车道 MONGCAI-L1',
  },
  etaMinutes: null,
  lane: 'MONGCAI-L1',
});

describe("the driver's explanation", () => {
  it('is read in the page language', () => {
    const position = parsePositionEvent(event);
    if (position === undefined) throw new Error('not parsed');
    expect(explanationIn(position, 'vi')).toBe('Đã gọi: vào làn MONGCAI-L1');
    expect(explanationIn(position, 'en')).toBe('Called: drive to lane MONGCAI-L1');
    expect(explanationIn(position, 'zh-CN')).toBe('已叫号：请驶入车道 MONGCAI-L1');
  });

  it('falls back to English when a language is missing or the gateway sends only one text', () => {
    const partial = parsePositionEvent(
      JSON.stringify({ ...JSON.parse(event), explanations: { en: 'Called', vi: '' } }),
    );
    const old = parsePositionEvent(
      JSON.stringify({ ...JSON.parse(event), explanations: undefined }),
    );
    expect(partial && explanationIn(partial, 'vi')).toBe('Called');
    expect(partial && explanationIn(partial, 'zh-CN')).toBe('Called');
    expect(old?.explanations).toBeNull();
    expect(old && explanationIn(old, 'vi')).toBe('Called: drive to lane MONGCAI-L1');
  });
});

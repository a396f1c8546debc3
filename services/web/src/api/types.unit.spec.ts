import { pageOf } from './types';

describe('a page of a cursor-paged list', () => {
  it('keeps the items and the cursor of the next page', () => {
    expect(pageOf<{ id: string }>({ items: [{ id: 'a' }], nextCursor: 'c2' })).toEqual({
      items: [{ id: 'a' }],
      nextCursor: 'c2',
    });
  });

  it('has no next page without a cursor, an empty one, or an unexpected body', () => {
    expect(pageOf({ items: [], nextCursor: null }).nextCursor).toBeNull();
    expect(pageOf({ items: [], nextCursor: '' }).nextCursor).toBeNull();
    expect(pageOf('not json')).toEqual({ items: [], nextCursor: null });
    expect(pageOf([{ id: 'a' }])).toEqual({ items: [{ id: 'a' }], nextCursor: null });
  });
});

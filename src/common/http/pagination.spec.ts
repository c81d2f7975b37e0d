import { buildPagination, parsePageRequest, toPage } from './pagination';

describe('parsePageRequest', () => {
  it.each([
    [undefined, 1],
    ['3', 3],
    ['0', 1],
    ['-2', 1],
    ['abc', 1],
    ['1e9', 1],
    [['2', '3'], 1],
  ])('%p → page %p', (raw, page) => expect(parsePageRequest(raw).page).toBe(page));

  it('computes the offset', () => expect(parsePageRequest('3', 20).offset).toBe(40));
});

describe('buildPagination', () => {
  it('is absent for a single page', () => expect(buildPagination(1, 1, '/x')).toBeNull());

  it('shows first, last and neighbours with ellipses', () => {
    const pagination = buildPagination(5, 10, '/admin/audit', { action: 'user.created' })!;
    expect(pagination.items.map((item) => (item.ellipsis ? '…' : item.current ? `[${item.number}]` : String(item.number)))).toEqual([
      '1',
      '…',
      '4',
      '[5]',
      '6',
      '…',
      '10',
    ]);
    expect(pagination.previous!.href).toBe('/admin/audit?action=user.created&page=4');
    expect(pagination.next!.href).toBe('/admin/audit?action=user.created&page=6');
    expect(pagination.items[0].href).toBe('/admin/audit?action=user.created');
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(buildPagination(1, 3, '/x')!.previous).toBeUndefined();
    expect(buildPagination(3, 3, '/x')!.next).toBeUndefined();
  });
});

describe('toPage', () => {
  it('describes the slice shown', () => {
    const page = toPage(['a', 'b'], 27, parsePageRequest('2', 25), '/x');
    expect(page).toMatchObject({ total: 27, totalPages: 2, from: 26, to: 27 });
  });

  it('handles an empty list', () => {
    expect(toPage([], 0, parsePageRequest(undefined), '/x')).toMatchObject({ from: 0, to: 0, totalPages: 1, pagination: null });
  });
});

import { dueState, sortByDue, toSection } from './work-queue';

describe('dueState', () => {
  it('reads a date against today', () => {
    expect(dueState('2027-03-09', '2027-03-10')).toBe('overdue');
    expect(dueState('2027-03-10', '2027-03-10')).toBe('today');
    expect(dueState('2027-03-17', '2027-03-10')).toBe('soon');
    expect(dueState('2027-03-18', '2027-03-10')).toBe('later');
    expect(dueState(null, '2027-03-10')).toBe('none');
  });
});

describe('sortByDue', () => {
  it('puts the soonest first and undated tasks last, keeping their order', () => {
    const items = [
      { text: 'a', href: '/a', dueOn: null },
      { text: 'b', href: '/b', dueOn: '2027-04-01' },
      { text: 'c', href: '/c', dueOn: null },
      { text: 'd', href: '/d', dueOn: '2027-03-01' },
    ];
    expect(sortByDue(items).map((item) => item.text)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('toSection', () => {
  it('counts every task but lists only the first few, each with its due tag and date', () => {
    const items = Array.from({ length: 12 }, (_, index) => ({
      text: `Task ${index}`,
      href: `/t/${index}`,
      dueOn: `2027-03-${String(index + 1).padStart(2, '0')}`,
      hint: 'Theraplay',
    }));
    const section = toSection('tasks', 'Tasks', items, '2027-03-02', { limit: 3 });
    expect(section.count).toBe(12);
    expect(section.items).toEqual([
      {
        href: '/t/0',
        title: { text: 'Task 0' },
        hint: { text: 'Was due 1 March 2027. Theraplay' },
        status: { tag: { text: 'Overdue', classes: 'govuk-tag--red' } },
      },
      {
        href: '/t/1',
        title: { text: 'Task 1' },
        hint: { text: 'Due by 2 March 2027. Theraplay' },
        status: { tag: { text: 'Due today', classes: 'govuk-tag--orange' } },
      },
      {
        href: '/t/2',
        title: { text: 'Task 2' },
        hint: { text: 'Due by 3 March 2027. Theraplay' },
        status: { tag: { text: 'Due soon', classes: 'govuk-tag--yellow' } },
      },
    ]);
  });

  it('counts the total given when the items are only the first few, and links to the rest', () => {
    const items = [{ text: 'First', href: '/f', dueOn: null }];
    expect(toSection('x', 'X', items, '2027-03-02', { total: 42, moreHref: '/all' })).toMatchObject({ count: 42, moreHref: '/all' });
    expect(toSection('x', 'X', items, '2027-03-02', { moreHref: '/all' })).not.toHaveProperty('moreHref');
  });

  it('leaves out the hint when there is neither a date nor context', () => {
    expect(toSection('x', 'X', [{ text: 'Do it', href: '/x', dueOn: null }], '2027-03-02').items[0]).toEqual({
      href: '/x',
      title: { text: 'Do it' },
      status: { tag: { text: 'To do', classes: 'govuk-tag--blue' } },
    });
  });
});

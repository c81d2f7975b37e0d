import { ownerOf, summariseProfile } from '../bench/profile-summary';

describe('summariseProfile', () => {
  it('adds up self time by owner and by function, largest first', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const summary = summariseProfile({
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('render', 'file:///app/node_modules/handlebars/dist/cjs/runtime.js') },
        { id: 3, callFrame: frame('list', 'file:///app/dist/src/bids/bids.service.js') },
        { id: 4, callFrame: frame('(garbage collector)', '') },
      ],
      samples: [2, 3, 2, 4, 2],
      timeDeltas: [1000, 2000, 1000, 500, 500],
    });
    expect(summary.totalMilliseconds).toBe(5);
    expect(summary.byOwner).toEqual([
      { name: 'handlebars', milliseconds: 3, percent: 50 },
      { name: 'portal src/bids', milliseconds: 2, percent: 40 },
      { name: '(garbage collector)', milliseconds: 1, percent: 10 },
    ]);
    expect(summary.byFunction[0].name).toBe('render handlebars:1');
  });

  it('names the owner of a frame', () => {
    expect(ownerOf('file:///x/node_modules/@nestjs/core/router/router-explorer.js', 'f')).toBe('@nestjs/core');
    expect(ownerOf('node:internal/streams/writable', 'write')).toBe('node');
    expect(ownerOf('file:///x/dist/src/common/http/csrf.js', 'f')).toBe('portal src/common');
    expect(ownerOf('', '(idle)')).toBe('(idle)');
  });
});

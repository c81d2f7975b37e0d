import { panelDecisionsNeeded } from './panel-requests';

describe('panelDecisionsNeeded', () => {
  it('always needs the panel for a block purchase', () => {
    expect(panelDecisionsNeeded({ purchaseType: 'block' }, null)).toEqual([{ kind: 'block_purchase', excessPence: 0 }]);
    expect(panelDecisionsNeeded({ purchaseType: 'block' }, { excessPence: 0 })).toEqual([{ kind: 'block_purchase', excessPence: 0 }]);
  });

  it('needs the panel for a spot purchase only when the child goes over the fair access limit', () => {
    expect(panelDecisionsNeeded({ purchaseType: 'spot' }, null)).toEqual([]);
    expect(panelDecisionsNeeded({ purchaseType: 'spot' }, { excessPence: 0 })).toEqual([]);
    expect(panelDecisionsNeeded({ purchaseType: 'spot' }, { excessPence: 1 })).toEqual([{ kind: 'excess_funding', excessPence: 1 }]);
    expect(panelDecisionsNeeded({ purchaseType: 'spot' }, { excessPence: 50000 })).toEqual([{ kind: 'excess_funding', excessPence: 50000 }]);
  });
});

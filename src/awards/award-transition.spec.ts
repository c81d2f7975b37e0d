import type { EntityManager } from 'typeorm';
import { IllegalTransitionError } from '../common/lifecycle';
import { AwardTransition } from './award-transition';
import type { AwardRepository } from './award.repository';

const manager = {} as EntityManager;

describe('the award transition', () => {
  const awards = { insertAward: jest.fn(async (_manager: EntityManager, values: object) => ({ id: 'a1', ...values })), writeAwardStatus: jest.fn() };
  const transition = new AwardTransition(awards as unknown as AwardRepository);
  beforeEach(() => jest.clearAllMocks());

  it('writes an allowed move with its values', async () => {
    await transition.transitionAward(manager, { id: 'a1', status: 'standstill' }, 'withdrawn', { withdrawnReason: 'Scoring error' });
    expect(awards.writeAwardStatus).toHaveBeenCalledWith(manager, 'a1', 'withdrawn', { withdrawnReason: 'Scoring error' });
  });

  it('refuses an illegal move and writes nothing', async () => {
    await expect(transition.transitionAward(manager, { id: 'a1', status: 'confirmed' }, 'withdrawn')).rejects.toThrow(
      new IllegalTransitionError('An award that is confirmed cannot become withdrawn'),
    );
    await expect(transition.transitionAward(manager, { id: 'a1', status: 'withdrawn' }, 'standstill')).rejects.toThrow(IllegalTransitionError);
    expect(awards.writeAwardStatus).not.toHaveBeenCalled();
  });

  it('records a decision in an opening state, never as withdrawn', async () => {
    const values = { requirementId: 'r1', outcome: 'awarded' as const, rationale: 'Best value', status: 'standstill' as const };
    await expect(transition.createAward(manager, values)).resolves.toMatchObject({ id: 'a1', status: 'standstill' });
    await expect(transition.createAward(manager, { ...values, status: 'withdrawn' })).rejects.toThrow('An award cannot be recorded as withdrawn');
    expect(awards.insertAward).toHaveBeenCalledTimes(1);
  });
});

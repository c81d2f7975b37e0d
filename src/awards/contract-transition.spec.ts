import type { EntityManager } from 'typeorm';
import { IllegalTransitionError } from '../common/lifecycle';
import { ContractTransition } from './contract-transition';
import type { ContractRepository } from './contract.repository';

const manager = {} as EntityManager;

describe('the contract transition', () => {
  const contracts = { writeContractStatus: jest.fn() };
  const transition = new ContractTransition(contracts as unknown as ContractRepository);
  beforeEach(() => jest.clearAllMocks());

  it('writes an allowed move with its values', async () => {
    await transition.transitionContract(manager, { id: 'c1', status: 'active' }, 'completed', { endingKind: 'planned' });
    expect(contracts.writeContractStatus).toHaveBeenCalledWith(manager, 'c1', 'completed', { endingKind: 'planned' });
  });

  it('refuses an illegal move and writes nothing', async () => {
    await expect(transition.transitionContract(manager, { id: 'c1', status: 'completed' }, 'active')).rejects.toThrow(
      'A contract that is completed cannot become active',
    );
    await expect(transition.transitionContract(manager, { id: 'c1', status: 'pending' }, 'exhausted')).rejects.toThrow(IllegalTransitionError);
    await expect(transition.transitionContract(manager, { id: 'c1', status: 'ended_early' }, 'completed')).rejects.toThrow(IllegalTransitionError);
    expect(contracts.writeContractStatus).not.toHaveBeenCalled();
  });
});

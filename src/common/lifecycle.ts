/** A refused state change, with a message fit to show the person who tried it. */
export class IllegalTransitionError extends Error {}

export interface Lifecycle<S extends string> {
  readonly states: readonly S[];
  canMove(from: S, to: S): boolean;
  /** Throws IllegalTransitionError unless `from → to` is allowed. */
  assertMove(from: S, to: S): void;
  nextStates(from: S): readonly S[];
}

/**
 * Lifecycles are explicit tables of allowed moves (DESIGN.md §4), so each
 * one can be tested on its own and an illegal move is refused clearly.
 */
export function defineLifecycle<S extends string>(
  noun: string,
  moves: Record<S, readonly S[]>,
  label: (state: S) => string = (state) => state.replace(/_/g, ' '),
): Lifecycle<S> {
  const states = Object.keys(moves) as S[];
  return {
    states,
    canMove: (from, to) => moves[from]?.includes(to) ?? false,
    assertMove(from, to) {
      if (!this.canMove(from, to)) throw new IllegalTransitionError(`${noun} that is ${label(from)} cannot become ${label(to)}`);
    },
    nextStates: (from) => moves[from] ?? [],
  };
}

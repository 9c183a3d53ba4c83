// Graph algorithms on models given as (id, parents): topological order, cycles, reachability.

export interface Vertex {
  id: string;
  parents: readonly string[];
}

/** Children of every vertex, in declaration order; parents that are not vertices are ignored. */
export function childrenOf(vertices: readonly Vertex[]): Map<string, string[]> {
  const children = new Map<string, string[]>(vertices.map((v) => [v.id, []]));
  for (const v of vertices) {
    for (const p of new Set(v.parents)) children.get(p)?.push(v.id);
  }
  return children;
}

/**
 * Kahn's algorithm; among ready vertices the one declared first goes first, so the order is deterministic.
 * Returns the vertices that could be ordered (all of them unless there is a cycle).
 */
export function topologicalOrder(vertices: readonly Vertex[]): string[] {
  const ids = new Set(vertices.map((v) => v.id));
  const remaining = new Map(vertices.map((v) => [v.id, new Set(v.parents.filter((p) => ids.has(p)))]));
  const children = childrenOf(vertices);
  const position = new Map(vertices.map((v, i) => [v.id, i]));
  const ready = vertices.filter((v) => remaining.get(v.id)!.size === 0).map((v) => v.id);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const c of children.get(id) ?? []) {
      const waiting = remaining.get(c)!;
      waiting.delete(id);
      if (waiting.size === 0 && !order.includes(c) && !ready.includes(c)) ready.push(c);
    }
  }
  return order;
}

/** Every elementary cycle found by depth-first search, once each, written parent → child and closed: [u, v, u]. */
export function findCycles(vertices: readonly Vertex[]): string[][] {
  const ids = new Set(vertices.map((v) => v.id));
  const children = childrenOf(vertices);
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    for (const c of children.get(id) ?? []) {
      if (!ids.has(c)) continue;
      if (state.get(c) === 'active') {
        const cycle = stack.slice(stack.indexOf(c));
        const signature = [...cycle].sort().join('\u0000');
        if (!seen.has(signature)) {
          seen.add(signature);
          cycles.push([...cycle, c]);
        }
      } else if (state.get(c) === undefined) {
        visit(c);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const v of vertices) if (state.get(v.id) === undefined) visit(v.id);
  return cycles;
}

/** Vertices reachable from `start` by following `next`, excluding `start`. */
export function reachable(start: string, next: (id: string) => readonly string[]): Set<string> {
  const found = new Set<string>();
  const pending = [...next(start)];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (found.has(id) || id === start) continue;
    found.add(id);
    pending.push(...next(id));
  }
  return found;
}

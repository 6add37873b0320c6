// Server replies for the Service Catalog's tests, shaped like the real /graphql answers.

export const itemsDefinition = `openapi: 3.0.3
info:
  title: Items
  version: 1.0.0
paths:
  /items:
    get:
      responses:
        '200': { description: ok }
`;

export function drift(added: string[] = [], removed: string[] = [], changed: string[] = []) {
  return { __typename: 'ServiceDrift', outOfDate: added.length + removed.length + changed.length > 0, added, removed, changed };
}

export function usageApi(id: string, name: string, d = drift()) {
  return { __typename: 'API', id, name, version: '1.0.0', context: name.toLowerCase(), drift: d };
}

export function serviceNode(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ServiceEntry',
    id: 'svc-1',
    name: 'items',
    version: '1.0.0',
    displayName: 'Items',
    description: 'Keeps items.',
    serviceURL: 'http://items.internal:8080',
    definitionType: 'OAS3',
    definition: itemsDefinition,
    definitionHash: 'sha256:abc123',
    securityType: 'NONE',
    mutualTLS: false,
    createdBy: 'publisher',
    updatedAt: '2025-01-02T03:04:05Z',
    usage: [] as unknown[],
    ...overrides,
  };
}

export function serviceConnection(nodes: unknown[]) {
  return {
    data: {
      serviceEntries: {
        __typename: 'ServiceEntryConnection',
        totalCount: nodes.length,
        edges: nodes.map((node) => ({ __typename: 'ServiceEntryEdge', node })),
      },
    },
  };
}

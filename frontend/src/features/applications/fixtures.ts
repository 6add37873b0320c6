// Server replies for the applications feature's tests, shaped like the real /graphql answers.

export const tiersReply = (level: string) => ({
  data: {
    throttlingTiers: {
      __typename: 'ThrottlingTierConnection',
      edges: (level === 'APPLICATION' ? ['Unlimited', '10PerMin'] : ['Unlimited', 'Gold', 'Silver']).map((name) => ({
        __typename: 'ThrottlingTierEdge',
        node: { __typename: 'ThrottlingTier', id: `tier-${level}-${name}`, name, displayName: name, description: '' },
      })),
    },
  },
});

export const pizzaApi = {
  __typename: 'API',
  id: 'api-1',
  name: 'PizzaShackAPI',
  version: '1.0.0',
  context: 'pizzashack',
  invocationURLs: ['http://gw.test:8280/pizzashack/1.0.0'],
  operations: [
    { __typename: 'APIOperation', id: 'op-1', method: 'DELETE', target: '/order/{orderId}' },
    { __typename: 'APIOperation', id: 'op-2', method: 'GET', target: '/menu' },
  ],
};

export function applicationReply(keys: { clientID: string; previousSecretExpiresAt?: string | null }[] = [], tokenType: 'JWT' | 'OPAQUE' = 'JWT', viewerAccess: 'OWNER' | 'MEMBER' = 'OWNER') {
  return {
    data: {
      applications: {
        __typename: 'ApplicationConnection',
        edges: [
          {
            __typename: 'ApplicationEdge',
            node: {
              __typename: 'Application',
              id: 'app-1',
              name: 'Checkout',
              description: 'Orders pizza',
              throttlingTier: 'Unlimited',
              tokenType,
              subscriptions: [
                { __typename: 'APISubscription', id: 'sub-1', status: 'UNBLOCKED', throttlingTier: 'Gold', api: pizzaApi },
              ],
              keys: keys.map((k, i) => ({
                __typename: 'ApplicationKey',
                id: `key-${i}`,
                keyType: 'PRODUCTION',
                clientID: k.clientID,
                grantTypes: ['client_credentials'],
                callbackURL: '',
                previousSecretExpiresAt: k.previousSecretExpiresAt ?? null,
                pkceRequired: true,
              })),
              viewerAccess,
              sharedGroups: viewerAccess === 'MEMBER' ? ['payments'] : [],
              attributes: [{ __typename: 'ApplicationAttribute', key: 'costCentre', value: 'R&D-42' }],
            },
          },
        ],
      },
    },
  };
}

export const applicationListReply = {
  data: {
    applications: {
      __typename: 'ApplicationConnection',
      totalCount: 2,
      edges: [
        {
          __typename: 'ApplicationEdge',
          node: { __typename: 'Application', id: 'app-1', name: 'Checkout', description: '', throttlingTier: 'Unlimited', tokenType: 'JWT', subscriptions: [{ __typename: 'APISubscription', id: 's1' }, { __typename: 'APISubscription', id: 's2' }] },
        },
        {
          __typename: 'ApplicationEdge',
          node: { __typename: 'Application', id: 'app-2', name: 'Mobile', description: '', throttlingTier: '10PerMin', tokenType: 'OPAQUE', subscriptions: [] },
        },
      ],
    },
  },
};

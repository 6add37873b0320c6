import { graphql } from '../../gql';

export const createApplicationMutation = graphql(`
  mutation CreateApplication($input: CreateApplicationInput!) {
    createApplication(input: $input) {
      id
      name
    }
  }
`);

export const updateApplicationMutation = graphql(`
  mutation UpdateApplication($id: ID!, $input: UpdateApplicationInput!) {
    updateApplication(id: $id, input: $input) {
      id
      name
      description
      throttlingTier
      tokenType
    }
  }
`);

export const deleteApplicationMutation = graphql(`
  mutation DeleteApplication($id: ID!) {
    deleteApplication(id: $id)
  }
`);

export const subscribeMutation = graphql(`
  mutation Subscribe($input: SubscribeInput!) {
    subscribe(input: $input) {
      id
      status
      throttlingTier
      application {
        id
        name
      }
    }
  }
`);

export const unsubscribeMutation = graphql(`
  mutation Unsubscribe($id: ID!) {
    unsubscribe(id: $id)
  }
`);

// The secret in these two results is shown once, from the result, and never stored.
export const generateKeysMutation = graphql(`
  mutation GenerateKeys($input: GenerateKeysInput!) {
    generateKeys(input: $input) {
      key {
        id
        keyType
        clientID
        grantTypes
      }
      clientSecret
    }
  }
`);

export const regenerateSecretMutation = graphql(`
  mutation RegenerateSecret($applicationID: ID!, $keyType: ApplicationKeyKeyType!, $graceSeconds: Int) {
    regenerateSecret(applicationID: $applicationID, keyType: $keyType, graceSeconds: $graceSeconds) {
      key {
        id
        clientID
        previousSecretExpiresAt
      }
      clientSecret
    }
  }
`);

export const generateAccessTokenMutation = graphql(`
  mutation GenerateAccessToken($input: GenerateAccessTokenInput!) {
    generateAccessToken(input: $input) {
      accessToken
      tokenType
      expiresAt
      scopes
    }
  }
`);

export const setApplicationKeyJWKSMutation = graphql(`
  mutation SetApplicationKeyJWKS($applicationID: ID!, $keyType: ApplicationKeyKeyType!, $jwks: String!) {
    setApplicationKeyJWKS(applicationID: $applicationID, keyType: $keyType, jwks: $jwks) {
      id
      clientID
    }
  }
`);

export const setApplicationKeyPKCERequiredMutation = graphql(`
  mutation SetApplicationKeyPKCERequired($applicationID: ID!, $keyType: ApplicationKeyKeyType!, $required: Boolean!) {
    setApplicationKeyPKCERequired(applicationID: $applicationID, keyType: $keyType, required: $required) {
      id
      pkceRequired
    }
  }
`);

// The key in this result is shown once, from the result, and never stored.
export const generateApiKeyMutation = graphql(`
  mutation GenerateApiKey($input: GenerateAPIKeyInput!) {
    generateAPIKey(input: $input) {
      key
      apiKey {
        id
        name
        keyType
      }
    }
  }
`);

export const revokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!, $graceSeconds: Int) {
    revokeAPIKey(id: $id, graceSeconds: $graceSeconds) {
      id
      revokedAt
    }
  }
`);

export const setApplicationAttributesMutation = graphql(`
  mutation SetApplicationAttributes($applicationID: ID!, $attributes: [ApplicationAttributeInput!]!) {
    setApplicationAttributes(applicationID: $applicationID, attributes: $attributes) {
      id
      attributes {
        key
        value
      }
    }
  }
`);

export const shareApplicationMutation = graphql(`
  mutation ShareApplication($applicationID: ID!, $groups: [String!]!) {
    shareApplication(applicationID: $applicationID, groups: $groups) {
      id
      sharedGroups
    }
  }
`);

export const setRequiredAttributesMutation = graphql(`
  mutation SetRequiredApplicationAttributes($keys: [String!]!) {
    setRequiredApplicationAttributes(keys: $keys)
  }
`);

export const revokeApplicationTokensMutation = graphql(`
  mutation RevokeApplicationTokens($applicationID: ID!, $keyType: ApplicationKeyKeyType) {
    revokeApplicationTokens(applicationID: $applicationID, keyType: $keyType) {
      revokedBefore
      grants
    }
  }
`);

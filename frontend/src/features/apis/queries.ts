import { graphql } from '../../gql';

export const apiListQuery = graphql(`
  query PublisherApiList($q: String, $after: Cursor) {
    searchAPIs(query: $q, first: 25, after: $after, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          version
          context
          lifecycleStatus
        }
      }
    }
  }
`);

/** What a resource's settings are: shared by the resource list and the reply to an edit. */
export const operationSettingsFragment = graphql(`
  fragment OperationSettingsFields on APIOperation {
    authRequired
    scopes
    throttlingTier
    requestValidation
    policies {
      setRequestHeaders {
        name
        value
      }
      removeRequestHeaders
      setQueryParams {
        name
        value
      }
      removeQueryParams
      rewritePath
      contentTypes
      setResponseHeaders {
        name
        value
      }
      removeResponseHeaders
    }
  }
`);

export const apiDetailQuery = graphql(`
  query PublisherApiDetail($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          name
          context
          version
          description
          productionEndpoint
          lifecycleStatus
          isDefaultVersion
          invocationURLs
          definitionType
          tags
          categories {
            id
            name
          }
          visibility
          visibleRoles
          subscriptionTiers
          thumbnailURL
          businessOwnerName
          businessOwnerEmail
          scopeDefinitions {
            name
          }
          operations {
            id
            method
            target
            soapAction
            ...OperationSettingsFields
          }
          serviceEntry {
            id
            name
            version
          }
          drift {
            outOfDate
            added
            removed
            changed
          }
          removedSincePreviousVersion
          previousVersion {
            id
            version
          }
          breakingChanges {
            kind
            operation
            message
          }
          lifecycleActions
          lifecycleHistory {
            from
            to
            actor
            reason
            time
          }
          revisions {
            totalCount
          }
          deployments {
            id
            createdAt
            environment {
              id
              name
              displayName
            }
            revision {
              id
              number
            }
          }
        }
      }
    }
  }
`);

export const validateDefinitionQuery = graphql(`
  query ValidateDefinition($source: DefinitionSourceInput!) {
    validateDefinition(source: $source) {
      valid
      kind
      specVersion
      title
      version
      description
      servers
      operations {
        method
        target
        operationId
        summary
        scopes
        secured
      }
      problems {
        severity
        message
        pointer
        line
        column
      }
    }
  }
`);

export const apiBusinessQuery = graphql(`
  query PublisherApiBusiness($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          updatedAt
          name
          version
          lifecycleStatus
          description
          tags
          categories {
            id
            name
          }
          businessOwnerName
          businessOwnerEmail
          technicalOwnerName
          technicalOwnerEmail
          visibility
          visibleRoles
          subscriptionTiers
          thumbnailURL
          type
          trafficControls {
            graphql {
              maxDepth
              maxComplexity
              listMultiplier
            }
            webSocket {
              messageCount
              unitSeconds
              countSubscription
              overLimit
            }
          }
          graphqlFields {
            type
            field
            returns
            scope
          }
          cors {
            enabled
            allowOrigins
            allowMethods
            allowHeaders
            exposeHeaders
            allowCredentials
            maxAgeSeconds
          }
        }
      }
    }
    apiCategories {
      id
      name
    }
    throttlingTiers(first: 100, where: { level: SUBSCRIPTION }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const apiDocumentsQuery = graphql(`
  query PublisherApiDocuments($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          name
          version
          documents {
            id
            name
            summary
            docType
            sourceType
            content
            url
            fileName
            fileSize
            fileURL
            updatedAt
          }
        }
      }
    }
  }
`);

export const apiRevisionsQuery = graphql(`
  query PublisherApiRevisions($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          name
          version
          maxRevisions
          revisions(first: 100, orderBy: { field: NUMBER, direction: DESC }) {
            edges {
              node {
                id
                number
                description
                createdBy
                createdAt
                deployments {
                  id
                  virtualHost
                  environment {
                    id
                    name
                    displayName
                  }
                }
              }
            }
          }
        }
      }
    }
    environments(first: 50) {
      edges {
        node {
          id
          name
          displayName
          isDefault
          virtualHosts {
            host
          }
        }
      }
    }
  }
`);

export const apiEndpointsQuery = graphql(`
  query PublisherApiEndpoints($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          updatedAt
          name
          version
          endpoints {
            production {
              ...EndpointConfigFields
            }
            sandbox {
              ...EndpointConfigFields
            }
          }
          ...GatewaySecurityFields
        }
      }
    }
  }

  fragment EndpointConfigFields on EndpointConfig {
    type
    urls
    timeoutMs
    retries
    breaker {
      failures
      cooldownMs
    }
    auth {
      type
      username
      tokenURL
      clientID
      scopes
      hasSecret
    }
  }
`);

export const apiExportedDefinitionQuery = graphql(`
  query PublisherApiExportedDefinition($id: ID!) {
    node(id: $id) {
      ... on API {
        id
        exportedDefinition
      }
    }
  }
`);

/** The stored definition, read apart from the detail page because it can be megabytes. */
export const apiDefinitionQuery = graphql(`
  query PublisherApiDefinition($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          type
          definitionType
          definitionURL
          definition
          definitionOperations {
            method
            target
            summary
          }
        }
      }
    }
  }
`);

export const gatewaySecurityFragment = graphql(`
  fragment GatewaySecurityFields on API {
    backendJWKSPath
    backendJWT {
      enabled
      header
      ttlSeconds
    }
    mutualTLS {
      clientCert
      oauth2
      trustedCAs
      certificates {
        subject
        issuer
        notAfter
        isCA
      }
    }
  }
`);

export const apiScopesQuery = graphql(`
  query PublisherApiScopes($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          name
          version
          operations {
            id
            method
            target
            scopes
          }
        }
      }
    }
    apiScopes(apiID: $id) {
      id
      name
      displayName
      description
      roles
    }
  }
`);

export const apiKeyManagersQuery = graphql(`
  query PublisherApiKeyManagers($id: ID!) {
    apiKeyManagers(apiID: $id)
    keyManagers {
      id
      name
      enabled
    }
  }
`);

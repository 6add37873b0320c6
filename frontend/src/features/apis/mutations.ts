import { graphql } from '../../gql';

export const createApiMutation = graphql(`
  mutation CreateAPI($input: CreateAPIInput!) {
    createAPI(input: $input) {
      id
      name
    }
  }
`);

export const deployApiMutation = graphql(`
  mutation DeployAPI($input: DeployAPIInput!) {
    deployAPI(input: $input) {
      id
      environment {
        id
        name
      }
      revision {
        id
        number
      }
    }
  }
`);

export const deleteApiMutation = graphql(`
  mutation DeleteAPI($id: ID!) {
    deleteAPI(id: $id)
  }
`);

export const importApiMutation = graphql(`
  mutation ImportAPI($input: ImportAPIInput!) {
    importAPI(input: $input) {
      id
      name
    }
  }
`);

export const changeApiLifecycleMutation = graphql(`
  mutation ChangeAPILifecycle($id: ID!, $action: LifecycleAction!, $reason: String) {
    changeAPILifecycle(id: $id, action: $action, reason: $reason) {
      id
      lifecycleStatus
      lifecycleActions
    }
  }
`);

export const publishApiMutation = graphql(`
  mutation PublishAPI($input: PublishAPIInput!) {
    publishAPI(input: $input) {
      id
      lifecycleStatus
      lifecycleActions
    }
  }
`);

export const updateApiFromServiceMutation = graphql(`
  mutation UpdateApiFromService($apiID: ID!) {
    updateAPIFromService(apiID: $apiID) {
      id
    }
  }
`);

export const createNewVersionMutation = graphql(`
  mutation CreateNewVersion($input: CreateNewVersionInput!) {
    createNewVersion(input: $input) {
      id
    }
  }
`);

export const updateApiBusinessMutation = graphql(`
  mutation UpdateAPIBusinessInfo($id: ID!, $input: APIBusinessInput!) {
    updateAPIBusinessInfo(id: $id, input: $input) {
      id
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
    }
  }
`);

export const updateApiCorsMutation = graphql(`
  mutation UpdateAPICORS($id: ID!, $input: CORSInput!) {
    updateAPICORS(id: $id, input: $input) {
      id
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
`);

export const updateApiTrafficControlsMutation = graphql(`
  mutation UpdateAPITrafficControls($id: ID!, $input: TrafficControlsInput!) {
    updateAPITrafficControls(id: $id, input: $input) {
      id
      updatedAt
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
    }
  }
`);

export const setApiThumbnailMutation = graphql(`
  mutation SetAPIThumbnail($id: ID!, $file: FileUploadInput) {
    setAPIThumbnail(id: $id, file: $file) {
      id
      thumbnailURL
    }
  }
`);

export const createDocumentMutation = graphql(`
  mutation CreateDocument($apiID: ID!, $input: DocumentInput!) {
    createDocument(apiID: $apiID, input: $input) {
      id
    }
  }
`);

export const updateDocumentMutation = graphql(`
  mutation UpdateDocument($id: ID!, $input: DocumentInput!) {
    updateDocument(id: $id, input: $input) {
      id
    }
  }
`);

export const deleteDocumentMutation = graphql(`
  mutation DeleteDocument($id: ID!) {
    deleteDocument(id: $id)
  }
`);

export const createRevisionMutation = graphql(`
  mutation CreateAPIRevision($apiID: ID!, $description: String) {
    createAPIRevision(apiID: $apiID, description: $description) {
      id
      number
    }
  }
`);

export const deployRevisionMutation = graphql(`
  mutation DeployAPIRevision($revisionID: ID!, $environment: String, $virtualHost: String) {
    deployAPIRevision(revisionID: $revisionID, environment: $environment, virtualHost: $virtualHost) {
      id
      virtualHost
      revision {
        id
        number
      }
      environment {
        id
        name
      }
    }
  }
`);

export const restoreRevisionMutation = graphql(`
  mutation RestoreAPIRevision($revisionID: ID!) {
    restoreAPIRevision(revisionID: $revisionID) {
      id
    }
  }
`);

export const deleteRevisionMutation = graphql(`
  mutation DeleteAPIRevision($revisionID: ID!) {
    deleteAPIRevision(revisionID: $revisionID)
  }
`);

export const updateApiOperationMutation = graphql(`
  mutation UpdateAPIOperation($id: ID!, $input: UpdateAPIOperationInput!) {
    updateAPIOperation(id: $id, input: $input) {
      id
      method
      target
      ...OperationSettingsFields
    }
  }
`);

export const updateApiEndpointsMutation = graphql(`
  mutation UpdateAPIEndpoints($id: ID!, $input: APIEndpointsInput!) {
    updateAPIEndpoints(id: $id, input: $input) {
      id
      updatedAt
      productionEndpoint
      sandboxEndpoint
      endpoints {
        production {
          type
          urls
        }
        sandbox {
          type
          urls
        }
      }
    }
  }
`);

export const updateApiGatewaySecurityMutation = graphql(`
  mutation UpdateAPIGatewaySecurity($id: ID!, $input: APIGatewaySecurityInput!) {
    updateAPIGatewaySecurity(id: $id, input: $input) {
      id
      updatedAt
      ...GatewaySecurityFields
    }
  }
`);

export const createApiScopeMutation = graphql(`
  mutation CreateAPIScope($apiID: ID!, $input: APIScopeInput!) {
    createAPIScope(apiID: $apiID, input: $input) {
      id
      name
    }
  }
`);

export const updateApiScopeMutation = graphql(`
  mutation UpdateAPIScope($id: ID!, $input: APIScopeInput!) {
    updateAPIScope(id: $id, input: $input) {
      id
      name
      displayName
      description
      roles
    }
  }
`);

export const deleteApiScopeMutation = graphql(`
  mutation DeleteAPIScope($id: ID!) {
    deleteAPIScope(id: $id)
  }
`);

export const setApiKeyManagersMutation = graphql(`
  mutation SetAPIKeyManagers($apiID: ID!, $keyManagers: [String!]!) {
    setAPIKeyManagers(apiID: $apiID, keyManagers: $keyManagers)
  }
`);

export const updateApiDefinitionMutation = graphql(`
  mutation UpdateAPIDefinition($id: ID!, $definition: String!) {
    updateAPIDefinition(id: $id, definition: $definition) {
      id
      definition
      operations {
        id
        method
        target
        authRequired
        scopes
        throttlingTier
        requestValidation
      }
    }
  }
`);

export const addApiOperationMutation = graphql(`
  mutation AddAPIOperation($apiID: ID!, $input: AddAPIOperationInput!) {
    addAPIOperation(apiID: $apiID, input: $input) {
      id
      method
      target
      soapAction
      ...OperationSettingsFields
    }
  }
`);

export const deleteApiOperationMutation = graphql(`
  mutation DeleteAPIOperation($id: ID!) {
    deleteAPIOperation(id: $id)
  }
`);

export const deployRevisionToMutation = graphql(`
  mutation DeployAPIRevisionTo($revisionID: ID!, $environments: [String!]!) {
    deployAPIRevisionTo(revisionID: $revisionID, environments: $environments) {
      id
      revision {
        id
        number
      }
      environment {
        id
        name
      }
    }
  }
`);

export const undeployMutation = graphql(`
  mutation UndeployAPI($apiID: ID!, $environment: String) {
    undeployAPI(apiID: $apiID, environment: $environment) {
      id
    }
  }
`);

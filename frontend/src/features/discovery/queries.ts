import { graphql } from '../../gql';

export const catalogueQuery = graphql(`
  query DevPortalCatalogue($query: String, $tags: [String!], $categories: [String!], $sort: CatalogueSort) {
    catalogue(query: $query, tags: $tags, categories: $categories, sort: $sort, first: 100) {
      totalCount
      tags {
        name
        count
      }
      categories {
        name
        count
      }
      apis {
        id
        name
        version
        type
        description
        thumbnailURL
        lifecycleStatus
        rating {
          average
          count
        }
      }
    }
  }
`);

export const publishedApiQuery = graphql(`
  query DevPortalApi($id: ID!) {
    catalogueAPI(id: $id) {
      id
      name
      version
      context
      type
      description
      lifecycleStatus
      thumbnailURL
      tags
      categories {
        id
        name
      }
      businessOwnerName
      businessOwnerEmail
      technicalOwnerName
      technicalOwnerEmail
      definitionType
      cors {
        enabled
        allowOrigins
      }
      gatewayEndpoints {
        environment
        displayName
        url
      }
      offeredTiers {
        id
        name
        displayName
        description
        requestCount
        unitSeconds
        burstLimit
        requiresApproval
      }
      documents {
        id
        name
        summary
        docType
        sourceType
        content
        url
        fileName
        fileURL
      }
      operations {
        id
        method
        target
        authRequired
        scopes
      }
    }
  }
`);

export const apiFeedbackQuery = graphql(`
  query DevPortalApiFeedback($id: ID!) {
    apis(first: 1, where: { id: $id, lifecycleStatusIn: [PUBLISHED, DEPRECATED] }) {
      edges {
        node {
          id
          lifecycleStatus
          rating {
            average
            count
            mine
          }
          comments {
            id
            body
            author
            createdAt
            hidden
            canDelete
            canModerate
            replies {
              id
              body
              author
              createdAt
              hidden
              canDelete
              canModerate
            }
          }
        }
      }
    }
  }
`);

export const apiConsoleQuery = graphql(`
  query DevPortalApiConsole($id: ID!, $environment: String) {
    catalogueAPI(id: $id) {
      id
      name
      version
      type
      cors {
        enabled
        allowOrigins
      }
      gatewayEndpoints {
        environment
        displayName
        url
      }
      consoleDefinition(environment: $environment)
      definitionType
      definition
    }
  }
`);

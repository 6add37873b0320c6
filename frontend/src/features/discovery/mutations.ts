import { graphql } from '../../gql';

export const rateApiMutation = graphql(`
  mutation RateApi($apiID: ID!, $stars: Int!) {
    rateAPI(apiID: $apiID, stars: $stars) {
      average
      count
      mine
    }
  }
`);

export const removeRatingMutation = graphql(`
  mutation RemoveRating($apiID: ID!) {
    removeRating(apiID: $apiID) {
      average
      count
      mine
    }
  }
`);

export const addCommentMutation = graphql(`
  mutation AddComment($apiID: ID!, $body: String!, $parentID: ID) {
    addComment(apiID: $apiID, body: $body, parentID: $parentID) {
      id
    }
  }
`);

export const deleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

export const setCommentHiddenMutation = graphql(`
  mutation SetCommentHidden($id: ID!, $hidden: Boolean!) {
    setCommentHidden(id: $id, hidden: $hidden) {
      id
      hidden
    }
  }
`);

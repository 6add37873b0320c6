import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { CommentForm } from '../components/CommentForm';
import { RatingPicker, RatingSummaryText } from '../components/RatingStars';
import { addCommentMutation, deleteCommentMutation, rateApiMutation, removeRatingMutation, setCommentHiddenMutation } from '../mutations';
import { apiFeedbackQuery } from '../queries';
import '../discovery.css';

interface CommentData {
  id: string;
  body: string;
  author: string;
  createdAt: unknown;
  hidden: boolean;
  canDelete: boolean;
  canModerate: boolean;
}

/**
 * Ratings and comments on an API's page in the Developer Portal. `signInToPost` is given when
 * the viewer may not post (an anonymous visitor): it replaces the rating picker and the forms.
 */
export function ApiFeedbackView({ apiID, signInToPost }: { apiID: string; signInToPost?: ReactNode }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: apiFeedbackQuery, variables: { id: apiID }, requestPolicy: 'cache-and-network' });
  const [rateState, rate] = useMutation(rateApiMutation);
  const [clearState, clearRating] = useMutation(removeRatingMutation);
  const [addState, add] = useMutation(addCommentMutation);
  const [deleteState, del] = useMutation(deleteCommentMutation);
  const [hideState, hide] = useMutation(setCommentHiddenMutation);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const api = data?.apis.edges?.[0]?.node;
  // Deprecated APIs keep their feedback on show but take no more (the
  // server refuses it too).
  const closed = api?.lifecycleStatus === 'DEPRECATED';
  const canPost = signInToPost === undefined;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const failure = rateState.error ?? clearState.error ?? deleteState.error ?? hideState.error;
  const addErrors = toFormErrors(addState.error);

  async function post(body: string, parentID?: string) {
    const r = await add({ apiID, body, parentID: parentID ?? null });
    if (r.error) return false;
    setReplyTo(null);
    reload();
    return true;
  }

  function actions(c: CommentData, isTopLevel: boolean) {
    return (
      <div className="comment-actions">
        {isTopLevel && !closed && canPost && (
          <button type="button" className="button" onClick={() => setReplyTo(c.id)} aria-label={`Reply to ${c.author}`}>
            Reply
          </button>
        )}
        {c.canModerate && (
          <button type="button" className="button" disabled={hideState.fetching} onClick={() => void hide({ id: c.id, hidden: !c.hidden }).then(reload)} aria-label={`${c.hidden ? 'Show' : 'Hide'} comment by ${c.author}`}>
            {c.hidden ? 'Show' : 'Hide'}
          </button>
        )}
        {c.canDelete && (
          <button type="button" className="button danger" disabled={deleteState.fetching} onClick={() => void del({ id: c.id }).then(reload)} aria-label={`Delete comment by ${c.author}`}>
            Delete
          </button>
        )}
      </div>
    );
  }

  function comment(c: CommentData, isTopLevel: boolean) {
    return (
      <div className={c.hidden ? 'comment hidden-comment' : 'comment'}>
        <p className="comment-meta">
          <strong>{c.author}</strong> · {new Date(c.createdAt as string).toLocaleString()}
          {c.hidden && ' · hidden from consumers'}
        </p>
        <p>{c.body}</p>
        {actions(c, isTopLevel)}
      </div>
    );
  }

  return (
    <section className="section" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Ratings and comments</h2>
      {failure && <Banner>{errorMessage(failure)}</Banner>}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {api && (
          <>
            <p>
              <RatingSummaryText average={api.rating.average} count={api.rating.count} />
            </p>
            {closed ? (
              <p className="empty">This API is deprecated: its ratings and comments are read-only.</p>
            ) : !canPost ? (
              <p className="muted">{signInToPost}</p>
            ) : (
              <RatingPicker
                mine={api.rating.mine}
                busy={rateState.fetching || clearState.fetching}
                onRate={(stars) => void rate({ apiID, stars }).then(reload)}
                onClear={() => void clearRating({ apiID }).then(reload)}
              />
            )}
            <h3>Comments</h3>
            {api.comments.length === 0 ? (
              <p className="empty">No comments yet. Ask a question or tell others how the API worked for you.</p>
            ) : (
              <ul className="comments" aria-label="Comments">
                {api.comments.map((c) => (
                  <li key={c.id}>
                    {comment(c, true)}
                    {c.replies.length > 0 && (
                      <ul className="replies" aria-label={`Replies to ${c.author}`}>
                        {c.replies.map((r) => (
                          <li key={r.id}>{comment(r, false)}</li>
                        ))}
                      </ul>
                    )}
                    {replyTo === c.id && (
                      <CommentForm
                        id={`reply-${c.id}`}
                        label={`Reply to ${c.author}`}
                        submitLabel="Post reply"
                        busy={addState.fetching}
                        error={addErrors.fields.body ?? addErrors.banner ?? undefined}
                        onSubmit={(body) => post(body, c.id)}
                        onCancel={() => setReplyTo(null)}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
            {replyTo === null && !closed && canPost && (
              <CommentForm
                id="new-comment"
                label="Add a comment"
                submitLabel="Post comment"
                busy={addState.fetching}
                error={addErrors.fields.body ?? addErrors.banner ?? undefined}
                onSubmit={(body) => post(body)}
              />
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

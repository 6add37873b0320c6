package keymanager

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/clientassertion"
	"github.com/gatehouse/gatehouse/ent/oauthsession"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/ent/revocationrule"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Bulk revocation: every token of an application (or of one of its key
// types) or of a user. JWT access tokens are not stored, so there is no
// list of jtis to deny; a rule {who, revokedBefore} goes to the gateways
// instead, which deny a token of that application, client or user issued
// at or before revokedBefore. Stored state (refresh tokens, codes, opaque
// access tokens) is deactivated in the same transaction, so nothing can
// mint a new token from a grant made before the revocation.
//
// revokedBefore has the resolution of iat (seconds) and is inclusive: a
// token issued in the same second as the revocation is denied too, the
// safe side of the tie.

// Revocation is what a bulk revocation did.
type Revocation struct {
	// RevokedBefore: tokens issued at or before it are denied.
	RevokedBefore time.Time
	// Grants is how many stored tokens and codes were deactivated.
	Grants int
}

// RevokeApplicationTokens revokes every token of the application's keys
// of keyType (all key types when empty). The caller checked that the
// viewer may.
func (s *Server) RevokeApplicationTokens(ctx context.Context, appID uuid.UUID, keyType string, reason string) (*Revocation, error) {
	q := s.store.client.ApplicationKey.Query().Where(applicationkey.ApplicationID(appID))
	if keyType != "" {
		q = q.Where(applicationkey.KeyTypeEQ(applicationkey.KeyType(keyType)))
	}
	clientIDs, err := q.Select(applicationkey.FieldClientID).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("revoke application tokens: %w", err)
	}
	// The whole application: one rule by application id, which also
	// covers third-party key managers' tokens mapped to it. One key type:
	// a rule per client id of that type.
	rules := []ruleTarget{{revocationrule.KindAPPLICATION, appID.String()}}
	if keyType != "" {
		rules = rules[:0]
		for _, id := range clientIDs {
			rules = append(rules, ruleTarget{revocationrule.KindCLIENT, id})
		}
	}
	return s.revokeBulk(ctx, rules, oauthsession.ClientIDIn(clientIDs...), reason)
}

// RevokeUserTokens revokes every token issued to the user (authorization
// code, password and JWT bearer grants; tokens whose sub is the user).
func (s *Server) RevokeUserTokens(ctx context.Context, userID uuid.UUID, reason string) (*Revocation, error) {
	return s.revokeBulk(ctx, []ruleTarget{{revocationrule.KindSUBJECT, userID.String()}},
		oauthsession.Subject(userID.String()), reason)
}

type ruleTarget struct {
	kind  revocationrule.Kind
	value string
}

func (s *Server) revokeBulk(ctx context.Context, targets []ruleTarget, sessions predicate.OAuthSession, reason string) (*Revocation, error) {
	now := time.Now().UTC()
	before := now.Truncate(time.Second)
	// Every token a rule could cover has expired by then (with leeway).
	expires := before.Add(s.opts.AccessTokenLifespan + 2*time.Minute)
	out := &Revocation{RevokedBefore: before}
	err := store.WithTx(ctx, s.store.client, func(tx *ent.Tx) error {
		for _, t := range targets {
			err := tx.RevocationRule.Create().SetKind(t.kind).SetValue(t.value).
				SetRevokedBefore(before).SetExpiresAt(expires).SetReason(reason).
				OnConflictColumns(revocationrule.FieldKind, revocationrule.FieldValue).
				UpdateRevokedBefore().UpdateExpiresAt().UpdateReason().UpdateUpdatedAt().Exec(ctx)
			if err != nil {
				return fmt.Errorf("revocation rule: %w", err)
			}
		}
		n, err := tx.OAuthSession.Update().Where(sessions, oauthsession.Active(true), oauthsession.ExpiresAtGT(now)).
			SetActive(false).Save(ctx)
		out.Grants = n
		return err
	})
	if err != nil {
		return nil, err
	}
	s.notify.TokensChanged(ctx)
	return out, nil
}

// RevocationRules lists the rules gateways apply: those that can still
// cover an unexpired token.
func (s *Server) RevocationRules(ctx context.Context) ([]config.RevocationRule, error) {
	rows, err := s.store.client.RevocationRule.Query().
		Where(revocationrule.ExpiresAtGT(time.Now())).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]config.RevocationRule, 0, len(rows))
	for _, r := range rows {
		rule := config.RevocationRule{RevokedBefore: r.RevokedBefore.Unix(), ExpiresAt: r.ExpiresAt.UTC()}
		switch r.Kind {
		case revocationrule.KindAPPLICATION:
			rule.ApplicationID = r.Value
		case revocationrule.KindCLIENT:
			rule.ClientID = r.Value
		case revocationrule.KindSUBJECT:
			rule.Subject = r.Value
		}
		out = append(out, rule)
	}
	return out, nil
}

// ruleRevoked reports whether a rule covers a token of the application,
// client and subject issued at iat (the Key Manager's own checks:
// introspection, userinfo).
// tokenRevoked reports whether a JWT access token was revoked: by its jti,
// or by a rule covering its application, client or subject (read from its
// claims).
func (s *storage) tokenRevoked(ctx context.Context, jti, subject string, iat time.Time, claims map[string]any) (bool, error) {
	revoked, err := s.isRevoked(ctx, jti)
	if err != nil || revoked {
		return revoked, err
	}
	app, _ := claims["application_id"].(string)
	client, _ := claims["client_id"].(string)
	return s.ruleRevoked(ctx, app, client, subject, iat)
}

func (s *storage) ruleRevoked(ctx context.Context, appID, clientID, subject string, iat time.Time) (bool, error) {
	var who []predicate.RevocationRule
	if appID != "" {
		who = append(who, revocationrule.And(revocationrule.KindEQ(revocationrule.KindAPPLICATION), revocationrule.Value(appID)))
	}
	if clientID != "" {
		who = append(who, revocationrule.And(revocationrule.KindEQ(revocationrule.KindCLIENT), revocationrule.Value(clientID)))
	}
	if subject != "" {
		who = append(who, revocationrule.And(revocationrule.KindEQ(revocationrule.KindSUBJECT), revocationrule.Value(subject)))
	}
	if len(who) == 0 {
		return false, nil
	}
	return s.client.RevocationRule.Query().
		Where(revocationrule.Or(who...), revocationrule.RevokedBeforeGTE(iat.Truncate(time.Second))).Exist(ctx)
}

// purgeRules drops rules no unexpired token can fall under any more, and
// used client assertion ids past their expiry.
func (s *storage) purgeRules(ctx context.Context) (int, error) {
	n, err := s.client.RevocationRule.Delete().Where(revocationrule.ExpiresAtLT(time.Now())).Exec(ctx)
	if err != nil {
		return n, err
	}
	m, err := s.client.ClientAssertion.Delete().Where(clientassertion.ExpiresAtLT(time.Now())).Exec(ctx)
	return n + m, err
}

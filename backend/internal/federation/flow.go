package federation

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
	"golang.org/x/oauth2"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/cookies"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/federatedidentity"
	"github.com/gatehouse/gatehouse/ent/identityprovider"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/user"
)

// The state cookie (cookies.Federation) carries state, nonce and PKCE
// verifier from start to callback, signed so the browser cannot forge it;
// it lives stateTTL.
const stateTTL = 10 * time.Minute

type flowState struct {
	Provider string `json:"p"`
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"x"`
	Expires  int64  `json:"e"`
}

// Routes mounts the sign-in flow and the public provider list.
func (s *Service) Routes(r chi.Router) {
	r.Get("/auth/federation/providers", s.handleButtons)
	r.Get("/auth/federation/{id}/start", s.handleStart)
	r.Get("/auth/federation/{id}/callback", s.handleCallback)
}

func (s *Service) handleButtons(w http.ResponseWriter, r *http.Request) {
	b, err := s.Buttons(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"providers": b})
}

// enabledProvider loads an enabled provider by the id in the URL.
func (s *Service) enabledProvider(ctx context.Context, raw string) (*ent.IdentityProvider, error) {
	id, err := uuid.Parse(raw)
	if err != nil {
		return nil, nil
	}
	p, err := s.client.IdentityProvider.Query().Where(identityprovider.ID(id), identityprovider.Enabled(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return p, err
}

func (s *Service) oidcProvider(ctx context.Context, issuer string) (*oidc.Provider, error) {
	s.mu.Lock()
	p := s.providers[issuer]
	s.mu.Unlock()
	if p != nil {
		return p, nil
	}
	// The provider keeps using this context for JWKS fetches: it must not
	// end with the request.
	pctx := oidc.ClientContext(context.WithoutCancel(ctx), s.HTTPClient)
	p, err := oidc.NewProvider(pctx, issuer)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.providers[issuer] = p
	s.mu.Unlock()
	return p, nil
}

func (s *Service) oauthConfig(ctx context.Context, p *ent.IdentityProvider) (*oauth2.Config, *oidc.Provider, error) {
	op, err := s.oidcProvider(ctx, p.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("discovery at %s: %w", p.Issuer, err)
	}
	secret, err := s.sealer.Open(p.ClientSecret, secretLabel)
	if err != nil {
		return nil, nil, fmt.Errorf("identity provider %s: cannot unseal the client secret: %w", p.Name, err)
	}
	return &oauth2.Config{
		ClientID: p.ClientID, ClientSecret: string(secret), Endpoint: op.Endpoint(),
		RedirectURL: s.CallbackURL(p.ID), Scopes: p.Scopes,
	}, op, nil
}

func (s *Service) handleStart(w http.ResponseWriter, r *http.Request) {
	p, err := s.enabledProvider(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Sign-in failed", "The identity provider could not be loaded.", err)
		return
	}
	if p == nil {
		s.fail(w, r, http.StatusNotFound, "Unknown identity provider", "This sign-in option does not exist or is turned off.", nil)
		return
	}
	// The provider returns the browser to the public URL: the state cookie
	// must be set on that host, so a start reached under another name
	// (127.0.0.1 for localhost) moves there first.
	if pub, err := url.Parse(s.publicURL); err == nil && pub.Host != "" && !strings.EqualFold(pub.Host, r.Host) {
		http.Redirect(w, r, s.publicURL+r.URL.RequestURI(), http.StatusFound) // #nosec G710 -- the configured public URL with this request's own path: the host is never taken from the request
		return
	}
	cfg, _, err := s.oauthConfig(r.Context(), p)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, "Identity provider unreachable",
			fmt.Sprintf("%s could not be reached. Try again later or sign in with your password.", p.Name), err)
		return
	}
	st := flowState{
		Provider: p.ID.String(), State: randomString(24), Nonce: randomString(24),
		Verifier: oauth2.GenerateVerifier(), Next: safeNext(r.URL.Query().Get("next")),
		Expires: time.Now().Add(stateTTL).Unix(),
	}
	cookies.Set(w, r, cookies.Cookie{
		Base: cookies.Federation, Value: s.sign(st), Path: "/auth/federation/", MaxAge: int(stateTTL / time.Second),
		// Lax: the provider sends the browser back with a top-level GET.
		SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, cfg.AuthCodeURL(st.State, oidc.Nonce(st.Nonce), oauth2.S256ChallengeOption(st.Verifier)), http.StatusFound)
}

func (s *Service) handleCallback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cookies.Clear(w, r, cookies.Cookie{Base: cookies.Federation, Path: "/auth/federation/", SameSite: http.SameSiteLaxMode})
	q := r.URL.Query()
	var st flowState
	if !s.verify(cookies.Get(r, cookies.Federation), &st) || st.Expires < time.Now().Unix() ||
		st.Provider != chi.URLParam(r, "id") || q.Get("state") == "" || !hmac.Equal([]byte(q.Get("state")), []byte(st.State)) {
		s.fail(w, r, http.StatusBadRequest, "Sign-in expired", "This sign-in attempt is unknown or has expired. Start again from the sign-in page.", nil)
		return
	}
	p, err := s.enabledProvider(ctx, st.Provider)
	if err != nil || p == nil {
		s.fail(w, r, http.StatusNotFound, "Unknown identity provider", "This sign-in option does not exist or is turned off.", err)
		return
	}
	if e := q.Get("error"); e != "" {
		msg := fmt.Sprintf("%s refused the sign-in (%s).", p.Name, truncate(e, 64))
		if d := q.Get("error_description"); d != "" {
			msg = fmt.Sprintf("%s refused the sign-in: %s", p.Name, truncate(d, 200))
		}
		s.fail(w, r, http.StatusForbidden, "Sign-in refused", msg, nil)
		return
	}
	cfg, op, err := s.oauthConfig(ctx, p)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, "Identity provider unreachable", fmt.Sprintf("%s could not be reached.", p.Name), err)
		return
	}
	octx := oidc.ClientContext(ctx, s.HTTPClient)
	tok, err := cfg.Exchange(octx, q.Get("code"), oauth2.VerifierOption(st.Verifier))
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, "Sign-in failed", fmt.Sprintf("%s did not accept the sign-in code.", p.Name), err)
		return
	}
	rawID, _ := tok.Extra("id_token").(string)
	if rawID == "" {
		s.fail(w, r, http.StatusBadGateway, "Sign-in failed", fmt.Sprintf("%s sent no ID token.", p.Name), nil)
		return
	}
	idt, err := op.Verifier(&oidc.Config{ClientID: p.ClientID}).Verify(octx, rawID)
	if err != nil || idt.Nonce != st.Nonce {
		if err == nil {
			err = errors.New("nonce mismatch")
		}
		s.fail(w, r, http.StatusBadRequest, "Sign-in failed", fmt.Sprintf("The ID token from %s is not valid.", p.Name), err)
		return
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		s.fail(w, r, http.StatusBadGateway, "Sign-in failed", "The ID token's claims could not be read.", err)
		return
	}
	s.addUserInfo(octx, op, tok, idt.Subject, claims)

	u, err := s.resolveUser(ctx, p, idt.Subject, claims)
	if err != nil {
		var refused refusal
		if errors.As(err, &refused) {
			s.fail(w, r, http.StatusForbidden, "No Gatehouse account", string(refused), nil)
			return
		}
		s.fail(w, r, http.StatusInternalServerError, "Sign-in failed", "Your account could not be prepared.", err)
		return
	}
	sess, err := s.auth.OpenSession(ctx, u)
	if err != nil {
		s.fail(w, r, http.StatusForbidden, "Account unavailable", "This Gatehouse account is disabled or awaiting approval.", err)
		return
	}
	auth.SetSessionCookie(w, r, sess)
	http.Redirect(w, r, st.Next, http.StatusFound)
}

// addUserInfo adds claims the provider only gives at its userinfo
// endpoint (many put groups there, not in the ID token). The ID token's
// own claims win; a userinfo answer for another subject is ignored.
func (s *Service) addUserInfo(ctx context.Context, op *oidc.Provider, tok *oauth2.Token, sub string, claims map[string]any) {
	if op.UserInfoEndpoint() == "" {
		return
	}
	info, err := op.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil || info.Subject != sub {
		return
	}
	more := map[string]any{}
	if info.Claims(&more) != nil {
		return
	}
	for k, v := range more {
		if _, ok := claims[k]; !ok {
			claims[k] = v
		}
	}
}

// refusal is a sign-in refused for a reason the user should read.
type refusal string

func (r refusal) Error() string { return string(r) }

// resolveUser finds the user linked to (provider, subject), or provisions
// one just in time when the provider allows it. Mapped roles are granted
// on every sign-in (never taken away: an admin may have granted more).
func (s *Service) resolveUser(ctx context.Context, p *ent.IdentityProvider, sub string, claims map[string]any) (*ent.User, error) {
	mapped := MapRoles(p.RoleMappings, claims)
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	link, err := tx.FederatedIdentity.Query().
		Where(federatedidentity.ProviderID(p.ID), federatedidentity.Subject(sub)).Only(ctx)
	var u *ent.User
	switch {
	case err == nil:
		u, err = tx.User.Get(ctx, link.UserID)
		if err != nil {
			return nil, fmt.Errorf("linked user: %w", err)
		}
	case ent.IsNotFound(err):
		if !p.JitProvisioning {
			return nil, refusal(fmt.Sprintf("No Gatehouse account is linked to your %s identity, and %s does not create accounts on first sign-in. Ask an administrator for access.", p.Name, p.Name))
		}
		if len(mapped) == 0 {
			mapped = []viewer.Role{viewer.Subscriber}
		}
		u, err = s.provision(ctx, tx, p, sub, claims)
		if err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	if u.OrganizationID != p.OrganizationID {
		return nil, refusal("This account belongs to another organization.")
	}
	for _, role := range mapped {
		exists, err := tx.RoleBinding.Query().Where(rolebinding.UserID(u.ID),
			rolebinding.OrganizationID(u.OrganizationID), rolebinding.RoleEQ(string(role))).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !exists {
			if err := tx.RoleBinding.Create().SetUserID(u.ID).SetOrganizationID(u.OrganizationID).
				SetRole(string(role)).Exec(ctx); err != nil {
				return nil, fmt.Errorf("grant %s: %w", role, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return u, nil
}

var usernameJunk = regexp.MustCompile(`[^a-zA-Z0-9._-]+`)

// provision creates the user and the link. The username comes from
// preferred_username (or the email's local part), made unique; the user
// has no usable password, so only the provider signs them in.
func (s *Service) provision(ctx context.Context, tx *ent.Tx, p *ent.IdentityProvider, sub string, claims map[string]any) (*ent.User, error) {
	email, _ := claims["email"].(string)
	if v, ok := claims["email_verified"].(bool); ok && !v {
		email = ""
	}
	base, _ := claims["preferred_username"].(string)
	if base == "" && email != "" {
		base, _, _ = strings.Cut(email, "@")
	}
	base = strings.Trim(usernameJunk.ReplaceAllString(base, "-"), "-.")
	if base == "" {
		base = "user"
	}
	base = truncate(strings.ToLower(base), 48)
	name := base
	for i := 2; ; i++ {
		taken, err := tx.User.Query().Where(user.Username(name)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !taken {
			break
		}
		if i > 50 {
			name = base + "-" + strings.ToLower(randomString(4))
			break
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	display, _ := claims["name"].(string)
	if display == "" {
		display = name
	}
	hash, err := auth.HashPassword(randomString(32))
	if err != nil {
		return nil, err
	}
	u, err := tx.User.Create().SetOrganizationID(p.OrganizationID).SetUsername(name).
		SetEmail(truncate(email, 254)).SetDisplayName(truncate(display, 120)).SetPasswordHash(hash).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("provision user %s: %w", name, err)
	}
	if err := tx.FederatedIdentity.Create().SetProviderID(p.ID).SetSubject(sub).SetUserID(u.ID).Exec(ctx); err != nil {
		return nil, fmt.Errorf("link user %s: %w", name, err)
	}
	s.log.Info("provisioned federated user", "provider", p.Name, "user", name)
	return u, nil
}

// MapRoles returns the roles whose mapping matches claims: the claim
// equals the value, or is a list that contains it.
func MapRoles(mappings []fieldtype.RoleMapping, claims map[string]any) []viewer.Role {
	var out []viewer.Role
	for _, m := range mappings {
		role := viewer.Role(m.Role)
		if slices.Contains(out, role) || !claimMatches(claims[m.Claim], m.Value) {
			continue
		}
		out = append(out, role)
	}
	return out
}

func claimMatches(v any, want string) bool {
	switch c := v.(type) {
	case nil:
		return false
	case string:
		return c == want
	case []any:
		for _, e := range c {
			if claimMatches(e, want) {
				return true
			}
		}
		return false
	case map[string]any:
		return false
	default:
		return fmt.Sprint(c) == want
	}
}

func (s *Service) sign(st flowState) string {
	b, _ := json.Marshal(st)
	payload := base64.RawURLEncoding.EncodeToString(b)
	mac := hmac.New(sha256.New, s.stateKey)
	mac.Write([]byte(payload))
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func (s *Service) verify(v string, st *flowState) bool {
	payload, sig, ok := strings.Cut(v, ".")
	if !ok || len(v) > 4096 {
		return false
	}
	mac := hmac.New(sha256.New, s.stateKey)
	mac.Write([]byte(payload))
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	return err == nil && json.Unmarshal(b, st) == nil
}

// safeNext keeps redirects on this origin: a path, never //host or a URL.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

var failPage = template.Must(template.New("fail").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · Gatehouse</title>
<style>body{font-family:system-ui,sans-serif;background:#f5f6f8;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:2rem;max-width:28rem}
h1{font-size:1.3rem;margin-top:0}a{color:#0b5cad}</style></head>
<body><main><p><strong>Gatehouse</strong></p><h1>{{.Title}}</h1><p>{{.Message}}</p>
<p><a href="/signin">Back to sign-in</a></p></main></body></html>`))

// fail answers a page a person can read; the cause goes to the log only.
func (s *Service) fail(w http.ResponseWriter, r *http.Request, status int, title, msg string, cause error) {
	if cause != nil {
		s.log.Warn("federated sign-in failed", "path", r.URL.Path, "status", status, "err", cause)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = failPage.Execute(w, struct{ Title, Message string }{title, msg})
}

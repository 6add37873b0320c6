// Package signin is the portal's sign-in through the built-in Key Manager
// as a backend-for-frontend: the control plane is the portal's OpenID
// Connect client (authorization code + PKCE, confidential), exchanges the
// code itself and keeps the ID token with the server-side session; the
// SPA only ever holds the HttpOnly session cookie.
package signin

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-chi/chi/v5"
	"golang.org/x/oauth2"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/cookies"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
)

// Paths of the flow, and the portal's client id at the Key Manager.
const (
	StartPath    = "/api/auth/oidc/start"
	CallbackPath = "/api/auth/oidc/callback"
	LogoutPath   = "/api/auth/oidc/logout"
	ClientID     = "gatehouse-portal"
	// SignedOutPath is where end-session returns the browser.
	SignedOutPath = "/signin?signed_out=1"
)

// The flow cookie (cookies.SignIn) carries state, nonce and PKCE verifier
// from start to callback, MAC'd so the browser cannot forge it; it lives
// flowTTL.
const (
	flowPath = "/api/auth/oidc/"
	flowTTL  = 10 * time.Minute
)

// Scopes the portal asks for: who the user is, nothing more.
var scopes = []string{oidc.ScopeOpenID, "profile"}

// Options configure the service.
type Options struct {
	Auth *auth.Service
	// Issuer is the Key Manager's issuer (the control plane's public URL).
	Issuer string
	// Origins are the portal's origins (scheme://host:port); the first is
	// the public URL's. Each gets its own registered callback.
	Origins []string
	// Secret is the portal client's secret (derived from the master key,
	// so every replica agrees); StateKey MACs the flow cookie.
	Secret   string
	StateKey []byte
	// KeyManager serves the Key Manager's endpoints: discovery, JWKS and
	// the token endpoint are called in process, so the control plane need
	// not reach its own public URL (often a proxy it cannot see).
	KeyManager http.Handler
	Log        *slog.Logger
}

// Service is the portal's OpenID Connect client.
type Service struct {
	o    Options
	http *http.Client

	mu       sync.Mutex
	provider *oidc.Provider
}

// New returns the service; register Client() with the Key Manager.
func New(o Options) *Service {
	o.Issuer = strings.TrimRight(o.Issuer, "/")
	return &Service{o: o, http: &http.Client{Transport: inProcess{o.KeyManager}, Timeout: 30 * time.Second}}
}

// Client is the portal's registration at the Key Manager: one callback
// and one post-logout URI per portal origin.
func (s *Service) Client() keymanager.FirstPartyClient {
	c := keymanager.FirstPartyClient{ID: ClientID, Name: "Gatehouse portal", Secret: s.o.Secret}
	for _, o := range s.o.Origins {
		c.RedirectURIs = append(c.RedirectURIs, o+CallbackPath)
		c.PostLogoutRedirectURIs = append(c.PostLogoutRedirectURIs, o+SignedOutPath)
	}
	return c
}

// Routes mounts start and callback (no session needed) on r.
func (s *Service) Routes(r chi.Router) {
	r.Get(StartPath, s.start)
	r.Get(CallbackPath, s.callback)
}

// LogoutRoutes mounts the logout, which needs the session middleware's
// CSRF check: it is a state-changing POST from the SPA.
func (s *Service) LogoutRoutes(r chi.Router) {
	r.Post(LogoutPath, s.logout)
}

type flowState struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"x"`
	Origin   string `json:"o"`
	Expires  int64  `json:"e"`
}

func (s *Service) oauthConfig(origin string) *oauth2.Config {
	return &oauth2.Config{
		ClientID: ClientID, ClientSecret: s.o.Secret, Scopes: scopes,
		RedirectURL: origin + CallbackPath,
		Endpoint: oauth2.Endpoint{
			// Relative: the browser stays on the host it came from, which
			// holds its cookies.
			AuthURL:   keymanager.AuthorizePath,
			TokenURL:  s.o.Issuer + keymanager.TokenPath,
			AuthStyle: oauth2.AuthStyleInHeader,
		},
	}
}

// start begins a sign-in: it remembers state, nonce and PKCE verifier in
// the flow cookie and sends the browser to the authorization endpoint.
func (s *Service) start(w http.ResponseWriter, r *http.Request) {
	origin := requestOrigin(r)
	if !slices.Contains(s.o.Origins, origin) {
		// Not a registered callback origin: continue on the public URL.
		if len(s.o.Origins) == 0 {
			s.fail(w, r, "server_error", errors.New("no portal origin configured"))
			return
		}
		http.Redirect(w, r, s.o.Origins[0]+r.URL.RequestURI(), http.StatusFound) // #nosec G710 -- the configured portal origin with this request's own path: the host is never taken from the request
		return
	}
	st := flowState{
		State: randomString(), Nonce: randomString(), Verifier: oauth2.GenerateVerifier(),
		Next: SafeNext(r.URL.Query().Get("next")), Origin: origin, Expires: time.Now().Add(flowTTL).Unix(),
	}
	cookies.Set(w, r, cookies.Cookie{
		Base: cookies.SignIn, Value: s.sign(st), Path: flowPath, MaxAge: int(flowTTL / time.Second),
		// Lax: the Key Manager (maybe by way of an external provider)
		// sends the browser back with a top-level GET.
		SameSite: http.SameSiteLaxMode,
	})
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	// #nosec G710 -- the Key Manager's authorization endpoint for a registered portal origin (checked above)
	http.Redirect(w, r, s.oauthConfig(origin).AuthCodeURL(st.State, oidc.Nonce(st.Nonce), oauth2.S256ChallengeOption(st.Verifier)), http.StatusFound)
}

// callback ends a sign-in: state checked, code exchanged, ID token
// verified; then the portal session and on to next.
func (s *Service) callback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cookies.Clear(w, r, cookies.Cookie{Base: cookies.SignIn, Path: flowPath, SameSite: http.SameSiteLaxMode})
	q := r.URL.Query()
	var st flowState
	if !s.verify(cookies.Get(r, cookies.SignIn), &st) || st.Expires < time.Now().Unix() ||
		q.Get("state") == "" || !hmac.Equal([]byte(q.Get("state")), []byte(st.State)) {
		s.fail(w, r, "state_mismatch", nil)
		return
	}
	if e := q.Get("error"); e != "" {
		code := "sign_in_refused"
		if e == "access_denied" || e == "login_required" {
			code = e
		}
		s.fail(w, r, code, errors.New(e+": "+q.Get("error_description")))
		return
	}
	octx := oidc.ClientContext(ctx, s.http)
	tok, err := s.oauthConfig(st.Origin).Exchange(octx, q.Get("code"), oauth2.VerifierOption(st.Verifier))
	if err != nil {
		s.fail(w, r, "exchange_failed", err)
		return
	}
	rawID, _ := tok.Extra("id_token").(string)
	op, err := s.oidcProvider(ctx)
	if err != nil {
		s.fail(w, r, "server_error", err)
		return
	}
	idt, err := op.Verifier(&oidc.Config{ClientID: ClientID}).Verify(octx, rawID)
	if err == nil && !hmac.Equal([]byte(idt.Nonce), []byte(st.Nonce)) {
		err = errors.New("nonce mismatch")
	}
	if err != nil {
		s.fail(w, r, "invalid_id_token", err)
		return
	}
	current := auth.SessionToken(r)
	sess, err := s.o.Auth.OIDCSession(ctx, current, idt.Subject, rawID)
	if err != nil {
		code := "server_error"
		if k := errs.KindOf(err); k == errs.Forbidden || k == errs.Unauthenticated {
			code = "account_unavailable"
		}
		s.fail(w, r, code, err)
		return
	}
	auth.SetSessionCookie(w, r, sess)
	http.Redirect(w, r, st.Next, http.StatusFound)
}

// logout answers where the browser goes to sign out: the Key Manager's
// end-session endpoint with the session's ID token as hint, which ends
// the session (it is the Key Manager's too) and returns to the portal. A
// session from another sign-in (no ID token) ends here.
func (s *Service) logout(w http.ResponseWriter, r *http.Request) {
	sess := auth.SessionFrom(r)
	origin := requestOrigin(r)
	if !slices.Contains(s.o.Origins, origin) && len(s.o.Origins) > 0 {
		origin = s.o.Origins[0]
	}
	if sess == nil || sess.IDToken == "" {
		if sess != nil {
			if err := s.o.Auth.Logout(r.Context(), sess.Token); err != nil {
				httpx.WriteError(w, r, err)
				return
			}
		}
		auth.ClearSessionCookie(w, r)
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"redirect": SignedOutPath})
		return
	}
	u := keymanager.EndSessionPath + "?" + url.Values{
		"id_token_hint":            {sess.IDToken},
		"client_id":                {ClientID},
		"post_logout_redirect_uri": {origin + SignedOutPath},
	}.Encode()
	httpx.WriteJSON(w, http.StatusOK, map[string]string{"redirect": u})
}

func (s *Service) oidcProvider(ctx context.Context) (*oidc.Provider, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provider != nil {
		return s.provider, nil
	}
	// The provider fetches keys with this context later: not the request's.
	p, err := oidc.NewProvider(oidc.ClientContext(context.WithoutCancel(ctx), s.http), s.o.Issuer)
	if err != nil {
		return nil, err
	}
	s.provider = p
	return p, nil
}

// fail sends the browser to the SPA's sign-in page with an error code it
// explains; the cause goes to the log only.
func (s *Service) fail(w http.ResponseWriter, r *http.Request, code string, cause error) {
	if cause != nil && s.o.Log != nil {
		s.o.Log.Warn("portal sign-in failed", "code", code, "err", cause)
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "/signin?"+url.Values{"error": {code}}.Encode(), http.StatusFound)
}

// SafeNext keeps redirects on this origin: a path, never //host, a URL or
// the sign-in and sign-up pages themselves. The SPA applies the same rule
// (frontend/src/lib/auth.ts safeNext) before it sends next here.
func SafeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n\t\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	// The sign-in and sign-up pages themselves would loop; /api/ is no page.
	for _, loop := range []string{"/signin", "/signup"} {
		if next == loop || strings.HasPrefix(next, loop+"?") || strings.HasPrefix(next, loop+"/") {
			return "/"
		}
	}
	if strings.HasPrefix(next, "/api/") {
		return "/"
	}
	return next
}

// requestOrigin is the origin the browser used for r.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Service) sign(st flowState) string {
	b, _ := json.Marshal(st)
	payload := base64.RawURLEncoding.EncodeToString(b)
	mac := hmac.New(sha256.New, s.o.StateKey)
	mac.Write([]byte(payload))
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func (s *Service) verify(v string, st *flowState) bool {
	payload, sig, ok := strings.Cut(v, ".")
	if !ok || len(v) > 4096 {
		return false
	}
	mac := hmac.New(sha256.New, s.o.StateKey)
	mac.Write([]byte(payload))
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	return err == nil && json.Unmarshal(b, st) == nil
}

func randomString() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// inProcess is a RoundTripper that serves requests with a handler: the
// Key Manager answering its own client without a network hop.
type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.h == nil {
		return nil, errors.New("signin: no key manager handler")
	}
	// The caller's context may carry the outer router's routing state,
	// which a chi router would take as its own.
	r := req.Clone(context.WithValue(req.Context(), chi.RouteCtxKey, nil))
	r.RequestURI = req.URL.RequestURI()
	r.Host = req.URL.Host
	r.RemoteAddr = "127.0.0.1:0"
	if r.Body == nil {
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

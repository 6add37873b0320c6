package keymanager

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/ory/fosite"
	"github.com/ory/fosite/token/jwt"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/cookies"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/oauthconsent"
)

// Browser-facing endpoint paths.
const (
	AuthorizePath  = "/oauth2/authorize"
	LoginPath      = "/oauth2/login"
	ConsentPath    = "/oauth2/consent"
	EndSessionPath = "/oauth2/logout"
	UserinfoPath   = "/oauth2/userinfo"
)

// freshLogin is how recent a sign-in must be to satisfy prompt=login.
const freshLogin = 2 * time.Minute

//go:embed pages/*.html
var pageFS embed.FS

var pages = func() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, name := range []string{"login", "change_password", "consent", "logout", "error"} {
		m[name] = template.Must(template.ParseFS(pageFS, "pages/layout.html", "pages/"+name+".html"))
	}
	return m
}()

// render writes one of the server-rendered pages.
func render(w http.ResponseWriter, r *http.Request, status int, name string, data map[string]any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// No form-action: browsers apply it to the redirect after a form,
	// which here goes to the client's callback.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(status)
	if err := pages[name].ExecuteTemplate(w, "layout", data); err != nil {
		httpx.Logger(r.Context()).Error("render page", "page", name, "error", err)
	}
}

func errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	render(w, r, status, "error", map[string]any{"Title": "Error", "Error": msg})
}

// authorize is the authorization endpoint (RFC 6749 section 3.1): code
// flow with PKCE, OpenID Connect when the openid scope is asked for.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		errorPage(w, r, http.StatusBadRequest, "The request could not be read.")
		return
	}
	s.authorizeRequest(w, r, r, false)
}

// consent receives the consent form and goes on with the authorization
// request it carries.
func (s *Server) consent(w http.ResponseWriter, r *http.Request) {
	if err := checkForm(r); err != nil {
		errorPage(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	sess := s.browserSession(r)
	if sess == nil {
		errorPage(w, r, http.StatusUnauthorized, "Your session ended. Return to the application and sign in again.")
		return
	}
	if !sess.CheckCSRF(r.PostForm.Get("csrf_token")) {
		errorPage(w, r, http.StatusForbidden, "The form expired. Return to the application and try again.")
		return
	}
	q, err := url.ParseQuery(r.PostForm.Get("request"))
	if err != nil {
		errorPage(w, r, http.StatusBadRequest, "The authorization request is malformed.")
		return
	}
	// Replay the original authorization request as a GET.
	orig := r.Clone(r.Context())
	orig.Method = http.MethodGet
	orig.URL = &url.URL{Path: AuthorizePath, RawQuery: q.Encode()}
	orig.Body, orig.ContentLength = http.NoBody, 0
	orig.Header.Del("Content-Type")
	orig.Form, orig.PostForm = nil, nil
	if err := orig.ParseForm(); err != nil {
		errorPage(w, r, http.StatusBadRequest, "The authorization request is malformed.")
		return
	}
	decision := r.PostForm.Get("decision")
	s.authorizeRequest(w, r, orig, decision == "allow")
}

// authorizeRequest runs req (the authorization request, as sent or as
// replayed by the consent form). allowed says the user just consented;
// a deny from the consent form arrives as allowed=false with the form.
func (s *Server) authorizeRequest(w http.ResponseWriter, r, req *http.Request, allowed bool) {
	ctx := r.Context()
	if s.opts.Users == nil {
		errorPage(w, r, http.StatusServiceUnavailable, "Sign-in is not available.")
		return
	}
	// RFC 6749 section 3.1: parameters must not be repeated. The redirect
	// URI itself may be the repeated one, so answer here, not by redirect.
	for k, v := range req.Form {
		if len(v) > 1 {
			errorPage(w, r, http.StatusBadRequest, "The parameter "+strconv.Quote(k)+" was sent more than once.")
			return
		}
	}
	ar, err := s.provider.NewAuthorizeRequest(ctx, req)
	if err != nil {
		s.provider.WriteAuthorizeError(ctx, w, ar, err)
		return
	}
	c, ok := asClient(ar.GetClient())
	if !ok {
		errorPage(w, r, http.StatusBadRequest, "The client is unknown.")
		return
	}
	// Registered exactly: fosite lets a loopback redirect change its port.
	if raw := req.Form.Get("redirect_uri"); raw != "" && !slices.Contains(c.RedirectURIs, raw) {
		errorPage(w, r, http.StatusBadRequest, "The redirect URI is not registered for this application.")
		return
	}
	if c.PKCERequired && !pkceS256(req.Form) {
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrInvalidRequest.WithHint("This client must send a PKCE code challenge with method S256."))
		return
	}
	if !c.GetGrantTypes().Has("authorization_code") {
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrUnauthorizedClient.WithHint("The application key does not allow the authorization_code grant."))
		return
	}
	fromConsent := r != req
	if fromConsent && !allowed {
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrAccessDenied.WithHint("The user denied access."))
		return
	}

	prompt := strings.Fields(req.Form.Get("prompt"))
	sess := s.browserSession(r)
	needLogin := sess == nil
	var authTime time.Time
	if sess != nil {
		authTime = sess.ExpiresAt.Add(-auth.SessionTTL).Truncate(time.Second).UTC()
		if slices.Contains(prompt, "login") && time.Since(authTime) > freshLogin {
			needLogin = true
		}
		if ma := req.Form.Get("max_age"); ma != "" {
			if secs, err := strconv.Atoi(ma); err == nil && secs >= 0 && time.Since(authTime) > time.Duration(secs)*time.Second {
				needLogin = true
			}
		}
	}
	if needLogin {
		if slices.Contains(prompt, "none") {
			s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrLoginRequired)
			return
		}
		http.Redirect(w, r, LoginPath+"?"+url.Values{"return_to": {AuthorizePath + "?" + req.Form.Encode()}}.Encode(), http.StatusSeeOther)
		return
	}
	if !c.FirstParty && sess.User.OrganizationID != c.OrgID {
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrAccessDenied.WithHint("This account cannot sign in to this application."))
		return
	}

	scopes, err := s.scopes.allowed(ctx, c.OrgID, sess.User.ID, ar.GetRequestedScopes())
	if err != nil {
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrServerError.WithWrap(err))
		return
	}
	if !allowed {
		known, err := s.consented(ctx, sess.User.ID, c.ID, scopes)
		if err != nil {
			s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrServerError.WithWrap(err))
			return
		}
		if slices.Contains(prompt, "consent") || !known {
			if slices.Contains(prompt, "none") {
				s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrConsentRequired)
				return
			}
			render(w, r, http.StatusOK, "consent", map[string]any{
				"Title": "Allow access", "Client": c.Application, "Username": sess.User.Username,
				"Scopes": scopes, "Action": ConsentPath, "CSRF": sess.CSRFToken, "Request": req.Form.Encode(),
			})
			return
		}
	} else if err := s.rememberConsent(ctx, sess.User, c.ID, scopes); err != nil {
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrServerError.WithWrap(err))
		return
	}

	for _, scope := range scopes {
		ar.GrantScope(scope)
	}
	for _, aud := range ar.GetRequestedAudience() {
		ar.GrantAudience(aud)
	}
	if len(ar.GetGrantedAudience()) == 0 {
		ar.GrantAudience(DefaultAudience)
	}
	us, err := s.userSession(ctx, c, sess, ar, authTime, slices.Contains(prompt, "login"))
	if err != nil {
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrServerError.WithWrap(err))
		return
	}
	resp, err := s.provider.NewAuthorizeResponse(ctx, ar, us)
	if err != nil {
		s.provider.WriteAuthorizeError(ctx, w, ar, err)
		return
	}
	s.provider.WriteAuthorizeResponse(ctx, w, ar, resp)
}

// userSession builds the claims of the tokens a user's grant issues.
func (s *Server) userSession(ctx context.Context, c *Client, bs *auth.Session, ar fosite.AuthorizeRequester, authTime time.Time, reauth bool) (*Session, error) {
	u := bs.User
	sess := newEmptySession()
	s.fillClientClaims(sess, c, u.ID.String())
	sess.UserID = u.ID.String()
	sess.Username = u.Username
	sess.AccessClaims.Extra["username"] = u.Username
	// Stored with the code and read back at the token endpoint: leave the
	// issue time to the signing, or the token would date from the consent.
	sess.AccessClaims.IssuedAt = time.Time{}
	requestedAt := ar.GetRequestedAt().UTC()
	if reauth {
		// The sign-in happened for this request (prompt=login): the
		// request counts from then, as if it had waited for the login.
		requestedAt = authTime
	}
	claims, err := s.userClaims(ctx, u, ar.GetRequestedScopes())
	if err != nil {
		return nil, err
	}
	delete(claims, "sub")
	sess.Claims = &jwt.IDTokenClaims{
		Subject: u.ID.String(), AuthTime: authTime, RequestedAt: requestedAt, Extra: claims,
	}
	sess.Headers = &jwt.Headers{}
	return sess, nil
}

// passwordGrantSession fills the claims of a password grant's tokens for
// the user fosite authenticated (its id is the session's subject).
func (s *Server) passwordGrantSession(ctx context.Context, sess *Session, c *Client) error {
	u, err := s.store.userByID(ctx, sess.DefaultSession.Subject)
	if err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	if u == nil || u.OrganizationID != c.OrgID {
		return fosite.ErrInvalidGrant.WithHint("This account cannot sign in to this application.")
	}
	if u.MustChangePassword {
		return fosite.ErrInvalidGrant.WithHint(auth.PasswordChangeRequired)
	}
	return s.userGrantSession(sess, c, u)
}

// userGrantSession fills the claims of tokens a grant issues for u
// without a browser (password, JWT bearer).
func (s *Server) userGrantSession(sess *Session, c *Client, u *ent.User) error {
	s.fillClientClaims(sess, c, u.ID.String())
	sess.UserID = u.ID.String()
	sess.Username = u.Username
	sess.AccessClaims.Extra["username"] = u.Username
	now := time.Now().UTC().Truncate(time.Second)
	sess.Claims = &jwt.IDTokenClaims{Subject: u.ID.String(), AuthTime: now, RequestedAt: now}
	return nil
}

// userClaims are the OpenID Connect claims of u the scopes allow.
func (s *Server) userClaims(ctx context.Context, u *ent.User, scopes fosite.Arguments) (map[string]any, error) {
	out := map[string]any{"sub": u.ID.String()}
	if scopes.Has("profile") {
		out["preferred_username"] = u.Username
		name := u.DisplayName
		if name == "" {
			name = u.Username
		}
		out["name"] = name
	}
	if scopes.Has("email") && u.Email != "" {
		out["email"] = u.Email
	}
	if scopes.Has("roles") {
		roles, err := s.store.roles(ctx, u)
		if err != nil {
			return nil, err
		}
		out["roles"] = roles
	}
	return out, nil
}

// consented reports whether the user already allowed client all of scopes.
func (s *Server) consented(ctx context.Context, userID uuid.UUID, clientID string, scopes []string) (bool, error) {
	if s.isFirstParty(clientID) {
		return true, nil
	}
	row, err := s.store.client.OAuthConsent.Query().
		Where(oauthconsent.ClientID(clientID), oauthconsent.UserID(userID)).Only(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	for _, sc := range scopes {
		if !slices.Contains(row.Scopes, sc) {
			return false, nil
		}
	}
	return true, nil
}

// rememberConsent stores (or widens) the user's consent for client.
func (s *Server) rememberConsent(ctx context.Context, u *ent.User, clientID string, scopes []string) error {
	row, err := s.store.client.OAuthConsent.Query().
		Where(oauthconsent.ClientID(clientID), oauthconsent.UserID(u.ID)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return s.store.client.OAuthConsent.Create().SetUserID(u.ID).SetClientID(clientID).SetScopes(scopes).
			OnConflictColumns(oauthconsent.FieldUserID, oauthconsent.FieldClientID).UpdateScopes().Exec(ctx)
	case err != nil:
		return err
	}
	merged := slices.Clone(row.Scopes)
	for _, sc := range scopes {
		if !slices.Contains(merged, sc) {
			merged = append(merged, sc)
		}
	}
	return row.Update().SetScopes(merged).Exec(ctx)
}

// browserSession is the portal session behind the request's cookie.
func (s *Server) browserSession(r *http.Request) *auth.Session {
	token := auth.SessionToken(r)
	if token == "" || s.opts.Users == nil {
		return nil
	}
	sess, err := s.opts.Users.Resolve(r.Context(), token)
	if err != nil {
		httpx.Logger(r.Context()).Warn("resolve session", "error", err)
		return nil
	}
	return sess
}

// login shows and receives the sign-in form; on success it opens a portal
// session and returns to the authorization request.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.opts.Users == nil {
		errorPage(w, r, http.StatusServiceUnavailable, "Sign-in is not available.")
		return
	}
	data := map[string]any{"Title": "Sign in", "Action": LoginPath}
	if r.Method == http.MethodGet {
		returnTo := r.URL.Query().Get("return_to")
		if !safeReturn(returnTo) {
			returnTo = ""
		}
		data["ReturnTo"] = returnTo
		data["Client"] = s.clientName(r.Context(), returnTo)
		data["CSRF"] = setFormToken(w, r)
		s.renderLogin(w, r, http.StatusOK, data)
		return
	}
	if err := checkForm(r); err != nil {
		errorPage(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	f := r.PostForm
	returnTo := f.Get("return_to")
	if !safeReturn(returnTo) {
		returnTo = ""
	}
	data["ReturnTo"] = returnTo
	data["Client"] = s.clientName(r.Context(), returnTo)
	data["Username"] = f.Get("username")
	if !checkFormToken(r) {
		data["CSRF"] = setFormToken(w, r)
		data["Error"] = "The form expired. Please sign in again."
		s.renderLogin(w, r, http.StatusForbidden, data)
		return
	}
	if f.Get("step") == "change_password" {
		s.changePassword(w, r, data)
		return
	}
	sess, err := s.opts.Users.LoginFrom(r.Context(), f.Get("username"), f.Get("password"), auth.ClientIP(r))
	if auth.IsPasswordChangeRequired(err) {
		// The temporary password was right: ask for a new one. The form
		// asks for the temporary password again rather than carrying any
		// proof of this step, so it holds nothing worth stealing.
		data["Title"] = "Choose a new password"
		data["CSRF"] = setFormToken(w, r)
		render(w, r, http.StatusOK, "change_password", data)
		return
	}
	if err != nil {
		data["CSRF"] = setFormToken(w, r)
		data["Error"] = loginError(err)
		s.renderLogin(w, r, http.StatusUnauthorized, data)
		return
	}
	s.signedIn(w, r, sess, returnTo)
}

// changePassword receives the "choose a new password" form a user with a
// temporary password gets after signing in with it: the temporary password
// again, and the new one twice. Errors are shown in the form.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, data map[string]any) {
	f := r.PostForm
	data["Title"] = "Choose a new password"
	fail := func(status int, msg string) {
		data["CSRF"] = setFormToken(w, r)
		data["Error"] = msg
		render(w, r, status, "change_password", data)
	}
	if f.Get("new_password") != f.Get("confirm_password") {
		fail(http.StatusBadRequest, "The new passwords do not match.")
		return
	}
	sess, err := s.opts.Users.ReplaceTemporaryPassword(r.Context(), f.Get("username"), f.Get("password"), f.Get("new_password"), auth.ClientIP(r))
	if err != nil {
		status := http.StatusBadRequest
		if k := errs.KindOf(err); k == errs.Unauthenticated {
			status = http.StatusUnauthorized
		}
		fail(status, loginError(err))
		return
	}
	returnTo, _ := data["ReturnTo"].(string)
	s.signedIn(w, r, sess, returnTo)
}

// signedIn hands the browser its session and returns to returnTo.
func (s *Server) signedIn(w http.ResponseWriter, r *http.Request, sess *auth.Session, returnTo string) {
	auth.SetSessionCookie(w, r, sess)
	if returnTo == "" {
		returnTo = "/"
	}
	http.Redirect(w, r, returnTo, http.StatusSeeOther) // #nosec G710 -- returnTo passed safeReturn: only this server's own /oauth2/ paths
}

// LoginProvider is a "Sign in with ..." button of the login page: an
// external identity provider's start URL, which takes ?next=.
type LoginProvider struct{ Name, URL string }

// LoginExtras tells the login page what else it offers besides the
// password form: external identity providers, and whether strangers may
// sign up.
type LoginExtras func(ctx context.Context) (providers []LoginProvider, signUp bool, err error)

// SetLoginExtras sets what the login page offers besides the password
// (set once at start, before serving).
func (s *Server) SetLoginExtras(f LoginExtras) { s.extras = f }

// renderLogin renders the login page with the other ways in: each
// provider returns to the authorization request once it signed the user in.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	if s.extras != nil {
		providers, signUp, err := s.extras(r.Context())
		if err != nil {
			httpx.Logger(r.Context()).Warn("login page extras", "error", err)
		}
		next, _ := data["ReturnTo"].(string)
		if next == "" {
			next = "/"
		}
		links := make([]LoginProvider, 0, len(providers))
		for _, p := range providers {
			links = append(links, LoginProvider{Name: p.Name, URL: p.URL + "?" + url.Values{"next": {next}}.Encode()})
		}
		data["Providers"] = links
		data["SignUp"] = signUp
		// Sign-up signs the new user in and goes back to the pending
		// authorization request, so the portal's sign-in round trip still
		// ends on the page the user started from (the SPA checks next too).
		data["SignUpURL"] = "/signup"
		if next != "/" {
			data["SignUpURL"] = "/signup?" + url.Values{"next": {next}}.Encode()
		}
	}
	render(w, r, status, "login", data)
}

// loginError is what the login page says about a failed sign-in: the
// service's message for the user (wrong password, locked), never internals.
func loginError(err error) string {
	if e := errs.As(err); e.Kind != errs.Internal {
		return e.Message
	}
	return "Sign-in failed. Try again later."
}

// safeReturn accepts only a path back to the authorization endpoint, so
// the login page is no open redirect.
func safeReturn(p string) bool {
	if !strings.HasPrefix(p, AuthorizePath+"?") {
		return false
	}
	u, err := url.Parse(p)
	return err == nil && u.Scheme == "" && u.Host == "" && u.Path == AuthorizePath
}

// clientName names the application a return path asks for, for the page.
func (s *Server) clientName(ctx context.Context, returnTo string) string {
	if returnTo == "" {
		return ""
	}
	u, _ := url.Parse(returnTo)
	id := u.Query().Get("client_id")
	if id == "" {
		return ""
	}
	c, err := s.store.GetClient(ctx, id)
	if err != nil {
		return ""
	}
	cl, _ := asClient(c)
	return cl.Application
}

// endSession is RP-initiated logout (OpenID Connect RP-Initiated Logout
// 1.0): it ends the portal session and returns to a registered URI.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if r.Method == http.MethodPost {
		if err := checkForm(r); err != nil {
			errorPage(w, r, http.StatusBadRequest, "The form could not be read.")
			return
		}
	} else if err := r.ParseForm(); err != nil {
		errorPage(w, r, http.StatusBadRequest, "The request could not be read.")
		return
	}
	for k, v := range r.Form {
		if len(v) > 1 {
			errorPage(w, r, http.StatusBadRequest, "The parameter "+strconv.Quote(k)+" was sent more than once.")
			return
		}
	}
	f := r.Form
	redirect, state, clientID := f.Get("post_logout_redirect_uri"), f.Get("state"), f.Get("client_id")
	hintSub := ""
	if hint := f.Get("id_token_hint"); hint != "" {
		claims, ok := s.idTokenHint(ctx, hint)
		if !ok {
			errorPage(w, r, http.StatusBadRequest, "The id_token_hint is not an ID token from this server.")
			return
		}
		hintSub, _ = claims["sub"].(string)
		aud := audiences(claims["aud"])
		if clientID == "" && len(aud) == 1 {
			clientID = aud[0]
		} else if clientID != "" && !slices.Contains(aud, clientID) {
			errorPage(w, r, http.StatusBadRequest, "The id_token_hint was issued to another client.")
			return
		}
	}
	var client *Client
	if clientID != "" {
		fc, err := s.store.GetClient(ctx, clientID)
		if err != nil {
			errorPage(w, r, http.StatusBadRequest, "The client is unknown.")
			return
		}
		client, _ = asClient(fc)
	}
	if redirect != "" && (client == nil || !logoutRedirectAllowed(client, redirect)) {
		errorPage(w, r, http.StatusBadRequest, "The post_logout_redirect_uri is not registered for this application.")
		return
	}
	done := func() {
		if token := auth.SessionToken(r); token != "" && s.opts.Users != nil {
			if err := s.opts.Users.Logout(ctx, token); err != nil {
				httpx.Logger(ctx).Error("logout", "error", err)
			}
		}
		auth.ClearSessionCookie(w, r)
		if redirect == "" {
			render(w, r, http.StatusOK, "logout", map[string]any{"Title": "Signed out", "Done": true})
			return
		}
		u, _ := url.Parse(redirect)
		if state != "" {
			q := u.Query()
			q.Set("state", state)
			u.RawQuery = q.Encode()
		}
		http.Redirect(w, r, u.String(), http.StatusSeeOther) // #nosec G710 -- a post_logout_redirect_uri registered for the client (logoutRedirectAllowed above)
	}
	if r.Method == http.MethodPost {
		if !checkFormToken(r) {
			errorPage(w, r, http.StatusForbidden, "The form expired. Try signing out again.")
			return
		}
		done()
		return
	}
	// A GET with a valid hint for the signed-in user needs no question;
	// anything else asks first, so a link cannot sign people out.
	if bs := s.browserSession(r); bs != nil && hintSub != "" && hintSub == bs.User.ID.String() {
		done()
		return
	}
	name := ""
	if client != nil {
		name = client.Application
	}
	render(w, r, http.StatusOK, "logout", map[string]any{
		"Title": "Sign out", "Action": EndSessionPath, "CSRF": setFormToken(w, r),
		"Client": name, "ClientID": clientID, "Redirect": redirect, "State": state,
	})
}

// idTokenHint verifies an ID token of this server; an expired one is a
// fine hint (the RP may sign out long after sign-in).
func (s *Server) idTokenHint(ctx context.Context, token string) (map[string]any, bool) {
	t, err := jwt.ParseWithClaims(token, jwt.MapClaims{}, func(t *jwt.Token) (interface{}, error) {
		kid, _ := t.Header["kid"].(string)
		s.ring.mu.RLock()
		pub := s.ring.public[kid]
		s.ring.mu.RUnlock()
		if pub == nil {
			return nil, fosite.ErrNotFound
		}
		return pub.Key, nil
	})
	if t == nil || (err != nil && !onlyExpired(err)) {
		return nil, false
	}
	claims := map[string]any(t.Claims)
	if iss, _ := claims["iss"].(string); iss != s.opts.Issuer {
		return nil, false
	}
	return claims, true
}

func onlyExpired(err error) bool {
	var ve *jwt.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	return ve.Errors == jwt.ValidationErrorExpired
}

func audiences(v any) []string {
	switch a := v.(type) {
	case string:
		return []string{a}
	case []any:
		out := make([]string, 0, len(a))
		for _, x := range a {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return a
	}
	return nil
}

// logoutRedirectAllowed accepts a registered redirect URI, or the root of
// its origin.
func logoutRedirectAllowed(c *Client, raw string) bool {
	if slices.Contains(c.PostLogoutRedirectURIs, raw) {
		return true
	}
	for _, reg := range c.RedirectURIs {
		if raw == reg {
			return true
		}
		u, err := url.Parse(reg)
		if err == nil && raw == u.Scheme+"://"+u.Host+"/" {
			return true
		}
	}
	return false
}

// userinfo is the OpenID Connect UserInfo endpoint: the claims of the
// access token's user, as far as its scopes allow.
func (s *Server) userinfo(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	fail := func(status int, code, desc string) {
		if code == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gatehouse"`)
		} else {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gatehouse", error="`+code+`", error_description="`+desc+`"`)
		}
		body := map[string]string{}
		if code != "" {
			body["error"], body["error_description"] = code, desc
		}
		writeJSON(w, status, body)
	}
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		fail(http.StatusUnauthorized, "", "")
		return
	}
	t, err := s.signer.Decode(ctx, strings.TrimSpace(h[7:]))
	if err != nil {
		fail(http.StatusUnauthorized, "invalid_token", "The access token is invalid or expired.")
		return
	}
	var claims jwt.JWTClaims
	claims.FromMapClaims(t.Claims)
	if claims.Issuer != s.opts.Issuer || claims.ExpiresAt.IsZero() || time.Now().After(claims.ExpiresAt) {
		fail(http.StatusUnauthorized, "invalid_token", "The access token is invalid or expired.")
		return
	}
	revoked, err := s.store.tokenRevoked(ctx, claims.JTI, claims.Subject, claims.IssuedAt, t.Claims)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	} else if revoked {
		fail(http.StatusUnauthorized, "invalid_token", "The access token was revoked.")
		return
	}
	if _, ok := t.Claims["username"].(string); !ok {
		fail(http.StatusUnauthorized, "invalid_token", "The access token was not issued to a user.")
		return
	}
	scopes := fosite.Arguments(claims.Scope)
	if !scopes.Has("openid") {
		fail(http.StatusForbidden, "insufficient_scope", "The access token lacks the openid scope.")
		return
	}
	u, err := s.store.userByID(ctx, claims.Subject)
	if err != nil || u == nil || u.Disabled {
		fail(http.StatusUnauthorized, "invalid_token", "The token's user is unknown or disabled.")
		return
	}
	out, err := s.userClaims(ctx, u, scopes)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
}

// setFormToken issues the double-submit CSRF token of a form, in the
// cookies.OAuthCSRF cookie: the login and logout forms are shown before
// (or regardless of) a session.
func setFormToken(w http.ResponseWriter, r *http.Request) string {
	if v := cookies.Get(r, cookies.OAuthCSRF); len(v) == 43 {
		return v
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	cookies.Set(w, r, cookies.Cookie{Base: cookies.OAuthCSRF, Value: tok, Path: "/oauth2/", SameSite: http.SameSiteStrictMode})
	return tok
}

// checkFormToken compares the form's CSRF token with its cookie.
func checkFormToken(r *http.Request) bool {
	v := cookies.Get(r, cookies.OAuthCSRF)
	field := r.PostForm.Get("csrf_token")
	return v != "" && field != "" &&
		subtle.ConstantTimeCompare([]byte(v), []byte(field)) == 1
}

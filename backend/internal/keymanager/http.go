package keymanager

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/ory/fosite"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
)

// Endpoint paths, advertised in the discovery documents.
const (
	TokenPath      = "/oauth2/token" // #nosec G101 -- an endpoint path, not a credential
	IntrospectPath = "/oauth2/introspect"
	RevokePath     = "/oauth2/revoke"
	JWKSPath       = "/oauth2/jwks"
)

// Routes mounts the Key Manager's endpoints.
func (s *Server) Routes(r interface {
	Get(string, http.HandlerFunc)
	Post(string, http.HandlerFunc)
}) {
	r.Get("/.well-known/openid-configuration", s.discovery)
	r.Get("/.well-known/oauth-authorization-server", s.discovery)
	r.Get(JWKSPath, s.jwks)
	r.Get("/.well-known/jwks.json", s.jwks)
	r.Post(TokenPath, s.token)
	r.Post(IntrospectPath, s.introspect)
	r.Post(RevokePath, s.revoke)
	r.Get(AuthorizePath, s.authorize)
	r.Post(AuthorizePath, s.authorize)
	r.Get(LoginPath, s.login)
	r.Post(LoginPath, s.login)
	r.Post(ConsentPath, s.consent)
	r.Get(EndSessionPath, s.endSession)
	r.Post(EndSessionPath, s.endSession)
	r.Get(UserinfoPath, s.userinfo)
	r.Post(UserinfoPath, s.userinfo)
}

// ScopesSupported are the scopes with a meaning here; API scopes defined
// by publishers are granted as asked too.
var ScopesSupported = []string{"openid", "profile", "email", "roles"}

// ClaimsSupported are the claims ID tokens and userinfo may carry.
var ClaimsSupported = []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "preferred_username", "name", "email", "roles"}

// discovery serves RFC 8414 / OpenID Connect Discovery metadata for what
// this server implements today.
func (s *Server) discovery(w http.ResponseWriter, _ *http.Request) {
	iss := s.opts.Issuer
	authMethods := []string{"client_secret_basic", "client_secret_post", "private_key_jwt"}
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                           iss,
		"authorization_endpoint":                           iss + AuthorizePath,
		"token_endpoint":                                   iss + TokenPath,
		"introspection_endpoint":                           iss + IntrospectPath,
		"revocation_endpoint":                              iss + RevokePath,
		"userinfo_endpoint":                                iss + UserinfoPath,
		"end_session_endpoint":                             iss + EndSessionPath,
		"jwks_uri":                                         iss + JWKSPath,
		"grant_types_supported":                            SupportedGrants,
		"response_types_supported":                         []string{"code"},
		"response_modes_supported":                         []string{"query"},
		"code_challenge_methods_supported":                 []string{"S256"},
		"token_endpoint_auth_methods_supported":            append(authMethods, "none"),
		"introspection_endpoint_auth_methods_supported":    authMethods,
		"token_endpoint_auth_signing_alg_values_supported": AssertionAlgs,
		"revocation_endpoint_auth_methods_supported":       append(authMethods, "none"),
		"subject_types_supported":                          []string{"public"},
		"id_token_signing_alg_values_supported":            []string{"ES256"},
		"access_token_signing_alg_values_supported":        []string{"ES256"},
		"scopes_supported":                                 ScopesSupported,
		"claims_supported":                                 ClaimsSupported,
		"prompt_values_supported":                          []string{"none", "login", "consent"},
		"claims_parameter_supported":                       false,
		"request_parameter_supported":                      false,
		"request_uri_parameter_supported":                  false,
	})
}

func (s *Server) jwks(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, s.ring.JWKS())
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	// The password grant counts failures against the caller's address.
	ctx := context.WithValue(r.Context(), clientIPKey{}, auth.ClientIP(r))
	w = challenge(w)
	err := checkForm(r)
	if err == nil {
		err = checkTokenRequest(r)
	}
	if err != nil {
		s.provider.WriteAccessError(ctx, w, fosite.NewAccessRequest(nil), err)
		return
	}
	// fosite fills the session from the stored grant (code, refresh
	// token); for client_credentials it is filled once the client is known.
	ar, err := s.provider.NewAccessRequest(ctx, r, newEmptySession())
	if err != nil {
		s.provider.WriteAccessError(ctx, w, ar, rfcError(err))
		return
	}
	c, ok := asClient(ar.GetClient())
	sess, sok := ar.GetSession().(*Session)
	if !ok || !sok {
		s.provider.WriteAccessError(ctx, w, ar, fosite.ErrInvalidClient)
		return
	}
	switch {
	case ar.GetGrantTypes().ExactOne("password"):
		// fosite checked the password; the subject is the user's id.
		if err := s.passwordGrantSession(ctx, sess, c); err != nil {
			s.provider.WriteAccessError(ctx, w, ar, err)
			return
		}
		if err := s.grantAllowed(ctx, ar, c.OrgID, uuid.MustParse(sess.UserID)); err != nil {
			s.provider.WriteAccessError(ctx, w, ar, err)
			return
		}
		for _, aud := range ar.GetRequestedAudience() {
			ar.GrantAudience(aud)
		}
	case ar.GetGrantTypes().ExactOne(GrantTypeJWTBearer):
		if err := s.jwtBearerSession(ctx, ar, sess, c); err != nil {
			s.provider.WriteAccessError(ctx, w, ar, err)
			return
		}
		if err := s.grantAllowed(ctx, ar, c.OrgID, uuid.MustParse(sess.UserID)); err != nil {
			s.provider.WriteAccessError(ctx, w, ar, err)
			return
		}
	case ar.GetGrantTypes().ExactOne("client_credentials"):
		s.fillClientClaims(sess, c, c.ID)
		if err := s.grantAllowed(ctx, ar, c.OrgID, c.OwnerID); err != nil {
			s.provider.WriteAccessError(ctx, w, ar, err)
			return
		}
		for _, aud := range ar.GetRequestedAudience() {
			ar.GrantAudience(aud)
		}
	default:
		// A code or refresh token brings the claims of its grant; each
		// access token still gets its own jti. A user disabled or deleted
		// since the grant gets no more tokens.
		if sess.UserID != "" {
			u, err := s.store.userByID(ctx, sess.UserID)
			if err != nil {
				s.provider.WriteAccessError(ctx, w, ar, fosite.ErrServerError.WithWrap(err))
				return
			}
			if u == nil || u.Disabled {
				s.provider.WriteAccessError(ctx, w, ar, fosite.ErrInvalidGrant.WithHint("The user of this grant can no longer sign in."))
				return
			}
			// The grant's scopes were allowed by the roles of then: keep
			// only those the user's current roles still allow.
			if err := s.narrowGranted(ctx, ar, c.OrgID, u.ID); err != nil {
				s.provider.WriteAccessError(ctx, w, ar, err)
				return
			}
		}
		sess.freshAccessToken(uuid.NewString(), time.Now().UTC())
	}
	// RFC 9068: an access token always names its audience.
	if len(ar.GetGrantedAudience()) == 0 {
		ar.GrantAudience(DefaultAudience)
	}
	resp, err := s.provider.NewAccessResponse(ctx, ar)
	if err != nil {
		s.provider.WriteAccessError(ctx, w, ar, err)
		return
	}
	s.provider.WriteAccessResponse(ctx, w, ar, resp)
}

func (s *Server) introspect(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	w = challenge(w)
	if err := checkForm(r); err != nil {
		s.provider.WriteIntrospectionError(ctx, w, err)
		return
	}
	ir, err := s.provider.NewIntrospectionRequest(ctx, r, s.newSession(&Client{}))
	if err != nil {
		s.provider.WriteIntrospectionError(ctx, w, rfcError(err))
		return
	}
	// fosite authenticated the caller but answers for any token; RFC 7662
	// section 4 lets a token be active only for whom may see it. Here that
	// is the client it was issued to: the resource servers (gateways)
	// introspect through the gateway API with the gateway token
	// (Server.Introspect), never here.
	if caller := s.introspectionCaller(ctx, r); ir.IsActive() &&
		(caller == "" || caller != ir.GetAccessRequester().GetClient().GetID()) {
		s.provider.WriteIntrospectionError(ctx, w, fosite.ErrInactiveToken)
		return
	}
	s.provider.WriteIntrospectionResponse(ctx, w, ir)
}

// introspectionCaller is the client fosite authenticated the introspection
// request as: the client_secret_basic user, or the client an access token
// sent as bearer credentials was issued to; "" when unknown.
func (s *Server) introspectionCaller(ctx context.Context, r *http.Request) string {
	if bearer := fosite.AccessTokenFromRequest(r); bearer != "" {
		claims, err := s.Introspect(ctx, bearer)
		if err != nil || claims["active"] != true {
			return ""
		}
		id, _ := claims["client_id"].(string)
		return id
	}
	id, _, ok := r.BasicAuth()
	if !ok {
		return ""
	}
	// fosite unescapes the basic credentials (RFC 6749 section 2.3.1).
	id, err := url.QueryUnescape(id)
	if err != nil {
		return ""
	}
	return id
}

func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	w = challenge(w)
	if err := checkForm(r); err != nil {
		s.provider.WriteRevocationResponse(ctx, w, err)
		return
	}
	s.provider.WriteRevocationResponse(ctx, w, rfcError(s.provider.NewRevocationRequest(ctx, r)))
}

// checkForm refuses what fosite would otherwise accept: a body that is not
// a form, and parameters sent more than once (RFC 6749 section 3.2).
func checkForm(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if !strings.EqualFold(strings.TrimSpace(ct), "application/x-www-form-urlencoded") {
		return fosite.ErrInvalidRequest.WithHint("The body must be application/x-www-form-urlencoded.")
	}
	if err := r.ParseForm(); err != nil {
		return fosite.ErrInvalidRequest.WithHint("The body could not be parsed as a form.")
	}
	for k, v := range r.PostForm {
		if len(v) > 1 {
			return fosite.ErrInvalidRequest.WithHintf("The parameter %q was sent more than once.", k)
		}
	}
	return nil
}

// SupportedGrants are the grant types the token endpoint serves today.
var SupportedGrants = []string{"authorization_code", "refresh_token", "client_credentials", "password", GrantTypeJWTBearer}

// checkTokenRequest answers in RFC 6749's terms where fosite's are vaguer:
// an unknown grant is unsupported_grant_type, and a request with no client
// authentication at all is invalid_client (401).
func checkTokenRequest(r *http.Request) error {
	grant := r.PostForm.Get("grant_type")
	if grant == "" {
		return fosite.ErrInvalidRequest.WithHint("The grant_type parameter is missing.")
	}
	supported := false
	for _, g := range SupportedGrants {
		supported = supported || g == grant
	}
	if !supported {
		return fosite.ErrUnsupportedGrantType.WithHintf("The grant type %q is not supported.", grant)
	}
	if _, _, basic := r.BasicAuth(); !basic && r.PostForm.Get("client_id") == "" && r.PostForm.Get("client_assertion") == "" {
		return fosite.ErrInvalidClient.WithHint("Client authentication is required.")
	}
	return nil
}

// rfcError maps fosite's own error codes to RFC 6749's where they differ:
// a replayed client assertion is invalid_client (RFC 7523 section 3.2).
func rfcError(err error) error {
	if errors.Is(err, fosite.ErrJTIKnown) {
		return fosite.ErrInvalidClient.WithHint("The client assertion was already used.")
	}
	return err
}

// challenge adds the WWW-Authenticate header RFC 6749 section 5.2 asks for
// on a 401.
func challenge(w http.ResponseWriter) http.ResponseWriter { return &challenger{ResponseWriter: w} }

type challenger struct{ http.ResponseWriter }

func (c *challenger) WriteHeader(code int) {
	if code == http.StatusUnauthorized && c.Header().Get("WWW-Authenticate") == "" {
		c.Header().Set("WWW-Authenticate", `Basic realm="gatehouse"`)
	}
	c.ResponseWriter.WriteHeader(code)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

package keymanager

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ory/fosite"
)

// Endpoint paths, advertised in the discovery documents.
const (
	TokenPath      = "/oauth2/token"
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
}

// discovery serves RFC 8414 / OpenID Connect Discovery metadata for what
// this server implements today.
func (s *Server) discovery(w http.ResponseWriter, _ *http.Request) {
	iss := s.opts.Issuer
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                iss,
		"token_endpoint":                        iss + TokenPath,
		"introspection_endpoint":                iss + IntrospectPath,
		"revocation_endpoint":                   iss + RevokePath,
		"jwks_uri":                              iss + JWKSPath,
		"grant_types_supported":                 []string{"client_credentials"},
		"response_types_supported":              []string{"token"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"introspection_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"revocation_endpoint_auth_methods_supported":    []string{"client_secret_basic", "client_secret_post"},
		"subject_types_supported":                       []string{"public"},
		"id_token_signing_alg_values_supported":         []string{"ES256"},
		"access_token_signing_alg_values_supported":     []string{"ES256"},
		"scopes_supported":                              []string{"openid"},
	})
}

func (s *Server) jwks(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, s.ring.JWKS())
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	w = challenge(w)
	err := checkForm(r)
	if err == nil {
		err = checkTokenRequest(r)
	}
	if err != nil {
		s.provider.WriteAccessError(ctx, w, fosite.NewAccessRequest(nil), err)
		return
	}
	// The session is filled in once the client is known.
	sess := s.newSession(&Client{})
	ar, err := s.provider.NewAccessRequest(ctx, r, sess)
	if err != nil {
		s.provider.WriteAccessError(ctx, w, ar, err)
		return
	}
	c, ok := ar.GetClient().(*Client)
	if !ok {
		s.provider.WriteAccessError(ctx, w, ar, fosite.ErrInvalidClient)
		return
	}
	// Keep what fosite put in the session (the expiry); fill in the claims.
	full := s.newSession(c)
	sess.JWTClaims, sess.JWTHeader, sess.Subject = full.JWTClaims, full.JWTHeader, full.Subject
	for _, scope := range ar.GetRequestedScopes() {
		ar.GrantScope(scope)
	}
	if len(ar.GetRequestedAudience()) == 0 {
		ar.GrantAudience(DefaultAudience)
	} else {
		for _, aud := range ar.GetRequestedAudience() {
			ar.GrantAudience(aud)
		}
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
		s.provider.WriteIntrospectionError(ctx, w, err)
		return
	}
	s.provider.WriteIntrospectionResponse(ctx, w, ir)
}

func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	w = challenge(w)
	if err := checkForm(r); err != nil {
		s.provider.WriteRevocationResponse(ctx, w, err)
		return
	}
	s.provider.WriteRevocationResponse(ctx, w, s.provider.NewRevocationRequest(ctx, r))
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
var SupportedGrants = []string{"client_credentials"}

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

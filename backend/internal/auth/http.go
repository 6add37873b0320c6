package auth

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"sort"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/cookies"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
)

// CSRFHeader carries the session's CSRF token on state-changing requests;
// the session cookie's name comes from the cookies package.
const CSRFHeader = "X-CSRF-Token"

// sessionBody is what /auth/login and /auth/session answer.
type sessionBody struct {
	User struct {
		ID          string `json:"id"`
		Username    string `json:"username"`
		DisplayName string `json:"displayName"`
	} `json:"user"`
	// Roles are the built-in roles held; RoleNames every role, custom
	// ones included; Permissions what they grant, sorted.
	Roles       []viewer.Role `json:"roles"`
	RoleNames   []string      `json:"roleNames"`
	Permissions []string      `json:"permissions"`
	CSRFToken   string        `json:"csrfToken"`
}

func bodyOf(s *Session) sessionBody {
	var b sessionBody
	b.User.ID = s.User.ID.String()
	b.User.Username = s.User.Username
	b.User.DisplayName = s.User.DisplayName
	b.Roles = []viewer.Role{}
	b.RoleNames = []string{}
	for _, r := range s.Viewer.Roles {
		if viewer.IsBuiltIn(string(r)) {
			b.Roles = append(b.Roles, r)
		}
		b.RoleNames = append(b.RoleNames, string(r))
	}
	sort.Strings(b.RoleNames)
	b.Permissions = s.Viewer.PermissionSet().Sorted()
	b.CSRFToken = s.CSRFToken
	return b
}

type sessionKey struct{}

// Middleware puts the session's viewer in the request context and refuses
// state-changing requests whose CSRF header does not match the session. A
// missing or stale cookie leaves the request anonymous.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := cookies.Get(r, cookies.Session)
		if token == "" {
			next.ServeHTTP(w, r)
			return
		}
		sess, err := s.Resolve(r.Context(), token)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		if sess == nil {
			next.ServeHTTP(w, r)
			return
		}
		if !safeMethod(r.Method) && !sess.CheckCSRF(r.Header.Get(CSRFHeader)) {
			httpx.WriteError(w, r, errs.E(errs.Forbidden, "missing or wrong %s header", CSRFHeader))
			return
		}
		ctx := viewer.NewContext(r.Context(), sess.Viewer)
		ctx = context.WithValue(ctx, sessionKey{}, sess)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Routes mounts /auth/login, /auth/session and /auth/logout on mux.
func (s *Service) Routes(mux interface {
	Post(string, http.HandlerFunc)
	Get(string, http.HandlerFunc)
}) {
	mux.Post("/auth/login", s.handleLogin)
	mux.Get("/auth/session", s.handleSession)
	mux.Post("/auth/logout", s.handleLogout)
}

func (s *Service) handleLogin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := RequireJSON(r); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 16<<10))
	if err := dec.Decode(&in); err != nil {
		httpx.WriteError(w, r, errs.E(errs.Invalid, "the body must be JSON {\"username\": ..., \"password\": ...}"))
		return
	}
	sess, err := s.LoginFrom(r.Context(), in.Username, in.Password, ClientIP(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	SetSessionCookie(w, r, sess)
	httpx.WriteJSON(w, http.StatusOK, bodyOf(sess))
}

func (s *Service) handleSession(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if sess == nil {
		httpx.WriteError(w, r, errs.E(errs.Unauthenticated, "not signed in"))
		return
	}
	httpx.WriteJSON(w, http.StatusOK, bodyOf(sess))
}

func (s *Service) handleLogout(w http.ResponseWriter, r *http.Request) {
	if sess := sessionFrom(r); sess != nil {
		if err := s.Logout(r.Context(), sess.Token); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
	}
	ClearSessionCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
}

// SetSessionCookie hands the browser its session cookie (also used by the
// Key Manager's login page, so both sign-ins open the same session).
func SetSessionCookie(w http.ResponseWriter, r *http.Request, sess *Session) {
	cookies.Set(w, r, sessionCookie(sess.Token, sess.ExpiresAt))
}

// ClearSessionCookie tells the browser to forget its session cookie.
func ClearSessionCookie(w http.ResponseWriter, r *http.Request) {
	cookies.Clear(w, r, sessionCookie("", time.Time{}))
}

// SessionToken is the session token the request's cookie carries ("" when
// none).
func SessionToken(r *http.Request) string { return cookies.Get(r, cookies.Session) }

// sessionCookie: Strict, because the portals' own pages and requests are
// all that need it; a sign-in that comes back from another site sets it on
// that response and the SPA then reads the session same-origin.
func sessionCookie(token string, expires time.Time) cookies.Cookie {
	return cookies.Cookie{Base: cookies.Session, Value: token, Path: "/", Expires: expires, SameSite: http.SameSiteStrictMode}
}

// ClientIP is the address failed sign-ins are counted against: the peer
// address. Forwarded headers are not trusted (anyone can set them).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// SessionFrom is the session Middleware found for the request, or nil.
func SessionFrom(r *http.Request) *Session { return sessionFrom(r) }

func sessionFrom(r *http.Request) *Session {
	s, _ := r.Context().Value(sessionKey{}).(*Session)
	return s
}

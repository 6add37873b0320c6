package keymanager

import (
	"context"
	"net/url"
	"slices"

	"github.com/ory/fosite"
)

// FirstPartyClient is a client the control plane registers for itself at
// start (the portal's sign-in): held in memory, not in application keys,
// so registering again (every start, every replica) changes nothing.
type FirstPartyClient struct {
	ID     string
	Name   string // shown on the login page
	Secret string // the client authenticates at the token endpoint with it
	// RedirectURIs are the exact callback URIs; PostLogoutRedirectURIs the
	// exact URIs end-session may return to.
	RedirectURIs           []string
	PostLogoutRedirectURIs []string
}

// RegisterFirstParty adds (or replaces) a first-party client: code grant
// only, PKCE S256 required, no consent page, and users of any
// organization may sign in to it.
func (s *Server) RegisterFirstParty(fp FirstPartyClient) {
	c := &Client{
		DefaultClient: fosite.DefaultClient{
			ID:            fp.ID,
			Secret:        []byte(s.hasher.Digest(fp.Secret)),
			RedirectURIs:  slices.Clone(fp.RedirectURIs),
			GrantTypes:    []string{"authorization_code"},
			ResponseTypes: []string{"code"},
			Audience:      []string{DefaultAudience},
		},
		Application:            fp.Name,
		FirstParty:             true,
		PKCERequired:           true,
		PostLogoutRedirectURIs: slices.Clone(fp.PostLogoutRedirectURIs),
	}
	s.store.firstParty.Store(fp.ID, c)
	s.fpMu.Lock()
	if !slices.Contains(s.opts.FirstPartyClients, fp.ID) {
		s.opts.FirstPartyClients = append(slices.Clone(s.opts.FirstPartyClients), fp.ID)
	}
	s.fpMu.Unlock()
}

// isFirstParty reports whether the client skips the consent page.
func (s *Server) isFirstParty(id string) bool {
	s.fpMu.Lock()
	defer s.fpMu.Unlock()
	return slices.Contains(s.opts.FirstPartyClients, id)
}

// firstPartyClient is the registered first-party client with id, if any.
func (s *storage) firstPartyClient(_ context.Context, id string) (*Client, bool) {
	v, ok := s.firstParty.Load(id)
	if !ok {
		return nil, false
	}
	return v.(*Client), true
}

// pkceS256 tells whether an authorization request carries an S256 code
// challenge, which every client must send unless an admin turned
// PKCERequired off for a confidential one (fosite's EnforcePKCE is global,
// so the per-client rule is checked before fosite; fosite still refuses
// the plain method and checks the verifier at the token endpoint).
func pkceS256(form url.Values) bool {
	return form.Get("code_challenge") != "" && form.Get("code_challenge_method") == "S256"
}

package authn

import "github.com/gatehouse/gatehouse/gateway/config"

// ruleMaps indexes the snapshot's revocation rules by what they name;
// nil maps when there are none (lookups in a nil map are fine).
func ruleMaps(rules []config.RevocationRule) (byApp, byClient, bySubject map[string]int64) {
	put := func(m *map[string]int64, k string, before int64) {
		if k == "" {
			return
		}
		if *m == nil {
			*m = map[string]int64{}
		}
		if cur, ok := (*m)[k]; !ok || before > cur {
			(*m)[k] = before
		}
	}
	for _, r := range rules {
		put(&byApp, r.ApplicationID, r.RevokedBefore)
		put(&byClient, r.ClientID, r.RevokedBefore)
		put(&bySubject, r.Subject, r.RevokedBefore)
	}
	return byApp, byClient, bySubject
}

// revokedByRule reports whether a bulk revocation covers the token: one
// of its application (after a third party's client mapping), client or
// subject was revoked at or after its iat. Checked on every call, cached
// tokens included; three map lookups, no allocation.
func (a *Authenticator) revokedByRule(v *verified, p *Principal) bool {
	if a.rulesByApp == nil && a.rulesByClient == nil && a.rulesBySubject == nil {
		return false
	}
	iat := v.issuedAt
	if p.ApplicationID != "" {
		if before, ok := a.rulesByApp[p.ApplicationID]; ok && iat <= before {
			return true
		}
	}
	if p.ClientID != "" {
		if before, ok := a.rulesByClient[p.ClientID]; ok && iat <= before {
			return true
		}
	}
	if v.subject != "" {
		if before, ok := a.rulesBySubject[v.subject]; ok && iat <= before {
			return true
		}
	}
	return false
}

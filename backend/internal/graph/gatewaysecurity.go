package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/gateway/config"
)

func mutualTLSOf(m *config.MutualTLS) *model.APIMutualTLS {
	if m == nil {
		return nil
	}
	out := &model.APIMutualTLS{ClientCert: model.SecurityMode(m.ClientCert), Oauth2: model.SecurityMode(m.OAuth2),
		TrustedCAs: m.TrustedCAs, Certificates: []*model.TrustedCertificate{}}
	certs, _ := config.ParseTrustedCAs(m.TrustedCAs) // validated when stored
	for _, c := range certs {
		out.Certificates = append(out.Certificates, &model.TrustedCertificate{Subject: c.Subject.String(),
			Issuer: c.Issuer.String(), NotAfter: c.NotAfter, IsCa: c.IsCA})
	}
	return out
}

func gatewaySecurityInputOf(in model.APIGatewaySecurityInput) apis.SecurityInput {
	var out apis.SecurityInput
	if m := in.MutualTLS; m != nil {
		out.MutualTLS = &config.MutualTLS{ClientCert: string(m.ClientCert), OAuth2: string(m.Oauth2), TrustedCAs: m.TrustedCAs}
	}
	if b := in.BackendJwt; b != nil {
		out.BackendJWT = config.BackendJWT{Enabled: b.Enabled, Header: deref(b.Header), TTLSeconds: deref(b.TTLSeconds)}
	}
	return out
}

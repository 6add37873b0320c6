package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// endpointConfigOf shows an endpoint configuration without its secrets.
func endpointConfigOf(e config.EndpointConfig) *model.EndpointConfig {
	out := &model.EndpointConfig{Type: model.EndpointType(e.Type), Urls: nonNilStrings(e.URLs), TimeoutMs: e.TimeoutMS, Retries: e.Retries}
	if out.Type == "" {
		out.Type = model.EndpointTypeSingle
	}
	if b := e.Breaker; b != nil {
		out.Breaker = &model.EndpointBreaker{Failures: b.Failures, CooldownMs: b.CooldownMS}
	}
	if a := e.Auth; a != nil {
		out.Auth = &model.EndpointAuth{Type: model.EndpointAuthType(a.Type), Scopes: nonNilStrings(a.Scopes),
			HasSecret: a.Password != "" || a.ClientSecret != ""}
		if a.Type == config.EndpointAuthBasic {
			out.Auth.Username = &a.Username
		} else {
			out.Auth.TokenURL, out.Auth.ClientID = &a.TokenURL, &a.ClientID
		}
	}
	return out
}

func endpointConfigInputOf(in *model.EndpointConfigInput) config.EndpointConfig {
	out := config.EndpointConfig{Type: string(in.Type), URLs: in.Urls, TimeoutMS: deref(in.TimeoutMs), Retries: deref(in.Retries)}
	if b := in.Breaker; b != nil {
		out.Breaker = &config.Breaker{Failures: deref(b.Failures), CooldownMS: deref(b.CooldownMs)}
	}
	if a := in.Auth; a != nil {
		out.Auth = &config.EndpointAuth{Type: string(a.Type), Username: deref(a.Username), Password: deref(a.Password),
			TokenURL: deref(a.TokenURL), ClientID: deref(a.ClientID), ClientSecret: deref(a.ClientSecret), Scopes: a.Scopes}
	}
	return out
}

func endpointsInputOf(in model.APIEndpointsInput) apis.EndpointsInput {
	out := apis.EndpointsInput{}
	if in.Production != nil {
		out.Production = endpointConfigInputOf(in.Production)
	}
	if in.Sandbox != nil {
		sb := endpointConfigInputOf(in.Sandbox)
		out.Sandbox = &sb
	}
	return out
}

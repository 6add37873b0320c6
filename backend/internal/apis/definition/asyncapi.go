package definition

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v4"
)

// parseAsyncAPI does structural checks only: there is no maintained Go
// AsyncAPI validator, and what the Publisher needs is the channel list and
// the info block. $refs are checked like OpenAPI's, since both use JSON
// pointers.
//
// Scopes are not extracted: AsyncAPI 2 and 3 model them differently and no
// gateway policy consumes them yet.
func parseAsyncAPI(def *Definition, src *source) {
	root := src.root
	def.Kind = KindAsyncAPI
	def.SpecVersion = scalar(root, "asyncapi")
	major, _, _ := strings.Cut(def.SpecVersion, ".")
	if major != "2" && major != "3" {
		def.Problems = append(def.Problems, src.problemAt(SeverityError, "/asyncapi",
			fmt.Sprintf("unsupported AsyncAPI version %q; supported are 2.x and 3.x", def.SpecVersion)))
	}
	info := mapValue(root, "info")
	def.Title, def.Version, def.Description = scalar(info, "title"), scalar(info, "version"), scalar(info, "description")
	checkInfo(def, src, info)
	def.Problems = append(def.Problems, src.checkRefs()...)

	securedServers := false
	pairs(mapValue(root, "servers"), func(_, s *yaml.Node) {
		if u := asyncServerURL(s, major); u != "" {
			def.Servers = append(def.Servers, u)
		}
		if sec := mapValue(s, "security"); sec != nil && sec.Kind == yaml.SequenceNode && len(sec.Content) > 0 {
			securedServers = true
		}
	})

	channels := mapValue(root, "channels")
	if channels == nil && major == "2" {
		def.Problems = append(def.Problems, src.problemAt(SeverityError, "/channels", "channels is required in AsyncAPI 2.x; add the channels the application uses"))
	} else if channels != nil && channels.Kind != yaml.MappingNode {
		def.Problems = append(def.Problems, src.problemAt(SeverityError, "/channels", "channels must be an object keyed by channel name"))
	}

	if major == "2" {
		pairs(channels, func(k, ch *yaml.Node) {
			for _, action := range []string{"publish", "subscribe"} {
				op := mapValue(ch, action)
				if op == nil {
					continue
				}
				def.Operations = append(def.Operations, Operation{
					Method: strings.ToUpper(action), Target: k.Value,
					OperationID: scalar(op, "operationId"), Summary: scalar(op, "summary"),
					Secured: securedServers || nonEmptySeq(mapValue(op, "security")),
				})
			}
		})
		return
	}
	pairs(mapValue(root, "operations"), func(k, op *yaml.Node) {
		ptr := pointer("operations", k.Value)
		op = deAlias(op)
		action := scalar(op, "action")
		if action != "send" && action != "receive" {
			def.Problems = append(def.Problems, src.problemAt(SeverityError, ptr+"/action",
				fmt.Sprintf("operation %q needs action: send or receive (got %q)", k.Value, action)))
		}
		target := ""
		if ref := scalar(mapValue(op, "channel"), "$ref"); strings.HasPrefix(ref, "#/channels/") {
			target = unescapeToken(strings.TrimPrefix(ref, "#/channels/"))
			// The address is what clients use; the key is only a name.
			if addr := scalar(src.lookup(ref[1:]), "address"); addr != "" {
				target = addr
			}
		} else {
			def.Problems = append(def.Problems, src.problemAt(SeverityError, ptr+"/channel",
				fmt.Sprintf("operation %q needs channel: {$ref: '#/channels/<name>'}", k.Value)))
		}
		def.Operations = append(def.Operations, Operation{
			Method: strings.ToUpper(action), Target: target,
			OperationID: k.Value, Summary: firstLine(scalar(op, "summary")),
			Secured: securedServers || nonEmptySeq(mapValue(op, "security")),
		})
	})
}

func nonEmptySeq(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.SequenceNode && len(n.Content) > 0
}

// asyncServerURL builds protocol://host[/path], substituting variable
// defaults, from either the 2.x (url) or 3.x (host, pathname) layout.
func asyncServerURL(s *yaml.Node, major string) string {
	s = deAlias(s)
	u := scalar(s, "url")
	if major == "3" {
		u = scalar(s, "host") + scalar(s, "pathname")
	}
	if u == "" {
		return ""
	}
	if proto := scalar(s, "protocol"); proto != "" && !strings.Contains(u, "://") {
		u = proto + "://" + u
	}
	vars := mapValue(s, "variables")
	return serverVar.ReplaceAllStringFunc(u, func(m string) string {
		if d := scalar(mapValue(vars, m[1:len(m)-1]), "default"); d != "" {
			return d
		}
		return m
	})
}

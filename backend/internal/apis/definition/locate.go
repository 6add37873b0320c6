package definition

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// source is a document's node tree, kept beside what the validators build so
// any JSON pointer can be turned into a line and column. JSON is parsed as
// YAML (a subset) so both serialisations get positions from one code path.
type source struct {
	root *yaml.Node // the top-level value, never the DocumentNode
}

// parseTree parses JSON or YAML. A syntax error comes back as a located
// Problem rather than an error because it is the user's to fix.
func parseTree(data []byte) (*source, *Problem) {
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	if err == nil {
		if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
			return nil, &Problem{Message: "the document is empty", Severity: SeverityError}
		}
		return &source{root: doc.Content[0]}, nil
	}
	t := bytes.TrimSpace(data)
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		// The JSON decoder names JSON mistakes in JSON terms ("missing comma"),
		// which YAML's flow-style messages do not.
		var v any
		var se *json.SyntaxError
		if jerr := json.Unmarshal(data, &v); errors.As(jerr, &se) {
			line, col := offsetPosition(data, int(se.Offset))
			return nil, &Problem{Message: "invalid JSON: " + se.Error(), Line: line, Column: col, Severity: SeverityError}
		}
	}
	p := &Problem{Message: "invalid YAML: " + err.Error(), Severity: SeverityError}
	var le *yaml.LoadError
	if errors.As(err, &le) {
		p.Message = "invalid YAML: " + le.Message
		if le.ContextMsg != "" {
			p.Message += " (" + le.ContextMsg + ")"
		}
		p.Line, p.Column = le.Mark.Line, le.Mark.Column
	}
	if p.Line == 0 {
		p.Line = lineFromMessage(err.Error())
	}
	if strings.Contains(p.Message, "tab") {
		p.Message += "; indent with spaces, YAML does not allow tabs for indentation"
	}
	return nil, p
}

// lineFromMessage reads "line N" out of messages that carry no typed position.
func lineFromMessage(msg string) int {
	_, after, ok := strings.Cut(msg, "line ")
	if !ok {
		return 0
	}
	end := strings.IndexFunc(after, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(after)
	}
	n, _ := strconv.Atoi(after[:end])
	return n
}

// offsetPosition converts a byte offset to a 1-based line and column.
func offsetPosition(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
	return line, col
}

// mapEntry returns the key and value nodes of key in a mapping, following
// an alias on the mapping itself.
func mapEntry(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = deAlias(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	_, v := mapEntry(n, key)
	return deAlias(v)
}

func scalar(n *yaml.Node, key string) string {
	v := mapValue(n, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}

// deAlias follows one alias. Aliases are never followed recursively here, so
// a "billion laughs" document costs no more than its own size.
func deAlias(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		return n.Alias
	}
	return n
}

// pairs iterates a mapping's key/value nodes in document order.
func pairs(n *yaml.Node, fn func(k, v *yaml.Node)) {
	n = deAlias(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fn(n.Content[i], n.Content[i+1])
	}
}

// lookup resolves a JSON pointer (RFC 6901) to a node, or nil.
func (s *source) lookup(ptr string) *yaml.Node {
	n, _, ok := s.walk(ptr)
	if !ok {
		return nil
	}
	return n
}

// locate returns the position of the node a pointer names. When the pointer
// goes further than the document (a missing required field), it returns the
// deepest ancestor that exists, which is where the field should be added.
// Mapping values are located at their key, which is the line a reader looks
// for.
func (s *source) locate(ptr string) (line, col int) {
	if s == nil || s.root == nil {
		return 0, 0
	}
	n, key, _ := s.walk(ptr)
	if key != nil {
		return key.Line, key.Column
	}
	return n.Line, n.Column
}

// walk follows ptr as far as it goes; ok reports whether it went all the way.
func (s *source) walk(ptr string) (n, key *yaml.Node, ok bool) {
	if s == nil || s.root == nil {
		return nil, nil, false
	}
	n = s.root
	if ptr == "" {
		return n, nil, true
	}
	if !strings.HasPrefix(ptr, "/") {
		return n, nil, false
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = unescapeToken(tok)
		cur := deAlias(n)
		switch cur.Kind {
		case yaml.MappingNode:
			k, v := mapEntry(cur, tok)
			if v == nil {
				return n, key, false
			}
			n, key = v, k
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(cur.Content) {
				return n, key, false
			}
			n, key = cur.Content[i], nil
		default:
			return n, key, false
		}
	}
	return deAlias(n), key, true
}

var (
	tokenEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	tokenUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

func escapeToken(s string) string   { return tokenEscaper.Replace(s) }
func unescapeToken(s string) string { return tokenUnescaper.Replace(s) }

// pointer joins reference tokens into a JSON pointer.
func pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapeToken(t))
	}
	return b.String()
}

// problemAt builds a Problem located by its pointer.
func (s *source) problemAt(severity, ptr, msg string) Problem {
	line, col := s.locate(ptr)
	return Problem{Message: msg, Pointer: ptr, Line: line, Column: col, Severity: severity}
}

// checkRefs reports every local $ref that points nowhere, every external
// $ref (which Parse refuses to fetch), and chains of $refs that only point at
// each other. A loader stops at the first broken $ref; doing it here reports
// all of them, each at its own line.
func (s *source) checkRefs() []Problem {
	var out []Problem
	reported := map[string]bool{}
	var visit func(n *yaml.Node, ptr string, depth int)
	visit = func(n *yaml.Node, ptr string, depth int) {
		// Aliases are skipped (the anchored copy is checked where it is
		// written) and depth is bounded, so the walk is linear in the input.
		if n == nil || depth > 512 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case k.Value == "$ref" && v.Kind == yaml.ScalarNode:
					if p, bad := s.checkRef(v.Value, ptr+"/$ref", reported); bad {
						out = append(out, p)
					}
				case isLiteralKeyword(k.Value):
					// Example and default values are data, where "$ref" is just a key.
				default:
					visit(v, ptr+"/"+escapeToken(k.Value), depth+1)
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				visit(c, ptr+"/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	visit(s.root, "", 0)
	return out
}

func isLiteralKeyword(k string) bool {
	switch k {
	case "example", "default", "enum", "const", "value", "x-examples":
		return true
	}
	return false
}

// checkRef checks one $ref found at ptr.
func (s *source) checkRef(ref, ptr string, reported map[string]bool) (Problem, bool) {
	switch {
	case ref == "#" || (strings.HasPrefix(ref, "#") && !strings.HasPrefix(ref, "#/")):
		// The whole document, or a JSON Schema $anchor: nothing to check cheaply.
		return Problem{}, false
	case !strings.HasPrefix(ref, "#/"):
		return s.problemAt(SeverityError, ptr, "external reference "+strconvQuote(ref)+" is not fetched on import; bundle it into this document (for example with `redocly bundle`) and upload again"), true
	}
	target := ref[1:]
	// Follow a chain of pure aliases ({$ref: ...} and nothing else) to see
	// whether it ever reaches a real object.
	seen := []string{target}
	for {
		n := s.lookup(target)
		if n == nil {
			if len(seen) > 1 {
				// The broken link is reported where it is written.
				return Problem{}, false
			}
			return s.problemAt(SeverityError, ptr, "reference "+strconvQuote(ref)+" points to nothing in this document; define "+target+" or fix the reference"), true
		}
		next := n
		if next.Kind != yaml.MappingNode || len(next.Content) != 2 || next.Content[0].Value != "$ref" || !strings.HasPrefix(next.Content[1].Value, "#/") {
			return Problem{}, false
		}
		target = next.Content[1].Value[1:]
		for i, t := range seen {
			if t == target {
				cycle := append(append([]string{}, seen[i:]...), target)
				key := cycleKey(seen[i:])
				if reported[key] {
					return Problem{}, false
				}
				reported[key] = true
				// Reported on the cycle's first member rather than on whichever
				// $ref led into it, so the location does not depend on walk order.
				at := slices.Min(seen[i:])
				return s.problemAt(SeverityError, at+"/$ref", "circular reference "+strings.Join(cycle, " -> ")+" never reaches a concrete definition; make one of them a real schema"), true
			}
		}
		if len(seen) > 64 {
			return Problem{}, false
		}
		seen = append(seen, target)
	}
}

// cycleKey names a cycle independently of where it was entered.
func cycleKey(c []string) string {
	minI := 0
	for i := range c {
		if c[i] < c[minI] {
			minI = i
		}
	}
	return strings.Join(append(append([]string{}, c[minI:]...), c[:minI]...), " ")
}

func strconvQuote(s string) string { return strconv.Quote(s) }

package definition

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Editing an OpenAPI definition's operations in place, so the resources a
// publisher adds, moves or deletes in the resource editor stay in the
// stored definition (which the export, request validation and the next
// definition edit all read). The document is edited as a YAML node tree:
// what the publisher wrote elsewhere (order, comments, other operations)
// is kept, and a JSON definition stays JSON.

// ErrNotEditable is returned when the operation sits where an in-place edit
// cannot safely reach (a path item that is a $ref, a malformed paths map).
var ErrNotEditable = errors.New("the definition's path item is not an inline map; edit the definition text instead")

// AddOperation adds method target to an OpenAPI 2 or 3 definition with a
// minimal operation (a default response, its path parameters declared),
// creating the path item when needed. An existing operation is kept as is.
func AddOperation(data []byte, method, target string) ([]byte, error) {
	return editOperations(data, func(paths *yaml.Node, v2 bool) error {
		item, err := pathItem(paths, target, true)
		if err != nil {
			return err
		}
		m := strings.ToLower(method)
		if _, op := mapEntry(item, m); op != nil {
			return nil
		}
		item.Content = append(item.Content, str(m), newOperation(target, v2))
		return nil
	})
}

// RemoveOperation removes method target from an OpenAPI definition, and its
// path item when no operation is left in it. A missing operation is no
// error: the definition already agrees.
func RemoveOperation(data []byte, method, target string) ([]byte, error) {
	return editOperations(data, func(paths *yaml.Node, _ bool) error {
		item, err := pathItem(paths, target, false)
		if err != nil || item == nil {
			return err
		}
		removeKey(item, strings.ToLower(method))
		for _, m := range openAPIMethods {
			if _, op := mapEntry(item, m); op != nil {
				return nil
			}
		}
		if _, more := mapEntry(item, "additionalOperations"); more != nil {
			return nil
		}
		removeKey(paths, target)
		return nil
	})
}

// MoveOperation renames method target to newMethod newTarget, keeping the
// operation's text (summary, parameters, responses). Path parameters the
// new target names and the operation does not declare are added.
func MoveOperation(data []byte, method, target, newMethod, newTarget string) ([]byte, error) {
	return editOperations(data, func(paths *yaml.Node, v2 bool) error {
		item, err := pathItem(paths, target, false)
		if err != nil {
			return err
		}
		var op *yaml.Node
		if item != nil {
			_, op = mapEntry(item, strings.ToLower(method))
		}
		if op == nil {
			op = newOperation(newTarget, v2)
		} else {
			op = deAlias(op)
			removeKey(item, strings.ToLower(method))
			if len(item.Content) == 0 {
				removeKey(paths, target)
			}
			declareParams(op, newTarget, v2)
		}
		dst, err := pathItem(paths, newTarget, true)
		if err != nil {
			return err
		}
		removeKey(dst, strings.ToLower(newMethod))
		dst.Content = append(dst.Content, str(strings.ToLower(newMethod)), op)
		return nil
	})
}

func editOperations(data []byte, edit func(paths *yaml.Node, v2 bool) error) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("read definition: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, ErrNotEditable
	}
	root := doc.Content[0]
	v2 := scalar(root, "swagger") != ""
	_, paths := mapEntry(root, "paths")
	if paths == nil {
		paths = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		root.Content = append(root.Content, str("paths"), paths)
	}
	if paths.Kind != yaml.MappingNode {
		return nil, ErrNotEditable
	}
	if err := edit(paths, v2); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if isJSON(data) {
		if err := writeJSON(&buf, root, ""); err != nil {
			return nil, err
		}
		buf.WriteByte('\n')
		return buf.Bytes(), nil
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("write definition: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write definition: %w", err)
	}
	return buf.Bytes(), nil
}

// pathItem returns the inline path item of target, creating it when create.
func pathItem(paths *yaml.Node, target string, create bool) (*yaml.Node, error) {
	_, item := mapEntry(paths, target)
	if item == nil {
		if !create {
			return nil, nil
		}
		item = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		paths.Content = append(paths.Content, str(target), item)
		return item, nil
	}
	if item.Kind == yaml.ScalarNode && item.Tag == "!!null" {
		item.Kind, item.Tag, item.Value = yaml.MappingNode, "!!map", ""
	}
	if item.Kind != yaml.MappingNode || scalar(item, "$ref") != "" {
		return nil, ErrNotEditable
	}
	return item, nil
}

func newOperation(target string, v2 bool) *yaml.Node {
	op := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	declareParams(op, target, v2)
	resp := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{str("description"), str("OK")}}
	op.Content = append(op.Content, str("responses"),
		&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{str("200"), resp}})
	return op
}

// declareParams adds to op a path parameter for each {name} of target that
// op does not declare, as OpenAPI requires.
func declareParams(op *yaml.Node, target string, v2 bool) {
	declared := map[string]bool{}
	_, list := mapEntry(op, "parameters")
	if list != nil && list.Kind == yaml.SequenceNode {
		for _, p := range list.Content {
			if scalar(p, "in") == "path" {
				declared[scalar(p, "name")] = true
			}
		}
	}
	for _, m := range pathTemplateParam.FindAllStringSubmatch(target, -1) {
		name := m[1]
		if declared[name] {
			continue
		}
		declared[name] = true
		p := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
			str("name"), str(name), str("in"), str("path"), str("required"), {Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"},
		}}
		if v2 {
			p.Content = append(p.Content, str("type"), str("string"))
		} else {
			p.Content = append(p.Content, str("schema"),
				&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{str("type"), str("string")}})
		}
		if list == nil || list.Kind != yaml.SequenceNode {
			removeKey(op, "parameters")
			list = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			op.Content = append([]*yaml.Node{str("parameters"), list}, op.Content...)
		}
		list.Content = append(list.Content, p)
	}
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func removeKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func isJSON(data []byte) bool {
	t := bytes.TrimSpace(data)
	return len(t) > 0 && t[0] == '{'
}

// writeJSON writes n as indented JSON in document order (encoding/json
// would sort the keys of a map).
func writeJSON(buf *bytes.Buffer, n *yaml.Node, indent string) error {
	n = deAlias(n)
	inner := indent + "  "
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			buf.WriteString("{}")
			return nil
		}
		buf.WriteString("{\n")
		for i := 0; i+1 < len(n.Content); i += 2 {
			buf.WriteString(inner)
			k, _ := json.Marshal(n.Content[i].Value)
			buf.Write(k)
			buf.WriteString(": ")
			if err := writeJSON(buf, n.Content[i+1], inner); err != nil {
				return err
			}
			if i+2 < len(n.Content) {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			buf.WriteString("[]")
			return nil
		}
		buf.WriteString("[\n")
		for i, c := range n.Content {
			buf.WriteString(inner)
			if err := writeJSON(buf, c, inner); err != nil {
				return err
			}
			if i+1 < len(n.Content) {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			buf.WriteString("null")
		case "!!bool":
			b, err := strconv.ParseBool(n.Value)
			if err != nil {
				return fmt.Errorf("write definition: %q is not a JSON boolean", n.Value)
			}
			buf.WriteString(strconv.FormatBool(b))
		case "!!int", "!!float":
			if !json.Valid([]byte(n.Value)) {
				return fmt.Errorf("write definition: %q is not a JSON number", n.Value)
			}
			buf.WriteString(n.Value)
		default:
			s, _ := json.Marshal(n.Value)
			buf.Write(s)
		}
	default:
		return ErrNotEditable
	}
	return nil
}

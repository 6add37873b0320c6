package definition

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

const (
	wsdl11NS = "http://schemas.xmlsoap.org/wsdl/"
	wsdl20NS = "http://www.w3.org/ns/wsdl"
	soap11NS = "http://schemas.xmlsoap.org/wsdl/soap/"
	soap12NS = "http://schemas.xmlsoap.org/wsdl/soap12/"
)

// parseWSDL reads WSDL 1.1 with a token stream instead of unmarshalling
// into structs, so every element keeps its line for problems and unknown
// extension elements cost nothing. encoding/xml never expands external
// entities, so a hostile document cannot make it read files.
func parseWSDL(ctx context.Context, def *Definition, data []byte) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	type binding struct {
		name, portType string
		line           int
	}
	type port struct {
		name, binding string
		line          int
	}
	var (
		stack     []xml.Name
		portTypes = map[string]bool{}
		bindings  []binding
		ports     []port
		text      strings.Builder
		opIndex   = -1
		// actions are the SOAPActions of the bindings' operations, by
		// operation name; the first binding that names one wins.
		actions   = map[string]string{}
		bindingOp string
	)
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, col := dec.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
			}
			if def.Kind == "" {
				def.Kind = KindWSDL
			}
			def.errorf("", line, col, "malformed XML: %s", strings.TrimPrefix(err.Error(), "XML syntax error on line "+fmt.Sprint(line)+": "))
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := dec.InputPos()
			depth := len(stack)
			stack = append(stack, t.Name)
			if depth == 0 {
				switch {
				case t.Name.Space == wsdl11NS && t.Name.Local == "definitions":
					def.Kind, def.SpecVersion = KindWSDL, "1.1"
					def.Title = attr(t, "name")
				case t.Name.Space == wsdl20NS && t.Name.Local == "description":
					def.Kind, def.SpecVersion = KindWSDL, "2.0"
					def.errorf("", line, 0, "WSDL 2.0 is not supported; export the service as WSDL 1.1")
					return
				default:
					def.errorf("", line, 0, "XML root element <%s> (namespace %q) is not a WSDL 1.1 <definitions>; only WSDL 1.1 XML is accepted", t.Name.Local, t.Name.Space)
					return
				}
				continue
			}
			parent := stack[depth-1]
			inWSDL := t.Name.Space == wsdl11NS
			switch {
			case depth == 1 && inWSDL && t.Name.Local == "portType":
				portTypes[attr(t, "name")] = true
			case depth == 1 && inWSDL && t.Name.Local == "binding":
				bindings = append(bindings, binding{name: attr(t, "name"), portType: localPart(attr(t, "type")), line: line})
			case depth == 1 && inWSDL && t.Name.Local == "service" && def.Title == "":
				def.Title = attr(t, "name")
			case depth == 2 && inWSDL && parent.Local == "portType" && t.Name.Local == "operation":
				name := attr(t, "name")
				if name == "" {
					def.errorf("", line, 0, "a portType operation has no name attribute; add name=\"...\"")
				}
				def.Operations = append(def.Operations, Operation{Method: "SOAP", Target: name, OperationID: name})
				opIndex = len(def.Operations) - 1
			case depth == 2 && inWSDL && parent.Local == "binding" && t.Name.Local == "operation":
				bindingOp = attr(t, "name")
			case depth == 3 && stack[1].Local == "binding" && parent.Local == "operation" && t.Name.Local == "operation" &&
				(t.Name.Space == soap11NS || t.Name.Space == soap12NS):
				// SOAP 1.1 and 1.2 bindings both say soapAction; 1.2 clients
				// send it as the action parameter of Content-Type.
				if _, seen := actions[bindingOp]; !seen {
					actions[bindingOp] = strings.TrimSpace(attr(t, "soapAction"))
				}
			case depth == 2 && inWSDL && parent.Local == "service" && t.Name.Local == "port":
				ports = append(ports, port{name: attr(t, "name"), binding: localPart(attr(t, "binding")), line: line})
			case depth == 3 && stack[1].Local == "service" && parent.Local == "port" && t.Name.Local == "address":
				if loc := attr(t, "location"); loc != "" && !slices.Contains(def.Servers, loc) {
					def.Servers = append(def.Servers, loc)
				}
			}
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			depth := len(stack) - 1
			if depth >= 1 && t.Name.Space == wsdl11NS && t.Name.Local == "documentation" {
				doc := strings.TrimSpace(text.String())
				switch {
				case depth == 3 && stack[1].Local == "portType" && opIndex >= 0:
					def.Operations[opIndex].Summary = firstLine(doc)
				case depth == 2 && stack[1].Local == "service" && def.Description == "":
					def.Description = doc
				}
			}
			if depth == 2 && stack[1].Local == "portType" {
				opIndex = -1
			}
			stack = stack[:depth]
		}
	}
	if def.Kind == "" {
		def.errorf("", 1, 1, "the XML document has no root element")
		return
	}
	for i := range def.Operations {
		def.Operations[i].Action = actions[def.Operations[i].Target]
	}
	if len(portTypes) == 0 {
		def.errorf("", 1, 1, "no <portType> found; a WSDL 1.1 document needs at least one portType with operations")
	}
	// Dangling names are warnings: the operations are still importable, but a
	// SOAP client generated from this file will fail.
	bound := map[string]bool{}
	for _, b := range bindings {
		bound[b.name] = true
		if !portTypes[b.portType] {
			def.warnf("", b.line, 0, "binding %q refers to portType %q, which is not defined", b.name, b.portType)
		}
	}
	for _, p := range ports {
		if !bound[p.binding] {
			def.warnf("", p.line, 0, "service port %q refers to binding %q, which is not defined", p.name, p.binding)
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// localPart drops the namespace prefix of a QName attribute value.
func localPart(qname string) string {
	if _, local, ok := strings.Cut(qname, ":"); ok {
		return local
	}
	return qname
}

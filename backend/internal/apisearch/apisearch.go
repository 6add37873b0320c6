// Package apisearch is the search language of API lists, shared by the
// publisher and the portal: space-separated terms that must all match.
//
//	pizza                 free text: name, context, description or a tag
//	"order pizza"         a quoted phrase, matched as one piece of text
//	name:shack            the name contains "shack"
//	context:/pizzashack   the context contains "pizzashack"
//	tag:food              the API has the tag "food"
//	status:published      the lifecycle state is PUBLISHED
//	provider:publisher    created by the user "publisher"
//
// Values may be quoted (name:"pizza shack"); matching ignores case.
package apisearch

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/predicate"
)

// Limits on a query, so a search stays cheap.
const (
	MaxQueryLen = 500
	MaxTerms    = 10
)

// Fields a term may name.
const (
	Text     = "" // free text
	Name     = "name"
	Context  = "context"
	Tag      = "tag"
	Status   = "status"
	Provider = "provider"
)

var fields = []string{Name, Context, Tag, Status, Provider}

// Term is one condition: Field is empty for free text.
type Term struct {
	Field string
	Value string
}

// Query is a parsed search: all its terms must match.
type Query []Term

// Error says what is wrong with a query and where (0-based byte offset).
type Error struct {
	Pos     int
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s (at character %d)", e.Message, e.Pos+1) }

// Parse reads a query. An empty query matches everything.
func Parse(s string) (Query, error) {
	if len(s) > MaxQueryLen {
		return nil, &Error{Pos: MaxQueryLen, Message: fmt.Sprintf("the search is longer than %d characters", MaxQueryLen)}
	}
	if !utf8.ValidString(s) {
		return nil, &Error{Message: "the search is not valid UTF-8"}
	}
	var q Query
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		var t Term
		if s[i] != '"' {
			// A bare word, or field:value.
			j := i
			for j < len(s) && !isSpace(s[j]) && s[j] != ':' && s[j] != '"' {
				j++
			}
			if j < len(s) && s[j] == ':' {
				t.Field = strings.ToLower(s[i:j])
				if !isField(t.Field) {
					return nil, &Error{Pos: start, Message: fmt.Sprintf("unknown search field %q; use %s, or free text", s[i:j], strings.Join(fields, ":, ")+":")}
				}
				i = j + 1
			} else if j < len(s) && s[j] == '"' {
				return nil, &Error{Pos: j, Message: "a quote in the middle of a word; quote the whole phrase"}
			}
		}
		v, next, err := value(s, i)
		if err != nil {
			return nil, err
		}
		if v == "" {
			if t.Field != "" {
				return nil, &Error{Pos: start, Message: fmt.Sprintf("%s: needs a value", t.Field)}
			}
			return nil, &Error{Pos: start, Message: "an empty quoted phrase"}
		}
		t.Value, i = v, next
		if t.Field == Status {
			st := api.LifecycleStatus(strings.ToUpper(v))
			if api.LifecycleStatusValidator(st) != nil {
				return nil, &Error{Pos: start, Message: fmt.Sprintf("unknown status %q; use created, prototyped, published, blocked, deprecated or retired", v)}
			}
			t.Value = string(st)
		}
		if t.Field == Context {
			t.Value = strings.Trim(t.Value, "/")
		}
		q = append(q, t)
		if len(q) > MaxTerms {
			return nil, &Error{Pos: start, Message: fmt.Sprintf("at most %d search terms", MaxTerms)}
		}
	}
	return q, nil
}

// value reads a bare or quoted value at i and returns it with the index
// after it.
func value(s string, i int) (string, int, error) {
	if i < len(s) && s[i] == '"' {
		end := strings.IndexByte(s[i+1:], '"')
		if end < 0 {
			return "", 0, &Error{Pos: i, Message: "a quote is not closed"}
		}
		j := i + 1 + end + 1
		if j < len(s) && !isSpace(s[j]) {
			return "", 0, &Error{Pos: j, Message: "a closing quote must be followed by a space"}
		}
		return strings.Join(strings.Fields(s[i+1:i+1+end]), " "), j, nil
	}
	j := i
	for j < len(s) && !isSpace(s[j]) {
		if s[j] == '"' {
			return "", 0, &Error{Pos: j, Message: "a quote in the middle of a value; quote the whole value"}
		}
		j++
	}
	return s[i:j], j, nil
}

func isSpace(c byte) bool { return c < utf8.RuneSelf && unicode.IsSpace(rune(c)) }

func isField(f string) bool {
	for _, x := range fields {
		if f == x {
			return true
		}
	}
	return false
}

// Predicate is the query as a condition on APIs; nil when it is empty.
func (q Query) Predicate() predicate.API {
	if len(q) == 0 {
		return nil
	}
	ps := make([]predicate.API, 0, len(q))
	for _, t := range q {
		ps = append(ps, t.predicate())
	}
	return api.And(ps...)
}

func (t Term) predicate() predicate.API {
	switch t.Field {
	case Name:
		return api.NameContainsFold(t.Value)
	case Context:
		return api.ContextContainsFold(t.Value)
	case Tag:
		return hasTag(t.Value)
	case Status:
		return api.LifecycleStatusEQ(api.LifecycleStatus(t.Value))
	case Provider:
		return api.CreatedByEqualFold(t.Value)
	default:
		return api.Or(api.NameContainsFold(t.Value), api.ContextContainsFold(t.Value),
			api.DescriptionContainsFold(t.Value), hasTag(t.Value))
	}
}

// hasTag matches a stored tag exactly; tags are stored lower-case.
func hasTag(tag string) predicate.API {
	tag = strings.ToLower(tag)
	return predicate.API(func(s *sql.Selector) {
		if s.Dialect() == dialect.SQLite {
			// JSON_EACH per row is several times slower on SQLite than finding
			// the tag's JSON encoding in the array text; tags cannot contain
			// a quote, so "tag" matches one whole element.
			needle, _ := json.Marshal(tag)
			s.Where(sql.P(func(b *sql.Builder) {
				b.WriteString("instr(").Ident(s.C(api.FieldTags)).WriteString(", ").Arg(string(needle)).WriteString(") > 0")
			}))
			return
		}
		s.Where(sqljson.ValueContains(api.FieldTags, tag))
	})
}

// Package mixin holds the fields and edges that several Gatehouse entities share.
package mixin

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
	"github.com/google/uuid"
)

// ID gives an entity a random UUID primary key, so ids are not guessable and
// stay unique across control planes and snapshots.
type ID struct{ mixin.Schema }

// Fields of the ID mixin.
func (ID) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("id", uuid.UUID{}).Default(uuid.New).Immutable(),
	}
}

// Time records when a row was created and last changed.
type Time struct{ mixin.Schema }

// Fields of the Time mixin.
func (Time) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now).
			Annotations(entgql.OrderField("UPDATED_AT")),
	}
}

// Tenant ties a row to the organization that owns it. Domain services filter
// every query by the viewer's organization through this column.
type Tenant struct{ mixin.Schema }

// Fields of the Tenant mixin.
func (Tenant) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
	}
}

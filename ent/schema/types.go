// Package schema holds the ent schema of Gatehouse: one entity a file.
package schema

import "github.com/google/uuid"

// uuidType is the Go type of every id and foreign key.
var uuidType = uuid.UUID{}

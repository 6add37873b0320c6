package ratelimit

import "time"

// Calendar is a quota period aligned to the calendar of a time zone: a
// day from local midnight, or a month from the 1st. time.Date does the
// arithmetic, so a day across a DST change is 23 or 25 hours long and the
// boundary stays at local midnight.
type Calendar struct {
	Month bool // false: a day
	Loc   *time.Location
}

// Bounds returns the period holding t: [start, end).
func (c *Calendar) Bounds(t time.Time) (start, end time.Time) {
	loc := c.Loc
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	y, m, d := l.Date()
	if c.Month {
		return time.Date(y, m, 1, 0, 0, 0, 0, loc), time.Date(y, m+1, 1, 0, 0, 0, 0, loc)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

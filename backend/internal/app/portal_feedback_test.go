package app_test

import (
	"context"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/api"
)

// TestRatingsAndComments: consumers rate and discuss published APIs; the
// API's publishers moderate.
func TestRatingsAndComments(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			runRatingsAndComments(t, start(t, database, dir))
		})
	}
}

func runRatingsAndComments(t *testing.T, inst *instance) {
	ctx := context.Background()
	client := entClient(t, inst)
	org := client.Organization.Query().OnlyX(ctx)
	other := client.Organization.Create().SetName("elsewhere").SaveX(ctx)
	addUser(t, client, org, "eve", "eve-password-123", viewer.Subscriber)
	addUser(t, client, other, "mallory", "mallory-password-123", viewer.Admin, viewer.Publisher)
	alice := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	eve := inst.login(t, "eve", "eve-password-123")
	mallory := inst.login(t, "mallory", "mallory-password-123")
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	pizza := client.API.Query().Where(api.Context("pizzashack")).OnlyX(ctx).ID.String()
	// The demo seeds ratings; start from none for exact averages.
	client.Rating.Delete().ExecX(ctx)
	client.Comment.Delete().ExecX(ctx)

	rate := `mutation($api: ID!, $s: Int!) { rateAPI(apiID: $api, stars: $s) { average count mine } }`
	for _, s := range []int{0, 6} {
		_, errs := alice.do(t, rate, map[string]any{"api": pizza, "s": s})
		if len(errs) == 0 || errs[0].Extensions.Field != "stars" {
			t.Errorf("%d stars: %+v, want a stars field error", s, errs)
		}
	}
	mustDo(t, alice, "rateAPI", rate, map[string]any{"api": pizza, "s": 2})
	got := mustDo(t, alice, "rateAPI", rate, map[string]any{"api": pizza, "s": 5}) // changes, not adds
	if got["count"] != float64(1) || got["average"] != float64(5) || got["mine"] != float64(5) {
		t.Errorf("after re-rating: %v, want one 5-star rating", got)
	}
	got = mustDo(t, eve, "rateAPI", rate, map[string]any{"api": pizza, "s": 2})
	if got["count"] != float64(2) || got["average"] != 3.5 || got["mine"] != float64(2) {
		t.Errorf("two ratings: %v, want average 3.5", got)
	}
	data, _ := alice.do(t, `{ apis(first: 50, where: {lifecycleStatus: PUBLISHED}) { edges { node { context rating { average count mine } } } } }`, nil)
	for _, e := range data["apis"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["context"] == "pizzashack" {
			if r := n["rating"].(map[string]any); r["average"] != 3.5 || r["count"] != float64(2) || r["mine"] != float64(5) {
				t.Errorf("discovery rating: %v", r)
			}
		}
	}

	// Unpublished APIs take neither ratings nor comments.
	draft := mustDo(t, pub, "createAPI", createAPI, map[string]any{"i": map[string]any{"name": "Draft", "context": "draft", "version": "1", "endpoint": "http://127.0.0.1:1"}})["id"]
	_, errs := alice.do(t, rate, map[string]any{"api": draft, "s": 4})
	if len(errs) == 0 || errs[0].Extensions.Field != "apiID" {
		t.Errorf("rate a draft: %+v, want an apiID field error", errs)
	}
	comment := `mutation($api: ID!, $b: String!, $p: ID) { addComment(apiID: $api, body: $b, parentID: $p) { id body author hidden canDelete canModerate } }`
	_, errs = alice.do(t, comment, map[string]any{"api": draft, "b": "hello"})
	if len(errs) == 0 || errs[0].Extensions.Field != "apiID" {
		t.Errorf("comment on a draft: %+v, want an apiID field error", errs)
	}
	_, errs = alice.do(t, comment, map[string]any{"api": pizza, "b": "   "})
	if len(errs) == 0 || errs[0].Extensions.Field != "body" {
		t.Errorf("empty comment: %+v, want a body field error", errs)
	}

	c1 := mustDo(t, alice, "addComment", comment, map[string]any{"api": pizza, "b": "Does /order take toppings?"})
	if c1["author"] != "subscriber" || c1["canDelete"] != true || c1["canModerate"] != false {
		t.Errorf("own comment: %v", c1)
	}
	reply := mustDo(t, pub, "addComment", comment, map[string]any{"api": pizza, "b": "Yes, as a list.", "p": c1["id"]})
	if reply["canModerate"] != true {
		t.Errorf("publisher's reply: %v, want canModerate", reply)
	}
	_, errs = eve.do(t, comment, map[string]any{"api": pizza, "b": "nested", "p": reply["id"]})
	if len(errs) == 0 || errs[0].Extensions.Field != "parentID" {
		t.Errorf("reply to a reply: %+v, want a parentID field error", errs)
	}
	spam := mustDo(t, eve, "addComment", comment, map[string]any{"api": pizza, "b": "buy cheap watches"})

	// Eve cannot delete or hide alice's comment; mallory (another
	// organization) does not moderate this API.
	_, errs = eve.do(t, `mutation($id: ID!) { deleteComment(id: $id) }`, map[string]any{"id": c1["id"]})
	wantCode(t, "eve deletes alice's comment", errs, "FORBIDDEN")
	hide := `mutation($id: ID!, $h: Boolean!) { setCommentHidden(id: $id, hidden: $h) { hidden } }`
	_, errs = eve.do(t, hide, map[string]any{"id": c1["id"], "h": true})
	wantCode(t, "eve hides a comment", errs, "FORBIDDEN")
	_, errs = mallory.do(t, hide, map[string]any{"id": spam["id"], "h": true})
	wantCode(t, "another organization hides a comment", errs, "FORBIDDEN", "NOT_FOUND")

	// The publisher hides the spam: gone for consumers, shown to moderators.
	mustDo(t, pub, "setCommentHidden", hide, map[string]any{"id": spam["id"], "h": true})
	comments := `query($id: ID!) { apis(first: 1, where: {id: $id}) { edges { node { comments { body hidden replies { body } } } } } }`
	count := func(s *session) (int, int) {
		data, errs := s.do(t, comments, map[string]any{"id": pizza})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		cs := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["comments"].([]any)
		replies := 0
		for _, c := range cs {
			replies += len(c.(map[string]any)["replies"].([]any))
		}
		return len(cs), replies
	}
	if n, r := count(alice); n != 1 || r != 1 {
		t.Errorf("alice sees %d comments, %d replies; want 1, 1", n, r)
	}
	if n, _ := count(pub); n != 2 {
		t.Errorf("the publisher sees %d comments, want 2 (one hidden)", n)
	}
	_, errs = eve.do(t, `mutation($id: ID!) { deleteComment(id: $id) }`, map[string]any{"id": spam["id"]})
	wantCode(t, "eve deletes her hidden comment", errs, "NOT_FOUND")

	// Authors delete their own comments; a comment goes with its replies.
	if _, errs := alice.do(t, `mutation($id: ID!) { deleteComment(id: $id) }`, map[string]any{"id": c1["id"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if n, r := count(pub); n != 1 || r != 0 {
		t.Errorf("after delete the publisher sees %d comments, %d replies; want 1, 0", n, r)
	}
	if _, errs := pub.do(t, `mutation($id: ID!) { deleteComment(id: $id) }`, map[string]any{"id": spam["id"]}); len(errs) > 0 {
		t.Errorf("publisher deletes a comment: %+v", errs)
	}
	got = mustDo(t, eve, "removeRating", `mutation($api: ID!) { removeRating(apiID: $api) { average count mine } }`, map[string]any{"api": pizza})
	if got["count"] != float64(1) || got["mine"] != nil {
		t.Errorf("after removing eve's rating: %v", got)
	}
}

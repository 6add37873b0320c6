package signin

import "testing"

func TestSafeNext(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "/"},
		{"/publisher", "/publisher"},
		{"/publisher/apis?tab=all#x", "/publisher/apis?tab=all#x"},
		{"//evil.example/x", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"/ok\r\nLocation: //evil", "/"},
		{"/signin?next=/x", "/"},
		{"/api/auth/oidc/start", "/"},
		{"/signup?next=/x", "/"},
		{"/devportal/apis/1?tab=docs", "/devportal/apis/1?tab=docs"},
		{"/oauth2/authorize?client_id=gatehouse-portal", "/oauth2/authorize?client_id=gatehouse-portal"},
		{"//evil.example", "/"},
		{"/\t/evil.example", "/"},
		{"evil.example", "/"},
		{"https:/evil.example", "/"},
	} {
		if got := SafeNext(c.in); got != c.want {
			t.Errorf("SafeNext(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFlowCookieRefusesTampering(t *testing.T) {
	s := New(Options{StateKey: []byte("k"), Issuer: "http://x"})
	v := s.sign(flowState{State: "a", Next: "/"})
	var st flowState
	if !s.verify(v, &st) || st.State != "a" {
		t.Fatalf("own cookie refused: %+v", st)
	}
	for _, bad := range []string{v + "x", "e30." + v[len(v)-43:], "nodot", ""} {
		if s.verify(bad, &st) {
			t.Errorf("verify(%q) accepted a forged cookie", bad)
		}
	}
}

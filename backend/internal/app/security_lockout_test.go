package app_test

import (
	"net"
	"net/http"
	"strings"
	"testing"
)

// clientFrom is an HTTP client whose connections come from the loopback
// address ip (Linux routes all of 127/8 to lo), so the control plane sees
// a different TCP peer.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
}

// TestHole17_WrongPasswordsFromOneAddressDoNotLockTheOwnerOut: five wrong
// passwords from 127.0.0.2 lock that address for the account; the owner
// signs in from 127.0.0.1 with the right password.
func TestHole17_WrongPasswordsFromOneAddressDoNotLockTheOwnerOut(t *testing.T) {
	inst := start(t, "", t.TempDir())
	password := inst.creds.Users["publisher"].Password
	signIn := func(c *http.Client, pw string) (int, string) {
		resp, err := c.Post(inst.cp.URL+"/auth/login", "application/json",
			strings.NewReader(`{"username":"publisher","password":"`+pw+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, readPage(t, resp)
	}
	attacker, owner := clientFrom("127.0.0.2"), clientFrom("127.0.0.1")
	for range 5 {
		if status, _ := signIn(attacker, "wrong-password"); status != 401 {
			t.Fatalf("wrong password = %d, want 401", status)
		}
	}
	if status, body := signIn(attacker, password); status != 401 || !strings.Contains(body, "too many failed sign-ins") {
		t.Errorf("right password from the failing address = %d %s, want 401 locked", status, body)
	}
	if status, body := signIn(owner, password); status != 200 {
		t.Errorf("right password from another address = %d %s, want 200", status, body)
	}
}

package faults

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
)

// publishEvent publishes a config event as the control plane does, on a
// connection of its own.
func publishEvent(t *testing.T, url, env, version string) {
	t.Helper()
	publishEventAs(t, url, config.BusNames{}, env, version)
}

func publishEventAs(t *testing.T, url string, names config.BusNames, env, version string) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: names.ConfigStream(), Subjects: []string{names.ConfigSubjects()},
		MaxMsgsPerSubject: 16, Storage: jetstream.FileStorage,
	}); err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(config.Event{Environment: env, Version: version})
	if _, err := js.Publish(ctx, names.ConfigSubject(env), data); err != nil {
		t.Fatal(err)
	}
}

// Issue 15, case 3: a change published while a --nats gateway's
// connection is down (NATS restarted, the gateway not yet reconnected)
// still reaches the gateway once it is back, without the periodic resync.
func TestNATSGatewayCatchesUpAfterOutage(t *testing.T) {
	np := startNATS(t)
	publishEvent(t, np.URL, "Default", "v0") // the stream exists, as the control plane makes it
	nc, err := nats.Connect(np.URL, dataplane.NATSOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	got := make(chan string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		src := &dataplane.NATSEvents{Conn: nc}
		for ctx.Err() == nil { // as the Syncer does: follow again when a stream ends
			_ = src.Follow(ctx, "Default", func(ev config.Event) { got <- ev.Version })
			time.Sleep(100 * time.Millisecond)
		}
	}()
	waitVersion := func(want string, within time.Duration) time.Duration {
		t.Helper()
		start := time.Now()
		timeout := time.After(within)
		for {
			select {
			case v := <-got:
				if v == want {
					return time.Since(start)
				}
			case <-timeout:
				t.Fatalf("event %s did not arrive within %v", want, within)
			}
		}
	}
	// Following has begun once an event published now arrives.
	for i := 0; ; i++ {
		publishEvent(t, np.URL, "Default", "v1")
		select {
		case v := <-got:
			if v == "v1" {
				goto following
			}
		case <-time.After(time.Second):
		}
		if i > 10 {
			t.Fatal("the gateway never received v1")
		}
	}
following:
	np.Stop()
	np.Start()
	back := time.Now()
	publishEvent(t, np.URL, "Default", "v2")
	if nc.IsConnected() {
		t.Log("note: the gateway had already reconnected when v2 was published")
	}
	// Well under the 30 s periodic resync that covered it before.
	took := waitVersion("v2", 20*time.Second)
	t.Logf("change published during the outage reached the gateway %v after NATS came back (%v after the publish)",
		time.Since(back).Round(time.Millisecond), took.Round(time.Millisecond))
}

// Issue 15, case 7: two installations on one NATS (--nats-prefix) keep
// their events apart.
func TestNATSPrefixesSeparateInstallations(t *testing.T) {
	np := startNATS(t)
	blue, green := config.BusNames{Prefix: "blue"}, config.BusNames{Prefix: "green"}
	publishEventAs(t, np.URL, blue, "Default", "b0")
	publishEventAs(t, np.URL, green, "Default", "g0")
	nc, err := nats.Connect(np.URL, dataplane.NATSOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := map[string]chan string{"blue": make(chan string, 16), "green": make(chan string, 16)}
	for name, names := range map[string]config.BusNames{"blue": blue, "green": green} {
		go func() {
			_ = (&dataplane.NATSEvents{Conn: nc, Names: names}).Follow(ctx, "Default", func(ev config.Event) { got[name] <- ev.Version })
		}()
	}
	// Each follower sees its own installation's next event...
	for i := 1; ; i++ {
		publishEventAs(t, np.URL, blue, "Default", "b1")
		publishEventAs(t, np.URL, green, "Default", "g1")
		b, g := "", ""
		timeout := time.After(time.Second)
		for b == "" || g == "" {
			select {
			case b = <-got["blue"]:
			case g = <-got["green"]:
			case <-timeout:
				goto again
			}
		}
		if b != "b1" || g != "g1" {
			t.Fatalf("blue got %q, green got %q", b, g)
		}
		break
	again:
		if i > 10 {
			t.Fatal("the followers never received their events")
		}
	}
	// ...and never the other's.
	publishEventAs(t, np.URL, blue, "Default", "b2")
	if v := <-got["blue"]; v != "b2" {
		t.Fatalf("blue got %q, want b2", v)
	}
	select {
	case v := <-got["green"]:
		t.Fatalf("green received %q, an event of blue", v)
	case <-time.After(300 * time.Millisecond):
	}
}

package faults

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// need finds a server binary: missing, the test fails under CI=true and
// skips elsewhere.
func need(t *testing.T, name string, paths ...string) string {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI=true", name)
	}
	t.Skipf("%s is not installed; skipping", name)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// redisProc is a private redis-server the test may stop and resume.
type redisProc struct {
	cmd  *exec.Cmd
	Addr string
}

func startRedis(t *testing.T) *redisProc {
	t.Helper()
	bin := need(t, "redis-server", "/usr/bin/redis-server")
	port := freePort(t)
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "",
		"--appendonly", "no", "--dir", t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &redisProc{cmd: cmd, Addr: fmt.Sprintf("127.0.0.1:%d", port)}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGCONT)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	c := redis.NewClient(&redis.Options{Addr: p.Addr})
	defer c.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if c.Ping(context.Background()).Err() == nil {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("redis-server on %s did not answer", p.Addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Hang stops the process: connections stay open, nothing answers.
func (p *redisProc) Hang(t *testing.T) {
	if err := p.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
}

// Resume undoes Hang.
func (p *redisProc) Resume(t *testing.T) {
	if err := p.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
}

// natsProc is a private nats-server with JetStream, restartable on the
// same port and store.
type natsProc struct {
	t     *testing.T
	bin   string
	port  int
	store string
	cmd   *exec.Cmd
	URL   string
}

func startNATS(t *testing.T) *natsProc {
	t.Helper()
	p := &natsProc{t: t, bin: need(t, "nats-server", "/usr/sbin/nats-server"), port: freePort(t), store: t.TempDir()}
	p.URL = fmt.Sprintf("nats://127.0.0.1:%d", p.port)
	p.Start()
	t.Cleanup(p.Stop)
	return p
}

// Start runs the server and waits until it takes connections.
func (p *natsProc) Start() {
	p.t.Helper()
	p.cmd = exec.Command(p.bin, "-a", "127.0.0.1", "-p", strconv.Itoa(p.port), "-js", "-sd", p.store)
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p.port)); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("nats-server on %d did not start", p.port)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop ends the server (SIGTERM: it flushes its store) and waits for it.
func (p *natsProc) Stop() {
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	_ = p.cmd.Wait()
	p.cmd = nil
}

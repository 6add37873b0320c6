// Command gatehouse is the Gatehouse control plane. `gatehouse serve` runs
// the all-in-one: control plane, portals and an embedded gateway.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/internal/flagenv"
	"github.com/gatehouse/gatehouse/internal/logx"
)

const usage = `usage: gatehouse <command> [flags]

commands:
  serve     run the all-in-one (control plane, portals, embedded gateway)
  migrate   apply pending database migrations and exit

Run "gatehouse <command> -h" for the flags; each flag has a GATEHOUSE_* environment twin.
`

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gatehouse:", err)
		}
		os.Exit(2)
	}
}

func run(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	var cfg app.Config
	fs := flag.NewFlagSet("gatehouse "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.Flags(fs)
	switch args[0] {
	case "serve", "migrate":
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
	if err := flagenv.Parse(fs, args[1:], getenv); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "migrate":
		st, err := store.Open(ctx, cfg.Database, cfg.DataDir)
		if err != nil {
			return err
		}
		defer st.Close()
		fmt.Fprintln(stdout, "database schema is up to date")
		return nil
	default:
		return app.Serve(ctx, cfg, log, func(s string) { fmt.Fprint(stdout, s) })
	}
}

func newLogger(cfg app.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel)) // validated already
	return logx.New(w, cfg.LogFormat, level)
}

// Command withemulator starts the fauxqs emulator, runs a command with the
// AWS environment pointing at it, and stops the emulator when the command
// ends, whatever way it ends. `make demo` runs the quickstart through it:
//
//	go run ./internal/cmd/withemulator -- go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/go-sns/connector/internal/harness/fauxqs"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: withemulator -- command [args...]")
		os.Exit(2)
	}
	os.Exit(run(args))
}

func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := fauxqs.Start(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "withemulator:", err)
		return 1
	}
	defer srv.Stop()
	fmt.Fprintf(os.Stderr, "withemulator: fauxqs listening on %s\n", srv.URL)

	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(),
		"AWS_ENDPOINT_URL="+srv.URL,
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_REGION=us-east-1",
		// Keep a developer's real profile out of the emulator session.
		"AWS_PROFILE=",
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
	)
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "withemulator:", err)
		return 1
	}
	return 0
}

// Command credentials loads a profile, resolves its credentials, checks
// them with STS GetCallerIdentity and prints who they are and when they
// expire. It never prints a secret.
//
//	go run ./examples/credentials -config examples/profiles.yaml -profile prod
//
// Without flags it reads $SNSCONNECTOR_CONFIG (else the default location,
// see auth.DefaultPath) and $SNSCONNECTOR_PROFILE (else "default").
// Validation goes to the STS endpoint the AWS configuration names, as for
// any SDK client ($AWS_ENDPOINT_URL_STS, then $AWS_ENDPOINT_URL, then the
// shared config file), else to AWS's.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/go-sns/connector/auth"
)

// usage is what -h prints before the flags: what the program does, what it
// needs and how to run it.
const usage = `credentials loads a named profile (static keys or IAM Roles Anywhere),
resolves its credentials, checks them with STS GetCallerIdentity and prints who
they are and when they expire. It never prints a secret.

Needs: a profiles file (-config, else $SNSCONNECTOR_CONFIG, else the default
location); for validation, network access to STS (sts:GetCallerIdentity needs
no permission), or $AWS_ENDPOINT_URL_STS / $AWS_ENDPOINT_URL for another
endpoint. -validate=false needs nothing but the file.

Example:
  DEV_SECRET=example go run ./examples/credentials -config examples/profiles.yaml -profile dev -validate=false

Flags:
`

func main() {
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	config := flag.String("config", "", "profiles file (default $SNSCONNECTOR_CONFIG, then "+defaultPath()+")")
	profile := flag.String("profile", "", "profile name (default $SNSCONNECTOR_PROFILE, then \"default\")")
	validate := flag.Bool("validate", true, "check the credentials with STS GetCallerIdentity")
	verbose := flag.Bool("v", false, "log refreshes and retries")
	timeout := flag.Duration("timeout", 30*time.Second, "give up after this long")
	flag.Parse()

	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	if err := run(*config, *profile, *validate, *timeout, logger); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(config, name string, validate bool, timeout time.Duration, logger *slog.Logger) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	p, err := auth.LoadProfile(config, name, auth.WithLogger(logger))
	if err != nil {
		return err
	}
	fmt.Printf("profile:  %s (%s) from %s\n", p.Name, p.Method, p.File)
	if p.Region != "" {
		fmt.Printf("region:   %s\n", p.Region)
	}
	if c := p.RolesAnywhere.Certificate; p.Method == auth.MethodRolesAnywhere && c != nil {
		fmt.Printf("cert:     serial %s, %s, valid until %s\n", c.SerialNumber, c.Subject, c.NotAfter.Format(time.RFC3339))
	}

	provider, err := p.CredentialsProvider(ctx)
	if err != nil {
		return err
	}
	creds, err := provider.Retrieve(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("key id:   %s (source %s)\n", creds.AccessKeyID, creds.Source)
	if creds.CanExpire {
		// The cache reports an expiry moved earlier by its refresh window.
		fmt.Printf("refresh:  by %s (in %s)\n", creds.Expires.Format(time.RFC3339), time.Until(creds.Expires).Round(time.Second))
	} else {
		fmt.Println("expires:  never (static credentials)")
	}

	if validate {
		id, err := auth.Validate(ctx, provider, p.Region)
		if err != nil {
			return err
		}
		fmt.Printf("account:  %s\narn:      %s\nuser id:  %s\n", id.Account, id.ARN, id.UserID)
	}
	return nil
}

func defaultPath() string {
	p, err := auth.DefaultPath()
	if err != nil {
		return "(none)"
	}
	return p
}

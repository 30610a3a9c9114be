package snsconnector

import (
	"errors"
	"testing"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/profilecases"
)

// profileLeakRows load every profiles file of profilecases (each YAML
// construct that eats, breaks or quotes an unquoted secret, on each key
// that holds one; key material pasted where it does not belong) through
// auth.LoadProfile. (Profiles that load go through WithProfile in the
// credential rows.) auth's TestProfileErrorsPointAtTheKey checks, over the
// same cases, that each error names the key, the line and the rule.
func profileLeakRows(fx *leakFixture) []leakRow {
	files := profilecases.Files{RA: fx.ra, KeyPEM: fx.keyPEM, CertPEM: fx.certPEM, PKCS12: fx.path("leaf.p12")}
	var rows []leakRow
	for _, c := range profilecases.Cases(files) {
		rows = append(rows, leakRow{"profile " + c.Name, func(t *testing.T, e *leakEnv) []any {
			e.plant(c.Secrets...)
			p, err := e.loadProfile(t, "prod", c.Body)
			var pe *auth.ProfileError
			if !errors.As(err, &pe) {
				t.Fatalf("want a *auth.ProfileError; got %v", err)
			}
			return []any{err, p}
		}})
	}
	return rows
}

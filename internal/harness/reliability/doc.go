// Package reliability holds the library's reliability proofs: publishing
// under injected faults, load from many goroutines, credentials expiring
// during load. They run short in make test and long in make soak
// (SNSCONNECTOR_SOAK=1). The package has no code of its own.
package reliability

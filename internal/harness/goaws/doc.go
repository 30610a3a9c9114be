// Package goaws checks the notification package against a signer
// it did not write: goaws (github.com/Admiral-Piett/goaws v0.4.5), a Go
// SNS/SQS emulator that delivers signed HTTP notifications with its own
// certificate. It lives in the harness module, so goaws and its
// dependencies stay out of the library's go.mod; make test runs it.
//
// goaws is started in-process on a 127.0.0.1 listener (its own main binds
// 0.0.0.0).
package goaws

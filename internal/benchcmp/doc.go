// Package benchcmp runs the throughput benchmark of package snsconnector
// with Go CDK's awssnssqs added, in one run. It is a module of its own so
// that gocloud.dev and its dependencies stay out of the connector's go.mod:
//
//	cd internal/benchcmp && go test -run '^$' -bench . -benchtime 20000x
package benchcmp

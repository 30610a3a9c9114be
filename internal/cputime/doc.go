// Package cputime reads the CPU time the process has used, for the
// benchmarks that report client CPU per message (snsconnector's and the
// harness's throughput runs).
package cputime

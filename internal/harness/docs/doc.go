// Package docs tests what a newcomer meets first: every Go block of the
// README type-checks against the library as it is, every shell block runs,
// every example explains itself under -h, and a module that imports the
// library gets none of the test tools.
package docs

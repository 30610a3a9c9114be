// Package model holds the plain data of Amazon SNS requests and responses:
// topics, messages, typed message attributes, and their validation against
// the limits SNS documents.
//
// Validation happens before anything is sent, and every problem is a
// *[ValidationError] that names the field and the rule it broke. The package
// knows no client and no credentials; it may be used on its own, for
// example to check a message at the edge of a service.
package model

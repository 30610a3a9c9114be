package model

import (
	"strings"

	"github.com/go-sns/connector/region"
)

// Platform is a mobile push notification service SNS delivers to: the
// Platform of CreatePlatformApplication, the segment after "app/" in a
// platform application's ARN, and a platform's key in a json-structured
// message body ([PerProtocol]).
type Platform string

// The platforms SNS pushes to ("Amazon SNS mobile push notifications",
// SNS developer guide; CreatePlatformApplication API reference).
const (
	PlatformAPNS            Platform = "APNS"              // Apple, production
	PlatformAPNSSandbox     Platform = "APNS_SANDBOX"      // Apple, development
	PlatformAPNSVoIP        Platform = "APNS_VOIP"         // Apple VoIP pushes, production
	PlatformAPNSVoIPSandbox Platform = "APNS_VOIP_SANDBOX" // Apple VoIP pushes, development
	PlatformMacOS           Platform = "MACOS"             // Apple macOS, production
	PlatformMacOSSandbox    Platform = "MACOS_SANDBOX"     // Apple macOS, development
	PlatformGCM             Platform = "GCM"               // Firebase Cloud Messaging, under its old name
	PlatformADM             Platform = "ADM"               // Amazon Device Messaging
	PlatformBaidu           Platform = "BAIDU"             // Baidu Cloud Push
	PlatformMPNS            Platform = "MPNS"              // Microsoft Push Notification Service
	PlatformWNS             Platform = "WNS"               // Windows Push Notification Services
)

// platforms lists every Platform, for validation and error messages.
var platforms = []Platform{
	PlatformAPNS, PlatformAPNSSandbox, PlatformAPNSVoIP, PlatformAPNSVoIPSandbox,
	PlatformMacOS, PlatformMacOSSandbox, PlatformGCM, PlatformADM, PlatformBaidu,
	PlatformMPNS, PlatformWNS,
}

// Validate reports whether p is one of the platforms SNS pushes to.
func (p Platform) Validate() error {
	const field = "Platform"
	if p == "" {
		return invalid(field, RuleRequired, "a platform is required (APNS, APNS_SANDBOX, GCM, ADM, ...)")
	}
	for _, q := range platforms {
		if p == q {
			return nil
		}
	}
	return invalid(field, RuleFormat, "%q is not a platform SNS pushes to: APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, MACOS, MACOS_SANDBOX, GCM, ADM, BAIDU, MPNS or WNS", shorten(string(p), 32))
}

// apple reports whether the platform is one of Apple's (APNs payloads and
// credentials).
func (p Platform) apple() bool {
	switch p {
	case PlatformAPNS, PlatformAPNSSandbox, PlatformAPNSVoIP, PlatformAPNSVoIPSandbox, PlatformMacOS, PlatformMacOSSandbox:
		return true
	}
	return false
}

// xml reports whether the platform takes XML rather than JSON: MPNS and
// WNS notifications are XML documents (WNS raw notifications are any text).
func (p Platform) xml() bool { return p == PlatformMPNS || p == PlatformWNS }

// maxApplicationNameLen: "Application names must be made up of only
// uppercase and lowercase ASCII letters, numbers, underscores, hyphens, and
// periods, and must be between 1 and 256 characters long"
// (CreatePlatformApplication API reference).
const maxApplicationNameLen = 256

// ValidateApplicationName checks a platform application's name against
// SNS's rule: 1 to 256 ASCII letters, digits, '_', '-' and '.'.
func ValidateApplicationName(name string) error {
	const field = "PlatformApplication.Name"
	switch {
	case name == "":
		return invalid(field, RuleRequired, "an application name is required")
	case len(name) > maxApplicationNameLen:
		return invalid(field, RuleMaxLength, "%d characters; at most %d", len(name), maxApplicationNameLen)
	case !nameOf(name, 1, maxApplicationNameLen, alnumOr("_-.")):
		return invalid(field, RuleCharset, "an application name has only ASCII letters, digits, '_', '-' and '.'")
	}
	return nil
}

// PlatformApplicationARN is a parsed platform application ARN, as
// CreatePlatformApplication returns it:
// arn:PARTITION:sns:REGION:ACCOUNT:app/PLATFORM/NAME.
type PlatformApplicationARN struct {
	Partition region.Partition
	Region    region.Region
	AccountID string
	Platform  Platform
	Name      string
}

// ParsePlatformApplicationARN parses a platform application ARN of any
// partition. The error never quotes the ARN.
func ParsePlatformApplicationARN(arn string) (PlatformApplicationARN, error) {
	return parsePlatformApplicationARN("PlatformApplicationARN", arn)
}

func parsePlatformApplicationARN(field, arn string) (PlatformApplicationARN, error) {
	a, err := parseResourceARN(field, arn, "sns", true)
	if err != nil {
		return PlatformApplicationARN{}, err
	}
	parts := strings.Split(a.resource, "/")
	if len(parts) != 3 || parts[0] != "app" {
		return PlatformApplicationARN{}, invalid(field, RuleFormat, "want a platform application ARN: ...:app/PLATFORM/NAME")
	}
	return newPlatformApplicationARN(field, a, parts[1], parts[2])
}

func newPlatformApplicationARN(field string, a resourceARN, platform, name string) (PlatformApplicationARN, error) {
	if Platform(platform).Validate() != nil {
		return PlatformApplicationARN{}, invalid(field, RuleFormat, "the ARN's platform is not one SNS pushes to (APNS, APNS_SANDBOX, GCM, ...)")
	}
	if ValidateApplicationName(name) != nil {
		return PlatformApplicationARN{}, invalid(field, RuleFormat, "the ARN's application name must be 1 to 256 letters, digits, '_', '-' or '.'")
	}
	return PlatformApplicationARN{Partition: a.partition, Region: a.region, AccountID: a.account, Platform: Platform(platform), Name: name}, nil
}

// String returns the ARN text.
func (a PlatformApplicationARN) String() string {
	return "arn:" + string(a.Partition) + ":sns:" + string(a.Region) + ":" + a.AccountID + ":app/" + string(a.Platform) + "/" + a.Name
}

// ValidateRegion checks that the application is in region r: a call made
// in r reaches only r's platform applications.
func (a PlatformApplicationARN) ValidateRegion(r region.Region) error {
	return checkRegion("PlatformApplicationARN", a.Partition, a.Region, r)
}

// PlatformEndpointARN is a parsed platform endpoint ARN, as
// CreatePlatformEndpoint returns it:
// arn:PARTITION:sns:REGION:ACCOUNT:endpoint/PLATFORM/APPLICATION/ID.
type PlatformEndpointARN struct {
	Application PlatformApplicationARN
	ID          string
}

// ParsePlatformEndpointARN parses a platform endpoint ARN of any partition.
// The error never quotes the ARN.
func ParsePlatformEndpointARN(arn string) (PlatformEndpointARN, error) {
	return parsePlatformEndpointARN("EndpointARN", arn)
}

// maxEndpointIDLen bounds the ID part. SNS's IDs are UUIDs (36
// characters); the bound keeps hostile input out of error messages.
const maxEndpointIDLen = 128

func parsePlatformEndpointARN(field, arn string) (PlatformEndpointARN, error) {
	a, err := parseResourceARN(field, arn, "sns", true)
	if err != nil {
		return PlatformEndpointARN{}, err
	}
	parts := strings.Split(a.resource, "/")
	if len(parts) != 4 || parts[0] != "endpoint" {
		return PlatformEndpointARN{}, invalid(field, RuleFormat, "want a platform endpoint ARN: ...:endpoint/PLATFORM/APPLICATION/ID")
	}
	app, err := newPlatformApplicationARN(field, a, parts[1], parts[2])
	if err != nil {
		return PlatformEndpointARN{}, err
	}
	if !nameOf(parts[3], 1, maxEndpointIDLen, alnumOr("-")) {
		return PlatformEndpointARN{}, invalid(field, RuleFormat, "the endpoint ID must be letters, digits and '-'")
	}
	return PlatformEndpointARN{Application: app, ID: parts[3]}, nil
}

// String returns the ARN text.
func (a PlatformEndpointARN) String() string {
	app := a.Application
	return "arn:" + string(app.Partition) + ":sns:" + string(app.Region) + ":" + app.AccountID + ":endpoint/" + string(app.Platform) + "/" + app.Name + "/" + a.ID
}

// ValidateRegion checks that the endpoint is in region r: a call made in r
// reaches only r's endpoints.
func (a PlatformEndpointARN) ValidateRegion(r region.Region) error {
	return checkRegion("EndpointARN", a.Application.Partition, a.Application.Region, r)
}

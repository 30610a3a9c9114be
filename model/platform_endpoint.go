package model

import (
	"unicode/utf8"
)

// The attributes of a platform endpoint (SetEndpointAttributes API
// reference).
const (
	endpointAttrEnabled        = "Enabled"
	endpointAttrToken          = "Token"
	endpointAttrCustomUserData = "CustomUserData"
)

// maxCustomUserData: "The data must be in UTF-8 format and less than 2KB"
// (CreatePlatformEndpoint API reference).
const maxCustomUserData = 2048

// maxDeviceTokenLen bounds a device token. The platforms do not fix their
// tokens' length (APNs' are 32 bytes in hex today, FCM's about 160
// characters); the bound keeps a pasted document from being sent as one.
const maxDeviceTokenLen = 4096

// CreatePlatformEndpointRequest registers a device with a platform
// application. CreatePlatformEndpoint is idempotent: the same token with
// the same attributes returns the existing endpoint.
type CreatePlatformEndpointRequest struct {
	// Application is the platform application's ARN.
	Application string
	// Token identifies the app on the device: the device token (APNs) or
	// registration ID (FCM, ADM) the platform gave the app.
	Token PersonalData
	// CustomUserData is stored with the endpoint and not used by SNS:
	// UTF-8, less than 2 KB.
	CustomUserData PersonalData
}

// Validate checks the application's ARN, the token and the user data.
// Reasons never quote the token or the data.
func (r CreatePlatformEndpointRequest) Validate() error {
	var c collector
	_, err := parsePlatformApplicationARN("PlatformEndpoint.Application", r.Application)
	c.add(err)
	c.add(validateDeviceToken(string(r.Token)))
	c.add(validateCustomUserData(string(r.CustomUserData)))
	return c.err()
}

// Attributes returns the Attributes map of CreatePlatformEndpoint: the
// user data when set, nil otherwise. The token travels as its own
// parameter.
func (r CreatePlatformEndpointRequest) Attributes() map[string]string {
	if r.CustomUserData == "" {
		return nil
	}
	return map[string]string{endpointAttrCustomUserData: string(r.CustomUserData)}
}

func validateDeviceToken(s string) error {
	const field = "PlatformEndpoint.Token"
	switch {
	case s == "":
		return invalid(field, RuleRequired, "the device token (registration ID) is required")
	case len(s) > maxDeviceTokenLen:
		return invalid(field, RuleMaxLength, "%d bytes; a device token has at most %d", len(s), maxDeviceTokenLen)
	case !nameOf(s, 1, maxDeviceTokenLen, func(c byte) bool { return c > ' ' && c < 0x7f }):
		return invalid(field, RuleCharset, "a device token is printable ASCII without spaces; copy it exactly as the platform gave it")
	}
	return nil
}

func validateCustomUserData(s string) error {
	const field = "PlatformEndpoint.CustomUserData"
	switch {
	case !utf8.ValidString(s):
		return invalid(field, RuleCharset, "the user data must be UTF-8")
	case len(s) >= maxCustomUserData:
		return invalid(field, RuleMaxSize, "%d bytes; the user data must be less than %d", len(s), maxCustomUserData)
	}
	return nil
}

// PlatformEndpoint is a device registered with a platform application, as
// SNS describes it (GetEndpointAttributes, ListEndpointsByPlatformApplication).
type PlatformEndpoint struct {
	// ARN identifies the endpoint: publish to it with
	// [ApplicationEndpoint](ARN) and Client.PublishToEndpoint.
	ARN string
	// Enabled is false when delivery is off: SNS turns it off when the
	// platform reports the token invalid, and a publish then fails with
	// EndpointDisabled until the endpoint is enabled again, typically with
	// a new token.
	Enabled bool
	// Token is the device token. SNS returns Apple's in lower case.
	Token PersonalData
	// CustomUserData is the data stored with the endpoint.
	CustomUserData PersonalData
	// Raw holds the other attributes as SNS returned them; Token and
	// CustomUserData, being personal data, are only in their fields.
	Raw map[string]string
}

// Endpoint returns the endpoint as a publish or subscription target.
func (e PlatformEndpoint) Endpoint() (Endpoint, error) { return ApplicationEndpoint(e.ARN) }

// ParsePlatformEndpoint reads an endpoint's ARN and attributes as SNS
// returns them. Unknown values stay in Raw only.
func ParsePlatformEndpoint(arn string, raw map[string]string) PlatformEndpoint {
	e := PlatformEndpoint{
		ARN:            arn,
		Enabled:        raw[endpointAttrEnabled] == "true",
		Token:          PersonalData(raw[endpointAttrToken]),
		CustomUserData: PersonalData(raw[endpointAttrCustomUserData]),
		Raw:            map[string]string{},
	}
	for k, v := range raw {
		if k != endpointAttrToken && k != endpointAttrCustomUserData {
			e.Raw[k] = v
		}
	}
	return e
}

// EndpointAttributeChange is one attribute to change on a platform
// endpoint. Build it with [SetEndpointEnabled], [SetEndpointToken] or
// [SetEndpointCustomUserData]; SetEndpointAttributes sends all changes in
// one call. The value is [PersonalData]: it never prints.
type EndpointAttributeChange struct {
	Name  string       // the SNS attribute name
	Value PersonalData // the value as SNS takes it
	err   error
}

// SetEndpointEnabled turns delivery to the endpoint on or off. Enable a
// disabled endpoint after updating its token: SNS disabled it because the
// platform refused the old one.
func SetEndpointEnabled(on bool) EndpointAttributeChange {
	v := "false"
	if on {
		v = "true"
	}
	return EndpointAttributeChange{Name: endpointAttrEnabled, Value: PersonalData(v)}
}

// SetEndpointToken replaces the device token, as after the platform issued
// the app a new one.
func SetEndpointToken(token PersonalData) EndpointAttributeChange {
	return EndpointAttributeChange{Name: endpointAttrToken, Value: token, err: validateDeviceToken(string(token))}
}

// SetEndpointCustomUserData replaces the data stored with the endpoint;
// "" clears it.
func SetEndpointCustomUserData(data PersonalData) EndpointAttributeChange {
	return EndpointAttributeChange{Name: endpointAttrCustomUserData, Value: data, err: validateCustomUserData(string(data))}
}

// Validate reports what was wrong when the change was built.
func (ch EndpointAttributeChange) Validate() error {
	switch ch.Name {
	case "":
		return invalid("EndpointAttributeChange.Name", RuleRequired, "build changes with SetEndpointEnabled, SetEndpointToken or SetEndpointCustomUserData")
	case endpointAttrEnabled, endpointAttrToken, endpointAttrCustomUserData:
		return ch.err
	}
	return invalid("EndpointAttributeChange.Name", RuleFormat, "%q is not Enabled, Token or CustomUserData", shorten(ch.Name, 32))
}

// ListEndpointsResponse holds the endpoints of a platform application.
type ListEndpointsResponse struct {
	Endpoints []PlatformEndpoint
}

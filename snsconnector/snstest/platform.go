package snstest

import (
	"maps"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// platformApp is the state of one platform application.
type platformApp struct {
	arn      string
	name     string
	platform model.Platform
	region   region.Region
	// attrs are the attributes set, credentials included; attributes
	// reports them without the credentials, as SNS does.
	attrs map[string]string
}

// platformEndpoint is the state of one device endpoint.
type platformEndpoint struct {
	arn    string
	app    string // the application's ARN
	region region.Region
	attrs  map[string]string // Enabled, Token, CustomUserData
}

// platformAttributes are the platform application attributes
// SetPlatformApplicationAttributes takes, with each one's rule, after its
// API reference: the model's, through the change its setter builds. The
// credentials are checked by credentialsFor.
var platformAttributes = map[string]func(string) string{
	"PlatformCredential":        func(string) string { return "" },
	"PlatformPrincipal":         func(string) string { return "" },
	"ApplePlatformTeamID":       func(string) string { return "" },
	"ApplePlatformBundleID":     func(string) string { return "" },
	"EventEndpointCreated":      eventTopic(model.EventEndpointCreated),
	"EventEndpointDeleted":      eventTopic(model.EventEndpointDeleted),
	"EventEndpointUpdated":      eventTopic(model.EventEndpointUpdated),
	"EventDeliveryFailure":      eventTopic(model.EventDeliveryFailure),
	"SuccessFeedbackRoleArn":    feedbackRole,
	"FailureFeedbackRoleArn":    feedbackRole,
	"SuccessFeedbackSampleRate": samplingRate,
}

// modelReason is why the model refuses a platform application change, or "".
func modelReason(ch model.PlatformApplicationChange) string {
	if err := ch.Validate(""); err != nil {
		return reason(err)
	}
	return ""
}

func eventTopic(e model.EndpointEvent) func(string) string {
	return func(v string) string { return modelReason(model.SetEndpointEventTopic(e, v)) }
}

func feedbackRole(v string) string { return modelReason(model.SetPlatformFeedbackRoles(v, "")) }

func samplingRate(v string) string {
	n, err := strconv.Atoi(v)
	if err != nil {
		return "the sample rate must be a whole number of percent"
	}
	return modelReason(model.SetPlatformSuccessSampleRate(n))
}

// checkPlatformAttributes validates attributes for an application of
// platform p, merged over current, and returns the merged set, or why SNS
// refuses them. "You must specify PlatformPrincipal and PlatformCredential
// attributes" (CreatePlatformApplication API reference); FCM has no
// principal, and token-based Apple credentials need a team and bundle ID.
func checkPlatformAttributes(p model.Platform, current, set map[string]string) (map[string]string, string) {
	merged := maps.Clone(current)
	if merged == nil {
		merged = map[string]string{}
	}
	for k, v := range set {
		check, ok := platformAttributes[k]
		if !ok {
			return nil, "Invalid parameter: Attributes Reason: Unknown attribute " + clip(k)
		}
		if r := check(v); r != "" {
			return nil, "Invalid parameter: Attributes Reason: " + k + ": " + r
		}
		if v == "" {
			delete(merged, k)
		} else {
			merged[k] = v
		}
	}
	if merged["PlatformCredential"] == "" {
		return nil, "Invalid parameter: Attributes Reason: PlatformCredential attribute is required"
	}
	if p != model.PlatformGCM && merged["PlatformPrincipal"] == "" {
		return nil, "Invalid parameter: Attributes Reason: PlatformPrincipal attribute is required"
	}
	token := strings.Contains(merged["PlatformCredential"], "PRIVATE KEY") && !strings.Contains(merged["PlatformPrincipal"], "CERTIFICATE")
	if strings.HasPrefix(string(p), "APNS") || strings.HasPrefix(string(p), "MACOS") {
		if token && (merged["ApplePlatformTeamID"] == "" || merged["ApplePlatformBundleID"] == "") {
			return nil, "Invalid parameter: Attributes Reason: ApplePlatformTeamID and ApplePlatformBundleID are required for token-based authentication"
		}
	}
	return merged, ""
}

// applicationAttributes is what GetPlatformApplicationAttributes reports:
// the attributes set without the credentials, and Enabled.
func applicationAttributes(app *platformApp) map[string]string {
	out := map[string]string{"Enabled": "true"}
	for k, v := range app.attrs {
		if k != "PlatformCredential" && k != "PlatformPrincipal" {
			out[k] = v
		}
	}
	return out
}

// applicationLocked returns the application an ARN in a call to region r
// names, or the error SNS gives. The caller holds s.mu.
func (s *Server) applicationLocked(r region.Region, appARN string) (*platformApp, error) {
	a, err := parseARN("PlatformApplicationArn", appARN, "sns")
	if err != nil {
		return nil, err
	}
	if _, err := model.ParsePlatformApplicationARN(appARN); err != nil || a.Region != r {
		return nil, invalidParameter("Invalid parameter: PlatformApplicationArn")
	}
	app, ok := s.apps[appARN]
	if !ok {
		return nil, &types.NotFoundException{Message: aws.String("PlatformApplication does not exist")}
	}
	return app, nil
}

// endpointLocked returns the endpoint an ARN in a call to region r names,
// or the error SNS gives. The caller holds s.mu.
func (s *Server) endpointLocked(r region.Region, endpointARN string) (*platformEndpoint, error) {
	a, err := parseARN("EndpointArn", endpointARN, "sns")
	if err != nil {
		return nil, err
	}
	if _, err := model.ParsePlatformEndpointARN(endpointARN); err != nil || a.Region != r {
		return nil, invalidParameter("Invalid parameter: EndpointArn")
	}
	ep, ok := s.endpoints[endpointARN]
	if !ok {
		return nil, &types.NotFoundException{Message: aws.String("Endpoint does not exist")}
	}
	return ep, nil
}

// DisableEndpoint turns delivery to an endpoint off, as SNS does when the
// platform reports its token invalid: a publish to it then fails with
// EndpointDisabled until SetEndpointAttributes enables it again. It reports
// whether the endpoint exists.
func (s *Server) DisableEndpoint(endpointARN string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ep, ok := s.endpoints[endpointARN]
	if ok {
		ep.attrs["Enabled"] = "false"
	}
	return ok
}

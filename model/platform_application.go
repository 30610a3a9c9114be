package model

import (
	"strconv"
	"strings"
	"time"
)

// EndpointEvent is an event of a platform application's endpoints that SNS
// can announce on a topic: the attribute that names the topic.
type EndpointEvent string

// The endpoint events (SetPlatformApplicationAttributes API reference).
const (
	// EventEndpointCreated: an endpoint was added to the application.
	EventEndpointCreated EndpointEvent = "EventEndpointCreated"
	// EventEndpointDeleted: an endpoint was deleted.
	EventEndpointDeleted EndpointEvent = "EventEndpointDeleted"
	// EventEndpointUpdated: an endpoint's attributes changed (SNS disables
	// an endpoint whose token the platform rejects).
	EventEndpointUpdated EndpointEvent = "EventEndpointUpdated"
	// EventDeliveryFailure: a direct publish to one of the application's
	// endpoints failed permanently.
	EventDeliveryFailure EndpointEvent = "EventDeliveryFailure"
)

var endpointEvents = []EndpointEvent{EventEndpointCreated, EventEndpointDeleted, EventEndpointUpdated, EventDeliveryFailure}

// The other settable attributes of a platform application
// (SetPlatformApplicationAttributes API reference).
const (
	appAttrSuccessRole       = "SuccessFeedbackRoleArn"
	appAttrFailureRole       = "FailureFeedbackRoleArn"
	appAttrSuccessSampleRate = "SuccessFeedbackSampleRate"
	appAttrEnabled           = "Enabled"
	appAttrCertificateExpiry = "AppleCertificateExpiryDate"
	appAttrAuthentication    = "AuthenticationMethod"
)

// PlatformApplicationAttributes are the settings of a platform application
// beside its credentials. The zero value of each field leaves it unset.
type PlatformApplicationAttributes struct {
	// Topics (ARNs) SNS notifies of the application's endpoint events.
	EventEndpointCreated string
	EventEndpointDeleted string
	EventEndpointUpdated string
	EventDeliveryFailure string
	// SuccessFeedbackRoleARN and FailureFeedbackRoleARN are the IAM roles
	// SNS assumes to log delivery status to CloudWatch Logs.
	SuccessFeedbackRoleARN string
	FailureFeedbackRoleARN string
	// SuccessFeedbackSampleRate is the percentage (1 to 100) of successful
	// deliveries logged; 0 leaves it unset (use
	// [SetPlatformSuccessSampleRate] to set 0).
	SuccessFeedbackSampleRate int
}

// eventTopic returns the topic set for event e.
func (a PlatformApplicationAttributes) eventTopic(e EndpointEvent) string {
	switch e {
	case EventEndpointCreated:
		return a.EventEndpointCreated
	case EventEndpointDeleted:
		return a.EventEndpointDeleted
	case EventEndpointUpdated:
		return a.EventEndpointUpdated
	}
	return a.EventDeliveryFailure
}

// Validate checks every field that is set and reports every problem.
func (a PlatformApplicationAttributes) Validate() error {
	_, err := a.attributes()
	return err
}

// attributes returns the set fields as SNS attributes, every problem joined.
func (a PlatformApplicationAttributes) attributes() (map[string]string, error) {
	var c collector
	m := map[string]string{}
	for _, e := range endpointEvents {
		if arn := a.eventTopic(e); arn != "" {
			c.add(checkEventTopic(e, arn))
			m[string(e)] = arn
		}
	}
	for name, arn := range map[string]string{appAttrSuccessRole: a.SuccessFeedbackRoleARN, appAttrFailureRole: a.FailureFeedbackRoleARN} {
		if arn != "" {
			c.add(checkIAMRoleARN("PlatformApplication."+strings.TrimSuffix(name, "Arn")+"ARN", arn))
			m[name] = arn
		}
	}
	if a.SuccessFeedbackSampleRate != 0 {
		c.add(checkPercent("PlatformApplication.SuccessFeedbackSampleRate", a.SuccessFeedbackSampleRate))
		m[appAttrSuccessSampleRate] = strconv.Itoa(a.SuccessFeedbackSampleRate)
	}
	return m, c.err()
}

func checkEventTopic(e EndpointEvent, arn string) error {
	field := "PlatformApplication." + string(e)
	if _, err := ParseTopicARN(arn); err != nil {
		return invalid(field, RuleFormat, "an event is announced on a topic: want a topic ARN")
	}
	return nil
}

// checkPercent applies the 0 to 100 range of SNS's sample rates
// ("Sample rate percentage (0-100)").
func checkPercent(field string, n int) error {
	if n < 0 || n > 100 {
		return invalid(field, RuleRange, "%d is outside 0 to 100 percent", n)
	}
	return nil
}

// CreatePlatformApplicationRequest is a platform application to create:
// the app on one push platform that devices register with.
type CreatePlatformApplicationRequest struct {
	// Name is 1 to 256 letters, digits, '_', '-' and '.'.
	Name string
	// Platform is the push service: APNS, APNS_SANDBOX, GCM, ...
	Platform Platform
	// Credentials identify you to the platform; they must fit it.
	Credentials PlatformCredentials
	// Attributes are the optional settings.
	Attributes PlatformApplicationAttributes
}

// Validate checks the name, the platform, the credentials for it and the
// attributes, and reports every problem.
func (r CreatePlatformApplicationRequest) Validate() error {
	_, err := r.RevealAttributes()
	return err
}

// RevealAttributes validates the request and returns the Attributes map of
// CreatePlatformApplication, credentials in clear. It exists for the code
// that sends them; never log its result.
func (r CreatePlatformApplicationRequest) RevealAttributes() (map[string]string, error) {
	var c collector
	c.add(ValidateApplicationName(r.Name))
	if err := r.Platform.Validate(); err != nil {
		c.add(err)
	} else {
		c.add(r.Credentials.Validate(r.Platform))
	}
	attrs, err := r.Attributes.attributes()
	c.add(err)
	if err := c.err(); err != nil {
		return nil, err
	}
	for k, v := range r.Credentials.RevealAttributes() {
		attrs[k] = v
	}
	return attrs, nil
}

// PlatformApplicationChange is one change to an existing platform
// application. Build it with [SetPlatformCredentials],
// [SetEndpointEventTopic], [SetPlatformFeedbackRoles] or
// [SetPlatformSuccessSampleRate]; SetPlatformApplicationAttributes
// validates it against the application's platform and sends all changes in
// one call. Its fields are unexported: a change may hold credentials.
type PlatformApplicationChange struct {
	attrs map[string]string   // attribute name -> value, "" clears
	creds PlatformCredentials // SetPlatformCredentials
	err   error               // a problem found while building
}

// SetPlatformCredentials replaces the application's credentials, for
// example a renewed APNs certificate or a new FCM service account key.
func SetPlatformCredentials(c PlatformCredentials) PlatformApplicationChange {
	return PlatformApplicationChange{creds: c}
}

// SetEndpointEventTopic names the topic SNS notifies of event e of the
// application's endpoints; "" stops the notifications.
func SetEndpointEventTopic(e EndpointEvent, topicARN string) PlatformApplicationChange {
	ch := PlatformApplicationChange{attrs: map[string]string{string(e): topicARN}}
	switch {
	case !knownEvent(e):
		ch.err = invalid("PlatformApplication.Event", RuleFormat, "%q is not EventEndpointCreated, EventEndpointDeleted, EventEndpointUpdated or EventDeliveryFailure", shorten(string(e), 32))
	case topicARN != "":
		ch.err = checkEventTopic(e, topicARN)
	}
	return ch
}

func knownEvent(e EndpointEvent) bool {
	for _, k := range endpointEvents {
		if e == k {
			return true
		}
	}
	return false
}

// SetPlatformFeedbackRoles sets the IAM roles SNS assumes to log successful
// and failed deliveries to CloudWatch Logs; "" removes a role.
func SetPlatformFeedbackRoles(successRoleARN, failureRoleARN string) PlatformApplicationChange {
	var c collector
	if successRoleARN != "" {
		c.add(checkIAMRoleARN("PlatformApplication.SuccessFeedbackRoleARN", successRoleARN))
	}
	if failureRoleARN != "" {
		c.add(checkIAMRoleARN("PlatformApplication.FailureFeedbackRoleARN", failureRoleARN))
	}
	return PlatformApplicationChange{attrs: map[string]string{appAttrSuccessRole: successRoleARN, appAttrFailureRole: failureRoleARN}, err: c.err()}
}

// SetPlatformSuccessSampleRate sets the percentage (0 to 100) of successful
// deliveries SNS logs.
func SetPlatformSuccessSampleRate(percent int) PlatformApplicationChange {
	return PlatformApplicationChange{
		attrs: map[string]string{appAttrSuccessSampleRate: strconv.Itoa(percent)},
		err:   checkPercent("PlatformApplication.SuccessFeedbackSampleRate", percent),
	}
}

// Validate checks the change for an application of platform p: what was
// wrong when it was built, and credentials that fit p.
func (ch PlatformApplicationChange) Validate(p Platform) error {
	switch {
	case ch.err != nil:
		return ch.err
	case ch.attrs == nil && ch.creds.IsZero():
		return invalid("PlatformApplicationChange", RuleRequired, "build changes with SetPlatformCredentials, SetEndpointEventTopic, ...")
	case !ch.creds.IsZero():
		return ch.creds.Validate(p)
	}
	return nil
}

// RevealAttributes returns the attributes the change sets, credentials in
// clear. It exists for the code that sends them; never log its result.
func (ch PlatformApplicationChange) RevealAttributes() map[string]string {
	if !ch.creds.IsZero() {
		return ch.creds.RevealAttributes()
	}
	return ch.attrs
}

// Credentials returns the credentials the change sets, or the zero
// PlatformCredentials.
func (ch PlatformApplicationChange) Credentials() PlatformCredentials { return ch.creds }

// PlatformApplication is a platform application as SNS describes it
// (GetPlatformApplicationAttributes, ListPlatformApplications). SNS never
// returns the credentials; Raw keeps every other attribute as returned.
type PlatformApplication struct {
	// ARN identifies the application; Platform and Name come from it.
	ARN      string
	Platform Platform
	Name     string
	// Enabled is false when SNS disabled the application, for example after
	// its Apple certificate expired; publishing to its endpoints then fails
	// with PlatformApplicationDisabled.
	Enabled bool
	// Attributes are the settings beside the credentials.
	Attributes PlatformApplicationAttributes
	// AppleCertificateExpiryDate is when the APNs certificate expires
	// (certificate-based authentication); zero otherwise.
	AppleCertificateExpiryDate time.Time
	// AppleTeamID and AppleBundleID are the token-based authentication's
	// ApplePlatformTeamID and ApplePlatformBundleID.
	AppleTeamID, AppleBundleID string
	// AuthenticationMethod is how SNS authenticates with the platform
	// ("Token" or "Certificate" for Apple and FCM), as SNS reports it.
	AuthenticationMethod string
	// Raw holds the attributes as SNS returned them, PlatformCredential
	// and PlatformPrincipal left out should a peer return them (Baidu's
	// principal is its API key).
	Raw map[string]string
}

// ParsePlatformApplication reads an application's ARN and attributes as
// SNS returns them. Unknown or unparsable values stay in Raw only.
func ParsePlatformApplication(arn string, raw map[string]string) PlatformApplication {
	app := PlatformApplication{ARN: arn, Raw: map[string]string{}}
	for k, v := range raw {
		if k != appAttrPlatformCredential && k != appAttrPlatformPrincipal {
			app.Raw[k] = v
		}
	}
	if a, err := ParsePlatformApplicationARN(arn); err == nil {
		app.Platform, app.Name = a.Platform, a.Name
	}
	app.Enabled = raw[appAttrEnabled] != "false" // SNS reports "true" for a usable one; absent means not disabled
	at := &app.Attributes
	at.EventEndpointCreated = raw[string(EventEndpointCreated)]
	at.EventEndpointDeleted = raw[string(EventEndpointDeleted)]
	at.EventEndpointUpdated = raw[string(EventEndpointUpdated)]
	at.EventDeliveryFailure = raw[string(EventDeliveryFailure)]
	at.SuccessFeedbackRoleARN = raw[appAttrSuccessRole]
	at.FailureFeedbackRoleARN = raw[appAttrFailureRole]
	at.SuccessFeedbackSampleRate, _ = strconv.Atoi(raw[appAttrSuccessSampleRate])
	if t, err := time.Parse(time.RFC3339, raw[appAttrCertificateExpiry]); err == nil {
		app.AppleCertificateExpiryDate = t
	}
	app.AppleTeamID = raw[appAttrAppleTeamID]
	app.AppleBundleID = raw[appAttrAppleBundleID]
	app.AuthenticationMethod = raw[appAttrAuthentication]
	return app
}

// ListPlatformApplicationsResponse holds the platform applications of a
// region.
type ListPlatformApplicationsResponse struct {
	Applications []PlatformApplication
}

package snstest

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sns/schemas"
	stsschemas "github.com/aws/aws-sdk-go-v2/service/sts/schemas"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/traits"

	"github.com/go-sns/connector/region"
)

// maxRequestBody bounds what the fake reads of a request. The largest SNS
// request, a PublishBatch at the 1 MiB MaximumMessageSize, is under 4 MiB
// even when every byte is percent-encoded as three.
const maxRequestBody = 4 << 20

// service is an AWS query API the fake answers: SNS, and STS for
// GetCallerIdentity.
type service struct {
	schema      *smithy.ServiceSchema
	signingName string // the service of a SigV4 credential scope
}

var (
	snsService = service{schemas.AmazonSimpleNotificationService, "sns"}
	stsService = service{stsschemas.AWSSecurityTokenServiceV20110615, "sts"}
)

// An action is one operation of a query API: it decodes the operation's
// input from the form, calls the fake's method for it through the view of
// the request's region, and returns the output to encode.
type action struct {
	service service
	serve   func(ctx context.Context, api regionAPI, form *formNode) (smithy.Serializable, error)
}

// newAction makes the action of an operation answered by call, a method of
// regionAPI: the same code as in-process calls, reached as a client bound
// to the request's region reaches it.
func newAction[In any, Out smithy.Serializable, Opt any](svc service, input *smithy.Schema, call func(regionAPI, context.Context, *In, ...func(*Opt)) (Out, error)) action {
	return action{service: svc, serve: func(ctx context.Context, api regionAPI, form *formNode) (smithy.Serializable, error) {
		var in In
		if err := decodeForm(form, input, &in); err != nil {
			return nil, err
		}
		out, err := call(api, ctx, &in)
		if err != nil {
			return nil, err
		}
		return out, nil
	}}
}

// actions are the operations the fake serves over HTTP, by Action name.
var actions = map[string]action{
	"ConfirmSubscription":                newAction(snsService, schemas.ConfirmSubscriptionInput, regionAPI.ConfirmSubscription),
	"CreateTopic":                        newAction(snsService, schemas.CreateTopicInput, regionAPI.CreateTopic),
	"DeleteTopic":                        newAction(snsService, schemas.DeleteTopicInput, regionAPI.DeleteTopic),
	"GetSubscriptionAttributes":          newAction(snsService, schemas.GetSubscriptionAttributesInput, regionAPI.GetSubscriptionAttributes),
	"GetTopicAttributes":                 newAction(snsService, schemas.GetTopicAttributesInput, regionAPI.GetTopicAttributes),
	"ListSubscriptionsByTopic":           newAction(snsService, schemas.ListSubscriptionsByTopicInput, regionAPI.ListSubscriptionsByTopic),
	"ListTagsForResource":                newAction(snsService, schemas.ListTagsForResourceRequest, regionAPI.ListTagsForResource),
	"ListTopics":                         newAction(snsService, schemas.ListTopicsInput, regionAPI.ListTopics),
	"Publish":                            newAction(snsService, schemas.PublishInput, regionAPI.Publish),
	"PublishBatch":                       newAction(snsService, schemas.PublishBatchInput, regionAPI.PublishBatch),
	"SetSubscriptionAttributes":          newAction(snsService, schemas.SetSubscriptionAttributesInput, regionAPI.SetSubscriptionAttributes),
	"SetTopicAttributes":                 newAction(snsService, schemas.SetTopicAttributesInput, regionAPI.SetTopicAttributes),
	"Subscribe":                          newAction(snsService, schemas.SubscribeInput, regionAPI.Subscribe),
	"TagResource":                        newAction(snsService, schemas.TagResourceRequest, regionAPI.TagResource),
	"Unsubscribe":                        newAction(snsService, schemas.UnsubscribeInput, regionAPI.Unsubscribe),
	"UntagResource":                      newAction(snsService, schemas.UntagResourceRequest, regionAPI.UntagResource),
	"ListSubscriptions":                  newAction(snsService, schemas.ListSubscriptionsInput, regionAPI.ListSubscriptions),
	"AddPermission":                      newAction(snsService, schemas.AddPermissionInput, regionAPI.AddPermission),
	"RemovePermission":                   newAction(snsService, schemas.RemovePermissionInput, regionAPI.RemovePermission),
	"GetDataProtectionPolicy":            newAction(snsService, schemas.GetDataProtectionPolicyInput, regionAPI.GetDataProtectionPolicy),
	"PutDataProtectionPolicy":            newAction(snsService, schemas.PutDataProtectionPolicyInput, regionAPI.PutDataProtectionPolicy),
	"CreatePlatformApplication":          newAction(snsService, schemas.CreatePlatformApplicationInput, regionAPI.CreatePlatformApplication),
	"GetPlatformApplicationAttributes":   newAction(snsService, schemas.GetPlatformApplicationAttributesInput, regionAPI.GetPlatformApplicationAttributes),
	"SetPlatformApplicationAttributes":   newAction(snsService, schemas.SetPlatformApplicationAttributesInput, regionAPI.SetPlatformApplicationAttributes),
	"DeletePlatformApplication":          newAction(snsService, schemas.DeletePlatformApplicationInput, regionAPI.DeletePlatformApplication),
	"ListPlatformApplications":           newAction(snsService, schemas.ListPlatformApplicationsInput, regionAPI.ListPlatformApplications),
	"CreatePlatformEndpoint":             newAction(snsService, schemas.CreatePlatformEndpointInput, regionAPI.CreatePlatformEndpoint),
	"GetEndpointAttributes":              newAction(snsService, schemas.GetEndpointAttributesInput, regionAPI.GetEndpointAttributes),
	"SetEndpointAttributes":              newAction(snsService, schemas.SetEndpointAttributesInput, regionAPI.SetEndpointAttributes),
	"DeleteEndpoint":                     newAction(snsService, schemas.DeleteEndpointInput, regionAPI.DeleteEndpoint),
	"ListEndpointsByPlatformApplication": newAction(snsService, schemas.ListEndpointsByPlatformApplicationInput, regionAPI.ListEndpointsByPlatformApplication),
	"GetSMSAttributes":                   newAction(snsService, schemas.GetSMSAttributesInput, regionAPI.GetSMSAttributes),
	"SetSMSAttributes":                   newAction(snsService, schemas.SetSMSAttributesInput, regionAPI.SetSMSAttributes),
	"CheckIfPhoneNumberIsOptedOut":       newAction(snsService, schemas.CheckIfPhoneNumberIsOptedOutInput, regionAPI.CheckIfPhoneNumberIsOptedOut),
	"ListPhoneNumbersOptedOut":           newAction(snsService, schemas.ListPhoneNumbersOptedOutInput, regionAPI.ListPhoneNumbersOptedOut),
	"OptInPhoneNumber":                   newAction(snsService, schemas.OptInPhoneNumberInput, regionAPI.OptInPhoneNumber),
	"GetSMSSandboxAccountStatus":         newAction(snsService, schemas.GetSMSSandboxAccountStatusInput, regionAPI.GetSMSSandboxAccountStatus),
	"CreateSMSSandboxPhoneNumber":        newAction(snsService, schemas.CreateSMSSandboxPhoneNumberInput, regionAPI.CreateSMSSandboxPhoneNumber),
	"VerifySMSSandboxPhoneNumber":        newAction(snsService, schemas.VerifySMSSandboxPhoneNumberInput, regionAPI.VerifySMSSandboxPhoneNumber),
	"DeleteSMSSandboxPhoneNumber":        newAction(snsService, schemas.DeleteSMSSandboxPhoneNumberInput, regionAPI.DeleteSMSSandboxPhoneNumber),
	"ListSMSSandboxPhoneNumbers":         newAction(snsService, schemas.ListSMSSandboxPhoneNumbersInput, regionAPI.ListSMSSandboxPhoneNumbers),
	"ListOriginationNumbers":             newAction(snsService, schemas.ListOriginationNumbersRequest, regionAPI.ListOriginationNumbers),

	"GetCallerIdentity": newAction(stsService, stsschemas.GetCallerIdentityRequest, regionAPI.GetCallerIdentity),
}

// ServeHTTP answers Amazon SNS's query API, as the SDK's client speaks it,
// so code that holds a raw *sns.Client can be tested against the fake:
//
//	srv := httptest.NewServer(snstest.New())
//	defer srv.Close()
//	client := sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = aws.String(srv.URL) })
//
// Every operation the fake implements is served, and STS's
// GetCallerIdentity, with SNS's XML responses and errors: the client
// decodes a missing topic into *types.NotFoundException, its retryer sees
// the HTTP status SNS would send, and [Server.Calls], [Server.FailNext],
// the interceptor and the records work as for calls in process. A request
// goes to the region of its SigV4 credential scope (the client's region),
// or the fake's default region when it is not signed; the signature itself
// is not checked. Requests are form-encoded POSTs of at most 4 MiB.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newUUID()
	w.Header().Set("x-amzn-RequestId", requestID)
	req, err := s.route(w, r)
	if err != nil {
		writeError(w, req.action.service, requestID, toWire(err))
		return
	}
	out, err := req.action.serve(r.Context(), regionAPI{s: s, region: req.region}, req.form)
	if err != nil {
		writeError(w, req.action.service, requestID, toWire(err))
		return
	}
	writeResult(w, req.action.service, requestID, req.name, out)
}

// request is a request routed to an action.
type request struct {
	name   string // the Action
	action action
	form   *formNode
	region region.Region
}

// protocolError is a request the fake refuses before any operation sees
// it, with its HTTP status.
type protocolError struct {
	smithy.GenericAPIError
	status int
}

// HTTPStatusCode is the status the error is sent with.
func (e *protocolError) HTTPStatusCode() int { return e.status }

func reject(status int, code, message string) error {
	return &protocolError{smithy.GenericAPIError{Code: code, Message: message, Fault: smithy.FaultClient}, status}
}

// route reads the request's form and finds its action and region. Before
// the action is known, errors are SNS's.
func (s *Server) route(w http.ResponseWriter, r *http.Request) (request, error) {
	req := request{action: action{service: snsService}}
	if r.Method != http.MethodPost {
		return req, reject(http.StatusMethodNotAllowed, "MethodNotAllowed", "The fake takes query requests as form-encoded POSTs, not "+clip(r.Method))
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return req, reject(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "The request body is larger than 4 MiB.")
		}
		return req, reject(http.StatusBadRequest, "InvalidQueryParameter", "The request body could not be read.")
	}
	form, err := url.ParseQuery(string(b))
	if err != nil {
		return req, reject(http.StatusNotFound, "MalformedQueryString", "The query string contains a syntax error.")
	}
	req.name = form.Get("Action")
	if req.name == "" {
		return req, reject(http.StatusBadRequest, "MissingAction", "The request is missing an action.")
	}
	act, ok := actions[req.name]
	if !ok {
		return req, reject(http.StatusBadRequest, "InvalidAction", "The action "+clip(req.name)+" is not valid for this endpoint.")
	}
	req.action = act
	if v, want := form.Get("Version"), act.service.schema.Version; v != want {
		return req, reject(http.StatusBadRequest, "InvalidParameterValue", "The Version of "+req.name+" is "+want+", not "+clip(v)+".")
	}
	if req.region, err = s.signedRegion(r, act.service); err != nil {
		return req, err
	}
	req.form = newFormTree(form)
	return req, nil
}

// signedRegion returns the region of the request's SigV4 credential scope,
// "Credential=AKID/20260101/us-east-1/sns/aws4_request", as SNS serves the
// region a request is signed for; an unsigned request goes to the fake's
// default region.
func (s *Server) signedRegion(r *http.Request, svc service) (region.Region, error) {
	_, cred, ok := strings.Cut(r.Header.Get("Authorization"), "Credential=")
	if !ok {
		return s.region, nil
	}
	cred, _, _ = strings.Cut(cred, ",")
	scope := strings.Split(strings.TrimSpace(cred), "/")
	if len(scope) != 5 || scope[4] != "aws4_request" {
		return "", reject(http.StatusBadRequest, "IncompleteSignature", "The credential scope is not ACCESS_KEY/DATE/REGION/SERVICE/aws4_request.")
	}
	rgn := region.Region(scope[2])
	if rgn.Validate() != nil {
		return "", reject(http.StatusForbidden, "SignatureDoesNotMatch", "Credential should be scoped to a valid region.")
	}
	if scope[3] != svc.signingName {
		return "", reject(http.StatusForbidden, "SignatureDoesNotMatch", "Credential should be scoped to correct service: '"+svc.signingName+"'.")
	}
	return rgn, nil
}

// namespace is the service's XML namespace.
func (svc service) namespace() string {
	ns, _ := smithy.SchemaTrait[*traits.XMLNamespace](svc.schema.Schema)
	if ns == nil {
		return ""
	}
	return ns.URI
}

// writeResult writes <OpResponse><OpResult>...</OpResult>
// <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>
// </OpResponse>, without OpResult for an operation that has no output.
func writeResult(w http.ResponseWriter, svc service, requestID, op string, out smithy.Serializable) {
	result := xmlResult{root: op + "Result"}
	out.Serialize(&result)
	var b bytes.Buffer
	b.WriteString(`<` + op + `Response xmlns="` + svc.namespace() + `">`)
	b.Write(result.Bytes())
	b.WriteString(`<ResponseMetadata><RequestId>` + requestID + `</RequestId></ResponseMetadata></` + op + `Response>`)
	w.Header().Set("Content-Type", "text/xml")
	w.Write(b.Bytes()) // the client may be gone; nothing to do then
}

func writeError(w http.ResponseWriter, svc service, requestID string, e wireError) {
	var b bytes.Buffer
	b.WriteString(`<ErrorResponse xmlns="` + svc.namespace() + `"><Error><Type>` + e.kind + `</Type><Code>`)
	xml.EscapeText(&b, []byte(e.code))
	b.WriteString(`</Code><Message>`)
	xml.EscapeText(&b, []byte(e.message))
	b.WriteString(`</Message></Error><RequestId>` + requestID + `</RequestId></ErrorResponse>`)
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(e.status)
	w.Write(b.Bytes())
}

package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/internal/arn"
)

// credentialsSource is the Source of credentials this package makes.
const credentialsSource = "IAMRolesAnywhere"

// maxResponseSize caps what is read of an answer: a real one is about 2 KB.
const maxResponseSize = 1 << 20

// errMalformedResponse marks answers that are not what the API documents.
var errMalformedResponse = errors.New("malformed CreateSession response")

// sessionResponse is the part of CreateSession's answer we use.
type sessionResponse struct {
	CredentialSet []struct {
		AssumedRoleUser struct {
			Arn string `json:"arn"`
		} `json:"assumedRoleUser"`
		Credentials struct {
			AccessKeyID     string `json:"accessKeyId"`
			SecretAccessKey string `json:"secretAccessKey"`
			SessionToken    string `json:"sessionToken"`
			Expiration      string `json:"expiration"`
		} `json:"credentials"`
		RoleArn string `json:"roleArn"`
	} `json:"credentialSet"`
}

// parseSessionResponse turns an HTTP answer into credentials or a
// *RolesAnywhereError. It never panics, and its errors never quote the
// body (which holds secrets on success).
func parseSessionResponse(status int, header http.Header, body []byte) (aws.Credentials, error) {
	if status < 200 || status > 299 {
		return aws.Credentials{}, parseErrorResponse(status, header, body)
	}
	var r sessionResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return aws.Credentials{}, fmt.Errorf("%w: HTTP %d with a body that is not the documented JSON", errMalformedResponse, status)
	}
	if len(r.CredentialSet) == 0 {
		return aws.Credentials{}, fmt.Errorf("%w: empty credentialSet", errMalformedResponse)
	}
	set := r.CredentialSet[0]
	c := set.Credentials
	var missing []string
	for name, v := range map[string]string{"accessKeyId": c.AccessKeyID, "secretAccessKey": c.SecretAccessKey, "sessionToken": c.SessionToken, "expiration": c.Expiration} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return aws.Credentials{}, fmt.Errorf("%w: credentials without %s", errMalformedResponse, strings.Join(missing, ", "))
	}
	exp, err := time.Parse(time.RFC3339, c.Expiration)
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("%w: expiration %q is not RFC 3339", errMalformedResponse, c.Expiration)
	}
	account := ""
	for _, s := range []string{set.AssumedRoleUser.Arn, set.RoleArn} {
		if a, err := arn.Parse(s, "", arn.AnyScope); err == nil {
			account = a.AccountID
			break
		}
	}
	return aws.Credentials{
		AccessKeyID:     c.AccessKeyID,
		SecretAccessKey: c.SecretAccessKey,
		SessionToken:    c.SessionToken,
		Source:          credentialsSource,
		CanExpire:       true,
		Expires:         exp,
		AccountID:       account,
	}, nil
}

// parseErrorResponse reads a restJson1 error: the code from
// X-Amzn-ErrorType (without its ":..." suffix), else the body's __type
// (without its "namespace#" prefix) or code; the message from message or
// Message.
func parseErrorResponse(status int, header http.Header, body []byte) *RolesAnywhereError {
	e := &RolesAnywhereError{StatusCode: status, RequestID: header.Get("X-Amzn-Requestid")}
	var b struct {
		Type     string `json:"__type"`
		Code     string `json:"code"`
		CodeU    string `json:"Code"`
		Message  string `json:"message"`
		MessageU string `json:"Message"`
	}
	_ = json.Unmarshal(body, &b) // a non-JSON body (a proxy's HTML page) leaves b empty
	code := header.Get("X-Amzn-Errortype")
	for _, c := range []string{b.Type, b.Code, b.CodeU} {
		if code == "" {
			code = c
		}
	}
	code, _, _ = strings.Cut(code, ":")
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	if code == "" {
		code = "HTTP" + fmt.Sprint(status)
		if t := http.StatusText(status); t != "" {
			code = strings.ReplaceAll(t, " ", "")
		}
	}
	e.Code = code
	e.Message = b.Message
	if e.Message == "" {
		e.Message = b.MessageU
	}
	const maxMessage = 1024
	if len(e.Message) > maxMessage {
		e.Message = e.Message[:maxMessage] + "..."
	}
	return e
}

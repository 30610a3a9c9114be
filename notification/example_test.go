package notification_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/go-sns/connector/notification"
)

// A handler for an SNS HTTPS subscription: it verifies every request and
// hands verified notifications to the callback.
func ExampleNewHandler() {
	v, err := notification.NewVerifier(notification.WithTopics("arn:aws:sns:eu-west-1:123456789012:orders"))
	if err != nil {
		fmt.Println(err)
		return
	}
	h := notification.NewHandler(v, func(ctx context.Context, m *notification.Message) error {
		fmt.Println("received", m.MessageID)
		return nil
	}) // add notification.WithConfirmer(client) to confirm subscriptions
	// http.Handle("/sns", h)

	// A forged request is refused before the callback runs.
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/sns", strings.NewReader(`{"Type":"Notification"}`)))
	fmt.Println(w.Code)
	// Output: 403
}

// Verify names the rule a body broke.
func ExampleVerifier_Verify() {
	v, _ := notification.NewVerifier(notification.WithTopics("arn:aws:sns:eu-west-1:123456789012:orders"))
	body := `{"Type":"Notification","MessageId":"1","TopicArn":"arn:aws:sns:eu-west-1:123456789012:orders",
		"Message":"hi","Timestamp":"2026-01-01T00:00:00.000Z","SignatureVersion":"1","Signature":"AAAA",
		"SigningCertURL":"https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem"}`
	_, err := v.Verify(context.Background(), []byte(body))
	var ve *notification.VerificationError
	if errors.As(err, &ve) {
		fmt.Println(errors.Is(err, notification.ErrNotVerified), ve.Rule)
	}
	// Output: true timestamp
}

func ExampleSigningCertNames() {
	fmt.Println(notification.SigningCertNames("us-east-1"))
	fmt.Println(notification.SigningCertNames("eu-south-1"))
	fmt.Println(notification.SigningCertNames("cn-north-1"))
	fmt.Println(notification.SigningCertNames("us-gov-east-1"))
	// Output:
	// [sns.amazonaws.com]
	// [sns-signing.eu-south-1.amazonaws.com]
	// [sns-cn-north-1.amazonaws.com.cn]
	// [sns-us-gov-west-1.amazonaws.com]
}

package snstest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/region"
)

// timestampLayout is the form of an envelope's Timestamp.
const timestampLayout = "2006-01-02T15:04:05.000Z"

// body returns what the subscription's endpoint receives for a delivery.
func (s *Server) body(t *topic, sub *subscription, d *Delivery) string {
	if d.Type == TypeNotification {
		if d.Raw {
			return d.Message
		}
		switch sub.protocol {
		case "email", "sms", "application":
			// These endpoints get the message text, not the JSON document.
			return d.Message
		}
	} else if sub.protocol == "email" {
		return d.Message + "\n\n" + subscribeURL(t, d.Token)
	}
	e := Envelope{
		Type:      d.Type,
		MessageID: d.MessageID,
		TopicARN:  t.arn,
		Subject:   d.Subject,
		Message:   d.Message,
		Timestamp: d.Time.UTC().Format(timestampLayout),
	}
	if d.Type == TypeSubscriptionConfirmation {
		e.Token = d.Token
		e.SubscribeURL = subscribeURL(t, d.Token)
	} else {
		e.UnsubscribeURL = endpointURL(t.region) + "/?Action=Unsubscribe&SubscriptionArn=" + sub.arn
	}
	if t.fifo {
		// FIFO topics put a sequence number where standard topics sign.
		e.SequenceNumber = d.SequenceNumber
	} else {
		// Signed for real, with the fake's test certificate: a Verifier
		// given Server.VerifierOptions accepts it, any other refuses it.
		version := t.attrs["SignatureVersion"]
		if version == "" {
			version = "1"
		}
		theSigner().sign(&e, t.region, version)
	}
	if len(d.Attributes) > 0 {
		e.MessageAttributes = make(map[string]EnvelopeAttribute, len(d.Attributes))
		for name, a := range d.Attributes {
			v := aws.ToString(a.StringValue)
			if a.BinaryValue != nil {
				v = base64.StdEncoding.EncodeToString(a.BinaryValue)
			}
			e.MessageAttributes[name] = EnvelopeAttribute{Type: aws.ToString(a.DataType), Value: v}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // SNS does not escape <, > and &
	enc.Encode(e)            // strings and maps of strings always encode
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// endpointURL is the region's SNS endpoint.
func endpointURL(r region.Region) string {
	return "https://sns." + string(r) + "." + r.Partition().DNSSuffix()
}

func subscribeURL(t *topic, token string) string {
	return endpointURL(t.region) + "/?Action=ConfirmSubscription&TopicArn=" + url.QueryEscape(t.arn) + "&Token=" + token
}

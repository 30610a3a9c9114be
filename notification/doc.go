// Package notification is the receive side of Amazon SNS: it verifies that a
// message claiming to come from SNS really does, for HTTP/S subscription
// endpoints and for the envelopes SNS puts in SQS queues, and confirms
// subscriptions safely.
//
//	v, err := notification.NewVerifier(notification.WithTopics(topicARN))
//	h := notification.NewHandler(v, func(ctx context.Context, m *notification.Message) error {
//		return process(ctx, m.Message, m.Attributes)
//	}, notification.WithConfirmer(client)) // an *snsconnector.Client
//	http.Handle("/sns", h)
//
// For a message read from SQS (a subscription without raw delivery),
// [Verifier.Verify] takes the SQS message body as it is.
//
// # What each check stops
//
// Verification is strict by default; each check answers an attack seen in
// the wild against other libraries:
//
//   - Size and shape: a huge or malformed body cannot exhaust memory or be
//     read two ways (duplicate fields, trailing data, case-insensitive
//     names are refused).
//   - Topic allow-list: anyone can create a topic, subscribe your endpoint
//     and have SNS sign its messages; only your topics are accepted.
//   - Timestamp: a captured message cannot be replayed after the maximum
//     age.
//   - Certificate URL: only https from the SNS endpoint of the topic's own
//     region, compared as a whole host, not a pattern. This stops
//     certificates placed in an S3 bucket ("sns.s3-us-east-1.amazonaws.com",
//     "s3.amazonaws.com"), look-alike hosts
//     ("sns.us-east-1.amazonaws.com.evil.example"), plain http, ports,
//     userinfo and queries, and keeps the Verifier from being used to
//     reach other hosts (SSRF). Redirects are held to the same rule.
//   - Certificate: it must chain to a trusted root through Amazon's
//     intermediates, be valid now, carry the name SNS signs with in the
//     topic's region ([SigningCertNames]) and hold an RSA key of at least
//     2048 bits: a certificate for any other name, even one a public CA
//     issued, signs nothing.
//   - Signature: SignatureVersion 1 (SHA-1) or 2 (SHA-256) with RSA,
//     checked with rsa.VerifyPKCS1v15 over the fields SNS signs, built as
//     SNS builds them. Changing any signed field breaks it.
//   - Unsigned envelopes (FIFO topics to SQS) are refused with
//     [ErrUnsigned], never accepted silently.
//
// Certificates are fetched once per URL, concurrently shared, cached in a
// bounded LRU, with a timeout and a size limit. Every failure is a
// *[VerificationError] that matches [ErrNotVerified], names the rule and
// quotes nothing from the body.
//
// # What is not signed
//
// SNS does not sign MessageAttributes: [Message.Attributes] are decoded and
// typed but not authenticated, even after a successful Verify. The
// SubscribeURL and UnsubscribeURL are signed, but this package visits
// neither: confirming by URL lets a forged URL make the receiver fetch
// anything (two CVEs came from that), and visiting an UnsubscribeURL
// subscribes again. Confirm with the Token through [WithConfirmer].
//
// # At least once
//
// SNS delivers each message at least once: retries reuse the MessageId, so
// the callback may see a message twice. [WithDeduplication] drops repeats
// within a window, in memory; the callback should still be idempotent.
//
// # Testing
//
// snsconnector/snstest signs the notifications it delivers with a test
// certificate; its Server's VerifierOptions method returns the options a
// Verifier needs to trust them, so a handler is tested end to end.
package notification

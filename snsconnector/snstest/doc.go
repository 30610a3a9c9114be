// Package snstest is an in-memory Amazon SNS for tests: a [Server]
// implements [snsconnector.API] with the behaviour of the real service, so
// code that publishes through an [snsconnector.Client] (or calls the SDK
// interface directly) can be tested without a network, an emulator or an
// AWS account, and the test can read back what SNS would have delivered.
//
//	fake := snstest.New()
//	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
//	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{
//		TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
//		Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:orders-queue"),
//		Attributes: map[string]string{"RawMessageDelivery": "true"},
//	})
//	client, _ := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
//	// ... the code under test publishes through client ...
//	for _, d := range fake.Deliveries(*sub.SubscriptionArn) { ... }
//
// What it models, each checked against the SNS API reference and developer
// guide: ARNs as SNS builds them (partition from the region, configurable
// account); topics per region, so a topic in eu-west-1 is not found through
// us-east-1; idempotent CreateTopic that refuses different attributes or
// tags; topic name, attribute and tag rules; pages of 100 with NextToken;
// Publish and PublishBatch validation with the SDK's modeled error types
// (*types.NotFoundException, *types.InvalidParameterException,
// *types.TooManyEntriesInBatchRequestException, ...) inside
// *smithy.OperationError as the real client returns them; FIFO topics
// (group ID required, deduplication by ID or content within five minutes of
// an injectable clock, increasing sequence numbers); MessageStructure json;
// subscriptions confirmed at once or pending with a token the test can read;
// filter policies on attributes or body; raw delivery or the JSON envelope.
// Beyond topics, every other SNS operation, in memory: platform
// applications and their endpoints (credentials never reported back; a
// push to a disabled endpoint fails with *types.EndpointDisabledException,
// see [Server.DisableEndpoint]), the account's SMS attributes, opt-outs
// ([Server.OptOut]), the SMS sandbox with its one-time passwords
// ([Server.SandboxOneTimePassword], [Server.SetSMSSandbox]), origination
// numbers ([Server.AddOriginationNumber]), ListSubscriptions,
// AddPermission and RemovePermission in the topic's Policy, data protection
// policies, and FIFO archive and replay attributes (BeginningArchiveTime;
// a replay is reported Completed at once, as the fake redelivers nothing).
//
// The rules it holds its input to are the model's own (package model):
// topic names, attributes and tags, messages, SMS, subscriptions, filter
// policies and ARNs are refused by the fake exactly when a Client would
// refuse them before sending, and answered in SNS's words. What only the
// wire carries (an empty Subject parameter, batch entry Ids, attribute
// names SNS does not know) the fake checks itself; the one thing SNS takes
// and the client refuses on purpose, credentials in an http endpoint URL,
// the fake takes too.
//
// A Server is also a [net/http.Handler] for SNS's query API (and STS's
// GetCallerIdentity), so code that holds a raw *sns.Client, or a Client
// made with snsconnector.WithEndpoint, runs its SDK serializer, retryer and
// error decoding against the fake ([Server.ServeHTTP]):
//
//	srv := httptest.NewServer(snstest.New())
//	defer srv.Close()
//	client := sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = aws.String(srv.URL) })
//
// Fan-out is recorded: [Server.Deliveries] returns what each confirmed
// subscription whose filter policy matched received, and [Server.Published]
// what each topic accepted. To make the code under test meet failures,
// [Server.FailNext], [Server.SetInterceptor] and [Server.SetEntryFault]
// inject errors.
//
// Envelopes are signed as SNS signs them (SignatureVersion 1 or 2, the
// topic's attribute), with a test certificate the fake makes itself;
// [Server.VerifierOptions] makes a notification.Verifier trust it. http and
// https subscriptions on loopback (an httptest server) also get real POSTs
// with SNS's headers, the SubscriptionConfirmation included, so a
// notification.Handler is tested end to end; see [Server.HTTPAttempts] and
// [Server.WaitHTTPDeliveries]. Endpoints off loopback are never contacted.
//
// A Server is safe for concurrent use. It runs a goroutine only while it
// has HTTP deliveries to make, and a loopback TLS server once
// VerifierOptions is called; [Server.Close] stops both. The
// conformance suite in internal/harness/conformance runs the same behaviour tests
// against it and against the fauxqs emulator.
package snstest

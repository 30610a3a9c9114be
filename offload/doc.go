// Package offload sends messages larger than Amazon SNS takes through
// Amazon S3, the "extended client" way, compatible on the wire with AWS's
// libraries: the Java and Python SNS extended clients that publish, and
// the Java and Python SQS extended clients that receive
// (awslabs/amazon-sns-java-extended-client-lib,
// amazon-sns-python-extended-client-lib,
// amazon-sqs-java-extended-client-lib,
// amazon-sqs-python-extended-client-lib, and
// payload-offloading-java-common-lib, which they share).
//
// Publishing: give snsconnector.WithPayloadOffloading a [Store] (an
// [*S3Store]) and [Settings]; every publish path of the client then
// applies [Apply] to each message. A message whose payload is over the
// threshold (SNS's limit for the topic by default) has its body stored as
// an object and replaced by a pointer to it.
//
// Receiving: [S3Store.Resolve] turns a received body back into the
// payload, and returns any other body unchanged. The SNS to SQS
// subscription needs raw message delivery, for this package as for the
// AWS clients: the pointer must be the SQS message's body and the size
// attribute one of its attributes.
//
// # Wire format
//
// The body of an offloaded message is exactly what the Java libraries
// write (Jackson's compact JSON of a PayloadS3Pointer, class name first):
//
//	["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"my-bucket","s3Key":"sns/1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b"}]
//
// and it carries one more message attribute, [AttributeName]
// (ExtendedPayloadSize; [LegacyAttributeName], SQSLargePayloadSize, with
// [WithLegacyAttribute]), of type Number, holding the UTF-8 byte length of
// the original body alone. The object holds the body's bytes. Subject,
// attributes and FIFO group and deduplication IDs are the message's own.
//
// On a FIFO topic with content-based deduplication, SNS deduplicates on a
// hash of the body, which for an offloaded message is the pointer: each
// publish stores a new object under a new key, so two publishes of the
// same large payload are never deduplicated. Give such messages a
// DeduplicationID.
package offload
